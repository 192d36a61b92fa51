"""The tabs' tables on a large record: the chosen row comes into view, and rows wrap to fit their text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFontMetricsF

from benchmarks.synthetic import synthetic_yaml
from viewer.content import fields
from viewer.content.sections import SECTION_TAB
from viewer.content.timeline.hittest import Hit, hit_test
from viewer.paths import bundled_case
from viewer.record.loader import load_record, load_record_bytes
from viewer.record.model import CaseRecord
from viewer.ui.models import ITEM_ID_ROLE
from viewer.ui.settings import Preferences
from viewer.ui.tabs import HISTORY_COLUMNS, ItemTreeView
from viewer.ui.window import MainWindow

# The offscreen platform cannot raise popups or grab the keyboard for them; menus still work.
offscreen_popups = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record_bytes(synthetic_yaml(1_000).encode(), "synthetic-1000")


@pytest.fixture
def window(qtbot, record):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitExposed(window):
        window.show()
    window.document.set_record(record)
    qtbot.wait(1)
    return window


def _clusters(window: MainWindow) -> list[Hit]:
    timeline = window.timeline
    layout = timeline._current_layout()
    assert layout is not None
    hits = {}
    for item_id in layout.index:
        centre = timeline.event_rect(item_id).center()
        hit = hit_test(layout, centre.x(), centre.y())
        if hit is not None and hit.is_cluster:
            hits[hit.item_ids] = hit
    return list(hits.values())


def _deepest_entry(window: MainWindow) -> tuple[Hit, str, ItemTreeView]:
    """The cluster entry whose row is furthest down its table."""
    best: tuple[int, Hit, str, ItemTreeView] | None = None
    for hit in _clusters(window):
        for item_id in hit.item_ids:
            found = window.document.find(item_id)
            assert found is not None
            view = window.views[found[0]]
            row = view.model().index_of(item_id).row()
            if best is None or row > best[0]:
                best = (row, hit, item_id, view)
    assert best is not None
    return best[1], best[2], best[3]


def _row_in_view(view: ItemTreeView, item_id: str) -> bool:
    rect = view.visualRect(view.model().index_of(item_id))
    return rect.isValid() and view.viewport().rect().contains(rect)


def _choose(window: MainWindow, hit: Hit, item_id: str) -> None:
    timeline = window.timeline
    timeline._open_cluster_menu(hit, timeline.event_rect(item_id).center().toPoint())
    menu = timeline._cluster_menu
    (action,) = [action for action in menu.actions() if action.data() == item_id]
    action.trigger()
    menu.hide()


@offscreen_popups
def test_choosing_a_cluster_entry_brings_its_row_into_view(window, qtbot):
    hit, item_id, view = _deepest_entry(window)
    assert view.model().index_of(item_id).row() > 100, "the entry must be well below the table's first screen"
    _choose(window, hit, item_id)
    qtbot.waitUntil(lambda: view.isVisible())
    qtbot.wait(1)
    assert view.currentIndex().siblingAtColumn(0).data(ITEM_ID_ROLE) == item_id
    assert _row_in_view(view, item_id)


@offscreen_popups
def test_a_row_chosen_after_its_hidden_table_was_resized_comes_into_view(window, qtbot):
    hit, item_id, view = _deepest_entry(window)
    section = window.document.find(item_id)
    assert section is not None
    window.tabs.setCurrentIndex(SECTION_TAB[section[0]])
    qtbot.wait(1)
    window.tabs.setCurrentIndex(5)
    # The table, hidden, gets more room: its columns widen and its rows grow shorter.
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.tabs.width() > 1000)
    qtbot.wait(1)
    _choose(window, hit, item_id)
    qtbot.wait(1)
    assert view.isVisible()
    assert _row_in_view(view, item_id)


@offscreen_popups
def test_the_chosen_row_stays_in_view_when_the_columns_are_fitted_again(window, qtbot):
    hit, item_id, view = _deepest_entry(window)
    _choose(window, hit, item_id)
    qtbot.wait(1)
    # More room: the columns widen, the rows wrap less and grow shorter.
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: view.width() > 1000)
    qtbot.wait(1)
    assert _row_in_view(view, item_id)


def test_a_long_label_wraps_its_row_taller_than_one_line(window, qtbot):
    view = window.views["history"]
    window.tabs.setCurrentIndex(0)
    qtbot.wait(1)
    model = view.model()
    short = view.visualRect(model.index(0, 0)).height()
    long_text = "A very long history label that cannot fit in one line of its column " * 6
    items = list(window.document.disclosure.record.history)
    items[0] = msgspec.structs.replace(items[0], label=long_text)
    model.set_items(items, window.document.labels)
    qtbot.wait(1)
    index = model.index(0, HISTORY_COLUMNS.index(fields.KINDS["history"].title))
    assert index.data() == long_text
    tall = view.visualRect(index).height()
    assert tall > 2 * short
    assert view.visualRect(model.index(1, 0)).height() < tall
    assert view.visualRect(index.siblingAtColumn(0)).height() == tall, "a row is one height across its cells"
    assert not view.isFirstColumnSpanned(0, QModelIndex())


@pytest.mark.xvfb
def test_a_cluster_entry_chosen_under_a_real_x_server_brings_its_row_into_view(xvfb_display):
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parents[1] / "cluster_probe.py")],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display},
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["row"] > 100, "the entry must be well below the table's first screen"
    assert report["shown"]
    assert report["current"]
    assert report["chosen"]["in_view"], json.dumps(report)
    assert report["view_width"] < report["chosen_width"] - 300
    assert report["resized"]["in_view"], json.dumps(report)


def test_rows_chosen_while_their_tab_was_hidden_are_as_tall_as_their_text(qtbot):
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitExposed(window):
        window.show()
    record = load_record(bundled_case())
    window.document.set_record(record)
    qtbot.wait(1)
    # Chosen while the Serologies tab is hidden: its rows were measured at no fitted widths yet.
    window.selection.select(record.serologies[0].id)
    qtbot.wait(1)
    window.tabs.setCurrentIndex(SECTION_TAB["serologies"])
    qtbot.wait(1)
    view = window.views["serologies"]
    model = view.model()
    metrics = QFontMetricsF(view.font())
    one_line = []
    for group in range(model.rowCount()):
        heading = model.index(group, 0)
        for row in range(model.rowCount(heading)):
            cells = [model.index(row, column, heading) for column in range(model.columnCount())]
            fits = all(
                view.isColumnHidden(cell.column())
                or metrics.horizontalAdvance(str(cell.data() or ""))
                + 6
                + (view.indentation() if not cell.column() else 0)
                <= view.columnWidth(cell.column())
                for cell in cells
            )
            if fits:
                one_line.append(view.visualRect(cells[0]).height())
    assert len(one_line) >= 3
    # Every row whose text fits its columns is one line tall, the same height.
    assert len(set(one_line)) == 1
    assert one_line[0] < 2 * metrics.height()


def test_a_column_of_spaces_alone_is_fitted(qtbot):
    from records import QUOTE, small_record

    from viewer.record.model import HistoryItem

    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitExposed(window):
        window.show()
    # A label of one space is valid (a text is at least one character): it has no word to keep whole.
    window.document.set_record(small_record("Spaces", history=[HistoryItem(id="a", label=" ", quotes=QUOTE)]))
    window.tabs.setCurrentIndex(SECTION_TAB["history"])
    qtbot.wait(1)
    view = window.views["history"]
    assert view.model().rowCount() == 1
    assert view.columnWidth(0) > 0
