"""Notices when the open case record changes on disk, however an editor saves it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from viewer.record.model import MAX_BYTES

DEBOUNCE_MS = 250


class RecordWatcher(QObject):
    """Watches one file and emits `changed(path)` once its content has settled.

    Editors often save by writing a new file and renaming it over the old one,
    which ends a watch on the file itself; watching the folder as well re-arms it.
    A burst of writes gives one signal, `DEBOUNCE_MS` after the last, and only
    when the content differs: timestamps are too coarse on some file systems
    (FAT sticks, network shares) to tell two saves a second apart. Python's own
    hash of the content is kept to compare with: hashlib would cost start-up time.
    """

    changed = Signal(str)

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

    def watch(self, path: Path | None) -> None:
        """Watch `path` (None stops watching)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        self._hash = self._read_hash()
        if path is not None:
            self._watcher.addPath(str(path.parent))
            self._arm()

    def _arm(self) -> None:
        if self._path is not None and self._path.exists() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))

    def _read_hash(self) -> int | None:
        if self._path is None:
            return None
        try:
            with self._path.open("rb") as file:
                return hash(file.read(MAX_BYTES + 1))
        except OSError:
            return None

    @Slot(str)
    def _on_touched(self, _path: str) -> None:
        self._timer.start()

    @Slot()
    def _on_settled(self) -> None:
        self._arm()
        content_hash = self._read_hash()
        # Folder noise (other files) leaves the record's content alone; a vanished file waits to return.
        if content_hash is not None and content_hash != self._hash and self._path is not None:
            self._hash = content_hash
            self.changed.emit(str(self._path))
