"""Every clinical item rests on verbatim words from the source text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from viewer.record.model import ITEM_SECTIONS, CaseRecord, Treatment
from viewer.record.problems import echo

_SPACE = re.compile(r"\s+")
_CHANGED_SPACE = re.compile(r"\s{2,}|[^\S ]")
"""Whitespace runs that `normalise` changes: all but a single plain space (a run starts with its longest match)."""


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
        pieces: list[str] = []
        # Offsets where a stretch of unchanged text begins, normalised and original: between two
        # of these, a character keeps its distance from the stretch's start.
        self._normalised_starts = [0]
        self._original_starts = [start]
        position = length = 0
        for run in _CHANGED_SPACE.finditer(body):
            pieces += (body[position : run.start()], " ")
            length += run.start() - position + 1
            position = run.end()
            self._normalised_starts.append(length)
            self._original_starts.append(start + position)
        pieces.append(body[position:])
        self._normalised = "".join(pieces)
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
