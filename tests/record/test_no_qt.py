"""viewer.record loads no Qt when it runs (the import contracts in pyproject.toml check its source)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import viewer.record

RECORD = Path(viewer.record.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def record_modules() -> list[str]:
    return sorted(f"viewer.record.{m.name}" for m in pkgutil.iter_modules([str(RECORD)]))


def test_modules_are_found() -> None:
    assert {"viewer.record.loader", "viewer.record.yamldoc", "viewer.record.timing"} <= set(record_modules())


def test_importing_the_record_layer_loads_no_qt() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {record_modules()!r}: importlib.import_module(name)\n"
        "from viewer.record.loader import load_record\n"
        "from viewer.paths import bundled_case\n"
        "load_record(bundled_case())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = json.loads(run.stdout)
    assert "viewer.record.loader" in loaded
    leaked = [name for name in loaded if name.split(".")[0] in QT]
    assert leaked == []
