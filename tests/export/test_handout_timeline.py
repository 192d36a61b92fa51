"""The handout's timeline figure at every record size and paper: its lanes, axis words and legend clear of
each other, read back from the PDF's own word boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

import viewer.draw.figure
from benchmarks.synthetic import write_record
from viewer.content.disclosure import Disclosure
from viewer.content.sections import LANE_TITLES
from viewer.content.shown import show
from viewer.content.timeline.view import Layout
from viewer.draw.figure import FIGURE_PX, figure_font, figure_size, least_height, paint_figure
from viewer.draw.theme import THEMES
from viewer.export.pdf import FIGURE_PX as PDF_FIGURE_PX
from viewer.export.pdf import export_pdf
from viewer.export.png import timeline_image
from viewer.record.loader import load_record

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')

Box = tuple[float, float, float, float, str]
"""A word on a page: left, top, right, bottom in points, and its text."""


def _first_page_words(path: Path) -> list[Box]:
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in _WORD.findall(html)]


def _figure_words(words: list[Box]) -> list[Box]:
    """The words between the "Timeline" heading and the caption under the figure ("Time is drawn ...")."""
    heading = next(word for word in words if word[4] == "Timeline")
    caption = next(word for number, word in enumerate(words) if word[4] == "Time" and words[number + 1][4] == "is")
    return [word for word in words if word[1] >= heading[3] and word[3] <= caption[1] and word is not caption]


def _overlap(a: Box, b: Box) -> bool:
    # Word boxes are as tall as the font's ascent and descent: lines set one under another touch by a hair.
    return a[0] < b[2] and b[0] < a[2] and a[1] + 0.5 < b[3] and b[1] + 0.5 < a[3]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("records")
    return {count: write_record(count, folder) for count in (5, 100, 300, 1_000)}


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("count", [5, 100, 300, 1_000])
def test_the_timeline_legend_lies_under_every_lane_and_no_word_of_the_figure_overlaps_another(
    qapp, tmp_path, records, count, paper
):
    record = load_record(records[count])
    out = tmp_path / "handout.pdf"
    export_pdf(show(record), Disclosure(record), out, THEMES["light"], paper)
    words = _figure_words(_first_page_words(out))
    titles = {word[4]: word for word in words if word[4] in LANE_TITLES.values()}
    assert set(titles) == set(LANE_TITLES.values())
    legend = [word for word in words if word[4] in {"exact", "time", "approximate", "order", "only", "then:"}]
    assert len(legend) >= 6
    lowest_lane = max(title[3] for title in titles.values())
    # Drawn full size (a word box is a little taller than the font's size), not shrunk to fit a fixed frame.
    assert min(title[3] - title[1] for title in titles.values()) > PDF_FIGURE_PX * 0.75 * 1.1
    assert lowest_lane < min(word[1] for word in legend)
    # Axis words, lane titles, event labels and the legend: each clear of every other.
    clashes = [(a[4], b[4]) for number, a in enumerate(words) for b in words[number + 1 :] if _overlap(a, b)]
    assert not clashes


def _drawn_layouts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Layout, float]]:
    """Each layout the figure routine paints, with the painter's vertical scale."""
    drawn: list[tuple[Layout, float]] = []
    paint = viewer.draw.figure.paint_timeline

    def spy(painter: QPainter, exposed: QRectF, layout: Layout, *args: object, **kwargs: object) -> None:
        drawn.append((layout, painter.transform().m22()))
        paint(painter, exposed, layout, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(viewer.draw.figure, "paint_timeline", spy)
    return drawn


def test_a_figure_given_too_little_height_is_drawn_smaller_not_under_its_legend(qapp, records, monkeypatch):
    record = load_record(records[1_000])
    shown, disclosure = show(record), Disclosure(record)
    font = figure_font(11)
    least = least_height(shown, disclosure, font, 600)
    image = QImage(600, round(least / 2), QImage.Format.Format_ARGB32_Premultiplied)
    drawn = _drawn_layouts(monkeypatch)
    painter = QPainter(image)
    try:
        paint_figure(painter, QRectF(0, 0, 600, least / 2), shown, disclosure, THEMES["light"], font)
    finally:
        painter.end()
    [(layout, scale)] = drawn
    assert scale < 0.6
    assert layout.height * scale == pytest.approx(least / 2)
    assert layout.lanes[-1].bottom <= layout.legend_y - 0.75 * layout.line_height + 1e-6


def test_a_png_of_a_long_record_is_as_tall_as_its_lanes_need(qapp, records, monkeypatch):
    record = load_record(records[300])
    theme = THEMES["light"]
    drawn = _drawn_layouts(monkeypatch)
    image = timeline_image(show(record), Disclosure(record), theme)
    [(layout, scale)] = drawn
    assert scale == 1
    assert image.height() > figure_size(figure_font(FIGURE_PX * theme.font_scale)).height()
    assert layout.lanes[-1].bottom <= layout.legend_y - 0.75 * layout.line_height + 1e-6
