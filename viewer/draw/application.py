"""Making the one Qt application of a process, as the window and the headless exports both do."""

from __future__ import annotations

import sys
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from viewer import __version__
from viewer.draw.import_scan import scan_imports_by_reading

# Before the window's modules are imported: each is then looked at by a read of its file (import_scan).
scan_imports_by_reading()

App = TypeVar("App", bound=QCoreApplication)


def make_named(kind: type[App], arguments: list[str] | None = None) -> App:
    """A new application of `kind`, with Case Viewer's names, which settings and logs are found by.

    `arguments` are the command line Qt reads (the program's name alone by default)."""
    QCoreApplication.setOrganizationName("CaseViewer")
    QCoreApplication.setApplicationName("case-viewer")
    QCoreApplication.setApplicationVersion(__version__)
    return kind(arguments if arguments is not None else sys.argv[:1])
