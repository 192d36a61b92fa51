"""The main window: header, timeline, tabs, the selected item and its source, built and wired."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from viewer.content.sections import SECTION_TAB, TAB_TITLES
from viewer.ui.actions import MenuActions
from viewer.ui.detail import DetailPanel
from viewer.ui.document import Document
from viewer.ui.header import CaseHeader, ProblemsBanner
from viewer.ui.look import Look
from viewer.ui.selection import Selection
from viewer.ui.settings import Preferences
from viewer.ui.source_view import SourceView
from viewer.ui.tabs import ItemTreeView, SectionModels
from viewer.ui.timeline_widget import TimelineWidget

if TYPE_CHECKING:
    from pathlib import Path

    from viewer.ui.conference.agenda_talk import AgendaTalk, Slide
    from viewer.ui.conference.mode import ConferenceMode
    from viewer.ui.conference.overlay import CoverOverlay
    from viewer.ui.conference.slide import TitleSlideView

DEFAULT_SIZE = (1280, 860)
"""The window's size on first start, before the user has chosen one."""
MARGINS = 9
"""The central layout's margins outside a talk."""
ROOM_MARGIN = 0.05
"""The part of the screen kept clear on each side while the room looks on: projectors crop it."""


class MainWindow(QMainWindow):
    """Shows the `document`'s case. Every view follows the one `selection`; the `look` dresses them."""

    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or Preferences()
        self.selection = Selection(self)
        self.document = Document(self.preferences, self)
        self.look = Look(self.preferences, self)
        self.overlay: CoverOverlay | None = None
        self.slide: TitleSlideView | None = None
        self._conference: ConferenceMode | None = None
        self._panes_chosen = False
        """Whether the user has sized the timeline against the tabs: then the window keeps their choice."""
        self._init_header()
        self._init_tabs()
        self._init_layout()
        self.menus = MenuActions(
            self, self.document, self.look, self.preferences, self.start_conference, self.present_agenda
        )
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
        treatment_page = QSplitter(Qt.Orientation.Vertical)
        treatment_page.addWidget(self._titled("Course", self.views["treatments"]))
        treatment_page.addWidget(self._titled("Outcome", self.views["outcomes"]))
        treatment_page.setChildrenCollapsible(False)
        pages = [
            self.views["history"],
            self.views["findings"],
            self.views["serologies"],
            treatment_page,
            self.views["discussion"],
            self.source_view,
        ]
        for title, page in zip(TAB_TITLES, pages, strict=True):
            self.tabs.addTab(page, title)

    @staticmethod
    def _titled(title: str, view: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title)
        label.setBuddy(view)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return page

    def _init_layout(self) -> None:
        self.timeline = TimelineWidget(self.selection)
        self.detail = DetailPanel(self.document, self.selection)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tabs)
        lower.addWidget(self.detail)
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
        central = QWidget()
        layout = self._central_layout = QVBoxLayout(central)
        layout.addLayout(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(panes, 1)
        self.setCentralWidget(central)

    def _connect_signals(self) -> None:
        self.document.case_changed.connect(self._on_case_changed)
        self.document.disclosure_changed.connect(self._on_disclosure_changed)
        self.document.open_failed.connect(self._on_open_failed)
        self.selection.changed.connect(self._on_selection_changed)
        self.look.changed.connect(self._on_look_changed)
        self.panes.splitterMoved.connect(self._on_panes_moved)
        self.panes.resized.connect(self._fit_panes)

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
        self.setWindowTitle(f"{disclosure.title} — Case Viewer")

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self.document.find(item_id)
        if found is not None:
            self.tabs.setCurrentIndex(SECTION_TAB[found[0]])

    @Slot(str, list)
    def _on_open_failed(self, name: str, problems: list[str]) -> None:
        from viewer.ui.msgbox import show_problems

        show_problems(self, name, problems)

    @Slot()
    def _on_look_changed(self) -> None:
        theme = self.look.theme
        self.header.set_font(self.font())
        self.banner.set_look(theme, self.font())
        self.timeline.set_theme(theme)
        self._fit_panes()

    # Conference mode

    def start_conference(self, screen: int | None = None) -> ConferenceMode | None:
        """Start conference mode on the open case; None when no case is open or a talk runs."""
        if self.document.shown is None or self._conference is not None:
            return None
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

        try:
            loaded = load_agenda(path)
        except RecordError as error:
            self._on_open_failed(visible_name(str(path)), [str(problem) for problem in error.problems])
            return None
        # Read as a case is opened: a large record on another thread, the window painting meanwhile.
        outcomes = agenda_cases(loaded, self.document.read)
        first = next((outcome for outcome in outcomes if outcome.record is not None), None)
        if first is None or first.record is None:
            self._on_open_failed(visible_name(str(path)), [f"cannot be shown: {each.failure}" for each in outcomes])
            return None
        # A case to stand behind the session's title slide, in its entry's unknown-case mode.
        self.document.set_unknown(first.entry.unknown)
        self.document.set_record(first.record, first.path)
        return self._start(screen, AgendaTalk(loaded, outcomes, self.document, self.selection, clock, self))

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
        self.set_cover("")
        if for_room:
            screen = self.screen().geometry()
            x, y = round(screen.width() * ROOM_MARGIN), round(screen.height() * ROOM_MARGIN)
            self._central_layout.setContentsMargins(x, y, x, y)
        else:
            self._central_layout.setContentsMargins(MARGINS, MARGINS, MARGINS, MARGINS)
        self.look.set_projector(text_px)

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

    @Slot()
    def _fit_panes(self) -> None:
        """Until the user has chosen (dragged the splitter, now or in an earlier run), give the timeline the
        height its labels need at this width, up to half, and the rest to the tabs."""
        total = sum(self.panes.sizes())
        if self._panes_chosen or not self.isVisible() or total <= 0:
            return
        timeline = min(self.timeline.sizeHint().height(), total // 2)
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


class _Panes(QSplitter):
    """The splitter between the timeline and the tabs; says when its own height changes (the window's
    size, or the header's height as a case's title wraps), so the window can fit the timeline again."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()
