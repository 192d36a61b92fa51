"""Figures already decoded, kept so that showing one again decodes nothing: a thumbnail when its item
is reselected, the large view opened again, the room's figure and the console's when a talk comes
back to a step.

An image is kept by its file's identity (path, size and modification time in nanoseconds) and the
size it was decoded at: a file written again is a new identity, so it is decoded again. One cache
(`DECODED`) serves every view, within one budget, the least recently shown going first; the window
empties it when the record is read again. It is used on the GUI thread only.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from PySide6.QtGui import QImage

from viewer.record.figures import FigureError, figure_path

CACHE_BYTES = 96 * 1024 * 1024
"""The most the kept images' pixels take together: two 12-megapixel figures at full size, seven at
the room's view's size, or thousands of thumbnails. A larger image is decoded each time it is shown."""

Identity = tuple[str, int, int]
"""A figure file as it is now: its path, its size in bytes, its modification time in nanoseconds."""


def file_identity(folder: Path | None, name: str) -> Identity | None:
    """The identity of the figure file `name` in the record's `folder`; None when there is none to
    name (no folder, a path that leaves it, a file that cannot be found): such a figure is never kept."""
    try:
        path = figure_path(folder, name)
        found = os.stat(path)
    except (FigureError, OSError, ValueError):
        return None
    return str(path), found.st_size, found.st_mtime_ns


class ImageCache:
    """Decoded images by file identity and longer side (0: full size), at most `limit` bytes of them."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self.size = 0
        """The bytes the kept images take."""
        self.generation = 0
        """How many times the cache has been cleared: a decode begun before a clear is not kept after it."""
        self._images: OrderedDict[tuple[Identity, int], QImage] = OrderedDict()

    def __len__(self) -> int:
        return len(self._images)

    def get(self, identity: Identity, longest: int) -> QImage | None:
        """The image kept for `identity` at `longest` pixels, now the most recently shown; None if none is."""
        key = (identity, longest)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, identity: Identity, longest: int, image: QImage) -> None:
        """Keep `image` as the image of `identity` at `longest` pixels, letting the least recently
        shown go until all fit; an image larger than the whole cache is not kept."""
        key = (identity, longest)
        old = self._images.pop(key, None)
        if old is not None:
            self.size -= old.sizeInBytes()
        if image.sizeInBytes() > self.limit:
            return
        self._images[key] = image
        self.size += image.sizeInBytes()
        while self.size > self.limit:
            _, dropped = self._images.popitem(last=False)
            self.size -= dropped.sizeInBytes()

    def clear(self) -> None:
        """Forget every image; one still being decoded from before is not kept when it comes."""
        self._images.clear()
        self.size = 0
        self.generation += 1


DECODED = ImageCache()
"""The images every view of every window has decoded."""


def kept_image(folder: Path | None, name: str, longest: int) -> QImage | None:
    """The image kept of the figure file `name` in `folder`, as the file is now, at `longest` pixels
    (0: full size); None when none is: it is to be decoded."""
    identity = file_identity(folder, name)
    return None if identity is None else DECODED.get(identity, longest)
