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
from typing import NamedTuple

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QProgressDialog

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.record.atomic import WriteError
from viewer.ui.document import Document
from viewer.ui.look import Look
from viewer.ui.msgbox import message

MENU_NAME = "export_menu"
NEUTRAL_STEM = "case"
"""The suggested file name's stem while something is withheld: a record's file name may name the diagnosis."""
PROGRESS_STEPS = 1000
"""Steps of the progress bar: the exporter reports the part done as a fraction."""
PROGRESS_DELAY_MS = 500
"""How long an export runs before its progress dialog appears: a short one never shows it."""


class _Export(NamedTuple):
    """What an export needs: the case as shown and its file, the theme, and the window it is asked in."""

    document: Document
    look: Look
    window: QMainWindow


def add_export_menu(file_menu: QMenu, document: Document, look: Look, window: QMainWindow) -> QMenu:
    """Add File › Export to `window`'s `file_menu` (above its last separator, so Quit stays last) and
    return it: it exports `document` as shown, the timeline in `look`'s theme.

    Calling it again returns the menu already there, so it may run each time the File menu opens.
    """
    existing = file_menu.findChild(QMenu, MENU_NAME)
    if isinstance(existing, QMenu):
        return existing
    menu = QMenu("&Export", file_menu)
    menu.setObjectName(MENU_NAME)
    export = _Export(document, look, window)
    for scale in (1, 2, 3):
        action = menu.addAction(f"Timeline as &PNG ({scale}×)…")
        action.triggered.connect(partial(_on_export_png, export, scale))
    menu.addAction("Timeline as &SVG…").triggered.connect(partial(_on_export_svg, export))
    menu.addSeparator()
    menu.addAction("&Handout as PDF…").triggered.connect(partial(_on_export_pdf, export))
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    if separators:
        file_menu.insertMenu(separators[-1], menu)
    else:
        file_menu.addMenu(menu)
    return menu


def _target(export: _Export, disclosure: Disclosure, caption: str, suffix: str, kind: str) -> str:
    """The path the user picks for an export, with its suffix; "" when cancelled."""
    stem = NEUTRAL_STEM
    path = export.document.path
    if disclosure.complete and path is not None:
        stem = path.name.split(".")[0] or NEUTRAL_STEM
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / f"{stem}-{kind}.{suffix}")
    name, _ = QFileDialog.getSaveFileName(export.window, caption, suggested, f"{suffix.upper()} files (*.{suffix})")
    if name and not name.lower().endswith(f".{suffix}"):
        name += f".{suffix}"
    return name


def _run(
    export: _Export, caption: str, suffix: str, kind: str, write: Callable[[ShownCase, Disclosure, str], object]
) -> None:
    """Ask for the target and write it; `write` returns False when the user stopped it."""
    disclosure, shown = export.document.disclosure, export.document.shown
    if disclosure is None or shown is None:
        return
    name = _target(export, disclosure, caption, suffix, kind)
    if not name:
        return
    window = export.window
    try:
        written = write(shown, disclosure, name)
    except WriteError as error:
        text = f"The export was not written; any file already at that path is unchanged.\n\n{error}"
        message(window, "Export failed", text, warning=True).open()
        return
    if written is False:
        window.statusBar().showMessage(f"Export cancelled; nothing was written to {name}", 8000)
        return
    window.statusBar().showMessage(f"Exported {name}", 8000)


def _on_export_png(export: _Export, scale: int, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.png import export_png

    theme = THEMES[export.look.theme_name]
    _run(
        export,
        f"Export Timeline as PNG ({scale}×)",
        "png",
        "timeline",
        lambda shown, disclosure, name: export_png(shown, disclosure, name, theme, scale),
    )


def _on_export_svg(export: _Export, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.svg import export_svg

    theme = THEMES[export.look.theme_name]
    _run(
        export,
        "Export Timeline as SVG",
        "svg",
        "timeline",
        lambda shown, disclosure, name: export_svg(shown, disclosure, name, theme),
    )


def _on_export_pdf(export: _Export, _checked: bool = False) -> None:
    from viewer.draw.theme import THEMES
    from viewer.export.pdf import PRINT_THEME, ExportCancelledError, export_pdf

    def write(shown: ShownCase, disclosure: Disclosure, name: str) -> bool:
        dialog = QProgressDialog("Writing the handout…", "Cancel", 0, PROGRESS_STEPS, export.window)
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
            path = export.document.path
            folder = None if path is None else path.parent
            export_pdf(shown, disclosure, name, THEMES[PRINT_THEME], progress=progress, folder=folder)
        except ExportCancelledError:
            return False
        finally:
            dialog.close()
            dialog.deleteLater()
        return True

    _run(export, "Export Handout as PDF", "pdf", "handout", write)
