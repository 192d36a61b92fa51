"""Presents the bundled case in unknown mode from start to end on whatever screens the
platform offers, and prints what happened as JSON. Run in a subprocess by the tests
(offscreen with two configured screens, or Xvfb on xcb), so each run gets its own
platform. With a directory argument it also saves a screenshot of every step."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from viewer.paths import bundled_case
from viewer.ui.app import make_application
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    shots = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    app = make_application()
    window = MainWindow(Preferences(persist=False))
    window.document.set_unknown(True)
    window.show()
    assert window.document.open(bundled_case())
    choice = os.environ.get("PROBE_SCREEN")
    mode = window.start_conference(int(choice) if choice else None)
    assert mode is not None
    talk = mode.talk
    screens = QGuiApplication.screens()

    def number(screen) -> int:
        return screens.index(screen) + 1

    report: dict[str, object] = {
        "screens": [rect(s.geometry()) for s in screens],
        "primary": number(QGuiApplication.primaryScreen()),
        "audience_screen": number(mode.screen),
        "full_screen": window.isFullScreen(),
        "menu_visible": window.menuBar().isVisible(),
        "text_px": window.font().pixelSize(),
        "console": mode.console is not None and mode.console.isVisible(),
        "console_screen": number(mode.console.screen()) if mode.console else 0,
        "window_geometry": rect(window.geometry()),
        "screen_geometry": rect(mode.screen.geometry()),
        "steps": len(talk.steps),
        "step_ids": talk.steps,
        "titles": [],
    }
    titles: list[str] = []
    overflows: list[int] = []
    for step in range(len(talk.steps)):
        app.processEvents()
        titles.append(window.windowTitle())
        # What of the step's detail the room could not see without scrolling it.
        overflows.append(window.detail.verticalScrollBar().maximum())
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(shots / f"step-{step + 1:02d}.png"))
            if mode.console is not None:
                mode.console.grab().save(str(shots / f"console-{step + 1:02d}.png"))
        # Every other step is driven from the console, when there is one: keys work from either window.
        target = mode.console if mode.console is not None and step % 2 else window
        QTest.keyClick(target, Qt.Key.Key_PageDown)
    report["titles"] = titles
    report["detail_overflows"] = overflows
    report["panes"] = window.panes.sizes()
    report["timeline_wants"] = window.timeline.sizeHint().height()
    report["timeline_least"] = window.timeline.minimumSizeHint().height()
    report["last_index"] = talk.index

    if len(screens) > 1:
        projector = mode.screen
        remaining = [s for s in screens if s is not projector]

        def state() -> dict[str, object]:
            console = mode.console is not None and mode.console.isVisible()
            return {
                "audience_screen": number(window.screen()),
                "full_screen": window.isFullScreen(),
                "console": console,
                "console_screen": number(mode.console.screen()) if console else 0,
            }

        # Unplug the projector: the audience view moves to what remains and stays full screen.
        QGuiApplication.screens = staticmethod(lambda: remaining)  # type: ignore[method-assign]
        app.screenRemoved.emit(projector)
        app.processEvents()
        report["after_removal"] = state()
        # Plug it back in: nothing moves until the presenter presses S.
        QGuiApplication.screens = staticmethod(lambda: screens)  # type: ignore[method-assign]
        app.screenAdded.emit(projector)
        app.processEvents()
        report["after_added"] = state()
        QTest.keyClick(window, Qt.Key.Key_S)
        app.processEvents()
        report["after_return"] = state()
        # S from the projector sends the view to the laptop, and the console stands aside.
        QTest.keyClick(window, Qt.Key.Key_S)
        app.processEvents()
        report["after_second_s"] = state()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    app.processEvents()
    report["after_escape"] = {"full_screen": window.isFullScreen(), "menu_visible": window.menuBar().isVisible()}
    print(json.dumps(report))
    window.close()
    import shiboken6

    shiboken6.delete(window)


if __name__ == "__main__":
    main()
