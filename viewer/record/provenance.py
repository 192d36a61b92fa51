"""Every clinical item rests on verbatim words from the source text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from viewer.record.model import ITEM_SECTIONS, CaseRecord, Treatment
from viewer.record.problems import echo

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace runs become one space, so line breaks never break a match."""
    return _SPACE.sub(" ", text).strip()


def quoted_texts(record: CaseRecord) -> Iterator[tuple[str, str]]:
    """(path, text) for every quote and every timing phrase in the record."""
    for index, quote in enumerate(record.patient.quotes):
        yield f"patient.quotes[{index}]", quote
    for section in ITEM_SECTIONS:
        for position, item in enumerate(getattr(record, section)):
            path = f"{section}[{position}]"
            for index, quote in enumerate(item.quotes):
                yield f"{path}.quotes[{index}]", quote
            times = [("when", getattr(item, "when", None))]
            if isinstance(item, Treatment):
                times.append(("until", item.until))
            for name, time in times:
                if time is not None and time.words is not None:
                    yield f"{path}.{name}.words", time.words


MAX_SEARCH_WORK = 2_000_000_000
"""Distinct quotes times source length: a search costs up to ~2 ms per MB of source,
so a hostile record with 150,000 quotes against a 1 MB source would take minutes."""


def quote_problems(record: CaseRecord) -> list[tuple[str, str]]:
    """(path, message) for each quote that is not verbatim in the source text."""
    source = normalise(record.source.text)
    quotes = list(quoted_texts(record))
    distinct = {normalise(text) for _, text in quotes}
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
    for path, text in quotes:
        words = normalise(text)
        if words not in found:
            found[words] = words in source
        if not found[words]:
            problems.append((path, f"not found verbatim in the source text: '{echo(normalise(text))}'"))
    return problems


def find_quote(source: str, quote: str) -> tuple[int, int] | None:
    """Start and end of `quote` in `source`, matching across any whitespace."""
    words = normalise(quote).split(" ")
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, source)
    return (match.start(), match.end()) if match else None
