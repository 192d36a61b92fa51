"""The main window's menus and what their actions do, made outside the window."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from viewer import __version__
from viewer.content.wording import visible_name
from viewer.draw.theme import THEMES
from viewer.ui.document import Document
from viewer.ui.look import Look
from viewer.ui.msgbox import message
from viewer.ui.settings import Preferences

if TYPE_CHECKING:
    from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda

Key = QKeySequence.StandardKey | str

SHORTCUTS: list[tuple[str, Key]] = [
    ("Open a case record", QKeySequence.StandardKey.Open),
    ("Open a folder of case records (the library)", "Ctrl+Shift+O"),
    ("Back to the library", "Alt+Left"),
    ("Reload the case record", "Ctrl+R"),
    ("Quit", QKeySequence.StandardKey.Quit),
    ("Text bigger / smaller / reset", "Ctrl++  /  Ctrl+-  /  Ctrl+0"),
    ("Full screen", QKeySequence.StandardKey.FullScreen),
    ("Unknown case on / off", "Ctrl+U"),
    ("Present (conference mode; ? lists its keys, Esc leaves)", "F5"),
    ("In a talk: the handout (in an agenda the session's) / this case's", "H / Shift+H"),
    ("Timeline: previous / next event", "Left / Right"),
    ("Timeline: lane above / below", "Up / Down"),
    ("Timeline: open the focused event", "Enter"),
    ("Timeline: zoom in / out, fit all", "+ / -, 0 or Home (Ctrl+wheel zooms, drag pans)"),
    ("Next / previous tab", "Ctrl+Tab / Ctrl+Shift+Tab"),
]

# Some desktops bind no key to these standard actions; these are the common ones.
STANDARD_FALLBACKS = {QKeySequence.StandardKey.Quit: "Ctrl+Q", QKeySequence.StandardKey.FullScreen: "F11"}

ABOUT = (
    f"Case Viewer {__version__}\n\n"
    "Clinical case reports as tabs around an honest, clickable timeline. "
    "Every item shows the source words it rests on. Works offline."
)


def care_text(document: Document) -> str:
    """The CARE checklist of the case `document` shows, as Help › CARE Checklist words it: what covers
    each item only when nothing is withheld (ids can name the diagnosis)."""
    disclosure = document.disclosure
    if disclosure is None:
        return "No case is open."
    from viewer.content.care import care_checklist, care_lines

    lines = care_lines(care_checklist(disclosure.record), with_sources=disclosure.complete)
    head = f"What “{disclosure.title}” covers of the 13 items of the CARE case-report guideline:"
    return "\n".join([head, "", *lines[:-1], "", lines[-1]])


def folder_name(path: str, unknown: bool) -> str:
    """How a library folder is named in a menu; in unknown-case mode not by its name, which may say
    what its one case is."""
    return "a folder of case records" if unknown else f"{visible_name(path)} (folder)"


def agenda_name(path: str, unknown: bool, title: str) -> str:
    """How a recent agenda is named in a menu; in unknown-case mode by its `title` ("" when not known), not
    by its file's name, which may say what one of its cases is."""
    if not unknown:
        return f"{visible_name(path)} (agenda)"
    return f"the agenda “{title}”" if title else "an agenda"


def key_text(key: Key) -> str:
    """The key for `key`: the platform's own binding for a standard action, else the common one."""
    if isinstance(key, str):
        return key
    bindings = QKeySequence.keyBindings(key)
    if bindings:
        return bindings[0].toString()
    return STANDARD_FALLBACKS.get(key, "")


class MenuActions(QObject):
    """File, View and Help in `window`'s menu bar. The actions work on `document` (open, reload, unknown
    case), on `look` (theme, text size) and on `window` (quit, full screen); Present calls
    `start_conference`, Present Agenda… and a recent agenda `present_agenda`, a recent folder (and
    Open… in unknown-case mode) `open_folder`. Checkable actions follow the state they show: the
    unknown-case action follows the document, the theme actions the look; File › Export › Session
    Handout writes the agenda `presented` names, if any."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        look: Look,
        preferences: Preferences,
        start_conference: Callable[[], object],
        present_agenda: Callable[[str], object],
        open_folder: Callable[[str], object],
        presented: Callable[[], tuple[LoadedAgenda, list[AgendaCaseOutcome], bool] | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._look = look
        self._preferences = preferences
        self._start_conference = start_conference
        self._present_agenda = present_agenda
        self._open_folder = open_folder
        self._presented = presented
        bar = window.menuBar()

        file_menu = self.file_menu = bar.addMenu("&File")
        file_menu.aboutToShow.connect(self._on_file_menu)
        self.open_action = self._action(file_menu, "&Open…", self._on_open, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu)
        self._action(file_menu, "&Reload", document.reload, "Ctrl+R")
        self._action(file_menu, "Present &Agenda…", self._on_present_agenda)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)

        view_menu = self.view_menu = bar.addMenu("&View")
        self._action(view_menu, "Text &Bigger", look.bigger, QKeySequence.StandardKey.ZoomIn)
        self._action(view_menu, "Text &Smaller", look.smaller, QKeySequence.StandardKey.ZoomOut)
        self._action(view_menu, "&Reset Text Size", look.reset, "Ctrl+0")
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = theme_menu.addAction(name.capitalize())
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, n=name: look.set_theme(n))
            group.addAction(action)
            self.theme_actions[name] = action
        view_menu.addSeparator()
        self.full_screen = self._action(
            view_menu, "&Full Screen", self._on_full_screen, QKeySequence.StandardKey.FullScreen
        )
        self.full_screen.setCheckable(True)
        view_menu.addSeparator()
        self.unknown = self._action(view_menu, "&Unknown Case", None, "Ctrl+U")
        self.unknown.setCheckable(True)
        self.unknown.setChecked(document.unknown)
        # Toggled, not triggered: checking it from code is a way to turn the mode on too.
        self.unknown.toggled.connect(document.set_unknown)
        self._action(view_menu, "&Present", self._on_present, "F5")
        view_menu.addSeparator()
        # The author's view: which sentences of the source no item quotes yet.
        self.show_unquoted = self._action(view_menu, "Show Un&quoted Source", None)
        self.show_unquoted.setCheckable(True)
        self.show_unquoted.setChecked(preferences.show_unquoted())
        self.show_unquoted.toggled.connect(preferences.set_show_unquoted)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self._on_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&CARE Checklist", self._on_care)
        self._action(help_menu, "&About Case Viewer", self._on_about)

        document.unknown_changed.connect(self.unknown.setChecked)
        look.changed.connect(self._on_look_changed)
        self._on_look_changed()

    @staticmethod
    def _action(menu: QMenu, text: str, slot: Callable[..., object] | None, key: Key | None = None) -> QAction:
        action = menu.addAction(text)
        if isinstance(key, QKeySequence.StandardKey) and QKeySequence.keyBindings(key):
            action.setShortcuts(key)
        elif key is not None:
            action.setShortcut(QKeySequence(key_text(key)))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    @Slot()
    def _on_look_changed(self) -> None:
        self.theme_actions[self._look.theme_name].setChecked(True)

    @Slot()
    def _on_file_menu(self) -> None:
        # Export is imported when the File menu first opens, not at start-up.
        from viewer.ui.export_actions import add_export_menu

        add_export_menu(self.file_menu, self._document, self._look, self._window, self._presented)

    @Slot()
    def _on_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = self._document.path
        start = str(path.parent) if path else ""
        if self._document.unknown:
            # A file dialog lists the records' file names, which may give the answer: a folder is chosen
            # instead, and its library names each record by its unknown title.
            folder = QFileDialog.getExistingDirectory(self._window, "Open a Folder of Case Records", start)
            if folder:
                self._open_folder(folder)
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Open Case Record", start, "Case records (*.yaml *.yml);;All files (*)"
        )
        if name:
            self._document.open(name)

    @Slot()
    def _on_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        from viewer.record.agenda import AGENDA_SUFFIX

        recent = self._preferences.recent_files()
        unknown = self._document.unknown
        for number, path in enumerate(recent, start=1):
            opens: Callable[[str], object] = self._document.open
            if os.path.isdir(path):
                name, opens = folder_name(path, unknown), self._open_folder
            elif path.endswith(AGENDA_SUFFIX):
                title = self._preferences.unknown_title(path)
                name, opens = agenda_name(path, unknown, title), self._present_agenda
            else:
                name = self._document.name_for(path)
            # Literally as named: "&" would mark a shortcut letter and a tab start the shortcut column.
            action = menu.addAction(f"&{number} {name.replace('&', '&&')}")
            action.triggered.connect(lambda _checked=False, p=path, o=opens: o(p))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("Clear Menu").triggered.connect(self._preferences.clear_recent_files)

    @Slot()
    def _on_full_screen(self) -> None:
        window = self._window
        if window.isFullScreen():
            window.showNormal()
        else:
            window.showFullScreen()
        self.full_screen.setChecked(window.isFullScreen())

    @Slot()
    def _on_present(self) -> None:
        self._start_conference()

    @Slot()
    def _on_present_agenda(self) -> None:
        from viewer.ui.agenda_choice import choose_agenda

        name = choose_agenda(self._window, self._document, "Present Agenda")
        if name:
            self._present_agenda(name)

    @Slot()
    def _on_shortcuts(self) -> None:
        from viewer.ui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self._window, [(key_text(key), what) for what, key in SHORTCUTS]).open()

    @Slot()
    def _on_care(self) -> None:
        message(self._window, "CARE Checklist", care_text(self._document)).open()

    @Slot()
    def _on_about(self) -> None:
        message(self._window, "About Case Viewer", ABOUT).open()
