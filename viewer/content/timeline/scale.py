"""A record's positions at zoom 1, once per fit (record and plot width): no Qt here.

x scales linearly with zoom, so a zoom step multiplies these positions instead
of placing every event again; each lane keeps running counts of approximate and
order-only events, so a cluster's precision is read in O(1) however many events
it holds.
"""

from __future__ import annotations

import math
import weakref
from itertools import pairwise

import msgspec

from viewer.content.sections import LANES
from viewer.content.timeline.data import Event, TimelineData
from viewer.record.timing import Precision


class BarX(msgspec.Struct, frozen=True):
    """Where one event's bars reach at zoom 1: its course's end, the span its own date covers and the span
    its course's end date covers."""

    end: float | None
    span: tuple[float, float] | None
    ongoing: bool
    end_span: float | None


class Track(msgspec.Struct, frozen=True):
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
    bars: dict[int, BarX]
    """Per reaching position: where its bars reach at zoom 1."""
    longest: float
    """The longest reach right of a marker at zoom 1 (a course, or the later half of a span)."""
    ahead: float
    """The longest reach left of a marker at zoom 1: the earlier half of a span, drawn centred on it."""
    rows: dict[int, int]
    """Per reaching position: its row in the lane's stack of bars, so bars that overlap never merge."""
    depth: int
    """How many rows of bars the lane stacks."""


class Scale(msgspec.Struct, frozen=True):
    """A record's positions at zoom 1 for one fit; a zoom step multiplies them."""

    tracks: tuple[Track, ...]
    tick_x1: tuple[float, ...]
    tick_words: tuple[str, ...]
    chevron_x1: tuple[float, ...]
    """One per order-only step, between it and the step before."""
    segments1: tuple[tuple[float, float, bool], ...]
    segment_ends1: tuple[float, ...]
    content1: float
    where: dict[str, tuple[int, int]]
    """Item id -> (lane, position in the lane)."""


MAX_BAR_ROWS = 4
"""A lane stacks at most this many rows of bars: more would crowd out its labels."""

_SCALES: dict[int, dict[tuple[float, float], Scale]] = {}
"""Per live `TimelineData` (by id, dropped when it goes): its scales by (px per day, px per step)."""


def fit_scale(data: TimelineData, width: float, em: float) -> Scale:
    """Positions at zoom 1 with the record fitted to a content `width`: O(n) the first time for
    a record and width, kept for as long as `data` lives."""
    return _scale(data, *_fit(data, width, em))


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


def _running(flags: list[bool]) -> tuple[int, ...]:
    total = 0
    sums = [0]
    for flag in flags:
        total += flag
        sums.append(total)
    return tuple(sums)


def _stacked(x1: tuple[float, ...], bars: dict[int, BarX]) -> dict[int, int]:
    """Each bar's row: the first whose last bar ended before this one starts. Positions scale linearly
    with zoom, so bars that overlap at zoom 1 overlap at every zoom and the rows hold for the fit."""
    ends: list[float] = []
    rows: dict[int, int] = {}
    for position, bar in bars.items():
        start = x1[position] if bar.span is None else bar.span[0]
        reach = (
            math.inf
            if bar.ongoing
            else max(bar.end or start, bar.span[1] if bar.span else start, bar.end_span or start)
        )
        row = next((number for number, last in enumerate(ends) if last < start), len(ends))
        if row == MAX_BAR_ROWS:
            # No room for another row: the bar shares the row that frees up first.
            row = ends.index(min(ends))
        if row == len(ends):
            ends.append(reach)
        else:
            ends[row] = max(ends[row], reach)
        rows[position] = row
    return rows


def _scale(data: TimelineData, per_day: float, per_step: float) -> Scale:
    """Positions at zoom 1 for a fit, made once per record and widget size (O(n))."""
    scales = _SCALES.get(id(data))
    if scales is None:
        scales = _SCALES[id(data)] = {}
        weakref.finalize(data, _SCALES.pop, id(data), None)
    cached = scales.get((per_day, per_step))
    if cached is not None:
        return cached

    def x_of(t: float, s: float) -> float:
        return t * per_day + s * per_step

    tracks = []
    where: dict[str, tuple[int, int]] = {}
    for lane_number, lane in enumerate(LANES):
        events = data.lanes[lane]
        x1 = tuple(x_of(e.t, e.s) for e in events)
        bars: dict[int, BarX] = {}
        longest = ahead = 0.0
        for position, e in enumerate(events):
            where[e.item_id] = (lane_number, position)
            end = x_of(e.end_t, e.end_s) if e.end_t is not None and e.end_s is not None else None
            # A span is centred on its marker: the marker stands for the whole month or year.
            span = (x_of(e.t - e.span_days / 2, e.s), x_of(e.t + e.span_days / 2, e.s)) if e.span_days > 0 else None
            end_span = (
                x_of(e.end_t + e.end_span_days, e.end_s)
                if e.end_t is not None and e.end_s is not None and e.end_span_days > 0
                else None
            )
            if end is not None or span is not None or e.ongoing:
                bars[position] = BarX(end, span, e.ongoing, end_span)
                right = max(end or 0.0, span[1] if span else 0.0, end_span or 0.0)
                longest = max(longest, right - x1[position])
                ahead = max(ahead, x1[position] - span[0] if span else 0.0)
        rows = _stacked(x1, bars)
        tracks.append(
            Track(
                events=events,
                ids=tuple(e.item_id for e in events),
                x1=x1,
                approximate=_running([e.precision is Precision.APPROXIMATE for e in events]),
                order=_running([e.precision is Precision.ORDER for e in events]),
                reaching=tuple(bars),
                bars=bars,
                longest=longest,
                ahead=ahead,
                rows=rows,
                depth=max(rows.values(), default=-1) + 1,
            )
        )
    groups = data.groups
    ticked = [g for g in groups if g.tick]
    segments = tuple(
        (x_of(g.t, g.s0 + g.steps), x_of(after.t, after.s0), after.approximate) for g, after in pairwise(groups)
    )
    scale = Scale(
        tracks=tuple(tracks),
        tick_x1=tuple(x_of(g.t, g.s0) for g in ticked),
        tick_words=tuple(g.tick for g in ticked),
        chevron_x1=tuple(x_of(g.t, g.s0 + k - 0.5) for g in groups for k in range(1, g.steps + 1)),
        segments1=segments,
        segment_ends1=tuple(end for _, end, _ in segments),
        content1=x_of(data.span_t, data.span_s),
        where=where,
    )
    scales[(per_day, per_step)] = scale
    return scale
