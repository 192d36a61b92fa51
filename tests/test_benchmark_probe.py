"""The start-up benchmark's probe measures what it says: each kind paints once and reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import timed_items

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["bare", "app", "floor"])
def test_each_kind_reports_its_first_paint(kind: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "benchmarks/startup_probe.py", kind],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert started < report["painted_at"] < time.monotonic()
    assert report["rss_kb"] > 0
    modules = set(report["modules"])
    # The bare window is bare; the floor carries the app's libraries; the app shows the bundled case.
    assert ({"msgspec", "yaml"} <= modules) == (kind != "bare")
    assert any(name.startswith("viewer") for name in modules) == (kind == "app")
    shown = len(timed_items(load_record(bundled_case()))) if kind == "app" else 0
    assert report.get("items", 0) == shown
