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
        self._desk = 0
        """The timeline's height the user chose before the room's view, kept after it until the user
        chooses again; 0: none."""
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

    def fit(self, line_height: int, folded: bool, room_detail: int | None = None) -> None:
        """Until the user has chosen, give the timeline the height its labels need at this width, up to half
        and leaving the tabs room, and the rest to the tabs; where the header is `folded` (a short window),
        the timeline its least height and the tabs the rest. In the room's view, with no tabs below, the
        timeline may take all but `room_detail`, the height the tallest step's detail needs, down to its
        least height. `line_height`: a line of the window's text."""
        total = sum(self.sizes())
        if total <= 0:
            return
        for_room = room_detail is not None
        if self._desk and not for_room:
            # Back from the room: the timeline as tall as the user had it, as the window takes its size again.
            self.setSizes([self._desk, total - self._desk])
            return
        # The user's choice is for the desk: the room's view is fitted whatever it is.
        if self.chosen and not for_room:
            return
        least = self._timeline.minimumSizeHint().height()
        if room_detail is not None:
            most = max(total - room_detail, least)
        else:
            # In a short window the tables keep room for a few lines of rows beyond their least height.
            tables = self._below.minimumSizeHint().height() + TABLE_LINES * line_height
            most = least if folded else min(max(total - tables, least), total // 2)
        timeline = min(self._timeline.sizeHint().height(), most)
        self.setSizes([timeline, total - timeline])

    def set_for_room(self, for_room: bool) -> None:
        """Keep the timeline's height the user chose at the desk while the room's view is fitted, to go
        back to after it."""
        if for_room:
            self._desk = self.sizes()[0] if self.chosen else 0

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
        self._desk = 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()
