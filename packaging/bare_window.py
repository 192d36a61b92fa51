"""A bare PySide6 window, frozen by `case-viewer.spec -- --bare` with the same trimming.

It shows a QLabel the size of the app's first window and quits once it has been
painted: the reference the frozen app's start-up is compared with.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel

SIZE = (1280, 860)
"""The app's DEFAULT_SIZE (viewer/ui/window.py), written out: a bare window imports nothing of the app."""


class _Label(QLabel):
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # Quit from the event loop, after this paint has finished.
        QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = _Label("Case Viewer")
    label.resize(*SIZE)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
