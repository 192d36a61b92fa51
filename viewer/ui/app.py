"""Start the GUI: the application object, the main window, or screenshots."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from viewer import __version__
from viewer.cli import say
from viewer.paths import bundled_case, data_dir
from viewer.ui.errors import ExceptionHandler
from viewer.ui.settings import Preferences

if TYPE_CHECKING:
    from viewer.record.model import CaseRecord
    from viewer.ui.window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("CaseViewer")
    QCoreApplication.setApplicationName("case-viewer")
    QCoreApplication.setApplicationVersion(__version__)
    # Fusion on every platform, so each theme's palette looks the same everywhere. Chosen
    # by argument rather than setStyle(), whose returned QStyle PySide would have to wrap,
    # creating QStyle's hundreds of enum members at start-up.
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
    ExceptionHandler().install()
    app.setApplicationDisplayName("Case Viewer")
    # The PNG drawn from case-viewer.svg: reading the SVG would load Qt's SVG icon engine at start-up.
    app.setWindowIcon(QIcon(str(data_dir("resources") / "icons" / "case-viewer.png")))
    return app


def write_screenshots(window: MainWindow, record: CaseRecord, directory: Path) -> list[Path]:
    """One PNG per tab, the timeline included, each with the tab's first item selected."""
    from viewer.ui.window import TAB_TITLES

    directory.mkdir(parents=True, exist_ok=True)
    sections = (record.history, record.findings, record.serologies, record.treatments, record.discussion)
    firsts: list[Sequence[Any]] = list(sections)
    written = []
    for number, title in enumerate(TAB_TITLES):
        if number < len(firsts) and firsts[number]:
            window.selection.select(firsts[number][0].id)
        window.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        path = directory / f"{number + 1:02d}-{title.lower()}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


def run(options: argparse.Namespace) -> int:
    app = make_application()
    from viewer.ui.window import DEFAULT_SIZE, MainWindow

    path = Path(options.file) if options.file else bundled_case()
    # Screenshots leave the user's settings as they were.
    window = MainWindow(Preferences(persist=not options.screenshot))
    if options.theme:
        window.set_theme(options.theme, remember=False)
    window.unknown_action.setChecked(options.unknown)
    if options.screenshot:
        from viewer.record.loader import load_record
        from viewer.record.problems import RecordError

        try:
            record = load_record(path)
        except RecordError as error:
            say("".join(f"{problem}\n" for problem in error.problems), sys.stderr)
            return 1
        window.set_record(record, None)
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
    window.show()
    if window.open_file(path) and options.present:
        window.present(options.screen)
    _AfterFirstPaint(window, _remove_old_record_cache)
    status = app.exec()
    _destroy(window)
    return status


class _AfterFirstPaint(QObject):
    """Runs `action` once, when `window` has painted for the first time: work that must not delay start-up."""

    def __init__(self, window: QWidget, action: Callable[[], None]) -> None:
        super().__init__(window)
        self._action = action
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: the window's children paint in this same pass.
            QTimer.singleShot(0, self._action)
        return False


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
