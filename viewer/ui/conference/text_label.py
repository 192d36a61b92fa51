"""The plain-text labels the presenter's console and the title slides are made of."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def text_label(name: str, accessible: str) -> QLabel:
    """A wrapping label named `name` for style sheets and `accessible` for screen readers; plain text,
    so that a record's words are never read as markup."""
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
