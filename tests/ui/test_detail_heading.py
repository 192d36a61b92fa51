"""The detail panel's heading stays a quarter larger than its text whatever the text size."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo, QTextCursor

from viewer.paths import bundled_case
from viewer.ui.detail import PLACEHOLDER
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def _heading_and_body_px(window: MainWindow) -> tuple[int, int]:
    detail = window.detail
    cursor = QTextCursor(detail.document())
    cursor.setPosition(1)
    heading = QFontInfo(cursor.charFormat().font()).pixelSize()
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    body = QFontInfo(cursor.charFormat().font()).pixelSize()
    assert body == QFontInfo(detail.font()).pixelSize()
    return heading, body


def _assert_heading_scaled(window: MainWindow) -> None:
    heading, body = _heading_and_body_px(window)
    assert abs(heading - body * 1.25) <= 1.5, (heading, body)


def test_the_heading_keeps_its_size_after_text_bigger_smaller_and_a_talk(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    window.selection.select(window.document.record.treatments[0].id)
    _assert_heading_scaled(window)
    before = _heading_and_body_px(window)[1]
    for _ in range(3):
        window.look.bigger()
    assert _heading_and_body_px(window)[1] > before
    _assert_heading_scaled(window)
    window.look.smaller()
    _assert_heading_scaled(window)
    window.look.set_projector(40)
    assert _heading_and_body_px(window)[1] == 40
    _assert_heading_scaled(window)
    window.look.set_projector(None)
    _assert_heading_scaled(window)


def test_the_placeholder_after_an_item_is_in_the_texts_own_format(qtbot):
    # The placeholder is written as plain text: it must not take the heading's format left at the cursor.
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    detail = window.detail
    window.selection.select(window.document.record.treatments[0].id)
    assert _heading_and_body_px(window)[0] > QFontInfo(detail.font()).pixelSize()
    window.selection.select("")
    assert detail.toPlainText() == PLACEHOLDER
    assert detail.accessibleDescription() == PLACEHOLDER
    cursor = QTextCursor(detail.document())
    cursor.setPosition(3)
    assert not cursor.charFormat().font().bold()
    assert QFontInfo(cursor.charFormat().font()).pixelSize() == QFontInfo(detail.font()).pixelSize()
    assert detail.textCursor().position() == 0
