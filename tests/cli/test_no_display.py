"""Without a display: the window says so in one line; what only draws uses Qt's offscreen platform."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.run_cli import run_cli

pytestmark = pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="X11/Wayland only")


def _no_display(home: Path) -> dict[str, str]:
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {**{key: value for key, value in os.environ.items() if key not in hidden}, "HOME": str(home)}


def test_the_window_says_no_display_was_found_and_exits_2(tmp_path):
    result = run_cli(env=_no_display(tmp_path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "no display found" in lines[0]
    assert "DISPLAY" in lines[0]
    assert "WAYLAND_DISPLAY" in lines[0]
    assert "xcb" not in result.stderr


def test_present_without_a_display_says_the_same(tmp_path):
    result = run_cli("--present", env=_no_display(tmp_path))
    assert result.returncode == 2
    assert "no display found" in result.stderr


def test_screenshots_need_no_display(tmp_path):
    result = run_cli("--screenshot", str(tmp_path / "shots"), "--size", "800x600", env=_no_display(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "shots").glob("*.png"))) == 6


def test_export_needs_no_display(tmp_path):
    out = tmp_path / "timeline.png"
    result = run_cli("export", "--png", str(out), env=_no_display(tmp_path))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("args", [("schema",), ("validate", "casedata/anti-mda5-ivig.case.yaml")])
def test_validate_and_schema_need_no_display(tmp_path, args):
    result = run_cli(*args, env=_no_display(tmp_path))
    assert result.returncode == 0, result.stderr
