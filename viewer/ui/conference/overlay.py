"""What covers the audience view: a black or white screen, or the list of keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from viewer.ui.conference.talk import KEY_HELP

COVERS = {"black": "#000000", "white": "#ffffff", "help": "#000000"}
HELP_TITLE = "Presenter keys (any key closes)"
MARGIN = 0.08
"""The part of each side the keys keep clear of: more than the 5% projectors crop."""
LINE_SPACING = 1.3
"""A row's height in lines of its type."""
COLUMN_GAP = 1.5
"""The gap between the keys and what they do, in the type's height."""
LARGEST_PX = 48


class CoverOverlay(QWidget):
    """Fills its parent window with black, white, or the presenter keys in large type: a table of two
    columns, the keys and what they do, in the largest type that fits the window whole."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cover")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._cover = ""
        self._window = parent
        self._keys = QWidget(self)
        self._keys.setObjectName("keys")
        grid = self._grid = QGridLayout(self._keys)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        self.title = self._label(HELP_TITLE)
        grid.addWidget(self.title, 0, 0, 1, 2)
        self.rows = [(self._label(keys), self._label(action)) for keys, action in KEY_HELP]
        for row, (keys, action) in enumerate(self.rows, start=1):
            keys.setBuddy(action)
            grid.addWidget(keys, row, 0)
            grid.addWidget(action, row, 1)
        grid.setColumnStretch(1, 1)
        self._keys.hide()
        parent.installEventFilter(self)
        self.hide()

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self._keys)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #ffffff; background: transparent;")
        return label

    @property
    def cover(self) -> str:
        return self._cover

    def set_cover(self, cover: str) -> None:
        self._cover = cover
        names = {"black": "Black screen", "white": "White screen", "help": "Presenter keys"}
        self.setAccessibleName(names.get(cover, ""))
        self._keys.setVisible(cover == "help")
        self.setVisible(bool(cover))
        if cover:
            self.setGeometry(self._window.rect())
            self._fit()
            self.raise_()
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._cover:
            self.setGeometry(self._window.rect())
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The keys in the largest type up to LARGEST_PX that fits inside the margins, centred."""
        width, height = self.width() * (1 - 2 * MARGIN), self.height() * (1 - 2 * MARGIN)
        lines = len(self.rows) + 1
        px = max(8, min(LARGEST_PX, int(height / (lines * LINE_SPACING))))
        while px > 8 and self._table_width(px) > width:
            px -= 1
        font = QFont(self.font())
        font.setPixelSize(px)
        self._keys.setFont(font)
        for label in (self.title, *(label for row in self.rows for label in row)):
            label.setFont(font)
            label.setMinimumHeight(round(px * LINE_SPACING))
        title_font = QFont(font)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self._grid.setHorizontalSpacing(round(px * COLUMN_GAP))
        self._grid.activate()
        size = self._keys.sizeHint()
        self._keys.setGeometry(
            round((self.width() - size.width()) / 2), round((self.height() - size.height()) / 2), *size.toTuple()
        )

    def _table_width(self, px: int) -> int:
        font = QFont(self.font())
        font.setPixelSize(px)
        metrics = QFontMetrics(font)
        keys = max(metrics.horizontalAdvance(keys.text()) for keys, _ in self.rows)
        actions = max(metrics.horizontalAdvance(action.text()) for _, action in self.rows)
        title = QFont(font)
        title.setBold(True)
        return max(keys + round(px * COLUMN_GAP) + actions, QFontMetrics(title).horizontalAdvance(HELP_TITLE))

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), QColor(COVERS.get(self._cover, "#000000")))
