"""A handout's figures decoded on the thread pool while the window waits, painting, under the
export's progress dialog; Cancel stops the decoding between two figures.

The window's input waits too, as for the rest of the export: until the window-modal progress
dialog shows (it waits a moment, so that a short export never shows it) only timers, paints and
the like are handled, and once it shows the dialog alone takes input.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog

from viewer.export.figures import Decoded, decode_figures

Wanted = tuple[list[tuple[str, str]], Path | None]
"""One record's figures to decode (`wanted_figures`) and the folder they are read from."""


class _Signals(QObject):
    """Carries the decoding's progress and its end from the pool thread to the GUI thread (queued)."""

    decoded = Signal(int)
    finished = Signal()


class _Outcome:
    """What the decoding came to: each record's figures (None when stopped), or what it raised."""

    def __init__(self) -> None:
        self.results: list[Decoded] | None = None
        self.error: BaseException | None = None


class _Decode(QRunnable):
    def __init__(self, records: list[Wanted], signals: _Signals, stop: threading.Event, outcome: _Outcome) -> None:
        super().__init__()
        self._records, self._signals, self._stop, self._outcome = records, signals, stop, outcome

    def run(self) -> None:
        done = 0

        def go_on(count: int) -> bool:
            self._signals.decoded.emit(done + count)
            return not self._stop.is_set()

        results: list[Decoded] = []
        try:
            for wanted, folder in self._records:
                found = decode_figures(wanted, folder, go_on)
                if found is None:
                    return
                results.append(found)
                done += len(wanted)
            self._outcome.results = results
        except BaseException as error:  # raised again on the GUI thread
            self._outcome.error = error
        finally:
            self._signals.finished.emit()


class _ShowWatch(QObject):
    """Calls `shown` when the watched widget is shown."""

    def __init__(self, shown: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._shown = shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self._shown()
        return False


def decode_in_pool(records: list[Wanted], dialog: QProgressDialog, share: float) -> list[Decoded] | None:
    """Each record's figures decoded on the thread pool, in order, while the GUI thread goes on
    handling events; `dialog` is moved through the first `share` of its range as they are done.
    None when its Cancel was pressed."""
    total = sum(len(wanted) for wanted, _ in records)
    if total == 0:
        return [{} for _ in records]
    stop = threading.Event()
    signals = _Signals()
    outcome = _Outcome()
    loop = QEventLoop()
    finished: list[bool] = []

    def on_decoded(count: int) -> None:
        dialog.setValue(min(dialog.maximum() - 1, round(dialog.maximum() * share * count / total)))

    def on_finished() -> None:
        finished.append(True)
        loop.quit()

    def on_canceled() -> None:
        stop.set()

    signals.decoded.connect(on_decoded)
    signals.finished.connect(on_finished)
    dialog.canceled.connect(on_canceled)
    watch = _ShowWatch(loop.quit, dialog)
    dialog.installEventFilter(watch)
    QThreadPool.globalInstance().start(_Decode(records, signals, stop, outcome))
    try:
        while not finished:
            # Once the dialog shows, its modality keeps input from the window, and its Cancel must work.
            flags = (
                QEventLoop.ProcessEventsFlag.AllEvents
                if dialog.isVisible()
                else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
            )
            loop.exec(flags)
    finally:
        dialog.removeEventFilter(watch)
        dialog.canceled.disconnect(on_canceled)
    if outcome.error is not None:
        raise outcome.error
    return None if stop.is_set() else outcome.results
