"""A bare PySide6 window, frozen by `case-viewer.spec -- --bare` with the same trimming.

It shows a QLabel and quits once it has been painted: the reference the frozen
app's start-up is compared with (issue 8, target 2).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel


class _Label(QLabel):
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # Quit from the event loop, after this paint has finished.
        QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = _Label("Case Viewer")
    label.resize(320, 120)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
