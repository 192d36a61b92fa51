"""Figures read and decoded on the thread pool, never on the GUI thread.

A figure's file is read and checked from its bytes (`read_figure`: inside the
record's folder, a PNG or JPEG whose header is within the limits) before Qt's
image reader sees it (`decode`, within its allocation limit). The window asks
and goes on painting; `loaded` says when an image (or the reason it cannot be
shown) is ready. An image decoded before, of the file as it is now, is kept
(`DECODED`) and answered from there, never decoded again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from viewer.draw.figure_image import decode
from viewer.record.figures import FigureError, read_figure
from viewer.ui.image_cache import DECODED, Identity, file_identity


def load(folder: Path | None, name: str, longest: int) -> QImage:
    """Read, check and decode the figure `name`: the work one request does off the GUI thread."""
    return decode(read_figure(folder, name), longest)


class _Done(QObject):
    """Carries a result from the pool thread to the loader on the GUI thread (a queued signal)."""

    done = Signal(str, QImage, str, int)


class _Job(QRunnable):
    def __init__(self, key: str, folder: Path | None, name: str, longest: int, generation: int, done: _Done) -> None:
        super().__init__()
        self._key, self._folder, self._name, self._longest, self._done = key, folder, name, longest, done
        self._generation = generation

    def run(self) -> None:
        try:
            image, problem = load(self._folder, self._name, self._longest), ""
        except FigureError as error:
            image, problem = QImage(), str(error)
        # RuntimeError: the loader was deleted meanwhile (its window closed); no one waits for the image.
        with contextlib.suppress(RuntimeError):
            self._done.done.emit(self._key, image, problem, self._generation)


class FigureLoader(QObject):
    """Decodes figures on the thread pool, or answers from the images kept. `loaded(key, image, problem)`:
    `image` is null and `problem` says why when the figure cannot be shown; `key` is what `request`
    returned. The answer always comes after `request` has returned, from the event loop."""

    loaded = Signal(str, QImage, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done = _Done(self)
        # Queued even from the GUI thread: an image already kept is answered once the caller holds the key.
        self._done.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[str, tuple[Identity | None, int, int]] = {}
        """The keys being decoded, with the identity of the file each was asked for, its longer side and
        the cache's generation then."""

    def request(self, folder: Path | None, name: str, longest: int = 0) -> str:
        """Start decoding the figure `name` of the record in `folder` (its longer side at most `longest`
        pixels, 0 for full size); the key `loaded` will carry. A request already running is not repeated,
        and a figure already decoded from the file as it is now is not decoded again."""
        key = f"{longest}:{folder}:{name}"
        identity = file_identity(folder, name)
        pending = self._pending.get(key)
        # Running already for this file as it is now, since the cache was last cleared: not repeated.
        if pending is not None and pending == (identity, longest, DECODED.generation):
            return key
        kept = None if identity is None else DECODED.get(identity, longest)
        if kept is not None:
            self._done.done.emit(key, kept, "", -1)
        else:
            generation = DECODED.generation
            self._pending[key] = identity, longest, generation
            QThreadPool.globalInstance().start(_Job(key, folder, name, longest, generation, self._done))
        return key

    @Slot(str, QImage, str, int)
    def _on_done(self, key: str, image: QImage, problem: str, generation: int) -> None:
        if generation >= 0:
            identity, longest, wanted = self._pending.get(key, (None, 0, -1))
            if generation != wanted:
                # Begun before the cache was cleared, and asked for again since: the newer answers.
                return
            del self._pending[key]
            if identity is not None and generation == DECODED.generation and not image.isNull():
                DECODED.put(identity, longest, image)
        self.loaded.emit(key, image, problem)
