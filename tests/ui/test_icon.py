"""The window icon: a PNG drawn from the SVG, which stays the source."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from viewer.paths import data_dir

ICONS = data_dir("resources") / "icons"


def test_the_png_is_the_svg_drawn_at_256_px(qapp):
    png = QImage(str(ICONS / "case-viewer.png")).convertToFormat(QImage.Format.Format_ARGB32)
    drawn = QImage(256, 256, QImage.Format.Format_ARGB32)
    drawn.fill(Qt.GlobalColor.transparent)
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "case-viewer.svg")).render(painter)
    painter.end()
    assert png.size() == drawn.size()
    worst = max(
        abs(channel(png.pixel(x, y)) - channel(drawn.pixel(x, y)))
        for x in range(0, 256, 3)
        for y in range(0, 256, 3)
        for channel in (lambda p: p >> 24, lambda p: (p >> 16) & 255, lambda p: (p >> 8) & 255, lambda p: p & 255)
    )
    assert worst <= 16


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the loaded libraries from /proc")
def test_the_application_icon_comes_without_the_svg_engine():
    code = (
        "from pathlib import Path\n"
        "from PySide6.QtGui import QIcon\n"
        "from viewer.ui.app import make_application\n"
        "def engine(): return 'libqsvgicon' in Path('/proc/self/maps').read_text()\n"
        "app = make_application()\n"
        "print(app.windowIcon().availableSizes()[0].width(), engine())\n"
        # The control: drawing the SVG does load the engine, so the check above can see it.
        f"QIcon({str(ICONS / 'case-viewer.svg')!r}).pixmap(64)\n"
        "print(engine())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["256", "False", "True"]
