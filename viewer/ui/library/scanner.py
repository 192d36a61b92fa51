"""Reading a library folder off the GUI thread, with progress, through the index."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.record.library import Entry
from viewer.record.library_index import LibraryIndex


class FolderScan(QObject):
    """Lists `folder` through `index` on another thread. Emits `progress(done, total)` while it reads,
    then `finished(entries)`, or `failed(reason)` if the scan broke down; all arrive on the GUI thread
    (queued: they are emitted on another)."""

    progress = Signal(int, int)
    finished = Signal(list)
    failed = Signal(str)

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
        try:
            entries: list[Entry] = self._index.sync(self._folder, self._report_progress)
        except Exception as error:  # told on the GUI thread: a scan that dies silently would never end
            self._emit(self.failed, str(error) or type(error).__name__)
            return
        self._emit(self.finished, entries)

    def _emit(self, signal: Any, *values: object) -> None:
        if self._cancelled:
            return
        # RuntimeError: the view, and this object with it, was deleted while the scan ran: no one to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*values)

    def _report_progress(self, done: int, total: int) -> None:
        # Every record of a small library, a hundred steps of a large one: signals are not free.
        if total < 200 or done % max(1, total // 100) == 0 or done == total:
            self._emit(self.progress, done, total)
