"""The one table of sections: every section of the record named, on a tab, and on a lane with its own shape."""

from __future__ import annotations

from viewer.content.sections import (
    LANE_PLURALS,
    LANE_SHAPES,
    LANE_TITLES,
    LANES,
    SECTION_TAB,
    SECTIONS,
    SOURCE_TAB,
    TAB_TITLES,
    TABS,
)
from viewer.record.model import ITEM_SECTIONS, TIMED_SECTIONS, CaseRecord


def test_every_section_of_the_record_has_one_row_in_record_order() -> None:
    assert tuple(section.key for section in SECTIONS) == ITEM_SECTIONS
    assert all(hasattr(CaseRecord, section.key) for section in SECTIONS)
    assert len({section.title for section in SECTIONS}) == len(SECTIONS)


def test_every_section_has_a_tab_and_every_tab_but_the_source_a_section() -> None:
    assert [tab.index for tab in TABS] == list(range(len(TABS)))
    assert len(set(TAB_TITLES)) == len(TABS)
    assert all(section.tab in TABS and section.tab != SOURCE_TAB for section in SECTIONS)
    assert {section.tab for section in SECTIONS} == set(TABS) - {SOURCE_TAB}
    assert {section.key: section.tab.index for section in SECTIONS} == SECTION_TAB


def test_every_lane_has_a_title_a_plural_and_a_shape_of_its_own() -> None:
    # Colour is never the only carrier of meaning: no two lanes share a shape.
    assert LANES == TIMED_SECTIONS
    assert tuple(section.key for section in SECTIONS if section.shape is not None) == LANES
    assert set(LANE_TITLES) == set(LANE_PLURALS) == set(LANE_SHAPES) == set(LANES)
    assert len(set(LANE_SHAPES.values())) == len(LANES)
    assert all(plural and plural.islower() for plural in LANE_PLURALS.values())
