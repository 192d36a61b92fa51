"""The presenter's keys over the audience view: a two-column table, whole, at projector sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from viewer.ui.conference.overlay import CoverOverlay
from viewer.ui.conference.talk import KEY_HELP


def _in_overlay(overlay: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(overlay, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)])
def test_each_key_and_what_it_does_sit_apart_inside_the_overlay(qtbot, size):
    room = QWidget()
    qtbot.addWidget(room)
    room.resize(*size)
    overlay = CoverOverlay(room)
    with qtbot.waitExposed(room):
        room.show()
    overlay.set_cover("help")
    QApplication.processEvents()
    assert overlay.geometry() == room.rect()
    width, height = size
    # Clear of the 5% projectors crop on every side.
    inside = QRect(round(width * 0.05), round(height * 0.05), round(width * 0.9), round(height * 0.9))
    assert [(keys.text(), action.text()) for keys, action in overlay.rows] == KEY_HELP
    boxes = [_in_overlay(overlay, overlay.title)]
    for keys, action in overlay.rows:
        key_box, action_box = _in_overlay(overlay, keys), _in_overlay(overlay, action)
        assert not key_box.intersects(action_box), keys.text()
        assert key_box.right() < action_box.left(), keys.text()
        assert key_box.top() == action_box.top(), keys.text()
        for label, box in ((keys, key_box), (action, action_box)):
            # Whole: as wide and tall as its text needs, at no less than the conference view's body
            # text (30 px on 1080 lines).
            assert box.width() >= label.sizeHint().width(), label.text()
            assert box.height() >= label.fontMetrics().height(), label.text()
            assert label.font().pixelSize() >= round(height * 30 / 1080), label.text()
        boxes.extend((key_box, action_box))
    for box in boxes:
        assert inside.contains(box), box
    # Rows one under another, none overlapping the next.
    tops = [box.top() for box in boxes[1::2]]
    assert tops == sorted(tops)
    for upper, lower in zip(boxes[1::2], boxes[3::2], strict=False):
        assert upper.bottom() < lower.top()
    # The key column is one column: every key starts at the same x, every description too.
    assert len({box.left() for box in boxes[1::2]}) == 1
    assert len({box.left() for box in boxes[2::2]}) == 1
