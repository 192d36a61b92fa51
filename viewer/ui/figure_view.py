"""One figure, large: fit or 100%, zoom with the wheel or + and -, pan by dragging or with the arrow
keys, Esc closes. The caption and credit stay in view below the image, whatever the zoom."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from viewer.content.disclosure import figure_problem
from viewer.record.model import Figure
from viewer.ui.figure_loader import FigureLoader

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.02, 16.0
PAN_STEP = 40.0
"""Pixels an arrow key moves the image."""


class FigureCanvas(QWidget):
    """The image at a zoom, panned; fits the widget until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.zoom = 1.0
        self.fitted = True
        self._offset = QPointF()
        self._drag: QPointF | None = None
        self.message = "Loading the figure…"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)

    def set_image(self, image: QImage, message: str = "") -> None:
        self.image, self.message = image, message
        self.fit()

    def fit(self) -> None:
        """The whole image in view."""
        self.fitted = True
        self._offset = QPointF()
        if not self.image.isNull():
            self.zoom = min(self.width() / self.image.width(), self.height() / self.image.height(), MAX_ZOOM)
        self.update()

    def zoom_to(self, zoom: float, around: QPointF | None = None) -> None:
        """`zoom` (1.0: one image pixel per screen pixel), keeping the point under `around` in place."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        centre = QPointF(self.width() / 2, self.height() / 2)
        point = around if around is not None else centre
        # The image point under `point` stays under it: offsets scale about it.
        self._offset = (self._offset + centre - point) * (zoom / self.zoom) - centre + point
        self.zoom, self.fitted = zoom, False
        self.update()

    def pan(self, dx: float, dy: float) -> None:
        self._offset += QPointF(dx, dy)
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is drawn, in widget coordinates."""
        width, height = self.image.width() * self.zoom, self.image.height() * self.zoom
        centre = QPointF(self.width() / 2, self.height() / 2) + self._offset
        return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.fitted:
            self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self.image.isNull():
            painter.setPen(self.palette().text().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.zoom < 1)
            painter.drawImage(self.image_rect(), self.image)
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_to(self.zoom * ZOOM_STEP**steps, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            moved = event.position() - self._drag
            self._drag = event.position()
            self.pan(moved.x(), moved.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Left: (PAN_STEP, 0.0),
            Qt.Key.Key_Right: (-PAN_STEP, 0.0),
            Qt.Key.Key_Up: (0.0, PAN_STEP),
            Qt.Key.Key_Down: (0.0, -PAN_STEP),
        }
        if key in moves:
            self.pan(*moves[Qt.Key(key)])
        else:
            super().keyPressEvent(event)  # zoom keys are the dialog's, whichever of its widgets has focus


class FigureView(QDialog):
    """A figure in a window of its own, decoded at full size on the thread pool; `problem_words(problem)`
    says why it cannot be shown, when it cannot."""

    def __init__(
        self,
        loader: FigureLoader,
        folder: Path | None,
        figure: Figure,
        parent: QWidget | None = None,
        problem_words: Callable[[str], str] = figure_problem,
    ) -> None:
        super().__init__(parent)
        self.figure = figure
        self._problem_words = problem_words
        self.setWindowTitle(f"Figure: {figure.caption}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.canvas = FigureCanvas(self)
        self.canvas.setAccessibleName(f"Figure: {figure.caption}")
        self.caption = QLabel(figure.caption)
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.credit = QLabel(figure.credit or "Credit not stated")
        self.credit.setWordWrap(True)
        self.credit.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("Fit", "Fit the whole figure (F)", self.canvas.fit),
            ("100%", "One image pixel per screen pixel (1)", self._on_actual_size),
            ("Zoom In", "Zoom in (+)", self._on_zoom_in),
            ("Zoom Out", "Zoom out (-)", self._on_zoom_out),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.credit)
        self.resize(900, 700)
        self._loader = loader
        self._key = loader.request(folder, figure.file)
        loader.loaded.connect(self._on_loaded)
        self.canvas.setFocus()

    @Slot(str, QImage, str)
    def _on_loaded(self, key: str, image: QImage, problem: str) -> None:
        if key == self._key:
            self.canvas.set_image(image, self._problem_words(problem) if problem else "")

    @Slot()
    def _on_actual_size(self) -> None:
        self.canvas.zoom_to(1.0)

    @Slot()
    def _on_zoom_in(self) -> None:
        self.canvas.zoom_to(self.canvas.zoom * ZOOM_STEP)

    @Slot()
    def _on_zoom_out(self) -> None:
        self.canvas.zoom_to(self.canvas.zoom / ZOOM_STEP)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F:
            self.canvas.fit()
        elif key == Qt.Key.Key_1:
            self._on_actual_size()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(QKeySequence.StandardKey.ZoomIn):
            self._on_zoom_in()
        elif key == Qt.Key.Key_Minus or event.matches(QKeySequence.StandardKey.ZoomOut):
            self._on_zoom_out()
        else:
            super().keyPressEvent(event)
