"""How the handout's pages are set, read back from the PDF: words whole in narrow table columns."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from viewer.content.shown import show
from viewer.draw.theme import THEMES
from viewer.export.pdf import export_pdf
from viewer.paths import data_dir
from viewer.record.loader import load_record

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _words(path: Path) -> list[str]:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()


def _pl7() -> Path:
    return data_dir("casedata") / "anti-pl7-antisynthetase.case.yaml"


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_word_longer_than_its_column_is_planned_widens_the_column_rather_than_break(qapp, tmp_path, paper):
    """The treatment table's Agent column is planned a fifth of the width: too narrow for "Immunosuppressives"."""
    record = load_record(_pl7())
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=False), out, THEMES["light"], paper)
    words = _words(out)
    # Once in the time table, once in the treatment table; never cut into "Immunosuppressi" and "ves".
    assert words.count("Immunosuppressives") == 2
    assert not {"Immunosuppressi", "ves"} & set(words)


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_word_that_only_just_fits_its_column_is_not_broken_by_the_cell_edges(qapp, tmp_path, paper):
    """ "? under consideration" in the Status column, planned a seventh of the width: the word fits the
    planned share by the width of its cell's padding and borders, and Qt rounds the column down."""
    record = load_record(data_dir("casedata") / "anti-mda5-ivig.case.yaml")
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=False), out, THEMES["light"], paper)
    assert "consideratio" not in _words(out)


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_withheld_courses_say_so_in_whole_words_in_the_narrow_order_column(qapp, tmp_path, paper):
    record = load_record(_pl7())
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=True), out, THEMES["light"], paper)
    words = _words(out)
    # From the caption under the timeline on: the figure may cut a label short to its room.
    words = [word.strip("“”;,.") for word in words[words.index("below).") :]]
    assert words.count("result") == words.count("withheld") > 0
    assert not {"withh", "eld"} & set(words)


ROW = 22
"""Units (pixels at 96 dpi) of the shortest table row: a line of body text and the cell's padding."""
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is missing")


@needs_pdftoppm
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_table_going_on_to_the_next_page_is_closed_under_its_last_row(qapp, tmp_path, paper):
    """Qt moves a row that does not fit to the next page and draws no line under the row before it;
    the table's sides would run on down the empty foot of the page."""
    from PySide6.QtGui import QColor, QImage

    from benchmarks.synthetic import write_record
    from viewer.export.pdf import MARGINS

    record = load_record(write_record(300, tmp_path))
    shown = show(record)
    out = tmp_path / "handout.pdf"
    pages = export_pdf(shown, shown.disclosure(unknown=False), out, THEMES["light"], paper)
    # At 96 dpi a pixel is a unit of the layout; the table's left side is the column just inside the margin.
    subprocess.run(["pdftoppm", "-png", "-r", "96", str(out), str(tmp_path / "page")], check=True)
    side = round(MARGINS.left()) + 1
    closed = 0
    for number in range(1, pages + 1):
        image = QImage(str(tmp_path / f"page-{number:02d}.png"))
        text_bottom = image.height() - round(MARGINS.bottom())
        inked = [QColor(image.pixel(side, y)).lightness() < 240 for y in range(text_bottom)]
        # A table's side is the lowest run of ink down that column taller than a row; letters are shorter.
        runs = [y for y in range(ROW, text_bottom) if not inked[y] and all(inked[y - ROW : y])]
        if not runs:
            continue
        foot = max(runs) - 1
        across = range(side + 6, image.width() - round(MARGINS.right()) - 6)
        # The line under the last row, at the side's foot or a pixel under it where Qt draws it.
        ruled = max(sum(QColor(image.pixel(x, y)).lightness() < 240 for x in across) for y in (foot, foot + 1))
        assert ruled > 0.95 * len(across), (number, foot)
        closed += 1
    assert closed >= pages // 2


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_row_whose_cells_differ_in_type_size_stays_on_one_page(qapp, tmp_path, paper):
    """A serology's "not reported" range is in small type: Qt once left it on a page whose foot had no room
    for the test's name beside it, and put the name, result and value at the top of the next page."""
    from benchmarks.synthetic import write_record

    record = load_record(write_record(300, tmp_path))
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=False), out, THEMES["light"], paper)
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    ranges = 0
    for page in html.split("<page ")[1:]:
        words = [(float(x), float(y), text) for x, y, text in _WORD.findall(page)]
        column = next((x for x, _, text in words if text == "Reference"), None)
        if column is None:
            continue
        for number, (x, y, text) in enumerate(words):
            if text == "not" and words[number + 1][2] == "reported" and abs(x - column) < 1:
                ranges += 1
                # The row's test name starts at the table's left, on the same line of the same page.
                assert any(abs(other - y) < 1 and left < 60 for left, other, _ in words), (y, page[:40])
    assert ranges > 50


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("unknown", [False, True])
def test_a_short_table_goes_whole_with_its_heading(qapp, tmp_path, paper, unknown):
    """The four courses of the treatment table, not the first at a page's foot and three overleaf."""
    record = load_record(data_dir("casedata") / "anti-mda5-ivig.case.yaml")
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=unknown), out, THEMES["light"], paper)
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[(float(y), text) for _, y, text in _WORD.findall(page)] for page in html.split("<page ")[1:]]
    [(page, heading)] = [
        (page, y)
        for page in pages
        for number, (y, text) in enumerate(page)
        if text == "Treatment" and page[number + 1][1] == "course"
    ]
    under = [text for y, text in page if y > heading]
    assert {"Steroids", "Tacrolimus", "Rituximab"} <= set(under)


@needs_poppler
@pytest.mark.parametrize(("count", "said"), [(5, None), (100, "1 item without a stated time is not drawn")])
def test_the_caption_says_what_the_figure_leaves_out_for_want_of_room_in_its_legend(qapp, tmp_path, count, said):
    from benchmarks.synthetic import write_record
    from viewer.record.model import timed_items

    record = load_record(write_record(count, tmp_path))
    shown = show(record)
    out = tmp_path / "handout.pdf"
    export_pdf(shown, shown.disclosure(unknown=False), out, THEMES["light"], "a4")
    text = " ".join(_words(out))
    unplaced = len(timed_items(record)) - len(shown.time_order)
    assert ("without a stated time" in text) == (unplaced > 0)
    if said is not None:
        assert unplaced == 1
        assert said in text
