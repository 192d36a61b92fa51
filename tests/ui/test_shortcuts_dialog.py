"""The Keyboard Shortcuts dialog fits an XGA projector (1024x768) at the largest text size: what does not
fit scrolls, its last row within reach."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_the_dialog_fits_a_1024x768_screen_at_the_largest_text_and_scrolls(tmp_path, theme):
    screen = {"name": "XGA", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "dpr": 1}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "shortcuts_probe.py"), theme],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screen"] == [1024, 768]
    assert report["inside"], report
    # The largest text makes the table taller than the screen: it scrolls, and its last row comes into view.
    assert report["scrolls"], report
    assert report["table_height"] > report["viewport_height"]
    assert report["last_row_in_view"], report
    assert report["last_row_whole"], report
    # What the keys do wraps rather than runs off the screen; the projector's type, half as large
    # again, may leave a word too wide for it.
    assert not report["across"] or theme == "projector"
