"""Work put off until a window has painted for the first time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

INPUT = frozenset({QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress})
"""What the user does first: a key (its ShortcutOverride comes before any shortcut is looked up), a click."""


class AfterFirstPaint(QObject):
    """Runs `actions` once, in order, when `window` has painted for the first time: work that must not
    delay start-up. With `early`, sooner if the user comes first, pressing a key in `window` or a mouse
    button on `window` or one of `early`: the actions then run before the window handles the press, so
    that what they make (a shortcut's action, a menu's items) answers it."""

    def __init__(
        self, window: QWidget, actions: Sequence[Callable[[], None]], early: Sequence[QWidget] | None = None
    ) -> None:
        super().__init__(window)
        self._actions = list(actions)
        self._early = early is not None
        self._watched = [window, *(early or ())]
        self._queued = False
        for widget in self._watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._queued:
            self._queued = True
            # Queued: the window's children paint in this same pass.
            QTimer.singleShot(0, self, self._on_painted)
        elif self._early and kind in INPUT:
            self._on_painted()
        return False

    @Slot()
    def _on_painted(self) -> None:
        if not self._actions:
            return
        for widget in self._watched:
            widget.removeEventFilter(self)
        actions, self._actions = self._actions, []
        for action in actions:
            action()
