"""What lies under a point of the timeline: a pure function over a `Layout`.

It bisects the one lane under the point, so it costs O(log n) however many
events the record has.
"""

from __future__ import annotations

from bisect import bisect_right

import msgspec

from viewer.content.timeline.view import SPAN_HEIGHT, Layout


class Hit(msgspec.Struct, frozen=True):
    """A marker (or its label) under the point: one event, or a cluster of them."""

    lane: int
    mark: int
    item_ids: tuple[str, ...]

    @property
    def is_cluster(self) -> bool:
        return len(self.item_ids) > 1


def hit_test(layout: Layout, x: float, y: float) -> Hit | None:
    """The marker or label under (x, y) in layout coordinates, or None."""
    if not layout.title_width <= x <= layout.plot_right:
        return None
    for lane_number, row in enumerate(layout.lanes):
        if not row.top <= y < row.bottom:
            continue
        half = layout.marker / 2 + 2
        cx = layout.content_x(x)
        # The mark nearest on the left may own x by its label; the one after may own it by its marker.
        after = bisect_right(row.xs, cx + half)
        for number in range(after - 1, max(after - 3, -1), -1):
            mark = row.marks[number]
            on_marker = abs(cx - mark.x) <= half and abs(y - row.y) <= half
            label_x = layout.label_x(mark)
            on_label = (
                mark.label_width > 0
                and label_x - layout.line_height / 2 <= cx <= label_x + mark.label_width
                and 0 <= y - layout.label_top(lane_number, mark) <= len(mark.label_lines) * layout.line_height
            )
            if on_marker or on_label:
                return Hit(lane_number, number, mark.item_ids)
        return _span_hit(layout, lane_number, x, y)
    return None


def _span_hit(layout: Layout, lane: int, x: float, y: float) -> Hit | None:
    """The mark whose partial date's span is drawn under (x, y): the span stands for the marker, which
    is drawn at its middle. Of spans that overlap there, the one whose marker is nearest."""
    row = layout.lanes[lane]
    # No span reaches left of its marker in a lane without partial dates.
    if not row.ahead_bar or abs(y - row.y) > layout.marker * SPAN_HEIGHT / 2:
        return None
    cx = layout.content_x(x)
    # A span reaches as far right of its marker as left: only marks within that of x are looked at.
    near = layout.visible(row.reaching_xs, x, x, row.ahead_bar, row.ahead_bar)
    found = [
        (abs(row.marks[number].x - cx), number)
        for number in row.reaching[near.start : near.stop]
        for bar in row.marks[number].bars
        if bar.span_start_x is not None and bar.span_x is not None and bar.span_start_x <= cx <= bar.span_x
    ]
    if not found:
        return None
    number = min(found)[1]
    return Hit(lane, number, row.marks[number].item_ids)
