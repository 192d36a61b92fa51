"""File › Export in the main window: timeline as PNG or SVG, handout as PDF, and a session's handout.

The handouts are written from the presenter's console during a talk too (`export_handout`,
`export_session_handout`), with the same withholding.

The PNG, SVG and PDF modules (and QtSvg) are imported when an export is chosen.
A handout takes a while for a long record: its figures are decoded first, on the
thread pool, then it is laid out and written on the GUI thread, which goes on
handling events between its steps, under a window-modal progress dialog whose
Cancel stops it and leaves no file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QProgressDialog, QWidget

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.record.atomic import WriteError
from viewer.ui.document import Document
from viewer.ui.look import Look
from viewer.ui.msgbox import message

if TYPE_CHECKING:
    from viewer.export.figures import Decoded
    from viewer.export.pdf import Progress
    from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
    from viewer.ui.handout_figures import Wanted

Presented = Callable[[], "tuple[LoadedAgenda, list[AgendaCaseOutcome], bool] | None"]
"""The agenda being presented, its cases as read and whether every case is withheld, or None when none is."""

MENU_NAME = "export_menu"
NEUTRAL_STEM = "case"
"""The suggested file name's stem while something is withheld: a record's file name may name the diagnosis."""
PROGRESS_STEPS = 1000
"""Steps of the progress bar: the exporter reports the part done as a fraction."""
PROGRESS_DELAY_MS = 500
"""How long an export runs before its progress dialog appears: a short one never shows it."""
FIGURES_SHARE = 0.3
"""The part of the progress bar that decoding a handout's figures takes, when it has any."""
SESSION_STEM = "session"
"""The suggested session handout's stem in unknown-case mode, whatever the agenda's file is named."""
TOLD_MS = 8000
"""How long the window's status bar says how an export went."""


class Export(NamedTuple):
    """What an export needs: the case as shown and its file, the theme, the window it is asked in
    (its dialogs' parent), the agenda being presented, if any, and where to say how it went."""

    document: Document
    look: Look
    window: QWidget
    presented: Presented
    tell: Callable[[str], object]


def on_status_bar(window: QMainWindow) -> Callable[[str], object]:
    """Where an export from `window` says how it went: its status bar, for a while."""
    return lambda text: window.statusBar().showMessage(text, TOLD_MS)


def add_export_menu(
    file_menu: QMenu, document: Document, look: Look, window: QMainWindow, presented: Presented = lambda: None
) -> QMenu:
    """Add File › Export to `window`'s `file_menu` (above its last separator, so Quit stays last) and
    return it: it exports `document` as shown, the timeline in `look`'s theme, and a session's
    handout: of the agenda `presented` names, or else of an agenda file the user chooses.

    Calling it again returns the menu already there, so it may run each time the File menu opens.
    """
    existing = file_menu.findChild(QMenu, MENU_NAME)
    if isinstance(existing, QMenu):
        return existing
    menu = QMenu("&Export", file_menu)
    menu.setObjectName(MENU_NAME)
    export = Export(document, look, window, presented, on_status_bar(window))
    for scale in (1, 2, 3):
        action = menu.addAction(f"Timeline as &PNG ({scale}×)…")
        action.triggered.connect(partial(_on_export_png, export, scale))
    menu.addAction("Timeline as &SVG…").triggered.connect(partial(_on_export_svg, export))
    menu.addSeparator()
    menu.addAction("&Handout as PDF…").triggered.connect(partial(export_handout, export))
    menu.addAction("Session Hand&out…").triggered.connect(partial(export_session_handout, export))
    separators = [action for action in file_menu.actions() if action.isSeparator()]
    if separators:
        file_menu.insertMenu(separators[-1], menu)
    else:
        file_menu.addMenu(menu)
    return menu


def _target(export: Export, disclosure: Disclosure, caption: str, suffix: str, kind: str) -> str:
    """The path the user picks for an export, with its suffix; "" when cancelled."""
    stem = NEUTRAL_STEM
    path = export.document.path
    if disclosure.complete and path is not None:
        stem = path.name.split(".")[0] or NEUTRAL_STEM
    return _save_name(export.window, caption, stem, suffix, kind, withholding=not disclosure.complete)


def _save_name(window: QWidget, caption: str, stem: str, suffix: str, kind: str, withholding: bool) -> str:
    """The path the user picks, offered as `stem`-`kind`.`suffix` in their documents; "" when cancelled.

    While something is withheld a folder is chosen instead and the file is given the offered name:
    a save dialog lists the files beside it, whose names may give the answer to the room."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    offered = f"{stem}-{kind}.{suffix}"
    if withholding:
        chosen = QFileDialog.getExistingDirectory(window, f"{caption} to a Folder", folder)
        if not chosen:
            return ""
        target = Path(chosen) / offered
        if target.exists() and not _may_replace(window, caption, offered):
            return ""
        return str(target)
    name, _ = QFileDialog.getSaveFileName(
        window, caption, str(Path(folder) / offered), f"{suffix.upper()} files (*.{suffix})"
    )
    if name and not name.lower().endswith(f".{suffix}"):
        name += f".{suffix}"
    return name


def _may_replace(window: QWidget, caption: str, name: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(window, caption, f"That folder already holds {name}. Replace it?")
    return answer == QMessageBox.StandardButton.Yes


def _run(
    export: Export, caption: str, suffix: str, kind: str, write: Callable[[ShownCase, Disclosure, str], object]
) -> None:
    """Ask for the target and write it; `write` returns False when the user stopped it."""
    disclosure, shown = export.document.disclosure, export.document.shown
    if disclosure is None or shown is None:
        return
    name = _target(export, disclosure, caption, suffix, kind)
    if not name:
        return
    _write(export, name, not disclosure.complete, lambda: write(shown, disclosure, name))


def _write(export: Export, name: str, withholding: bool, write: Callable[[], object]) -> None:
    """Write `name` and say how it went, naming the file alone while something is `withholding` (its
    folders' names may give the answer); `write` returns False when the user stopped it."""
    told = Path(name).name if withholding else name
    try:
        written = write()
    except WriteError as error:
        text = f"The export was not written; any file already at that path is unchanged.\n\n{error}"
        message(export.window, "Export failed", text, warning=True).open()
        return
    if written is False:
        export.tell(f"Export cancelled; nothing was written to {told}")
        return
    export.tell(f"Exported {told}")


def _on_export_png(export: Export, scale: int, _checked: bool = False) -> None:
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


def _on_export_svg(export: Export, _checked: bool = False) -> None:
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


def _write_handout(
    window: QWidget, title: str, records: list[Wanted], write: Callable[[list[Decoded], Progress], object]
) -> bool:
    """Decode the `records`' figures on the thread pool, then `write` the handout with them, under a
    progress dialog titled `title`; False when its Cancel stopped it (nothing is written then)."""
    from viewer.export.pdf import ExportCancelledError
    from viewer.ui.handout_figures import decode_in_pool

    dialog = QProgressDialog("Writing the handout…", "Cancel", 0, PROGRESS_STEPS, window)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    share = FIGURES_SHARE if any(wanted for wanted, _ in records) else 0.0

    def progress(done: float) -> bool:
        # Once shown, the window-modal dialog handles events itself as its value is set; until
        # then the window must not take input, so only timers, paints and the like are handled.
        if not dialog.isVisible():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        dialog.setValue(min(PROGRESS_STEPS - 1, round((share + (1 - share) * done) * PROGRESS_STEPS)))
        return not dialog.wasCanceled()

    try:
        decoded = decode_in_pool(records, dialog, share)
        if decoded is None:
            return False
        write(decoded, progress)
    except ExportCancelledError:
        return False
    finally:
        dialog.close()
        dialog.deleteLater()
    return True


def export_handout(export: Export, _checked: bool = False) -> None:
    """The handout of the case as shown: what is withheld on screen is withheld in it."""
    from viewer.draw.theme import THEMES
    from viewer.export.figures import wanted_figures
    from viewer.export.pdf import PRINT_THEME, export_pdf

    path = export.document.path
    folder = None if path is None else path.parent

    def write(shown: ShownCase, disclosure: Disclosure, name: str) -> bool:
        def handout(decoded: list[Decoded], progress: Progress) -> None:
            # Paper is white whatever the screen shows: the handout prints in the light theme.
            theme = THEMES[PRINT_THEME]
            export_pdf(shown, disclosure, name, theme, progress=progress, folder=folder, figures=decoded[0])

        records: list[Wanted] = [(wanted_figures(shown, disclosure), folder)]
        return _write_handout(export.window, "Export Handout as PDF", records, handout)

    _run(export, "Export Handout as PDF", "pdf", "handout", write)


def export_session_handout(export: Export, _checked: bool = False) -> None:
    """The handout of the agenda being presented, or else of one the user chooses: its cases withheld
    as on screen (an unknown entry's, and every one in a talk begun in unknown-case mode, or in
    unknown-case mode outside a talk)."""
    from viewer.draw.theme import THEMES
    from viewer.export.agenda_pdf import export_agenda_pdf, shown_cases
    from viewer.export.figures import wanted_figures
    from viewer.export.pdf import PRINT_THEME

    window, document = export.window, export.document
    presented = export.presented()
    if presented is None:
        chosen = _read_agenda(export)
        if chosen is None:
            return
        presented = (*chosen, document.unknown)
    agenda, outcomes, unknown = presented
    # A case presented unknown withholds its answer from the file dialog's list of names too.
    withholding = unknown or any(outcome.entry.unknown for outcome in outcomes)
    stem = SESSION_STEM if unknown else agenda.path.name.removesuffix(".yaml").removesuffix(".agenda") or SESSION_STEM
    name = _save_name(window, "Export Session Handout", stem, "pdf", "handout", withholding=withholding)
    if not name:
        return
    cases = shown_cases(outcomes, unknown=unknown)
    indices = list(cases)
    records: list[Wanted] = [(wanted_figures(*cases[index]), outcomes[index].path.parent) for index in indices]

    def handout(decoded: list[Decoded], progress: Progress) -> None:
        figures = dict(zip(indices, decoded, strict=True))
        theme = THEMES[PRINT_THEME]
        export_agenda_pdf(agenda, outcomes, name, theme, unknown=unknown, progress=progress, figures=figures)

    _write(export, name, withholding, lambda: _write_handout(window, "Export Session Handout", records, handout))


def _read_agenda(export: Export) -> tuple[LoadedAgenda, list[AgendaCaseOutcome]] | None:
    """The agenda the user chooses and its cases, read as a case is opened; None when none is
    chosen or it cannot be read (which is told)."""
    from viewer.content.wording import visible_name
    from viewer.record.agenda import agenda_cases, load_agenda
    from viewer.record.problems import RecordError
    from viewer.ui.agenda_choice import choose_agenda
    from viewer.ui.msgbox import problems_word, show_problems

    document = export.document
    name = choose_agenda(export.window, document, "Export Session Handout")
    if not name:
        return None
    try:
        loaded = load_agenda(name)
    except RecordError as error:
        problems = [str(problem) for problem in error.problems]
        if document.unknown:
            # The problems quote the agenda's text, which names its cases' files.
            text = (
                f"The agenda has {problems_word(len(problems))}; no handout was written. "
                "Turn off Unknown Case (Ctrl+U) to see them."
            )
            message(export.window, "Agenda not read", text, warning=True).open()
        else:
            show_problems(export.window, visible_name(name), problems)
        return None
    return loaded, agenda_cases(loaded, document.read)
