"""An agenda presented as one talk: the session's title slide, then each case's title slide and its steps.

`AgendaTalk` sits in front of the case's `Talk`: it takes the keys that cross from one case to
another (stepping on from a case's last step, back from its first, C or Ctrl+G and a number to
go to a case) and hands every other key to the talk. A case that cannot be shown keeps its title
slide, which says why, and the talk steps past it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import msgspec
from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent

from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
from viewer.ui.conference.session_clock import SessionClock
from viewer.ui.conference.talk import MODIFIER_KEYS, NEXT_KEYS, PREVIOUS_KEYS, Talk, dialog_open, type_number
from viewer.ui.document import Document
from viewer.ui.selection import Selection

SESSION = -1
"""The position of the session's own title slide."""


class Slide(msgspec.Struct, frozen=True):
    """What a title slide says to the room: a line above the title, the title, and the lines below."""

    kicker: str
    title: str
    lines: list[str] = []


class AgendaTalk(QObject):
    """Where a talk over `agenda` is: `case` (SESSION for the session's title slide) and whether its title
    slide shows (`slide` is not None). The cases are opened into `document` as the talk reaches them,
    each in unknown-case mode as its entry says, or every one with `unknown` (the mode was on when the
    talk began). Emits `changed()` after any of it changes."""

    changed = Signal()

    def __init__(
        self,
        agenda: LoadedAgenda,
        outcomes: list[AgendaCaseOutcome],
        document: Document,
        selection: Selection,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
        unknown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.agenda = agenda
        self.unknown = unknown
        self.outcomes = outcomes
        self._document = document
        self._selection = selection
        self.times = SessionClock([outcome.entry.minutes for outcome in outcomes], clock)
        self.case = SESSION
        self.on_title = True
        self.going_to_case: str | None = None
        """Digits typed after C (or Ctrl+G), until Enter; None when not going to a case."""
        self.talk: Talk | None = None
        selection.changed.connect(self._on_selection_changed)
        document.disclosure_changed.connect(self.changed)

    def attach(self, talk: Talk) -> None:
        """Drive `talk`, the talk over the document's case, and begin on the session's title slide."""
        self.talk = talk
        self.go_to_case(SESSION)

    def end(self) -> None:
        self._selection.changed.disconnect(self._on_selection_changed)
        self._document.disclosure_changed.disconnect(self.changed)

    # Where the talk is

    @property
    def outcome(self) -> AgendaCaseOutcome | None:
        return self.outcomes[self.case] if self.case != SESSION else None

    @property
    def case_shown(self) -> bool:
        """Whether the current case is one the document shows: not the session's slide, nor a case that cannot
        be shown (the document still holds the case before it)."""
        return self.outcome is not None and self.outcome.record is not None

    def hidden(self, outcome: AgendaCaseOutcome) -> bool:
        """Whether the case is presented as an unknown case."""
        return outcome.entry.unknown or self.unknown

    def shown_title(self, outcome: AgendaCaseOutcome) -> str:
        """The case's title as the room may read it; the current case's follows unknown-case mode (U)."""
        if outcome.index == self.case and outcome.record is not None and self._document.disclosure is not None:
            return self._document.disclosure.title
        return outcome.room_title(self.hidden(outcome))

    def _failure(self, outcome: AgendaCaseOutcome) -> str:
        """Why the case cannot be shown, as the room may read it."""
        return outcome.room_failure(self.hidden(outcome))

    @property
    def slide(self) -> Slide | None:
        """The title slide the room sees now; None while a case's steps show."""
        if not self.on_title:
            return None
        agenda = self.agenda.agenda
        if self.case == SESSION:
            lines = [
                f"{outcome.index + 1}. {self.shown_title(outcome)}"
                + ("" if outcome.record is not None else f" — cannot be shown: {self._failure(outcome)}")
                for outcome in self.outcomes
            ]
            return Slide(agenda.date, agenda.title, lines)
        outcome = self.outcomes[self.case]
        kicker = f"Case {self.case + 1} of {len(self.outcomes)}"
        if outcome.record is None:
            return Slide(kicker, self.shown_title(outcome), [f"Cannot be shown: {self._failure(outcome)}"])
        return Slide(kicker, self.shown_title(outcome))

    # Moving

    def go_to_case(self, case: int, last_step: bool = False) -> None:
        """Case `case`'s title slide (SESSION: the session's), or with `last_step` the case's last step."""
        case = max(SESSION, min(len(self.outcomes) - 1, case))
        self.case, self.on_title = case, True
        self.going_to_case = None
        self.times.enter(None if case == SESSION else case)
        outcome = self.outcome
        if outcome is not None and outcome.record is not None:
            # Opened afresh each time, with nothing revealed yet, in the unknown-case mode its entry asks for.
            # Withheld on the way: no view may see this case, or the one before, unwithheld for a moment.
            document = self._document
            document.set_unknown(True)
            document.set_stage(0)
            # The agenda is what is recent, not its cases.
            document.set_record(outcome.record, outcome.path, recent=False)
            document.set_unknown(self.hidden(outcome))
            assert self.talk is not None
            self.talk.follow_case()
        if last_step and outcome is not None and outcome.record is not None:
            self._enter_steps(-1)
        self.changed.emit()

    def _enter_steps(self, step: int) -> None:
        assert self.talk is not None
        self.on_title = False
        self.talk.go_to(step if step >= 0 else len(self.talk.steps) - 1)

    def step_on(self) -> None:
        """The next step: into the case from its title slide, or on to the next case after its last step."""
        outcome = self.outcome
        assert self.talk is not None
        if self.on_title and outcome is not None and outcome.record is not None and self.talk.steps:
            self._enter_steps(0)
            self.changed.emit()
        elif self.on_title or self.talk.index + 1 >= len(self.talk.steps):
            if self.case + 1 < len(self.outcomes):
                self.go_to_case(self.case + 1)
        else:
            self.talk.go_to(self.talk.index + 1)

    def step_back(self) -> None:
        """The step before: the case's title slide from its first step, the previous case's last step from it."""
        assert self.talk is not None
        if not self.on_title and self.talk.index > 0:
            self.talk.go_to(self.talk.index - 1)
        elif not self.on_title:
            self.on_title = True
            self.changed.emit()
        elif self.case != SESSION:
            before = self.case - 1
            self.go_to_case(before, last_step=before != SESSION)

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        # A step chosen another way (G and a number, Home, End, a click) leaves the title slide.
        if self.on_title and self.talk is not None and self.outcome is not None and item_id in self.talk.steps:
            self.on_title = False
            self.changed.emit()

    # Keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not dialog_open():
            return self.handle_key(event)
        return False

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a presenter key, here or in the case's talk; True when the key was used."""
        talk = self.talk
        assert talk is not None
        key = Qt.Key(event.key())
        if key in MODIFIER_KEYS or talk.cover:
            return talk.handle_key(event)
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if (
            self.going_to_case is not None
            or (key == Qt.Key.Key_C and talk.going_to is None)
            or (key == Qt.Key.Key_G and control)
        ):
            self._go_to_typed(key, event.text())
            return True
        # On a title slide, whether the case behind it is this one, with steps to go to.
        enterable = self.on_title and self.outcome is not None and self.outcome.record is not None and bool(talk.steps)
        if talk.going_to is not None:
            entering = enterable and bool(talk.going_to) and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            used = talk.handle_key(event)
            if entering and self.on_title:
                # The step may be the one selected already: then no selection change leaves the slide.
                self.on_title = False
                self.changed.emit()
            return used
        if self.on_title and key in (Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_G):
            if not enterable:
                # The session's slide, or a case that cannot be shown: the case behind it is not this one.
                return True
            if key != Qt.Key.Key_G:
                self._enter_steps(0 if key == Qt.Key.Key_Home else -1)
                self.changed.emit()
                return True
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (key == Qt.Key.Key_Space and shift) or key in PREVIOUS_KEYS:
            self.step_back()
        elif key in NEXT_KEYS:
            self.step_on()
        else:
            return talk.handle_key(event)
        return True

    def _go_to_typed(self, key: Qt.Key, text: str) -> None:
        self.going_to_case, chosen = type_number(self.going_to_case, key, text, 3)
        if chosen is not None:
            self.go_to_case(chosen - 1)
            return
        self.changed.emit()
