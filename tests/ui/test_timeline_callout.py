"""Keyboard focus inside a cluster: a callout names the focused event."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from viewer.content.shown import show
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.ui.selection import Selection
from viewer.ui.timeline_widget import TimelineWidget

SEROLOGIES = ["Aldolase", "CK", "Anti-Jo-1", "Anti-Mi-2", "ANA", "RF", "Anti-CCP"]


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def widget(qtbot: QtBot, selection: Selection) -> TimelineWidget:
    timeline = TimelineWidget(selection)
    qtbot.addWidget(timeline)
    timeline.set_case(show(load_record(bundled_case())))
    timeline.resize(1200, 260)
    with qtbot.waitExposed(timeline):
        timeline.show()
    timeline.activateWindow()
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    return timeline


def _to(qtbot: QtBot, widget: TimelineWidget, item_id: str) -> None:
    for _ in range(40):
        if widget.focused == item_id:
            return
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    pytest.fail(f"Right never reached {item_id}")


def _differs(before: QImage, after: QImage, box: QRectF) -> bool:
    rect = box.toAlignedRect()
    return any(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(rect.left(), rect.right(), 2)
        for y in range(rect.top(), rect.bottom(), 2)
    )


def test_stepping_through_a_cluster_names_each_event_in_a_callout(qtbot: QtBot, widget: TimelineWidget) -> None:
    _to(qtbot, widget, "aldolase")
    seen = []
    for _ in SEROLOGIES:
        callout = widget.focus_callout()
        assert callout is not None
        text, box, anchor = callout
        seen.append(text)
        # Beside the cluster's marker, inside the widget, clear of the lane titles.
        assert QRectF(widget.rect()).contains(box)
        assert not box.intersects(anchor)
        assert abs(box.center().x() - anchor.center().x()) < box.width() / 2 + 1
        assert widget.event_rect(widget.focused) == anchor
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert seen == [f"{number} of 7: {name}" for number, name in enumerate(SEROLOGIES, start=1)]


def test_the_callout_is_painted_and_goes_with_focus(qtbot: QtBot, widget: TimelineWidget) -> None:
    _to(qtbot, widget, "anti-mi-2")
    callout = widget.focus_callout()
    assert callout is not None
    _, box, _ = callout
    focused = widget.grab().toImage()
    widget.clearFocus()
    qtbot.waitUntil(lambda: not widget.hasFocus())
    assert widget.focus_callout() is None
    unfocused = widget.grab().toImage()
    assert _differs(focused, unfocused, box)


def test_a_single_event_needs_no_callout(qtbot: QtBot, widget: TimelineWidget) -> None:
    _to(qtbot, widget, "ivig")
    assert widget.focus_callout() is None


def test_a_withheld_event_in_a_cluster_is_named_as_withheld(qtbot: QtBot) -> None:
    case = show(load_record(bundled_case()))
    timeline = TimelineWidget(Selection())
    qtbot.addWidget(timeline)
    timeline.set_case(case, {"ck": "Withheld test"})
    timeline.resize(1200, 260)
    with qtbot.waitExposed(timeline):
        timeline.show()
    timeline.activateWindow()
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    _to(qtbot, timeline, "ck")
    callout = timeline.focus_callout()
    assert callout is not None
    assert callout[0] == "2 of 7: Withheld test"


def test_a_selection_made_elsewhere_shows_no_callout_until_a_key_steps(
    qtbot: QtBot, widget: TimelineWidget, selection: Selection
) -> None:
    _to(qtbot, widget, "ck")
    assert widget.focus_callout() is not None
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert widget.focus_callout() is not None
    selection.select("anti-jo-1")
    assert widget.focused == "anti-jo-1"
    assert widget.focus_callout() is None
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    callout = widget.focus_callout()
    assert callout is not None
    assert callout[0] == "4 of 7: Anti-Mi-2"
