"""What the timeline shows at one view, in pixels: the types a layout hands to painting and hit testing.

Marks are kept in content coordinates (x from the start of the content);
`Layout.screen_x` adds the plot origin and the pan offset. A pan only changes
`Layout.offset`, so it needs no new layout at all while the view stays inside
the stretch the layout `covered`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence

import msgspec

from viewer.record.timing import Precision

# Zoom is relative to fit-all.
MIN_ZOOM = 0.25
MAX_ZOOM = 5000.0


class Metrics(msgspec.Struct, frozen=True):
    """Text measures of the paint device's font, so layout needs no Qt."""

    line_height: float
    text_width: Callable[[str], float]


class View(msgspec.Struct, frozen=True):
    """Zoom relative to fit-all, and pan in pixels from the content start."""

    zoom: float = 1.0
    offset: float = 0.0


class Bar(msgspec.Struct, frozen=True):
    """One event's bar to the right: a course to its end, an ongoing course, or a date's span."""

    x: float
    """Content x of the event's own marker (not its cluster's centre): where a course's bar starts."""
    row: int
    """Its row in the lane's stack: bars that overlap sit in different rows."""
    end_x: float | None = None
    """Where the course ends: the start of its end date's span when that date names a month or a year."""
    ongoing: bool = False
    span_start_x: float | None = None
    """Where the span of the event's own date starts, when the date names only a month or a year: the
    span is centred on the marker, which stands for all of it."""
    span_x: float | None = None
    """Where the span of the event's own date ends, when the date names only a month or a year."""
    end_span_x: float | None = None
    """Where the span of the course's end date ends, when that date names only a month or a year:
    the course ended somewhere from `end_x` to here."""


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
    label_lines: tuple[str, ...] = ()
    """The label broken into the lines drawn, each within `label_width`: joined by spaces, the label whole
    unless the lane had too few lines for it (then the last line is cut short when drawn)."""
    label_row: int = 0
    """0: the label's lines are centred on the marker; 1: on the lane's second row, from half a line below
    the markers, where a label too wide for the gap to the next marker passes under it; -1: lifted, its
    last line beside the marker and the rest above, clear of the label passing under it."""
    bars: tuple[Bar, ...] = ()

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
    """The longest reach right of a marker (a course, half a span): how far left of the screen a visible
    bar's marker may be."""
    ahead_bar: float = 0.0
    """The longest reach left of a marker (half a span): how far right of the screen a visible span's
    marker may be."""
    ongoing: tuple[int, ...] = ()
    """Marks with an ongoing course, whose bar runs to the plot's right edge."""
    lines: int = 1
    """How many lines a label may take: what the lane's height leaves beside its bars."""
    line_height: float = 0.0
    marker: float = 0.0
    bar_step: float = 0.0
    """How far apart the rows of the lane's stack of bars are: half a marker, closer in a timeline too
    short for every stack."""

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    def bar_y(self, row: int) -> float:
        """The y of a bar in `row` of the lane's stack: below the marker and the label's lines."""
        below = max(self.lines * self.line_height / 2, 0.5 * self.marker)
        return self.y + below + 0.25 * self.marker + self.bar_step * row


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
    wanted_height: float = 0.0
    """The height at which every label near the view would be whole at this width."""
    least_height: float = 0.0
    """The least height at which the lanes, a line of label each, stay clear of the legend at this width
    with their rows of bars half a marker apart: in less, those rows are drawn closer together."""

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

    def label_top(self, lane: int, mark: Mark) -> float:
        """The y where the label's first line starts (see `Mark.label_row`)."""
        y, lines = self.lanes[lane].y, len(mark.label_lines)
        if mark.label_row > 0:
            return y + self.line_height / 2
        if mark.label_row < 0:
            return y + self.line_height / 2 - lines * self.line_height
        return y - lines * self.line_height / 2

    def label_x(self, mark: Mark) -> float:
        """Content x where a mark's label starts: clear of its whiskers or cluster stack."""
        return mark.x + reach(mark, self.marker) + self.line_height / 2

    def visible(self, xs: Sequence[float], left: float, right: float, reach: float = 0.0, ahead: float = 0.0) -> range:
        """Indexes of sorted content positions `xs` within the screen span [left, right].

        `reach` widens the span to the left for things drawn to the right of their position, `ahead` to
        the right for things drawn to their left.
        """
        margin = 2 * self.marker
        return range(
            bisect_left(xs, self.content_x(left) - reach - margin),
            bisect_right(xs, self.content_x(right) + ahead + margin),
        )

    def visible_marks(self, lane: int, left: float, right: float) -> range:
        """Marks of a lane whose marker or label may reach the screen span [left, right]."""
        return self.visible(self.lanes[lane].xs, left, right, self.max_label + self.line_height)

    def visible_reaching(self, lane: int, left: float, right: float) -> list[int]:
        """Marks of a lane whose bar may reach the screen span [left, right], in order."""
        row = self.lanes[lane]
        reaching = self.visible(row.reaching_xs, left, right, row.longest_bar, row.ahead_bar)
        shown = [row.reaching[number] for number in reaching]
        if not row.ongoing:
            return shown
        found = set(shown)
        found.update(index for index in row.ongoing if self.screen_x(row.xs[index]) <= right)
        return sorted(found)

    def clamp_offset(self, offset: float) -> float:
        """Keep at least half the plot showing content."""
        return clamped_offset(offset, self.plot_right - self.plot_left, self.content_width)

    def covers(self, offset: float) -> bool:
        """Whether the view at `offset` lies inside the laid-out stretch (else pan needs a relayout)."""
        return self.covered[0] <= offset and offset + (self.plot_right - self.plot_left) <= self.covered[1]


def clamped_offset(offset: float, plot_width: float, content_width: float) -> float:
    """`offset` kept where at least half the plot shows content."""
    half = plot_width / 2
    return min(max(offset, -half), max(content_width - half, -half))


SPAN_HEIGHT = 1.1
"""Height of a partial date's span, in marker sizes: it is drawn, and clicked, as its marker is."""

WHISKER = 1.25
"""Half-width of an approximate marker's whiskers, in marker sizes: fixed on screen, never a time range."""


def reach(mark: Mark, marker: float) -> float:
    """How far a marker's drawing reaches on each side of its centre."""
    return marker_reach(mark.precision, mark.count, marker)


def marker_reach(precision: Precision, count: int, marker: float) -> float:
    if precision is Precision.APPROXIMATE:
        return marker * WHISKER
    return marker / 2 + (3 if count > 1 else 0)
