"""Handouts from the window: figures decoded off the GUI thread, and a session's handout.

Every image is a test pattern the test writes (tests/figure_files.py).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from dialogs import FolderDialog
from figure_files import png_bytes, record_with_figure
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QPushButton

from viewer.export import figures as export_figures
from viewer.paths import data_dir
from viewer.ui import export_actions
from viewer.ui.export_actions import add_export_menu
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow

AGENDA = data_dir("casedata") / "myositis-ild.agenda.yaml"
AGENDAS = Path(__file__).parents[1] / "data" / "agenda"
# What names the agenda's first case's diagnosis: the agenda presents it as an unknown case.
PL7_ANSWERS = ["antisynthetase", "pl7", "pl-7", "mechanic", "threonyl", "trna"]
SMALL = "      - file: small.png\n        caption: Small pattern\n"
WAIT_S = 30
"""How long a decode waits for the GUI thread to show it runs: only a failing test waits so long."""

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils are missing")


@pytest.fixture
def window(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.close()


def _export_menu(window: MainWindow) -> QMenu:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    return add_export_menu(file_menu, window.document, window.look, window, window.presented_agenda)


def _trigger(window: MainWindow, text: str) -> None:
    (action,) = [action for action in _export_menu(window).actions() if action.text() == text]
    action.trigger()


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: answers `answer` and remembers what it was offered."""

    def __init__(self, answer: Path) -> None:
        self.answer = answer
        self.suggested: list[str] = []

    def __call__(self, _parent, _caption, suggested, _filter):
        self.suggested.append(suggested)
        return str(self.answer), ""


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _images(pdf: Path) -> int:
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return len(listed.splitlines()) - 2


class Ticks:
    """A timer on the GUI thread: `ticked` is set each time it fires."""

    def __init__(self) -> None:
        self.ticked = threading.Event()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.ticked.set)
        self.timer.start()


@pytest.fixture
def decodes(monkeypatch):
    """Each decode of a handout's figure: the thread it ran on, and whether a GUI timer fired meanwhile."""
    ticks = Ticks()
    found: list[tuple[int, bool]] = []
    decode = export_figures.decode

    def recording(figure, longest=0):  # type: ignore[no-untyped-def]
        ticks.ticked.clear()
        image = decode(figure, longest)
        found.append((threading.get_ident(), ticks.ticked.wait(WAIT_S)))
        return image

    monkeypatch.setattr(export_figures, "decode", recording)
    yield found
    ticks.timer.stop()


def test_the_handouts_figures_are_decoded_off_the_gui_thread(window, tmp_path, monkeypatch, decodes):
    (tmp_path / "large.png").write_bytes(png_bytes(6000, 5000))
    (tmp_path / "small.png").write_bytes(png_bytes(60, 40))
    assert window.document.open(record_with_figure(tmp_path, "large.png", extra=SMALL))
    out = tmp_path / "out" / "handout.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(out))
    _trigger(window, "&Handout as PDF…")
    assert len(decodes) == 2
    # Neither on the GUI thread, which went on handling its timers while each image was decoded.
    assert threading.main_thread().ident not in [thread for thread, _ in decodes]
    assert [ticked for _, ticked in decodes] == [True, True]
    assert _images(out) == 2
    assert "Figure: Test pattern" in " ".join("".join(_pages(out)).split())
    assert [path.name for path in out.parent.iterdir()] == ["handout.pdf"]
    assert str(out) in window.statusBar().currentMessage()


def test_cancel_while_the_figures_decode_stops_the_export(window, tmp_path, monkeypatch, qtbot):
    monkeypatch.setattr(export_actions, "PROGRESS_DELAY_MS", 0)
    (tmp_path / "large.png").write_bytes(png_bytes(3000, 2000))
    (tmp_path / "small.png").write_bytes(png_bytes(60, 40))
    assert window.document.open(record_with_figure(tmp_path, "large.png", extra=SMALL))
    cancelled = threading.Event()
    decoded: list[str] = []
    decode = export_figures.decode

    def held(figure, longest=0):  # type: ignore[no-untyped-def]
        # The first figure's decode lasts until Cancel is pressed.
        decoded.append(figure.path.name)
        assert cancelled.wait(WAIT_S)
        return decode(figure, longest)

    def on_tick() -> None:
        shown = [dialog for dialog in window.findChildren(QProgressDialog) if dialog.isVisible()]
        if shown and not cancelled.is_set():
            (dialog,) = shown
            assert dialog.windowModality() == Qt.WindowModality.WindowModal
            (button,) = dialog.findChildren(QPushButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            cancelled.set()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(on_tick)
    timer.start()
    monkeypatch.setattr(export_figures, "decode", held)
    out = tmp_path / "out" / "handout.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(out))
    _trigger(window, "&Handout as PDF…")
    timer.stop()
    assert cancelled.is_set()
    # The second figure was never decoded, and nothing was written.
    assert decoded == ["large.png"]
    assert list(out.parent.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert not [dialog for dialog in window.findChildren(QProgressDialog) if dialog.isVisible()]


def _check_session(out: Path) -> list[str]:
    found = _pages(out)
    first = " ".join(found[0].split())
    assert first.startswith("Myositis and interstitial lung disease Case conference, 2026-01-15 Agenda 1.")
    assert "15 min, unknown case" in first
    return found


def test_the_session_handout_of_a_chosen_agenda(window, tmp_path, monkeypatch):
    assert window.document.open(data_dir("casedata") / "anti-mda5-ivig.case.yaml")
    chosen: list[str] = []

    def open_dialog(_parent, caption, _start, _filter):
        chosen.append(caption)
        return str(AGENDA), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    # Its first case is presented unknown: a folder is chosen, not a file among others whose names show.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path))
    _trigger(window, "Session Hand&out…")
    assert chosen == ["Export Session Handout"]
    out = tmp_path / "myositis-ild-handout.pdf"
    found = _check_session(out)
    # The unknown case is withheld as on screen; the other is not.
    second = next(number for number, page in enumerate(found) if page.startswith("The Utility of Intravenous"))
    unknown_case = "\n".join(found[:second]).lower()
    assert [word for word in PL7_ANSWERS if word in unknown_case] == []
    assert "result withheld" in unknown_case
    assert "dermatomyositis" in "\n".join(found[second:]).lower()
    assert [path.name for path in tmp_path.iterdir()] == ["myositis-ild-handout.pdf"]
    assert window.statusBar().currentMessage() == "Exported myositis-ild-handout.pdf"


def test_in_unknown_mode_every_case_is_withheld_and_the_name_is_neutral(window, tmp_path, monkeypatch):
    assert window.document.open(data_dir("casedata") / "anti-mda5-ivig.case.yaml")
    window.document.set_unknown(True)

    def no_file_dialog(*_args):
        raise AssertionError("a file dialog would list the records' file names")

    # In unknown-case mode a folder is chosen, and its one agenda is the one written.
    # In unknown-case mode a folder is chosen, and its one agenda is the one written; the handout goes
    # into another folder chosen, under a name that says nothing.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_file_dialog)
    folders = FolderDialog(AGENDA.parent, tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folders)
    _trigger(window, "Session Hand&out…")
    assert folders.answers == []
    text = "\n".join(_check_session(tmp_path / "session-handout.pdf")).lower()
    for answer in ["mda5", "dermatomyositis", *PL7_ANSWERS]:
        assert answer not in text


def test_the_session_handout_while_the_agenda_is_presented(window, tmp_path, monkeypatch):
    mode = window.present_agenda(AGENDA)
    assert mode is not None
    assert window.presented_agenda() is not None

    def no_dialog(*_args):
        raise AssertionError("the presented agenda is the one written")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path))
    _trigger(window, "Session Hand&out…")
    mode.stop()
    found = _check_session(tmp_path / "myositis-ild-handout.pdf")
    second = next(number for number, page in enumerate(found) if page.startswith("The Utility of Intravenous"))
    assert [word for word in PL7_ANSWERS if word in "\n".join(found[:second]).lower()] == []
    assert window.presented_agenda() is None


def test_a_talk_begun_in_unknown_mode_writes_every_case_withheld(window, tmp_path, monkeypatch):
    window.document.set_unknown(True)
    mode = window.present_agenda(AGENDA)
    assert mode is not None
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path))
    _trigger(window, "Session Hand&out…")
    mode.stop()
    text = "\n".join(_pages(tmp_path / "session-handout.pdf")).lower()
    for answer in ["mda5", "dermatomyositis", *PL7_ANSWERS]:
        assert answer not in text


def test_an_agenda_that_cannot_be_read_says_why_and_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(AGENDAS / "missing-title.agenda.yaml"), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(tmp_path / "session.pdf"))
    _trigger(window, "Session Hand&out…")
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert "missing-title.agenda.yaml has 1 problem" in boxes[0].text()
    boxes[0].close()
    assert list(tmp_path.iterdir()) == []


def test_a_presented_agendas_figures_are_decoded_off_the_gui_thread(window, tmp_path, monkeypatch, decodes):
    (tmp_path / "large.png").write_bytes(png_bytes(4000, 3000))
    record_with_figure(tmp_path, "large.png")
    agenda = tmp_path / "talk.agenda.yaml"
    agenda.write_text(
        "format: 1\ntitle: A session\ndate: 2026-02-01\ncases:\n  - file: case.yaml\n    minutes: 5\n", encoding="utf-8"
    )
    mode = window.present_agenda(agenda)
    assert mode is not None
    out = tmp_path / "out" / "session.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(out))
    _trigger(window, "Session Hand&out…")
    mode.stop()
    assert len(decodes) == 1
    assert decodes[0][0] != threading.main_thread().ident
    assert decodes[0][1]
    assert _images(out) == 1
