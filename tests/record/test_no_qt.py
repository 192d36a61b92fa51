"""viewer.record never imports Qt: checked in a fresh interpreter and in the source."""

from __future__ import annotations

import ast
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


def test_validate_command_loads_no_qt() -> None:
    code = (
        "import sys, json\n"
        "from viewer.cli import main\n"
        "from viewer.paths import bundled_case\n"
        "status = main(['validate', str(bundled_case())])\n"
        "print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    status, loaded = json.loads(run.stdout.splitlines()[-1])
    assert status == 0
    assert [name for name in loaded if name.split(".")[0] in QT] == []


def test_no_qt_import_in_the_source() -> None:
    found = []
    files = sorted(RECORD.rglob("*.py"))
    assert len(files) >= 6
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module",
                "__import__",
            ):
                names = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            found += [f"{path.name}:{node.lineno}: {name}" for name in names if name.split(".")[0] in QT]
    assert found == []
