"""Where everything on the timeline goes at one size and zoom, as plain numbers: no Qt here.

Three steps keep zoom and pan cheap. `build_data` (data.py) runs once per
record: it sorts the placed items per lane and measures each placement as days
`t` and order-only steps `s`. Positions at zoom 1 (scale.py) are made once per
fit, since x = t * px_per_day + s * px_per_step scales linearly with zoom. Then
`compute_layout` runs per size and zoom. Pan only changes `Layout.offset`
(view.py), so it needs no new layout at all.

A zoom step must stay within a frame at 10,000 events, so no per-zoom work
walks every event: clusters are found by bisecting the positions at zoom 1 (one
step per cluster), marks are built only when first asked for (marks.py), and
the axis (ticks, chevrons, measured stretches) is laid out for the stretch
around the view.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from viewer.content.sections import LANE_PLURALS, LANE_TITLES, LANES
from viewer.content.timeline.data import TimelineData
from viewer.content.timeline.marks import Index, Marks, MarkStyle
from viewer.content.timeline.scale import Scale, fit_scale
from viewer.content.timeline.view import (
    MAX_ZOOM,
    MIN_ZOOM,
    LaneRow,
    Layout,
    LegendEntry,
    Metrics,
    Tick,
    View,
    clamped_offset,
)


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
    scale = fit_scale(data, max(plot_width - right_room - marker, 10.0), em)
    zoom = min(max(view.zoom, MIN_ZOOM), MAX_ZOOM)

    axis_y = 1.6 * lh
    legend_height = 1.5 * lh
    lanes_top = axis_y + 0.6 * lh
    style = MarkStyle(metrics, marker, pad, 2.5 * em, 16 * em)
    gap = 2 * marker

    content_width = scale.content1 * zoom
    offset = clamped_offset(view.offset, plot_right - plot_left, content_width)
    # The axis is laid out a screen either side of the view, so a pan of up to a screen needs no relayout.
    low, high = offset - plot_width, offset + 2 * plot_width
    covered = (low if low > 0 else -math.inf, high if high < content_width else math.inf)

    label_end = content_width + right_room + marker
    lane_marks = [
        Marks(track, _bounds(track.x1, gap / zoom), zoom, LANE_PLURALS[lane], style, _UNWRAPPED, label_end)
        for track, lane in zip(scale.tracks, LANES, strict=True)
    ]
    needs = [_lines_needed(marks, offset, offset + plot_width) for marks in lane_marks]
    stacked = [track.depth for track in scale.tracks]
    wanted = (
        lanes_top + legend_height + sum(_lane_height(n, d, lh, marker) for n, d in zip(needs, stacked, strict=True))
    )
    least = lanes_top + legend_height + sum(_lane_height(1, depth, lh, marker) for depth in stacked)
    room = height - lanes_top - legend_height
    # Too short for every lane's stack of bars: the rows of bars are drawn closer together, rather than
    # the last lanes run on under the legend and out of sight.
    squeeze = _squeeze(stacked, room, lh, marker) if height and least > height else 1.0
    depths = [depth * squeeze for depth in stacked]
    lines = _shared_lines(needs, depths, room, lh, marker)
    # Room left once the labels have their lines goes to every lane alike.
    spare = max(room - sum(_lane_height(n, d, lh, marker) for n, d in zip(lines, depths, strict=True)), 0.0)
    rows: list[LaneRow] = []
    top = lanes_top
    for lane_number, lane in enumerate(LANES):
        track = scale.tracks[lane_number]
        marks = lane_marks[lane_number]
        marks.limit_lines(lines[lane_number])
        reaching = sorted({marks.mark_at(position) for position in track.reaching})
        lane_height = _lane_height(lines[lane_number], depths[lane_number], lh, marker) + spare / len(LANES)
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
                ahead_bar=track.ahead * zoom,
                ongoing=tuple(sorted({marks.mark_at(p) for p, bar in track.bars.items() if bar.ongoing})),
                lines=lines[lane_number],
                line_height=lh,
                marker=marker,
                bar_step=0.5 * marker * squeeze,
            )
        )
        top += lane_height

    ticks = _ticks(scale, zoom, low - plot_width, high, metrics, pad, max(content_width, plot_right - plot_left))
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
        index=Index(scale.where, rows),
        covered=covered,
        wanted_height=wanted,
        least_height=least,
    )
    return layout


_UNWRAPPED = 1000
"""Lines enough for any label: what a lane's labels would take with all the height they want."""


def _lines_needed(marks: Marks, low: float, high: float) -> int:
    """The most lines any label of the marks between content x `low` and `high` (the view) takes, wrapped to
    its room. Only the view is measured, so the cost follows the screen, not the record."""
    shown = range(bisect_left(marks.xs, low - marks.max_label), bisect_right(marks.xs, high))
    # A label on the second row, or lifted clear of one, asks for the lines that give the lane them.
    return max(
        (_band(mark.label_row, len(mark.label_lines)) for mark in map(marks.__getitem__, shown)),
        default=1,
    )


def _band(row: int, lines: int) -> int:
    """Lines of a lane's label band, centred on its markers, that a label of `lines` lines on `row` needs."""
    if row > 0:
        return 2 * lines + 1
    if row < 0:
        return 2 * lines - 1
    return lines


def _squeeze(depths: list[int], room: float, line_height: float, marker: float) -> float:
    """How much closer than usual rows of bars are drawn for lanes of a line each, with stacks `depths`
    deep, to fit `room`: 1 as usual, down to 0 (every row on the first)."""
    fixed = sum(_lane_height(1, 0, line_height, marker) + (0.5 * marker if depth else 0.0) for depth in depths)
    stacked = sum(marker * depth for depth in depths)
    return min(max((room - fixed) / stacked, 0.0), 1.0) if stacked else 1.0


def _lane_height(lines: int, depth: float, line_height: float, marker: float) -> float:
    """A lane with `lines` lines of label centred on its markers, its rows of bars below them (`depth`:
    how many, times how close they are drawn) and as much room kept above."""
    bars = marker * (0.25 + 0.5 * depth) if depth else 0.0
    return max((lines + 0.3) * line_height + 2 * bars, marker * 1.6)


def _shared_lines(needs: list[int], depths: list[float], room: float, line_height: float, marker: float) -> list[int]:
    """Lines of label per lane within `room`, a line at a time, so labels are whole wherever the room allows."""
    lines = [1] * len(needs)
    used = sum(_lane_height(1, depth, line_height, marker) for depth in depths)
    while lacking := [lane for lane, need in enumerate(needs) if need > lines[lane]]:
        # The lane closest to having every label whole first: the most labels whole for the room.
        lane = min(lacking, key=lambda lane: needs[lane] - lines[lane])
        more = _lane_height(lines[lane] + 1, depths[lane], line_height, marker) - _lane_height(
            lines[lane], depths[lane], line_height, marker
        )
        if used + more > room:
            break
        lines[lane] += 1
        used += more
    return lines


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


def _ticks(
    scale: Scale, zoom: float, low: float, high: float, metrics: Metrics, pad: float, axis_end: float
) -> tuple[Tick, ...]:
    """Ticks from `low` to `high`; a tick whose words would collide with the last one kept, repeat its
    words ("~2019" twice says nothing) or run past `axis_end` is left out whole."""
    xs, words = scale.tick_x1, scale.tick_words
    ticks: list[Tick] = []
    last_right = -math.inf
    number, end = bisect_left(xs, low / zoom), bisect_right(xs, high / zoom)
    while number < end:
        x = xs[number] * zoom
        label_width = metrics.text_width(words[number])
        if (ticks and words[number].lstrip("~") == ticks[-1].label.lstrip("~")) or x + label_width / 2 > axis_end:
            number += 1
        elif x - label_width / 2 > last_right + pad:
            ticks.append(Tick(x, words[number], label_width))
            last_right = x + label_width / 2
            number += 1
        else:
            # Ticks at or left of last_right + pad collide whatever their width: skip them in one step.
            number = max(number + 1, bisect_right(xs, (last_right + pad) / zoom, number))
    return tuple(ticks)


def _chevrons(scale: Scale, zoom: float, low: float, high: float, marker: float) -> tuple[float, ...]:
    """Chevrons from `low` to `high`; ones closer than a marker would merge into a smudge, so one stands for all."""
    xs = scale.chevron_x1
    chevrons: list[float] = []
    number, end = bisect_left(xs, low / zoom), bisect_right(xs, high / zoom)
    while number < end:
        chevrons.append(xs[number] * zoom)
        number = bisect_left(xs, (chevrons[-1] + marker) / zoom, number + 1)
    return tuple(chevrons)


def _segments(scale: Scale, zoom: float, low: float, high: float) -> tuple[tuple[float, float, bool], ...]:
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
