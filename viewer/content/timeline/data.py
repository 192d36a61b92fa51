"""A case's timed items sorted and measured for the timeline, once per record: no Qt here.

`build_data` turns each placement into a measured part `t` (days from the
earliest placement) and an order-only part `s` (steps), so that the layout can
place an event at x = t * px_per_day + s * px_per_step: every order-only chain
gets its own stretch of axis after its anchor (a "then" segment) instead of
borrowing time, which keeps record order.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from viewer.content.sections import LANES
from viewer.content.shown import ShownCase
from viewer.content.timeline.words import tick_words
from viewer.record.model import TimedItem, Treatment, TreatmentStatus, timed_items
from viewer.record.timing import Placement, Precision


class Event(msgspec.Struct, frozen=True):
    """One placed item, ready to be laid out."""

    item_id: str
    lane: str
    label: str
    precision: Precision
    t: float
    """Measured days from the earliest placement: to the middle of its span when its date names a month
    or a year, where its marker is drawn."""
    s: int
    """Order-only steps from the start of the axis (all earlier "then" segments included)."""
    order: int
    """Rank in time order over all lanes: what Left and Right walk through."""
    end_t: float | None = None
    end_s: int | None = None
    ongoing: bool = False
    span_days: float = 0.0
    """Days the start's date covers when stated only to the month or year (0: a day, or no date)."""
    end_span_days: float = 0.0
    """Days the end's date covers when stated only to the month or year: the course ended within them."""


class Group(msgspec.Struct, frozen=True):
    """All placements that share one measured day: the anchor of a "then" segment."""

    t: float
    s0: int
    """Steps taken before this day (the then-segments of earlier days)."""
    steps: int
    """Longest order-only chain after this day."""
    tick: str
    """Axis words for this day ("index", "~1 year later", "March 2020"), or "" when no item sits on it
    (a span's first or last day: its words go on its middle)."""
    approximate: bool = False
    """Time to this day is approximate: the axis up to it is dashed."""


class TimelineData(msgspec.Struct, frozen=True, weakref=True):
    """A record's timed items, sorted and measured once; the input of `compute_layout`.

    Weakly referenceable so the layout can keep its positions per fit for as long as the data lives."""

    lanes: dict[str, tuple[Event, ...]]
    """Per lane, in time order."""
    ordered: tuple[Event, ...]
    """All events in time order."""
    groups: tuple[Group, ...]
    span_t: float
    span_s: int
    unplaced: tuple[str, ...]
    """Items the record does not place in time: listed in the tabs, not drawn on the axis."""
    by_id: dict[str, Event] = msgspec.field(default_factory=dict)


def build_data(shown: ShownCase, labels: Mapping[str, str] | None = None) -> TimelineData:
    """Sort and measure a case's placed items in its time order. O(n log n); run once per record."""
    labels = labels or {}
    placements = shown.placements
    items = {item.id: (section, item) for section, item in timed_items(shown.record)}
    placed: list[tuple[str, TimedItem, Placement, Placement | None]] = []
    for item_id in shown.time_order:
        section, item = items[item_id]
        end = placements.end.get(item_id)
        if end is not None and end.precision is Precision.UNKNOWN:
            end = None
        placed.append((section, item, placements.start[item_id], end))
    on_axis = {item.id for _, item, _, _ in placed}
    unplaced = [item_id for item_id in items if item_id not in on_axis]

    # A span is drawn and walked at its middle (`Placement.middle`): that day is its group's, where
    # its tick and marker go. Its ends are days of the axis too, so the axis reaches over it.
    days = sorted(
        {start.middle for _, _, start, _ in placed}
        | {day for _, _, start, _ in placed if start.span_days for day in (start.days, start.days + start.span_days)}
        | {day for _, _, _, end in placed if end is not None for day in (end.days, end.days + end.span_days)}
    )
    first_day = days[0] if days else 0.0
    steps = dict.fromkeys(days, 0)
    for _, _, start, end in placed:
        steps[start.middle] = max(steps[start.middle], start.step)
        if end is not None:
            steps[end.days] = max(steps[end.days], end.step)
    before: dict[float, int] = {}
    total = 0
    for day in days:
        before[day] = total
        total += steps[day]

    ticks: dict[float, str] = {}
    approximate: set[float] = set()
    for _, _, start, _ in sorted(placed, key=lambda entry: (entry[2].precision, entry[2].granularity)):
        # Only a day some item is measured to gets axis words; the most precise item there decides
        # the "~" and how finely the date is written.
        if start.step == 0 and start.precision is not Precision.ORDER and start.middle not in ticks:
            ticks[start.middle] = tick_words(start, placements.origin)
        if start.precision is Precision.APPROXIMATE and start.span_days:
            approximate.update((start.days, start.days + start.span_days))

    events: list[Event] = []
    for rank, (section, item, start, end) in enumerate(placed):
        ongoing = isinstance(item, Treatment) and item.status is TreatmentStatus.ONGOING
        events.append(
            Event(
                item_id=item.id,
                lane=section,
                label=labels.get(item.id, item.label),
                precision=start.precision,
                t=start.middle - first_day,
                s=before[start.middle] + start.step,
                order=rank,
                end_t=None if end is None or ongoing else end.days - first_day,
                end_s=None if end is None or ongoing else before[end.days] + end.step,
                ongoing=ongoing,
                span_days=start.span_days,
                end_span_days=0.0 if end is None or ongoing else end.span_days,
            )
        )
    groups = tuple(
        Group(
            day - first_day,
            before[day],
            steps[day],
            ticks.get(day, ""),
            day in approximate or "~" in ticks.get(day, ""),
        )
        for day in days
    )
    # The axis reaches the end of the last span too: "4 years after 2015" covers all of 2019.
    span_t = days[-1] - first_day if days else 0.0
    return _data(tuple(events), groups, span_t, total, tuple(unplaced))


def _data(
    events: tuple[Event, ...],
    groups: tuple[Group, ...],
    span_t: float,
    span_s: int,
    unplaced: tuple[str, ...],
) -> TimelineData:
    return TimelineData(
        lanes={lane: tuple(e for e in events if e.lane == lane) for lane in LANES},
        ordered=events,
        groups=groups,
        span_t=span_t,
        span_s=span_s,
        unplaced=unplaced,
        by_id={e.item_id: e for e in events},
    )


def relabel(data: TimelineData, labels: Mapping[str, str]) -> TimelineData:
    """`data` with each event's label taken from `labels` (ids not in it keep theirs). O(n): no sorting,
    no placing; the axis, the order and the measures stay, only positions at zoom 1 (they hold the
    labels) are made again when first asked for."""
    events = tuple(
        e if labels.get(e.item_id, e.label) == e.label else msgspec.structs.replace(e, label=labels[e.item_id])
        for e in data.ordered
    )
    return _data(events, data.groups, data.span_t, data.span_s, data.unplaced)
