"""Bars that lie over each other at fit-all are drawn as fewer rectangles, and the picture stays the one
of every bar drawn: each span's extent shows, and overlapping courses blend as often as they did."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from records import QUOTE, small_record

from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import View
from viewer.draw import timeline as paint
from viewer.draw.theme import THEMES
from viewer.draw.timeline import paint_timeline, qt_metrics
from viewer.record.model import CaseRecord, DateTime, HistoryItem, IndexTime

WIDTH, HEIGHT = 1200, 300


def crowded_months() -> CaseRecord:
    """Forty items dated to a month or a year over four years, several in each month: at fit-all their
    spans and brackets overlap."""
    history = [HistoryItem(id="index", label="index", when=IndexTime(date="2016-01-10"), quotes=QUOTE)]
    for number in range(40):
        year, month = 2016 + number % 4, 1 + number * 7 % 12
        date = f"{year}" if number % 9 == 0 else f"{year}-{month:02d}"
        history.append(HistoryItem(id=f"item{number}", label=f"item {number}", when=DateTime(date=date), quotes=QUOTE))
    return small_record("Crowded months", history=history)


@pytest.mark.usefixtures("qapp")
def test_every_span_shows_its_extent_when_overlapping_ones_are_drawn_as_one() -> None:
    theme = THEMES["light"]
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    layout = compute_layout(build_data(show(crowded_months())), WIDTH, HEIGHT, View(), qt_metrics(font, image))
    painter = QPainter(image)
    paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), layout, theme, font=font)
    painter.end()
    [(number, row)] = [(number, row) for number, row in enumerate(layout.lanes) if row.lane == "history"]
    background = theme.alternate if number % 2 else theme.color("base")
    bars = [bar for mark in row.marks for bar in mark.bars if bar.span_start_x is not None]
    assert len(bars) == 40
    drawn = paint._bars(layout, number, layout.title_width, layout.width)
    # Fewer rectangles than the bars' own: overlapping brackets and spans are drawn once.
    assert len(drawn.brackets) < 3 * len(bars)
    assert len(drawn.spans) < len(bars)
    for bar in bars:
        assert bar.span_x is not None
        tips = round(row.bar_y(bar.row)) - 2
        for x in (bar.span_start_x, bar.span_x):
            # The bracket's end turns up at each end of the span it stands under.
            assert image.pixelColor(round(layout.screen_x(x)), tips) != background
        # And the span itself is shaded from its start to its end.
        for x in (bar.span_start_x + 1, bar.span_x - 1):
            assert image.pixelColor(round(layout.screen_x(x)), round(row.y - layout.marker * 0.5)) != background


def _pieces(rng: random.Random, count: int) -> list[tuple[float, float, float, float]]:
    """`count` courses on pixel edges in two rows, many overlapping, some only touching."""
    pieces = []
    for _ in range(count):
        left = rng.randrange(0, 180)
        pieces.append((rng.choice((10.0, 30.0)), 4.0, float(left), float(left + rng.randrange(1, 60))))
    pieces += [(50.0, 4.0, 0.0, 20.0), (50.0, 4.0, 20.0, 40.0)]
    return pieces


def _drawn(rects: list[QRectF], color: QColor) -> QImage:
    image = QImage(200, 60, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRects(rects)
    painter.end()
    return image


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("seed", range(4))
def test_courses_in_layers_blend_each_pixel_as_every_course_drawn_would(seed: int) -> None:
    pieces = _pieces(random.Random(seed), 60)
    every = [QRectF(left, top, right - left, height) for top, height, left, right in pieces]
    layered = paint._layered(pieces, 8)
    assert len(layered) < len(every)
    for name in ("light", "dark", "projector"):
        color = QColor(THEMES[name].lane_color("treatments"))
        color.setAlpha(170)
        assert _drawn(layered, color) == _drawn(every, color)


def test_pieces_merged_cover_what_the_pieces_cover_and_no_more() -> None:
    rng = random.Random(5)
    pieces = [
        (rng.choice((0.0, 2.5)), rng.choice((1.5, 4.5)), left, left + rng.uniform(0.5, 6))
        for left in (rng.uniform(0, 80) for _ in range(120))
    ]
    merged = [(rect.top(), rect.height(), rect.left(), rect.right()) for rect in paint._merged(pieces)]
    assert len(merged) < len(pieces)
    for band in {(top, height) for top, height, _, _ in pieces}:
        stretches = sorted((left, right) for top, height, left, right in merged if (top, height) == band)
        # One rectangle per stretch: none overlaps the next.
        assert all(right < next_left for (_, right), (next_left, _) in pairwise(stretches))
        for step in range(0, 900):
            x = step / 10
            inside = any(left <= x <= right for top, height, left, right in pieces if (top, height) == band)
            assert inside == any(left <= x <= right for left, right in stretches), x


@pytest.mark.usefixtures("qapp")
def test_a_repaint_reusing_the_kept_axis_and_bars_draws_what_a_fresh_paint_draws() -> None:
    theme = THEMES["dark"]
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    metrics = qt_metrics(font, QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied))
    layout = compute_layout(build_data(show(crowded_months())), WIDTH, HEIGHT, View(zoom=3.0), metrics)

    def painted(offset: float) -> QImage:
        image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), layout.with_offset(offset), theme, font=font)
        painter.end()
        return image

    # Pans of the same layout, some by a fraction of a pixel, and back: each kept from the paint before.
    for offset in (0.0, 0.25, 40.5, 41.0, 300.75, 0.0):
        kept = painted(offset)
        paint._AXES.clear()
        paint._BARS.clear()
        assert kept == painted(offset), offset


@pytest.mark.usefixtures("qapp")
def test_ongoing_courses_sharing_a_row_each_deepen_the_shade_from_their_start_up_to_one_arrow_head() -> None:
    color = QColor(THEMES["light"].lane_color("treatments"))
    course = QColor(color)
    course.setAlpha(170)
    image = QImage(200, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Five courses in one row (y = 20), one in another; bars on pixel edges, the arrow heads at x = 150.
    starts = [(10.0, 20.0), (30.0, 20.0), (50.0, 20.0), (70.0, 20.0), (90.0, 20.0), (60.0, 8.0)]
    paint._paint_ongoing(painter, starts, 150.0, 10.0, course, color)
    painter.end()
    row = [image.pixelColor(x, 20) for x in (5, 20, 40, 60, 80, 100)]
    assert row[0] == QColor("white")
    # Each start adds a layer: the shade deepens at every one.
    assert all(darker.lightness() < lighter.lightness() for lighter, darker in pairwise(row))
    # One arrow head per row, its tip past the bars' end, in the lane's own colour.
    for y in (20, 8):
        assert image.pixelColor(150 + 3, y) == color
        assert image.pixelColor(150 + 8, y + 2) == QColor("white")
