"""A session's handout: the agenda on its first page, then each case's handout, as one PDF."""

from __future__ import annotations

import os
from collections.abc import Mapping

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase, show
from viewer.draw.theme import Theme
from viewer.export.figures import Decoded
from viewer.export.handout import HandoutPlan, plan_agenda_page
from viewer.export.pdf import Part, Progress, case_part, export_parts
from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda


def shown_cases(outcomes: list[AgendaCaseOutcome], *, unknown: bool = False) -> dict[int, tuple[ShownCase, Disclosure]]:
    """Each case that can be shown, by its index, as the session's handout shows it: an unknown case
    (or every case, with `unknown`) withheld as its talk begins."""
    cases: dict[int, tuple[ShownCase, Disclosure]] = {}
    for outcome in outcomes:
        if outcome.record is not None:
            shown = show(outcome.record)
            cases[outcome.index] = (shown, shown.disclosure(unknown=unknown or outcome.entry.unknown))
    return cases


def export_agenda_pdf(
    agenda: LoadedAgenda,
    outcomes: list[AgendaCaseOutcome],
    path: str | os.PathLike[str],
    theme: Theme,
    paper: str | None = None,
    *,
    unknown: bool = False,
    progress: Progress | None = None,
    figures: Mapping[int, Decoded] | None = None,
) -> int:
    """Write the session's handout to `path`: the agenda page, then the handout of each case that can
    be shown, an unknown case (or every case, with `unknown`) withheld as its talk begins. A case that
    cannot be shown is listed, with why, on the agenda page. Each case's figures are read from its
    record's folder as its layout begins, unless `figures` holds them decoded, by the case's index.
    Returns the number of pages. Raises WriteError."""
    cases = shown_cases(outcomes, unknown=unknown)
    listed: list[tuple[str, str]] = []
    parts: list[Part] = []
    for outcome in outcomes:
        hidden = unknown or outcome.entry.unknown
        minutes = f"{outcome.entry.minutes} min" + (", unknown case" if hidden else "")
        if outcome.index not in cases:
            # The file's name and the record's problems could name the diagnosis.
            listed.append((outcome.room_title(hidden), f"{minutes}; cannot be shown: {outcome.room_failure(hidden)}"))
            continue
        shown, disclosure = cases[outcome.index]
        listed.append((disclosure.title, minutes))
        decoded = None if figures is None else figures.get(outcome.index)
        parts.append(case_part(shown, disclosure, theme, folder=outcome.path.parent, figures=decoded))
    session = agenda.agenda

    def front(family: str, _figure: float, _column: float, _tallest: float) -> HandoutPlan:
        return plan_agenda_page(session.title, session.date, listed, theme, family)

    cover = Part(front, None, session.title, theme)
    return export_parts([cover, *parts], path, session.title, paper, progress=progress)
