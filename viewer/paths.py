"""The one place that finds bundled data: case records, the schema, icons, themes.

The folders `casedata/` and `resources/` sit at the top of the source tree and
are packed inside the `viewer` package in a wheel or a frozen build; this
resolver looks in the package first, then beside it. The package is always a
folder on disk (source tree, wheel, PyInstaller bundle), so `__file__` finds it
without importlib.resources, which costs start-up time.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED_CASE = "anti-mda5-ivig.case.yaml"
_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder `name` ("casedata" or "resources")."""
    packed = _PACKAGE / name
    return packed if packed.is_dir() else _PACKAGE.parent / name


def bundled_case() -> Path:
    """The bundled case record, as a real file (needed for live reload and recent files)."""
    return data_dir("casedata") / BUNDLED_CASE
