"""Stepping through a case at a conference: steps, reveal stages, clicker keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from viewer.content.disclosure import Disclosure
from viewer.ui.document import Document
from viewer.ui.selection import Selection

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_P}
MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}
"""Pressed alone on the way to a combination: never a step."""
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
HELP_KEYS = {Qt.Key.Key_Question, Qt.Key.Key_F1}

KEY_HELP = [
    ("Right  Down  PageDown  Space  N", "next step"),
    ("Left  Up  PageUp  Shift+Space  P", "previous step"),
    ("Home  /  End", "first / last step"),
    ("G, a number, Enter", "go to step"),
    ("C, a number, Enter  or  Ctrl+G", "go to case (agenda)"),
    ("B  or  .", "black screen (any key returns)"),
    ("W", "white screen (any key returns)"),
    ("R", "reveal everything (unknown case)"),
    ("U", "unknown case on / off"),
    ("S", "send the audience view to the next screen"),
    ("H  /  Shift+H", "handout: the session's (agenda) / this case's"),
    ("?  or  F1", "this help"),
    ("Esc", "leave the presentation"),
]


class Talk(QObject):
    """The state of a talk over `document`: which step, what covers the screen, a step number being typed.

    The step follows `selection`, and the keys move it through the selection, so the two never
    disagree: selecting an item that is a step puts the talk on that step (and reveals its stage), and
    selecting anything else leaves the talk on the step it was on. How much is revealed, and unknown-case
    mode, are the document's. Emits `changed()` after any of it changes. Keys come from `eventFilter`,
    so installed on the application it answers the audience window and the console alike.
    """

    changed = Signal()
    leave_requested = Signal()
    send_to_next_screen = Signal()
    handout_requested = Signal(bool)
    """H: the handout of what is presented; with Shift (True), of the case whatever is presented."""

    def __init__(self, document: Document, selection: Selection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.cover = ""
        """"black", "white", "help" or "" when the view shows."""
        self.going_to: str | None = None
        """Digits typed after G, until Enter; None when not going to a step."""
        self._take_case()
        selection.changed.connect(self._on_selection_changed)
        document.disclosure_changed.connect(self.changed)

    def _take_case(self) -> None:
        shown = self._document.shown
        if shown is None:
            raise ValueError("no case is open")
        self.shown = shown
        self.steps = shown.time_order
        self._positions = {step: index for index, step in enumerate(self.steps)}
        self.index = 0

    def follow_case(self) -> None:
        """Go on with the case the document shows now (an agenda's next case), from its first step."""
        self._take_case()
        self.going_to = None
        self.changed.emit()

    @property
    def disclosure(self) -> Disclosure:
        disclosure = self._document.disclosure
        assert disclosure is not None
        return disclosure

    @property
    def unknown(self) -> bool:
        return self._document.unknown

    @property
    def folder(self) -> Path | None:
        """The folder the case's figures are named from; None for a case not read from a file."""
        path = self._document.path
        return None if path is None else path.parent

    @property
    def current(self) -> str:
        return self.steps[self.index] if self.steps else ""

    @property
    def upcoming(self) -> str:
        return self.steps[self.index + 1] if self.index + 1 < len(self.steps) else ""

    def go_to(self, index: int) -> None:
        if not self.steps:
            return
        step = self.steps[max(0, min(len(self.steps) - 1, index))]
        if step == self._selection.current:
            self._on_selection_changed(step)
        else:
            self._selection.select(step)

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        index = self._positions.get(item_id)
        if index is None:
            return
        self.index = index
        found = self._document.find(item_id)
        reveal = (found[1].reveal or 0) if found is not None else 0
        # Stages only rise: once shown to the room, an answer stays shown.
        self._document.set_stage(max(self._document.stage, reveal))
        self.changed.emit()

    def end(self) -> None:
        """Stop following the selection and the document: after the talk, selecting a step reveals nothing."""
        self._selection.changed.disconnect(self._on_selection_changed)
        self._document.disclosure_changed.disconnect(self.changed)

    def reveal_all(self) -> None:
        self._document.set_stage(self.disclosure.last_stage)

    def set_unknown(self, unknown: bool) -> None:
        self._document.set_unknown(unknown)

    def set_cover(self, cover: str) -> None:
        self.cover = cover
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not dialog_open():
            return self.handle_key(event)
        return False

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a presenter key; True when the key was used."""
        key = Qt.Key(event.key())
        if key in MODIFIER_KEYS:
            return False
        if self.cover:
            # Any key returns from a black, white or help screen.
            self.set_cover("")
            return True
        if self.going_to is not None or key == Qt.Key.Key_G:
            self._go_to_typed(key, event.text())
            return True
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (key == Qt.Key.Key_Space and shift) or key in PREVIOUS_KEYS:
            self.go_to(self.index - 1)
        elif key in NEXT_KEYS:
            self.go_to(self.index + 1)
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.steps) - 1)
        elif key in BLACK_KEYS:
            self.set_cover("black")
        elif key == Qt.Key.Key_W:
            self.set_cover("white")
        elif key in HELP_KEYS or event.text() == "?":
            self.set_cover("help")
        elif key == Qt.Key.Key_R:
            self.reveal_all()
        elif key == Qt.Key.Key_U:
            self.set_unknown(not self.unknown)
        elif key == Qt.Key.Key_S:
            self.send_to_next_screen.emit()
        elif key == Qt.Key.Key_H:
            self.handout_requested.emit(shift)
        elif key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        else:
            return False
        return True

    def _go_to_typed(self, key: Qt.Key, text: str) -> None:
        self.going_to, chosen = type_number(self.going_to, key, text, 6)
        if chosen is not None:
            self.go_to(chosen - 1)
            return
        self.changed.emit()


def dialog_open() -> bool:
    """Whether a modal dialog is open (the handout's file dialog, its progress, a message): its keys are
    its own, not the talk's, whichever window it is over."""
    return QApplication.activeModalWidget() is not None


def type_number(typed: str | None, key: Qt.Key, text: str, digits: int) -> tuple[str | None, int | None]:
    """One key of a number typed after the key that asks for one: the digits typed so far (None once
    typing has ended) and the number, when Enter ended it. Any key but a digit or Enter cancels."""
    if typed is None:
        return "", None
    if text.isdecimal() and text.isascii() and len(typed) < digits:
        return typed + text, None
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and typed:
        return None, int(typed)
    return None, None
