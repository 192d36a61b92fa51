"""The timeline's paint routine: the legend shows exactly what the lanes draw."""

from __future__ import annotations

import msgspec
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from records import QUOTE, small_record, two_courses

from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import Layout, View
from viewer.draw.theme import THEMES, Theme
from viewer.draw.timeline import paint_timeline, qt_metrics
from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    HistoryItem,
    IndexTime,
    OffsetTime,
)
from viewer.record.timing import Precision

WIDTH, HEIGHT = 1000, 300


def three_precisions() -> CaseRecord:
    """One history item of each precision, far enough apart to be three markers."""
    history = [
        HistoryItem(id="exact", label="exact", when=IndexTime(), quotes=QUOTE),
        HistoryItem(
            id="approximate",
            label="approximate",
            when=ApproximateTime(anchor="exact", amount=1, unit="year"),
            quotes=QUOTE,
        ),
        HistoryItem(id="order", label="order", when=AfterTime(anchor="approximate"), quotes=QUOTE),
        HistoryItem(id="later", label="later", when=OffsetTime(anchor="exact", amount=3, unit="year"), quotes=QUOTE),
    ]
    return small_record("Three precisions", history=history)


def painted(layout: Layout, theme: Theme, font: QFont) -> QImage:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), layout, theme, font=font)
    painter.end()
    return image


def region(left: float, top: float, right: float, bottom: float) -> QRect:
    return QRect(QPoint(round(left), round(top)), QPoint(round(right), round(bottom)))


def drawn(image: QImage, region: QRect, background: QColor) -> QImage:
    """The smallest part of `region` that holds every pixel not of the background."""
    xs, ys = [], []
    for y in range(region.top(), region.bottom() + 1):
        for x in range(region.left(), region.right() + 1):
            if image.pixelColor(x, y) != background:
                xs.append(x)
                ys.append(y)
    assert xs, "nothing drawn there"
    return image.copy(QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))


@pytest.mark.usefixtures("qapp")
def test_the_legend_draws_each_precision_as_the_lanes_do() -> None:
    light = THEMES["light"]
    # History markers are circles like the legend's; in the legend's colour, and with no grid behind them.
    theme = msgspec.structs.replace(light, lanes={**light.lanes, "history": light.muted}, grid=light.base)
    font = QFont()
    font.setPixelSize(16)
    metrics = qt_metrics(font, QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied))
    layout = compute_layout(build_data(show(three_precisions())), WIDTH, HEIGHT, View(), metrics)
    # The legend's samples are 0.8 of a lane marker: lanes laid out with that marker draw the same size.
    lanes = msgspec.structs.replace(layout, marker=layout.marker * 0.8)
    legend_image, lanes_image = painted(layout, theme, font), painted(lanes, theme, font)
    base = theme.color("base")

    row = lanes.lanes[0]
    assert row.lane == "history"
    entries = {entry.kind: (number, entry) for number, entry in enumerate(layout.legend)}
    for kind, precision in (
        ("exact", Precision.EXACT),
        ("approximate", Precision.APPROXIMATE),
        ("order", Precision.ORDER),
    ):
        mark = next(mark for mark in row.marks if mark.precision is precision)
        # From well left of the marker to just before its label.
        x = lanes.screen_x(mark.x)
        lane_region = region(x - 2 * lanes.marker, row.top, lanes.screen_x(lanes.label_x(mark)) - 2, row.bottom - 1)

        # From just after the words of the entry before to just before this entry's words.
        number, entry = entries[kind]
        previous = layout.legend[number - 1] if number else None
        left = 0.0 if previous is None else previous.x + metrics.text_width(previous.text) + 1
        legend_region = region(left, layout.legend_y - layout.line_height, entry.x - 1, HEIGHT - 1)

        sample = drawn(legend_image, legend_region, base)
        marker = drawn(lanes_image, lane_region, base)
        assert sample.width() > lanes.marker / 2
        assert sample == marker, f"the legend's {kind} sample differs from the lane's {kind} marker"


@pytest.mark.usefixtures("qapp")
def test_a_panned_view_draws_nothing_over_the_lane_titles() -> None:
    theme = THEMES["light"]
    font = QFont()
    font.setPixelSize(16)
    metrics = qt_metrics(font, QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied))
    data = build_data(show(three_precisions()))
    still = compute_layout(data, WIDTH, HEIGHT, View(), metrics)
    # Zoomed in and panned by small steps, so labels and axis words of marks just off screen fall across the titles.
    images = [painted(still, theme, font)]
    for offset in range(40, 1200, 37):
        images.append(painted(compute_layout(data, WIDTH, HEIGHT, View(4.0, offset), metrics), theme, font))
    titles = QRect(0, 0, int(still.title_width), HEIGHT)
    for image in images[1:]:
        assert image.copy(titles) == images[0].copy(titles)


@pytest.mark.usefixtures("qapp")
def test_two_overlapping_courses_are_painted_at_two_heights() -> None:
    theme = THEMES["light"]
    font = QFont()
    font.setPixelSize(16)
    metrics = qt_metrics(font, QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied))
    layout = compute_layout(build_data(show(two_courses())), WIDTH, HEIGHT, View(), metrics)
    image = painted(layout, theme, font)
    number, row = next((number, row) for number, row in enumerate(layout.lanes) if row.lane == "treatments")
    bars = {item_id: bar for mark in row.marks for item_id, bar in zip(mark.item_ids, mark.bars, strict=True)}
    steroids, ivig = bars["steroids"], bars["ivig"]
    assert steroids.end_x is not None
    # Where both courses run, and clear of the labels: a column through both bars.
    x = round(layout.screen_x((ivig.x + steroids.end_x) / 2))
    background = theme.alternate if number % 2 else theme.color("base")
    first, second = sorted((row.bar_y(steroids.row), row.bar_y(ivig.row)))
    assert second - first > 0
    assert image.pixelColor(x, round(first)) != background
    assert image.pixelColor(x, round(second)) != background
    # Apart, not one thick bar.
    assert image.pixelColor(x, round((first + second) / 2)) == background
