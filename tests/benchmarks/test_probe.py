"""The start-up benchmark's probe measures what it says: each kind paints once and reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.run import LATE_CLASSES, LATE_MODULES, installed_package
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import timed_items

REPO = Path(__file__).resolve().parents[2]


def _probe(kind: str, home: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "benchmarks/startup_probe.py", kind, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert started < report["painted_at"] < time.monotonic()
    assert report["rss_kb"] > 0
    return report


@pytest.mark.parametrize("kind", ["bare", "floor"])
def test_the_references_paint_once_and_report(kind: str, tmp_path: Path) -> None:
    modules = set(_probe(kind, tmp_path)["modules"])
    # Neither loads the app; the floor carries the library the app starts with.
    assert not any(name.startswith("viewer") for name in modules)
    assert ("msgspec" in modules) == (kind == "floor")


def test_the_app_shows_the_bundled_case_from_its_checked_form_as_installed(tmp_path: Path) -> None:
    installed = _probe("app", tmp_path, str(installed_package(tmp_path)))
    source_tree = _probe("app", tmp_path)
    shown = len(timed_items(load_record(bundled_case())))
    assert installed["items"] == source_tree["items"] == shown
    # Installed, the bundled case is decoded from its checked form; the source tree has none: parsed.
    assert "yaml" not in installed["modules"]
    assert "yaml" in source_tree["modules"]
    # What waits for its first use (export, SQLite, the author's aids, figures' decoding ...) is not loaded yet.
    assert [name for name in installed["modules"] if name.startswith(LATE_MODULES)] == []
    # Nor are the classes PySide would make, with their enums, for what the first paint does not need.
    assert "QtWidgets.QMainWindow" in installed["qt_classes"]
    assert set(installed["qt_classes"]).isdisjoint(LATE_CLASSES)


def test_the_bare_windows_of_the_benchmarks_are_the_size_of_the_apps_first_window() -> None:
    import runpy

    from benchmarks.startup_probe import BARE_SIZE
    from viewer.ui.window import DEFAULT_SIZE

    frozen = runpy.run_path(str(REPO / "packaging" / "bare_window.py"))
    assert BARE_SIZE == frozen["SIZE"] == DEFAULT_SIZE
