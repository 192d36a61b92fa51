"""Start the GUI: the application object, the main window, or screenshots."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

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
    status = app.exec()
    _destroy(window)
    return status


def _destroy(window: MainWindow) -> None:
    """Destroy the window while Python is whole: left to interpreter exit, its
    children's Python overrides may be called after Python has torn them down."""
    import shiboken6

    shiboken6.delete(window)
