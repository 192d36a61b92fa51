"""The selected item in full: what it is, when, and the source words it rests on."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QFont, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPushButton, QTextEdit, QWidget

from viewer.content.disclosure import WITHHELD
from viewer.content.fields import KINDS, NOTE
from viewer.content.sections import SECTION
from viewer.record.model import DiscussionPoint
from viewer.ui.document import Document
from viewer.ui.selection import Selection

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

PLACEHOLDER = "Select an event on the timeline or an item in a tab."
PLAIN_KINDS = frozenset({"field", "note"})
"""The kinds of line written in the text's own format."""


def detail_lines(section: str, item: Any, labels: Mapping[str, str], withheld: bool = False) -> list[tuple[str, str]]:
    """(kind, text) lines describing an item, every field of its kind; kind is title, field, quote or note.

    A withheld item shows only what it is and when, never its content."""
    kind = KINDS[section]
    name = WITHHELD if withheld else kind.title.text(item, labels)
    if isinstance(item, DiscussionPoint):
        # A discussion point is prose: it reads as a paragraph under its kind.
        lines = [("title", str(item.category.value).capitalize()), ("field", name)]
    else:
        lines = [("title", name), ("field", SECTION[section].title)]
    for field in kind.fields:
        text = field.text(item, labels, withheld=withheld)
        if text and field is not NOTE:
            lines.append(("field", field.named(text) if field.labelled else text))
    if withheld:
        return lines
    lines.extend(("quote", quote) for quote in item.quotes)
    if note := NOTE.text(item, labels):
        lines.append(("note", NOTE.named(note)))
    return lines


def scaled_font(font: QFont, factor: float) -> QFont:
    """`font` made `factor` times larger, whether it is sized in points or pixels."""
    scaled = QFont(font)
    if font.pixelSize() > 0:
        scaled.setPixelSize(round(font.pixelSize() * factor))
    else:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    return scaled


class DetailPanel(QTextEdit):
    """Read-only description of the item `selection` holds, as `document` shows it. Record text is
    inserted as plain text."""

    def __init__(self, document: Document, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.setReadOnly(True)
        self.setObjectName("detail")
        self.setAccessibleName("Selected item")
        self._lines: list[tuple[str, str]] = []
        self._sentence = ""
        self.copy_button = QPushButton("Copy as &Quote", self)
        self.copy_button.setAccessibleName("Copy the sentence as a quote")
        self.copy_button.setToolTip("Copy the sentence as a quote to paste into the record")
        self.copy_button.clicked.connect(self._on_copy_quote)
        self.copy_button.hide()
        self._on_selection_changed(selection.current)
        selection.changed.connect(self._on_selection_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    @Slot()
    def _on_disclosure_changed(self) -> None:
        self._on_selection_changed(self._selection.current)

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        document = self._document
        found = document.find(item_id)
        if found is None or document.disclosure is None:
            self.show_lines([("field", PLACEHOLDER)])
            return
        section, item = found
        self.show_lines(detail_lines(section, item, document.labels, document.disclosure.withheld(item)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The heading's size is set from the font when the lines are shown: shown again in the new one.
        if event.type() == QEvent.Type.FontChange and self._lines:
            self._write(self._lines)

    def show_sentence(self, line: int, text: str) -> None:
        """An unquoted sentence of the source, with the button that copies it as a quote."""
        self.show_lines([("title", "Not quoted by any item"), ("field", f"Source line {line}"), ("quote", text)])
        self._sentence = text
        self.copy_button.show()
        self.setViewportMargins(0, 0, 0, self.copy_button.sizeHint().height() + 8)
        self._place_button()

    @Slot()
    def _on_copy_quote(self) -> None:
        if self._sentence:
            from viewer.ui.quote_copy import copy_as_quote  # its YAML escapes are compiled on first use

            copy_as_quote(self._sentence)

    def _place_button(self) -> None:
        hint = self.copy_button.sizeHint()
        rect = self.contentsRect()
        left, top = rect.right() - hint.width() - 4, rect.bottom() - hint.height() - 4
        self.copy_button.setGeometry(left, top, hint.width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_button()

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        if self._sentence:
            self._sentence = ""
            self.copy_button.hide()
            self.setViewportMargins(0, 0, 0, 0)
        self._write(lines)

    def _write(self, lines: list[tuple[str, str]]) -> None:
        self._lines = list(lines)
        if all(kind in PLAIN_KINDS for kind, _ in lines):
            # As plain text, in the text's own format: the placeholder shown at start-up is such a line,
            # and PySide makes QTextFormat's enums (a hundred and fifty members) when the class is first
            # named. The document's setPlainText, not the editor's, which would keep the format at the
            # cursor: a heading's, after an item was shown.
            self.document().setPlainText("\n".join(text for _, text in lines))
        else:
            self._write_formatted(lines)
        self.setAccessibleDescription("\n".join(text for _, text in lines))
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def height_for(self, lines: list[tuple[str, str]]) -> int:
        """The panel's height that shows `lines` whole at its present width and font."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(self.document().documentMargin())
        document.setTextWidth(self.viewport().width())
        self._fill(document, lines)
        return math.ceil(document.size().height()) + 2 * self.frameWidth()

    def _write_formatted(self, lines: list[tuple[str, str]]) -> None:
        self.clear()
        self._fill(self.document(), lines)

    def _fill(self, document: QTextDocument, lines: list[tuple[str, str]]) -> None:
        from PySide6.QtGui import QTextCharFormat

        cursor = QTextCursor(document)
        base = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFont(scaled_font(self.font(), 1.25))
        heading.setFontWeight(QFont.Weight.Bold)
        quote = QTextCharFormat()
        quote.setFontItalic(True)
        formats = {"title": heading, "field": base, "quote": quote, "note": base}
        first = True
        for kind, text in lines:
            if not first:
                cursor.insertBlock()
            first = False
            if kind == "quote":
                cursor.insertText("Source: ", base)
                text = f"“{text}”"
            cursor.insertText(text, formats[kind])
