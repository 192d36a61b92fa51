"""Export in process: PNG pixels, SVG text, PDF text and pages, unknown-case withholding, atomic writes."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage

from viewer.content.disclosure import WITHHELD, Disclosure
from viewer.content.sections import LANE_TITLES
from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import View
from viewer.draw.figure import FIGURE_PX, figure_font, figure_size
from viewer.draw.theme import THEMES
from viewer.draw.timeline import qt_metrics
from viewer.export.memory import replacing
from viewer.export.pdf import default_paper, export_pdf
from viewer.export.png import export_png
from viewer.export.svg import export_svg
from viewer.paths import bundled_case
from viewer.record.atomic import WriteError, replace
from viewer.record.loader import load_record

SVG = "{http://www.w3.org/2000/svg}"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


@pytest.fixture(scope="module")
def record():
    return load_record(bundled_case())


def _withheld_strings(record) -> list[str]:
    """What unknown-case mode must not show before the reveal."""
    strings = [record.title, "MDA5", "Anti-Jo-1", "amyopathic", "myositis"]
    strings += [point.text for point in record.discussion]
    # The timing words of withheld items could name the answer too.
    strings += ["This prompted the workup", "Further evaluation"]
    return strings


def _pdf_text(path: Path, *options: str) -> str:
    result = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def _flat(text: str) -> str:
    """Text with every run of whitespace as one space: pdftotext breaks lines where the page did."""
    return " ".join(text.split())


# PNG


@pytest.mark.parametrize("theme_name", ["light", "projector"])
def test_png_size_follows_the_scale(qapp, tmp_path, record, theme_name):
    theme = THEMES[theme_name]
    logical = figure_size(figure_font(FIGURE_PX * theme.font_scale))
    for scale in (1, 2, 3):
        out = tmp_path / f"timeline-{scale}.png"
        export_png(show(record), Disclosure(record), out, theme, scale)
        image = QImage(str(out))
        assert not image.isNull()
        assert (image.width(), image.height()) == (round(logical.width()) * scale, round(logical.height()) * scale)
        # The same physical size at every scale: dots per inch grow with the pixels.
        assert round(image.dotsPerMeterX() * 0.0254) == 96 * scale
    assert logical.width() > 3 * logical.height() > 600


@pytest.mark.parametrize("theme_name", ["light", "projector"])
def test_png_is_a_real_picture_in_the_theme_colours(qapp, tmp_path, record, theme_name):
    theme = THEMES[theme_name]
    out = tmp_path / "timeline.png"
    export_png(show(record), Disclosure(record), out, theme, 2)
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    assert len(counts) > 100, "a blank or nearly blank image"
    assert counts.get(QColor(theme.base).rgb(), 0) > total * 0.4, "the background is the theme's"
    assert max(counts.values()) < total * 0.9
    for lane, colour in theme.lanes.items():
        assert counts.get(QColor(colour).rgb(), 0) > 10, f"no {lane} marker in {colour}"


# SVG


def _svg_texts(path: Path) -> list[str]:
    tree = ET.parse(path)  # raises on anything that is not well-formed XML
    return ["".join(node.itertext()) for node in tree.getroot().iter(f"{SVG}text")]


def _drawn_labels(qapp, record, labels) -> list[str]:
    """The lines of the labels the layout gives room to, for the SVG figure's size and font: the paint routine
    draws each line as one text."""
    from PySide6.QtSvg import QSvgGenerator

    theme = THEMES["light"]
    font = figure_font(FIGURE_PX * theme.font_scale)
    size = figure_size(font)
    generator = QSvgGenerator()
    generator.setResolution(96)
    layout = compute_layout(
        build_data(show(record), labels),
        size.width(),
        size.height(),
        View(),
        qt_metrics(font, generator),
    )
    return [line for row in layout.lanes for mark in row.marks if mark.label_width > 0 for line in mark.label_lines]


def _shown(label: str, texts: list[str]) -> bool:
    """A label is drawn whole, or cut short with an ellipsis where the next marker begins."""
    return any(text == label or (text.endswith("…") and label.startswith(text[:-1])) for text in texts)


def test_svg_is_xml_with_every_drawn_label_as_text(qapp, tmp_path, record):
    out = tmp_path / "timeline.svg"
    export_svg(show(record), Disclosure(record), out, THEMES["light"])
    texts = _svg_texts(out)
    drawn = _drawn_labels(qapp, record, Disclosure(record).labels())
    # Clusters are drawn as their count ("7 serologies"), single events as their label.
    assert "7 serologies" in drawn
    assert len(drawn) >= 10
    for label in drawn:
        assert _shown(label, texts), label
    for title in LANE_TITLES.values():
        assert title in texts
    # Labels with room are drawn whole.
    assert "Imaging and functional improvement" in texts
    assert "IVIG" in texts
    title = ET.parse(out).getroot().find(f"{SVG}title")
    assert title is not None
    assert title.text == record.title


def test_svg_in_unknown_mode_withholds(qapp, tmp_path, record):
    out = tmp_path / "timeline.svg"
    disclosure = Disclosure(record, unknown=True)
    export_svg(show(record), disclosure, out, THEMES["light"])
    raw = out.read_text(encoding="utf-8")
    for secret in _withheld_strings(record):
        assert secret.lower() not in raw.lower(), secret
    texts = _svg_texts(out)
    assert any(text.startswith("result wit") for text in texts)
    for label in _drawn_labels(qapp, record, disclosure.labels()):
        assert _shown(label, texts), label
    assert ET.parse(out).getroot().find(f"{SVG}title").text == record.unknown_title


# PDF


@needs_poppler
def test_pdf_handout_has_the_key_facts_and_page_numbers(qapp, tmp_path, record):
    out = tmp_path / "handout.pdf"
    pages = export_pdf(show(record), Disclosure(record), out, THEMES["light"], "a4")
    assert out.read_bytes().startswith(b"%PDF-")
    text = _flat(_pdf_text(out))
    for fact in (
        _flat(record.title),
        "Source: Presentation · 8-5-2020",
        "Patient: 71-year-old male",
        "pulse steroids",
        "Tacrolimus",
        "Rituximab under consideration",
        "One Japanese trial found an overall 6-month survival of 50%-60% for anti-MDA5 with ILD.",
        "Teaching point: Consider IVIG in patients with anti-MDA5 dermatomyositis.",
        "Further evaluation at confirmed",
        "“Approximately one year later”",
    ):
        assert fact in text, fact
    table = _pdf_text(out, "-layout")
    # Table rows keep their cells on one line: test, result badge, value.
    assert re.search(r"Anti-Mi-2\s+∅ not obtained\s+not reported", table)
    assert re.search(r"CK\s+▲ elevated", table)
    assert re.search(r"Anti-Jo-1\s+− negative", table)
    # Treatment course: order, agent, regimen, dose (never invented), status.
    assert re.search(r"1\s+Steroids\s+pulse steroids\s+not\s+✓ given", table)
    assert re.search(r"1\s+Tacrolimus\s+a brief course\s+not\s+✓ given", table)
    assert re.search(r"2\s+Intravenous\s+not reported\s+not\s+✓ given", table)
    assert re.search(r"3\s+Rituximab\s+not reported\s+not\s+\? under", table)
    assert 2 <= pages <= 6
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    assert f"Page {pages + 1} of" not in text


@needs_poppler
def test_pdf_sections_come_in_handout_order(qapp, tmp_path, record):
    out = tmp_path / "handout.pdf"
    export_pdf(show(record), Disclosure(record), out, THEMES["light"], "letter")
    text = _flat(_pdf_text(out))
    headings = [
        "Patient: 71-year-old male Timeline",
        "When (as the source words it) What Lane",
        "Serologies Test Result Value Reference range",
        "Treatment course Order Agent Regimen Dose Status Response",
        "Outcome Imaging and functional improvement",
        "Discussion Anti-MDA5 positive",
        "Source text The Utility",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+612 x 792 pts", info), info


@needs_poppler
def test_pdf_in_unknown_mode_withholds_what_the_screen_withholds(qapp, tmp_path, record):
    out = tmp_path / "handout.pdf"
    disclosure = Disclosure(record, unknown=True)
    export_pdf(show(record), disclosure, out, THEMES["light"], "a4")
    text = _flat(_pdf_text(out))
    for secret in _withheld_strings(record):
        assert _flat(secret).lower() not in text.lower(), secret
    assert _flat(record.unknown_title) in text
    assert WITHHELD in text
    # What stays shown stays shown: the patient, and items not withheld.
    assert "Patient: 71-year-old male" in text
    assert "Rituximab under consideration" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Title:           {record.unknown_title}" in info
    assert "MDA5" not in info


@needs_poppler
def test_pdf_never_reads_record_text_as_markup(qapp, tmp_path, record):
    import msgspec

    patient = msgspec.structs.replace(record.patient, summary="<b>71</b>-year-old &amp; male")
    out = tmp_path / "handout.pdf"
    shown = show(msgspec.structs.replace(record, patient=patient))
    export_pdf(shown, shown.disclosure(), out, THEMES["light"], "a4")
    assert "<b>71</b>-year-old &amp; male" in _pdf_text(out)


def test_default_paper_follows_the_locale():
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "letter"
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico)) == "letter"
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "a4"
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"


# Atomic writes


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".part")]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"the good one")

    def half_write() -> None:
        with replacing(target) as device:
            device.write(b"half of a new o")
            raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        half_write()
    assert target.read_bytes() == b"the good one"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_a_plain_message(qapp, tmp_path, record):
    target = tmp_path / "no-such-folder" / "timeline.svg"
    with pytest.raises(WriteError) as caught:
        export_svg(show(record), Disclosure(record), target, THEMES["light"])
    assert str(caught.value) == f"cannot write {target}: No such file or directory"


def test_a_folder_in_the_way_is_left_alone(qapp, tmp_path, record):
    target = tmp_path / "handout.pdf"
    target.mkdir()
    (target / "inside").write_text("kept", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        export_pdf(show(record), Disclosure(record), target, THEMES["light"], "a4")
    assert str(caught.value) == f"cannot write {target}: not a regular file but a folder"
    assert (target / "inside").read_text(encoding="utf-8") == "kept"
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.png"
        replace(fresh, b"new")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.png"
        kept.write_bytes(b"old")
        kept.chmod(0o600)
        replace(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert kept.read_bytes() == b"new"
    finally:
        os.umask(umask)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _pages_of_words(path: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as (x, top, height, text), in points, from pdftotext's boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(x), float(top), float(bottom) - float(top), text) for x, top, _, bottom, text in _WORD.findall(page)]
        for page in html.split("<page ")[1:]
    ]


@needs_poppler
@pytest.mark.parametrize("count", [100, 300])
def test_a_long_handout_shows_each_event_and_heading_once_and_no_heading_at_a_page_foot(qapp, tmp_path, count):
    from benchmarks.synthetic import write_record
    from viewer.record.model import timed_items

    record = load_record(write_record(count, tmp_path))
    out = tmp_path / "long.pdf"
    pages = export_pdf(show(record), Disclosure(record), out, THEMES["light"], "a4")
    words = _pages_of_words(out)
    assert len(words) == pages > count // 30
    # The title (17 pt) and the headings (12.5 pt) are the only words this tall, each shown once.
    tall = " ".join(text for page in words for _, _, height, text in page if height > 13.5)
    assert tall == f"{record.title} Timeline Serologies Treatment course Outcome Discussion Source text"
    # The Lane column is the right seventh of the timeline table: one lane name in it per event,
    # so a row lost or painted twice where pages are cut shows in the count.
    lanes = set(LANE_TITLES.values())
    column = 595 - 51 - 0.14 * (595 - 102)
    named = [text for page in words for x, _, _, text in page if x >= column - 1 and text in lanes]
    assert len(named) == len(timed_items(record))
    for number, page in enumerate(words[1:], start=2):
        for _, top, height, text in page:
            # A heading (12.5 pt) has the next lines of its section under it, on its page.
            if height > 13.5:
                assert top < 842 - 54 - 4 * 11, (number, text)
        assert f"{number} of {pages}" in " ".join(text for *_, text in page)
