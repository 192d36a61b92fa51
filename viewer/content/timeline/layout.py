"""Where everything on the timeline goes, as plain numbers: no Qt here.

Two steps keep zoom and pan cheap. `build_data` runs once per record: it sorts
the placed items per lane and turns each placement into a measured part `t`
(days from the earliest placement) and an order-only part `s` (steps). Then
`compute_layout` runs per size and zoom: x = t * px_per_day + s * px_per_step,
which keeps record order because every order-only chain gets its own stretch
of axis after its anchor (a "then" segment) instead of borrowing time. Pan
only changes `Layout.offset`, so it needs no new layout at all.

Marks are kept in content coordinates (x from the start of the content);
`Layout.screen_x` adds the plot origin and the pan offset.

A zoom step must stay within a frame at 10,000 events, so no per-zoom work
walks every event: positions at zoom 1 are computed once per fit (x scales
linearly with zoom), clusters are found by bisecting those positions (one step
per cluster), marks are built only when first asked for, and the axis (ticks,
chevrons, measured stretches) is laid out for the stretch around the view.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import pairwise
from typing import overload

import msgspec

from viewer.content.sections import LANE_PLURALS, LANE_TITLES, LANES
from viewer.content.wording import number_words
from viewer.record.model import CaseRecord, TimedItem, Treatment, TreatmentStatus, timed_items
from viewer.record.timing import DAYS_PER_UNIT, Granularity, Placement, Placements, Precision, time_order

PRECISION_WORDS = {
    Precision.EXACT: "exact",
    Precision.APPROXIMATE: "approximate",
    Precision.ORDER: "order only",
}

YEARS_FROM_DAYS = 1000
"""Offsets of this many days or more that are no whole number of a unit are said in years."""

MIN_ZOOM = 0.25
MAX_ZOOM = 5000.0


# --- per record -------------------------------------------------------------------------------------------------


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


class Group(msgspec.Struct, frozen=True):
    """All placements that share one measured day: the anchor of a "then" segment."""

    t: float
    s0: int
    """Steps taken before this day (the then-segments of earlier days)."""
    steps: int
    """Longest order-only chain after this day."""
    tick: str
    """Axis words for this day ("index", "~1 year later", "Mar 2020"), or "" when no item sits on it."""


class TimelineData(msgspec.Struct, frozen=True, dict=True):
    """A record's timed items, sorted and measured once; the input of `compute_layout`."""

    lanes: dict[str, tuple[Event, ...]]
    """Per lane, in time order."""
    ordered: tuple[Event, ...]
    """All events in time order."""
    groups: tuple[Group, ...]
    span_t: float
    span_s: int
    unplaced: tuple[str, ...]
    """Items the record does not place in time: listed in the tabs, not drawn on the axis."""
    calendar: bool
    by_id: dict[str, Event] = msgspec.field(default_factory=dict)

    @cached_property
    def scales(self) -> dict[tuple[float, float], _Scale]:
        """Positions at zoom 1 per fit (px per day, px per step), filled by `compute_layout`."""
        return {}


def relative_words(days: float, approximate: bool) -> str:
    """'index', '3 weeks later', '~1 year later', '2 days before': never a calendar date.

    An offset that is a whole number of years, months or weeks is said in the largest
    such unit, as a source would; any other is said in days below `YEARS_FROM_DAYS`
    days and in years from there on, rounded (and marked "~" when rounding changed it)."""
    size = abs(days)
    if size < 1e-9:
        return f"{'~' if approximate else ''}index"
    unit, amount = "day", size
    for name in ("year", "month", "week"):
        whole = size / DAYS_PER_UNIT[name]
        if whole >= 1 and abs(whole - round(whole)) < 1e-6:
            unit, amount = name, round(whole)
            break
    else:
        if size >= YEARS_FROM_DAYS:
            unit, amount = "year", size / DAYS_PER_UNIT["year"]
    # Two decimals at most, fewer as the number grows: an axis label, not a measurement.
    shown = round(amount, 0 if amount >= 100 else 1 if amount >= 10 else 2)
    tilde = "~" if approximate or abs(shown - amount) > 1e-9 * max(1.0, amount) else ""
    plural = "" if shown == 1 else "s"
    return f"{tilde}{number_words(shown)} {unit}{plural} {'later' if days > 0 else 'before'}"


def date_words(ordinal: float, granularity: Granularity) -> str:
    """A calendar date written to the unit the record knows it to: '2020', 'Mar 2020' or '1 Mar 2020'."""
    date = dt.date.fromordinal(math.floor(ordinal + 1e-6))
    if granularity is Granularity.YEAR:
        return f"{date.year}"
    if granularity is Granularity.MONTH:
        return f"{date:%b %Y}"
    # The day without padding by hand: strftime has no portable flag for it (Windows rejects glibc's).
    return f"{date.day} {date:%b %Y}"


def _tick_words(placement: Placement, origin: int | None) -> str:
    """Axis words for a measured placement: a calendar date when the record has dates, else relative time."""
    approximate = placement.precision is Precision.APPROXIMATE
    if origin is not None:
        try:
            words = date_words(origin + placement.days, placement.granularity)
        except (ValueError, OverflowError):
            pass  # past the calendar's range (year 9999): relative words still hold
        else:
            return f"~{words}" if approximate else words
    return relative_words(placement.days, approximate)


def build_data(record: CaseRecord, placements: Placements, labels: Mapping[str, str] | None = None) -> TimelineData:
    """Sort and measure a record's placed items. O(n log n); run once per record."""
    labels = labels or {}
    items = {item.id: (section, item) for section, item in timed_items(record)}
    placed: list[tuple[str, TimedItem, Placement, Placement | None]] = []
    for item_id in time_order(record, placements):
        section, item = items[item_id]
        end = placements.end.get(item_id)
        if end is not None and end.precision is Precision.UNKNOWN:
            end = None
        placed.append((section, item, placements.start[item_id], end))
    shown = {item.id for _, item, _, _ in placed}
    unplaced = [item_id for item_id in items if item_id not in shown]

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

    tick_words: dict[float, str] = {}
    for _, _, start, _ in sorted(placed, key=lambda entry: (entry[2].precision, entry[2].granularity)):
        # Only a day some item is measured to gets axis words; the most precise item there decides
        # the "~" and how finely the date is written.
        if start.step == 0 and start.precision is not Precision.ORDER and start.days not in tick_words:
            tick_words[start.days] = _tick_words(start, placements.origin)

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
            )
        )
    groups = tuple(Group(day - first_day, before[day], steps[day], tick_words.get(day, "")) for day in days)
    span_t = (days[-1] - first_day) if days else 0.0
    return _data(tuple(events), groups, span_t, total, tuple(unplaced), placements.origin is not None)


def _data(
    events: tuple[Event, ...],
    groups: tuple[Group, ...],
    span_t: float,
    span_s: int,
    unplaced: tuple[str, ...],
    calendar: bool,
) -> TimelineData:
    return TimelineData(
        lanes={lane: tuple(e for e in events if e.lane == lane) for lane in LANES},
        ordered=events,
        groups=groups,
        span_t=span_t,
        span_s=span_s,
        unplaced=unplaced,
        calendar=calendar,
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
    return _data(events, data.groups, data.span_t, data.span_s, data.unplaced, data.calendar)


# --- per view ---------------------------------------------------------------------------------------------------


class Metrics(msgspec.Struct, frozen=True):
    """Text measures of the paint device's font, so layout needs no Qt."""

    line_height: float
    text_width: Callable[[str], float]

    @property
    def em(self) -> float:
        return self.line_height


class View(msgspec.Struct, frozen=True):
    """Zoom relative to fit-all, and pan in pixels from the content start."""

    zoom: float = 1.0
    offset: float = 0.0


class Mark(msgspec.Struct, frozen=True):
    """One marker on a lane: a single event, or a cluster of events too close to tell apart."""

    x: float
    """Content x of the marker centre."""
    item_ids: tuple[str, ...]
    precision: Precision
    """The weakest precision among the events it stands for."""
    label: str
    """The full label ("~" first when approximate) or the cluster's count: tooltips use it whole."""
    label_width: float
    """Width the label may take on screen (0: no room, draw none)."""
    end_x: float | None = None
    ongoing: bool = False
    span_x: float | None = None

    @property
    def count(self) -> int:
        return len(self.item_ids)


class LaneRow(msgspec.Struct, frozen=True):
    lane: str
    title: str
    top: float
    bottom: float
    marks: Sequence[Mark]
    xs: Sequence[float]
    """Mark x positions, for bisecting."""
    reaching: tuple[int, ...]
    """Marks with a bar to the right (a course with an end, an ongoing one, a date span)."""
    reaching_xs: tuple[float, ...] = ()
    """The x of each of those marks, for bisecting."""
    longest_bar: float = 0.0
    """The longest course or date-span bar: how far left of the screen a visible bar may start."""
    ongoing: tuple[int, ...] = ()
    """Marks with an ongoing course, whose bar runs to the plot's right edge."""

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2


class Tick(msgspec.Struct, frozen=True):
    x: float
    label: str
    label_width: float


class LegendEntry(msgspec.Struct, frozen=True):
    kind: str
    """"exact", "approximate", "order", "then", "ongoing" or "note"."""
    x: float
    text: str


class Layout(msgspec.Struct, frozen=True):
    """Everything `paint_timeline` and `hit_test` need, in pixels of the layout rectangle."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    axis_y: float
    line_height: float
    marker: float
    """Marker size; whiskers and halos are sized from it, never from time."""
    title_width: float
    lanes: tuple[LaneRow, ...]
    ticks: tuple[Tick, ...]
    tick_xs: tuple[float, ...]
    chevrons: tuple[float, ...]
    """Content x of each "then" chevron: one per order-only step, between it and the step before."""
    time_segments: tuple[tuple[float, float, bool], ...]
    """Stretches of axis that stand for measured time, in order: (x0, x1, ends at an approximate time)."""
    time_ends: tuple[float, ...]
    legend_y: float
    legend: tuple[LegendEntry, ...]
    content_width: float
    max_label: float
    offset: float = 0.0
    index: Mapping[str, tuple[int, int]] = msgspec.field(default_factory=dict)
    """Item id -> (lane row, mark) of its marker or cluster."""
    covered: tuple[float, float] = (-math.inf, math.inf)
    """The content stretch whose ticks, chevrons and time segments are laid out; pans within it need no relayout."""

    def screen_x(self, content_x: float) -> float:
        return self.plot_left + content_x - self.offset

    def content_x(self, screen_x: float) -> float:
        return screen_x - self.plot_left + self.offset

    def with_offset(self, offset: float) -> Layout:
        return msgspec.structs.replace(self, offset=offset)

    def marker_rect(self, lane: int, mark: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a marker on screen."""
        half = self.marker / 2
        row = self.lanes[lane]
        return (self.screen_x(row.marks[mark].x) - half, row.y - half, self.marker, self.marker)

    def mark_of(self, item_id: str) -> Mark | None:
        where = self.index.get(item_id)
        return None if where is None else self.lanes[where[0]].marks[where[1]]

    def label_x(self, mark: Mark) -> float:
        """Content x where a mark's label starts: clear of its whiskers or cluster stack."""
        return mark.x + reach(mark, self.marker) + self.line_height / 2

    def visible(self, xs: Sequence[float], left: float, right: float, reach: float = 0.0) -> range:
        """Indexes of sorted content positions `xs` within the screen span [left, right].

        `reach` widens the span to the left for things drawn to the right of their position.
        """
        margin = 2 * self.marker
        return range(
            bisect_left(xs, self.content_x(left) - reach - margin),
            bisect_right(xs, self.content_x(right) + margin),
        )

    def visible_marks(self, lane: int, left: float, right: float) -> range:
        """Marks of a lane whose marker or label may reach the screen span [left, right]."""
        return self.visible(self.lanes[lane].xs, left, right, self.max_label + self.line_height)

    def visible_reaching(self, lane: int, left: float, right: float) -> list[int]:
        """Marks of a lane whose bar may reach the screen span [left, right], in order."""
        row = self.lanes[lane]
        shown = [row.reaching[number] for number in self.visible(row.reaching_xs, left, right, row.longest_bar)]
        if not row.ongoing:
            return shown
        found = set(shown)
        found.update(index for index in row.ongoing if self.screen_x(row.xs[index]) <= right)
        return sorted(found)

    def clamp_offset(self, offset: float) -> float:
        """Keep at least half the plot showing content."""
        return _clamp(offset, self.plot_right - self.plot_left, self.content_width)

    def covers(self, offset: float) -> bool:
        """Whether the view at `offset` lies inside the laid-out stretch (else pan needs a relayout)."""
        return self.covered[0] <= offset and offset + (self.plot_right - self.plot_left) <= self.covered[1]


def _clamp(offset: float, plot_width: float, content_width: float) -> float:
    half = plot_width / 2
    return min(max(offset, -half), max(content_width - half, -half))


def _fit(data: TimelineData, width: float, em: float) -> tuple[float, float]:
    """px per day and px per step at fit-all, for a content width."""
    base_step = 12 * em
    if data.span_s == 0:
        return (width / data.span_t if data.span_t > 0 else 0.0), base_step
    if data.span_t <= 0:
        return 0.0, min(base_step, width / data.span_s)
    # Order-only steps take at most 3/4 of the width, so measured time keeps some room.
    per_step = min(base_step, 0.75 * width / data.span_s)
    return (width - per_step * data.span_s) / data.span_t, per_step


# --- per fit: positions at zoom 1 ------------------------------------------------------------------------------


class _Track(msgspec.Struct, frozen=True):
    """One lane at zoom 1, with counts summed along it so any run of events is summed up in O(1)."""

    events: tuple[Event, ...]
    ids: tuple[str, ...]
    x1: tuple[float, ...]
    """Content x of each event at zoom 1 (non-decreasing: events are in time order)."""
    approximate: tuple[int, ...]
    """Approximate events before each position (one more entry than events)."""
    order: tuple[int, ...]
    """Order-only events before each position."""
    reaching: tuple[int, ...]
    """Positions of events with a bar to the right: a course with an end, an ongoing one, a date span."""
    bars: dict[int, tuple[float | None, float | None, bool]]
    """Per reaching position: x at zoom 1 of the course end and of the date span's end, and whether ongoing."""
    longest: float
    """The longest course or span bar at zoom 1."""


class _Scale(msgspec.Struct, frozen=True):
    """A record's positions at zoom 1 for one fit; a zoom step multiplies them."""

    tracks: tuple[_Track, ...]
    tick_x1: tuple[float, ...]
    tick_words: tuple[str, ...]
    chevron_x1: tuple[float, ...]
    """One per order-only step, between it and the step before."""
    segments1: tuple[tuple[float, float, bool], ...]
    segment_ends1: tuple[float, ...]
    content1: float
    where: dict[str, tuple[int, int]]
    """Item id -> (lane, position in the lane)."""


def _running(flags: list[bool]) -> tuple[int, ...]:
    total = 0
    sums = [0]
    for flag in flags:
        total += flag
        sums.append(total)
    return tuple(sums)


def _scale(data: TimelineData, per_day: float, per_step: float) -> _Scale:
    """Positions at zoom 1 for a fit, made once per record and widget size (O(n))."""
    cached = data.scales.get((per_day, per_step))
    if cached is not None:
        return cached

    def x_of(t: float, s: float) -> float:
        return t * per_day + s * per_step

    tracks = []
    where: dict[str, tuple[int, int]] = {}
    for lane_number, lane in enumerate(LANES):
        events = data.lanes[lane]
        x1 = tuple(x_of(e.t, e.s) for e in events)
        bars: dict[int, tuple[float | None, float | None, bool]] = {}
        longest = 0.0
        for position, e in enumerate(events):
            where[e.item_id] = (lane_number, position)
            end = x_of(e.end_t, e.end_s) if e.end_t is not None and e.end_s is not None else None
            span = x_of(e.t + e.span_days, e.s) if e.span_days > 0 else None
            if end is not None or span is not None or e.ongoing:
                bars[position] = (end, span, e.ongoing)
                longest = max(longest, max(end or 0.0, span or 0.0) - x1[position])
        tracks.append(
            _Track(
                events=events,
                ids=tuple(e.item_id for e in events),
                x1=x1,
                approximate=_running([e.precision is Precision.APPROXIMATE for e in events]),
                order=_running([e.precision is Precision.ORDER for e in events]),
                reaching=tuple(bars),
                bars=bars,
                longest=longest,
            )
        )
    groups = data.groups
    ticked = [g for g in groups if g.tick]
    segments = tuple(
        (x_of(g.t, g.s0 + g.steps), x_of(after.t, after.s0), after.tick.startswith("~"))
        for g, after in pairwise(groups)
    )
    scale = _Scale(
        tracks=tuple(tracks),
        tick_x1=tuple(x_of(g.t, g.s0) for g in ticked),
        tick_words=tuple(g.tick for g in ticked),
        chevron_x1=tuple(x_of(g.t, g.s0 + k - 0.5) for g in groups for k in range(1, g.steps + 1)),
        segments1=segments,
        segment_ends1=tuple(end for _, end, _ in segments),
        content1=x_of(data.span_t, data.span_s),
        where=where,
    )
    data.scales[(per_day, per_step)] = scale
    return scale


# --- per zoom ---------------------------------------------------------------------------------------------------


def compute_layout(data: TimelineData, width: float, height: float, view: View, metrics: Metrics) -> Layout:
    """Lay out a record for a view: O(clusters) per zoom, plus the axis near the view."""
    lh = metrics.line_height
    em = lh
    marker = max(10.0, round(0.85 * lh))
    pad = 0.5 * em
    title_width = max(metrics.text_width(title) for title in LANE_TITLES.values()) + marker + 3 * pad
    plot_left = title_width + marker * 1.5
    plot_right = width - pad
    plot_width = max(plot_right - plot_left, 10.0)
    right_room = min(0.3 * plot_width, 12 * em)
    scale = _scale(data, *_fit(data, max(plot_width - right_room - marker, 10.0), em))
    zoom = min(max(view.zoom, MIN_ZOOM), MAX_ZOOM)

    axis_y = 1.6 * lh
    legend_height = 1.5 * lh
    lanes_top = axis_y + 0.6 * lh
    lane_height = max((height - lanes_top - legend_height) / len(LANES), marker * 1.6)
    style = _Style(metrics, marker, pad, 2.5 * em, 16 * em)
    gap = 2 * marker

    rows: list[LaneRow] = []
    for lane_number, lane in enumerate(LANES):
        track = scale.tracks[lane_number]
        marks = _Marks(track, _bounds(track.x1, gap / zoom), zoom, LANE_PLURALS[lane], style)
        reaching = sorted({marks.mark_at(position) for position in track.reaching})
        top = lanes_top + lane_number * lane_height
        rows.append(
            LaneRow(
                lane=lane,
                title=LANE_TITLES[lane],
                top=top,
                bottom=top + lane_height,
                marks=marks,
                xs=marks.xs,
                reaching=tuple(reaching),
                reaching_xs=tuple(marks.x(index) for index in reaching),
                longest_bar=track.longest * zoom,
                ongoing=tuple(sorted({marks.mark_at(p) for p, (_, _, ongoing) in track.bars.items() if ongoing})),
            )
        )

    content_width = scale.content1 * zoom
    offset = _clamp(view.offset, plot_right - plot_left, content_width)
    # The axis is laid out a screen either side of the view, so a pan of up to a screen needs no relayout.
    low, high = offset - plot_width, offset + 2 * plot_width
    covered = (low if low > 0 else -math.inf, high if high < content_width else math.inf)
    ticks = _ticks(scale, zoom, low - plot_width, high, metrics, pad)
    layout = Layout(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        line_height=lh,
        marker=marker,
        title_width=title_width,
        lanes=tuple(rows),
        ticks=ticks,
        tick_xs=tuple(t.x for t in ticks),
        chevrons=_chevrons(scale, zoom, low - plot_width, high, marker),
        time_segments=(segments := _segments(scale, zoom, low, high)),
        time_ends=tuple(end for _, end, _ in segments),
        legend_y=height - legend_height / 2,
        legend=_legend(data, metrics, pad, marker, width),
        content_width=content_width,
        max_label=style.max_label,
        offset=offset,
        index=_Index(scale.where, rows),
        covered=covered,
    )
    return layout


def _bounds(x1: tuple[float, ...], gap: float) -> list[int]:
    """Where each cluster starts, and the lane's length last.

    A cluster takes events while they lie within `gap` of its first one, and sits at the middle of its
    span; so neighbouring markers stay more than gap/2 apart and never overlap. Bisecting finds each
    cluster's end in one step, so this costs O(clusters log n), not O(n).
    """
    bounds = []
    start, count = 0, len(x1)
    while start < count:
        bounds.append(start)
        start = bisect_left(x1, x1[start] + gap, start + 1)
    bounds.append(count)
    return bounds


def _ticks(scale: _Scale, zoom: float, low: float, high: float, metrics: Metrics, pad: float) -> tuple[Tick, ...]:
    """Ticks from `low` to `high`; a tick whose words would collide with the last one kept is left out whole."""
    xs, words = scale.tick_x1, scale.tick_words
    ticks: list[Tick] = []
    last_right = -math.inf
    number, end = bisect_left(xs, low / zoom), bisect_right(xs, high / zoom)
    while number < end:
        x = xs[number] * zoom
        label_width = metrics.text_width(words[number])
        if x - label_width / 2 > last_right + pad:
            ticks.append(Tick(x, words[number], label_width))
            last_right = x + label_width / 2
            number += 1
        else:
            # Ticks at or left of last_right + pad collide whatever their width: skip them in one step.
            number = max(number + 1, bisect_right(xs, (last_right + pad) / zoom, number))
    return tuple(ticks)


def _chevrons(scale: _Scale, zoom: float, low: float, high: float, marker: float) -> tuple[float, ...]:
    """Chevrons from `low` to `high`; ones closer than a marker would merge into a smudge, so one stands for all."""
    xs = scale.chevron_x1
    chevrons: list[float] = []
    number, end = bisect_left(xs, low / zoom), bisect_right(xs, high / zoom)
    while number < end:
        chevrons.append(xs[number] * zoom)
        number = bisect_left(xs, (chevrons[-1] + marker) / zoom, number + 1)
    return tuple(chevrons)


def _segments(scale: _Scale, zoom: float, low: float, high: float) -> tuple[tuple[float, float, bool], ...]:
    """Measured stretches of axis from `low` to `high`, with pieces less than a pixel apart joined.

    At fit-all thousands of stretches are each less than a pixel; drawn one by one they cost more than
    everything else. A gap under a pixel does not show under the heavy pen, and a piece under a pixel
    long joins its neighbour whatever its dash: no dash shows in it.
    """
    merged: list[tuple[float, float, bool]] = []
    for number in range(bisect_left(scale.segment_ends1, low / zoom), len(scale.segments1)):
        x0, x1, approximate = scale.segments1[number]
        x0, x1 = x0 * zoom, x1 * zoom
        if x0 > high:
            break
        if merged:
            last0, last1, last_approximate = merged[-1]
            if x0 - last1 < 1 and (approximate == last_approximate or x1 - x0 < 1):
                merged[-1] = (last0, x1, last_approximate)
                continue
        merged.append((x0, x1, approximate))
    return tuple(merged)


class _Style(msgspec.Struct, frozen=True):
    metrics: Metrics
    marker: float
    pad: float
    min_label: float
    max_label: float


class _Marks(Sequence[Mark]):
    """A lane's marks at one zoom, each made when first asked for: only marks on screen are ever built."""

    def __init__(self, track: _Track, bounds: list[int], zoom: float, plural: str, style: _Style) -> None:
        self._track = track
        self._bounds = bounds
        self._zoom = zoom
        self._plural = plural
        self._style = style
        self._made: dict[int, Mark] = {}
        self.xs = _Centres(self)

    def __len__(self) -> int:
        return len(self._bounds) - 1

    @overload
    def __getitem__(self, index: int) -> Mark: ...

    @overload
    def __getitem__(self, index: slice) -> list[Mark]: ...

    def __getitem__(self, index: int | slice) -> Mark | list[Mark]:
        if isinstance(index, slice):
            made = self._made
            return [made.get(number) or self._keep(number) for number in range(*index.indices(len(self)))]
        number = _checked(index, len(self))
        return self._made.get(number) or self._keep(number)

    def _keep(self, number: int) -> Mark:
        mark = self._made[number] = self._make(number)
        return mark

    def x(self, number: int) -> float:
        x1 = self._track.x1
        return (x1[self._bounds[number]] + x1[self._bounds[number + 1] - 1]) * self._zoom / 2

    def mark_at(self, position: int) -> int:
        """The mark that holds the lane's event at `position`."""
        return bisect_right(self._bounds, position) - 1

    def _precision(self, number: int) -> Precision:
        a, b = self._bounds[number], self._bounds[number + 1]
        if self._track.order[b] > self._track.order[a]:
            return Precision.ORDER
        return Precision.APPROXIMATE if self._track.approximate[b] > self._track.approximate[a] else Precision.EXACT

    def _reach(self, number: int) -> float:
        return _reach(self._precision(number), self._bounds[number + 1] - self._bounds[number], self._style.marker)

    def _make(self, number: int) -> Mark:
        track, style, zoom = self._track, self._style, self._zoom
        a, b = self._bounds[number], self._bounds[number + 1]
        precision = self._precision(number)
        count = b - a
        label = f"{count} {self._plural}" if count > 1 else label_prefix(precision) + track.events[a].label
        bars = [track.bars[p] for p in track.reaching[bisect_left(track.reaching, a) : bisect_left(track.reaching, b)]]
        ends = [end for end, _, _ in bars if end is not None]
        spans = [span for _, span, _ in bars if span is not None]
        x = self.x(number)
        # Room for the label up to the next marker, or none when there is too little.
        room = style.max_label
        if number + 1 < len(self):
            room = min(room, self.x(number + 1) - self._reach(number + 1) - x - self._reach(number) - 2 * style.pad)
        return Mark(
            x=x,
            item_ids=track.ids[a:b],
            precision=precision,
            label=label,
            label_width=min(room, style.metrics.text_width(label)) if room >= style.min_label else 0.0,
            end_x=max(ends) * zoom if ends else None,
            ongoing=any(ongoing for _, _, ongoing in bars),
            span_x=max(spans) * zoom if spans else None,
        )


class _Centres(Sequence[float]):
    """The x of each mark, without building the marks: what bisecting and hit testing need."""

    def __init__(self, marks: _Marks) -> None:
        self._marks = marks

    def __len__(self) -> int:
        return len(self._marks)

    @overload
    def __getitem__(self, index: int) -> float: ...

    @overload
    def __getitem__(self, index: slice) -> list[float]: ...

    def __getitem__(self, index: int | slice) -> float | list[float]:
        if isinstance(index, slice):
            return [self._marks.x(number) for number in range(*index.indices(len(self)))]
        return self._marks.x(_checked(index, len(self)))


def _checked(index: int, length: int) -> int:
    number = index + length if index < 0 else index
    if not 0 <= number < length:
        raise IndexError("mark index out of range")
    return number


class _Index(Mapping[str, tuple[int, int]]):
    """Item id -> (lane row, mark), found by bisecting the lane's cluster starts: no per-zoom dict of every event."""

    def __init__(self, where: dict[str, tuple[int, int]], rows: list[LaneRow]) -> None:
        self._where = where
        self._marks = [row.marks for row in rows]

    def __getitem__(self, item_id: str) -> tuple[int, int]:
        lane, position = self._where[item_id]
        marks = self._marks[lane]
        assert isinstance(marks, _Marks)
        return lane, marks.mark_at(position)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


WHISKER = 1.25
"""Half-width of an approximate marker's whiskers, in marker sizes: fixed on screen, never a time range."""


def reach(mark: Mark, marker: float) -> float:
    """How far a marker's drawing reaches on each side of its centre."""
    return _reach(mark.precision, mark.count, marker)


def _reach(precision: Precision, count: int, marker: float) -> float:
    if precision is Precision.APPROXIMATE:
        return marker * WHISKER
    return marker / 2 + (3 if count > 1 else 0)


def label_prefix(precision: Precision) -> str:
    """'~' before an approximate item's label; order-only items show theirs by a dashed outline."""
    return "~" if precision is Precision.APPROXIMATE else ""


def _legend(data: TimelineData, metrics: Metrics, pad: float, marker: float, width: float) -> tuple[LegendEntry, ...]:
    entries = [
        ("exact", "exact time"),
        ("approximate", "~ approximate"),
        ("order", "order only"),
        ("then", "then: order, not time"),
    ]
    if any(e.ongoing for e in data.ordered):
        entries.append(("ongoing", "ongoing"))
    if data.unplaced:
        count = len(data.unplaced)
        entries.append(("note", f"{count} item{'' if count == 1 else 's'} without a stated time: see the tabs"))
    placed: list[LegendEntry] = []
    x = pad
    for kind, text in entries:
        sample = 0.0 if kind == "note" else marker * (2.8 if kind == "approximate" else 1.6)
        end = x + sample + metrics.text_width(text)
        if end > width - pad:
            break
        placed.append(LegendEntry(kind, x + sample, text))
        x = end + 2 * pad
    return tuple(placed)
