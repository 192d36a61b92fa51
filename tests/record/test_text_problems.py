"""`text_problems` on records built in code, as a record decoded from its checked form is: every
character no text may hold is found and located, however JSON would write it."""

from __future__ import annotations

import msgspec
import pytest
from records import QUOTE, small_record

from viewer.record.checks import text_problems
from viewer.record.model import CaseRecord, HistoryItem, IndexTime, Source

# C0 controls JSON writes as \b, \f and \u00XX, DEL and a C1 control it writes as they are,
# bidirectional controls and invisible characters.
REFUSED = ["\x01", "\x08", "\x0c", "\x1f", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069"]
INVISIBLE = ["\u200b", "\u200f", "\u2060", "\ufeff"]


def _record(label: str, source: str = "abc") -> CaseRecord:
    item = HistoryItem(id="a", label=label, when=IndexTime(), quotes=QUOTE)
    return msgspec.structs.replace(small_record("Case", history=[item]), source=Source(title="Case", text=source))


@pytest.mark.parametrize("char", REFUSED + INVISIBLE, ids=lambda char: f"U+{ord(char):04X}")
def test_a_character_a_label_may_not_hold_is_found_where_it_is(char: str) -> None:
    [(path, message)] = text_problems(_record(f"Ra{char}sh"))
    assert path == "history[0].label"
    assert f"U+{ord(char):04X}" in message


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda char: f"U+{ord(char):04X}")
def test_an_invisible_character_may_stand_in_the_source(char: str) -> None:
    assert text_problems(_record("Rash", f"a{char}bc")) == []


@pytest.mark.parametrize("text", ["Rash\tand\nfever\r", "C:\\\\users\\\\bf", "café — naïve", ""])
def test_text_with_none_of_them_has_no_problem(text: str) -> None:
    assert text_problems(_record(text)) == []
