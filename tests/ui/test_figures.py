"""Figures on screen: thumbnails under the detail panel, a large view, withheld ones say only so.

Every image is a test pattern the test writes (tests/figure_files.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from figure_files import png_bytes, record_with_figure
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from viewer.ui import figure_loader
from viewer.ui.figure_strip import UNAVAILABLE, FigureButton
from viewer.ui.figure_view import FigureView
from viewer.ui.window import MainWindow

SECOND = "      - file: later.png\n        caption: Secret pattern\n        credit: Secret credit\n        reveal: 1\n"
BROKEN = "      - file: broken.png\n        caption: Broken pattern\n"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    (tmp_path / "pattern.png").write_bytes(png_bytes(240, 160))
    (tmp_path / "later.png").write_bytes(png_bytes(50, 100))
    (tmp_path / "broken.png").write_bytes(png_bytes()[:70])
    return record_with_figure(tmp_path, "pattern.png", extra=SECOND + BROKEN)


@pytest.fixture
def window(qtbot, case: Path):  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(case)
    return window


def _buttons(window: MainWindow) -> list[FigureButton]:
    return window.figures.buttons


def _wait_for_icons(qtbot, window: MainWindow, count: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: sum(not b.icon().isNull() or b.text() == UNAVAILABLE for b in _buttons(window)) == count)


def test_the_selected_items_figures_show_as_thumbnails(qtbot, window: MainWindow) -> None:
    assert not window.figures.isVisible()
    window.selection.select("presentation")
    assert window.figures.isVisible()
    buttons = _buttons(window)
    assert [b.accessibleName() for b in buttons] == [
        "Figure: Test pattern",
        "Figure: Secret pattern",
        "Figure: Broken pattern",
    ]
    _wait_for_icons(qtbot, window, 3)
    icon = buttons[0].icon().pixmap(112, 112).toImage()
    # The thumbnail keeps the pattern's 3:2 aspect, its longer side the thumbnail's, on a clear square.
    rows = [y for y in range(icon.height()) if icon.pixelColor(56, y).alpha() == 255]
    columns = [x for x in range(icon.width()) if icon.pixelColor(x, 56).alpha() == 255]
    assert (len(columns), len(rows)) == (112, 75)
    # A broken file is a placeholder that says why; the rest of the case is there.
    assert buttons[2].text() == UNAVAILABLE
    assert "cut short" in buttons[2].toolTip()
    window.selection.select("rash")
    assert not window.figures.isVisible()


def test_the_strip_holds_a_row_of_thumbnails_and_the_scroll_bar_under_them(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QStyle

    window.selection.select("presentation")
    qtbot.waitUntil(lambda: window.figures.isVisible())
    # 112-pixel thumbnails, 64 pixels for their captions and margins, and the style's scroll bar.
    scroll_bar = window.figures.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    assert window.figures.height() == window.figures.minimumHeight() == window.figures.maximumHeight()
    assert window.figures.height() == 112 + 64 + scroll_bar
    # Hidden and shown again, it keeps that height.
    window.selection.select("rash")
    window.selection.select("presentation")
    assert window.figures.maximumHeight() == 112 + 64 + scroll_bar


def test_a_withheld_figure_says_only_that(qtbot, window: MainWindow) -> None:
    window.document.set_unknown(True)
    window.selection.select("presentation")
    buttons = _buttons(window)
    withheld = buttons[1]
    assert withheld.text() == "figure withheld"
    assert withheld.accessibleName() == "figure withheld"
    assert (withheld.toolTip(), withheld.accessibleDescription()) == ("", "")
    assert not withheld.isEnabled()
    _wait_for_icons(qtbot, window, 2)
    assert withheld.icon().isNull()
    # Nothing of it anywhere in the window: caption, credit or file name.
    texts = [
        w.accessibleName() + w.toolTip() + (w.text() if hasattr(w, "text") else "")
        for w in window.findChildren(FigureButton)
    ]
    shown = "\n".join([*texts, window.detail.toPlainText(), window.detail.accessibleDescription()])
    for secret in ("Secret pattern", "Secret credit", "later.png"):
        assert secret not in shown
    window.document.set_stage(1)
    assert _buttons(window)[1].accessibleName() == "Figure: Secret pattern"


def test_enter_opens_the_large_view(qtbot, window: MainWindow) -> None:
    window.selection.select("presentation")
    button = _buttons(window)[0]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    views = [w for w in QApplication.topLevelWidgets() if isinstance(w, FigureView) and w.isVisible()]
    assert len(views) == 1
    view = views[0]
    assert view.caption.text() == "Test pattern"
    assert view.credit.text() == "Made by the test"
    qtbot.waitUntil(lambda: not view.canvas.image.isNull())
    assert view.canvas.image.size().toTuple() == (240, 160)
    view.close()


def test_the_large_view_fits_zooms_pans_and_closes(qtbot, case: Path) -> None:
    from viewer.record.loader import load_record

    figure = load_record(case).history[0].figures[0]
    loader = figure_loader.FigureLoader()
    view = FigureView(loader, case.parent, figure)
    with qtbot.waitExposed(view):
        view.show()
    canvas = view.canvas
    qtbot.waitUntil(lambda: not canvas.image.isNull())
    # Fit: the whole image in view, as large as it goes.
    rect = canvas.image_rect()
    assert canvas.rect().toRectF().adjusted(-1, -1, 1, 1).contains(rect)
    assert rect.width() == pytest.approx(canvas.width(), abs=1) or rect.height() == pytest.approx(
        canvas.height(), abs=1
    )
    qtbot.keyClick(canvas, Qt.Key.Key_1)
    assert canvas.zoom == 1.0
    assert canvas.image_rect().size().toTuple() == (240.0, 160.0)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom == pytest.approx(1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom == pytest.approx(0.8)
    before = canvas.image_rect().topLeft()
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.image_rect().topLeft() == before + QPointF(40, 0)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(canvas, QPoint(130, 90))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(130, 90))
    assert canvas.image_rect().topLeft() == before + QPointF(70, -10)
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert canvas.fitted
    # The caption and credit stay in view whatever the zoom.
    for _ in range(10):
        qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert view.caption.isVisible()
    assert view.credit.isVisible()
    assert view.caption.geometry().bottom() < view.height()
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_a_30_megapixel_figure_is_decoded_off_the_gui_thread(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "large.png").write_bytes(png_bytes(6000, 5000))
    threads: list[int] = []
    decode = figure_loader.decode

    def recording(figure, longest=0):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return decode(figure, longest)

    monkeypatch.setattr(figure_loader, "decode", recording)
    loader = figure_loader.FigureLoader()
    results: list[tuple[str, QImage, str]] = []
    loader.loaded.connect(lambda *result: results.append(result))
    key = loader.request(tmp_path, "large.png", 112)
    # The request returns at once: the decode is still to come, on another thread.
    assert results == []
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert results[0][0] == key
    assert results[0][2] == ""
    assert results[0][1].size().toTuple() == (112, 93)
    assert threads
    assert threading.main_thread().ident not in threads


def test_items_with_a_figure_shown_are_marked_in_the_tables_and_on_the_timeline(qtbot, window: MainWindow) -> None:
    model = window.models["history"]
    fever, rash = model.index_of("presentation"), model.index_of("rash")
    name = fever.siblingAtColumn(1)
    assert name.data(Qt.ItemDataRole.DecorationRole) is not None
    assert name.data(Qt.ItemDataRole.AccessibleTextRole) == "Fever, has a figure"
    assert rash.siblingAtColumn(1).data(Qt.ItemDataRole.DecorationRole) is None
    assert fever.data(Qt.ItemDataRole.DecorationRole) is None  # only beside the name
    marked = window.timeline.grab().toImage()
    window.timeline.set_figured(frozenset())
    plain = window.timeline.grab().toImage()
    differing = [
        (x, y) for x in range(marked.width()) for y in range(marked.height()) if marked.pixel(x, y) != plain.pixel(x, y)
    ]
    window.timeline.set_figured(frozenset({"presentation"}))
    window.timeline.setFocus()
    window.selection.select("presentation")
    assert window.timeline.accessibleDescription() == "History: Fever, index, day 0 (exact), has a figure, selected"
    # The mark is drawn by Fever's marker, at the start of the case, and nowhere else (Rash is 2 days on).
    assert differing
    assert max(x for x, _ in differing) - min(x for x, _ in differing) < 20
    assert max(x for x, _ in differing) < marked.width() / 3


def test_a_withheld_figure_marks_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.document.set_unknown(True)
    # The first figure is shown from the start; the mark stays. Withhold every figure: no mark.
    assert "presentation" in window.document.disclosure.figured()
    text = (tmp_path / "case.yaml").read_text(encoding="utf-8")
    for caption in ("Test pattern", "Broken pattern"):
        text = text.replace(f"caption: {caption}\n", f"caption: {caption}\n        reveal: 1\n")
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    assert window.document.reload()
    assert window.document.disclosure.figured() == frozenset()
    name = window.models["history"].index_of("presentation").siblingAtColumn(1)
    assert name.data(Qt.ItemDataRole.DecorationRole) is None
    assert name.data(Qt.ItemDataRole.AccessibleTextRole) == "Fever"
    window.selection.select("presentation")
    assert "figure" not in window.timeline.accessibleDescription()


@pytest.mark.xvfb
def test_the_large_view_under_a_real_x_server(xvfb_display: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    probe = Path(__file__).parents[1] / "figure_view_probe.py"
    done = subprocess.run(
        [sys.executable, str(probe), str(tmp_path)], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["decoded"]
    width, height, canvas_width, canvas_height = report["fit"]
    # Fitted: the 3:2 pattern fills the canvas's width or height and fits inside both.
    assert width <= canvas_width
    assert height <= canvas_height
    assert width == canvas_width or height == canvas_height
    assert abs(width * 2 - height * 3) <= 3
    assert report["actual"] == [1200, 800]
    assert report["zoom_in"] == 1.25
    assert report["arrow_pan"] == -40
    assert report["drag_pan"] == 10
    assert report["caption"] == ["A test pattern", True, True]
    assert report["credit"] == ["Drawn by the probe", True]
    assert report["centre_saturated"]
    assert report["closed"]


def test_an_open_figure_closes_when_it_becomes_withheld(qtbot, window: MainWindow) -> None:
    window.selection.select("presentation")
    first, second = (button.figure for button in _buttons(window)[:2])
    assert first is not None
    assert second is not None
    shown = window.figures.open_figure("presentation", 0, first)
    secret = window.figures.open_figure("presentation", 1, second)
    assert secret.isVisible()
    # Unknown-case mode withholds the second figure (reveal 1): its view goes; the first stays.
    window.document.set_unknown(True)
    assert not secret.isVisible()
    assert shown.isVisible()
    shown.close()


def test_the_banner_locates_a_figure_that_cannot_be_shown(qtbot, window: MainWindow, case: Path) -> None:
    document = window.document
    qtbot.waitUntil(lambda: document.problems != "")
    lines = document.problems.splitlines()
    assert lines[0] == "1 figure cannot be shown; the rest of the case is here."
    assert lines[1].startswith(f"{case}:28:15: history[0].figures[2].file: the PNG file is cut short")
    # In unknown-case mode the file's name and the item's path could give the answer away.
    document.set_unknown(True)
    assert document.problems == (
        "1 figure cannot be shown; the rest of the case is here. Turn off Unknown Case (Ctrl+U) to see why."
    )
    document.set_unknown(False)
    (case.parent / "broken.png").write_bytes(png_bytes())
    assert document.reload()
    qtbot.waitUntil(lambda: document.problems == "")


def test_in_unknown_mode_a_figure_that_cannot_be_shown_does_not_name_its_file(qtbot, tmp_path: Path) -> None:
    (tmp_path / "later.png").write_bytes(png_bytes(50, 100))
    # Named as no image is: the reason names the file, and the file's name gives the answer.
    case = record_with_figure(tmp_path, "the-answer-is-sarcoidosis.gif", extra=SECOND)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(case)
    window.document.set_unknown(True)
    window.selection.select("presentation")
    button = _buttons(window)[0]
    qtbot.waitUntil(lambda: button.text() == UNAVAILABLE)
    assert button.toolTip() == "The figure cannot be shown."
    assert button.figure is not None
    view = window.figures.open_figure("presentation", 0, button.figure)
    qtbot.waitUntil(lambda: view.canvas.message != "Loading the figure…")
    assert view.canvas.message == "The figure cannot be shown."
    view.close()
    window.document.set_unknown(False)
    button = _buttons(window)[0]
    qtbot.waitUntil(lambda: button.text() == UNAVAILABLE)
    assert "the-answer-is-sarcoidosis.gif" in button.toolTip()
