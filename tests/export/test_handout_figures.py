"""The handout prints each figure under its item, in timeline order, with its caption and credit,
as wide as the column and in its own aspect; an unknown-case handout withholds what the screen does.

Images are counted with `pdfimages -list`, text read with `pdftotext`: the PDF as a reader gets it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from figure_files import png_bytes, record_with_figure
from run_cli import run_cli

pytestmark = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="pdfimages (poppler-utils) is missing")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    (tmp_path / "wide.png").write_bytes(png_bytes(300, 100))
    (tmp_path / "tall.png").write_bytes(png_bytes(60, 120))
    (tmp_path / "later.png").write_bytes(png_bytes(50, 50))
    second = "      - file: tall.png\n        caption: Tall pattern\n        credit: Tall credit\n"
    record = record_with_figure(tmp_path, "wide.png", caption="Wide pattern", extra=second)
    text = record.read_text(encoding="utf-8").replace(
        "    quotes: [She was treated with antibiotics]\n",
        "    quotes: [She was treated with antibiotics]\n    figures:\n"
        "      - file: later.png\n        caption: Secret pattern\n        credit: Secret credit\n        reveal: 1\n",
    )
    text += (
        "discussion:\n  - id: point\n    text: A point to discuss\n    quotes: [Blood cultures were negative]\n"
        "    figures:\n      - file: wide.png\n        caption: Discussion pattern\n"
    )
    record.write_text(text, encoding="utf-8")
    return record


def _images(pdf: Path) -> list[dict[str, str]]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    header, _rule, *rows = listing.splitlines()
    names = header.split()
    return [dict(zip(names, row.split(), strict=False)) for row in rows]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _export(case: Path, pdf: Path, *options: str) -> None:
    run = run_cli("export", str(case), "--pdf", str(pdf), *options, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


def test_every_figure_is_printed_in_timeline_order_with_caption_and_credit(case: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    _export(case, pdf)
    images = _images(pdf)
    sizes = [(image["width"], image["height"]) for image in images]
    assert sizes == [("300", "100"), ("60", "120"), ("50", "50"), ("300", "100")]
    # Each in its own aspect: as many pixels per inch across as down.
    assert all(image["x-ppi"] == image["y-ppi"] for image in images)
    # The wide one is as wide as the column: about 3.5 inches of an A4 page.
    assert 80 <= int(images[0]["x-ppi"]) <= 90
    text = " ".join(_text(pdf).split())
    # The time table, after the timeline drawing's labels.
    text = text[text.index("When (as the source words it)") :]
    order = [
        text.index(words) for words in ("Fever", "Figure: Wide pattern", "Made by the test", "Figure: Tall pattern")
    ]
    assert order == sorted(order)
    assert text.index("Figure: Tall pattern") < text.index("Rash") < text.index("Figure: Secret pattern")
    # A discussion point's figure is under the point.
    assert text.index("A point to discuss") < text.index("Figure: Discussion pattern") < text.index("Source text")


def test_an_unknown_case_handout_withholds_the_figure(case: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "unknown.pdf"
    _export(case, pdf, "--unknown")
    sizes = [(image["width"], image["height"]) for image in _images(pdf)]
    assert sizes == [("300", "100"), ("60", "120"), ("300", "100")]
    text = _text(pdf)
    assert "figure withheld" in text
    for secret in ("Secret pattern", "Secret credit", "later.png"):
        assert secret not in text


def test_a_figure_that_cannot_be_read_is_said_so_and_the_rest_prints(case: Path, tmp_path: Path) -> None:
    (case.parent / "tall.png").write_bytes(png_bytes()[:50])
    pdf = tmp_path / "handout.pdf"
    _export(case, pdf)
    assert len(_images(pdf)) == 3
    assert "Figure not printed: the PNG file is cut short" in " ".join(_text(pdf).split())


def test_an_unknown_case_handout_does_not_say_why_a_figure_is_not_printed(case: Path, tmp_path: Path) -> None:
    # The reason names the file, and the file's name gives the answer.
    text = case.read_text(encoding="utf-8").replace("file: tall.png", "file: the-answer-is-sarcoidosis.gif")
    case.write_text(text, encoding="utf-8")
    pdf = tmp_path / "unknown.pdf"
    run = run_cli("export", str(case), "--pdf", str(pdf), "--unknown", timeout=120)
    assert run.returncode == 0, run.stderr
    words = " ".join(_text(pdf).split())
    assert "Figure not printed." in words
    assert "sarcoidosis" not in words
