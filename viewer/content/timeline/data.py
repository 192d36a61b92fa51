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
    """Measured days from the earliest placement."""
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
    """Axis words for this day ("index", "~1 year later", "Mar 2020"), or "" when no item sits on it."""


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

    days = sorted({p.days for _, _, p, _ in placed} | {e.days for _, _, _, e in placed if e is not None})
    first_day = days[0] if days else 0.0
    steps = dict.fromkeys(days, 0)
    for _, _, start, end in placed:
        for p in (start, end):
            if p is not None:
                steps[p.days] = max(steps[p.days], p.step)
    before: dict[float, int] = {}
    total = 0
    for day in days:
        before[day] = total
        total += steps[day]

    ticks: dict[float, str] = {}
    for _, _, start, _ in sorted(placed, key=lambda entry: (entry[2].precision, entry[2].granularity)):
        # Only a day some item is measured to gets axis words; the most precise item there decides
        # the "~" and how finely the date is written.
        if start.step == 0 and start.precision is not Precision.ORDER and start.days not in ticks:
            ticks[start.days] = tick_words(start, placements.origin)

    events: list[Event] = []
    for rank, (section, item, start, end) in enumerate(placed):
        ongoing = isinstance(item, Treatment) and item.status is TreatmentStatus.ONGOING
        events.append(
            Event(
                item_id=item.id,
                lane=section,
                label=labels.get(item.id, item.label),
                precision=start.precision,
                t=start.days - first_day,
                s=before[start.days] + start.step,
                order=rank,
                end_t=None if end is None or ongoing else end.days - first_day,
                end_s=None if end is None or ongoing else before[end.days] + end.step,
                ongoing=ongoing,
                span_days=start.span_days,
                end_span_days=0.0 if end is None or ongoing else end.span_days,
            )
        )
    groups = tuple(Group(day - first_day, before[day], steps[day], ticks.get(day, "")) for day in days)
    # The axis reaches the end of the last span too: "4 years after 2015" covers all of 2019.
    spans = [p for _, _, start, end in placed for p in (start, end) if p is not None]
    span_t = max((p.days + p.span_days - first_day for p in spans), default=0.0)
    span_t = max(span_t, days[-1] - first_day) if days else 0.0
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
