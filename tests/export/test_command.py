"""`case-viewer export`, run as a user runs it: no display, exit codes, plain messages, lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from run_cli import run_cli

from viewer import cli

DATA = Path(__file__).parents[1] / "data"
REPO = Path(__file__).parents[2]


run = run_cli


def _no_display() -> dict[str, str]:
    """The environment of a headless machine: no X, no Wayland, no platform chosen."""
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


def test_exports_all_three_without_a_display(tmp_path):
    png, svg, pdf = tmp_path / "t.png", tmp_path / "t.svg", tmp_path / "h.pdf"
    result = run("export", "--png", str(png), "--svg", str(svg), "--pdf", str(pdf), "--scale", "2", env=_no_display())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{png}: written", f"{svg}: written", f"{pdf}: written"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".part")] == []


def test_an_explicit_file_and_options(tmp_path):
    out = tmp_path / "t.png"
    result = run(
        "export", str(DATA / "good" / "minimal.case.yaml"), "--png", str(out), "--theme", "projector", "--unknown"
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


def test_nothing_to_write_is_a_usage_error():
    result = run("export")
    assert result.returncode == 2
    assert "usage: case-viewer export" in result.stderr
    assert "nothing to write: give --png, --svg or --pdf" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("option", [["--scale", "4"], ["--paper", "a5"], ["--theme", "neon"]])
def test_bad_option_values_are_usage_errors(option, tmp_path):
    result = run("export", "--png", str(tmp_path / "t.png"), *option)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


@pytest.mark.parametrize(
    ("wanted", "option", "needs"),
    [
        ("--pdf", ["--scale", "2"], "--scale sets a PNG's pixels: it needs --png"),
        ("--svg", ["--scale", "3"], "--scale sets a PNG's pixels: it needs --png"),
        ("--png", ["--care"], "--care ends the PDF handout: it needs --pdf"),
    ],
)
def test_an_option_for_a_file_not_asked_for_is_refused(wanted, option, needs, tmp_path):
    out = tmp_path / "out"
    result = run("export", wanted, str(out), *option)
    assert result.returncode == 2
    assert needs in result.stderr
    assert not out.exists()


def test_an_invalid_record_gives_located_problems_and_writes_nothing(tmp_path):
    bad = DATA / "bad" / "bad-enum-status.yaml"
    out = tmp_path / "h.pdf"
    result = run("export", str(bad), "--pdf", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:28:13: serologies[0].status: 'negativ' is not one of the allowed values")
    assert result.stdout == ""
    assert not out.exists()


def test_a_missing_record_is_a_located_problem(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    result = run("export", str(missing), "--png", str(tmp_path / "t.png"))
    assert result.returncode == 1
    assert result.stderr == f"{missing}:1:1: cannot read the file: No such file or directory\n"


def test_an_unwritable_path_is_one_plain_line(tmp_path):
    out = tmp_path / "no-such-folder" / "h.pdf"
    result = run("export", "--pdf", str(out))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {out}: No such file or directory\n"
    assert result.stdout == ""


def test_one_failure_does_not_stop_the_other_outputs(tmp_path):
    good = tmp_path / "t.svg"
    bad = tmp_path / "a-file" / "t.png"
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = run("export", "--png", str(bad), "--svg", str(good))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {bad}: Not a directory\n"
    assert result.stdout == f"{good}: written\n"
    assert good.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_leaves_the_existing_file(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    existing = folder / "h.pdf"
    existing.write_bytes(b"%PDF- the good one")
    folder.chmod(0o555)
    try:
        result = run("export", "--pdf", str(existing))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {existing}: Permission denied\n"
    assert existing.read_bytes() == b"%PDF- the good one"


def test_a_failed_replace_keeps_the_existing_file_byte_for_byte(qapp, tmp_path, monkeypatch, capsys):
    # In process, so the rename can be made to fail even for root.
    existing = tmp_path / "h.pdf"
    existing.write_bytes(b"%PDF- the good one\n")

    def refuse(_source, _destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("viewer.record.atomic.os.replace", refuse)
    assert cli.main(["export", "--pdf", str(existing)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"case-viewer export: cannot write {existing}: Permission denied\n"
    assert existing.read_bytes() == b"%PDF- the good one\n"
    # Nor is a half-written temporary left beside it.
    assert [path.name for path in tmp_path.iterdir()] == ["h.pdf"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["h.pdf"]


def test_export_prints_nothing_when_there_is_no_stdout(qapp, tmp_path, monkeypatch):
    # Windowed frozen builds have neither stdout nor stderr.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(["export", "--svg", str(tmp_path / "t.svg")]) == 0
    assert cli.main(["export", "--svg", str(tmp_path / "missing" / "t.svg")]) == 1


def test_the_window_starts_without_the_export_modules():
    code = (
        "import sys\n"
        "from viewer.ui.app import make_application\n"
        "from viewer.ui.settings import Preferences\n"
        "app = make_application()\n"
        "from viewer.ui.window import MainWindow\n"
        "from viewer.paths import bundled_case\n"
        "window = MainWindow(Preferences(persist=False))\n"
        "assert window.document.open(bundled_case())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('viewer.export') or m == 'PySide6.QtSvg')\n"
        "print(loaded)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
