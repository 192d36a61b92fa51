"""Window-wide keys work from every widget, the timeline (where focus starts) included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    window.activateWindow()
    return window


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _widgets(window: MainWindow) -> dict[str, QWidget]:
    return {"timeline": window.timeline, "detail": window.detail, "list": window.views["history"]}


@pytest.mark.parametrize("where", ["timeline", "detail", "list"])
def test_ctrl_tab_and_ctrl_shift_tab_change_tabs_from_anywhere(qtbot, window, where):
    window.tabs.setCurrentIndex(0)
    widget = _widgets(window)[where]
    _focus(qtbot, widget)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.tabs.currentIndex() == 1


def test_the_timeline_has_focus_at_the_start_and_ctrl_tab_wraps_around(qtbot, window):
    _focus(qtbot, window.timeline)
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert window.timeline.hasFocus()


@pytest.mark.parametrize("where", ["timeline", "detail", "list"])
def test_menu_shortcuts_work_from_anywhere(qtbot, window, where):
    _focus(qtbot, _widgets(window)[where])
    assert not window.document.unknown
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.document.unknown
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.unknown
