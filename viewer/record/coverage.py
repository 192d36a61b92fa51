"""Which sentences of a record's source no item quotes: advice for an author, not a problem.

A sentence is quoted when any quote of the record, any timing phrase, or the source's own
title, citation or licence stands in it, wholly or in part, where the Source tab finds it
(its first place in the text). Headings and page furniture are never counted
(`viewer.record.sentences` has the rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from viewer.record.model import CaseRecord
from viewer.record.provenance import QuoteSpans, quoted_texts
from viewer.record.sentences import Sentence, split_sentences


def _quoting_texts(record: CaseRecord) -> Iterator[str]:
    for _, text in quoted_texts(record):
        yield text
    source = record.source
    yield from (text for text in (source.title, source.citation, source.licence) if text)


def unquoted_sentences(record: CaseRecord, text: str | None = None) -> list[Sentence]:
    """The sentences of `record`'s source text that nothing in the record quotes, in order.

    `text` is that source text as a view holds it (its line breaks may be other characters);
    the offsets are into it."""
    source = record.source.text if text is None else text
    found = QuoteSpans(source)
    quoted = sorted(span for words in _quoting_texts(record) if (span := found.span(words)) is not None)
    return [
        sentence
        for sentence in split_sentences(source)
        if not sentence.furniture and not any(start < sentence.end and sentence.start < end for start, end in quoted)
    ]
