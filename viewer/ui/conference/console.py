"""The presenter's console on the laptop: where the talk is, what comes next, the answers."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from viewer.content.fields import answer
from viewer.record.model import timed_items
from viewer.ui.conference.talk import Presentation
from viewer.ui.detail import scaled_font


class PresenterConsole(QWidget):
    """Current and next step, the answers the audience does not see yet, the current
    item's source quote and the elapsed time. Keys reach the Presentation from here too."""

    def __init__(self, presentation: Presentation) -> None:
        super().__init__()
        self.setObjectName("presenter-console")
        self.setWindowTitle("Presenter console — Case Viewer")
        self._presentation = presentation
        self._items = {item.id: item for _, item in timed_items(presentation.record)}
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
        presentation.changed.connect(self._on_changed)
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
        item = self._items.get(item_id)
        return item.label if item is not None else "—"

    @Slot()
    def _on_changed(self) -> None:
        talk = self._presentation
        disclosure = talk.disclosure
        going = f"   go to step: {talk.going_to}_" if talk.going_to is not None else ""
        cover = f"   [{talk.cover} screen]" if talk.cover in ("black", "white") else ""
        self.step_label.setText(f"Step {talk.index + 1} of {len(talk.steps)}{going}{cover}")
        self.current_label.setText(f"Now: {self._name(talk.current)}")
        item = self._items.get(talk.current)
        quotes = "\n".join(f"“{quote}”" for quote in item.quotes) if item is not None else ""
        self.quote_label.setText(f"Source: {quotes}" if quotes else "")
        self.next_label.setText(f"Next: {self._name(talk.upcoming)}" if talk.upcoming else "Next: end of the case")
        withheld = [answer(item) for item in self._items.values() if disclosure.withheld(item)]
        withheld += [answer(point) for point in talk.record.discussion if disclosure.withheld(point)]
        if talk.unknown and not disclosure.complete:
            withheld.insert(0, f"Title: {talk.record.title}")
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
