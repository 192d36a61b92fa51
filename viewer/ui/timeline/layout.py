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
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    DateTime,
    IndexTime,
    OffsetTime,
    SameTime,
    TimedItem,
    Treatment,
    TreatmentStatus,
    timed_items,
)
from viewer.record.timing import DAYS_PER_UNIT, Placement, Placements, Precision
from viewer.ui.lanes import LANE_PLURALS, LANE_TITLES, LANES

PRECISION_WORDS = {
    Precision.EXACT: "exact",
    Precision.APPROXIMATE: "approximate",
    Precision.ORDER: "order only",
}

MIN_ZOOM = 0.25
MAX_ZOOM = 5000.0


# --- per record -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
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


@dataclass(frozen=True, slots=True)
class Group:
    """All placements that share one measured day: the anchor of a "then" segment."""

    t: float
    s0: int
    """Steps taken before this day (the then-segments of earlier days)."""
    steps: int
    """Longest order-only chain after this day."""
    tick: str
    """Axis words for this day ("index", "~1 year later", "Mar 2020"), or "" when no item sits on it."""


@dataclass(frozen=True, slots=True)
class TimelineData:
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
    by_id: dict[str, Event] = field(default_factory=dict)


def relative_words(days: float, approximate: bool) -> str:
    """'index', '3 weeks later', '~1 year later', '2 days before': never a calendar date."""
    tilde = "~" if approximate else ""
    if abs(days) < 1e-9:
        return f"{tilde}index"
    size = abs(days)
    # The largest unit that states the offset as a whole number, as a source would; else days.
    unit, amount = "day", size
    for name in ("year", "month", "week"):
        whole = size / DAYS_PER_UNIT[name]
        if whole >= 1 and abs(whole - round(whole)) < 1e-6:
            unit, amount = name, round(whole)
            break
    plural = "" if amount == 1 else "s"
    return f"{tilde}{amount:g} {unit}{plural} {'later' if days > 0 else 'before'}"


def _date_words(ordinal: float, span_days: float) -> str:
    """A calendar date at the precision the record gives it (year, month or day)."""
    date = dt.date.fromordinal(round(ordinal))
    if span_days >= 365:
        return f"{date.year}"
    if span_days >= 28:
        return date.strftime("%b %Y")
    return date.strftime("%-d %b %Y")


def _origin(record: CaseRecord) -> float | None:
    """The ordinal day the placements count from, when the record has dates (as `resolve_times` chooses it)."""
    dated = [
        (isinstance(item.when, IndexTime), item.when.date)
        for _, item in timed_items(record)
        if isinstance(item.when, (IndexTime, DateTime)) and item.when.date is not None
    ]
    if not dated:
        return None
    index = [date for is_index, date in dated if is_index]
    first = index[0] if index else min(date for _, date in dated)
    parts = [int(p) for p in first.split("-")]
    year, month, day = ([*parts, 1, 1])[:3]
    return float(dt.date(year, month, day).toordinal())


def build_data(record: CaseRecord, placements: Placements, labels: Mapping[str, str] | None = None) -> TimelineData:
    """Sort and measure a record's placed items. O(n log n); run once per record."""
    labels = labels or {}
    placed: list[tuple[str, TimedItem, Placement, Placement | None]] = []
    unplaced: list[str] = []
    for section, item in timed_items(record):
        start = placements.start.get(item.id)
        if start is None or start.precision is Precision.UNKNOWN:
            unplaced.append(item.id)
            continue
        end = placements.end.get(item.id)
        if end is not None and end.precision is Precision.UNKNOWN:
            end = None
        placed.append((section, item, start, end))

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

    origin = _origin(record)
    tick_words: dict[float, str] = {}
    for _, _, start, _ in sorted(placed, key=lambda entry: entry[2].precision):
        # Only a day some item is measured to gets axis words; the most precise item there decides the "~".
        if start.step == 0 and start.precision is not Precision.ORDER and start.days not in tick_words:
            approximate = start.precision is Precision.APPROXIMATE
            if origin is None:
                tick_words[start.days] = relative_words(start.days, approximate)
            else:
                words = _date_words(origin + start.days, start.span_days)
                tick_words[start.days] = f"~{words}" if approximate else words

    lane_index = {lane: i for i, lane in enumerate(LANES)}
    placed.sort(key=lambda entry: (entry[2].key, lane_index[entry[0]]))
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
    lanes = {lane: tuple(e for e in events if e.lane == lane) for lane in LANES}
    groups = tuple(Group(day - first_day, before[day], steps[day], tick_words.get(day, "")) for day in days)
    span_t = (days[-1] - first_day) if days else 0.0
    return TimelineData(
        lanes=lanes,
        ordered=tuple(events),
        groups=groups,
        span_t=span_t,
        span_s=total,
        unplaced=tuple(unplaced),
        calendar=origin is not None,
        by_id={e.item_id: e for e in events},
    )


def describe_time(record: CaseRecord, item_id: str, labels: Mapping[str, str] | None = None) -> str:
    """How an item sits in time, from the record's structure only (never its quoted words).

    Anchors are named through `labels` first, so a withheld item is never named by its own text.
    """
    labels = labels or {}
    items = {item.id: item for _, item in timed_items(record)}
    time = items[item_id].when

    def name(anchor: str) -> str:
        return "index" if anchor == "index" else labels.get(anchor, items[anchor].label)

    if isinstance(time, IndexTime):
        return f"index event, {time.date}" if time.date else "index event"
    if isinstance(time, DateTime):
        return time.date
    if isinstance(time, AfterTime):
        return f"after {name(time.anchor)}"
    if isinstance(time, SameTime):
        return f"same time as {name(time.anchor)}"
    if isinstance(time, (OffsetTime, ApproximateTime)):
        amount = f"{time.amount:g} {time.unit}{'' if time.amount == 1 else 's'}"
        approx = "about " if isinstance(time, ApproximateTime) else ""
        plus = f" ± {time.uncertainty:g}" if isinstance(time, ApproximateTime) and time.uncertainty else ""
        return f"{approx}{amount}{plus} after {name(time.anchor)}"
    return "time not stated"


# --- per view ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Metrics:
    """Text measures of the paint device's font, so layout needs no Qt."""

    line_height: float
    text_width: Callable[[str], float]

    @property
    def em(self) -> float:
        return self.line_height


@dataclass(frozen=True, slots=True)
class View:
    """Zoom relative to fit-all, and pan in pixels from the content start."""

    zoom: float = 1.0
    offset: float = 0.0


@dataclass(frozen=True, slots=True)
class Mark:
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


@dataclass(frozen=True, slots=True)
class LaneRow:
    lane: str
    title: str
    top: float
    bottom: float
    marks: tuple[Mark, ...]
    xs: tuple[float, ...]
    """Mark x positions, for bisecting."""
    reaching: tuple[int, ...]
    """Marks with a bar to the right (a course with an end, an ongoing one, a date span)."""

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    label_width: float


@dataclass(frozen=True, slots=True)
class LegendEntry:
    kind: str
    """"exact", "approximate", "order", "then", "ongoing" or "note"."""
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class Layout:
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
    index: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Item id -> (lane row, mark) of its marker or cluster."""

    def screen_x(self, content_x: float) -> float:
        return self.plot_left + content_x - self.offset

    def content_x(self, screen_x: float) -> float:
        return screen_x - self.plot_left + self.offset

    def with_offset(self, offset: float) -> Layout:
        return replace(self, offset=offset)

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

    def visible(self, xs: tuple[float, ...], left: float, right: float, reach: float = 0.0) -> range:
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

    def clamp_offset(self, offset: float) -> float:
        """Keep at least half the plot showing content."""
        half = (self.plot_right - self.plot_left) / 2
        return min(max(offset, -half), max(self.content_width - half, -half))


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


def compute_layout(data: TimelineData, width: float, height: float, view: View, metrics: Metrics) -> Layout:
    """Lay out a record for a view. O(n) per zoom (the sort was done in `build_data`)."""
    lh = metrics.line_height
    em = lh
    marker = max(10.0, round(0.85 * lh))
    pad = 0.5 * em
    title_width = max(metrics.text_width(title) for title in LANE_TITLES.values()) + marker + 3 * pad
    plot_left = title_width + marker * 1.5
    plot_right = width - pad
    plot_width = max(plot_right - plot_left, 10.0)
    right_room = min(0.3 * plot_width, 12 * em)
    per_day, per_step = _fit(data, max(plot_width - right_room - marker, 10.0), em)
    zoom = min(max(view.zoom, MIN_ZOOM), MAX_ZOOM)
    per_day *= zoom
    per_step *= zoom

    def x_of(t: float, s: float) -> float:
        return t * per_day + s * per_step

    axis_y = 1.6 * lh
    legend_height = 1.5 * lh
    lanes_top = axis_y + 0.6 * lh
    lane_height = max((height - lanes_top - legend_height) / len(LANES), marker * 1.6)
    max_label = 16 * em
    min_label = 2.5 * em
    gap = 2 * marker

    rows: list[LaneRow] = []
    index: dict[str, tuple[int, int]] = {}
    for lane_number, lane in enumerate(LANES):
        marks = _label(_cluster(data.lanes[lane], lane, x_of, gap), metrics, marker, pad, min_label, max_label)
        for mark_number, mark in enumerate(marks):
            for item_id in mark.item_ids:
                index[item_id] = (lane_number, mark_number)
        top = lanes_top + lane_number * lane_height
        rows.append(
            LaneRow(
                lane=lane,
                title=LANE_TITLES[lane],
                top=top,
                bottom=top + lane_height,
                marks=tuple(marks),
                xs=tuple(m.x for m in marks),
                reaching=tuple(
                    i for i, m in enumerate(marks) if m.end_x is not None or m.ongoing or m.span_x is not None
                ),
            )
        )

    ticks: list[Tick] = []
    chevrons: list[float] = []
    time_segments: list[tuple[float, float, bool]] = []
    last_right = -math.inf
    for number, group in enumerate(data.groups):
        x0 = x_of(group.t, group.s0)
        if group.tick:
            label_width = metrics.text_width(group.tick)
            # A tick whose words would collide is left out whole: thousands of bare ticks are only noise.
            if x0 - label_width / 2 > last_right + pad:
                ticks.append(Tick(x0, group.tick, label_width))
                last_right = x0 + label_width / 2
        for k in range(1, group.steps + 1):
            x = x_of(group.t, group.s0 + k - 0.5)
            # Chevrons closer than a marker would merge into a smudge; one stands for them all.
            if not chevrons or x - chevrons[-1] >= marker:
                chevrons.append(x)
        if number + 1 < len(data.groups):
            after = data.groups[number + 1]
            time_segments.append(
                (x_of(group.t, group.s0 + group.steps), x_of(after.t, after.s0), after.tick.startswith("~"))
            )

    content_width = x_of(data.span_t, data.span_s)
    legend_y = height - legend_height / 2
    legend = _legend(data, metrics, pad, marker, width)
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
        ticks=tuple(ticks),
        tick_xs=tuple(t.x for t in ticks),
        chevrons=tuple(chevrons),
        time_segments=tuple(time_segments),
        time_ends=tuple(end for _, end, _ in time_segments),
        legend_y=legend_y,
        legend=legend,
        content_width=content_width,
        max_label=max_label,
        index=index,
    )
    return layout.with_offset(layout.clamp_offset(view.offset))


def _cluster(events: tuple[Event, ...], lane: str, x_of: Callable[[float, float], float], gap: float) -> list[Mark]:
    """Group events whose markers would overlap.

    A cluster takes events while they lie within `gap` of its first one, and sits at the middle of
    its span; so neighbouring markers stay more than gap/2 apart and never overlap.
    """
    marks: list[Mark] = []
    members: list[Event] = []
    xs: list[float] = []

    def close() -> None:
        end_xs = [x_of(e.end_t, e.end_s) for e in members if e.end_t is not None and e.end_s is not None]
        spans = [x_of(e.t + e.span_days, e.s) for e in members if e.span_days > 0]
        precision = max(e.precision for e in members)
        marks.append(
            Mark(
                x=(xs[0] + xs[-1]) / 2,
                item_ids=tuple(e.item_id for e in members),
                precision=precision,
                label=(
                    f"{len(members)} {LANE_PLURALS[lane]}"
                    if len(members) > 1
                    else label_prefix(precision) + members[0].label
                ),
                label_width=0.0,
                end_x=max(end_xs) if end_xs else None,
                ongoing=any(e.ongoing for e in members),
                span_x=max(spans) if spans else None,
            )
        )

    for event in events:
        x = x_of(event.t, event.s)
        if members and x - xs[0] >= gap:
            close()
            members, xs = [], []
        members.append(event)
        xs.append(x)
    if members:
        close()
    return marks


WHISKER = 1.25
"""Half-width of an approximate marker's whiskers, in marker sizes: fixed on screen, never a time range."""


def reach(mark: Mark, marker: float) -> float:
    """How far a marker's drawing reaches on each side of its centre."""
    if mark.precision is Precision.APPROXIMATE:
        return marker * WHISKER
    return marker / 2 + (3 if mark.count > 1 else 0)


def _label(
    marks: list[Mark], metrics: Metrics, marker: float, pad: float, min_label: float, max_label: float
) -> list[Mark]:
    """Give each mark room for its label up to the next marker, or none when there is too little."""
    labelled: list[Mark] = []
    for number, mark in enumerate(marks):
        room = max_label
        if number + 1 < len(marks):
            after = marks[number + 1]
            room = min(room, after.x - reach(after, marker) - mark.x - reach(mark, marker) - 2 * pad)
        labelled.append(
            replace(mark, label_width=min(room, metrics.text_width(mark.label))) if room >= min_label else mark
        )
    return labelled


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
