"""How the handout's pages are set, read back from the PDF: words whole in narrow table columns."""

from __future__ import annotations

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
