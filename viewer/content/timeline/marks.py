"""A lane's marks at one zoom, each built only when first asked for: no Qt here.

Clusters are found by bisecting the positions at zoom 1 (one step per
cluster), and a mark with its label is made only when painting, hit testing or
the index asks for it, so a zoom step costs what is on screen, not what the
record holds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from typing import overload

import msgspec

from viewer.content.timeline.scale import Track
from viewer.content.timeline.view import Bar, LaneRow, Mark, Metrics, marker_reach
from viewer.content.timeline.words import label_prefix
from viewer.record.timing import Precision


class MarkStyle(msgspec.Struct, frozen=True):
    """What sizes a mark and its label: the font's measures, the marker size and the label limits."""

    metrics: Metrics
    marker: float
    pad: float
    min_label: float
    max_label: float


class Marks(Sequence[Mark]):
    """A lane's marks at one zoom, each made when first asked for: only marks on screen are ever built."""

    def __init__(
        self, track: Track, bounds: list[int], zoom: float, plural: str, style: MarkStyle, lines: int, end: float
    ) -> None:
        """`lines`: how many lines a label may take; `end`: the content x no label reaches past."""
        self._track = track
        self._bounds = bounds
        self._zoom = zoom
        self._plural = plural
        self._style = style
        self._lines = lines
        self._end = end
        self._made: dict[int, Mark] = {}
        self._staggered: dict[int, bool] = {}
        """Per mark, whether its label goes on the second row."""
        self.xs = _Centres(self)

    def __len__(self) -> int:
        return len(self._bounds) - 1

    @property
    def max_label(self) -> float:
        return self._style.max_label

    def limit_lines(self, lines: int) -> None:
        """Wrap labels into at most `lines` lines from now on; marks made with more are made again."""
        if lines != self._lines and (
            any(len(mark.label_lines) > lines or mark.label_row for mark in self._made.values())
            or (lines >= STAGGER_LINES) != (self._lines >= STAGGER_LINES)
        ):
            self._made.clear()
        if lines != self._lines:
            self._staggered.clear()
        self._lines = lines

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
        count = self._bounds[number + 1] - self._bounds[number]
        return marker_reach(self._precision(number), count, self._style.marker)

    def _room(self, number: int) -> float:
        """Room for the mark's label beside its marker: up to the next marker, or the end of the plot."""
        style = self._style
        x = self.x(number)
        if number + 1 < len(self):
            room = self.x(number + 1) - self._reach(number + 1) - x - self._reach(number) - 2 * style.pad
        else:
            room = self._end - x - self._reach(number) - style.pad
        return min(room, style.max_label)

    def _label(self, number: int) -> str:
        a, b = self._bounds[number], self._bounds[number + 1]
        count = b - a
        return (
            f"{count} {self._plural}"
            if count > 1
            else label_prefix(self._precision(number)) + self._track.events[a].label
        )

    def _beside(self, number: int) -> tuple[str, ...]:
        """The label's lines beside its marker, wrapped to its room; none when there is too little."""
        room = self._room(number)
        if room < self._style.min_label:
            return ()
        return _wrapped(self._label(number), room, self._lines, self._style.metrics)

    def _below_room(self, number: int) -> float:
        """Room for the label on the lane's second row, from half a line below the markers: it passes under
        the next marker, up to the one after it, or to where the next label starts when that one takes more lines."""
        style = self._style
        x = self.x(number)
        if number + 2 < len(self):
            room = self.x(number + 2) - self._reach(number + 2) - x - self._reach(number) - 2 * style.pad
        else:
            room = self._end - x - self._reach(number) - style.pad
        return min(room, style.max_label)

    def _wants_below(self, number: int) -> bool:
        """Whether the label would be cut beside its marker and has more room on the second row."""
        lines, room = self._beside(number), self._room(number)
        width = self._style.metrics.text_width
        cut = not lines or max(map(width, lines)) > room
        return cut and self._below_room(number) > max(room, self._style.min_label)

    def _below(self, number: int) -> bool:
        """Whether the label goes on the second row: a lane of three lines or more has one, a line below its
        markers. Of neighbours that want it, every other one takes it, counted from where they start."""
        if self._lines < STAGGER_LINES:
            return False
        known = self._staggered.get(number)
        if known is not None:
            return known
        start = number
        # Neighbours that all want the row alternate from the first of them; a run is walked back
        # only so far, so one zoom step never walks the whole record.
        while start > 0 and number - start < _RUN and start - 1 not in self._staggered and self._wants_below(start - 1):
            start -= 1
        # The mark before the run stays beside its marker: kept so, so that a run cut short by the walk
        # never has two neighbours on the second row however it is later reached.
        below = self._staggered.setdefault(start - 1, False) if start > 0 else False
        for current in range(start, number + 1):
            below = self._staggered.setdefault(current, not below and self._wants_below(current))
        return below

    def _make(self, number: int) -> Mark:
        track, style, zoom = self._track, self._style, self._zoom
        a, b = self._bounds[number], self._bounds[number + 1]
        label = self._label(number)
        reaching = track.reaching[bisect_left(track.reaching, a) : bisect_left(track.reaching, b)]
        lines: tuple[str, ...]
        if self._below(number):
            row, room = 1, self._below_room(number)
            # The lines below the markers' own line: half of the lane's lines beside it.
            lines = _wrapped(label, room, (self._lines - 1) // 2, style.metrics)
        elif number > 0 and self._below(number - 1):
            # The label the one before passes under: lifted, its last line beside its marker, the rest above.
            row, room = -1, self._room(number)
            lines = _wrapped(label, room, (self._lines + 1) // 2, style.metrics) if room >= style.min_label else ()
        else:
            row, room, lines = 0, self._room(number), self._beside(number)
        return Mark(
            x=self.x(number),
            item_ids=track.ids[a:b],
            precision=self._precision(number),
            label=label,
            label_width=min(room, max(map(style.metrics.text_width, lines))) if lines else 0.0,
            label_lines=lines,
            label_row=row,
            bars=tuple(_bar(track, position, zoom) for position in reaching),
        )


STAGGER_LINES = 3
"""A lane of this many lines of label or more has a second row for labels, from half a line below its
markers. A label there passes under the next marker, whose own label is lifted: its last line beside
its marker, the rest above, so the lines below stay clear."""

_RUN = 64
"""How far back a run of neighbours that all want the second row is walked to count which take it."""


def _bar(track: Track, position: int, zoom: float) -> Bar:
    bar = track.bars[position]
    return Bar(
        x=track.x1[position] * zoom,
        row=track.rows[position],
        end_x=None if bar.end is None else bar.end * zoom,
        ongoing=bar.ongoing,
        span_start_x=None if bar.span is None else bar.span[0] * zoom,
        span_x=None if bar.span is None else bar.span[1] * zoom,
        end_span_x=None if bar.end_span is None else bar.end_span * zoom,
    )


def _wrapped(label: str, room: float, lines: int, metrics: Metrics) -> tuple[str, ...]:
    """`label` broken at spaces into at most `lines` lines that each fit `room`; what is left over stays
    on the last line (drawing cuts it short)."""
    words = label.split(" ")
    kept: list[str] = []
    line = words[0]
    for word in words[1:]:
        longer = f"{line} {word}"
        # A line is ended only where it fits: a first word wider than the room keeps the label on one line.
        if len(kept) + 1 < lines and metrics.text_width(longer) > room and metrics.text_width(line) <= room:
            kept.append(line)
            line = word
        else:
            line = longer
    return (*kept, line)


class _Centres(Sequence[float]):
    """The x of each mark, without building the marks: what bisecting and hit testing need."""

    def __init__(self, marks: Marks) -> None:
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


class Index(Mapping[str, tuple[int, int]]):
    """Item id -> (lane row, mark), found by bisecting the lane's cluster starts: no per-zoom dict of every event."""

    def __init__(self, where: dict[str, tuple[int, int]], rows: list[LaneRow]) -> None:
        self._where = where
        self._marks = [row.marks for row in rows]

    def __getitem__(self, item_id: str) -> tuple[int, int]:
        lane, position = self._where[item_id]
        marks = self._marks[lane]
        assert isinstance(marks, Marks)
        return lane, marks.mark_at(position)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)
