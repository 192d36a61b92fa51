"""A figure's image decoded from its checked bytes, within Qt's image-reader allocation limit.

The bytes have passed `read_figure` (format, header size and structure); the
allocation limit stops a decoder from taking more memory than the largest
allowed figure needs, whatever the file turns out to hold.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

from viewer.record.figures import MAX_FIGURE_PIXELS, FigureError, FigureFile

ALLOCATION_LIMIT_MB = MAX_FIGURE_PIXELS * 4 // (1024 * 1024) + 1
"""Qt's image-reader limit, in MiB: the largest allowed figure at four bytes a pixel."""


def decode(figure: FigureFile, longest: int = 0) -> QImage:
    """The image of a checked figure file, scaled so its longer side is at most `longest` pixels
    (0: full size). Raises FigureError when Qt cannot decode it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(figure.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, figure.info.format.encode("ascii"))
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    width, height = figure.info.width, figure.info.height
    if longest and max(width, height) > longest:
        scale = longest / max(width, height)
        reader.setScaledSize(QSize(max(1, round(width * scale)), max(1, round(height * scale))))
    image = reader.read()
    if image.isNull():
        raise FigureError(f"the image cannot be decoded: {reader.errorString()}")
    return image
