"""The main window: the case page and the library page, the menus, and the room's view during a talk."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from viewer.ui.actions import MenuActions
from viewer.ui.case_page import CasePage
from viewer.ui.document import Document
from viewer.ui.library.actions import LibraryActions
from viewer.ui.library.page import LibraryPage
from viewer.ui.look import Look
from viewer.ui.msgbox import tell_not_opened
from viewer.ui.presenting import Presenting
from viewer.ui.selection import Selection
from viewer.ui.settings import Preferences

if TYPE_CHECKING:
    from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
    from viewer.ui.conference.agenda_talk import Slide
    from viewer.ui.conference.mode import ConferenceMode
    from viewer.ui.conference.overlay import CoverOverlay
    from viewer.ui.conference.slide import TitleSlideView
    from viewer.ui.conference.stage_figure import StageFigure
    from viewer.ui.library.view import LibraryView

DEFAULT_SIZE = (1280, 860)
"""The window's size on first start, before the user has chosen one."""
FOLD_LINES = 40
"""A window fewer lines of text tall than this folds the header: the title to a line, the patient and
citation to another."""


class MainWindow(QMainWindow):
    """Shows the `document`'s case (the `case_page`), or the library of a folder of cases; presents a
    talk (`presenting`). Every view follows the one `selection`; the `look` dresses them."""

    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or Preferences()
        self.selection = Selection(self)
        self.document = Document(self.preferences, self)
        self.look = Look(self.preferences, self)
        self.overlay: CoverOverlay | None = None
        self.slide: TitleSlideView | None = None
        self._init_pages()
        self.presenting = Presenting(self)
        self.menus = MenuActions(
            self,
            self.document,
            self.look,
            self.preferences,
            self.start_conference,
            self.present_agenda,
            self.open_folder,
            self.presented_agenda,
        )
        self.library_actions = LibraryActions(self, self.menus.file_menu, self.menus.view_menu, self.menus.open_action)
        self._connect_signals()
        self.look.apply()
        saved = self.preferences.geometry()
        if saved is None or not (self.restoreGeometry(saved[0]) and self.restoreState(saved[1])):
            self.resize(*DEFAULT_SIZE)
        self.panes.restore(self.preferences.panes())
        if self.preferences.notice:
            self.statusBar().showMessage(self.preferences.notice)

    def _init_pages(self) -> None:
        page = self.case_page = CasePage(self.document, self.selection)
        # The case page's parts, by the names the window has always given them.
        self.header, self.banner, self.timeline = page.header, page.banner, page.timeline
        self.models, self.views, self.source_view = page.models, page.views, page.source_view
        self.tabs, self.detail, self.figures = page.tabs, page.detail, page.figures
        self.panes, self.back_button = page.panes, page.back_button
        self.addActions(page.tab_actions)
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.library_page = LibraryPage(self.document, self.preferences, self.pages)

    def _connect_signals(self) -> None:
        self.document.disclosure_changed.connect(self._on_disclosure_changed)
        self.document.open_failed.connect(self._on_open_failed)
        self.look.changed.connect(self._on_look_changed)
        self.panes.resized.connect(self._fit_panes)
        self.back_button.clicked.connect(self.show_library)
        self.library_page.case_opened.connect(self.show_case)
        self.library_page.title_changed.connect(self._on_library_title_changed)
        self.menus.show_unquoted.toggled.connect(self.source_view.set_show_unquoted)
        self.source_view.set_show_unquoted(self.menus.show_unquoted.isChecked())
        self.source_view.sentence_chosen.connect(self.detail.show_sentence)

    @property
    def library(self) -> LibraryView | None:
        """The library view, made when a folder is first opened (it brings SQLite)."""
        return self.library_page.view

    @property
    def stage_figure(self) -> StageFigure | None:
        """A step's figure, large in the room's view; made for the first talk."""
        return self.case_page.stage_figure

    @Slot()
    def _on_disclosure_changed(self) -> None:
        disclosure = self.document.disclosure
        assert disclosure is not None
        if self.pages.currentWidget() is self.case_page:
            self.setWindowTitle(f"{disclosure.title} — Case Viewer")

    @Slot(str, list)
    def _on_open_failed(self, name: str, problems: list[str]) -> None:
        tell_not_opened(self, name, problems, self.document.unknown)

    # The pages

    def open_folder(self, folder: str | Path) -> LibraryView:
        """Show the library of the case records under `folder`; the first scan runs on another thread."""
        library = self.library_page.open_folder(folder)
        self.show_library()
        return library

    def clear_library_index(self) -> str:
        """Delete the library index file; a problem in words, or "" when it is gone."""
        return self.library_page.clear_index()

    @Slot()
    def show_library(self) -> None:
        """Back to the library, its search and scroll as they were; nothing happens when none is open."""
        if self.library is None or self.presenting.conference is not None:
            return
        self.pages.setCurrentWidget(self.library)
        self.back_button.hide()
        self.setWindowTitle(f"{self.library_page.title} — Case Viewer")
        self.library.table.setFocus()
        self.library_actions.back.setEnabled(False)

    @Slot()
    def show_case(self) -> None:
        self.pages.setCurrentWidget(self.case_page)
        self.back_button.setVisible(self.library is not None)
        self.library_actions.back.setEnabled(self.library is not None)
        if self.document.disclosure is not None:
            self.setWindowTitle(f"{self.document.disclosure.title} — Case Viewer")

    @Slot()
    def _on_library_title_changed(self) -> None:
        if self.pages.currentWidget() is self.library:
            self.show_library()

    @Slot()
    def _on_look_changed(self) -> None:
        theme = self.look.theme
        self.header.set_font(self.font())
        self.banner.set_look(theme, self.font())
        self.timeline.set_theme(theme)
        self._fit_header()
        self._fit_panes()

    def _fit_header(self) -> None:
        # Only while the tabs show: the room's view has the height for the whole title.
        short = self.height() < FOLD_LINES * self.fontMetrics().height()
        self.header.set_folded(short and not self.tabs.isHidden())

    @Slot()
    def _fit_panes(self) -> None:
        self.case_page.fit_panes()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._fit_header()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the splitter's own first layout, which would undo sizes set now.
        QTimer.singleShot(0, self, self._fit_panes)

    # Talks

    def start_conference(self, screen: int | None = None) -> ConferenceMode | None:
        """Start conference mode on the open case; None when no case is open or a talk runs."""
        return self.presenting.start_conference(screen)

    def present_agenda(
        self,
        path: str | Path,
        screen: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        raw: bytes | None = None,
    ) -> ConferenceMode | None:
        """Present the agenda at `path` as one talk (Presenting.present_agenda)."""
        return self.presenting.present_agenda(path, screen, clock, raw)

    def presented_agenda(self) -> tuple[LoadedAgenda, list[AgendaCaseOutcome], bool] | None:
        """The agenda being presented, its cases as read, and whether every case is withheld; None when none is."""
        return self.presenting.presented_agenda()

    def set_conference_view(self, text_px: int | None) -> None:
        """The room's view with body text `text_px` pixels tall, or back to the author's (None).

        The menus hide, and the case page shows what the room reads (CasePage.set_for_room): the selected
        item large; the tabs keep following and return afterwards."""
        for_room = text_px is not None
        self.menuBar().setVisible(not for_room)
        self.case_page.set_for_room(for_room)
        self._fit_header()
        self.set_cover("")
        self.look.set_projector(text_px)
        # Now, not when the layout's request is posted: the least size the new type needs bounds any
        # geometry set next.
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def set_cover(self, cover: str) -> None:
        """Cover the view: "black", "white", "help" (the presenter's keys), or "" for none."""
        if self.overlay is None:
            # Made for the first talk, and kept: it only shows while it covers.
            from viewer.ui.conference.overlay import CoverOverlay

            self.overlay = CoverOverlay(self)
        self.overlay.set_cover(cover)

    def set_slide(self, slide: Slide | None) -> None:
        """Show an agenda's title slide over the view, or none."""
        if self.slide is None:
            if slide is None:
                return
            from viewer.ui.conference.slide import TitleSlideView

            self.slide = TitleSlideView(self)
        self.slide.set_slide(slide)
        if self.overlay is not None and self.overlay.cover:
            self.overlay.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.presenting.stop()
        self.preferences.set_geometry(self.saveGeometry(), self.saveState())
        self.preferences.set_panes(self.panes.saveState())
        super().closeEvent(event)
