"""What each command loads, run as a user runs it: an export draws without widgets; validate and schema load no Qt.

The import contracts in pyproject.toml check the source; these check what a run really imports, lazy imports too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.paths import bundled_case

REPO = Path(__file__).parents[2]
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
# `python -m viewer ARGS...`, then the names in sys.modules written to the file named first.
RUN_AND_LIST_MODULES = (
    "import json, runpy, sys\n"
    "listing = sys.argv.pop(1)\n"
    "try:\n"
    "    runpy.run_module('viewer', run_name='__main__', alter_sys=True)\n"
    "finally:\n"
    "    with open(listing, 'w') as out:\n"
    "        json.dump(sorted(sys.modules), out)\n"
)


def run_listing_modules(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    listing = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
        check=False,
    )
    return result, json.loads(listing.read_text(encoding="utf-8"))


@pytest.mark.parametrize("option", ["--pdf", "--png", "--svg"])
def test_an_export_loads_no_widgets(tmp_path: Path, option: str) -> None:
    out = tmp_path / f"out.{option[2:]}"
    result, loaded = run_listing_modules(tmp_path, "export", option, str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    assert "PySide6.QtGui" in loaded
    assert "PySide6.QtWidgets" not in loaded


@pytest.mark.parametrize(
    "args",
    [["validate", str(bundled_case())], ["schema"], ["library", str(bundled_case().parent)]],
    ids=["validate", "schema", "library"],
)
def test_validate_and_schema_load_no_qt(tmp_path: Path, args: list[str]) -> None:
    result, loaded = run_listing_modules(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout
    assert "viewer.cli" in loaded
    assert [name for name in loaded if name.split(".")[0] in QT] == []
