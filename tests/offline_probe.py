"""Runs a whole GUI session with every way of making a network socket broken, then
reports how many sockets were attempted and whether QtNetwork was ever imported.
Run in a subprocess by tests/ui/test_robustness.py."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

attempts = 0


def refuse(*_args: object, **_kwargs: object) -> None:
    global attempts
    attempts += 1
    raise OSError("network access is not allowed here")


class NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        refuse()


socket.socket = NoSocket  # type: ignore[misc]
socket.create_connection = refuse  # type: ignore[assignment]
socket.getaddrinfo = refuse  # type: ignore[assignment]


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from viewer.cli import main as cli
    from viewer.paths import bundled_case
    from viewer.record.model import timed_items
    from viewer.ui.app import make_application
    from viewer.ui.settings import Preferences
    from viewer.ui.window import MainWindow

    out = Path(sys.argv[1])
    app = make_application()
    window = MainWindow(Preferences(persist=False))
    window.show()
    assert window.document.open(bundled_case())
    record = window.document.record
    assert record is not None
    for _, item in timed_items(record):
        window.selection.select(item.id)
        app.processEvents()
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        app.processEvents()
    for theme in ("dark", "projector", "light"):
        window.look.set_theme(theme, remember=False)
    window.document.set_unknown(True)
    mode = window.start_conference()
    assert mode is not None
    for _ in mode.talk.steps:
        QTest.keyClick(window, Qt.Key.Key_PageDown)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    window.close()
    status = cli(["export", "--png", str(out / "t.png"), "--svg", str(out / "t.svg"), "--pdf", str(out / "h.pdf")])
    assert status == 0, status
    assert cli(["--screenshot", str(out / "shots")]) == 0
    print(f"sockets attempted: {attempts}")
    print(f"QtNetwork imported: {'PySide6.QtNetwork' in sys.modules}")


if __name__ == "__main__":
    main()
