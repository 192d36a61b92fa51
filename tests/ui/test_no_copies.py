"""No copy of a user's case is kept on disk, and the copies earlier releases kept are deleted at start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from viewer.ui.window import MainWindow

GOOD = Path(__file__).parents[1] / "data" / "good" / "minimal.case.yaml"
REPO = Path(__file__).resolve().parents[2]
MARK = "Zebra-striped marker case"
"""A title found in no file but the user's own."""


def test_opening_a_users_record_writes_no_copy_of_it(qtbot, tmp_path: Path, isolated_settings: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    case = mine / "case.yaml"
    case.write_text(GOOD.read_text().replace("title: A minimal case", f"title: {MARK}", 1))
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(case)
    assert window.document.reload()
    window.close()
    QSettings().sync()
    written = [path for path in isolated_settings.rglob("*") if path.is_file()]
    # The settings may name the file (recent files); no file holds what it says.
    assert not [path for path in written if MARK.encode() in path.read_bytes() or b"rash appeared" in path.read_bytes()]
    assert [path for path in written if not path.is_relative_to(isolated_settings / "config")] == []
    assert sorted(path.name for path in mine.iterdir()) == ["case.yaml"]


def _start_and_wait(home: Path, gone: Path) -> bool:
    """Start the viewer with `home` as its home; whether `gone` disappeared before it had been up a minute."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "viewer"], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while os.path.lexists(gone) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        return not os.path.lexists(gone)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_old_cache_of_records_is_deleted_at_start(tmp_path: Path) -> None:
    records = tmp_path / "cache" / "CaseViewer" / "case-viewer" / "records"
    records.mkdir(parents=True)
    (records / "0badf00d.msgpack").write_bytes(b"a checked copy of a case")
    (records / "0badf00d.msgpack.4242.tmp").write_bytes(b"half a copy")
    os.mkfifo(records / "fifo.msgpack")
    (records / "zero.msgpack").symlink_to("/dev/zero")
    assert _start_and_wait(tmp_path, records)
    assert (tmp_path / "cache" / "CaseViewer" / "case-viewer").is_dir()


def test_only_the_old_entries_are_deleted(tmp_path: Path) -> None:
    records = tmp_path / "cache" / "CaseViewer" / "case-viewer" / "records"
    records.mkdir(parents=True)
    entry = records / "0badf00d.msgpack"
    entry.write_bytes(b"a checked copy of a case")
    (records / "notes.txt").write_text("not ours")
    assert _start_and_wait(tmp_path, entry)
    assert sorted(path.name for path in records.iterdir()) == ["notes.txt"]
