"""An agenda and the files a user can reopen: the agenda is what is recent, not its cases; in unknown-case
mode it is chosen by its folder and named by its title, as a case is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from library_folder import CASEDATA
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from viewer.ui.window import MainWindow

AGENDA = "myositis-ild.agenda.yaml"
TITLE = "Myositis and interstitial lung disease"


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "casedata"
    shutil.copytree(CASEDATA, root)
    return root


def leave(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.presenting.conference is None


def recent_texts(window: MainWindow) -> list[str]:
    menu = window.menus.recent_menu
    menu.aboutToShow.emit()
    return [action.text() for action in menu.actions() if action.text()]


def test_presenting_an_agenda_makes_it_recent_and_not_its_cases(qtbot, window, folder):
    assert window.present_agenda(folder / AGENDA) is not None
    for _ in range(50):  # through both cases
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown)
    assert window.document.path == folder / "anti-mda5-ivig.case.yaml"
    leave(qtbot, window)
    assert window.preferences.recent_files() == [str(folder / AGENDA)]
    assert recent_texts(window)[0] == f"&1 {folder / AGENDA} (agenda)"
    window.menus.unknown.setChecked(True)
    assert recent_texts(window)[0] == f"&1 the agenda “{TITLE}”"
    # Chosen again from the menu, it is presented again.
    window.menus.recent_menu.actions()[0].trigger()
    assert window.presenting.conference is not None
    assert window.presenting.conference.agenda is not None
    assert window.slide is not None
    assert window.slide.title_label.text() == TITLE
    leave(qtbot, window)


def test_unknown_mode_presents_every_case_of_an_agenda_as_unknown(qtbot, window, folder):
    window.document.set_unknown(True)
    mode = window.present_agenda(folder / AGENDA)
    assert mode is not None
    assert mode.agenda is not None
    lines = window.slide.lines_label.text()
    assert "Dermatomyositis" not in lines
    assert lines.splitlines()[1].startswith("2. A 71-year-old male")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_C)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    assert mode.agenda.case == 1
    assert window.document.unknown
    assert window.slide.title_label.text().startswith("A 71-year-old male")
    leave(qtbot, window)
    assert window.document.unknown


def test_in_unknown_mode_an_agenda_is_chosen_by_folder_then_by_title(qtbot, window, folder, monkeypatch):
    other = folder / "zz-anti-mda5.agenda.yaml"
    other.write_text(
        (folder / AGENDA).read_text(encoding="utf-8").replace(f"title: {TITLE}", "title: Second session"),
        encoding="utf-8",
    )
    (folder / "broken.agenda.yaml").write_text("title: [\n", encoding="utf-8")
    window.document.set_unknown(True)
    offered: list[list[str]] = []

    def no_file_dialog(*args, **kwargs):
        raise AssertionError("a file dialog would list the records' file names")

    def choose(_parent, _caption, _label, items, *rest, **kwargs):
        offered.append(list(items))
        return items[1], True

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(no_file_dialog))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(folder)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    present = next(action for action in window.menus.file_menu.actions() if action.text() == "Present &Agenda…")
    present.trigger()
    # By their titles, in the order of their file names; the one that cannot be read is left out.
    assert offered == [[f"{TITLE} (2026-01-15)", "Second session (2026-01-15)"]]
    assert window.slide is not None
    assert window.slide.title_label.text() == "Second session"
    leave(qtbot, window)


def test_a_folder_without_an_agenda_says_so(qtbot, window, tmp_path, monkeypatch):
    window.document.set_unknown(True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(tmp_path)))
    present = next(action for action in window.menus.file_menu.actions() if action.text() == "Present &Agenda…")
    present.trigger()
    (box,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert box.text() == "This folder holds no agenda (a file named *.agenda.yaml) that can be read."
    assert window.presenting.conference is None
    box.close()
