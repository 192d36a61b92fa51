"""The record's sections as every view names them: one table of titles, tabs and lane shapes.

The window's tabs, the timeline's lanes, the detail panel and the handout all
read this table, so a section is named and drawn the same everywhere. No Qt, so
layout code can use it.
"""

from __future__ import annotations

import msgspec

from viewer.record.model import TIMED_SECTIONS


class Tab(msgspec.Struct, frozen=True):
    """A tab of the window: its place among the tabs and its title."""

    index: int
    title: str


class Section(msgspec.Struct, frozen=True):
    """A section of the record (a list of items in the YAML) as it is shown."""

    key: str
    """The record's name for it: `CaseRecord.serologies` is "serologies"."""
    title: str
    """Its name as a lane's title, a detail line and the handout's Lane column."""
    plural: str
    """How a cluster of its items names what it holds: "7 serologies"."""
    tab: Tab
    """The tab that lists its items."""
    shape: str | None
    """The marker of its lane: colour is never the only carrier of meaning. None: not on the timeline."""


HISTORY_TAB = Tab(0, "History")
FINDINGS_TAB = Tab(1, "Findings")
SEROLOGIES_TAB = Tab(2, "Serologies")
TREATMENT_TAB = Tab(3, "Treatment")
DISCUSSION_TAB = Tab(4, "Discussion")
SOURCE_TAB = Tab(5, "Source")
TABS = (HISTORY_TAB, FINDINGS_TAB, SEROLOGIES_TAB, TREATMENT_TAB, DISCUSSION_TAB, SOURCE_TAB)
"""The window's tabs in order; the last one shows the source text, no section."""

SECTIONS = (
    Section("history", "History", "history events", HISTORY_TAB, "circle"),
    Section("findings", "Findings", "findings", FINDINGS_TAB, "square"),
    Section("serologies", "Serologies", "serologies", SEROLOGIES_TAB, "diamond"),
    Section("treatments", "Treatment", "treatments", TREATMENT_TAB, "triangle"),
    Section("outcomes", "Outcome", "outcomes", TREATMENT_TAB, "star"),
    Section("discussion", "Discussion", "discussion points", DISCUSSION_TAB, None),
)
"""Every section of items with an id and quotes, in the record's order (`ITEM_SECTIONS`)."""
SECTION = {section.key: section for section in SECTIONS}

TAB_TITLES = tuple(tab.title for tab in TABS)
SECTION_TAB = {section.key: section.tab.index for section in SECTIONS}

# The timeline's lanes: the timed sections, in lane order.
LANES = TIMED_SECTIONS
LANE_TITLES = {lane: SECTION[lane].title for lane in LANES}
LANE_PLURALS = {lane: SECTION[lane].plural for lane in LANES}
LANE_SHAPES = {lane: shape for lane in LANES if (shape := SECTION[lane].shape) is not None}
