"""Unknown-case mode and the library: no surface a user can see names a record by its title or its file
name (`anti-mda5-ivig.case.yaml` gives the answer): the library, Open Recent, window titles, dialogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from library_folder import CASEDATA
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QMenu, QWidget

from viewer.record.loader import load_record
from viewer.ui import document as document_module
from viewer.ui.window import MainWindow

# What the bundled file names and titles say that an unknown case must not: the diagnosis and its antibody.
SECRETS = ["mda5", "mda-5", "ivig", "pl7", "pl-7", "antisynthetase", "dermatomyositis", "immunoglobulin", "myositis"]


def _leaks(shown: str) -> list[str]:
    lowered = shown.lower()
    return [secret for secret in SECRETS if secret in lowered]


def _model_texts(model, parent=None) -> list[str]:
    parent = parent or QModelIndex()
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts += [str(value) for role in roles if (value := model.data(index, role))]
    return texts


def _widget_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.statusTip()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
        texts += [action.text() + action.toolTip() + action.statusTip() for action in widget.actions()]
    return texts


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The bundled records under their own names, with an invalid one named for its diagnosis."""
    root = tmp_path / "teaching"
    shutil.copytree(CASEDATA, root)
    text = (CASEDATA / "anti-mda5-ivig.case.yaml").read_text(encoding="utf-8")
    (root / "anti-mda5-dermatomyositis-broken.case.yaml").write_text(
        text.replace("format: 1", "format: 9"), encoding="utf-8"
    )
    return root


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.document.set_unknown(True)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _open_folder(qtbot, window: MainWindow, folder: Path):
    library = window.open_folder(folder)
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    return library


def test_the_library_shows_unknown_titles_only(qtbot, window, folder):
    library = _open_folder(qtbot, window, folder)
    assert library.model.rowCount() == 3
    titles = sorted(library.model.index(row, 0).data() for row in range(3))
    mda5 = load_record(CASEDATA / "anti-mda5-ivig.case.yaml").unknown_title
    pl7 = load_record(CASEDATA / "anti-pl7-antisynthetase.case.yaml").unknown_title
    # The broken record keeps the unknown title its YAML gives.
    assert titles == sorted([mda5, mda5, pl7])
    shown = "\n".join(_widget_texts(window))
    assert window.windowTitle() == "Library — Case Viewer"
    assert _leaks(shown) == []
    # Search looks in unknown titles only: the diagnosis finds nothing, the presentation does.
    qtbot.keyClicks(library.search, "dermatomyositis")
    assert library.model.rowCount() == 0
    library.search.clear()
    qtbot.keyClicks(library.search, "dyspnea")
    assert library.model.rowCount() == 3


def test_turning_unknown_mode_on_in_the_library_hides_the_titles(qtbot, folder):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    library = _open_folder(qtbot, window, folder)
    assert _leaks("\n".join(_widget_texts(window)))
    window.menus.unknown.setChecked(True)
    assert _leaks("\n".join(_widget_texts(window))) == []
    assert window.windowTitle() == "Library — Case Viewer"
    assert library.model.rowCount() == 3


def test_open_recent_names_files_and_folders_without_their_names(qtbot, window, folder):
    _open_folder(qtbot, window, folder)
    assert window.document.open(folder / "anti-mda5-ivig.case.yaml")
    assert window.document.open(folder / "anti-pl7-antisynthetase.case.yaml")
    # A file never read in this run: named by the unknown title remembered from the last read, or neutrally.
    window.preferences.add_recent_file(str(folder / "anti-pl7-never-opened.case.yaml"))
    menu = window.menus.recent_menu
    menu.aboutToShow.emit()
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts[0] == "&1 a case record"
    assert texts[1].startswith("&2 A 44-year-old woman")
    assert texts[2].startswith("&3 A 71-year-old male")
    assert texts[3] == "&4 a folder of case records"
    assert _leaks("\n".join(texts)) == []
    assert _leaks(window.windowTitle()) == []


def test_the_open_failed_dialog_names_no_file_and_quotes_no_problem(qtbot, window, folder):
    library = _open_folder(qtbot, window, folder)
    row = next(r for r in range(3) if library.model.index(r, 5).data() != "valid")
    assert library.model.index(row, 1).data() == "invalid: line 5"
    library.table.setCurrentIndex(library.model.index(row, 0))
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    boxes: list[QWidget] = []
    qtbot.waitUntil(
        lambda: bool(
            boxes.extend(w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window) or boxes
        )
    )
    shown = "\n".join(text for box in boxes for text in _widget_texts(box))
    assert "A 71-year-old male with fatigue, weight loss and progressive dyspnea has 1 problem" in shown
    assert "Turn off Unknown Case (Ctrl+U)" in shown
    assert _leaks(shown) == []
    assert "format" not in shown
    for box in boxes:
        box.close()


def test_the_busy_dialog_names_the_unknown_title(qtbot, window, folder, monkeypatch):
    _open_folder(qtbot, window, folder)
    window.show_case()
    shown: list[str] = []

    from PySide6 import QtWidgets

    class Recorded(QtWidgets.QProgressDialog):
        def show(self) -> None:
            shown.extend([self.labelText(), self.windowTitle()])
            super().show()

    # The document names the dialog's class when a read is slow: it finds this one then.
    monkeypatch.setattr(QtWidgets, "QProgressDialog", Recorded)
    monkeypatch.setattr(document_module, "IN_BACKGROUND_BYTES", 0)
    monkeypatch.setattr(document_module, "BUSY_AFTER_MS", 0)
    slow = document_module.load_case

    def slowly(path, raw=None):
        import time

        time.sleep(0.3)  # long enough for the busy dialog's zero-delay timer to fire
        return slow(path, raw)

    monkeypatch.setattr(document_module, "load_case", slowly)
    assert window.document.open(folder / "anti-mda5-ivig.case.yaml")
    assert shown[0] == "Opening A 71-year-old male with fatigue, weight loss and progressive dyspnea…"
    assert _leaks("\n".join(shown)) == []
    assert _leaks(window.windowTitle()) == []


def test_the_open_folder_dialog_starts_without_a_record_name(qtbot, window, folder, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _open_folder(qtbot, window, folder)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: asked.extend(map(str, args[1:])) or "")
    window.library_actions.open_folder.trigger()
    assert asked
    assert _leaks("\n".join(asked)) == []


def test_the_case_view_after_the_library_names_no_file(qtbot, window, folder):
    library = _open_folder(qtbot, window, folder)
    row = next(
        r
        for r in range(3)
        if "71-year" in library.model.index(r, 0).data() and library.model.index(r, 5).data() == "valid"
    )
    library.table.setCurrentIndex(library.model.index(row, 0))
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.case_page
    assert window.back_button.isVisible()
    assert window.windowTitle() == "A 71-year-old male with fatigue, weight loss and progressive dyspnea — Case Viewer"


def test_unknown_titles_leave_the_settings_with_their_recent_files(tmp_path):
    from viewer.ui.settings import MAX_RECENT, Preferences

    preferences = Preferences()
    first = str((tmp_path / "anti-mda5-first.case.yaml").resolve())
    preferences.add_recent_file(first)
    preferences.set_unknown_title(first, "A 71-year-old male")
    assert Preferences().unknown_title(first) == "A 71-year-old male"
    for number in range(MAX_RECENT):
        preferences.add_recent_file(str(tmp_path / f"{number}.case.yaml"))
    assert Preferences().unknown_title(first) == ""
    second = str((tmp_path / "0.case.yaml").resolve())
    preferences.set_unknown_title(second, "A 44-year-old woman")
    preferences.clear_recent_files()
    assert Preferences().unknown_title(second) == ""


def test_open_in_unknown_mode_chooses_a_folder_not_a_file(qtbot, window, folder, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    def no_file_dialog(*args):
        raise AssertionError("a file dialog lists the records' file names")

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_file_dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: asked.append(args[1]) or str(folder))
    window.menus.open_action.trigger()
    assert asked == ["Open a Folder of Case Records"]
    assert window.library is not None
    qtbot.waitUntil(lambda: not window.library.scanning, timeout=20000)
    assert window.pages.currentWidget() is window.library
    assert window.library.model.rowCount() == 3
