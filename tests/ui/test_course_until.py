"""A course's stated end is written in words in its tab row, the detail panel, the tooltip and the handout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from records import two_courses

from viewer.content.disclosure import Disclosure
from viewer.content.shown import show
from viewer.draw.theme import THEMES
from viewer.export.pdf import export_pdf
from viewer.ui.detail import detail_lines
from viewer.ui.models import ItemTableModel
from viewer.ui.selection import Selection
from viewer.ui.tabs import treatment_columns
from viewer.ui.timeline_widget import TimelineWidget

UNTIL = "60 days after Presented"


def test_the_tab_row_and_the_detail_panel_say_when_a_course_ended(qapp) -> None:
    record = two_courses()
    shown = show(record)
    labels = Disclosure(record).labels()
    model = ItemTableModel(treatment_columns(shown.treatment_order), None)
    model.set_items(record.treatments, labels, frozenset())
    index = model.index_of("ivig")
    row = [model.index(index.row(), column, index.parent()).data() for column in range(model.columnCount())]
    headers = [field.name for field in treatment_columns(shown.treatment_order)]
    assert row[headers.index("Until")] == UNTIL
    ivig = next(course for course in record.treatments if course.id == "ivig")
    assert ("field", f"Until: {UNTIL}") in detail_lines("treatments", ivig, labels)


def test_a_course_without_a_stated_end_has_no_until_line(qapp) -> None:
    record = two_courses()
    course = record.treatments[0]
    bare = type(course)(**{**{f: getattr(course, f) for f in course.__struct_fields__}, "until": None})
    assert not any(text.startswith("Until") for _, text in detail_lines("treatments", bare, {}))


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_tooltip_says_when_a_course_ended(qtbot: QtBot) -> None:
    timeline = TimelineWidget(Selection())
    qtbot.addWidget(timeline)
    timeline.set_case(show(two_courses()))
    timeline.resize(1200, 300)
    with qtbot.waitExposed(timeline):
        timeline.show()
    point = timeline.event_rect("ivig").center().toPoint()
    QApplication.sendEvent(timeline, QHelpEvent(QEvent.Type.ToolTip, point, timeline.mapToGlobal(point)))
    document = QTextDocument()
    document.setHtml(QToolTip.text())
    QToolTip.hideText()
    assert f"until {UNTIL}" in document.toPlainText()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_handout_says_when_a_course_ended(qapp, tmp_path: Path) -> None:
    record = two_courses()
    out = tmp_path / "handout.pdf"
    export_pdf(show(record), Disclosure(record), out, THEMES["light"], "a4")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert UNTIL in " ".join(text.split())
