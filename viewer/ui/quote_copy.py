"""Words of the source put on the clipboard as a quote, ready to paste into a record's `quotes:`."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from viewer.record.provenance import normalise
from viewer.record.yamltext import quoted


def quote_text(text: str) -> str:
    """`text` as a YAML-safe double-quoted string; white space runs (line and paragraph breaks of a
    selection too) become one space, as the check of a quote reads them."""
    return quoted(normalise(text))


def copy_as_quote(text: str) -> None:
    """Put `text` on the clipboard as a quote to paste into a record."""
    QGuiApplication.clipboard().setText(quote_text(text))
