"""Conference mode on a real X server with two monitors (a laptop and a 1280x720 projector)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.run_cli import run_cli

ROOT = Path(__file__).parents[2]

pytestmark = pytest.mark.xorg


def _env(two_monitors, home: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": two_monitors.display, "HOME": str(home)}


def test_a_screen_beyond_those_there_are_is_refused_naming_them(two_monitors, tmp_path):
    result = run_cli("--present", "--screen", "5", env=_env(two_monitors, tmp_path), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "--screen 5" in lines[0]
    assert "there are 2: 1 LEFT 1920x1080 (primary), 2 RIGHT 1280x720" in lines[0]


def test_after_unplugging_and_replugging_the_projector_s_fills_it_exactly(two_monitors, tmp_path):
    try:
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "replug_probe.py"),
                "--delmonitor RIGHT",
                f"--setmonitor RIGHT {two_monitors.RIGHT} none",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(two_monitors, tmp_path),
            cwd=ROOT,
        )
    finally:
        two_monitors.ensure_plugged()
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    start, unplugged, replugged, sent = report["start"], report["unplugged"], report["replugged"], report["sent"]
    assert start["audience_screen"] == "RIGHT"
    assert start["window_geometry"] == [1920, 0, 1280, 720]
    assert unplugged["screens"] == ["LEFT"]
    assert unplugged["window_geometry"] == [0, 0, 1920, 1080]
    assert replugged["screens"] == ["LEFT", "RIGHT"]
    assert sent["audience_screen"] == "RIGHT"
    assert sent["full_screen"]
    assert sent["window_geometry"] == [1920, 0, 1280, 720]
    assert sent["text_px"] == start["text_px"]
    # The detail panel's heading stays a quarter larger than its text through each change of screen.
    for moment in (start, unplugged, replugged, sent):
        assert moment["detail_heading"] == pytest.approx(1.25, abs=0.06)
