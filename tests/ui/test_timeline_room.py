"""The timeline uses the room: whole labels at a large size, the tabs keep theirs, the splitter is remembered."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import Layout, View
from viewer.draw.theme import THEMES
from viewer.draw.timeline import qt_metrics
from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


def opened(qtbot: QtBot, width: int, height: int, theme: str = "light") -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.look.set_theme(theme, remember=False)
    window.resize(width, height)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    qtbot.wait(10)
    return window


def shown_layout(window: MainWindow) -> Layout:
    """The layout of the window's timeline at its size, as its paint routine gets it."""
    timeline = window.timeline
    shown = window.document.shown
    assert shown is not None
    metrics = qt_metrics(timeline.font(), timeline)
    return compute_layout(build_data(shown), timeline.width(), timeline.height(), View(), metrics)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_at_1920_by_1080_every_label_of_the_bundled_case_is_whole(qtbot: QtBot, theme: str) -> None:
    window = opened(qtbot, 1920, 1080, theme)
    layout = shown_layout(window)
    metrics = qt_metrics(window.timeline.font(), window.timeline)
    # "~Presented" alone is wider than its room in the projector's large type: that label cannot wrap whole.
    too_wide = {
        mark.label
        for row in layout.lanes
        for mark in row.marks
        if metrics.text_width(mark.label.split(" ")[0]) > mark.label_width > 0
    }
    for row in layout.lanes:
        for mark in row.marks:
            if mark.label in too_wide:
                continue
            assert mark.label_width > 0, mark.label
            assert " ".join(mark.label_lines) == mark.label
            assert all(metrics.text_width(line) <= mark.label_width + 0.01 for line in mark.label_lines), mark.label
            # Nor is it cut at the window's edge.
            assert layout.screen_x(layout.label_x(mark)) + mark.label_width <= layout.width
    assert len(too_wide) <= (1 if theme == "projector" else 0)


def test_at_1024_by_768_the_tabs_keep_most_of_the_height(qtbot: QtBot) -> None:
    window = opened(qtbot, 1024, 768)
    timeline, lower = window.panes.sizes()
    assert timeline <= lower
    assert timeline >= window.timeline.minimumSizeHint().height()


def test_the_splitter_keeps_the_users_choice_in_a_new_window(qtbot: QtBot) -> None:
    first = opened(qtbot, 1280, 860)
    total = sum(first.panes.sizes())
    chosen = [total // 2 + 40, total - total // 2 - 40]
    first.panes.setSizes(chosen)
    # What a drag says: the window keeps the user's sizes from then on.
    first.panes.splitterMoved.emit(chosen[0], 1)
    assert first.panes.sizes() == chosen
    first.close()
    second = opened(qtbot, 1280, 860)
    assert second.panes.sizes() == chosen


def test_an_oversized_splitter_state_is_not_read(qtbot: QtBot) -> None:
    from PySide6.QtCore import QByteArray, QSettings

    from viewer.ui.settings import settings_path

    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    settings.setValue("window/panes", QByteArray(b"\x00" * 100_000))
    settings.sync()
    assert Preferences().panes() is None
    settings.setValue("window/panes", "garbage")
    settings.sync()
    assert Preferences().panes() is None
