"""The CARE checklist (the 2013 case-report guideline's 13 items) for a case record.

Each item is covered, partly covered or not covered by what the record holds, by the
rules below (the README writes them down); `by` names the fields and items that cover it.
The rules judge only what the record holds: a record faithful to a short abstract leaves
items uncovered that the full article may cover.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

import msgspec

from viewer.record.model import CaseRecord, DiscussionKind, DiscussionPoint, FindingKind, Sex, TimedItem, timed_items
from viewer.record.sentences import split_sentences
from viewer.record.timing import Precision, resolve_times


class Coverage(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    NOT_COVERED = "not covered"


class CareItem(msgspec.Struct, frozen=True):
    number: int
    name: str
    coverage: Coverage
    reason: str
    """Why, in a sentence."""
    by: list[str] = []
    """The fields and items (by id) that cover it."""


Rule = Callable[[CaseRecord], tuple[Coverage, str, list[str]]]


def _ids(items: Sequence[TimedItem | DiscussionPoint]) -> list[str]:
    return [item.id for item in items]


def _title(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    if "case report" in record.title.lower():
        return Coverage.COVERED, "the title says it is a case report", ["title"]
    return Coverage.PARTLY, "the title does not say “case report”", ["title"]


def _keywords(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    words = [f"keywords: {keyword.text}" for keyword in record.keywords]
    if len(words) >= 2:
        return Coverage.COVERED, f"{len(words)} keywords", words
    if words:
        return Coverage.PARTLY, "one keyword; CARE asks for two to five", words
    return Coverage.NOT_COVERED, "no keywords", []


def _abstract(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    headings = [s for s in split_sentences(record.source.text) if s.furniture and s.text.lower() == "abstract"]
    if headings:
        return Coverage.COVERED, "the source text is an abstract", [f"source.text (line {headings[0].line})"]
    return Coverage.NOT_COVERED, "the source text has no “Abstract” heading", []


def _introduction(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    background = [p for p in record.discussion if p.category == DiscussionKind.DISCUSSION]
    if background:
        return Coverage.COVERED, "discussion points give the background", _ids(background)
    if record.discussion:
        return Coverage.PARTLY, "only teaching points, no background", []
    return Coverage.NOT_COVERED, "no discussion points", []


def _patient(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    patient = record.patient
    by = ["patient"] + [f"history: {item_id}" for item_id in _ids(record.history)]
    missing = [
        name
        for name, absent in (("age", patient.age_years is None), ("sex", patient.sex == Sex.NOT_REPORTED))
        if absent
    ]
    if not record.history:
        missing.append("history")
    if not missing:
        return Coverage.COVERED, "age, sex and history", by
    return Coverage.PARTLY, f"no {' or '.join(missing)}", by


def _findings(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    examined = [f for f in record.findings if f.category == FindingKind.EXAMINATION]
    symptoms = [f for f in record.findings if f.category == FindingKind.SYMPTOM]
    if examined:
        return Coverage.COVERED, "examination findings", _ids(examined + symptoms)
    if symptoms:
        return Coverage.PARTLY, "symptoms only, no examination findings", _ids(symptoms)
    return Coverage.NOT_COVERED, "no examination findings or symptoms", []


def _timeline(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    items = [item for _, item in timed_items(record)]
    if not items:
        return Coverage.NOT_COVERED, "no timed items", []
    start = resolve_times(record).start
    timed = [item.id for item in items if start[item.id].precision <= Precision.APPROXIMATE]
    share = f"{len(timed)} of {len(items)} timed items placed in time (exact or approximate)"
    if 2 * len(timed) >= len(items):
        return Coverage.COVERED, share, timed
    if len(timed) < len(items):
        return Coverage.PARTLY, f"{share}; most are in order only", timed
    return Coverage.NOT_COVERED, share, timed  # pragma: no cover - a record with items has a share


def _diagnosis(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    tests = _ids(record.serologies) + _ids(
        [f for f in record.findings if f.category in (FindingKind.IMAGING, FindingKind.PATHOLOGY)]
    )
    diagnoses = _ids([f for f in record.findings if f.category == FindingKind.DIAGNOSIS]) + [
        f"history: {item.id}" for item in record.history if "diagnos" in item.label.lower()
    ]
    if tests and diagnoses:
        return Coverage.COVERED, "tests and diagnoses", tests + diagnoses
    if tests:
        return Coverage.PARTLY, "tests, but no diagnosis", tests
    if diagnoses:
        return Coverage.PARTLY, "diagnoses, but no tests (serologies, imaging or pathology)", diagnoses
    return Coverage.NOT_COVERED, "no tests and no diagnoses", []


def _treatment(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    treatments = _ids(record.treatments)
    if any(t.regimen or t.dose for t in record.treatments):
        return Coverage.COVERED, "treatments with their regimen or dose", treatments
    if treatments:
        return Coverage.PARTLY, "treatments, but no regimen or dose", treatments
    return Coverage.NOT_COVERED, "no treatments", []


def _outcome(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    if record.outcomes:
        return Coverage.COVERED, "outcomes", _ids(record.outcomes)
    responses = [t.id for t in record.treatments if t.response]
    if responses:
        return Coverage.PARTLY, "no outcomes, but treatment responses", responses
    return Coverage.NOT_COVERED, "no outcomes or treatment responses", []


def _discussion(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    points = _ids(record.discussion)
    kinds = {p.category for p in record.discussion}
    if len(kinds) == len(DiscussionKind):
        return Coverage.COVERED, "discussion and teaching points", points
    if DiscussionKind.TEACHING_POINT in kinds:
        return Coverage.PARTLY, "teaching points, but no discussion", points
    if points:
        return Coverage.PARTLY, "discussion, but no teaching point (the take-away lesson)", points
    return Coverage.NOT_COVERED, "no discussion points", []


def _perspective(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    if record.patient_perspective is not None:
        return Coverage.COVERED, "the patient's perspective", ["patient_perspective"]
    return Coverage.NOT_COVERED, "no patient perspective", []


def _consent(record: CaseRecord) -> tuple[Coverage, str, list[str]]:
    if record.consent is not None:
        return Coverage.COVERED, "a consent statement", ["consent"]
    return Coverage.NOT_COVERED, "no consent statement", []


RULES: tuple[tuple[str, Rule], ...] = (
    ("Title", _title),
    ("Keywords", _keywords),
    ("Abstract", _abstract),
    ("Introduction", _introduction),
    ("Patient information", _patient),
    ("Clinical findings", _findings),
    ("Timeline", _timeline),
    ("Diagnostic assessment", _diagnosis),
    ("Therapeutic intervention", _treatment),
    ("Follow-up and outcomes", _outcome),
    ("Discussion", _discussion),
    ("Patient perspective", _perspective),
    ("Informed consent", _consent),
)


def care_checklist(record: CaseRecord) -> list[CareItem]:
    """The 13 CARE items for `record`, in the guideline's order. The record must be valid."""
    items = []
    for number, (name, rule) in enumerate(RULES, start=1):
        coverage, reason, by = rule(record)
        items.append(CareItem(number, name, coverage, reason, by))
    return items


def care_lines(items: list[CareItem], with_sources: bool = True) -> list[str]:
    """The checklist as lines of text: one per item, then a summary line. Without `with_sources`, the
    fields and items that cover each are left out (their ids can name the diagnosis of an unknown case)."""
    lines = []
    for item in items:
        by = f" — {', '.join(item.by)}" if item.by and with_sources else ""
        lines.append(f"{item.number:2}. {item.name}: {item.coverage.value} ({item.reason}){by}")
    counts = {coverage: sum(item.coverage == coverage for item in items) for coverage in Coverage}
    lines.append(
        f"{counts[Coverage.COVERED]} of {len(items)} covered, {counts[Coverage.PARTLY]} partly, "
        f"{counts[Coverage.NOT_COVERED]} not covered."
    )
    return lines
