"""Exports are drawn into memory, then written in one checked step by the atomic writer."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from PySide6.QtCore import QBuffer, QIODevice

from viewer.record.atomic import destination, replace


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[QBuffer]:
    """Yield an in-memory device to draw an export into; when the block ends
    without an exception, its bytes replace `target` (see `viewer.record.atomic.replace`).

    A target that can never be written (a device, a missing folder) is refused
    before anything is drawn. Raises WriteError.
    """
    destination(target)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    yield buffer
    buffer.close()
    replace(target, buffer.data().data())
