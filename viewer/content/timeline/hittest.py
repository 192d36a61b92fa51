"""What lies under a point of the timeline: a pure function over a `Layout`.

It bisects the one lane under the point, so it costs O(log n) however many
events the record has.
"""

from __future__ import annotations

from bisect import bisect_right

import msgspec

from viewer.content.timeline.view import Layout


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
                and abs(y - row.y) <= len(mark.label_lines) * layout.line_height / 2
            )
            if on_marker or on_label:
                return Hit(lane_number, number, mark.item_ids)
        return None
    return None
