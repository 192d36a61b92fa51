"""The main window: header, timeline, tabs, the selected item and its source, built and wired."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.content.sections import SECTION_TAB, TAB_TITLES
from viewer.ui.actions import MenuActions
from viewer.ui.detail import DetailPanel
from viewer.ui.document import Document
from viewer.ui.figure_strip import FigureStrip
from viewer.ui.header import CaseHeader, ProblemsBanner
from viewer.ui.library.actions import LibraryActions
from viewer.ui.look import Look
from viewer.ui.selection import Selection
from viewer.ui.settings import Preferences
from viewer.ui.source_view import SourcePage, SourceView
from viewer.ui.tabs import ItemTreeView, SectionModels, TreatmentPage
from viewer.ui.timeline_widget import TimelineWidget

if TYPE_CHECKING:
    from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
    from viewer.record.library_index import LibraryIndex
    from viewer.ui.conference.agenda_talk import AgendaTalk, Slide
    from viewer.ui.conference.mode import ConferenceMode
    from viewer.ui.conference.overlay import CoverOverlay
    from viewer.ui.conference.slide import TitleSlideView
    from viewer.ui.conference.stage_figure import StageFigure
    from viewer.ui.library.view import LibraryView

DEFAULT_SIZE = (1280, 860)
"""The window's size on first start, before the user has chosen one."""
MARGINS = 9
"""The central layout's margins outside a talk."""
FOLD_LINES = 40
"""A window fewer lines of text tall than this folds the header's title and citation to a line each."""
TABLE_LINES = 6
"""Lines of a table's rows the timeline leaves room for, beyond the tabs' least height, in a short window."""
ROOM_MARGIN = 0.05
"""The part of the screen kept clear on each side while the room looks on: projectors crop it."""
STAGE_TIMELINE = 0.3
"""The part of the room's view the timeline keeps while a step's figure shows."""


class MainWindow(QMainWindow):
    """Shows the `document`'s case. Every view follows the one `selection`; the `look` dresses them."""

    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or Preferences()
        self.selection = Selection(self)
        self.document = Document(self.preferences, self)
        self.look = Look(self.preferences, self)
        self.overlay: CoverOverlay | None = None
        self.library: LibraryView | None = None
        """The library view, made when a folder is first opened (it brings SQLite)."""
        self._library_index: LibraryIndex | None = None
        self.stage_figure: StageFigure | None = None
        self._panes_before_figure: list[int] = []
        self.slide: TitleSlideView | None = None
        self._conference: ConferenceMode | None = None
        self._panes_chosen = False
        """Whether the user has sized the timeline against the tabs: then the window keeps their choice."""
        self._init_header()
        self._init_tabs()
        self._init_layout()
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
        panes = self.preferences.panes()
        self._panes_chosen = panes is not None and self.panes.restoreState(panes)
        if self.preferences.notice:
            self.statusBar().showMessage(self.preferences.notice)

    def _init_header(self) -> None:
        self.header = CaseHeader(self.document)
        self.banner = ProblemsBanner(self.document)

    def _init_tabs(self) -> None:
        self.models = SectionModels(self.document, self).models
        self.views = {
            section: ItemTreeView(model, self.selection, f"{section.capitalize()} list")
            for section, model in self.models.items()
        }
        self.source_view = SourceView(self.document, self.selection)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        treatment_page = TreatmentPage(self.views["treatments"], self.views["outcomes"])
        pages = [
            self.views["history"],
            self.views["findings"],
            self.views["serologies"],
            treatment_page,
            self.views["discussion"],
            SourcePage(self.source_view, self.document),
        ]
        for title, page in zip(TAB_TITLES, pages, strict=True):
            self.tabs.addTab(page, title)
        # The tab widget turns pages on Ctrl+Tab only while focus is inside it: these work from every
        # widget in the window, the timeline (where focus starts) included.
        for name, step, keys in (
            ("Next tab", 1, ["Ctrl+Tab"]),
            ("Previous tab", -1, ["Ctrl+Shift+Tab", "Ctrl+Shift+Backtab"]),
        ):
            action = QAction(name, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self._on_turn_tab(s))
            self.addAction(action)

    def _init_layout(self) -> None:
        self.timeline = TimelineWidget(self.selection)
        self.detail = DetailPanel(self.document, self.selection)
        self.figures = FigureStrip(self.document, self.selection)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.figures)
        lower = self._lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tabs)
        lower.addWidget(side)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        lower.setChildrenCollapsible(False)
        panes = self.panes = _Panes(Qt.Orientation.Vertical)
        panes.addWidget(self.timeline)
        panes.addWidget(lower)
        # Once the user has sized them, a third of any change of the window's height goes to the timeline.
        panes.setStretchFactor(0, 1)
        panes.setStretchFactor(1, 2)
        panes.setChildrenCollapsible(False)
        central = self.case_page = _Central()
        layout = self._central_layout = QVBoxLayout(central)
        self.back_button = QPushButton("◀ Library")
        self.back_button.setAccessibleName("Back to the library")
        self.back_button.setToolTip("Back to the library (Alt+Left)")
        self.back_button.clicked.connect(self.show_library)
        self.back_button.hide()
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(panes, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)

    def _connect_signals(self) -> None:
        self.document.case_changed.connect(self._on_case_changed)
        self.document.disclosure_changed.connect(self._on_disclosure_changed)
        self.document.open_failed.connect(self._on_open_failed)
        self.selection.changed.connect(self._on_selection_changed)
        self.look.changed.connect(self._on_look_changed)
        self.panes.splitterMoved.connect(self._on_panes_moved)
        self.panes.resized.connect(self._fit_panes)
        self.menus.show_unquoted.toggled.connect(self.source_view.set_show_unquoted)
        self.source_view.set_show_unquoted(self.menus.show_unquoted.isChecked())
        self.source_view.sentence_chosen.connect(self.detail.show_sentence)

    @Slot(bool)
    def _on_case_changed(self, keep_view: bool) -> None:
        shown = self.document.shown
        assert shown is not None
        view = self.timeline.view
        self.timeline.set_case(shown, self.document.labels)
        previous = self.selection.current if keep_view else ""
        self.selection.select(previous if previous in shown.items else "")
        if keep_view:
            self.timeline.view = view
        else:
            self._fit_panes()

    @Slot()
    def _on_disclosure_changed(self) -> None:
        disclosure = self.document.disclosure
        assert disclosure is not None
        self.timeline.set_labels(self.document.labels)
        self.timeline.set_figured(disclosure.figured())
        if self.pages.currentWidget() is self.case_page:
            self.setWindowTitle(f"{disclosure.title} — Case Viewer")

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self.document.find(item_id)
        if found is not None:
            self.tabs.setCurrentIndex(SECTION_TAB[found[0]])

    @Slot(int)
    def _on_turn_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    @Slot(str, list)
    def _on_open_failed(self, name: str, problems: list[str]) -> None:
        from viewer.ui.msgbox import message, problems_word, show_problems

        if not self.document.unknown:
            show_problems(self, name, problems)
            return
        # The problems quote the file's path and its text: in unknown-case mode they could give the answer.
        text = (
            f"{name[0].upper()}{name[1:]} has {problems_word(len(problems))}; the current case stays open. "
            "Turn off Unknown Case (Ctrl+U) to see them."
        )
        message(self, "Case record not opened", text, warning=True).open()

    # The library

    def open_folder(self, folder: str | Path) -> LibraryView:
        """Show the library of the case records under `folder`; the first scan runs on another thread."""
        from viewer.ui.library.view import LibraryView

        if self.library is None:
            self.library = LibraryView(self._index())
            self.library.open_requested.connect(self._on_library_open)
            self.library.listed.connect(self._on_library_listed)
            self.library.set_unknown(self.document.unknown)
            self.document.unknown_changed.connect(self._on_library_unknown)
            self.pages.addWidget(self.library)
        path = Path(folder).resolve()
        self.preferences.add_recent_file(str(path))
        self.library.set_index(self._index())
        self.library.open_folder(path)
        self.show_library()
        return self.library

    def _index(self) -> LibraryIndex:
        from PySide6.QtCore import QStandardPaths

        from viewer.record.library_index import INDEX_NAME, LibraryIndex

        if self._library_index is None:
            cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
            self._library_index = LibraryIndex(Path(cache) / INDEX_NAME if cache else None)
        return self._library_index

    def clear_library_index(self) -> str:
        """Delete the library index file; a problem in words, or "" when it is gone."""
        from PySide6.QtCore import QStandardPaths

        from viewer.record.library_index import INDEX_NAME, delete_index

        if self._library_index is not None:
            self._library_index.close()
            self._library_index = None
        cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        problem = ""
        try:
            if cache:
                delete_index(Path(cache) / INDEX_NAME)
        except OSError as error:
            problem = f"The library index could not be deleted: {error.strerror or error}"
        # Whether or not the file went, the index it was read through is closed: the view needs another.
        if self.library is not None:
            from viewer.record.library_index import LibraryIndex

            # The folder on screen stays listed and searchable, from memory, until a folder is opened again.
            self.library.set_index(LibraryIndex(None))
            if self.library.folder is not None:
                self.library.open_folder(self.library.folder)
        return problem

    @Slot()
    def show_library(self) -> None:
        """Back to the library, its search and scroll as they were; nothing happens when none is open."""
        if self.library is None or self._conference is not None:
            return
        self.pages.setCurrentWidget(self.library)
        self.back_button.hide()
        folder = self.library.folder
        name = "Library" if self.document.unknown or folder is None else f"{folder.name} — Library"
        self.setWindowTitle(f"{name} — Case Viewer")
        self.library.table.setFocus()
        self.library_actions.back.setEnabled(False)

    def show_case(self) -> None:
        self.pages.setCurrentWidget(self.case_page)
        self.back_button.setVisible(self.library is not None)
        self.library_actions.back.setEnabled(self.library is not None)
        if self.document.disclosure is not None:
            self.setWindowTitle(f"{self.document.disclosure.title} — Case Viewer")

    @Slot(str)
    def _on_library_open(self, path: str) -> None:
        if self.document.open(path):
            self.show_case()

    @Slot()
    def _on_library_listed(self) -> None:
        assert self.library is not None
        # The entries' paths are under the resolved folder: resolving each again would cost a stat per part.
        self.document.unknown_titles.update(
            (entry.path, entry.unknown_title) for entry in self.library.model.entries if entry.unknown_title
        )

    @Slot(bool)
    def _on_library_unknown(self, unknown: bool) -> None:
        assert self.library is not None
        self.library.set_unknown(unknown)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._fit_header()

    # Conference mode

    def start_conference(self, screen: int | None = None) -> ConferenceMode | None:
        """Start conference mode on the open case; None when no case is open or a talk runs."""
        if self.document.shown is None or self._conference is not None:
            return None
        self.show_case()
        return self._start(screen, None)

    def present_agenda(
        self, path: str | Path, screen: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> ConferenceMode | None:
        """Present the agenda at `path` as one talk, its time kept by `clock`; None when it cannot be read,
        none of its cases can be shown, or a talk runs (what is wrong is told)."""
        if self._conference is not None:
            return None
        from viewer.content.wording import visible_name
        from viewer.record.agenda import agenda_cases, load_agenda
        from viewer.record.problems import RecordError
        from viewer.ui.conference.agenda_talk import AgendaTalk

        document = self.document
        # The agenda's file name may name a diagnosis, as a record's may.
        name = "the agenda" if document.unknown else visible_name(str(path))
        try:
            loaded = load_agenda(path)
        except RecordError as error:
            self._on_open_failed(name, [str(problem) for problem in error.problems])
            return None
        # Read as a case is opened: a large record on another thread, the window painting meanwhile.
        outcomes = agenda_cases(loaded, document.read)
        first = next((outcome for outcome in outcomes if outcome.record is not None), None)
        if first is None or first.record is None:
            self._on_open_failed(name, [f"cannot be shown: {each.failure}" for each in outcomes])
            return None
        # The agenda is what is recent, not its cases; unknown-case mode names it by its title.
        self.preferences.add_recent_file(str(path))
        self.preferences.set_unknown_title(str(Path(path).resolve()), loaded.agenda.title)
        # With unknown-case mode on, every case is an unknown one, whatever its entry says.
        talk = AgendaTalk(loaded, outcomes, document, self.selection, clock, self, unknown=document.unknown)
        # A case to stand behind the session's title slide, in its unknown-case mode; withheld on the way, so
        # that no view sees the case shown before, or this one, unwithheld for a moment.
        document.set_unknown(True)
        document.set_stage(0)
        document.set_record(first.record, first.path, recent=False)
        document.set_unknown(talk.hidden(first))
        self.show_case()
        return self._start(screen, talk)

    def presented_agenda(self) -> tuple[LoadedAgenda, list[AgendaCaseOutcome], bool] | None:
        """The agenda being presented, its cases as read, and whether every case is presented as an
        unknown one (unknown-case mode was on when the talk began); None when no agenda is."""
        agenda = None if self._conference is None else self._conference.agenda
        return None if agenda is None else (agenda.agenda, agenda.outcomes, agenda.unknown)

    def _start(self, screen: int | None, agenda: AgendaTalk | None) -> ConferenceMode:
        # Imported on first use: conference mode is not on the start-up path.
        from viewer.ui.conference.mode import ConferenceMode

        self._conference = ConferenceMode(self, screen, self, agenda)
        self._conference.finished.connect(self._on_conference_finished)
        return self._conference

    @Slot()
    def _on_conference_finished(self) -> None:
        if self._conference is not None:
            self._conference.deleteLater()
        self._conference = None

    def set_conference_view(self, text_px: int | None) -> None:
        """The room's view with body text `text_px` pixels tall, or back to the author's (None).

        The menus, the citation, the banner (it speaks to the author) and the tabs hide, and a margin
        keeps everything clear of the screen's outer edge, which projectors crop. The room reads the
        selected item large; the tabs keep following and return afterwards."""
        for_room = text_px is not None
        self.menuBar().setVisible(not for_room)
        self.header.citation_label.setVisible(not for_room)
        self.banner.set_for_room(for_room)
        self.tabs.setVisible(not for_room)
        self._fit_header()
        self.figures.set_for_room(for_room)
        if for_room and self.stage_figure is None:
            # Made for the first talk, and kept: it only shows while a step has a figure.
            from viewer.ui.conference.stage_figure import StageFigure

            self.stage_figure = StageFigure(self.document, self.selection)
            self.stage_figure.showing_changed.connect(self._on_stage_figure_showing)
            self._lower.addWidget(self.stage_figure)
            self._lower.setStretchFactor(2, 3)
        if self.stage_figure is not None:
            self.stage_figure.set_for_room(for_room)
        self.set_cover("")
        if for_room:
            screen = self.screen().geometry()
            x, y = round(screen.width() * ROOM_MARGIN), round(screen.height() * ROOM_MARGIN)
            self._central_layout.setContentsMargins(x, y, x, y)
        else:
            self._central_layout.setContentsMargins(MARGINS, MARGINS, MARGINS, MARGINS)
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the splitter's own first layout, which would undo sizes set now.
        QTimer.singleShot(0, self, self._fit_panes)

    @Slot(bool)
    def _on_stage_figure_showing(self, showing: bool) -> None:
        """A step's figure takes most of the room's view; the timeline stays, smaller. Back after it."""
        if showing:
            self._panes_before_figure = self.panes.sizes()
            total = sum(self._panes_before_figure)
            self.panes.setSizes([round(total * STAGE_TIMELINE), total - round(total * STAGE_TIMELINE)])
        elif self._panes_before_figure:
            self.panes.setSizes(self._panes_before_figure)

    @Slot()
    def _fit_panes(self) -> None:
        """Until the user has chosen (dragged the splitter, now or in an earlier run), give the timeline the
        height its labels need at this width, up to half and leaving the tabs room, and the rest to the tabs;
        in a window short enough to fold the header, the timeline its least height and the tabs the rest."""
        total = sum(self.panes.sizes())
        if self._panes_chosen or not self.isVisible() or total <= 0:
            return
        least = self.timeline.minimumSizeHint().height()
        # In a short window the tables keep room for a few lines of rows beyond their least height.
        tables = self._lower.minimumSizeHint().height() + TABLE_LINES * self.fontMetrics().height()
        room = least if self.header.folded else max(total - tables, least)
        timeline = min(self.timeline.sizeHint().height(), total // 2, room)
        self.panes.setSizes([timeline, total - timeline])

    @Slot()
    def _on_panes_moved(self) -> None:
        self._panes_chosen = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._conference is not None:
            self._conference.stop()
        self.preferences.set_geometry(self.saveGeometry(), self.saveState())
        self.preferences.set_panes(self.panes.saveState())
        super().closeEvent(event)


class _Central(QWidget):
    """The window's content. Its minimum height is what its layout needs at its present width: the main
    window asks its central widget only for a minimum size, which a layout gives for its narrowest width,
    where the case's title wraps into far more lines than at the window's (on a 1024x768 projector the
    window could not be made short enough to fit the screen)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return hint
        return QSize(hint.width(), layout.minimumHeightForWidth(max(self.width(), hint.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class _Panes(QSplitter):
    """The splitter between the timeline and the tabs; says when its own height changes (the window's
    size, or the header's height as a case's title wraps), so the window can fit the timeline again."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()
