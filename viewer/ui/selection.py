"""The one object that owns "the selected item"; every view follows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """Holds the id of the selected item ("" for none).

    Emits `changed(item_id)` once per real change; views call `select` and
    listen to `changed`, and never talk to each other.
    """

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = ""

    @property
    def current(self) -> str:
        return self._current

    def select(self, item_id: str) -> None:
        if item_id != self._current:
            self._current = item_id
            self.changed.emit(item_id)
