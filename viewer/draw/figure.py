"""The timeline figure that every export draws, with the screen's paint routine."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QGuiApplication, QPaintDevice, QPainter

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import View
from viewer.draw.theme import Theme
from viewer.draw.timeline import paint_timeline, qt_metrics

FIGURE_PX = 15.0
"""Label size of a PNG or SVG figure, in pixels at 1× before the theme's scale."""
FIGURE_LINES = (84.0, 17.0)
"""Width and height of a PNG or SVG figure in text lines: lanes, axis and legend with room for labels."""
_FITTING_TRIES = 4
"""Scales tried for a figure that needs more height than it has: the layout's need changes a little
with the width it is laid out at."""


def figure_font(pixels: float) -> QFont:
    """The application's font at a fixed pixel size, so a figure does not depend on the screen's DPI.

    The family is the one actually used ("DejaVu Sans", not the alias "Sans Serif"),
    so an SVG or PDF names a font that other programs can find."""
    font = QFont(QGuiApplication.font())
    font.setFamily(QFontInfo(font).family())
    font.setPixelSize(round(pixels))
    return font


def figure_size(font: QFont) -> QSizeF:
    """The logical size of a stand-alone figure drawn in `font` (a pixel-sized font measures the same anywhere)."""
    line = QFontMetricsF(font).height()
    columns, rows = FIGURE_LINES
    return QSizeF(round(columns * line), round(rows * line))


def fitted_size(shown: ShownCase, disclosure: Disclosure, font: QFont) -> QSizeF:
    """`figure_size`, taller where the lanes of `shown` need more to stay clear of the legend."""
    size = figure_size(font)
    return QSizeF(size.width(), max(size.height(), math.ceil(least_height(shown, disclosure, font, size.width()))))


def least_height(
    shown: ShownCase, disclosure: Disclosure, font: QFont, width: float, device: QPaintDevice | None = None
) -> float:
    """The least height of a figure of `shown`, `width` wide in `font` on `device`, whose lanes stay clear
    of its legend: stacked courses take room that no height takes away."""
    metrics = qt_metrics(font, device)
    return compute_layout(build_data(shown, disclosure.labels()), width, 0.0, View(), metrics).least_height


def paint_figure(
    painter: QPainter, rect: QRectF, shown: ShownCase, disclosure: Disclosure, theme: Theme, font: QFont
) -> None:
    """Draw the timeline of `shown` into `rect` with only the labels `disclosure` shows; drawn smaller
    where `rect` is too low for the lanes to stay clear of the legend."""
    painter.fillRect(rect, theme.color("base"))
    data = build_data(shown, disclosure.labels())
    metrics = qt_metrics(font, painter.device())
    scale = 1.0
    layout = compute_layout(data, rect.width(), rect.height(), View(), metrics)
    for _ in range(_FITTING_TRIES):
        if layout.least_height <= layout.height:
            break
        scale *= layout.height / layout.least_height
        layout = compute_layout(data, rect.width() / scale, rect.height() / scale, View(), metrics)
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    drawn = QRectF(0, 0, layout.width, layout.height)
    paint_timeline(painter, drawn, layout, theme, font=font, figured=disclosure.figured())
    painter.restore()
