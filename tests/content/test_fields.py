"""The one table of fields: what each kind of item shows, and what a withheld item still shows."""

from __future__ import annotations

import typing

import pytest
from measured_case import WORDS, measured_case
from records import QUOTE

from viewer.content.disclosure import WITHHELD, Disclosure
from viewer.content.fields import (
    DETAIL,
    KINDS,
    NOTE,
    REFERENCE_RANGE,
    VALUE,
    WHEN,
    Table,
    answer,
    course_order,
    group_heading,
    grouped,
    kind_of,
)
from viewer.content.sections import SECTIONS
from viewer.content.shown import show
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, HistoryItem, IndexTime, LabResult, ResultStatus


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record(bundled_case())


def test_every_section_has_a_kind_of_the_type_its_list_holds() -> None:
    hints = typing.get_type_hints(CaseRecord)
    assert set(KINDS) == {section.key for section in SECTIONS}
    for key, kind in KINDS.items():
        assert typing.get_args(hints[key]) == (kind.item_type,), key
        assert kind.fields.count(WHEN) == (0 if key == "discussion" else 1)


def test_every_field_of_every_item_reads(record: CaseRecord) -> None:
    shown = show(record)
    labels = Disclosure(record).labels()
    for section, item in shown.items.values():
        kind = KINDS[section]
        assert kind_of(item) is kind
        assert kind.title.text(item, labels)
        for field in kind.fields:
            assert isinstance(field.text(item, labels), str)
        if kind.group is not None:
            assert kind.group(item)


def test_a_value_shows_with_its_unit_once(record: CaseRecord) -> None:
    ck = next(result for result in measured_case().serologies if result.id == "ck")
    texts = [field.text(ck, {}) for field in KINDS["serologies"].fields]
    assert VALUE.text(ck, {}) == "215 U/L"
    assert texts.count("215 U/L") == 1
    assert "U/L" not in texts
    bare = next(result for result in record.serologies if result.id == "ck")
    assert VALUE.text(bare, {}) == "not reported"


def test_a_withheld_row_shows_its_timing_without_the_words_and_result_withheld(record: CaseRecord) -> None:
    ck = next(result for result in measured_case().serologies if result.id == "ck")
    kind = KINDS["serologies"]
    table = Table((kind.title, *kind.fields))
    cells = [table.cell(ck, column, {"workup": WITHHELD}, withheld=True) for column in range(len(table.fields))]
    assert cells[0] == (WITHHELD, "withheld")
    assert cells[1] == ("with result withheld", "value")
    assert all(text == "" for text, _ in cells[2:])
    shown = [table.cell(ck, column, {"workup": "Workup"})[0] for column in range(len(table.fields))]
    assert shown[:5] == ["CK", f"“{WORDS}” (with Workup)", "▲ elevated", "215 U/L", "39-308 U/L"]


def test_a_field_the_source_does_not_give_reads_as_not_given(record: CaseRecord) -> None:
    # A quiet field leaves a tab's cell blank; a table that shows every column says it is not reported.
    serology = record.serologies[0]
    assert Table((REFERENCE_RANGE,)).cell(serology, 0, {}) == ("", "missing")
    assert Table((REFERENCE_RANGE,), every_column=True).cell(serology, 0, {}) == ("not reported", "missing")
    course = record.treatments[-1]
    assert course_order({}).text(course, {}) == "not stated"
    assert course_order({course.id: 3}).text(course, {}) == "3"


def test_a_group_whose_items_are_all_withheld_shows_no_name(record: CaseRecord) -> None:
    hidden = Disclosure(record, unknown=True)
    panels = grouped(record.serologies, lambda result: result.panel)
    assert [name for name, _ in panels] == ["Muscle enzymes", "Myositis-specific antibodies", "Other autoantibodies"]
    assert {group_heading(name, members, hidden.withheld) for name, members in panels} == {WITHHELD}
    assert group_heading("Muscle enzymes", panels[0][1], Disclosure(record).withheld) == "Muscle enzymes"


def test_the_presenter_sees_a_test_with_its_result(record: CaseRecord) -> None:
    ck = next(result for result in record.serologies if result.id == "ck")
    assert answer(ck) == "CK: ▲ elevated"
    assert answer(record.treatments[0]) == record.treatments[0].label
    assert answer(record.discussion[0]) == record.discussion[0].text


def test_a_column_is_blank_only_when_no_item_shows_text_in_it() -> None:
    history = [
        HistoryItem(id="a", label="Seen", when=IndexTime(), quotes=QUOTE),
        HistoryItem(id="b", label="Seen again", quotes=QUOTE, note="in clinic"),
    ]
    table = Table((WHEN, KINDS["history"].title, DETAIL, NOTE))
    # The second item has no time, the first no note; neither has a detail.
    assert table.blank_columns(history, {}, frozenset()) == {2}
    # A withheld item shows its timing and "result withheld", nothing else: its note goes.
    assert table.blank_columns(history, {}, frozenset({"b"})) == {2, 3}
    assert table.blank_columns(history, {}, frozenset({"a", "b"})) == {2, 3}
    # An unknown time is worded too.
    assert table.blank_columns(history[1:], {}, frozenset({"b"})) == {2, 3}
    assert table.blank_columns([], {}, frozenset()) == {0, 1, 2, 3}
    # A column that says what is missing has text in every row; in a table of every column, even a quiet one.
    labs = [LabResult(id="l", label="CK", panel="Muscle", status=ResultStatus.POSITIVE, quotes=QUOTE)]
    assert Table((KINDS["serologies"].title, VALUE, REFERENCE_RANGE)).blank_columns(labs, {}, frozenset()) == {2}
    assert not Table((KINDS["serologies"].title, VALUE, REFERENCE_RANGE), every_column=True).blank_columns(
        labs, {}, frozenset()
    )
