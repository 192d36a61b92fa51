"""Presents the bundled agenda on two screens and asks the console for its handouts: its Session
Handout button, then Shift+H typed on the console. Run in a subprocess by the tests (offscreen with
two configured screens), so it gets a console; prints what happened as JSON. The file dialog is
stood in for: it answers the paths given as arguments and notes which window it was asked over."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.paths import data_dir
from viewer.ui.app import make_application
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def wait_for(path: Path) -> None:
    """Handle events until `path` is written, for a minute at most."""
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        QTest.qWait(10)


def main() -> None:
    session_out, case_out = Path(sys.argv[1]), Path(sys.argv[2])
    answers = [session_out, case_out]
    parents: list[str] = []

    def save_dialog(parent, _caption, _suggested, _filter):
        parents.append(parent.objectName() or type(parent).__name__)
        return str(answers.pop(0)), ""

    def folder_dialog(parent, _caption, _start):
        parents.append(parent.objectName() or type(parent).__name__)
        return str(answers.pop(0).parent)

    QFileDialog.getSaveFileName = staticmethod(save_dialog)  # type: ignore[method-assign]
    QFileDialog.getExistingDirectory = staticmethod(folder_dialog)  # type: ignore[method-assign]
    app = make_application()
    window = MainWindow(Preferences(persist=False))
    window.show()
    mode = window.present_agenda(data_dir("casedata") / "myositis-ild.agenda.yaml")
    assert mode is not None
    assert mode.agenda is not None
    console = mode.console
    assert console is not None
    assert console.isVisible()
    report: dict[str, object] = {
        "buttons": [button.text() for button in console.handout_buttons],
        "enabled_on_session_slide": [button.isEnabled() for button in console.handout_buttons],
    }
    QTest.mouseClick(console.handout_buttons[0], Qt.MouseButton.LeftButton)
    wait_for(session_out)
    report["session_told"] = console.export_label.text()
    # Into the first case (an unknown one), then its own handout from the console's keys.
    QTest.keyClick(console, Qt.Key.Key_PageDown)
    report["enabled_in_a_case"] = [button.isEnabled() for button in console.handout_buttons]
    QTest.keyClick(console, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    wait_for(case_out)
    report["case_told"] = console.export_label.text()
    report["parents"] = parents
    report["status_bar"] = window.statusBar().currentMessage()
    report["step"] = mode.talk.index
    QTest.keyClick(window, Qt.Key.Key_Escape)
    app.processEvents()
    print(json.dumps(report))
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
