"""File › Export in the main window: timeline as PNG or SVG, handout as PDF.

The PNG, SVG and PDF modules (and QtSvg) are imported when an export is chosen.
A handout takes a while for a long record: it is written on the GUI thread, which
goes on handling events between its steps, under a window-modal progress dialog
whose Cancel stops it and leaves no file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QProgressDialog

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase, show
from viewer.record.atomic import WriteError

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow

MENU_NAME = "export_menu"
NEUTRAL_STEM = "case"
"""The suggested file name's stem while something is withheld: a record's file name may name the diagnosis."""
PROGRESS_STEPS = 1000
"""Steps of the progress bar: the exporter reports the part done as a fraction."""
PROGRESS_DELAY_MS = 500
"""How long an export runs before its progress dialog appears: a short one never shows it."""


def add_export_menu(window: MainWindow, file_menu: QMenu) -> QMenu:
    """Add File › Export (above the menu's last separator, so Quit stays last) and return it.

    Calling it again returns the menu already there, so it may run each time the File menu opens.
    """
    existing = file_menu.findChild(QMenu, MENU_NAME)
    if isinstance(existing, QMenu):
        return existing
    menu = QMenu("&Export", file_menu)
    menu.setObjectName(MENU_NAME)
    for scale in (1, 2, 3):
        action = menu.addAction(f"Timeline as &PNG ({scale}×)…")
        action.triggered.connect(partial(_on_export_png, window, scale))
    menu.addAction("Timeline as &SVG…").triggered.connect(partial(_on_export_svg, window))
    menu.addSeparator()
    menu.addAction("&Handout as PDF…").triggered.connect(partial(_on_export_pdf, window))
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    if separators:
        file_menu.insertMenu(separators[-1], menu)
    else:
        file_menu.addMenu(menu)
    return menu


def _target(window: MainWindow, disclosure: Disclosure, caption: str, suffix: str, kind: str) -> str:
    """The path the user picks for an export, with its suffix; "" when cancelled."""
    stem = NEUTRAL_STEM
    if disclosure.complete and window.path is not None:
        stem = window.path.name.split(".")[0] or NEUTRAL_STEM
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / f"{stem}-{kind}.{suffix}")
    name, _ = QFileDialog.getSaveFileName(window, caption, suggested, f"{suffix.upper()} files (*.{suffix})")
    if name and not name.lower().endswith(f".{suffix}"):
        name += f".{suffix}"
    return name


def _run(
    window: MainWindow, caption: str, suffix: str, kind: str, write: Callable[[ShownCase, Disclosure, str], object]
) -> None:
    """Ask for the target and write it; `write` returns False when the user stopped it."""
    disclosure = window.disclosure
    if disclosure is None:
        return
    name = _target(window, disclosure, caption, suffix, kind)
    if not name:
        return
    try:
        written = write(show(disclosure.record), disclosure, name)
    except WriteError as error:
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Export failed")
        # Paths and record text are shown as written, never read as markup.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"The export was not written; any file already at that path is unchanged.\n\n{error}")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    if written is False:
        window.statusBar().showMessage(f"Export cancelled; nothing was written to {name}", 8000)
        return
    window.statusBar().showMessage(f"Exported {name}", 8000)


def _on_export_png(window: MainWindow, scale: int, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.png import export_png

    theme = THEMES[window.theme_name]
    _run(
        window,
        f"Export Timeline as PNG ({scale}×)",
        "png",
        "timeline",
        lambda shown, disclosure, name: export_png(shown, disclosure, name, theme, scale),
    )


def _on_export_svg(window: MainWindow, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.svg import export_svg

    theme = THEMES[window.theme_name]
    _run(
        window,
        "Export Timeline as SVG",
        "svg",
        "timeline",
        lambda shown, disclosure, name: export_svg(shown, disclosure, name, theme),
    )


def _on_export_pdf(window: MainWindow, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.pdf import PRINT_THEME, ExportCancelledError, export_pdf

    def write(shown: ShownCase, disclosure: Disclosure, name: str) -> bool:
        dialog = QProgressDialog("Writing the handout…", "Cancel", 0, PROGRESS_STEPS, window)
        dialog.setWindowTitle("Export Handout as PDF")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)

        def progress(done: float) -> bool:
            # Once shown, the window-modal dialog handles events itself as its value is set; until
            # then the window must not take input, so only timers, paints and the like are handled.
            if not dialog.isVisible():
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            dialog.setValue(min(PROGRESS_STEPS - 1, round(done * PROGRESS_STEPS)))
            return not dialog.wasCanceled()

        try:
            # Paper is white whatever the screen shows: the handout prints in the light theme.
            export_pdf(shown, disclosure, name, THEMES[PRINT_THEME], progress=progress)
        except ExportCancelledError:
            return False
        finally:
            dialog.close()
            dialog.deleteLater()
        return True

    _run(window, "Export Handout as PDF", "pdf", "handout", write)
