"""The timeline as a PNG, at 1×, 2× or 3× the size of the screen's pixels."""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.figure import FIGURE_PX, figure_font, fitted_size, paint_figure
from viewer.draw.theme import Theme
from viewer.export.memory import replacing
from viewer.record.atomic import WriteError

SCALES = (1, 2, 3)
_INCHES_PER_METRE = 39.37


def timeline_image(shown: ShownCase, disclosure: Disclosure, theme: Theme, scale: int = 1) -> QImage:
    """The timeline figure of `shown` as `disclosure` shows it, `scale` device pixels per logical pixel."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, not {scale}")
    font = figure_font(FIGURE_PX * theme.font_scale)
    size = fitted_size(shown, disclosure, font)
    image = QImage(round(size.width()) * scale, round(size.height()) * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    # The same physical size at every scale: a 2× image pasted into a slide is as
    # large as the 1× one, only sharper.
    dots_per_metre = round(96 * scale * _INCHES_PER_METRE)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(theme.color("base"))
    painter = QPainter(image)
    try:
        paint_figure(painter, QRectF(0, 0, size.width(), size.height()), shown, disclosure, theme, font)
    finally:
        painter.end()
    return image


def export_png(
    shown: ShownCase, disclosure: Disclosure, path: str | os.PathLike[str], theme: Theme, scale: int = 1
) -> None:
    """Write the timeline of `shown` as `disclosure` shows it to `path` as a PNG. Raises WriteError."""
    image = timeline_image(shown, disclosure, theme, scale)
    with replacing(path) as device:
        # PySide takes the format as str at run time although its stubs say bytes.
        if not image.save(device, "PNG"):  # type: ignore[call-overload]
            raise WriteError(path, "the PNG could not be encoded")
