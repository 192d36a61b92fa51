"""Notices when the open case record changes on disk, however an editor saves it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from viewer.record.files import NotRegularFileError, read_regular_file

DEBOUNCE_MS = 250


def read_regular(path: Path) -> tuple[bytes | None, str]:
    """The bytes of `path` (up to the size cap) and "", or None and what became of the file
    ("the file was deleted", "the file is now a folder", ...). Never waits on a named pipe."""
    try:
        return read_regular_file(path), ""
    except FileNotFoundError:
        return None, "the file is a link that points nowhere" if os.path.islink(path) else "the file was deleted"
    except NotRegularFileError as error:
        return None, "the file is now a folder" if os.path.isdir(path) else f"the file is {error}"
    except (OSError, ValueError) as error:
        return None, f"the file cannot be read ({getattr(error, 'strerror', None) or error})"


class RecordWatcher(QObject):
    """Watches one file; emits `changed(path)` once its content has settled, and
    `lost(words)` once it is no longer a readable file ("the file was deleted").

    Editors often save by writing a new file and renaming it over the old one,
    which ends a watch on the file itself; watching the folder as well re-arms it.
    A burst of writes gives one signal, `DEBOUNCE_MS` after the last, and only
    when the content differs: timestamps are too coarse on some file systems
    (FAT sticks, network shares) to tell two saves a second apart. Python's own
    hash of the content is kept to compare with: hashlib would cost start-up time.
    A file that comes back after `lost` counts as changed, whatever it holds.
    """

    changed = Signal(str)
    lost = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_touched)
        self._watcher.directoryChanged.connect(self._on_touched)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_settled)
        self._path: Path | None = None
        self._hash: int | None = None
        self._lost = ""

    def watch(self, path: Path | None) -> None:
        """Watch `path` (None stops watching)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        self._lost = ""
        self._hash = None
        if path is not None:
            content, _ = read_regular(path)
            self._hash = None if content is None else hash(content)
            self._watcher.addPath(str(path.parent))
            self._arm()

    def _arm(self) -> None:
        # Only a regular file: a folder in the record's place would be watched as a folder, and the
        # parent's watch already sees it go.
        if self._path is not None and self._path.is_file() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))

    @Slot(str)
    def _on_touched(self, _path: str) -> None:
        self._timer.start()

    @Slot()
    def _on_settled(self) -> None:
        if self._path is None:
            return
        self._arm()
        content, words = read_regular(self._path)
        if content is None:
            # Said once per change of state: folder noise while the file is away repeats nothing.
            if words != self._lost:
                self._lost, self._hash = words, None
                self.lost.emit(words)
            return
        # Folder noise (other files) leaves the record's content alone.
        content_hash = hash(content)
        if content_hash != self._hash:
            self._lost, self._hash = "", content_hash
            self.changed.emit(str(self._path))
