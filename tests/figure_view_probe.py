"""Opens the large figure view on whatever platform Qt is given (the tests run it under Xvfb on
xcb), drives it with real key and mouse events, and prints what happened as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from figure_files import png_bytes
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from viewer.record.model import Figure
from viewer.ui.app import make_application
from viewer.ui.figure_loader import FigureLoader
from viewer.ui.figure_view import FigureView


def main() -> None:
    folder = Path(sys.argv[1])
    (folder / "pattern.png").write_bytes(png_bytes(1200, 800))
    app = make_application()
    figure = Figure(file="pattern.png", caption="A test pattern", credit="Drawn by the probe")
    view = FigureView(FigureLoader(), folder, figure)
    view.resize(800, 600)
    view.show()
    QTest.qWaitForWindowExposed(view)
    canvas = view.canvas
    for _ in range(200):
        if not canvas.image.isNull():
            break
        QTest.qWait(50)
    report: dict[str, object] = {"platform": QGuiApplication.platformName(), "decoded": not canvas.image.isNull()}
    rect = canvas.image_rect()
    report["fit"] = [round(rect.width()), round(rect.height()), canvas.width(), canvas.height()]
    QTest.keyClick(canvas, Qt.Key.Key_1)
    report["actual"] = [round(canvas.image_rect().width()), round(canvas.image_rect().height())]
    QTest.keyClick(canvas, Qt.Key.Key_Plus)
    report["zoom_in"] = round(canvas.zoom, 3)
    left = canvas.image_rect().left()
    QTest.keyClick(canvas, Qt.Key.Key_Right)
    report["arrow_pan"] = round(canvas.image_rect().left() - left)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    QTest.mouseMove(canvas, QPoint(350, 320))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(350, 320))
    report["drag_pan"] = round(canvas.image_rect().left() - left)
    grabbed = view.grab().toImage()
    caption = view.caption.geometry()
    report["caption"] = [view.caption.text(), view.caption.isVisible(), caption.bottom() < view.height()]
    report["credit"] = [view.credit.text(), view.credit.isVisible()]
    centre = grabbed.pixelColor(canvas.geometry().center())
    report["centre_saturated"] = centre.saturation() > 200
    closed: list[int] = []
    view.finished.connect(closed.append)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    report["closed"] = bool(closed)
    app.processEvents()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
