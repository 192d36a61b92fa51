"""Above the timeline: the case's title, patient and citation, and the banner that tells of problems."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from viewer.content.wording import citation, rich_tooltip
from viewer.draw.theme import Theme
from viewer.ui.detail import scaled_font
from viewer.ui.document import Document

BANNER_LINES = 10
"""The banner's height in lines: what wraps beyond it is clipped (the tooltip has more)."""
BANNER_PADDING = 6
TITLE_SCALE = 1.35


def plain_label(name: str, accessible: str, label: QLabel | None = None) -> QLabel:
    """`label` (a new one if None) made to wrap plain text (record text is never markup) that the user can select."""
    label = label or QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # Every wrapped line stays: the panes below give way first, never the header.
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class FoldingLabel(QLabel):
    """Plain text wrapped whole, or, folded, on one line elided at the label's width, the whole text
    then in its tooltip and accessible name."""

    def __init__(self, name: str, accessible: str) -> None:
        super().__init__()
        plain_label(name, accessible, self)
        self._accessible = accessible
        self._whole = ""
        self._folded = False

    @property
    def whole(self) -> str:
        """The text, as set: what shows may be elided."""
        return self._whole

    @property
    def folded(self) -> bool:
        return self._folded

    def set_whole(self, text: str) -> None:
        self._whole = text
        self._show()

    def set_folded(self, folded: bool) -> None:
        if folded != self._folded:
            self._folded = folded
            self.setWordWrap(not folded)
            self._show()
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        # Folded, it elides to any width: its one line never makes the window wider.
        return QSize(0, hint.height()) if self._folded else hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._folded and event.size().width() != event.oldSize().width():
            self._show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._show()

    def _show(self) -> None:
        text = self._whole
        if self._folded:
            text = self.fontMetrics().elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, self.width())
        cut = text != self._whole
        if text != self.text():
            self.setText(text)
        self.setToolTip(self._whole if cut else "")
        self.setAccessibleName(f"{self._accessible}: {self._whole}" if cut else self._accessible)


class CaseHeader(QVBoxLayout):
    """The title as the disclosure allows, the patient and the citation, following `document`.

    A layout, not a widget: only a layout passes the labels' height-for-width up, so a long
    title keeps all its wrapped lines when it replaces a short one."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = document
        self.title_label = FoldingLabel("title", "Case title")
        self.patient_label = FoldingLabel("patient", "Patient")
        self.citation_label = FoldingLabel("citation", "Source citation")
        self.addWidget(self.title_label)
        # The patient above the citation; folded, the two share a line.
        self._below = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._below.addWidget(self.patient_label)
        self._below.addWidget(self.citation_label, 1)
        self.addLayout(self._below)
        document.case_changed.connect(self._on_case_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    def set_font(self, font: QFont) -> None:
        """The title in `font` made larger and bold; the others take the window's."""
        title_font = scaled_font(font, TITLE_SCALE)
        title_font.setBold(True)
        self.title_label.setFont(title_font)

    @property
    def folded(self) -> bool:
        return self.title_label.folded

    def set_folded(self, folded: bool) -> None:
        """In a short window the title takes one line and the patient and the citation another, elided,
        and leave the tables room."""
        for label in (self.title_label, self.patient_label, self.citation_label):
            label.set_folded(folded)
        self._below.setDirection(QBoxLayout.Direction.LeftToRight if folded else QBoxLayout.Direction.TopToBottom)
        self._below.setSpacing(self.patient_label.fontMetrics().horizontalAdvance("   ") if folded else -1)

    @Slot(bool)
    def _on_case_changed(self, _keep_view: bool) -> None:
        record = self._document.record
        if record is not None:
            self.patient_label.set_whole(record.patient.summary)
            self.citation_label.set_whole(citation(record))

    @Slot()
    def _on_disclosure_changed(self) -> None:
        if self._document.disclosure is not None:
            self.title_label.set_whole(self._document.disclosure.title)


class ProblemsBanner(QLabel):
    """The document's problems over the last good case, to the author: never while the room looks on."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = document
        self._for_room = False
        plain_label("problems", "Problems in the case record file", self)
        # Its width follows the window, never the reverse: a line with no space to wrap at is clipped.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.hide()
        document.problems_changed.connect(self._on_problems_changed)

    def set_for_room(self, for_room: bool) -> None:
        """Hide while the room sees the window; show again, if there are problems, when it no longer does."""
        self._for_room = for_room
        self.setVisible(bool(self._document.problems) and not for_room)

    def set_look(self, theme: Theme, font: QFont) -> None:
        self.setStyleSheet(
            f"QLabel {{ background: {theme.notice}; color: {theme.notice_text}; "
            f"border: 1px solid {theme.notice_text}; padding: {BANNER_PADDING}px; }}"
        )
        self.setMaximumHeight(QFontMetrics(font).lineSpacing() * BANNER_LINES + 2 * (BANNER_PADDING + 1))

    @Slot()
    def _on_problems_changed(self) -> None:
        document = self._document
        self.setText(document.problems)
        self.setToolTip(rich_tooltip(document.problems_detail) if document.problems_detail else "")
        self.set_for_room(self._for_room)
