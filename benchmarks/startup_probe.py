"""One start-up, run as its own process by `python -m benchmarks`: `app` or `bare`.

`app` starts Case Viewer exactly as the `case-viewer` command does (viewer.cli.main
with no arguments: the bundled case), and `bare` shows a bare QLabel window.
Both quit from the event loop right after their window's first paint, then
print one JSON line: when that paint was done (time.monotonic), the peak
resident memory at that paint, the modules imported by then, and for `app`
how many items the painted window showed.

The only thing added to the app's start-up is an event filter on the
application object, installed by wrapping `make_application`; the import
graph and every step up to the first paint are the real ones.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

_seen: dict[str, Any] = {}


class _FirstPaint(QObject):
    """Quits after the first paint of a top-level window of the given class."""

    def __init__(self, kind: type[QWidget]) -> None:
        super().__init__()
        self._kind = kind

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not _seen and event.type() == QEvent.Type.Paint and isinstance(watched, self._kind):
            _seen["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            _seen["modules"] = sorted(sys.modules)
            record = getattr(watched, "record", None)
            if record is not None:
                from viewer.record.model import timed_items

                _seen["items"] = len(timed_items(record))
            # Once this paint pass is over (the children paint in the same pass): note the time and quit.
            QTimer.singleShot(0, _painted)
        return False


def _painted() -> None:
    # CLOCK_MONOTONIC is system-wide on Linux: the parent compares it with the moment it spawned us,
    # so tearing the process down (tens of milliseconds for the app) is not counted.
    _seen["painted_at"] = time.monotonic()
    QApplication.quit()


def _app() -> int:
    # The `case-viewer` entry point: viewer.cli:main.
    import viewer.cli
    import viewer.ui.app

    make_application = viewer.ui.app.make_application
    watcher = _FirstPaint(QMainWindow)

    def watched(argv: list[str] | None = None) -> QApplication:
        app = make_application(argv)
        app.installEventFilter(watcher)
        return app

    viewer.ui.app.make_application = watched
    return viewer.cli.main([])


def _bare() -> int:
    app = QApplication(sys.argv[:1])
    watcher = _FirstPaint(QLabel)
    app.installEventFilter(watcher)
    label = QLabel("Case Viewer")
    label.resize(320, 120)
    label.show()
    return app.exec()


if __name__ == "__main__":
    status = _app() if sys.argv[1:] == ["app"] else _bare()
    sys.stdout.write(json.dumps(_seen) + "\n")
    sys.exit(status)
