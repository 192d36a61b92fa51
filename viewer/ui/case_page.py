"""The case page of the main window: header, timeline, tabs, the selected item and its source, built and wired."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from viewer.content.sections import SECTION_TAB, TAB_TITLES
from viewer.record.model import DiscussionPoint, TimedItem
from viewer.ui.detail import DetailPanel, detail_lines
from viewer.ui.document import Document
from viewer.ui.figure_strip import FigureStrip
from viewer.ui.header import CaseHeader, ProblemsBanner
from viewer.ui.panes import Panes
from viewer.ui.selection import Selection
from viewer.ui.source_view import SourcePage, SourceView
from viewer.ui.tabs import ItemTreeView, SectionModels, TreatmentPage
from viewer.ui.timeline_widget import TimelineWidget

if TYPE_CHECKING:
    from viewer.content.shown import ShownCase
    from viewer.ui.conference.stage_figure import StageFigure

MARGINS = 9
"""The page's margins outside a talk."""
ROOM_MARGIN = 0.05
"""The part of the screen kept clear on each side while the room looks on: projectors crop it."""
ROOM_MEASURED = 100
"""The most items whose detail is laid out to size the room's: those with the most source words, which
make the tallest; a record of thousands is not laid out item by item when a talk starts."""


def _text_size(item: TimedItem | DiscussionPoint) -> int:
    return sum(map(len, item.quotes)) + len(getattr(item, "note", None) or "")


class CasePage(QWidget):
    """The `document`'s case: the header and its problems banner, the timeline above the tabs (`panes`),
    the selected item's detail and figures beside the tabs, and a button back to the library (hidden
    until there is one). Every view follows the one `selection`; the tabs turn to the selected item's.

    Its minimum height is what its layout needs at its present width: the main window asks its central
    widget only for a minimum size, which a layout gives for its narrowest width, where the case's title
    wraps into far more lines than at the window's (on a 1024x768 projector the window could not be made
    short enough to fit the screen)."""

    def __init__(self, document: Document, selection: Selection) -> None:
        super().__init__()
        self._document = document
        self._selection = selection
        self.stage_figure: StageFigure | None = None
        self._tallest: tuple[ShownCase, tuple[int, str], int] | None = None
        """The room's tallest detail, and the case, width and font it was measured for."""
        self.header = CaseHeader(document)
        self.banner = ProblemsBanner(document)
        self._init_tabs()
        self._init_layout()
        document.case_changed.connect(self._on_case_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)
        selection.changed.connect(self._on_selection_changed)

    def _init_tabs(self) -> None:
        document, selection = self._document, self._selection
        self.models = SectionModels(document, self).models
        self.views = {
            section: ItemTreeView(model, selection, f"{section.capitalize()} list")
            for section, model in self.models.items()
        }
        self.source_view = SourceView(document, selection)
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
            SourcePage(self.source_view, document),
        ]
        for title, page in zip(TAB_TITLES, pages, strict=True):
            self.tabs.addTab(page, title)
        # The tab widget turns pages on Ctrl+Tab only while focus is inside it: these, added to the window,
        # work from every widget in it, the timeline (where focus starts) included.
        self.tab_actions: list[QAction] = []
        for name, step, keys in (
            ("Next tab", 1, ["Ctrl+Tab"]),
            ("Previous tab", -1, ["Ctrl+Shift+Tab", "Ctrl+Shift+Backtab"]),
        ):
            action = QAction(name, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self._on_turn_tab(s))
            self.tab_actions.append(action)

    def _init_layout(self) -> None:
        self.timeline = TimelineWidget(self._selection)
        self.detail = DetailPanel(self._document, self._selection)
        self.figures = FigureStrip(self._document, self._selection)
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
        self.panes = Panes(self.timeline, lower)
        layout = self._layout = QVBoxLayout(self)
        self.back_button = QPushButton("◀ Library")
        self.back_button.setAccessibleName("Back to the library")
        self.back_button.setToolTip("Back to the library (Alt+Left)")
        self.back_button.hide()
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.panes, 1)

    def fit_panes(self) -> None:
        """Size the timeline against the tabs (Panes.fit) while the window shows, unless the user has."""
        if self.window().isVisible():
            room_detail = self._tallest_detail() if self.tabs.isHidden() else None
            self.panes.fit(self.fontMetrics().height(), self.header.folded, room_detail)

    def _tallest_detail(self) -> int:
        """The detail panel's height that shows the case's longest items whole: in the room, where no one
        can scroll it, each step's detail is to be read whole. Measured once for a case, width and font."""
        document, shown = self._document, self._document.shown
        if shown is None:
            return 0
        size = (self.detail.viewport().width(), self.detail.font().key())
        # The case itself, by identity, not its id: a case let go may leave its id to the next.
        if self._tallest is None or self._tallest[0] is not shown or self._tallest[1] != size:
            longest = heapq.nlargest(ROOM_MEASURED, shown.items.values(), key=lambda found: _text_size(found[1]))
            lines = (detail_lines(section, item, document.labels) for section, item in longest)
            self._tallest = shown, size, max((self.detail.height_for(each) for each in lines), default=0)
        return self._tallest[2]

    def set_for_room(self, for_room: bool) -> None:
        """The room's view, or back to the author's: the citation, the banner (it speaks to the author)
        and the tabs hide, a step's figure shows large, and a margin keeps everything clear of the
        screen's outer edge, which projectors crop."""
        self.header.citation_label.setVisible(not for_room)
        self.banner.set_for_room(for_room)
        self.panes.set_for_room(for_room)
        self.tabs.setVisible(not for_room)
        self.figures.set_for_room(for_room)
        if for_room and self.stage_figure is None:
            # Made for the first talk, and kept: it only shows while a step has a figure.
            from viewer.ui.conference.stage_figure import StageFigure

            self.stage_figure = StageFigure(self._document, self._selection)
            self.stage_figure.showing_changed.connect(self.panes.give_figure_room)
            self._lower.addWidget(self.stage_figure)
            self._lower.setStretchFactor(2, 3)
        if self.stage_figure is not None:
            self.stage_figure.set_for_room(for_room)
        if for_room:
            screen = self.screen().geometry()
            x, y = round(screen.width() * ROOM_MARGIN), round(screen.height() * ROOM_MARGIN)
            self._layout.setContentsMargins(x, y, x, y)
        else:
            self._layout.setContentsMargins(MARGINS, MARGINS, MARGINS, MARGINS)
        self.fit_panes()

    @Slot(bool)
    def _on_case_changed(self, keep_view: bool) -> None:
        shown = self._document.shown
        assert shown is not None
        view = self.timeline.view
        self.timeline.set_case(shown, self._document.labels)
        previous = self._selection.current if keep_view else ""
        self._selection.select(previous if previous in shown.items else "")
        if keep_view:
            self.timeline.view = view
        else:
            self.fit_panes()

    @Slot()
    def _on_disclosure_changed(self) -> None:
        disclosure = self._document.disclosure
        assert disclosure is not None
        self.timeline.set_labels(self._document.labels)
        self.timeline.set_figured(disclosure.figured())

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self._document.find(item_id)
        if found is not None:
            self.tabs.setCurrentIndex(SECTION_TAB[found[0]])

    @Slot(int)
    def _on_turn_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

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
