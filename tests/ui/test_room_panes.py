"""The desk's own split between the timeline and the tabs comes back after a talk, which fits the room's
view its own way (tests/ui/test_conference.py checks that on a projector's screen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def _window(qtbot) -> MainWindow:
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.resize(760, 700)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    QApplication.processEvents()
    return window


def test_the_desks_chosen_sizes_come_back_after_the_talk(qtbot):
    window = _window(qtbot)
    handle = window.panes.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, QPoint(start.x(), start.y() + 80))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), start.y() + 80))
    QApplication.processEvents()
    assert window.panes.chosen
    desk = window.panes.sizes()
    mode = window.start_conference()
    assert mode is not None
    QApplication.processEvents()
    # The room is fitted whatever the desk's choice.
    timeline, detail = window.panes.sizes()
    assert timeline > (timeline + detail) // 2
    mode.stop()
    qtbot.waitUntil(lambda: sum(window.panes.sizes()) == sum(desk), timeout=3000)
    assert window.panes.sizes() == desk
