"""A label too wide for the gap to the next marker takes the lane's second row before it is cut."""

from __future__ import annotations

import re
from html import unescape

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
from PySide6.QtGui import QFont, QPainter
from PySide6.QtSvg import QSvgGenerator

from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.timeline.hittest import hit_test
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.marks import STAGGER_LINES
from viewer.content.timeline.view import Layout, Mark, View
from viewer.draw.theme import THEMES
from viewer.draw.timeline import paint_timeline, qt_metrics
from viewer.paths import bundled_case
from viewer.record.loader import load_record

PRESENTED = "Presented with fatigue, weight loss and progressive dyspnea"
INITIAL = "Initial evaluation suggested ILD of unclear etiology"


def font() -> QFont:
    chosen = QFont("DejaVu Sans")
    chosen.setPixelSize(13)
    return chosen


def lay_out(width: int, height: int) -> Layout:
    record = load_record(bundled_case())
    return compute_layout(build_data(show(record)), width, height, View(), qt_metrics(font()))


def history_mark(lay: Layout, label: str) -> Mark:
    return next(mark for mark in lay.lanes[0].marks if mark.label == label)


def svg_text(lay: Layout) -> list[str]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    width, height = round(lay.width), round(lay.height)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    painter = QPainter(generator)
    paint_timeline(painter, QRectF(0, 0, width, height), lay, THEMES["light"], font=font())
    painter.end()
    svg = bytes(data.data()).decode()
    return [unescape(text).strip() for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.usefixtures("qapp")
def test_with_room_below_a_label_wider_than_its_gap_passes_under_the_next_marker_whole() -> None:
    lay = lay_out(1024, 420)
    row = lay.lanes[0]
    assert row.lines >= STAGGER_LINES
    presented, initial = history_mark(lay, PRESENTED), history_mark(lay, INITIAL)
    # Beside its marker "Presented" alone is wider than the gap to the next one.
    width = qt_metrics(font()).text_width
    assert width("Presented") > initial.x - presented.x - lay.marker
    assert presented.label_row == 1
    assert " ".join(presented.label_lines) == PRESENTED
    assert all(width(line) <= presented.label_width + 0.01 for line in presented.label_lines)
    top = lay.label_top(0, presented)
    # Below the markers' line, and clear of the next label, lifted so its last line ends where this one starts.
    assert top >= row.y + lay.marker / 2
    assert initial.label_row == -1
    assert lay.label_top(0, initial) + len(initial.label_lines) * lay.line_height == pytest.approx(top)
    assert " ".join(initial.label_lines) == INITIAL
    # It is clicked where it is drawn, under the next marker too.
    under = lay.screen_x(initial.x)
    hit = hit_test(lay, under, top + lay.line_height / 2)
    assert hit is not None
    assert hit.item_ids == presented.item_ids
    hit = hit_test(lay, under, row.y)
    assert hit is not None
    assert hit.item_ids == initial.item_ids
    painted = svg_text(lay)
    for line in (*presented.label_lines, *initial.label_lines):
        assert line in painted


@pytest.mark.usefixtures("qapp")
def test_without_room_for_a_second_row_the_label_is_cut_beside_its_marker() -> None:
    lay = lay_out(1024, 150)
    assert lay.lanes[0].lines < STAGGER_LINES
    presented = history_mark(lay, PRESENTED)
    assert presented.label_row == 0
    assert all(mark.label_row == 0 for row in lay.lanes for mark in row.marks)
    painted = svg_text(lay)
    assert PRESENTED not in painted
    assert any(words.endswith("…") for words in painted)
