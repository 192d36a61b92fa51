"""PySide's look at every module imported after it, made a plain read of the module's file.

Once PySide6.QtCore is loaded, each import statement passes through PySide's import hook, which asks,
the first time it meets a module, whether the module uses PySide (only such a module may switch on
`from __feature__ import ...`). It answers with inspect.getsource: the file read through linecache,
its encoding detected, every module in sys.modules walked to match it, and the text kept in linecache.
The window's start meets about a hundred modules that way, 15 ms of its start-up on a quiet machine
and more under load. The same answer, whether "PySide6" is in the file, costs one read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
"""PySide's module that holds the check, loaded with PySide6.QtCore."""
CHECK = "_mod_uses_pyside"
"""The check's name there: a private one, which no stub declares (so it is reached by name)."""


class ReadScan:
    """PySide's check answered from the bytes of the module's source file; PySide's own (`original`) for a
    module with none that can be read (built in, compiled, frozen)."""

    def __init__(self, original: Callable[[ModuleType], bool]) -> None:
        self.original = original

    def __call__(self, module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return self.original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return self.original(module)


def scan_imports_by_reading() -> bool:
    """Put a ReadScan in the place of PySide's check, once; False when this PySide has no such check."""
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK, None)
    if feature is None or not callable(check):
        return False
    if not isinstance(check, ReadScan):
        setattr(feature, CHECK, ReadScan(check))
    return True
