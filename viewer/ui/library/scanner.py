"""Reading a library folder off the GUI thread, with progress, through the index."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from viewer.record.library import Entry
from viewer.record.library_index import LibraryIndex


class FolderScan(QObject):
    """Lists `folder` through `index` on another thread. Emits `progress(done, total)` while it reads,
    then `finished(entries)`; both arrive on the GUI thread (queued: the emitter lives on another)."""

    progress = Signal(int, int)
    finished = Signal(list)

    def __init__(self, index: LibraryIndex, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._folder = folder
        self._cancelled = False

    def start(self) -> None:
        threading.Thread(target=self._run, name="library-scan", daemon=True).start()

    def cancel(self) -> None:
        """No more signals: the view has gone on to another folder."""
        self._cancelled = True

    def _run(self) -> None:
        entries: list[Entry] = self._index.sync(self._folder, self._on_progress)
        if not self._cancelled:
            self.finished.emit(entries)

    def _on_progress(self, done: int, total: int) -> None:
        # Every record of a small library, a hundred steps of a large one: signals are not free.
        if not self._cancelled and (total < 200 or done % max(1, total // 100) == 0 or done == total):
            self.progress.emit(done, total)
