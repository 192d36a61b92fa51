"""The full source text, with the quotes behind the selected item highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from viewer.record.provenance import QuoteSpans


class SourceView(QPlainTextEdit):
    """Read-only source text; `show_quotes` marks quotes and scrolls to the first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("source-text")
        self.setAccessibleName("Source text")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._quotes: list[str] = []
        self._spans: QuoteSpans | None = None

    def set_source(self, text: str) -> None:
        self.setPlainText(text)
        self._quotes = []
        self._spans = None

    def _quote_spans(self) -> QuoteSpans:
        """Where quotes stand in the text shown, found once for each text, as the document counts positions."""
        if self._spans is None:
            self._spans = QuoteSpans(self.toPlainText())
        return self._spans

    def show_quotes(self, quotes: Sequence[str]) -> list[tuple[int, int]]:
        """Highlight each quote found in the text; return their (start, end) spans."""
        self._quotes = list(quotes)
        found = self._quote_spans()
        spans = [span for quote in quotes if (span := found.span(quote)) is not None]
        palette = self.palette()
        mark = QTextCharFormat()
        mark.setBackground(palette.highlight())
        mark.setForeground(palette.highlightedText())
        selections = []
        for start, end in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark
            selections.append(selection)
        self.setExtraSelections(selections)
        if spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(spans[0][1])
            self.setTextCursor(cursor)
            cursor.setPosition(spans[0][0])
            self.setTextCursor(cursor)
            self.centerCursor()
        return spans

    def quotes(self) -> list[str]:
        return list(self._quotes)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Highlight colours come from the palette, so follow a theme change.
        if event.type() == QEvent.Type.PaletteChange and self._quotes:
            self.show_quotes(self._quotes)
