"""The open case: its file, the case as shown, live reload, the problems to tell, unknown-case mode."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase, show
from viewer.content.wording import display_line, visible_name
from viewer.record.bundled import load_case
from viewer.record.model import CaseRecord, DiscussionPoint, TimedItem
from viewer.record.problems import RecordError
from viewer.ui.figure_check import FigureCheck
from viewer.ui.msgbox import problems_word
from viewer.ui.settings import Preferences
from viewer.ui.watcher import RecordWatcher

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

BANNER_PROBLEMS = 8
"""Problems listed in the banner; the tooltip has five times as many."""
IN_BACKGROUND_BYTES = 256 * 1024
"""Files from this size on are read off the GUI thread: a 1,000-event record (0.2 MB) reads in a blink,
a 10,000-event one takes most of a second, long enough to freeze the window."""
NEUTRAL_NAME = "a case record"
"""What names a file in unknown-case mode before its unknown title is known: its name may give the answer."""
BUSY_AFTER_MS = 500
"""A read that lasts longer says so in the window; a quicker one shows nothing, so nothing flickers."""


class Document(QObject):
    """The case every view shows, and where it came from.

    Owns the file's path and its watcher, the loaded case (a ShownCase, built once per load), the
    disclosure (unknown-case mode, and the stage a talk has revealed), and the problems to tell the
    author (`problems`, `problems_detail`: "" when there are none). While a talk runs, a changed file
    is reloaded only when the talk ends: steps must not change under the presenter.

    Emits `case_changed(keep_view)` when a case is loaded (`keep_view`: a reload of the same file, so
    the selection and the zoom may stay), then `disclosure_changed()`, which also follows each change of
    unknown-case mode or stage; `unknown_changed(unknown)`; `problems_changed()`; and
    `open_failed(name, problems)` when a file the user chose did not open (the current case stays).
    """

    case_changed = Signal(bool)
    disclosure_changed = Signal()
    unknown_changed = Signal(bool)
    problems_changed = Signal()
    open_failed = Signal(str, list)

    def __init__(self, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self.path: Path | None = None
        self.shown: ShownCase | None = None
        self.disclosure: Disclosure | None = None
        self.labels: dict[str, str] = {}
        """The shown label of every timed item, by id, as the disclosure allows."""
        self.problems = ""
        self.problems_detail = ""
        self.unknown_titles: dict[str, str] = {}
        """Unknown titles by resolved path, of the records a library has listed."""
        # What the banner words: the last read's problems, or what became of the file. Kept raw, so the
        # words follow unknown-case mode when it is turned on or off after the problem was found.
        self._found: list[str] = []
        self._lost = ""
        # The shown record's figures that cannot be shown, located; checked on the thread pool.
        self._figure_problems: list[str] = []
        self._figure_check = FigureCheck(self)
        self._figure_check.checked.connect(self._on_figures_checked)
        self._unknown = False
        self._stage = 0
        self._in_talk = False
        self._reload_after_talk = False
        self._reading = False
        self._reload_after_read = False
        self.watcher = RecordWatcher(self)
        self.watcher.changed.connect(self._on_file_changed)
        self.watcher.lost.connect(self._on_file_lost)

    @property
    def record(self) -> CaseRecord | None:
        return self.shown.record if self.shown is not None else None

    @property
    def unknown(self) -> bool:
        return self._unknown

    @property
    def stage(self) -> int:
        return self._stage

    def find(self, item_id: str) -> tuple[str, TimedItem | DiscussionPoint] | None:
        """The item `item_id` names, with its section; None for "" or an id the case does not hold."""
        return self.shown.items.get(item_id) if self.shown is not None else None

    # Loading

    def name_for(self, path: str | Path) -> str:
        """What names the file at `path` to the user: its path, or in unknown-case mode its record's unknown
        title when one is known (NEUTRAL_NAME when not): a file's name may name the diagnosis."""
        if not self._unknown:
            return visible_name(str(path))
        resolved = _resolved(path)
        return self.unknown_titles.get(resolved) or self._preferences.unknown_title(resolved) or NEUTRAL_NAME

    def open(self, path: str | Path, raw: bytes | None = None) -> bool:
        """Show the record at `path` (`raw`: its bytes, when they have been read already); on problems,
        say so (`open_failed`) and keep the current case."""
        try:
            record = self._read(Path(path), raw)
        except RecordError as error:
            self.open_failed.emit(self.name_for(path), [str(problem) for problem in error.problems])
            return False
        self.set_record(record, Path(path))
        return True

    def read(self, path: Path) -> CaseRecord:
        """The record at `path`, read as a case is opened (a large file on another thread), not shown.
        Raises RecordError."""
        return self._read(path)

    def _read(self, path: Path, raw: bytes | None = None) -> CaseRecord:
        """The record at `path` (`raw`: its bytes, when read already), read on another thread when the
        file is large. Raises RecordError."""
        try:
            large = (os.stat(path).st_size if raw is None else len(raw)) >= IN_BACKGROUND_BYTES
        except (OSError, ValueError):
            large = False  # load_case says what is wrong with the path
        if not large:
            return load_case(path, raw)
        self._reading = True
        try:
            return _read_in_background(path, self.name_for(path), raw)
        finally:
            self._reading = False
            if self._reload_after_read:
                self._reload_after_read = False
                QTimer.singleShot(0, self, self.reload)

    def set_record(
        self, record: CaseRecord, path: Path | None = None, keep_view: bool = False, recent: bool = True
    ) -> None:
        """Show `record`, read from `path` (None: not from a file); `keep_view` on a reload of the same file.
        With `recent` false the file is not added to the recent files (an agenda's case: the agenda is)."""
        self.shown = show(record)
        self.path = path
        self._found, self._lost = [], ""
        if not keep_view:
            # A reload keeps the last check's words until the new check answers: no flicker.
            self._figure_problems = []
        self._figure_check.check(path, record)
        if not keep_view:
            # A record not read from a file (None) ends the watch on the one shown before.
            self.watcher.watch(path)
            if path is not None and recent:
                self._preferences.add_recent_file(str(path))
                self._preferences.set_unknown_title(_resolved(path), record.unknown_title)
        # Worked out before the case is announced: a view that follows `case_changed` must never see the
        # new case under the old case's disclosure (a withheld label would reach it).
        self.disclosure = self.shown.disclosure(self._unknown, self._stage)
        self.labels = self.disclosure.labels()
        self.case_changed.emit(keep_view)
        self._disclose()

    def reload(self) -> bool:
        """Read the open file again. Problems show in the banner over the last good case."""
        if self.path is None:
            return False
        if self._in_talk:
            self._reload_after_talk = True
            return False
        if self._reading:
            # The file changed while it was being read: read it again once this read is done.
            self._reload_after_read = True
            return False
        try:
            record = self._read(self.path)
        except RecordError as error:
            self._found, self._lost = [str(problem) for problem in error.problems], ""
            self._word_problems()
            return False
        self.set_record(record, self.path, keep_view=True)
        return True

    # What is shown

    def set_unknown(self, unknown: bool) -> None:
        """Unknown-case mode on or off: the answer is withheld until a talk reveals it."""
        if unknown == self._unknown:
            return
        self._unknown = unknown
        self.unknown_changed.emit(unknown)
        self._disclose()

    def set_stage(self, stage: int) -> None:
        """Show what unknown-case mode reveals up to `stage` (a talk's reveal; 0 outside one)."""
        if stage != self._stage:
            self._stage = stage
            self._disclose()

    def begin_talk(self) -> None:
        self._in_talk = True

    def end_talk(self) -> None:
        """Back from a talk: nothing stays revealed, and a file changed meanwhile is reloaded."""
        self._in_talk = False
        self.set_stage(0)
        if self._reload_after_talk:
            self._reload_after_talk = False
            self.reload()

    def _disclose(self) -> None:
        if self.shown is None:
            return
        self.disclosure = self.shown.disclosure(self._unknown, self._stage)
        self.labels = self.disclosure.labels()
        self._word_problems()
        self.disclosure_changed.emit()

    @property
    def _withholds(self) -> bool:
        return self.disclosure is not None and not self.disclosure.complete

    # Problems

    def _word_problems(self) -> None:
        """The banner's words for what was found, as unknown-case mode allows them now."""
        if self._lost:
            news = f"{self._lost}; showing the last good version."
            if self._withholds or self.path is None:
                self._set_problems(news[0].upper() + news[1:])
            else:
                self._set_problems(f"{display_line(visible_name(str(self.path)))}: {news}")
            return
        problems = self._found
        if not problems:
            self._word_figure_problems()
            return
        count = len(problems)
        stays = "the last good version stays on screen."
        if self._withholds:
            # The file's name and the problems quote the record: in unknown-case mode they could give the answer.
            self._set_problems(
                f"The case record has {problems_word(count)}; {stays} Turn off Unknown Case (Ctrl+U) to see them."
            )
            return
        first = f" (the first {BANNER_PROBLEMS} below)" if count > BANNER_PROBLEMS else ""
        shown = [display_line(problem) for problem in problems[:BANNER_PROBLEMS]]
        detail = "\n".join(display_line(problem) for problem in problems[: BANNER_PROBLEMS * 5])
        self._set_problems("\n".join([f"The case record has {problems_word(count)}{first}; {stays}", *shown]), detail)

    def _word_figure_problems(self) -> None:
        """The banner's words for figures that cannot be shown: the rest of the case is on screen."""
        problems = self._figure_problems
        count = len(problems)
        if not count:
            self._set_problems("")
            return
        words = f"{count} figure{'s' if count != 1 else ''} cannot be shown; the rest of the case is here."
        if self._withholds:
            # The problems name figure files and item paths: in unknown-case mode they could give the answer.
            self._set_problems(f"{words} Turn off Unknown Case (Ctrl+U) to see why.")
            return
        shown = [display_line(problem) for problem in problems[:BANNER_PROBLEMS]]
        detail = "\n".join(display_line(problem) for problem in problems[: BANNER_PROBLEMS * 5])
        self._set_problems("\n".join([words, *shown]), detail)

    @Slot(list)
    def _on_figures_checked(self, problems: list[str]) -> None:
        self._figure_problems = problems
        self._word_problems()

    def _set_problems(self, text: str, detail: str = "") -> None:
        if (text, detail) != (self.problems, self.problems_detail):
            self.problems, self.problems_detail = text, detail
            self.problems_changed.emit()

    @Slot(str)
    def _on_file_changed(self, _path: str) -> None:
        self.reload()

    @Slot(str)
    def _on_file_lost(self, words: str) -> None:
        self._lost = words
        self._word_problems()


class _Finished(QObject):
    """Tells the GUI thread that the read on another thread is over (a queued signal)."""

    finished = Signal()


def _resolved(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):
        return str(path)


def _read_in_background(path: Path, name: str, raw: bytes | None) -> CaseRecord:
    """`load_case(path, raw)` on another thread while the window goes on painting and its timers tick.

    The record layer is plain Python, so a thread is all it takes; the caller waits in a local event
    loop that leaves out user input (nothing can be clicked, or opened, halfway through a read).
    After BUSY_AFTER_MS a busy dialog says it is opening `name`. Raises what load_case raises.
    """
    outcome: list[CaseRecord | BaseException] = []
    finished = _Finished()
    loop = QEventLoop()
    finished.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def read() -> None:
        try:
            outcome.append(load_case(path, raw))
        except BaseException as error:  # raised again on the GUI thread
            outcome.append(error)
        finally:
            finished.finished.emit()

    busy: list[QProgressDialog] = []

    def show_busy() -> None:
        # Named when a read is slow: PySide makes QDialog's enums the first time the class is named.
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(f"Opening {display_line(name)}…", "", 0, 0, QApplication.activeWindow())
        dialog.setCancelButton(None)  # no button: a read cannot be stopped
        dialog.setWindowTitle("Opening the case record")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        busy.append(dialog)

    timer = QTimer(singleShot=True, interval=BUSY_AFTER_MS)
    timer.timeout.connect(show_busy)
    timer.start()
    threading.Thread(target=read, name="read-record", daemon=True).start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    timer.stop()
    for dialog in busy:
        dialog.close()
        dialog.deleteLater()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
