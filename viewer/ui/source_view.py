"""The full source text, with the quotes behind the selected item highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from viewer.record.provenance import QuoteSpans
from viewer.ui.document import Document
from viewer.ui.selection import Selection


class SourceView(QPlainTextEdit):
    """Read-only source text as `document` shows it, with the quotes of the item `selection` holds marked
    and scrolled to (none while that item is withheld)."""

    def __init__(self, document: Document, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.setReadOnly(True)
        self.setObjectName("source-text")
        self.setAccessibleName("Source text")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._quotes: list[str] = []
        self._spans: QuoteSpans | None = None
        selection.changed.connect(self._on_selection_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    @Slot()
    def _on_disclosure_changed(self) -> None:
        if self._document.disclosure is not None:
            self.set_source(self._document.disclosure.source_text())
        self._on_selection_changed(self._selection.current)

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self._document.find(item_id)
        disclosure = self._document.disclosure
        if found is None or disclosure is None or disclosure.withheld(found[1]):
            self.show_quotes([])
        else:
            self.show_quotes(found[1].quotes)

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Highlight colours come from the palette, so follow a theme change.
        if event.type() == QEvent.Type.PaletteChange and self._quotes:
            self.show_quotes(self._quotes)
