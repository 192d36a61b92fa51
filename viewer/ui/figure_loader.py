"""Figures read and decoded on the thread pool, never on the GUI thread.

A figure's file is read and checked from its bytes (`read_figure`: inside the
record's folder, a PNG or JPEG whose header is within the limits) before Qt's
image reader sees it, and the reader's allocation limit stops a decoder from
taking more memory than the largest allowed figure needs. The window asks and
goes on painting; `loaded` says when an image (or the reason it cannot be
shown) is ready.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from viewer.record.figures import MAX_FIGURE_PIXELS, FigureError, FigureFile, read_figure

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


def load(folder: Path | None, name: str, longest: int) -> QImage:
    """Read, check and decode the figure `name`: the work one request does off the GUI thread."""
    return decode(read_figure(folder, name), longest)


class _Done(QObject):
    """Carries a result from the pool thread to the loader on the GUI thread (a queued signal)."""

    done = Signal(str, QImage, str)


class _Job(QRunnable):
    def __init__(self, key: str, folder: Path | None, name: str, longest: int, done: _Done) -> None:
        super().__init__()
        self._key, self._folder, self._name, self._longest, self._done = key, folder, name, longest, done

    def run(self) -> None:
        try:
            image, problem = load(self._folder, self._name, self._longest), ""
        except FigureError as error:
            image, problem = QImage(), str(error)
        # RuntimeError: the loader was deleted meanwhile (its window closed); no one waits for the image.
        with contextlib.suppress(RuntimeError):
            self._done.done.emit(self._key, image, problem)


class FigureLoader(QObject):
    """Decodes figures on the thread pool. `loaded(key, image, problem)`: `image` is null and `problem`
    says why when the figure cannot be shown; `key` is what `request` returned."""

    loaded = Signal(str, QImage, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done = _Done(self)
        self._done.done.connect(self._on_done)
        self._pending: set[str] = set()

    def request(self, folder: Path | None, name: str, longest: int = 0) -> str:
        """Start decoding the figure `name` of the record in `folder` (its longer side at most `longest`
        pixels, 0 for full size); the key `loaded` will carry. A request already running is not repeated."""
        key = f"{longest}:{folder}:{name}"
        if key not in self._pending:
            self._pending.add(key)
            QThreadPool.globalInstance().start(_Job(key, folder, name, longest, self._done))
        return key

    @Slot(str, QImage, str)
    def _on_done(self, key: str, image: QImage, problem: str) -> None:
        self._pending.discard(key)
        self.loaded.emit(key, image, problem)
