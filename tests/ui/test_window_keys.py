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


def test_a_shortcut_pressed_as_soon_as_the_window_is_active_is_honoured(qtbot):
    # The menus' items and their shortcuts are made after the first paint, or at the first key before it.
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    assert not window.document.unknown
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.document.unknown
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1


def test_the_menus_have_their_items_once_the_window_has_painted(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    bar = window.menuBar()
    # Before: only their titles, which the first paint shows.
    assert [action.text() for action in bar.actions()] == ["&File", "&View", "&Help"]
    assert all(not action.menu().actions() for action in bar.actions())
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: all(action.menu().actions() for action in bar.actions()))
    texts = [item.text() for action in bar.actions() for item in action.menu().actions()]
    assert {"&Open…", "&Quit", "&Keyboard Shortcuts"} <= set(texts)
    # And, made then, every tab's page with its views.
    from viewer.ui.source_view import SourceView
    from viewer.ui.tabs import ItemTreeView

    pages = [window.tabs.widget(index) for index in range(window.tabs.count())]
    views = [len(page.findChildren(ItemTreeView)) + isinstance(page, ItemTreeView) for page in pages[:5]]
    assert views == [1, 1, 1, 2, 1]
    assert len(pages[5].findChildren(SourceView)) == 1


@pytest.mark.parametrize("tab", ["Findings", "Discussion", "Source"])
def test_tab_reaches_a_tab_made_on_first_use_right_after_the_tab_bar(qtbot, window, tab):
    from viewer.content.sections import TAB_TITLES

    window.tabs.setCurrentIndex(TAB_TITLES.index(tab))
    bar = window.tabs.tabBar()
    _focus(qtbot, bar)
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    expected = window.source_view if tab == "Source" else window.views[tab.lower()]
    assert QApplication.focusWidget() is expected
    qtbot.keyClick(expected, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.detail
