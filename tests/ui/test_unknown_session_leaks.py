"""A whole unknown-case session, end to end: a folder opened as a library, a case opened from it, an agenda
presented through both its cases, a figure in the mix. Before each reveal, no string a user can see (every
widget's text, window titles, tooltips, accessible names and descriptions, the menus with Open Recent,
the dialogs asked for, the settings file) names the diagnosis or a file whose name gives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from figure_files import png_bytes, record_with_figure
from library_folder import CASEDATA
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QWidget,
)

from viewer.ui.settings import settings_path
from viewer.ui.window import MainWindow

# The diagnoses of the two bundled cases, which their file names give too (the treatment, IVIG, is shown
# from the start).
SECRETS = ["mda5", "mda-5", "dermatomyositis", "pl7", "pl-7", "antisynthetase"]
AGENDA = "myositis-ild.agenda.yaml"
PL7_FILE = "anti-pl7-antisynthetase.case.yaml"
FIGURE_FILE = "anti-pl7-antisynthetase-hands.png"
FIGURE_ANCHOR = "      - A 44-year-old Caucasian woman presented to our pulmonology department"
# On the case's first item, revealed with the antibody search (stage 2).
FIGURE = (
    "    figures:\n"
    f"      - file: {FIGURE_FILE}\n"
    "        caption: Test pattern standing for the mechanic's hands of anti-PL7 antisynthetase syndrome\n"
    "        credit: Drawn by the PL-7 test\n"
    "        reveal: 2\n"
)
# Stages of each case whose reveal can name its diagnosis: up to then nothing may.
FIRST_TELLING_STAGE = {PL7_FILE: 2, "anti-mda5-ivig.case.yaml": 1}


def leaks(texts: list[str]) -> list[str]:
    """The strings of `texts` that name a secret (their first 200 characters, to be read in a failure)."""
    return [text[:200] for text in texts if any(secret in text.lower() for secret in SECRETS)]


def model_texts(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    ]
    texts: list[str] = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts += [str(value) for role in roles if (value := model.data(index, role))]
            if column == 0 and model.rowCount(index) > 0:
                texts += model_texts(model, index)
    for column in range(model.columnCount(parent)):
        texts += [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
    return texts


def menu_texts(menu: QMenu) -> list[str]:
    # A menu fills itself as it is about to show (Open Recent does).
    menu.aboutToShow.emit()
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip(), action.statusTip(), action.whatsThis()]
        if action.menu() is not None:
            texts += menu_texts(action.menu())
    return texts


def widget_texts(root: QWidget) -> list[str]:
    """What `root` and every widget on it that shows says or names, the pixels of images aside."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        texts += [widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        texts += [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QStatusBar):
            texts.append(widget.currentMessage())
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
        if isinstance(widget, QMenu):
            texts += menu_texts(widget)
        texts += [action.text() + action.toolTip() + action.statusTip() for action in widget.actions()]
    return texts


def accessible_texts(interface, depth: int = 0) -> list[str]:
    """What a screen reader reads of `interface` and everything under it (the timeline's events too)."""
    if interface is None or not interface.isValid() or depth > 40:
        return []
    texts = [
        interface.text(kind)
        for kind in (QAccessible.Text.Name, QAccessible.Text.Description, QAccessible.Text.Value, QAccessible.Text.Help)
    ]
    for index in range(interface.childCount()):
        texts += accessible_texts(interface.child(index), depth + 1)
    return texts


def everything(window: MainWindow) -> list[str]:
    """Every top-level window's strings, the menu bar's menus and the settings file as written now."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if top.isVisible() or top is window:
            texts += widget_texts(top) + accessible_texts(QAccessible.queryAccessibleInterface(top))
    for action in window.menuBar().actions():
        if action.menu() is not None:
            texts += menu_texts(action.menu())
    return texts + settings_without_recent_paths(window)


def settings_without_recent_paths(window: MainWindow) -> list[str]:
    """The settings file's lines, less the one list of paths the user chose to open (the folder, the case,
    the agenda): a path is the file's own name, which only the presenter's own disk holds."""
    # Written now as Qt would write it at any moment (settings sharing a file share what is pending).
    QSettings(str(settings_path()), QSettings.Format.IniFormat).sync()
    path = settings_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line for line in lines if not line.startswith("recent=")]


def images_shown(window: MainWindow) -> list[QWidget]:
    """The visible widgets showing an image: a label's pixmap, a button's icon (a figure's thumbnail), a
    figure's canvas."""
    shown: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        pixmap = widget.pixmap() if isinstance(widget, QLabel) else None
        icon = widget.icon() if isinstance(widget, QAbstractButton) else None
        image = getattr(widget, "image", None)
        if (
            (pixmap is not None and not pixmap.isNull())
            or (icon is not None and not icon.isNull())
            or (isinstance(image, QImage) and not image.isNull())
        ):
            shown.append(widget)
    return shown


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """casedata as bundled, its unknown case given a figure (a test pattern), and a small record with one."""
    root = tmp_path / "casedata"
    shutil.copytree(CASEDATA, root)
    record = root / PL7_FILE
    text = record.read_text(encoding="utf-8")
    anchor = next(line for line in text.splitlines(keepends=True) if line.startswith(FIGURE_ANCHOR))
    record.write_text(text.replace(anchor, anchor + FIGURE, 1), encoding="utf-8")
    (root / FIGURE_FILE).write_bytes(png_bytes())
    small = root / "teaching"
    small.mkdir()
    (small / "antisynthetase-pattern.png").write_bytes(png_bytes())
    record_with_figure(small, "antisynthetase-pattern.png", caption="PL-7 pattern", extra="        reveal: 1\n")
    return root


def test_an_unknown_case_session_names_no_diagnosis_before_its_reveal(qtbot, folder, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.document.set_unknown(True)
    with qtbot.waitExposed(window):
        window.show()
    asked: list[str] = []

    def no_file_dialog(*args, **kwargs):
        raise AssertionError("a file dialog would list the records' file names")

    def choose_folder(_parent, caption, start, *rest):
        asked.extend([caption, start])
        return str(folder)

    def choose_item(_parent, caption, label, items, *rest, **kwargs):
        asked.extend([caption, label, *items])
        return items[0], True

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(no_file_dialog))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose_folder))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose_item))

    # The library.
    window.library_actions.open_folder.trigger()
    library = window.library
    assert library is not None
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    assert library.model.rowCount() == 3
    assert leaks(everything(window)) == []

    # A case from it, its figure's item selected: the strip says "figure withheld", nothing of it shows.
    row = next(r for r in range(3) if library.model.index(r, 0).data().startswith("A 44-year-old"))
    library.table.setCurrentIndex(library.model.index(row, 0))
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.case_page
    window.selection.select("first-presentation")
    qtbot.waitUntil(lambda: window.figures.isVisible())
    qtbot.wait(100)  # time enough for a figure asked for to be decoded
    assert leaks(everything(window)) == []
    assert images_shown(window) == []
    # The author's view too: unquoted sentences are marked (or said not to be) with tooltips.
    window.menus.show_unquoted.setChecked(True)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert leaks(everything(window)) == []
    # The CARE checklist, as Help shows it.
    care = next(
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()
        if action.text() == "&CARE Checklist"
    )
    care.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert dialogs
    assert leaks(everything(window)) == []
    for dialog in dialogs:
        dialog.close()

    # The agenda, chosen as a case is in unknown-case mode: by its folder, then by its title.
    present = next(action for action in window.menus.file_menu.actions() if action.text() == "Present &Agenda…")
    present.trigger()
    assert asked[-2:] == ["Present Agenda from a Folder", str(folder)]
    assert leaks(asked) == []
    mode = window.presenting.conference
    assert mode is not None
    assert mode.agenda is not None
    agenda = mode.agenda
    seen_stages: set[tuple[int, int]] = set()
    for _ in range(60):
        QApplication.processEvents()
        outcome = agenda.outcome
        name = outcome.path.name if outcome is not None else ""
        stage = window.document.stage
        telling = FIRST_TELLING_STAGE.get(name, 99)
        # Every case is an unknown one while unknown-case mode is on, whatever the agenda says.
        assert window.document.unknown
        if stage < telling:
            shown = everything(window)
            assert leaks(shown) == [], (agenda.case, agenda.on_title, stage, leaks(shown))
            if outcome is not None and outcome.path.name == PL7_FILE:
                qtbot.wait(20)
                assert images_shown(window) == []
            seen_stages.add((agenda.case, stage))
        if agenda.case == len(agenda.outcomes) - 1 and agenda.talk.index + 1 >= len(agenda.talk.steps):
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown)
    assert {(-1, 0), (0, 0), (0, 1), (1, 0)} <= seen_stages
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.presenting.conference is None

    # After the session: the agenda is what is recent, not its cases, and nothing names them.
    recent = window.preferences.recent_files()
    assert recent == [str(folder / AGENDA), str(folder / PL7_FILE), str(folder)]
    after = leaks(everything(window))
    assert after == [], "\n".join(after)
    assert leaks(menu_texts(window.menus.recent_menu)) == []
    assert leaks(settings_without_recent_paths(window)) == []
    # The figure that was withheld is there once the case is known: the checks above could see it.
    assert window.document.open(folder / PL7_FILE)
    window.menus.unknown.setChecked(False)
    window.selection.select("first-presentation")
    qtbot.waitUntil(lambda: bool(images_shown(window)))
    # And what a screen reader reads names the diagnosis now: the walk above reaches the timeline's events.
    assert leaks(accessible_texts(QAccessible.queryAccessibleInterface(window)))
