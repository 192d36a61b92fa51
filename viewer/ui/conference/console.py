"""The presenter's console on the laptop: where the talk is, what comes next, the answers."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from viewer.content.fields import answer
from viewer.record.model import DiscussionPoint
from viewer.ui.conference.stage_figure import ConsoleFigures
from viewer.ui.conference.talk import Talk
from viewer.ui.detail import scaled_font
from viewer.ui.selection import Selection


class PresenterConsole(QWidget):
    """The talk's step and the next, the answers the audience does not see yet, the selected
    item and its source quote (it follows `selection`, as the audience view does) and the elapsed
    time. Keys reach the talk from here too."""

    def __init__(self, talk: Talk, selection: Selection) -> None:
        super().__init__()
        self.setObjectName("presenter-console")
        self.setWindowTitle("Presenter console — Case Viewer")
        self._talk = talk
        self._selection = selection
        self._items = talk.shown.items
        layout = QVBoxLayout(self)
        self.step_label = self._label("step", "Step")
        self.clock_label = self._label("clock", "Elapsed time")
        self.current_label = self._label("current", "Current step")
        self.quote_label = self._label("quote", "Source quote of the current step")
        self.next_label = self._label("next", "Next step")
        self.withheld_label = self._label("withheld", "Withheld from the audience")
        for label in (
            self.step_label,
            self.clock_label,
            self.current_label,
            self.quote_label,
            self.next_label,
            self.withheld_label,
        ):
            layout.addWidget(label)
        self.figures = ConsoleFigures(talk, selection, self)
        layout.addWidget(self.figures)
        layout.addStretch(1)
        self.setFont(scaled_font(self.font(), 1.6))
        current = scaled_font(self.font(), 1.5)
        current.setBold(True)
        self.current_label.setFont(current)
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._on_tick)
        self._clock.start(1000)
        talk.changed.connect(self._on_changed)
        selection.changed.connect(self._on_changed)
        self._on_changed()
        self._on_tick()

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def _name(self, item_id: str) -> str:
        found = self._items.get(item_id)
        if found is None:
            return "—"
        item = found[1]
        return item.text if isinstance(item, DiscussionPoint) else item.label

    @Slot()
    def _on_changed(self) -> None:
        talk = self._talk
        record = talk.shown.record
        disclosure = talk.disclosure
        going = f"   go to step: {talk.going_to}_" if talk.going_to is not None else ""
        cover = f"   [{talk.cover} screen]" if talk.cover in ("black", "white") else ""
        self.step_label.setText(f"Step {talk.index + 1} of {len(talk.steps)}{going}{cover}")
        current = self._selection.current
        self.current_label.setText(f"Now: {self._name(current)}")
        found = self._items.get(current)
        quotes = "\n".join(f"“{quote}”" for quote in found[1].quotes) if found is not None else ""
        self.quote_label.setText(f"Source: {quotes}" if quotes else "")
        self.next_label.setText(f"Next: {self._name(talk.upcoming)}" if talk.upcoming else "Next: end of the case")
        timed = [item for _, item in self._items.values() if not isinstance(item, DiscussionPoint)]
        withheld = [answer(item) for item in timed if disclosure.withheld(item)]
        withheld += [answer(point) for point in record.discussion if disclosure.withheld(point)]
        if talk.unknown and not disclosure.complete:
            withheld.insert(0, f"Title: {record.title}")
        self.withheld_label.setText(
            "Withheld from the audience:\n" + "\n".join(f"• {label}" for label in withheld)
            if withheld
            else "Nothing is withheld."
        )

    @Slot()
    def _on_tick(self) -> None:
        seconds = self._elapsed.elapsed() // 1000
        self.clock_label.setText(f"Elapsed {seconds // 60:02d}:{seconds % 60:02d}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock.stop()
        super().closeEvent(event)
