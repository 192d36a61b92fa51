"""The timeline's lanes: one per timed section of the record, each with a title,
a plural for clusters and a marker shape. No Qt, so layout code can use it."""

from __future__ import annotations

from viewer.record.model import TIMED_SECTIONS

LANES = TIMED_SECTIONS
LANE_TITLES = {
    "history": "History",
    "findings": "Findings",
    "serologies": "Serologies",
    "treatments": "Treatment",
    "outcomes": "Outcome",
}
# How a cluster names what it holds: "7 serologies".
LANE_PLURALS = {
    "history": "history events",
    "findings": "findings",
    "serologies": "serologies",
    "treatments": "treatments",
    "outcomes": "outcomes",
}
# Colour is never the only carrier of meaning: each lane has its own shape too.
LANE_SHAPES = {
    "history": "circle",
    "findings": "square",
    "serologies": "diamond",
    "treatments": "triangle",
    "outcomes": "star",
}
