"""Guards against a Qt binding that is known to corrupt the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QStringListModel


def test_reading_an_empty_cell_keeps_none_alive():
    # PySide6 6.12.0 on Python 3.11 decrements None on every empty QModelIndex.data(),
    # which later aborts the process ("deallocating None"); pyproject.toml excludes it.
    model = QStringListModel()
    model.setStringList(["a"])
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert index.data(999) is None
    assert sys.getrefcount(None) >= before - 10
