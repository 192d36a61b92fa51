"""Screen readers are told when the focused event or the selected row changes, by name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from tests.ui.accessibility import accessibility_events
from viewer.paths import bundled_case
from viewer.record.model import timed_items
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    window.activateWindow()
    window.timeline.setFocus()
    qtbot.waitUntil(window.timeline.hasFocus)
    return window


def _about(sent, widget, kind):
    return [event.object_name for event in sent if event.object is widget and event.kind == kind]


def test_each_step_through_the_timeline_announces_the_focused_event(qtbot, window):
    timeline = window.timeline
    labels = {item.id: item.label for _, item in timed_items(window.document.record)}
    for _ in range(3):
        with accessibility_events() as sent:
            qtbot.keyClick(timeline, Qt.Key.Key_Right)
        focused = timeline.focused
        name = timeline.event_name(focused)
        assert labels[focused] in name
        assert _about(sent, timeline, QAccessible.Event.NameChanged) == [name]
        assert _about(sent, timeline, QAccessible.Event.Focus) == [name]
    with accessibility_events() as sent:
        qtbot.keyClick(timeline, Qt.Key.Key_Down)
    assert _about(sent, timeline, QAccessible.Event.Focus) == [timeline.event_name(timeline.focused)]


def test_a_withheld_event_is_announced_by_its_withheld_name(qtbot, window):
    document = window.document
    document.set_unknown(True)
    assert document.disclosure is not None
    items = [item for _, item in timed_items(document.record)]
    labels = {item.id: item.label for item in items}
    withheld = {item.id: document.labels[item.id] for item in items if document.disclosure.withheld(item)}
    assert withheld
    timeline = window.timeline
    heard = []
    with accessibility_events() as sent:
        for _ in range(len(labels)):
            qtbot.keyClick(timeline, Qt.Key.Key_Right)
            heard.append(timeline.focused)
    names = _about(sent, timeline, QAccessible.Event.Focus)
    assert len(names) == len(set(heard))
    spoken = " ".join(event.object_name for event in sent)
    assert set(heard) & set(withheld)
    for item_id in set(heard) & set(withheld):
        assert withheld[item_id] in spoken
        assert labels[item_id] not in spoken, item_id


def test_moving_through_a_table_announces_the_selected_row(qtbot, window):
    view = window.views["serologies"]
    window.tabs.setCurrentIndex(2)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    with accessibility_events() as sent:
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Down)
    current = view.currentIndex().siblingAtColumn(0).data()
    focus = [event.object_name for event in sent if event.kind == QAccessible.Event.Focus]
    assert focus
    assert focus[-1] == current
