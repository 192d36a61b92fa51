"""Every clinical item rests on verbatim words from the source text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from viewer.record.model import ITEM_SECTIONS, CaseRecord, Treatment
from viewer.record.problems import echo

_SPACE = re.compile(r"\s+")
OTHER_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character `\\s` matches but the plain space."""
_SPACES_RUN = re.compile("   *")
"""Two plain spaces or more, spelt so that the search looks for the two spaces as a literal first
(written ` {2,}`, it is tried at every single space)."""


def normalise(text: str) -> str:
    """Whitespace runs become one space, so line breaks never break a match."""
    return _SPACE.sub(" ", text).strip()


def quoted_texts(record: CaseRecord) -> Iterator[tuple[str, str]]:
    """(path, text) for every quote and every timing phrase in the record, keywords and statements too."""
    for index, quote in enumerate(record.patient.quotes):
        yield f"patient.quotes[{index}]", quote
    for section in ITEM_SECTIONS:
        for position, item in enumerate(getattr(record, section)):
            path = f"{section}[{position}]"
            for index, quote in enumerate(item.quotes):
                yield f"{path}.quotes[{index}]", quote
            for number, figure in enumerate(item.figures):
                for index, quote in enumerate(figure.quotes or ()):
                    yield f"{path}.figures[{number}].quotes[{index}]", quote
            times = [("when", getattr(item, "when", None))]
            if isinstance(item, Treatment):
                times.append(("until", item.until))
            for name, time in times:
                if time is not None and time.words is not None:
                    yield f"{path}.{name}.words", time.words
    for position, keyword in enumerate(record.keywords):
        for index, quote in enumerate(keyword.quotes):
            yield f"keywords[{position}].quotes[{index}]", quote
    for name in ("patient_perspective", "consent"):
        statement = getattr(record, name)
        for index, quote in enumerate(statement.quotes if statement is not None else ()):
            yield f"{name}.quotes[{index}]", quote


MAX_SEARCH_WORK = 2_000_000_000
"""Distinct quotes times source length: a search costs up to ~2 ms per MB of source,
so a hostile record with 150,000 quotes against a 1 MB source would take minutes."""


def quote_problems(record: CaseRecord) -> list[tuple[str, str]]:
    """(path, message) for each quote that is not verbatim in the source text."""
    source = normalise(record.source.text)
    quotes = [(path, normalise(text)) for path, text in quoted_texts(record)]
    distinct = {words for _, words in quotes}
    if len(distinct) * max(len(source), 1) > MAX_SEARCH_WORK:
        return [
            (
                "source.text",
                f"too much to check: {len(distinct):,} different quotes against a source text of "
                f"{len(source):,} characters; split the record or shorten the source text",
            )
        ]
    found: dict[str, bool] = {}
    problems = []
    for path, words in quotes:
        if words not in found:
            found[words] = words in source
        if not found[words]:
            problems.append((path, f"not found verbatim in the source text: '{echo(words)}'"))
    return problems


class QuoteSpans:
    """Where quotes stand in one text, matching across any whitespace, as validation checks them.

    The text is normalised once, with a table from normalised back to original
    offsets; each quote is then one linear `find`, remembered for the next asks.
    """

    def __init__(self, text: str) -> None:
        start = len(text) - len(text.lstrip())
        body = text[start : len(text.rstrip())]
        runs = _changed_runs(body)
        # Stretches of unchanged text, each run between two of them becoming one space.
        stretch_starts = [0, *(end for _, end in runs)]
        pieces = [body[a:b] for a, b in zip(stretch_starts, [*(begin for begin, _ in runs), len(body)], strict=True)]
        self._normalised = " ".join(pieces)
        # Offsets where each stretch begins, normalised and original: between two of these, a
        # character keeps its distance from the stretch's start.
        self._normalised_starts = [0, *accumulate(len(piece) + 1 for piece in pieces[:-1])]
        self._original_starts = [start + offset for offset in stretch_starts]
        self._spans: dict[str, tuple[int, int] | None] = {}

    def _original(self, offset: int) -> int:
        stretch = bisect_right(self._normalised_starts, offset) - 1
        return self._original_starts[stretch] + offset - self._normalised_starts[stretch]

    def span(self, quote: str) -> tuple[int, int] | None:
        """Start and end of the first place `quote` stands in the text; None when it is not there."""
        words = normalise(quote)
        if words not in self._spans:
            found = self._normalised.find(words) if words else -1
            self._spans[words] = (
                None if found < 0 else (self._original(found), self._original(found + len(words) - 1) + 1)
            )
        return self._spans[words]


def _changed_runs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each whitespace run that `normalise` changes in `body` (stripped), in order: every
    run but a single plain space.

    Each kind of run is found by a search that skips what cannot start it: a run holding another
    whitespace character from the first of those, a run of plain spaces from two spaces. One pattern
    for both would be tried at every single space of the text, several times as slow on a long source.
    """
    runs: list[tuple[int, int]] = []
    others = "".join(character for character in OTHER_SPACES if character in body)
    if others:
        for match in re.finditer(f"[{re.escape(others)}]\\s*", body):
            run_start, run_end = match.span()
            # The plain spaces before the first other character belong to the run: body[0] is no space.
            while body[run_start - 1] == " ":
                run_start -= 1
            runs.append((run_start, run_end))
    # Spaces next to another whitespace character are part of a run found above.
    spaces = [
        match.span()
        for match in _SPACES_RUN.finditer(body)
        if body[match.start() - 1] not in OTHER_SPACES and body[match.end()] not in OTHER_SPACES
    ]
    return sorted(runs + spaces) if spaces else runs
