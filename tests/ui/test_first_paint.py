"""Work put off until a window has painted, or until the user's first key or click if that is sooner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from viewer.ui.first_paint import AfterFirstPaint


def test_the_actions_run_once_after_the_first_paint(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    ran: list[str] = []
    AfterFirstPaint(window, [lambda: ran.append("first"), lambda: ran.append("second")])
    assert ran == []
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: bool(ran))
    window.update()
    QApplication.processEvents()
    assert ran == ["first", "second"]


def test_a_key_before_the_first_paint_runs_them_first_when_asked_to(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    ran: list[str] = []
    AfterFirstPaint(window, [lambda: ran.append("made")], early=[])
    # Not shown, so not painted: the key alone runs them, before the window handles it.
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert ran == ["made"]
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert ran == ["made"]


def test_a_click_on_a_watched_widget_runs_them(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Menu", window)
    ran: list[str] = []
    AfterFirstPaint(window, [lambda: ran.append("made")], early=[button])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ran == ["made"]


def test_without_early_a_key_waits_for_the_paint(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    ran: list[str] = []
    AfterFirstPaint(window, [lambda: ran.append("made")])
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert ran == []
