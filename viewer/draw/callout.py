"""A small boxed note pointing at a marker: which event of a cluster keyboard focus is on."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen, QPolygonF

from viewer.draw.theme import Theme

PADDING = 4.0
POINTER = 6.0
"""How far the box stands off the marker, the pointer between them."""


def callout_rect(anchor: QRectF, text: str, metrics: QFontMetricsF, bounds: QRectF) -> QRectF:
    """Where a callout for `text` goes: above `anchor` (a marker), or below it where there is no room
    above, centred on it and kept inside `bounds`; cut to the bounds' width when it is wider."""
    width = min(metrics.horizontalAdvance(text) + 2 * PADDING, bounds.width())
    height = metrics.height() + 2 * PADDING
    top = anchor.top() - POINTER - height
    if top < bounds.top():
        top = anchor.bottom() + POINTER
    left = min(max(anchor.center().x() - width / 2, bounds.left()), bounds.right() - width)
    return QRectF(left, top, width, height)


def paint_callout(painter: QPainter, box: QRectF, anchor: QRectF, text: str, theme: Theme) -> None:
    """`text` in a box at `box`, with a pointer to `anchor`, in the theme's text on its base colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(theme.color("text"), 1.2)
    painter.setPen(pen)
    painter.setBrush(theme.color("base"))
    x = min(max(anchor.center().x(), box.left() + POINTER), box.right() - POINTER)
    above = box.bottom() <= anchor.top()
    edge, tip = (box.bottom(), anchor.top()) if above else (box.top(), anchor.bottom())
    painter.drawPolygon(QPolygonF([QPointF(x - POINTER / 2, edge), QPointF(x, tip), QPointF(x + POINTER / 2, edge)]))
    painter.drawRoundedRect(box, 3, 3)
    metrics = QFontMetricsF(painter.font(), painter.device())
    inner = box.adjusted(PADDING, PADDING, -PADDING, -PADDING)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
    painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    painter.restore()
