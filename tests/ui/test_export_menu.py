"""File › Export in the main window: where it sits, what each entry writes, how failures read."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from dialogs import FolderDialog
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QPushButton

from benchmarks.synthetic import write_record
from viewer.draw.figure import FIGURE_PX, figure_font, figure_size
from viewer.draw.theme import THEMES
from viewer.paths import bundled_case
from viewer.ui import export_actions as actions
from viewer.ui.export_actions import add_export_menu
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    return window


def _file_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return menu


def _export_menu(window: MainWindow) -> QMenu:
    return add_export_menu(_file_menu(window), window.document, window.look, window)


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: answers `answer` and remembers what it was offered."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.suggested: list[str] = []

    def __call__(self, _parent, _caption, suggested, _filter):
        self.suggested.append(suggested)
        return self.answer, ""


def _trigger(menu: QMenu, text: str) -> None:
    (action,) = [action for action in menu.actions() if action.text() == text]
    action.trigger()


def test_the_export_menu_sits_above_quit_and_is_added_once(window):
    file_menu = _file_menu(window)
    menu = add_export_menu(file_menu, window.document, window.look, window)
    assert add_export_menu(file_menu, window.document, window.look, window) is menu
    entries = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert entries == [
        "Timeline as &PNG (1×)…",
        "Timeline as &PNG (2×)…",
        "Timeline as &PNG (3×)…",
        "Timeline as &SVG…",
        "&Handout as PDF…",
        "Session Hand&out…",
    ]
    actions = file_menu.actions()
    assert [action.menu() for action in actions].count(menu) == 1
    assert actions[-1].text() == "&Quit"
    assert actions[-2].isSeparator()
    assert actions[-3].menu() is menu


def test_png_2x_is_written_with_its_suffix_and_announced(window, tmp_path, monkeypatch):
    dialog = SaveDialog(str(tmp_path / "slide"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    _trigger(_export_menu(window), "Timeline as &PNG (2×)…")
    out = tmp_path / "slide.png"
    image = QImage(str(out))
    theme = THEMES[window.look.theme_name]
    size = figure_size(figure_font(FIGURE_PX * theme.font_scale))
    assert (image.width(), image.height()) == (round(size.width()) * 2, round(size.height()) * 2)
    assert str(out) in window.statusBar().currentMessage()
    assert dialog.suggested[0].endswith("anti-mda5-ivig-timeline.png")


def test_svg_and_pdf_entries_write_their_files(window, tmp_path, monkeypatch):
    menu = _export_menu(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(str(tmp_path / "t.svg")))
    _trigger(menu, "Timeline as &SVG…")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(str(tmp_path / "h.pdf")))
    _trigger(menu, "&Handout as PDF…")
    assert (tmp_path / "t.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert (tmp_path / "h.pdf").read_bytes()[:5] == b"%PDF-"


def test_cancelling_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(""))
    _trigger(_export_menu(window), "&Handout as PDF…")
    assert list(tmp_path.iterdir()) == []
    assert window.statusBar().currentMessage() == ""


def test_a_failed_export_says_so_in_plain_text(window, tmp_path, monkeypatch, qtbot):
    out = tmp_path / "missing" / "<b>h</b>.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(str(out)))
    _trigger(_export_menu(window), "&Handout as PDF…")
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.textFormat().name == "PlainText"
    assert f"cannot write {out}: No such file or directory" in box.text()
    box.close()


def test_unknown_mode_suggests_a_name_that_names_no_diagnosis(window, tmp_path, monkeypatch):
    window.menus.unknown.trigger()
    assert window.document.disclosure is not None
    assert not window.document.disclosure.complete
    # A folder is chosen, not a file: a save dialog would list the files beside it, whose names may
    # name a diagnosis.
    (tmp_path / "anti-mda5-handout.pdf").write_bytes(b"")
    folders = FolderDialog(tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folders)
    _trigger(_export_menu(window), "&Handout as PDF…")
    assert folders.captions == ["Export Handout as PDF to a Folder"]
    assert (tmp_path / "case-handout.pdf").stat().st_size > 0
    told = window.statusBar().currentMessage()
    assert told == "Exported case-handout.pdf"


def test_unknown_mode_asks_before_replacing_a_file_of_the_offered_name(window, tmp_path, monkeypatch):
    window.menus.unknown.trigger()
    (tmp_path / "case-handout.pdf").write_bytes(b"kept")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(tmp_path, tmp_path))
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        def question(_parent, _caption, text):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    _trigger(_export_menu(window), "&Handout as PDF…")
    assert (tmp_path / "case-handout.pdf").read_bytes() == b"kept"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    _trigger(_export_menu(window), "&Handout as PDF…")
    assert (tmp_path / "case-handout.pdf").read_bytes().startswith(b"%PDF")
    assert asked == ["That folder already holds case-handout.pdf. Replace it?"] * 2


class Watch:
    """A timer that ticks while an export runs, and clicks Cancel in its progress dialog if asked."""

    def __init__(self, window: MainWindow, qtbot, cancel: bool) -> None:
        self.window = window
        self.qtbot = qtbot
        self.cancel = cancel
        self.ticks = 0
        self.ticks_with_dialog = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._on_tick)
        self.timer.start()

    def _on_tick(self) -> None:
        self.ticks += 1
        shown = [dialog for dialog in self.window.findChildren(QProgressDialog) if dialog.isVisible()]
        if not shown:
            return
        (dialog,) = shown
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        self.ticks_with_dialog += 1
        if self.cancel and self.ticks_with_dialog == 3:
            (button,) = dialog.findChildren(QPushButton)
            assert button.text() == "Cancel"
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def long_window(qtbot, tmp_path, monkeypatch):
    # The dialog waits a moment before it shows; a fast machine must not finish first.
    monkeypatch.setattr(actions, "PROGRESS_DELAY_MS", 100)
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(write_record(1_000, tmp_path))
    return window


def _pages(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60, check=True)
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("Pages:")]
    return int(line.split()[1])


@pytest.mark.parametrize("old", [None, b"the old handout"])
def test_cancelling_a_long_handout_leaves_no_file_and_the_old_one_as_it_was(long_window, qtbot, tmp_path, old):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "long.pdf"
    if old is not None:
        target.write_bytes(old)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QFileDialog, "getSaveFileName", SaveDialog(str(target)))
        watch = Watch(long_window, qtbot, cancel=True)
        _trigger(_export_menu(long_window), "&Handout as PDF…")
        watch.timer.stop()
    # The dialog showed, the event loop ran on while it did, and Cancel stopped the export.
    assert watch.ticks_with_dialog >= 3
    assert [path.name for path in folder.iterdir()] == ([] if old is None else ["long.pdf"])
    if old is not None:
        assert target.read_bytes() == old
    assert "cancelled" in long_window.statusBar().currentMessage()
    assert not [dialog for dialog in long_window.findChildren(QProgressDialog) if dialog.isVisible()]


def test_a_long_handout_exports_with_progress_and_the_gui_running(long_window, qtbot, tmp_path):
    target = tmp_path / "long.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QFileDialog, "getSaveFileName", SaveDialog(str(target)))
        watch = Watch(long_window, qtbot, cancel=False)
        _trigger(_export_menu(long_window), "&Handout as PDF…")
        watch.timer.stop()
    assert watch.ticks_with_dialog > 0
    assert _pages(target) > 20
    assert [path.name for path in tmp_path.iterdir() if path.suffix == ".part"] == []
    assert str(target) in long_window.statusBar().currentMessage()
