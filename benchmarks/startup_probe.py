"""One start-up, run as its own process by `python -m benchmarks`: `app`, `bare` or `floor`.

`app` starts Case Viewer exactly as the `case-viewer` command does (viewer.cli.main
with no arguments: the bundled case); given a package folder (`app FOLDER`), it finds
its bundled data there, as an installed wheel's with the bundled case's checked
form, rather than in the source tree, where the YAML is parsed. `bare` shows a bare QLabel window of
the same size as the app's first window, so that both hold the same backing
store (4 MiB at 1280x860). `floor` is a window of the app's kinds of widget,
empty, with the libraries the app starts with imported (msgspec, the Qt
namespace's enums): none of the app's own code, no case, no timeline.
Both quit from the event loop right after their window's first paint, then
print one JSON line: when that paint was done (time.monotonic), the peak
resident memory at that paint, the modules imported and the Qt classes
PySide had made by then, and for `app` how many items the painted window showed.

The only thing added to the app's start-up is an event filter on the main
window, installed by wrapping `MainWindow.show`; the import order and every
step up to the first paint are the real ones. The filter sits on the window,
not on the application: a Python filter on the application makes PySide wrap
every object that receives an event, which costs the app tens of milliseconds
that it never pays on its own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

_seen: dict[str, Any] = {}
BARE_SIZE = (1280, 860)
"""The app's DEFAULT_SIZE (viewer/ui/window.py), written out: importing it would load the app."""


def _watch_first_paint(window: Any) -> None:
    """Quit from the event loop once `window` and its children have painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    def painted() -> None:
        # CLOCK_MONOTONIC is system-wide on Linux: the parent compares it with the moment it
        # spawned us, so tearing the process down (tens of milliseconds for the app) is not counted.
        _seen["painted_at"] = time.monotonic()
        QApplication.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not _seen and event.type() == QEvent.Type.Paint:
                _seen["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                _seen["modules"] = sorted(sys.modules)
                # PySide makes a class (and its enums) when it is first named: those made by now.
                _seen["qt_classes"] = sorted(
                    f"{name}.{attribute}"
                    for name in ("QtCore", "QtGui", "QtWidgets")
                    for attribute in vars(sys.modules[f"PySide6.{name}"])
                    if attribute.startswith("Q")
                )
                record = getattr(getattr(watched, "document", None), "record", None)
                if record is not None:
                    from viewer.record.model import timed_items

                    _seen["items"] = len(timed_items(record))
                # Once this paint pass is over (the children paint in the same pass): note the time and quit.
                QTimer.singleShot(0, painted)
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def _app(package: str | None = None) -> int:
    # The `case-viewer` entry point: viewer.cli:main.
    import viewer.cli
    import viewer.paths
    import viewer.ui.app

    if package is not None:
        from pathlib import Path

        viewer.paths._PACKAGE = Path(package)
    make_application = viewer.ui.app.make_application

    def watched(argv: list[str] | None = None) -> Any:
        app = make_application(argv)
        # `run` imports the window module right after making the application: so do we.
        from viewer.ui.window import MainWindow

        show = MainWindow.show

        def show_watched(window: MainWindow) -> None:
            _watch_first_paint(window)
            show(window)

        MainWindow.show = show_watched  # type: ignore[method-assign]
        return app

    viewer.ui.app.make_application = watched
    return viewer.cli.main([])


def _bare() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Case Viewer")
    label.resize(*BARE_SIZE)
    _watch_first_paint(label)
    label.show()
    return app.exec()


def _floor() -> int:
    import msgspec  # noqa: F401
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QApplication,
        QLabel,
        QMainWindow,
        QSplitter,
        QTabWidget,
        QTextEdit,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    for title in ("&File", "&View", "&Help"):
        window.menuBar().addMenu(title)
    tabs = QTabWidget()
    for title in ("History", "Findings", "Serologies", "Treatment", "Discussion", "Source"):
        tabs.addTab(QTreeView(), title)
    lower = QSplitter(Qt.Orientation.Horizontal)
    lower.addWidget(tabs)
    lower.addWidget(QTextEdit())
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(QWidget())
    splitter.addWidget(lower)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(QLabel("Case Viewer"))
    layout.addWidget(splitter, 1)
    window.setCentralWidget(central)
    window.resize(*BARE_SIZE)
    _watch_first_paint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    status = {"app": _app, "bare": _bare, "floor": _floor}[sys.argv[1]](*sys.argv[2:])
    sys.stdout.write(json.dumps(_seen) + "\n")
    sys.exit(status)
