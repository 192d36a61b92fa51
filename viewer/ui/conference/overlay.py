"""What covers the audience view: a black or white screen, or the list of keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from viewer.ui.conference.talk import KEY_HELP

COVERS = {"black": "#000000", "white": "#ffffff", "help": "#000000"}


class CoverOverlay(QWidget):
    """Fills its parent window with black, white, or the presenter keys in large type."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cover")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._cover = ""
        self._window = parent
        parent.installEventFilter(self)
        self.hide()

    @property
    def cover(self) -> str:
        return self._cover

    def set_cover(self, cover: str) -> None:
        self._cover = cover
        names = {"black": "Black screen", "white": "White screen", "help": "Presenter keys"}
        self.setAccessibleName(names.get(cover, ""))
        self.setVisible(bool(cover))
        if cover:
            self.setGeometry(self._window.rect())
            self.raise_()
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._cover:
            self.setGeometry(self._window.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), QColor(COVERS.get(self._cover, "#000000")))
            if self._cover == "help":
                self._paint_help(painter)

    def _paint_help(self, painter: QPainter) -> None:
        # Large, white on black, inside the 5% margin projectors crop.
        width, height = self.width(), self.height()
        area = QRectF(width * 0.08, height * 0.08, width * 0.84, height * 0.84)
        font = painter.font()
        font.setPixelSize(max(16, round(min(height / 22, width / 40))))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        line = painter.fontMetrics().lineSpacing() * 1.25
        keys_width = area.width() * 0.45
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line), "Presenter keys (any key closes)")
        for row, (keys, action) in enumerate(KEY_HELP, start=1):
            top = area.top() + row * line
            painter.drawText(QRectF(area.left(), top, keys_width, line), Qt.AlignmentFlag.AlignLeft, keys)
            painter.drawText(
                QRectF(area.left() + keys_width, top, area.width() - keys_width, line),
                Qt.AlignmentFlag.AlignLeft,
                action,
            )
