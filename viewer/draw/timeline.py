"""The one routine that draws a timeline layout, on any QPaintDevice.

The widget, PNG, SVG and PDF export all call `paint_timeline`; it draws only
what meets the exposed rectangle, so repaint cost follows what is on screen,
not how many events the record has.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

import msgspec
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPixmapCache,
    QPolygonF,
)

from viewer.content.sections import LANE_SHAPES
from viewer.content.shown import ShownCase
from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import SPAN_HEIGHT, WHISKER, Layout, Mark, Metrics, Tick, View
from viewer.draw.theme import Theme
from viewer.record.timing import Precision

_COURSE_ALPHA = 170
"""Opacity of a treatment course's bar, so the markers on it stay readable."""
_SPAN_ALPHA = 60
"""Opacity of a partial date's span: light, so the markers and labels over it read."""
_BRACKET_WIDTH = 1.5
"""Thickness of the brackets under a partial date's span."""
_COURSE_LAYERS = 8
"""Courses sharing a row, as many as are drawn over one another: a pixel under more is already the
course colour (at its opacity, six layers leave nothing of the background in eight bits)."""


def qt_metrics(font: QFont, device: QPaintDevice | None = None) -> Metrics:
    """Layout metrics of `font` as it will be drawn on `device` (the screen when None)."""
    fm = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
    widths: dict[str, float] = {}

    def text_width(text: str) -> float:
        # Labels repeat across zoom steps; measuring each once keeps relayout cheap.
        width = widths.get(text)
        if width is None:
            width = widths[text] = fm.horizontalAdvance(text)
        return width

    return Metrics(line_height=fm.height(), text_width=text_width)


@lru_cache(maxsize=64)
def _shape(name: str, size: float) -> QPainterPath:
    """A lane's marker shape, centred on (0, 0)."""
    half = size / 2
    path = QPainterPath()
    if name == "circle":
        path.addEllipse(QPointF(0, 0), half, half)
    elif name == "square":
        inset = half * 0.85
        path.addRect(QRectF(-inset, -inset, 2 * inset, 2 * inset))
    elif name == "diamond":
        path.addPolygon(QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)]))
    elif name == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -half), QPointF(half, half * 0.8), QPointF(-half, half * 0.8)]))
    else:
        points = []
        for k in range(10):
            radius = half if k % 2 == 0 else half * 0.45
            angle = -90 + 36 * k
            line = QLineF.fromPolar(radius, -angle)
            points.append(line.p2())
        path.addPolygon(QPolygonF(points))
    path.closeSubpath()
    return path


def _sprite(
    shape: str, marker: float, precision: Precision, cluster: bool, figure: bool, rgba: int, base: int, ratio: float
) -> QPixmap:
    """A marker drawn once into a transparent square pixmap, centred, for `drawPixmap`.

    Kept in Qt's own QPixmapCache, never in a Python-level cache: the application owns that cache and
    empties it when it goes, so no pixmap outlives the QGuiApplication (freeing one after it crashes
    at exit). `aboutToQuit` would not do: it is not sent when no event loop ran (screenshots, export, tests).
    """
    key = f"case-viewer-timeline:{shape}:{marker}:{precision.value}:{cluster:d}:{figure:d}:{rgba}:{base}:{ratio}"
    cached = QPixmap()
    if QPixmapCache.find(key, cached):
        return cached
    # Wide enough for the whiskers, the halo and a cluster's second outline, with their pens.
    half = math.ceil(marker * (WHISKER + 0.5) + 4)
    sprite = QPixmap(math.ceil(2 * half * ratio), math.ceil(2 * half * ratio))
    sprite.setDevicePixelRatio(ratio)
    sprite.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sprite)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = _shape(shape, marker)
    color, back = QColor.fromRgba(rgba), QColor.fromRgba(base)
    _paint_marker(painter, path, half, half, precision, cluster, figure, color, back, marker)
    painter.end()
    QPixmapCache.insert(key, sprite)
    return sprite


def _soft(color: QColor, alpha: int) -> QColor:
    soft = QColor(color)
    soft.setAlpha(alpha)
    return soft


def _markers(
    painter: QPainter, shape: str, marker: float, color: QColor, base: QColor
) -> Callable[[float, float, Precision, bool, bool], None]:
    """A function that draws markers of one shape, size and colour at (x, y) for a precision, one
    or a cluster, with or without a figure: the one marker routine of the lanes, their titles and the legend.

    Raster devices (the widget, PNG) stamp cached sprites: a few hundred antialiased paths per repaint
    cost more than the rest of the timeline. Vector devices (SVG, PDF) keep real paths.
    """
    if painter.paintEngine().type() != QPaintEngine.Type.Raster:
        path = _shape(shape, marker)

        def draw_path(x: float, y: float, precision: Precision, cluster: bool, figure: bool) -> None:
            _paint_marker(painter, path, x, y, precision, cluster, figure, color, base, marker)

        return draw_path

    ratio = painter.device().devicePixelRatioF()
    rgba, base_rgba = color.rgba(), base.rgba()
    sprites: dict[tuple[Precision, bool, bool], tuple[QPixmap, float]] = {}
    stamp_at = painter.drawPixmap

    def stamp(x: float, y: float, precision: Precision, cluster: bool, figure: bool) -> None:
        found = sprites.get((precision, cluster, figure))
        if found is None:
            sprite = _sprite(shape, marker, precision, cluster, figure, rgba, base_rgba, ratio)
            found = sprites[(precision, cluster, figure)] = (sprite, sprite.width() / ratio / 2)
        stamp_at(QPointF(x - found[1], y - found[1]), found[0])

    return stamp


def paint_timeline(
    painter: QPainter,
    exposed: QRectF,
    layout: Layout,
    theme: Theme,
    *,
    font: QFont,
    selected: str = "",
    hovered: str = "",
    focused: str = "",
    figured: frozenset[str] = frozenset(),
) -> None:
    """Draw `layout` with `theme`, only what meets `exposed` (layout coordinates).

    `focused` is drawn with a focus frame: pass "" when the widget has no keyboard focus. A mark
    holding an item of `figured` (items with a figure shown) carries the figure mark.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    painter.setClipRect(exposed)
    painter.fillRect(exposed, theme.color("base"))
    fm = QFontMetricsF(font, painter.device())
    left = max(exposed.left(), layout.title_width)
    right = min(exposed.right(), layout.width)

    for number, row in enumerate(layout.lanes):
        if number % 2 and row.bottom >= exposed.top() and row.top <= exposed.bottom():
            painter.fillRect(QRectF(exposed.left(), row.top, exposed.width(), row.bottom - row.top), theme.alternate)

    painter.save()
    # Marks, labels and axis words of a panned view never reach over the lane titles.
    painter.setClipRect(QRectF(left, 0, right - left, layout.height).intersected(exposed))
    _paint_axis(painter, layout, theme, fm, left, right)
    marked = tuple(
        (state, item_id)
        for state, item_id in (("hovered", hovered), ("selected", selected), ("focused", focused))
        if item_id
    )
    for number, row in enumerate(layout.lanes):
        if row.bottom < exposed.top() or row.top > exposed.bottom():
            continue
        _paint_lane(painter, layout, number, theme, fm, left, right, marked, figured)
    painter.restore()

    _paint_titles(painter, layout, theme, fm, exposed)
    _paint_legend(painter, layout, theme, fm)
    painter.restore()


def _paint_axis(painter: QPainter, layout: Layout, theme: Theme, fm: QFontMetricsF, left: float, right: float) -> None:
    y = layout.axis_y
    muted = theme.color("muted")
    start = max(layout.screen_x(0.0), left)
    end = min(layout.screen_x(layout.content_width), right)
    if start < end:
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(start, y), QPointF(end, y))
    # Measured time is a heavy line; order-only stretches keep the thin line and get chevrons.
    heavy = QPen(theme.color("text"), 2.5)
    heavy.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(heavy)
    dashed = QPen(heavy)
    # Time to an approximate day is itself approximate: long dashes, not a ruled line.
    dashed.setDashPattern([4.0, 2.0])
    shift = layout.screen_x(0.0)
    lines = _axis_lines(layout, left, right)
    # Lines are kept in content x, as bars are: shifting the painter places them for the current pan.
    painter.save()
    painter.translate(shift, 0)
    # One drawLines per pen: at fit-all there are hundreds of stretches.
    for drawn, pen in ((lines.ruled, heavy), (lines.dashes, dashed)):
        if drawn:
            painter.setPen(pen)
            painter.drawLines(drawn)
    _paint_chevrons(painter, lines.chevrons, theme)
    # Each pen once: grid lines, then tick marks, then words.
    painter.setPen(QPen(theme.color("grid"), 1))
    painter.drawLines(lines.grid)
    painter.setPen(QPen(theme.color("text"), 2))
    painter.drawLines(lines.tick_marks)
    painter.restore()
    size = layout.line_height * 0.3
    ticks = lines.ticks
    painter.setPen(theme.color("text"))
    for tick in ticks:
        box = QRectF(tick.x + shift - tick.label_width / 2, y - size - fm.height(), tick.label_width, fm.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tick.label)


class _AxisLines(msgspec.Struct, frozen=True):
    """The axis's lines for the stretches, chevrons and ticks of a layout that meet the screen, in content x."""

    made_from: tuple[object, object, object]
    """The layout's stretches, chevrons and ticks (a layout and its pans share them)."""
    shown: tuple[range, range, range]
    """Which of them meet the screen."""
    ruled: list[QLineF]
    dashes: list[QLineF]
    chevrons: list[QLineF]
    grid: list[QLineF]
    tick_marks: list[QLineF]
    ticks: Sequence[Tick]


_AXES: dict[tuple[int, int, int], _AxisLines] = {}
"""Axis lines by what they were made from: a repaint of the same view (hover, selection, focus, expose)
reuses them."""


def _axis_lines(layout: Layout, left: float, right: float) -> _AxisLines:
    made_from = (layout.time_segments, layout.chevrons, layout.ticks)
    segments = layout.visible(layout.time_ends, left, right)
    chevrons = layout.visible(layout.chevrons, left, right)
    shown = layout.visible(layout.tick_xs, left, right, layout.max_label)
    key = (id(layout.time_segments), id(layout.chevrons), id(layout.ticks))
    made = _AXES.get(key)
    if (
        made is not None
        and all(kept is current for kept, current in zip(made.made_from, made_from, strict=True))
        and made.shown == (segments, chevrons, shown)
    ):
        return made
    y = layout.axis_y
    ruled: list[QLineF] = []
    dashes: list[QLineF] = []
    for x0, x1, approximate in layout.time_segments[segments.start : segments.stop]:
        (dashes if approximate else ruled).append(QLineF(x0, y, x1, y))
    size = layout.line_height * 0.3
    bottom = layout.lanes[-1].bottom
    ticks = layout.ticks[shown.start : shown.stop]
    if len(_AXES) > 8:
        _AXES.clear()
    made = _AXES[key] = _AxisLines(
        made_from=made_from,
        shown=(segments, chevrons, shown),
        ruled=ruled,
        dashes=dashes,
        chevrons=_chevron_lines(layout.chevrons[chevrons.start : chevrons.stop], y, size),
        grid=[QLineF(tick.x, y, tick.x, bottom) for tick in ticks],
        tick_marks=[QLineF(tick.x, y - size, tick.x, y + size) for tick in ticks],
        ticks=ticks,
    )
    return made


def _paint_lane(
    painter: QPainter,
    layout: Layout,
    number: int,
    theme: Theme,
    fm: QFontMetricsF,
    left: float,
    right: float,
    marked: tuple[tuple[str, str], ...],
    figured: frozenset[str],
) -> None:
    row = layout.lanes[number]
    color = theme.lane_color(row.lane)
    marker = layout.marker
    # Brushes are made once per lane: at fit-all a lane may have a hundred bars.
    course = _soft(color, _COURSE_ALPHA)
    shift = layout.screen_x(0.0)
    bars = _bars(layout, number, left, right)
    # Bars are kept in content x: shifting the painter places them for the current pan.
    painter.save()
    painter.translate(shift, 0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(course)
    painter.drawRects(bars.courses)
    if bars.spans:
        painter.setBrush(_soft(color, _SPAN_ALPHA))
        painter.drawRects(bars.spans)
    painter.restore()
    arrows = layout.plot_right - marker * 0.6
    ongoing = [(x + shift, bar_y) for x, bar_y in bars.ongoing if x + shift <= right and x + shift < arrows]
    if ongoing:
        _paint_ongoing(painter, ongoing, arrows, marker, course, color)
    if bars.brackets:
        painter.save()
        painter.translate(shift, 0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRects(bars.brackets)
        painter.restore()

    draw = _markers(painter, LANE_SHAPES[row.lane], marker, color, theme.color("base"))
    y = row.y
    shown = layout.visible_marks(number, left, right)
    for mark in row.marks[shown.start : shown.stop]:
        x = mark.x + shift
        # A cluster at fit-all holds hundreds of ids: looked through only when some item has a figure.
        draw(x, y, mark.precision, len(mark.item_ids) > 1, bool(figured) and not figured.isdisjoint(mark.item_ids))
        for state, item_id in marked:
            if item_id in mark.item_ids:
                _paint_state(painter, state, x, row.y, marker, theme)
        if mark.label_width > 0:
            label_x = layout.screen_x(layout.label_x(mark))
            room = min(mark.label_width, right - label_x)
            if room <= layout.line_height:
                continue
            painter.setPen(theme.color("text"))
            top = layout.label_top(number, mark)
            for line_number, line in enumerate(mark.label_lines):
                text = fm.elidedText(line, Qt.TextElideMode.ElideRight, room)
                if text == "…":
                    break
                box = QRectF(label_x, top + line_number * fm.height(), room + 1, fm.height())
                painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


class _Bars(msgspec.Struct, frozen=True):
    """A lane's course bars and date brackets for one set of visible marks, in content x, each as few
    rectangles as give the same picture: at fit-all hundreds of them lie over each other."""

    marks: Sequence[Mark]
    indices: list[int]
    courses: list[QRectF]
    """The courses in layers (see `_layered`): where n courses overlap, n layers, up to `_COURSE_LAYERS`."""
    brackets: list[QRectF]
    """The brackets' strokes as the rectangles a square-capped pen covers, those that overlap as one."""
    spans: list[QRectF]
    """The month or year each partial date covers, as tall as its marker, and each partial end's, as
    thick as its course."""
    ongoing: list[tuple[float, float]]
    """(x, y) where each ongoing course's bar starts."""


_BARS: dict[int, _Bars] = {}
"""Bars by lane marks (four views of five lanes): a repaint of the same view (hover, selection, focus,
expose) reuses them."""


def _bars(layout: Layout, number: int, left: float, right: float) -> _Bars:
    """Each event's own bar, in its row of the lane's stack, so courses that overlap never merge into one."""
    row = layout.lanes[number]
    indices = layout.visible_reaching(number, left, right)
    made = _BARS.get(id(row.marks))
    if made is not None and made.marks is row.marks and made.indices == indices:
        return made
    thickness = layout.marker * 0.3
    # Gathered as plain (top, height, left, right) pieces: sorting and joining them is a zoom step's work.
    courses: list[_Piece] = []
    brackets: list[_Piece] = []
    spans: list[_Piece] = []
    ongoing: list[tuple[float, float]] = []
    half = layout.marker * SPAN_HEIGHT / 2
    for index in indices:
        for bar in row.marks[index].bars:
            x, bar_y = bar.x, row.bar_y(bar.row)
            if bar.span_start_x is not None and bar.span_x is not None:
                # A date stated only to the month or year: drawn over the whole span it names, at
                # every zoom, with its marker in the middle, so nothing reads as a point at the span's
                # start; a bracket below says where the span starts and ends.
                start, stop = bar.span_start_x, bar.span_x
                spans.append((row.y - half, 2 * half, start, stop))
                brackets += _bracket(start, stop, bar_y, bar_y - 3)
            if bar.ongoing:
                ongoing.append((x, bar_y))
            elif bar.end_x is not None and bar.end_x > x:
                courses.append((bar_y - thickness / 2, thickness, x, bar.end_x))
            if not bar.ongoing and bar.end_x is not None and bar.end_span_x is not None:
                # An end stated only to the month or year: the solid bar stops where that span starts;
                # over the span, where the course ended somewhere, it goes on faint, with a bracket.
                end, reach = bar.end_x, bar.end_span_x
                spans.append((bar_y - thickness / 2, thickness, end, reach))
                brackets += _bracket(end, reach, bar_y + 3, bar_y)
    if len(_BARS) > 20:
        _BARS.clear()
    made = _BARS[id(row.marks)] = _Bars(
        row.marks, indices, _layered(courses, _COURSE_LAYERS), _merged(brackets), _merged(spans), ongoing
    )
    return made


_Piece = tuple[float, float, float, float]
"""A rectangle as (top, height, left, right): pieces of one band (top and height) sort together, by left."""


def _bracket(start: float, stop: float, y: float, tips: float) -> tuple[_Piece, _Piece, _Piece]:
    """A bracket from `start` to `stop` along `y`, its ends turned to `tips`: the three strokes of a
    square-capped pen, as the rectangles they cover, so that overlapping ones can be drawn as one."""
    half = _BRACKET_WIDTH / 2
    top, bottom = min(y, tips) - half, max(y, tips) + half
    return (
        (top, bottom - top, start - half, start + half),
        (y - half, 2 * half, start - half, stop + half),
        (top, bottom - top, stop - half, stop + half),
    )


def _layered(pieces: list[_Piece], layers: int) -> list[QRectF]:
    """Translucent `pieces` as layers that blend each pixel as often as they do, up to `layers` times.

    Each band is swept left to right: layer k holds the stretches that k pieces or more cover. Hundreds
    of courses sharing a row at fit-all become a few rectangles per layer, and a pixel under n of them
    is still blended n times (or `layers`, beyond which nothing changes).
    """
    bands: dict[tuple[float, float], list[tuple[float, int]]] = {}
    for top, height, left, right in pieces:
        # At one x, an end (-1) sorts before a start: pieces that only touch never make a second layer.
        bands.setdefault((top, height), []).extend(((left, 1), (right, -1)))
    layered: list[QRectF] = []
    for (top, height), edges in bands.items():
        starts = [0.0] * layers
        depth = 0
        for x, step in sorted(edges):
            if step > 0:
                depth += 1
                if depth <= layers:
                    starts[depth - 1] = x
            else:
                if depth <= layers and x > starts[depth - 1]:
                    layered.append(QRectF(starts[depth - 1], top, x - starts[depth - 1], height))
                depth -= 1
    return layered


def _merged(pieces: list[_Piece]) -> list[QRectF]:
    """Pieces in one band that overlap, as one rectangle: at fit-all hundreds of months lie over each
    other, and each translucent layer would be blended again for the same shade of "somewhere in here"
    (and an opaque one, its edges again)."""
    merged: list[list[float]] = []
    for top, height, left, right in sorted(pieces):
        last = merged[-1] if merged else None
        if last is not None and last[0] == top and last[1] == height and left <= last[3]:
            last[3] = max(last[3], right)
        else:
            merged.append([top, height, left, right])
    return [QRectF(left, top, right - left, height) for top, height, left, right in merged]


def _paint_marker(
    painter: QPainter,
    shape: QPainterPath,
    x: float,
    y: float,
    precision: Precision,
    cluster: bool,
    figure: bool,
    color: QColor,
    base: QColor,
    marker: float,
) -> None:
    """Exact: solid. Approximate: soft halo and fixed-width whiskers. Order only: dashed outline, hollow.
    An item with a figure: a small framed square above it, a picture."""
    if cluster:
        # A cluster shows a second outline behind it, like a stack of cards.
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(base)
        painter.drawPath(shape.translated(x + 3, y - 3))
    if precision is Precision.APPROXIMATE:
        whisker = marker * WHISKER
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_soft(color, 70))
        painter.drawEllipse(QPointF(x, y), marker * 0.95, marker * 0.95)
        painter.setPen(QPen(color, 1.5))
        painter.drawLine(QPointF(x - whisker, y), QPointF(x + whisker, y))
        cap = marker * 0.3
        painter.drawLine(QPointF(x - whisker, y - cap), QPointF(x - whisker, y + cap))
        painter.drawLine(QPointF(x + whisker, y - cap), QPointF(x + whisker, y + cap))
        painter.setBrush(_soft(color, 190))
        painter.drawPath(shape.translated(x, y))
    elif precision is Precision.ORDER:
        pen = QPen(color, 2)
        pen.setDashPattern([2.0, 1.5])
        painter.setPen(pen)
        painter.setBrush(base)
        painter.drawPath(shape.translated(x, y))
    else:
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(color)
        painter.drawPath(shape.translated(x, y))
    if figure:
        # Above the marker, clear of the selection and focus rings (5.5 px out): a frame, a picture.
        side = marker * 0.6
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(base)
        painter.drawRect(QRectF(x - side / 2, y - marker / 2 - 7 - side, side, side))


def _chevron_lines(xs: Iterable[float], y: float, size: float) -> list[QLineF]:
    """The strokes of a "then" chevron (order, not time) centred on each x."""
    lines: list[QLineF] = []
    for x in xs:
        lines += (QLineF(x - size / 2, y - size, x + size / 2, y), QLineF(x + size / 2, y, x - size / 2, y + size))
    return lines


def _paint_chevrons(painter: QPainter, lines: list[QLineF], theme: Theme) -> None:
    """Chevrons' strokes in one drawLines: the axis may have hundreds."""
    if lines:
        painter.setPen(QPen(theme.color("text"), 1.8))
        painter.drawLines(lines)


def _paint_ongoing(
    painter: QPainter, starts: list[tuple[float, float]], x1: float, marker: float, course: QColor, color: QColor
) -> None:
    """Ongoing courses: from each (x0, y) of `starts` a bar in `course`, and at x1 an arrow head in `color`.

    Bars sharing a row are drawn in layers, as courses are, and their one arrow head once: at fit-all
    a row may hold a dozen of them, all running to the plot's edge.
    """
    thickness = marker * 0.3
    head = marker * 0.6
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(course)
    painter.drawRects(_layered([(y - thickness / 2, thickness, x0, x1) for x0, y in starts], _COURSE_LAYERS))
    painter.setBrush(color)
    for y in sorted({y for _, y in starts}):
        painter.drawPolygon(QPolygonF([QPointF(x1, y - head / 2), QPointF(x1 + head, y), QPointF(x1, y + head / 2)]))


def _paint_state(painter: QPainter, state: str, x: float, y: float, marker: float, theme: Theme) -> None:
    # Rings stay inside the gap before the label, which starts half a line past the marker.
    margin = {"selected": 3.0, "hovered": 3.0, "focused": 5.5}[state]
    box = QRectF(x - marker / 2 - margin, y - marker / 2 - margin, marker + 2 * margin, marker + 2 * margin)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if state == "selected":
        painter.setPen(QPen(theme.color("highlight"), 3))
    elif state == "hovered":
        painter.setPen(QPen(theme.color("muted"), 1.5))
    else:
        pen = QPen(theme.color("text"), 1.2)
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
    painter.drawRoundedRect(box, 3, 3)


def _paint_titles(painter: QPainter, layout: Layout, theme: Theme, fm: QFontMetricsF, exposed: QRectF) -> None:
    if exposed.left() > layout.title_width:
        return
    marker = layout.marker
    pad = layout.line_height / 2
    for number, row in enumerate(layout.lanes):
        background = theme.color("alternate") if number % 2 else theme.color("base")
        painter.fillRect(QRectF(0, row.top, layout.title_width, row.bottom - row.top), background)
        draw = _markers(painter, LANE_SHAPES[row.lane], marker, theme.lane_color(row.lane), theme.color("base"))
        draw(pad + marker / 2, row.y, Precision.EXACT, False, False)
        painter.setPen(theme.color("text"))
        box = QRectF(pad * 2 + marker, row.y - fm.height() / 2, layout.title_width - pad * 2 - marker, fm.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row.title)
    painter.setPen(QPen(theme.color("grid"), 1))
    painter.drawLine(
        QPointF(layout.title_width, layout.lanes[0].top), QPointF(layout.title_width, layout.lanes[-1].bottom)
    )


_LEGEND_PRECISIONS = {"exact": Precision.EXACT, "approximate": Precision.APPROXIMATE, "order": Precision.ORDER}


def _paint_legend(painter: QPainter, layout: Layout, theme: Theme, fm: QFontMetricsF) -> None:
    """Each sample is drawn by the routine that draws what it explains: the marker samples in the muted colour."""
    y = layout.legend_y
    marker = layout.marker * 0.8
    color = theme.color("muted")
    draw = _markers(painter, "circle", marker, color, theme.color("base"))
    for entry in layout.legend:
        x = entry.x - layout.marker * (1.5 if entry.kind == "approximate" else 0.9)
        precision = _LEGEND_PRECISIONS.get(entry.kind)
        if precision is not None:
            draw(x, y, precision, False, False)
        elif entry.kind == "then":
            size = layout.line_height * 0.3
            _paint_chevrons(painter, _chevron_lines((x - size, x + size * 0.6), y, size), theme)
        elif entry.kind == "ongoing":
            _paint_ongoing(painter, [(x - marker, y)], x + marker * 0.4, marker, _soft(color, _COURSE_ALPHA), color)
        painter.setPen(theme.color("text"))
        box = QRectF(entry.x, y - fm.height() / 2, layout.width - entry.x, fm.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.text)


def render_timeline(
    painter: QPainter,
    rect: QRectF,
    shown: ShownCase,
    theme: Theme,
    labels: Mapping[str, str] | None = None,
    font: QFont | None = None,
    figured: frozenset[str] = frozenset(),
) -> None:
    """Lay a case out at fit-all for `rect` and paint it there: one call per PNG, SVG or PDF."""
    if font is None:
        font = QFont()
        font.setPointSizeF(font.pointSizeF() * theme.font_scale)
    metrics = qt_metrics(font, painter.device())
    layout = compute_layout(build_data(shown, labels), rect.width(), rect.height(), View(), metrics)
    painter.save()
    painter.translate(rect.topLeft())
    paint_timeline(painter, QRectF(0, 0, rect.width(), rect.height()), layout, theme, font=font, figured=figured)
    painter.restore()
