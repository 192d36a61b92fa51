"""The library page of the main window: its view, made when a folder is first opened, and the index it reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStackedWidget

from viewer.ui.document import Document
from viewer.ui.settings import Preferences

if TYPE_CHECKING:
    from viewer.record.library_index import LibraryIndex
    from viewer.ui.library.view import LibraryView


class LibraryPage(QObject):
    """The library among the window's `pages`. A record opened from its list is opened in `document`, and
    `case_opened()` says so; `title_changed()` says the page's `title` may read otherwise (unknown-case
    mode names no folder). The view and the index are made at first use: they bring SQLite."""

    case_opened = Signal()
    title_changed = Signal()

    def __init__(self, document: Document, preferences: Preferences, pages: QStackedWidget) -> None:
        super().__init__(pages)
        self._document = document
        self._preferences = preferences
        self._pages = pages
        self.view: LibraryView | None = None
        """The library view, made when a folder is first opened."""
        self._index: LibraryIndex | None = None

    @property
    def title(self) -> str:
        folder = None if self.view is None else self.view.folder
        return "Library" if self._document.unknown or folder is None else f"{folder.name} — Library"

    def open_folder(self, folder: str | Path) -> LibraryView:
        """List the case records under `folder` (the first scan runs on another thread) on the page, made now
        if need be; it is the window's to show."""
        from viewer.ui.library.view import LibraryView

        if self.view is None:
            self.view = LibraryView(self._library_index())
            self.view.open_requested.connect(self._on_open)
            self.view.listed.connect(self._on_listed)
            self.view.set_unknown(self._document.unknown)
            self._document.unknown_changed.connect(self._on_unknown)
            self._pages.addWidget(self.view)
        path = Path(folder).resolve()
        self._preferences.add_recent_file(str(path))
        self.view.set_index(self._library_index())
        self.view.open_folder(path)
        return self.view

    def _library_index(self) -> LibraryIndex:
        from PySide6.QtCore import QStandardPaths

        from viewer.record.library_index import INDEX_NAME, LibraryIndex

        if self._index is None:
            cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
            self._index = LibraryIndex(Path(cache) / INDEX_NAME if cache else None)
        return self._index

    def clear_index(self) -> str:
        """Delete the library index file; a problem in words, or "" when it is gone."""
        from PySide6.QtCore import QStandardPaths

        from viewer.record.library_index import INDEX_NAME, delete_index

        if self._index is not None:
            self._index.close()
            self._index = None
        cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        problem = ""
        try:
            if cache:
                delete_index(Path(cache) / INDEX_NAME)
        except OSError as error:
            problem = f"The library index could not be deleted: {error.strerror or error}"
        # Whether or not the file went, the index it was read through is closed: the view needs another.
        if self.view is not None:
            from viewer.record.library_index import LibraryIndex

            # The folder on screen stays listed and searchable, from memory, until a folder is opened again.
            self.view.set_index(LibraryIndex(None))
            if self.view.folder is not None:
                self.view.open_folder(self.view.folder)
        return problem

    @Slot(str)
    def _on_open(self, path: str) -> None:
        if self._document.open(path):
            self.case_opened.emit()

    @Slot()
    def _on_listed(self) -> None:
        assert self.view is not None
        # The entries' paths are under the resolved folder: resolving each again would cost a stat per part.
        self._document.unknown_titles.update(
            (entry.path, entry.unknown_title) for entry in self.view.model.entries if entry.unknown_title
        )

    @Slot(bool)
    def _on_unknown(self, unknown: bool) -> None:
        assert self.view is not None
        self.view.set_unknown(unknown)
        self.title_changed.emit()
