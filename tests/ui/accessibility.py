"""Records the accessibility events Qt sends, as a screen reader would receive them.

PySide does not bind QAccessible::installUpdateHandler, so it is called in Qt's own library: Qt then
hands every event to the handler instead of the platform's bridge (AT-SPI, UI Automation)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleEvent

_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_INSTALL = "_ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE"


@dataclass(frozen=True)
class Sent:
    kind: QAccessible.Event
    object_name: str
    """The accessible name of the object the event is about (its child's, for an event about a child)."""
    object: object


def _qt_gui() -> ctypes.CDLL:
    folder = Path(PySide6.__file__).parent / "Qt" / "lib"
    found = sorted(folder.glob("libQt6Gui.so*"))
    # Already loaded by PySide: this finds the same library, not a second copy.
    return ctypes.CDLL(str(found[0]) if found else "libQt6Gui.so.6")


@contextmanager
def accessibility_events() -> Iterator[list[Sent]]:
    """The events sent while inside, in order."""
    sent: list[Sent] = []

    def handle(address: int | None) -> None:
        if not address:
            return
        event = shiboken6.wrapInstance(address, QAccessibleEvent)
        interface = event.accessibleInterface()
        name = interface.text(QAccessible.Text.Name) if interface is not None and interface.isValid() else ""
        sent.append(Sent(event.type(), name, event.object()))

    handler = _HANDLER(handle)
    install = getattr(_qt_gui(), _INSTALL)
    install.argtypes = [ctypes.c_void_p]
    was_active = QAccessible.isActive()
    QAccessible.setActive(True)
    install(ctypes.cast(handler, ctypes.c_void_p))
    try:
        yield sent
    finally:
        install(None)
        QAccessible.setActive(was_active)
