"""Live reload that never loses the view, hostile files in the GUI, text that is never markup,
one handler for unexpected errors, settings that cannot stop start-up, and no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QMessageBox

from viewer.content.shown import show
from viewer.content.timeline.view import View
from viewer.draw.theme import THEMES
from viewer.draw.timeline import render_timeline
from viewer.paths import bundled_case
from viewer.record.model import ITEM_SECTIONS
from viewer.ui.errors import ExceptionHandler, log_path
from viewer.ui.settings import settings_path
from viewer.ui.window import MainWindow

DATA = Path(__file__).parents[1] / "data"
BAD = sorted((DATA / "bad").iterdir())
MARKUP = "<b>bold</b> <img src='file:///tmp/never.png'> <a href='http://example.invalid/'>link</a> &amp;"


def save_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: write a new file, then rename it over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def editing(qtbot, tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(bundled_case().read_text(encoding="utf-8"), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.document.open(path)
    return window, path


def test_a_valid_edit_updates_the_view_and_keeps_selection_and_zoom(qtbot, editing):
    window, path = editing
    window.selection.select("ivig")
    window.timeline.zoom_in()
    zoom = window.timeline.view.zoom
    assert zoom != View().zoom
    text = path.read_text(encoding="utf-8").replace("label: Rituximab under consideration", "label: Rituximab (edited)")
    save_by_rename(path, text)
    qtbot.waitUntil(lambda: window.document.record.treatments[3].label == "Rituximab (edited)", timeout=5000)
    assert window.selection.current == "ivig"
    assert window.timeline.view.zoom == zoom
    assert not window.banner.isVisible()


def test_an_invalid_edit_keeps_the_last_good_case_under_a_banner(qtbot, editing):
    window, path = editing
    good = path.read_text(encoding="utf-8")
    record = window.document.record
    save_by_rename(path, good.replace("status: not obtained", "status: lost"))
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert window.document.record is record
    assert f"{path}:" in window.banner.text()
    assert "serologies[3].status" in window.banner.text()
    assert "'lost' is not one of the allowed values" in window.banner.text()
    save_by_rename(path, good)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=5000)
    assert window.document.record is not record


def test_a_burst_of_writes_reloads_once(qtbot, editing):
    window, path = editing
    text = path.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.document.watcher.changed, timeout=5000):
        for number in range(5):
            path.write_text(text.replace("71-year-old male\n", f"71-year-old male {number}\n", 1), encoding="utf-8")
    with qtbot.assertNotEmitted(window.document.watcher.changed, wait=600):
        pass
    assert window.header.patient_label.text() == "71-year-old male 4"


def test_reload_on_demand_reports_problems_in_the_banner(qtbot, editing):
    window, path = editing
    path.write_text("format: 1\ntitle: [unclosed\n", encoding="utf-8")
    assert not window.document.reload()
    assert window.banner.isVisible()
    assert f"{path}:3:1: YAML syntax" in window.banner.text()
    assert "starts at line 2" in window.banner.text()


@pytest.mark.parametrize("bad", BAD, ids=[p.name for p in BAD])
def test_every_hostile_file_gives_a_dialog_not_a_crash(qtbot, bad):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.document.open(bundled_case())
    record = window.document.record
    assert not window.document.open(bad)
    assert window.document.record is record
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert str(bad) in boxes[0].informativeText()
    assert "Traceback" not in boxes[0].detailedText()
    boxes[0].close()


def _with_markup(tmp_path: Path) -> Path:
    """The bundled case with markup in every text field, quotes included."""
    data = yaml.safe_load(bundled_case().read_text(encoding="utf-8"))
    data["source"]["text"] += f"\n{MARKUP}\n"
    data["title"] += f" {MARKUP}"
    data["unknown_title"] += f" {MARKUP}"
    data["patient"]["summary"] += f" {MARKUP}"
    for section in ITEM_SECTIONS:
        for item in data[section]:
            for key in ("label", "detail", "note", "text", "agent", "regimen", "dose", "response", "value", "unit"):
                if key in item or key in ("note",):
                    item[key] = f"{item.get(key) or ''} {MARKUP}".strip()
            item["quotes"].append(MARKUP)
    path = tmp_path / "markup.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_record_text_is_never_interpreted_as_markup(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.document.open(_with_markup(tmp_path))
    assert MARKUP in window.header.title_label.text()
    assert window.header.title_label.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in window.header.patient_label.text()
    for section, model in window.models.items():
        for item in getattr(window.document.record, section):
            index = model.index_of(item.id)
            shown = [str(index.siblingAtColumn(c).data() or "") for c in range(model.columnCount())]
            column = next((c for c, text in enumerate(shown) if MARKUP in text), None)
            assert column is not None, (section, item.id)
            tooltip = str(index.siblingAtColumn(column).data(Qt.ItemDataRole.ToolTipRole))
            assert "&lt;b&gt;bold&lt;/b&gt;" in tooltip
            assert "&lt;img src=" in tooltip
            window.selection.select(item.id)
            assert MARKUP in window.detail.toPlainText()
    assert MARKUP in window.source_view.toPlainText()
    # What the timeline draws: the markup appears escaped as text, never as an element.
    generator = QSvgGenerator()
    svg = tmp_path / "timeline.svg"
    generator.setFileName(str(svg))
    generator.setSize(window.timeline.size())
    record = window.document.record
    with QPainter(generator) as painter:
        render_timeline(painter, QRectF(window.timeline.rect()), show(record), THEMES["light"])
    drawn = svg.read_text(encoding="utf-8")
    assert "<img" not in drawn
    assert "<a " not in drawn


SLOT_FAILED = "a slot failed"


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_and_shown_and_the_app_goes_on(qtbot, monkeypatch):
    handler = ExceptionHandler()
    monkeypatch.setattr(sys, "excepthook", handler)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.document.open(bundled_case())

    def broken() -> None:
        raise ZeroDivisionError(SLOT_FAILED)

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: handler.dialog is not None, timeout=3000)
    log = log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log
    assert "in broken" in log
    # A message may quote the case: it is never written to disk.
    assert SLOT_FAILED not in log
    assert "Traceback" in log
    assert str(log_path()) in handler.dialog.text()
    handler.dialog.close()
    window.selection.select("ivig")
    assert window.tabs.currentIndex() == 3


@pytest.mark.qt_log_ignore("QVariant::load")
def test_corrupt_settings_do_not_stop_start_up(qtbot, isolated_settings):
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    settings.setValue("view/theme", "dark")
    settings.sync()
    Path(settings.fileName()).write_bytes(
        b"\x00\xff[view]\ntheme=\xfe\xfe\ntext_percent=@Variant(\x00\x00\x00\x7f)\n\x00"
    )
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.look.theme_name in THEMES
    assert window.document.open(bundled_case())


def test_no_network_in_a_whole_session(tmp_path):
    """Every view, conference mode and exports, with socket creation made to fail."""
    script = Path(__file__).parents[1] / "offline_probe.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sockets attempted: 0" in result.stdout
    assert "QtNetwork imported: False" in result.stdout


def test_in_unknown_mode_the_banner_names_neither_the_file_nor_the_problems(qtbot, editing):
    window, path = editing
    window.menus.unknown.trigger()
    path.write_text(path.read_text(encoding="utf-8").replace("status: not obtained", "status: lost"), encoding="utf-8")
    assert not window.document.reload()
    assert window.banner.isVisible()
    assert "1 problem" in window.banner.text()
    assert path.name not in window.banner.text()
    assert "serologies" not in window.banner.text() + window.banner.toolTip()


def test_a_same_size_save_within_the_same_second_still_reloads(qtbot, editing):
    window, path = editing
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("71-year-old male\n", "71-year-old mal3\n", 1)
    path.write_text(text, encoding="utf-8")
    # A file system that keeps whole seconds: the same size and the same time.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    qtbot.waitUntil(lambda: window.header.patient_label.text() == "71-year-old mal3", timeout=5000)
