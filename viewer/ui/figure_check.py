"""The open record's figures checked on the thread pool, each problem located as `validate` locates it.

Checking reads every figure file (up to 200 MiB for one record), so it never runs
on the GUI thread: the case shows at once, and the problems follow when found.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from viewer.record.figures import figure_entries
from viewer.record.files import read_record
from viewer.record.model import CaseRecord
from viewer.record.problems import RecordError


def located_figure_problems(path: Path, record: CaseRecord) -> list[str]:
    """Each problem of `record`'s figures as `file:line:column: item.path: message`; `path` is the
    record's file, read again for the lines (a record changed meanwhile is checked again on reload)."""
    from viewer.record.loader import figure_report  # imports PyYAML: only for a record with figures

    try:
        raw = read_record(path)
    except RecordError:
        return []  # the watcher says what became of the file
    problems, _warnings = figure_report(raw, str(path), record, path.parent)
    return [str(problem) for problem in problems]


class _Done(QObject):
    done = Signal(int, list)


class _Job(QRunnable):
    def __init__(self, generation: int, path: Path, record: CaseRecord, done: _Done) -> None:
        super().__init__()
        self._generation, self._path, self._record, self._done = generation, path, record, done

    def run(self) -> None:
        found = located_figure_problems(self._path, self._record)
        # RuntimeError: the checker was deleted meanwhile (its window closed); no one waits for the answer.
        with contextlib.suppress(RuntimeError):
            self._done.done.emit(self._generation, found)


class FigureCheck(QObject):
    """Checks one record's figures at a time; `checked(problems)` for the latest record asked about."""

    checked = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._done = _Done(self)
        self._done.done.connect(self._on_done)

    def check(self, path: Path | None, record: CaseRecord) -> None:
        """Check `record`, read from `path`, forgetting any check still running; None: nothing to check.
        A record without figures has no problems to find: `checked([])` at once, and no job started."""
        self._generation += 1
        if path is None:
            return
        if next(figure_entries(record), None) is None:
            self.checked.emit([])
        else:
            QThreadPool.globalInstance().start(_Job(self._generation, path, record, self._done))

    @Slot(int, list)
    def _on_done(self, generation: int, problems: list[str]) -> None:
        if generation == self._generation:
            self.checked.emit(problems)
