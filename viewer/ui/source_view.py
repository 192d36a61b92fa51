"""The full source text, with the quotes behind the selected item highlighted, and for the author the
sentences no item quotes yet marked, each ready to copy as a quote."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from viewer.content.wording import credit, statements
from viewer.record.provenance import QuoteSpans
from viewer.ui.document import Document
from viewer.ui.header import plain_label
from viewer.ui.selection import Selection

if TYPE_CHECKING:
    from viewer.record.sentences import Sentence

MARK = "▸"
"""The margin mark beside each sentence no item quotes: a shape, so the marks never rest on colour alone."""


class _Margin(QWidget):
    """The strip left of the text where the marks of unquoted sentences stand."""

    # The view is asked through parentWidget(), never held: a reference back would make a cycle of
    # wrappers that the garbage collector could free on a reading thread, which Qt does not survive.

    def _view(self) -> SourceView:
        view = self.parentWidget()
        assert isinstance(view, SourceView)
        return view

    def sizeHint(self) -> QSize:
        return QSize(self._view().margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view().paint_margin(self, event)


class SourceView(QPlainTextEdit):
    """Read-only source text as `document` shows it, with the quotes of the item `selection` holds marked
    and scrolled to (none while that item is withheld). With `set_show_unquoted`, every sentence no item
    quotes has a background, a dotted underline and a mark in the margin (not in unknown-case mode, whose
    source text is masked); clicking one emits `sentence_chosen`."""

    sentence_chosen = Signal(int, str)
    """The source line and the words of an unquoted sentence the user clicked."""
    unquoted_changed = Signal(int)
    """How many sentences are marked unquoted now (0 when the marks are off)."""

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
        self._show_unquoted = False
        self.unquoted: list[Sentence] = []
        self._margin = _Margin(self)
        self._margin.hide()
        self.copy_quote_action = QAction("Copy as &Quote", self)
        self.copy_quote_action.setToolTip("Copy the selected words as a quote to paste into the record")
        self.copy_quote_action.triggered.connect(self._on_copy_quote)
        self.updateRequest.connect(self._on_update_request)
        selection.changed.connect(self._on_selection_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    @Slot()
    def _on_disclosure_changed(self) -> None:
        if self._document.disclosure is not None:
            self.set_source(self._document.disclosure.source_text())
        self._mark_unquoted()
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

    @property
    def showing_unquoted(self) -> bool:
        return self._show_unquoted

    def set_show_unquoted(self, show: bool) -> None:
        """Mark the sentences no item quotes, or stop marking them."""
        self._show_unquoted = show
        self._mark_unquoted()
        self.show_quotes(self._quotes, scroll=False)

    def _mark_unquoted(self) -> None:
        disclosure = self._document.disclosure
        if self._show_unquoted and disclosure is not None and disclosure.complete:
            # Loaded when the marks are first asked for: an author's aid, not part of start-up.
            from viewer.record.coverage import unquoted_sentences

            self.unquoted = unquoted_sentences(disclosure.record, self.toPlainText())
        else:
            self.unquoted = []
        shown = bool(self.unquoted)
        self.setViewportMargins(self.margin_width() if shown else 0, 0, 0, 0)
        self._margin.setVisible(shown)
        self._place_margin()
        self.unquoted_changed.emit(len(self.unquoted))

    def margin_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(MARK) * 2 + 4

    def _place_margin(self) -> None:
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_margin()

    @Slot(QRect, int)
    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def paint_margin(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        painter.setPen(self.palette().text().color())
        height = self.fontMetrics().height()
        for top in self.mark_positions():
            painter.drawText(QRect(0, top, margin.width(), height), Qt.AlignmentFlag.AlignCenter, MARK)
        painter.end()

    def mark_positions(self) -> list[int]:
        """The top, in the margin's coordinates, of the mark of each unquoted sentence in view."""
        tops = []
        for sentence in self.unquoted:
            cursor = QTextCursor(self.document())
            cursor.setPosition(sentence.start)
            top = self.cursorRect(cursor).top()
            if -self.fontMetrics().height() < top < self.viewport().height():
                tops.append(top)
        return tops

    def _quote_spans(self) -> QuoteSpans:
        """Where quotes stand in the text shown, found once for each text, as the document counts positions."""
        if self._spans is None:
            self._spans = QuoteSpans(self.toPlainText())
        return self._spans

    def _unquoted_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self.unquoted:
            return []
        from PySide6.QtGui import QTextCharFormat  # see _quote_selections

        mark = QTextCharFormat()
        background = QColor(self.palette().highlight().color())
        background.setAlpha(60)
        mark.setBackground(background)
        mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        mark.setToolTip("No item quotes this sentence: click it to copy it as a quote")
        selections = []
        for sentence in self.unquoted:
            cursor = QTextCursor(self.document())
            cursor.setPosition(sentence.start)
            cursor.setPosition(sentence.end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark
            selections.append(selection)
        return selections

    def show_quotes(self, quotes: Sequence[str], scroll: bool = True) -> list[tuple[int, int]]:
        """Highlight each quote found in the text; return their (start, end) spans."""
        self._quotes = list(quotes)
        found = self._quote_spans()
        spans = [span for quote in quotes if (span := found.span(quote)) is not None]
        self.setExtraSelections(self._unquoted_selections() + self._quote_selections(spans))
        if spans and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(spans[0][1])
            self.setTextCursor(cursor)
            cursor.setPosition(spans[0][0])
            self.setTextCursor(cursor)
            self.centerCursor()
        return spans

    def _quote_selections(self, spans: list[tuple[int, int]]) -> list[QTextEdit.ExtraSelection]:
        if not spans:
            return []
        # Named once there is a quote to mark: nothing is selected at start-up, and PySide makes
        # QTextFormat's enums (a hundred and fifty members) when the class is first named.
        from PySide6.QtGui import QTextCharFormat

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
        return selections

    def unquoted_at(self, position: int) -> Sentence | None:
        """The unquoted sentence marked at the text position `position`, if any."""
        return next((s for s in self.unquoted if s.start <= position < s.end), None)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.choose_at(event.position().toPoint())

    def choose_at(self, point: QPoint) -> Sentence | None:
        """Emit `sentence_chosen` for the unquoted sentence at `point` (viewport coordinates), if any."""
        sentence = self.unquoted_at(self.cursorForPosition(point).position())
        if sentence is not None:
            self.sentence_chosen.emit(sentence.line, sentence.text)
        return sentence

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        self.copy_quote_action.setEnabled(self.textCursor().hasSelection())
        menu.addAction(self.copy_quote_action)
        menu.exec(event.globalPos())
        menu.deleteLater()

    @Slot()
    def _on_copy_quote(self) -> None:
        selected = self.textCursor().selectedText()
        if selected.strip():
            from viewer.ui.quote_copy import copy_as_quote  # its YAML escapes are compiled on first use

            copy_as_quote(selected)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Highlight colours come from the palette, so follow a theme change.
        if event.type() == QEvent.Type.PaletteChange and (self._quotes or self.unquoted):
            self.show_quotes(self._quotes, scroll=False)


class SourcePage(QWidget):
    """The Source tab: how to cite the source and its licence, the case's keywords, the patient's
    perspective and consent with the source's words (each when nothing is withheld), how many
    sentences no item quotes (when they are marked), and the text."""

    def __init__(self, view: SourceView, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.credit_label = plain_label("source-credit", "Source citation and licence")
        self.statements_label = plain_label("source-statements", "Keywords, patient's perspective and consent")
        for label in (self.credit_label, self.statements_label):
            label.hide()
            layout.addWidget(label)
        self.count_label = QLabel()
        self.count_label.setObjectName("unquoted-count")
        self.count_label.setAccessibleName("Sentences no item quotes")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        self.count_label.hide()
        layout.addWidget(self.count_label)
        layout.addWidget(view, 1)
        self._view = view
        view.unquoted_changed.connect(self._on_unquoted_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    @Slot()
    def _on_disclosure_changed(self) -> None:
        disclosure = self._document.disclosure
        # Withheld while anything is: each can lead to the diagnosis.
        record = disclosure.record if disclosure is not None and disclosure.complete else None
        text = credit(record) if record is not None else ""
        self.credit_label.setText(f"Source: {text}" if text else "")
        self.credit_label.setVisible(bool(text))
        found = statements(record) if record is not None else []
        self.statements_label.setText("\n".join(f"{name}: {said}" for name, said in found))
        self.statements_label.setVisible(bool(found))

    @Slot(int)
    def _on_unquoted_changed(self, count: int) -> None:
        if not self._view.showing_unquoted:
            self.count_label.hide()
            return
        disclosure = self._document.disclosure
        if disclosure is not None and not disclosure.complete:
            text = "Unquoted sentences are not marked in unknown-case mode."
        elif count == 0:
            text = "Every sentence of the source is quoted (headings and page furniture aside)."
        else:
            sentences = "sentence" if count == 1 else "sentences"
            text = f"{MARK} {count} {sentences} no item quotes: click one to copy it as a quote."
        self.count_label.setText(text)
        self.count_label.show()
