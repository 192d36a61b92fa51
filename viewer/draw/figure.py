"""The timeline figure that every export draws, with the screen's paint routine."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QGuiApplication, QPainter

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.theme import Theme
from viewer.draw.timeline import render_timeline

FIGURE_PX = 15.0
"""Label size of a PNG or SVG figure, in pixels at 1× before the theme's scale."""
FIGURE_LINES = (84.0, 17.0)
"""Width and height of a PNG or SVG figure in text lines: lanes, axis and legend with room for labels."""


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


def paint_figure(
    painter: QPainter, rect: QRectF, shown: ShownCase, disclosure: Disclosure, theme: Theme, font: QFont
) -> None:
    """Draw the timeline of `shown` into `rect` with only the labels `disclosure` shows."""
    painter.fillRect(rect, theme.color("base"))
    render_timeline(painter, rect, shown, theme, labels=disclosure.labels(), font=font, figured=disclosure.figured())
