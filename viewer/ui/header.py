"""Above the timeline: the case's title, patient and citation, and the banner that tells of problems."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

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


class CaseHeader(QVBoxLayout):
    """The title as the disclosure allows, the patient and the citation, following `document`.

    A layout, not a widget: only a layout passes the labels' height-for-width up, so a long
    title keeps all its wrapped lines when it replaces a short one."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = document
        self.title_label = plain_label("title", "Case title")
        self.patient_label = plain_label("patient", "Patient")
        self.citation_label = plain_label("citation", "Source citation")
        for label in (self.title_label, self.patient_label, self.citation_label):
            self.addWidget(label)
        document.case_changed.connect(self._on_case_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    def set_font(self, font: QFont) -> None:
        """The title in `font` made larger and bold; the others take the window's."""
        title_font = scaled_font(font, TITLE_SCALE)
        title_font.setBold(True)
        self.title_label.setFont(title_font)

    @Slot(bool)
    def _on_case_changed(self, _keep_view: bool) -> None:
        record = self._document.record
        if record is not None:
            self.patient_label.setText(record.patient.summary)
            self.citation_label.setText(citation(record))

    @Slot()
    def _on_disclosure_changed(self) -> None:
        if self._document.disclosure is not None:
            self.title_label.setText(self._document.disclosure.title)


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
