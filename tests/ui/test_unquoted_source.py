"""View › Show Unquoted Source: the marks, the count, the chosen sentence and Copy as Quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLabel

from viewer.record.loader import load_record_bytes
from viewer.record.provenance import normalise
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow

CASEDATA = Path(__file__).parents[2] / "casedata"
PL7 = CASEDATA / "anti-pl7-antisynthetase.case.yaml"
SENTENCE = "She was found to harbor anti-threonyl-tRNA synthetase antibodies."


@pytest.fixture
def unquoted_record(tmp_path: Path) -> Path:
    record = tmp_path / "pl7.case.yaml"
    record.write_bytes(PL7.read_bytes().replace(f"- {SENTENCE}".encode(), b"- anti-PL7 positive"))
    return record


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _source_tab(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(window.tabs.count() - 1)


def test_marks_every_unquoted_sentence_with_background_and_margin(window, unquoted_record):
    assert window.document.open(unquoted_record)
    _source_tab(window)
    view = window.source_view
    assert view.unquoted == []
    assert window.menus.show_unquoted.text().replace("&", "") == "Show Unquoted Source"
    window.menus.show_unquoted.setChecked(True)
    assert [(s.line, s.text) for s in view.unquoted] == [(6, SENTENCE)]
    text = view.toPlainText()
    marked = [s for s in view.extraSelections() if s.cursor.selectedText() == SENTENCE]
    assert len(marked) == 1
    assert marked[0].format.background().style() != Qt.BrushStyle.NoBrush
    assert marked[0].format.underlineStyle() != marked[0].format.UnderlineStyle.NoUnderline
    assert text[view.unquoted[0].start : view.unquoted[0].end] == SENTENCE
    assert view.viewportMargins().left() > 0
    assert len(view.mark_positions()) == 1
    label = window.findChild(QLabel, "unquoted-count")
    assert label.isVisible()
    assert "1 sentence no item quotes" in label.text()
    window.menus.show_unquoted.setChecked(False)
    assert view.unquoted == []
    assert view.viewportMargins().left() == 0
    assert not label.isVisible()


def test_the_setting_persists(window, unquoted_record):
    window.menus.show_unquoted.setChecked(True)
    assert Preferences().show_unquoted()
    window.menus.show_unquoted.setChecked(False)
    assert not Preferences().show_unquoted()


def test_bundled_record_has_no_marks(window):
    assert window.document.open(CASEDATA / "anti-mda5-ivig.case.yaml")
    window.menus.show_unquoted.setChecked(True)
    assert window.source_view.unquoted == []
    label = window.findChild(QLabel, "unquoted-count")
    assert label.text().startswith("Every sentence of the source is quoted")


def test_no_marks_in_unknown_case_mode(window, unquoted_record):
    assert window.document.open(unquoted_record)
    window.menus.show_unquoted.setChecked(True)
    window.document.set_unknown(True)
    assert window.source_view.unquoted == []
    label = window.findChild(QLabel, "unquoted-count")
    assert "not marked in unknown-case mode" in label.text()
    window.document.set_unknown(False)
    assert len(window.source_view.unquoted) == 1


def test_clicking_a_marked_sentence_puts_it_in_the_detail_panel(window, unquoted_record, qtbot):
    assert window.document.open(unquoted_record)
    _source_tab(window)
    window.menus.show_unquoted.setChecked(True)
    view = window.source_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.unquoted[0].start + 5)
    view.setTextCursor(cursor)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    detail = window.detail.toPlainText()
    assert "Not quoted by any item" in detail
    assert "Source line 6" in detail
    assert SENTENCE in detail
    assert window.detail.copy_button.isVisible()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(window.detail.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == f'"{SENTENCE}"'
    # Choosing an item again puts the item back, without the button.
    window.selection.select("diagnosis")
    assert not window.detail.copy_button.isVisible()


MINIMAL_WITH_AWKWARD_SOURCE = """\
format: 1
title: A case
unknown_title: A case
source:
  title: A case
  text: |
    He said: "it's here" \u2014 the path C:\\temp\\new was 'odd' \\n not a break.
    Fièvre à 39,5 °C, µg/L # not a comment
    Ωmega: {braces} [brackets] & *stars* %percent @at
patient:
  summary: A patient
  quotes:
    - {clip}
"""


def test_copy_as_quote_round_trips_through_the_loader(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    placeholder = MINIMAL_WITH_AWKWARD_SOURCE.replace("{clip}", "He said")
    window.document.set_record(load_record_bytes(placeholder.encode("utf-8")))
    view = window.source_view
    text = view.toPlainText()
    start = text.index('said: "it')
    end = text.index("@at") + 3
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.copy_quote_action.text().replace("&", "") == "Copy as Quote"
    view.copy_quote_action.trigger()
    clip = QGuiApplication.clipboard().text()
    assert "\n" not in clip
    record = load_record_bytes(MINIMAL_WITH_AWKWARD_SOURCE.replace("{clip}", clip).encode("utf-8"))
    assert record.patient.quotes == [normalise(text[start:end])]
    assert record.patient.quotes[0].startswith('said: "it\'s here" \u2014 the path C:\\temp\\new was')
    assert record.patient.quotes[0].endswith("& *stars* %percent @at")


def test_source_tab_heads_with_citation_and_licence_unless_withheld(window):
    label = window.findChild(QLabel, "source-credit")
    assert window.document.open(PL7)
    _source_tab(window)
    assert label.isVisible()
    assert label.text() == (
        "Source: De Langhe E, Lenaerts J, Bossuyt X, Westhovens R, Wuyts WA. Journal of Medical Case Reports "
        "(2015) 9:82. DOI 10.1186/s13256-015-0571-2 · Licence: open access, CC BY"
    )
    assert "De Langhe" not in window.header.citation_label.text()
    window.document.set_unknown(True)
    assert not label.isVisible()
    assert label.text() == ""
    window.document.set_unknown(False)
    assert window.document.open(CASEDATA / "anti-mda5-ivig.case.yaml")
    # Its source states no citation or licence.
    assert not label.isVisible()


def test_source_tab_heads_with_keywords_perspective_and_consent_unless_withheld(window, data_dir):
    label = window.findChild(QLabel, "source-statements")
    assert window.document.open(data_dir / "good" / "statements.case.yaml")
    _source_tab(window)
    assert label.isVisible()
    assert label.accessibleName() == "Keywords, patient's perspective and consent"
    assert label.text().splitlines() == [
        "Keywords: Fever (source: “Keywords: fever”); Rash (source: “fever”, “rash”)",
        "Patient's perspective: She felt better at once. (source: “The patient said she felt better at once.”)",
        "Consent: Written informed consent for publication was obtained. "
        "(source: “Written informed consent was obtained from the patient for publication.”)",
    ]
    # Withheld while anything is, as the citation is; shown again once everything is revealed.
    window.document.set_unknown(True)
    assert not label.isVisible()
    assert label.text() == ""
    window.document.set_stage(1)
    assert label.isVisible()
    window.document.set_unknown(False)
    assert window.document.open(data_dir / "good" / "minimal.case.yaml")
    assert not label.isVisible()
