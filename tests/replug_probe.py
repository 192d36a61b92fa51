"""Starts a talk on a real two-monitor X server, unplugs the projector, plugs it back and presses S,
printing as JSON where the audience view was at each step. Run in a subprocess by the tests, with
DISPLAY set to the server and the xrandr arguments that unplug and replug the projector as arguments."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontInfo, QGuiApplication, QTextCursor
from PySide6.QtTest import QTest

from viewer.paths import bundled_case
from viewer.ui.app import make_application
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    unplug, replug = sys.argv[1].split(), sys.argv[2].split()
    app = make_application()
    window = MainWindow(Preferences(persist=False))
    window.show()
    assert window.document.open(bundled_case())
    mode = window.start_conference()
    assert mode is not None

    def settle(condition: object = None, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if callable(condition) and condition():
                break
            time.sleep(0.02)
        # What the window manager-less server and Qt still have queued.
        for _ in range(25):
            app.processEvents()
            time.sleep(0.02)

    def detail_heading() -> float:
        """The detail panel's heading over its text, in pixels."""
        cursor = QTextCursor(window.detail.document())
        cursor.setPosition(1)
        return QFontInfo(cursor.charFormat().font()).pixelSize() / QFontInfo(window.detail.font()).pixelSize()

    def state() -> dict[str, object]:
        return {
            "screens": [screen.name() for screen in QGuiApplication.screens()],
            "audience_screen": mode.screen.name(),
            "screen_geometry": rect(mode.screen.geometry()),
            "window_geometry": rect(window.geometry()),
            "frame_geometry": rect(window.frameGeometry()),
            "full_screen": window.isFullScreen(),
            "heading_px": window.header.title_label.font().pixelSize(),
            "text_px": window.font().pixelSize(),
            "detail_heading": detail_heading(),
        }

    report: dict[str, object] = {}
    settle(lambda: window.geometry() == mode.screen.geometry())
    report["start"] = state()
    subprocess.run(["xrandr", *unplug], check=True, timeout=30)
    settle(lambda: len(QGuiApplication.screens()) == 1)
    report["unplugged"] = state()
    subprocess.run(["xrandr", *replug], check=True, timeout=30)
    settle(lambda: len(QGuiApplication.screens()) == 2)
    report["replugged"] = state()
    QTest.keyClick(window, Qt.Key.Key_S)
    settle(lambda: window.geometry() == mode.screen.geometry(), seconds=5)
    report["sent"] = state()
    mode.stop()
    window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
