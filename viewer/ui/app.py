"""Start the GUI: the application object, the main window, or screenshots."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QStandardPaths, QThreadPool, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from viewer.draw.application import make_named
from viewer.output import say
from viewer.paths import bundled_case, data_dir
from viewer.ui.errors import ExceptionHandler
from viewer.ui.settings import Preferences

if TYPE_CHECKING:
    import socket

    from PySide6.QtCore import QSocketNotifier

    from viewer.record.model import CaseRecord
    from viewer.ui.window import MainWindow

QUIT_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fusion on every platform, so each theme's palette looks the same everywhere. Chosen
    # by argument rather than setStyle(), whose returned QStyle PySide would have to wrap,
    # creating QStyle's hundreds of enum members at start-up.
    app = make_named(QApplication, [*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
    ExceptionHandler().install()
    app.setApplicationDisplayName("Case Viewer")
    # The PNG drawn from case-viewer.svg: reading the SVG would load Qt's SVG icon engine at start-up.
    app.setWindowIcon(QIcon(str(data_dir("resources") / "icons" / "case-viewer.png")))
    return app


class SignalQuit(QObject):
    """Quits as File › Quit does on SIGINT (Ctrl+C), SIGTERM or SIGHUP: every window
    closes, so the main window saves its size, place and layout, and the event loop
    ends with status 0. A signal ignored when the app starts (nohup) stays ignored.

    Python runs a signal handler only between two of its own steps, never while Qt
    waits for events. So Python's C-level handler writes the signal's number to a
    socket (signal.set_wakeup_fd), and a notifier on the other end wakes the loop.
    `install` it once the window has painted for the first time: `signal` and
    `socket` take milliseconds to import.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._previous: dict[int, Any] = {}
        self._previous_wakeup = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None

    @Slot()
    def install(self) -> None:
        import signal
        import socket

        from PySide6.QtCore import QSocketNotifier

        reader, writer = self._sockets = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        for name in QUIT_SIGNALS:
            number = getattr(signal, name, None)
            # None: a handler set outside Python, left in place as it could not be put back.
            if number is not None and signal.getsignal(number) not in (signal.SIG_IGN, None):
                self._previous[number] = signal.signal(number, _woken)

    @Slot()
    def _on_signal(self) -> None:
        assert self._sockets is not None
        reader = self._sockets[0]
        try:
            while reader.recv(64):
                pass
        except BlockingIOError:
            pass
        QApplication.closeAllWindows()
        QApplication.quit()

    def uninstall(self) -> None:
        """Give the signals back the handlers they had, as the event loop has ended."""
        import signal

        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        if self._sockets is None:
            return
        assert self._notifier is not None
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_wakeup)
        for end in self._sockets:
            end.close()
        self._sockets = None


def _woken(_number: int, _frame: FrameType | None) -> None:
    """The signals' Python handler, which does nothing: without one, Python's C-level
    handler is not installed and writes no wake-up byte. The notifier does the work."""


def write_screenshots(window: MainWindow, record: CaseRecord, directory: Path) -> list[Path]:
    """One PNG per tab, the timeline included, each with the tab's first item selected."""
    from viewer.content.sections import SECTIONS, TABS

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for tab in TABS:
        items: Sequence[Any] = next((getattr(record, section.key) for section in SECTIONS if section.tab == tab), [])
        if items:
            window.selection.select(items[0].id)
        window.tabs.setCurrentIndex(tab.index)
        QApplication.processEvents()
        # The selected item's figures decode on the thread pool: a screenshot shows them decoded.
        QThreadPool.globalInstance().waitForDone()
        QApplication.processEvents()
        path = directory / f"{tab.index + 1:02d}-{tab.title.lower()}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


def run(options: argparse.Namespace) -> int:
    app = make_application()
    if options.screen is not None and not options.screenshot:
        # Imported only to check the choice: conference mode is not on the start-up path otherwise.
        from viewer.ui.conference.mode import screens_problem

        problem = screens_problem(options.screen)
        if problem:
            say(f"case-viewer: --screen {options.screen}: {problem}\n", sys.stderr)
            return 2
    from viewer.ui.window import DEFAULT_SIZE, MainWindow

    path = Path(options.file) if options.file else bundled_case()
    # Screenshots read and save no settings, so one command gives the same pictures on every machine
    # (a broken settings file is still set aside, as at any start).
    shooting = bool(options.screenshot)
    window = MainWindow(Preferences(persist=not shooting, defaults=shooting))
    if options.theme:
        window.look.set_theme(options.theme, remember=False)
    window.document.set_unknown(options.unknown)
    if path.is_dir():
        return _run_library(app, window, path, options)
    agenda, raw = _told_apart(path)
    if options.screenshot:
        if agenda:
            say(f"case-viewer: --screenshot shows a case record, and {path} is an agenda\n", sys.stderr)
            return 2
        from viewer.record.loader import load_record, load_record_bytes
        from viewer.record.problems import RecordError

        try:
            record = load_record(path) if raw is None else load_record_bytes(raw, str(path))
        except RecordError as error:
            say("".join(f"{problem}\n" for problem in error.problems), sys.stderr)
            return 1
        # Read from `path`: its figures are named from its folder.
        window.document.set_record(record, path)
        width, height = options.size or DEFAULT_SIZE
        window.resize(width, height)
        window.show()
        app.processEvents()
        try:
            write_screenshots(window, record, Path(options.screenshot))
        except OSError as error:
            say(f"case-viewer: {error}\n", sys.stderr)
            return 1
        finally:
            window.close()
            _destroy(window)
        return 0
    quitting = SignalQuit(window)
    # Made before show(), so that it sees the first paint.
    _AfterFirstPaint(window, [quitting.install, _remove_old_record_cache])
    window.show()
    if agenda:
        window.present_agenda(path, options.screen, raw=raw)
    elif window.document.open(path, raw) and options.present:
        window.start_conference(options.screen)
    status = app.exec()
    quitting.uninstall()
    _destroy(window)
    return status


def _run_library(app: QApplication, window: MainWindow, folder: Path, options: argparse.Namespace) -> int:
    """The window on the library of `folder`; with --screenshot, its PNG (`library.png`) once listed."""
    if not options.screenshot:
        quitting = SignalQuit(window)
        # The library brings SQLite: after the first paint, as everything heavy.
        _AfterFirstPaint(window, [quitting.install, _remove_old_record_cache, partial(_open_library, window, folder)])
        window.show()
        status = app.exec()
        quitting.uninstall()
        _destroy(window)
        return status
    from viewer.ui.window import DEFAULT_SIZE

    width, height = options.size or DEFAULT_SIZE
    window.resize(width, height)
    window.show()
    library = window.open_folder(folder)
    try:
        while library.scanning:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        app.processEvents()
        directory = Path(options.screenshot)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / "library.png"
        if not window.grab().save(str(target)):
            raise OSError(f"cannot write {target}")
    except OSError as error:
        say(f"case-viewer: {error}\n", sys.stderr)
        return 1
    finally:
        window.close()
        _destroy(window)
    return 0


def _open_library(window: MainWindow, folder: Path) -> None:
    window.open_folder(folder)


def _told_apart(path: Path) -> tuple[bool, bytes | None]:
    """Whether `path` is an agenda, presented as a talk whenever it is opened, and the file's bytes when
    they were read to tell (its name does not end in `.case.yaml`): what it is then opened from, so it
    is read once. A file that cannot be read is left to opening, which says why."""
    if path.name.endswith(".case.yaml"):
        return False, None
    from viewer.record.agenda import is_agenda
    from viewer.record.files import read_record
    from viewer.record.problems import RecordError

    try:
        raw = read_record(path)
    except RecordError:
        return False, None
    return is_agenda(raw, str(path)), raw


class _AfterFirstPaint(QObject):
    """Runs `actions` once, in order, when `window` has painted for the first time: work that must not
    delay start-up."""

    def __init__(self, window: QWidget, actions: Sequence[Callable[[], None]]) -> None:
        super().__init__(window)
        self._actions = list(actions)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: the window's children paint in this same pass.
            QTimer.singleShot(0, self._on_painted)
        return False

    @Slot()
    def _on_painted(self) -> None:
        for action in self._actions:
            action()


def _remove_old_record_cache() -> None:
    """Delete the checked copies of opened case records that earlier releases kept in the
    cache folder (`records` in CacheLocation), and the folder once empty: they held clinical data."""
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if not cache:
        return
    folder = Path(cache) / "records"
    for entry in [*folder.glob("*.msgpack"), *folder.glob("*.tmp")]:
        with contextlib.suppress(OSError):
            entry.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _destroy(window: MainWindow) -> None:
    """Destroy the window while Python is whole: left to interpreter exit, its
    children's Python overrides may be called after Python has torn them down."""
    import shiboken6

    shiboken6.delete(window)
