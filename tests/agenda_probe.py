"""Presents the bundled agenda from its session's title slide to the last step of its last case and
back, with keys sent to the audience window and the console in turn, on whatever screens the
platform offers, and prints what happened as JSON. Run in a subprocess by the tests (Xvfb on xcb)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from viewer.paths import data_dir
from viewer.ui.app import make_application
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def main() -> None:
    app = make_application()
    window = MainWindow(Preferences(persist=False))
    window.show()
    mode = window.present_agenda(data_dir("casedata") / "myositis-ild.agenda.yaml")
    assert mode is not None
    agenda = mode.agenda
    assert agenda is not None
    visited: list[list[object]] = []

    def note() -> None:
        app.processEvents()
        slide = window.slide is not None and window.slide.isVisible()
        visited.append([agenda.case, agenda.on_title, mode.talk.index, slide, window.document.unknown])

    note()
    for press in range(60):
        target = mode.console if mode.console is not None and press % 2 else window
        QTest.keyClick(target, Qt.Key.Key_PageDown)
        note()
    forward = list(visited)
    visited.clear()
    for _ in range(60):
        QTest.keyClick(window, Qt.Key.Key_PageUp)
        note()
    console = mode.console is not None and mode.console.isVisible()
    cases = mode.console.agenda_view.cases_label.text() if mode.console and mode.console.agenda_view else ""
    QTest.keyClick(window, Qt.Key.Key_Escape)
    app.processEvents()
    report = {
        "forward": forward,
        "back": visited,
        "console": console,
        "console_cases": cases,
        "after_escape": {"full_screen": window.isFullScreen(), "slide": window.slide.isVisible()},
    }
    window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
