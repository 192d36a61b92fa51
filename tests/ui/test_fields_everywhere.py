"""The tab, the detail panel and the handout show an item's fields alike, withheld or not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from measured_case import WORDS, measured_case
from PySide6.QtCore import QModelIndex

from viewer.content.disclosure import WITHHELD, Disclosure
from viewer.content.shown import show
from viewer.draw.theme import THEMES
from viewer.export.pdf import export_pdf
from viewer.record.model import CaseRecord
from viewer.ui.detail import detail_lines
from viewer.ui.models import ItemTableModel
from viewer.ui.tabs import SEROLOGY_COLUMNS, group_by_panel

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
SECRETS = ("CK", "215", "39-308", "elevated", WORDS, "Muscle enzymes")
"""What the measured CK shows while it is known, and must not while it is withheld (its panel's name with it)."""


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return measured_case()


def _tab_row(disclosure: Disclosure, item_id: str) -> list[str]:
    record = disclosure.record
    model = ItemTableModel(SEROLOGY_COLUMNS, group_by_panel)
    withheld = frozenset(result.id for result in record.serologies if disclosure.withheld(result))
    model.set_items(record.serologies, disclosure.labels(), withheld)
    index = model.index_of(item_id)
    return [model.index(index.row(), column, index.parent()).data() for column in range(model.columnCount())]


def _headings(model: ItemTableModel) -> list[str]:
    return [model.index(row, 0, QModelIndex()).data() for row in model.heading_rows()]


def _pdf_text(tmp_path: Path, disclosure: Disclosure) -> str:
    out = tmp_path / "handout.pdf"
    export_pdf(show(disclosure.record), disclosure, out, THEMES["light"], "a4")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_a_value_shows_with_its_unit_once_in_the_tab_and_the_detail_panel(qapp, record) -> None:
    disclosure = Disclosure(record)
    row = _tab_row(disclosure, "ck")
    assert row[:4] == ["CK", "▲ elevated", "215 U/L", "39-308 U/L"]
    assert row.count("215 U/L") == 1
    assert "U/L" not in row
    ck = next(result for result in record.serologies if result.id == "ck")
    lines = detail_lines("serologies", ck, disclosure.labels())
    assert ("field", "Value: 215 U/L") in lines
    assert sum("215" in text for _, text in lines) == 1


@needs_poppler
def test_a_value_shows_with_its_unit_once_in_the_handout(qapp, tmp_path, record) -> None:
    text = _pdf_text(tmp_path, Disclosure(record))
    assert text.count("215 U/L") == 1
    assert "U/L U/L" not in text
    # What a withheld CK must not show, the known case shows.
    for secret in SECRETS:
        assert secret in text, secret


@needs_poppler
def test_a_withheld_serology_shows_only_result_withheld_and_its_timing_everywhere(qapp, tmp_path, record) -> None:
    disclosure = Disclosure(record, unknown=True)
    ck = next(result for result in record.serologies if result.id == "ck")
    assert disclosure.withheld(ck)
    timing = "with result withheld"
    assert _tab_row(disclosure, "ck") == [WITHHELD, "", "", "", timing, ""]
    assert detail_lines("serologies", ck, disclosure.labels(), withheld=True) == [
        ("title", WITHHELD),
        ("field", "Serologies"),
        ("field", "When: at the time of result withheld"),
    ]
    model = ItemTableModel(SEROLOGY_COLUMNS, group_by_panel)
    model.set_items(record.serologies, disclosure.labels(), frozenset(r.id for r in record.serologies))
    assert all(heading.startswith(f"{WITHHELD} (") for heading in _headings(model))
    text = _pdf_text(tmp_path, disclosure)
    assert WITHHELD in text
    for secret in SECRETS:
        assert secret not in text, secret
