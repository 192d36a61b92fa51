"""The window against hostile or careless input: a record replaced by a named pipe, deleted, made a
folder or a dangling link; messages echoing huge values; thousands of problems; recent-file names
that no file can have or that Qt would read as markup; offsets far beyond any calendar."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.wording import describe_time
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.problems import Problem, RecordError
from viewer.ui.msgbox import show_problems
from viewer.ui.settings import settings_path
from viewer.ui.window import MainWindow

DATA = Path(__file__).parents[1] / "data"
TEN_MB = 10 * 1024 * 1024


@pytest.fixture
def editing(qtbot, tmp_path):
    path = tmp_path / "case.yaml"
    shutil.copy(bundled_case(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(path)
    return window, path


def _visible_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


# Live reload: a named pipe in the record's place


FIFO_PROBE = r"""
import json, os, shutil, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from viewer.ui.app import make_application
from viewer.paths import bundled_case

app = make_application()
from viewer.ui.window import MainWindow

path = Path(sys.argv[1]) / "case.yaml"
shutil.copy(bundled_case(), path)
window = MainWindow()
window.show()
assert window.document.open(path)
ticks = []
timer = QTimer()
timer.timeout.connect(lambda: ticks.append(1))
timer.start(20)
os.mkfifo(path.with_name("pipe"))
os.replace(path.with_name("pipe"), path)
for _ in range(500):
    QTest.qWait(20)
    if window.banner.isVisible():
        break
before = len(ticks)
QTest.qWait(300)
print(json.dumps({"banner": window.banner.text(), "ticks_after_banner": len(ticks) - before}))
"""


def test_a_named_pipe_renamed_over_the_record_never_blocks_the_window(tmp_path):
    # In a child process with a timeout: a watcher that opens the pipe blocks its thread for good.
    result = subprocess.run(
        [sys.executable, "-c", FIFO_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    shown = json.loads(result.stdout.splitlines()[-1])
    assert "is not a regular file" in shown["banner"]
    assert "showing the last good version" in shown["banner"]
    assert shown["ticks_after_banner"] > 3


# Live reload: the record disappears


def _replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _replace_with_dangling_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.with_name("nowhere.yaml"))


def _restore(path: Path, text: str) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    elif os.path.lexists(path):
        path.unlink()
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("vanish", "words"),
    [
        (Path.unlink, "the file was deleted"),
        (_replace_with_folder, "the file is now a folder"),
        (_replace_with_dangling_link, "the file is a link that points nowhere"),
    ],
    ids=["deleted", "folder", "dangling-link"],
)
def test_the_banner_says_at_once_when_the_record_disappears_and_clears_when_it_returns(qtbot, editing, vanish, words):
    window, path = editing
    text = path.read_text(encoding="utf-8")
    record = window.document.record
    vanish(path)
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert window.banner.text() == f"{path}: {words}; showing the last good version."
    assert window.document.record is record
    _restore(path, text)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=5000)
    assert window.document.record is not record
    assert window.document.record == record


def test_in_unknown_mode_the_missing_file_is_not_named(qtbot, editing):
    window, path = editing
    window.menus.unknown.trigger()
    path.unlink()
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert window.banner.text() == "The file was deleted; showing the last good version."
    assert path.name not in window.banner.text() + window.banner.toolTip()


# Huge values echoed in messages


def test_a_save_echoing_a_10_mb_value_leaves_the_window_its_width(qtbot, editing):
    window, path = editing
    width = window.width()
    huge = "x" * TEN_MB
    text = path.read_text(encoding="utf-8").replace("status: not obtained", f"status: {huge}", 1)
    path.write_text(text, encoding="utf-8")
    qtbot.waitUntil(window.banner.isVisible, timeout=60_000)
    qtbot.wait(50)
    assert window.width() == width
    assert len(window.banner.text()) < 10_000
    assert len(window.banner.toolTip()) < 100_000


def test_problems_of_10_mb_lines_neither_widen_the_window_nor_outgrow_the_screen(qtbot, editing, monkeypatch):
    window, path = editing
    width = window.width()
    # Built directly, as a record might word them: whatever the loader cuts, the window must cope alone.
    lines = [f"{path}:{n}:1: history[{n}].when.anchor: '{'y' * TEN_MB}' is not an item" for n in range(3)]

    def failing_load(_path: Path, _raw: bytes | None = None) -> None:
        raise RecordError([Problem(str(path), n, 1, "", line) for n, line in enumerate(lines)])

    monkeypatch.setattr("viewer.ui.document.load_case", failing_load)
    assert not window.document.reload()
    qtbot.wait(50)
    assert window.banner.isVisible()
    assert window.width() == width
    assert not window.document.open(path)
    (box,) = _visible_boxes(window)
    screen = window.screen().availableGeometry()
    assert box.frameGeometry().width() <= screen.width()
    assert box.frameGeometry().height() <= screen.height()
    assert len(box.informativeText()) < 10_000
    box.close()


# Thousands of problems


def test_a_dialog_of_5000_problems_lists_the_first_and_copies_them_all(qtbot, editing):
    window, path = editing
    problems = [f"{path}:{n + 1}:5: history[{n}].label: text was expected, not a number" for n in range(5000)]
    box = show_problems(window, str(path), problems)
    screen = window.screen().availableGeometry()
    assert box.frameGeometry().height() <= screen.height()
    assert box.frameGeometry().width() <= screen.width()
    listed = box.informativeText().splitlines()
    assert listed[0] == problems[0]
    assert listed[-1] == f"and {5000 - (len(listed) - 1):,} more"
    assert 1 <= len(listed) - 1 <= 20
    copy = next(button for button in box.buttons() if button.text() == "&Copy All")
    copy.click()
    assert QApplication.clipboard().text() == "\n".join(problems)
    assert box.isVisible()
    box.close()


def test_the_dialog_lists_twenty_and_counts_the_rest_where_the_screen_has_room(qtbot, editing):
    window, _ = editing
    problems = [f"case.yaml:{n + 1}:5: history[{n}]: unknown key" for n in range(5000)]
    box = show_problems(window, "case.yaml", problems)
    listed = box.informativeText().splitlines()
    assert listed == [*problems[:20], "and 4,980 more"]
    box.close()


# Recent files


def _recent_actions(window: MainWindow) -> list:
    window.menus.recent_menu.aboutToShow.emit()
    return [action for action in window.menus.recent_menu.actions() if action.text().startswith("&")]


def _use_settings(name: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "settings" / name, path)


def test_a_recent_entry_no_file_can_have_gives_the_cannot_open_message(qtbot):
    _use_settings("recent-names.conf")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.document.open(bundled_case())
    before = window.document.record
    first = _recent_actions(window)[1]
    assert first.text() == "&2 /cases/a␀b.yaml"
    first.trigger()
    (box,) = _visible_boxes(window)
    assert "/cases/a␀b.yaml:1:1: cannot read the file: no file can have this name" in box.informativeText()
    assert "unexpected" not in box.text() + box.informativeText()
    assert window.document.record is before
    box.close()


def test_ampersands_and_tabs_in_recent_names_show_literally(qtbot, tmp_path):
    _use_settings("recent-names.conf")
    real = tmp_path / "R&D\tcase & notes.yaml"
    shutil.copy(bundled_case(), real)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.document.open(real)
    texts = [action.text() for action in _recent_actions(window)]
    shown = str(real.resolve()).replace("&", "&&").replace("\t", "␉")
    assert texts == [f"&1 {shown}", "&2 /cases/a␀b.yaml", "&3 /cases/R&&D␉notes.yaml"]
    assert all("\t" not in text for text in texts)
    _recent_actions(window)[0].trigger()
    assert window.document.path == real.resolve()


# Offsets far beyond any calendar


def test_far_offsets_read_in_years_without_float_notation(tmp_path):
    text = (DATA / "good" / "minimal.case.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "{kind: offset, anchor: presentation, amount: 2, unit: day, words: Two days later}",
        "{kind: offset, anchor: presentation, amount: 100000, unit: year}",
    ).replace("{kind: same, anchor: rash}", "{kind: offset, anchor: rash, amount: 3, unit: day}")
    path = tmp_path / "far.case.yaml"
    path.write_text(text, encoding="utf-8")
    record = load_record(path)
    words = [group.tick for group in build_data(show(record)).groups if group.tick]
    assert words == ["index", "100,000 years later", "~100,000 years later"]
    assert describe_time(record.history[1].when, {"presentation": "Fever"}) == "100,000 years after Fever"
