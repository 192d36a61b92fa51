"""The splitter between the timeline and the tables below it, and who sizes the two."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

TABLE_LINES = 6
"""Lines of a table's rows the timeline leaves room for, beyond the tabs' least height, in a short window."""
STAGE_TIMELINE = 0.3
"""The part of the room's view the timeline keeps while a step's figure shows."""


class Panes(QSplitter):
    """The `timeline` above what is `below` it (the tabs and the detail). Until the user has chosen their
    sizes (dragged the splitter, now or in an earlier run: `chosen`), `fit` sizes them to the timeline's
    needs. Says when its own height changes (the window's size, or the header's height as a case's title
    wraps), so the window can fit them again."""

    resized = Signal()

    def __init__(self, timeline: QWidget, below: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self._timeline = timeline
        self._below = below
        self.chosen = False
        """Whether the user has sized the timeline against the tabs: then the window keeps their choice."""
        self._before_figure: list[int] = []
        self.addWidget(timeline)
        self.addWidget(below)
        # Once the user has sized them, a third of any change of the window's height goes to the timeline.
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(self._on_moved)

    def restore(self, state: QByteArray | None) -> None:
        """The sizes the user chose in an earlier run, if any; kept from then on."""
        self.chosen = state is not None and self.restoreState(state)

    def fit(self, line_height: int, folded: bool) -> None:
        """Until the user has chosen, give the timeline the height its labels need at this width, up to half
        and leaving the tabs room, and the rest to the tabs; where the header is `folded` (a short window),
        the timeline its least height and the tabs the rest. `line_height`: a line of the window's text."""
        total = sum(self.sizes())
        if self.chosen or total <= 0:
            return
        least = self._timeline.minimumSizeHint().height()
        # In a short window the tables keep room for a few lines of rows beyond their least height.
        tables = self._below.minimumSizeHint().height() + TABLE_LINES * line_height
        room = least if folded else max(total - tables, least)
        timeline = min(self._timeline.sizeHint().height(), total // 2, room)
        self.setSizes([timeline, total - timeline])

    def give_figure_room(self, showing: bool) -> None:
        """A step's figure takes most of the room's view; the timeline stays, smaller. Back after it."""
        if showing:
            self._before_figure = self.sizes()
            total = sum(self._before_figure)
            self.setSizes([round(total * STAGE_TIMELINE), total - round(total * STAGE_TIMELINE)])
        elif self._before_figure:
            self.setSizes(self._before_figure)

    @Slot()
    def _on_moved(self) -> None:
        self.chosen = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()
