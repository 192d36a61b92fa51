"""A title slide over the audience view: the session's, or a case's before its steps."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from viewer.ui.conference.agenda_talk import Slide
from viewer.ui.conference.text_label import text_label

MARGIN = 0.08
"""The part of the view kept clear on each side: inside the margin projectors crop."""


class TitleSlideView(QWidget):
    """Fills its parent window with a `Slide` in large type, in the window's own colours."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("title-slide")
        self.setAutoFillBackground(True)
        self._window = parent
        layout = self._layout = QVBoxLayout(self)
        self.kicker_label = self._label("slide-kicker", "Above the title")
        self.title_label = self._label("slide-title", "Title")
        self.lines_label = self._label("slide-lines", "Below the title")
        # A list reads down its left edge.
        self.lines_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        for label in (self.kicker_label, self.title_label, self.lines_label):
            layout.addWidget(label)
        layout.addStretch(2)
        parent.installEventFilter(self)
        self.hide()

    @staticmethod
    def _label(name: str, accessible: str) -> QLabel:
        label = text_label(name, accessible)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        return label

    def set_slide(self, slide: Slide | None) -> None:
        self.setVisible(slide is not None)
        if slide is None:
            return
        self.setAccessibleName(f"Title slide: {slide.title}")
        self.kicker_label.setText(slide.kicker)
        self.title_label.setText(slide.title)
        self.lines_label.setText("\n".join(slide.lines))
        self._fit()
        self.raise_()

    def _fit(self) -> None:
        self.setGeometry(self._window.rect())
        height, width = self.height(), self.width()
        x, y = round(width * MARGIN), round(height * MARGIN)
        self._layout.setContentsMargins(x, y, x, y)
        room = max(1, width - 2 * x)
        for label, lines_per_screen in ((self.kicker_label, 24), (self.title_label, 12), (self.lines_label, 24)):
            font = label.font()
            font.setBold(label is self.title_label)
            font.setPixelSize(max(14, round(height / lines_per_screen)))
            # A word too long for a line (a file's name) would be cut off: the type shrinks to fit it.
            longest = max(label.text().split() or [""], key=len)
            wide = QFontMetrics(font).horizontalAdvance(longest)
            if wide > room:
                font.setPixelSize(max(8, int(font.pixelSize() * room / wide)))
            label.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False
