"""The timeline as an SVG: vector shapes and real text, editable in slide software."""

from __future__ import annotations

import os

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QPainter

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.figure import FIGURE_PX, figure_font, fitted_size, paint_figure
from viewer.draw.theme import Theme
from viewer.export.memory import replacing
from viewer.record.atomic import WriteError


def export_svg(shown: ShownCase, disclosure: Disclosure, path: str | os.PathLike[str], theme: Theme) -> None:
    """Write the timeline of `shown` as `disclosure` shows it to `path` as an SVG. Raises WriteError."""
    # QtSvg is loaded only by an SVG export: it is not on the start-up path.
    from PySide6.QtSvg import QSvgGenerator

    font = figure_font(FIGURE_PX * theme.font_scale)
    size = fitted_size(shown, disclosure, font)
    width, height = round(size.width()), round(size.height())
    with replacing(path) as device:
        generator = QSvgGenerator()
        generator.setOutputDevice(device)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setResolution(96)
        # The document title is the shown title: in unknown-case mode, never the real one.
        generator.setTitle(disclosure.title)
        generator.setDescription("Case timeline, drawn by Case Viewer")
        painter = QPainter()
        if not painter.begin(generator):
            raise WriteError(path, "the SVG could not be started")
        try:
            paint_figure(painter, QRectF(0, 0, width, height), shown, disclosure, theme, font)
        finally:
            finished = painter.end()
        if not finished:
            raise WriteError(path, "the SVG could not be finished")
