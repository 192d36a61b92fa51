"""The library's menu actions: File › Open Folder…, File › Clear Library Index, View › Back to Library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from viewer.ui.msgbox import message

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow

OPEN_FOLDER_KEY = "Ctrl+Shift+O"
BACK_KEY = "Alt+Left"


class LibraryActions(QObject):
    """Adds the library's actions to `window`'s menus, beside the ones they belong with."""

    def __init__(self, window: MainWindow, file_menu: QMenu, view_menu: QMenu, open_action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self.open_folder = QAction("Open &Folder…", self)
        self.open_folder.setShortcut(QKeySequence(OPEN_FOLDER_KEY))
        self.open_folder.triggered.connect(self._on_open_folder)
        actions = file_menu.actions()
        # Right after Open…, which is never the last (Quit is).
        file_menu.insertAction(actions[actions.index(open_action) + 1], self.open_folder)
        self.back = QAction("&Back to Library", self)
        self.back.setShortcut(QKeySequence(BACK_KEY))
        self.back.setEnabled(False)
        self.back.triggered.connect(window.show_library)
        view_menu.insertAction(view_menu.actions()[0], self.back)
        view_menu.insertSeparator(view_menu.actions()[1])
        self.clear_index = QAction("Clear &Library Index", self)
        self.clear_index.triggered.connect(self._on_clear_index)
        quit_action = file_menu.actions()[-1]
        file_menu.insertAction(quit_action, self.clear_index)
        file_menu.insertSeparator(quit_action)

    @Slot()
    def _on_open_folder(self) -> None:
        window = self._window
        start = str(window.library.folder) if window.library is not None and window.library.folder else ""
        from PySide6.QtWidgets import QFileDialog  # named at first use: PySide creates its enums then

        # The dialog lists folders only: in unknown-case mode no record's file name shows.
        name = QFileDialog.getExistingDirectory(window, "Open a Folder of Case Records", start)
        if name:
            window.open_folder(name)

    @Slot()
    def _on_clear_index(self) -> None:
        problem = self._window.clear_library_index()
        text = problem or (
            "The library index is deleted. It held the titles, item counts and search words of the case records "
            "in the folders opened; it is built again when a folder is next opened."
        )
        message(self._window, "Clear Library Index", text, warning=bool(problem)).open()
