"""Quotes are located once per text, across any whitespace, however long the source and the quotes."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import LONG_QUOTES, long_quotes_yaml
from viewer.content.disclosure import MASK, Disclosure
from viewer.record.loader import load_record_bytes
from viewer.record.model import CaseRecord
from viewer.record.provenance import OTHER_SPACES, QuoteSpans, normalise


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record_bytes(long_quotes_yaml().encode(), "long-quotes.case.yaml")


def test_the_long_record_is_as_large_as_it_says(record: CaseRecord) -> None:
    assert len(record.source.text) >= 900_000
    quotes = record.history[0].quotes
    assert len(quotes) == LONG_QUOTES
    assert all(len(quote) > 1_500 for quote in quotes)
    # Whitespace in the quotes differs from the source's, so matching must cross it.
    assert all(quote not in record.source.text for quote in quotes)


def test_each_span_holds_its_quote_modulo_whitespace(record: CaseRecord) -> None:
    text = record.source.text
    spans = QuoteSpans(text)
    for quote in record.history[0].quotes:
        span = spans.span(quote)
        assert span is not None
        start, end = span
        assert normalise(text[start:end]) == normalise(quote)
        # The span starts and ends on the quote's own first and last words.
        assert text[start:end].split()[0] == quote.split()[0]
        assert text[start:end].split()[-1] == quote.split()[-1]
        # It is the first place the quote stands.
        assert normalise(quote) not in normalise(text[: end - 1])


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("  Fever\n\tand\u00a0rash.\n", "fever and rash", None),
        ("  Fever\n\tand\u00a0rash.\n", "Fever and rash.", (2, 18)),
        ("a  b a b", "a b", (0, 4)),
        ("x\r\ny\r\n z", "y z", (3, 8)),
        ("\n\nstart of text", "start", (2, 7)),
        ("end of text  \n", "of text", (4, 11)),
        ("one two", "   ", None),
    ],
)
def test_a_span_crosses_any_whitespace_in_either_text(text: str, quote: str, expected: tuple[int, int] | None) -> None:
    assert QuoteSpans(text).span(quote) == expected


def test_the_other_spaces_are_every_character_a_regex_counts_as_whitespace_but_the_space() -> None:
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code))}
    assert set(OTHER_SPACES) == spaces - {" "}
    assert len(OTHER_SPACES) == len(set(OTHER_SPACES))


# Letters, plain spaces and the other whitespace characters alike often: every kind of run, and words.
_TEXTS = st.lists(st.sampled_from("ab") | st.just(" ") | st.sampled_from(OTHER_SPACES), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, cut=st.tuples(st.integers(0, 60), st.integers(0, 60)), spaced=st.sampled_from(" \n\t\u3000"))
def test_a_span_is_where_the_quotes_words_first_stand_across_any_whitespace(
    text: str, cut: tuple[int, int], spaced: str
) -> None:
    # A quote taken from the text, its whitespace written another way.
    quote = spaced.join(text[min(cut) : max(cut)].split())
    words = quote.split()
    expected = None
    if words:
        # Found another way: the words in order, any run of whitespace between them.
        match = re.search(r"\s+".join(map(re.escape, words)), text)
        assert match is not None
        expected = match.span()
    assert QuoteSpans(text).span(quote) == expected


def test_the_source_view_highlights_each_long_quote(qtbot, record: CaseRecord) -> None:
    from viewer.ui.document import Document
    from viewer.ui.selection import Selection
    from viewer.ui.settings import Preferences
    from viewer.ui.source_view import SourceView

    view = SourceView(Document(Preferences(persist=False)), Selection())
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    view.set_source(record.source.text)
    quotes = record.history[0].quotes
    spans = view.show_quotes(quotes)
    assert len(spans) == LONG_QUOTES
    selections = view.extraSelections()
    assert [normalise(selection.cursor.selectedText()) for selection in selections] == [normalise(q) for q in quotes]
    first = min(selections[0].cursor.selectionStart(), selections[0].cursor.selectionEnd())
    assert view.textCursor().position() == first


def test_unknown_mode_masks_every_long_quote_of_a_withheld_item(record: CaseRecord) -> None:
    text = Disclosure(record, unknown=True).source_text()
    # Only the patient's quote, the chart's first line, is shown.
    assert text == f"{record.source.text.splitlines()[0]} {MASK}"
    assert Disclosure(record, unknown=True, stage=1).source_text() == record.source.text
