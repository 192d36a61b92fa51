"""Handouts during a talk, when the room's view hides the menu bar: H, Shift+H and the console's buttons.

What is withheld on screen is withheld in the handout; a dialog over the talk keeps its keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dialogs import FolderDialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.paths import bundled_case, data_dir
from viewer.ui.conference.console import PresenterConsole
from viewer.ui.conference.overlay import CoverOverlay
from viewer.ui.msgbox import message
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data"
AGENDA = data_dir("casedata") / "myositis-ild.agenda.yaml"
# What names the bundled case's diagnosis, revealed at its last stage, and the agenda's first (unknown) case's.
MDA5_ANSWERS = ["mda5", "melanoma", "dermatomyositis"]
PL7_ANSWERS = ["antisynthetase", "pl7", "pl-7", "mechanic", "threonyl", "trna"]
WAIT_MS = 60_000
"""How long a handout may take to appear: only a failing test waits so long."""

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils are missing")


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: answers the `answers` in turn, noting what it was offered."""

    def __init__(self, *answers: Path) -> None:
        self.answers = list(answers)
        self.suggested: list[str] = []

    def __call__(self, _parent, _caption, suggested, _filter):
        self.suggested.append(suggested)
        return str(self.answers.pop(0)), ""


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.lower()


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    # Keys go to whatever has focus; the talk hears them from any window.
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


@pytest.fixture
def window(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.close()


def test_h_in_a_talk_writes_the_case_handout_withheld_as_on_screen(qtbot, window, tmp_path, monkeypatch):
    assert window.document.open(bundled_case())
    window.document.set_unknown(True)
    mode = window.start_conference()
    assert mode is not None
    assert not window.menuBar().isVisible()
    # While something is withheld a folder is chosen, not a file among others whose names the room sees.
    folders = FolderDialog(tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folders)
    save = SaveDialog(tmp_path / "after")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    _press(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil((tmp_path / "case-handout.pdf").exists, timeout=WAIT_MS)
    # The talk stays where it was: H is no step.
    assert mode.talk.index == 0
    before = _text(tmp_path / "case-handout.pdf")
    assert [word for word in MDA5_ANSWERS if word in before] == []
    assert "withheld" in before
    # One screen: no console, so the window's status line says what was written, but not the folders.
    told = window.statusBar().currentMessage()
    assert "case-handout.pdf" in told
    assert str(tmp_path) not in told
    # Everything revealed on screen, everything in the handout.
    _press(qtbot, window, Qt.Key.Key_R)
    _press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil((tmp_path / "after.pdf").exists, timeout=WAIT_MS)
    after = _text(tmp_path / "after.pdf")
    assert [word for word in MDA5_ANSWERS if word in after] == MDA5_ANSWERS
    mode.stop()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["after.pdf", "case-handout.pdf"]
    assert save.suggested[0].endswith("anti-mda5-ivig-handout.pdf")


def test_h_in_an_agenda_writes_the_session_handout_its_unknown_case_withheld(qtbot, window, tmp_path, monkeypatch):
    mode = window.present_agenda(AGENDA)
    assert mode is not None

    def no_open_dialog(*_args):
        raise AssertionError("the presented agenda is the one written")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_open_dialog)
    # Its first case is presented unknown: a folder is chosen, not a file among others whose names show.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path))
    _press(qtbot, window, Qt.Key.Key_H)
    out = tmp_path / "myositis-ild-handout.pdf"
    qtbot.waitUntil(out.exists, timeout=WAIT_MS)
    pages = _text(out).split("\f")
    assert pages[0].startswith("myositis and interstitial lung disease")
    second = next(number for number, page in enumerate(pages) if page.startswith("the utility of intravenous"))
    assert [word for word in PL7_ANSWERS if any(word in page for page in pages[:second])] == []
    assert "dermatomyositis" in "\n".join(pages[second:])
    # Still on the session's title slide.
    assert mode.agenda is not None
    assert mode.agenda.slide is not None


def test_shift_h_in_an_agenda_begun_in_unknown_mode_writes_the_case_withheld(qtbot, window, tmp_path, monkeypatch):
    window.document.set_unknown(True)
    mode = window.present_agenda(AGENDA)
    assert mode is not None
    assert mode.agenda is not None
    # Into the second case: presented as an unknown one, as every case is in this talk.
    _press(qtbot, window, Qt.Key.Key_C)
    _press(qtbot, window, Qt.Key.Key_2)
    _press(qtbot, window, Qt.Key.Key_Return)
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert mode.agenda.case == 1
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path))
    _press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil((tmp_path / "case-handout.pdf").exists, timeout=WAIT_MS)
    text = _text(tmp_path / "case-handout.pdf")
    assert "the utility of intravenous" not in text
    assert [word for word in MDA5_ANSWERS if word in text] == []
    assert "withheld" in text


def test_shift_h_on_the_sessions_title_slide_writes_nothing(qtbot, window, monkeypatch):
    mode = window.present_agenda(AGENDA)
    assert mode is not None

    def no_dialog(*_args):
        raise AssertionError("the session's title slide has no case of its own")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    _press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    # The request, if there were one, is queued: handled here.
    QApplication.processEvents()
    assert mode.agenda is not None
    assert mode.agenda.slide is not None
    assert window.statusBar().currentMessage() == ""


def test_a_dialog_over_the_talk_keeps_its_keys(qtbot, window):
    assert window.document.open(bundled_case())
    mode = window.start_conference()
    assert mode is not None
    box = message(window, "A question", "Over the talk")
    box.open()
    qtbot.waitExposed(box)
    for key in (Qt.Key.Key_N, Qt.Key.Key_Space, Qt.Key.Key_B, Qt.Key.Key_Escape):
        qtbot.keyClick(box, key)
    assert mode.talk.index == 0
    assert mode.talk.cover == ""
    assert window.presenting.conference is mode
    box.close()
    _press(qtbot, window, Qt.Key.Key_N)
    assert mode.talk.index == 1


def test_the_presenter_keys_list_the_handout(qtbot, window):
    overlay = CoverOverlay(window)
    rows = {keys.text(): action.text() for keys, action in overlay.rows}
    assert "handout" in rows["H  /  Shift+H"]


def test_the_console_has_a_button_for_each_handout(qtbot, window):
    assert window.document.open(bundled_case())
    mode = window.start_conference()
    assert mode is not None
    # One screen here, so no console of the mode's own: one like it, on the same talk.
    console = PresenterConsole(mode.talk, window.selection)
    qtbot.addWidget(console)
    asked: list[bool] = []
    console.handout_requested.connect(asked.append)
    assert [button.text() for button in console.handout_buttons] == ["Handout… (H)"]
    qtbot.mouseClick(console.handout_buttons[0], Qt.MouseButton.LeftButton)
    assert asked == [False]
    console.tell("Exported here")
    assert console.export_label.text() == "Exported here"
    console.close()


def test_on_two_screens_the_console_asks_and_tells_and_the_room_sees_nothing_of_it(tmp_path):
    config = DATA / "two-screens.json"
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    session, case = tmp_path / "myositis-ild-handout.pdf", tmp_path / "case-handout.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "handout_probe.py"), str(session), str(case)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["buttons"] == ["Session Handout… (H)", "This Case's Handout… (Shift+H)"]
    # The session's title slide has no case of its own behind it.
    assert report["enabled_on_session_slide"] == [True, False]
    assert report["enabled_in_a_case"] == [True, True]
    # Both dialogs over the console, on the laptop; what was written is said there, not to the room.
    assert report["parents"] == ["presenter-console", "presenter-console"]
    assert report["session_told"] == "Exported myositis-ild-handout.pdf"
    # The first case is an unknown one: its handout went into a folder chosen, told without the folders.
    assert report["case_told"] == "Exported case-handout.pdf"
    assert report["status_bar"] == ""
    # The first case's first step: Shift+H was no step.
    assert report["step"] == 0
    assert "myositis and interstitial lung disease" in _text(session)
    text = _text(case)
    assert [word for word in PL7_ANSWERS if word in text] == []
    assert "withheld" in text
