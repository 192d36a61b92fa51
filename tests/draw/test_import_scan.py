"""PySide's look at each imported module is a read of its file, with PySide's own answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import viewer.draw.application  # puts the scan in place, as every start does
import viewer.record.model  # noqa: F401  # a module that does not use PySide
from viewer.draw.import_scan import CHECK, FEATURE_MODULE, ReadScan, scan_imports_by_reading


def _check() -> ReadScan:
    check = getattr(sys.modules[FEATURE_MODULE], CHECK)
    assert isinstance(check, ReadScan), "this PySide checks imported modules some other way: see import_scan"
    return check


def test_the_scan_answers_as_pyside_does_for_every_module_loaded() -> None:
    check = _check()
    modules = [module for module in list(sys.modules.values()) if isinstance(module, ModuleType)]
    answers = {module.__name__: check(module) for module in modules}
    assert answers == {module.__name__: check.original(module) for module in modules}
    assert answers["viewer.draw.application"] is True
    assert answers["viewer.record.model"] is False


def test_a_module_whose_file_cannot_be_read_is_left_to_pyside(tmp_path: Path) -> None:
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    folder = ModuleType("folder")
    folder.__file__ = str(tmp_path)
    check = _check()
    assert check(gone) is check.original(gone) is False
    assert check(folder) is check.original(folder) is False


def test_putting_it_in_place_again_keeps_the_one_scan() -> None:
    check = _check()
    assert scan_imports_by_reading()
    assert _check() is check


def test_the_windows_modules_are_scanned_without_keeping_their_source() -> None:
    # A fresh process, imported as the app starts: inspect.getsource would leave each text in linecache.
    script = (
        "import linecache, sys\n"
        "import viewer.ui.app\n"
        "from viewer.ui.window import MainWindow\n"
        "kept = [name for name in linecache.cache if '/viewer/ui/' in name.replace('\\\\', '/')]\n"
        "print(len([m for m in sys.modules if m.startswith('viewer.ui.')]), kept)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    loaded, kept = done.stdout.split(" ", 1)
    assert int(loaded) > 10
    assert kept.strip() == "[]"
