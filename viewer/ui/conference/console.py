"""The presenter's console on the laptop: where the talk is, what comes next, the answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from viewer.content.fields import answer
from viewer.record.model import DiscussionPoint, TimedItem
from viewer.ui.conference.session_clock import Pace, clock_text, pace, pace_words
from viewer.ui.conference.stage_figure import ConsoleFigures
from viewer.ui.conference.talk import Talk
from viewer.ui.conference.text_label import text_label
from viewer.ui.detail import scaled_font
from viewer.ui.selection import Selection

if TYPE_CHECKING:
    from viewer.ui.conference.agenda_talk import AgendaTalk


class PresenterConsole(QWidget):
    """The talk's step and the next, the answers the audience does not see yet, the selected
    item and its source quote (it follows `selection`, as the audience view does) and the elapsed
    time; with an `agenda`, its cases and the time spent on each against its plan. Keys reach the
    talk from here too. Its buttons ask for a handout: `handout_requested(True)` the session's,
    `handout_requested(False)` the case's; `tell` says here how it went."""

    handout_requested = Signal(bool)

    def __init__(self, talk: Talk, selection: Selection, agenda: AgendaTalk | None = None) -> None:
        super().__init__()
        self.setObjectName("presenter-console")
        self.setWindowTitle("Presenter console — Case Viewer")
        self._talk = talk
        self._selection = selection
        self._agenda = agenda
        layout = QVBoxLayout(self)
        self.agenda_view = AgendaPanel(agenda) if agenda is not None else None
        if self.agenda_view is not None:
            layout.addWidget(self.agenda_view)
        self.step_label = text_label("step", "Step")
        self.clock_label = text_label("clock", "Elapsed time")
        # An agenda times the session itself: its clock is the one that counts.
        self.clock_label.setVisible(agenda is None)
        self.current_label = text_label("current", "Current step")
        self.quote_label = text_label("quote", "Source quote of the current step")
        self.next_label = text_label("next", "Next step")
        self.withheld_label = text_label("withheld", "Withheld from the audience")
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
        layout.addLayout(self._handout_buttons(agenda is not None))
        self.export_label = text_label("export", "Handout")
        layout.addWidget(self.export_label)
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
        if agenda is not None:
            agenda.changed.connect(self._on_changed)
        self._on_changed()
        self._on_tick()

    def _handout_buttons(self, agenda: bool) -> QHBoxLayout:
        # The keys the talk takes for them (H, Shift+H) are on the buttons: they work from either window.
        row = QHBoxLayout()
        buttons = [("Session Handout… (H)", True), ("This Case's Handout… (Shift+H)", False)]
        self.handout_buttons: list[QPushButton] = []
        for text, session in buttons if agenda else [("Handout… (H)", False)]:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=session: self.handout_requested.emit(s))
            row.addWidget(button)
            self.handout_buttons.append(button)
        row.addStretch(1)
        return row

    def tell(self, text: str) -> None:
        """Say how the handout went, here on the laptop, where the room does not read it."""
        self.export_label.setText(text)

    @property
    def _items(self) -> dict[str, tuple[str, TimedItem | DiscussionPoint]]:
        # The talk's case: in an agenda it changes as the talk goes on.
        return self._talk.shown.items

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
        if self._agenda is not None:
            self.step_label.setText(self._agenda_place(self._agenda) + going + cover)
        if self.agenda_view is not None:
            self.agenda_view.refresh()
        if self._agenda is not None:
            # This case's handout: none on a slide with no case of its own behind it.
            self.handout_buttons[1].setEnabled(self._agenda.case_shown)
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

    def _agenda_place(self, agenda: AgendaTalk) -> str:
        """Where the talk is in the agenda; on a title slide, what the room sees and what comes next."""
        talk = self._talk
        cases = len(agenda.outcomes)
        after = f"Next: case {agenda.case + 2}" if agenda.case + 1 < cases else "Next: end of the session"
        slide = agenda.slide
        if slide is None:
            if not talk.upcoming:
                self.next_label.setText(after)
            return f"Case {agenda.case + 1} of {cases}, step {talk.index + 1} of {len(talk.steps)}"
        self.current_label.setText(f"Now: the title slide: {slide.title}")
        self.quote_label.setText("")
        outcome = agenda.outcome
        if outcome is None:
            self.next_label.setText("Next: case 1")
            return "The session's title slide"
        if outcome.record is None:
            self.next_label.setText(after)
            return f"Case {agenda.case + 1} of {cases}: it cannot be shown"
        self.next_label.setText(f"Next: {self._name(talk.steps[0])}" if talk.steps else after)
        return f"Case {agenda.case + 1} of {cases}, title slide, then {len(talk.steps)} steps"

    @Slot()
    def _on_tick(self) -> None:
        seconds = self._elapsed.elapsed() // 1000
        self.clock_label.setText(f"Elapsed {seconds // 60:02d}:{seconds % 60:02d}")
        if self.agenda_view is not None:
            self.agenda_view.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock.stop()
        super().closeEvent(event)


PACE_STYLES = {
    Pace.ON_TIME: "",
    Pace.WARNING: "QLabel { background: #ffd54f; color: #000000; padding: 4px; }",
    Pace.OVER: "QLabel { background: #8b0000; color: #ffffff; padding: 4px; }",
}
"""The current case's timer: amber near its plan, red past it (its words say so too); each at least
7:1 against its text."""


class AgendaPanel(QWidget):
    """The agenda on the console: each case with its planned minutes and the time spent on it, the
    current case's time against its plan, and the session's against the whole plan."""

    def __init__(self, agenda: AgendaTalk) -> None:
        super().__init__()
        self.setObjectName("agenda")
        self._agenda = agenda
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cases_label = text_label("agenda-cases", "Agenda")
        self.pace_label = text_label("case-pace", "Time on this case")
        self.session_label = text_label("session-pace", "Time of the session")
        for label in (self.cases_label, self.pace_label, self.session_label):
            layout.addWidget(label)

    def refresh(self) -> None:
        agenda = self._agenda
        times = agenda.times
        lines = [f"{agenda.agenda.agenda.title} ({agenda.agenda.agenda.date})"]
        for outcome in agenda.outcomes:
            here = "▶" if outcome.index == agenda.case else " "
            record = outcome.record
            title = record.title if record is not None else outcome.entry.file
            unknown = ", unknown case" if agenda.hidden(outcome) else ""
            so_far = clock_text(times.spent(outcome.index))
            line = f"{here} {outcome.index + 1}. {title} — {so_far} of {outcome.entry.minutes} min{unknown}"
            if record is None:
                line += f"\n      cannot be shown: {outcome.failure}"
            lines.append(line)
        if agenda.going_to_case is not None:
            lines.append(f"Go to case: {agenda.going_to_case}_")
        self.cases_label.setText("\n".join(lines))
        current = agenda.case
        if current < 0:
            self.pace_label.setText("This case: the session's title slide")
            self.pace_label.setStyleSheet("")
        else:
            minutes = times.planned[current]
            spent = times.spent(current)
            self.pace_label.setText(f"This case: {pace_words(spent, minutes)}")
            self.pace_label.setStyleSheet(PACE_STYLES[pace(spent, minutes)])
        self.session_label.setText(f"Session: {pace_words(times.total(), times.planned_total())}")
