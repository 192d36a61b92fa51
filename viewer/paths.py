"""The one place that finds bundled data: case records, the schema, icons, themes.

The folders `casedata/` and `resources/` sit at the top of the source tree and
are packed inside the `viewer` package in a wheel or a frozen build; this
resolver looks in the package first, then beside it.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

BUNDLED_CASE = "anti-mda5-ivig.case.yaml"


def data_dir(name: str) -> Traversable:
    """The bundled folder `name` ("casedata" or "resources")."""
    packed = files("viewer") / name
    if packed.is_dir():
        return packed
    return Path(__file__).resolve().parent.parent / name


def bundled_case() -> Path:
    """The bundled case record, as a real file (needed for live reload and recent files)."""
    return Path(str(data_dir("casedata") / BUNDLED_CASE))
