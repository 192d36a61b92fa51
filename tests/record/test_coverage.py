"""Which source sentences no item quotes: none in the bundled records, and each one named when a quote goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.run_cli import run_cli
from viewer.record.coverage import unquoted_sentences
from viewer.record.loader import load_record, load_record_bytes
from viewer.record.sentences import split_sentences

CASEDATA = Path(__file__).parents[2] / "casedata"
MDA5 = CASEDATA / "anti-mda5-ivig.case.yaml"
PL7 = CASEDATA / "anti-pl7-antisynthetase.case.yaml"


@pytest.mark.parametrize("path", [MDA5, PL7], ids=lambda p: p.stem)
def test_bundled_records_quote_every_sentence(path: Path) -> None:
    assert [(s.line, s.text) for s in unquoted_sentences(load_record(path))] == []


def test_only_headings_and_furniture_are_left_out_of_the_mda5_count() -> None:
    record = load_record(MDA5)
    left_out = [s.text for s in split_sentences(record.source.text) if s.furniture]
    assert left_out[1:] == [
        "Publication/Presentation Date",
        "8-5-2020",
        "Abstract",
        "Disciplines",
        "Medicine and Health Sciences",
        "Department(s)",
        "Department of Medicine, Department of Medicine Faculty",
        "Document Type",
        "Presentation",
    ]
    assert left_out[0].startswith("The Utility of Intravenous Immunoglobulin (IVIG)")


def test_the_repository_notice_of_the_mda5_source_is_page_furniture() -> None:
    # The record's source text ends before the page's last lines; the source file has them.
    text = (CASEDATA / "anti-mda5-ivig-abstract.txt").read_text(encoding="utf-8")
    furniture = [s.text for s in split_sentences(text) if s.furniture]
    assert furniture[-3:] == ["This document is currently not available here.", "Share", "COinS"]


def test_only_headings_and_furniture_are_left_out_of_the_pl7_count() -> None:
    record = load_record(PL7)
    left_out = [s.text for s in split_sentences(record.source.text) if s.furniture]
    assert left_out[1:] == [
        "DOI 10.1186/s13256-015-0571-2 (open access, CC BY)",
        "Abstract",
        "Introduction:",
        "Case presentation:",
    ]


def _without(path: Path, quote: str, instead: str) -> bytes:
    raw = path.read_bytes()
    assert raw.count(quote.encode()) == 1
    return raw.replace(quote.encode(), instead.encode())


def test_a_sentence_whose_quote_goes_is_named_with_its_line() -> None:
    raw = _without(PL7, "- She was found to harbor anti-threonyl-tRNA synthetase antibodies.", "- anti-PL7 positive")
    unquoted = unquoted_sentences(load_record_bytes(raw))
    assert [(s.line, s.text) for s in unquoted] == [
        (6, "She was found to harbor anti-threonyl-tRNA synthetase antibodies.")
    ]


def test_a_quote_of_part_of_a_sentence_covers_it() -> None:
    raw = _without(PL7, "- She was found to harbor anti-threonyl-tRNA synthetase antibodies.", "- She was found")
    assert unquoted_sentences(load_record_bytes(raw)) == []


def test_the_citation_covers_the_citation_line() -> None:
    raw = PL7.read_bytes()
    start = raw.index(b"  citation: >-")
    end = raw.index(b"  licence:")
    unquoted = unquoted_sentences(load_record_bytes(raw[:start] + raw[end:]))
    assert [(s.line, s.text) for s in unquoted] == [
        (2, "De Langhe E, Lenaerts J, Bossuyt X, Westhovens R, Wuyts WA."),
        (2, "Journal of Medical Case Reports (2015) 9:82."),
    ]


def test_validate_coverage_lists_and_exits_zero(tmp_path: Path) -> None:
    record = tmp_path / "pl7.case.yaml"
    record.write_bytes(
        _without(PL7, "- She was found to harbor anti-threonyl-tRNA synthetase antibodies.", "- anti-PL7 positive")
    )
    result = run_cli("validate", "--coverage", str(record), str(MDA5))
    assert result.returncode == 0, result.stderr
    assert f"{record}: 1 sentence of the source text quoted by no item (advice, not an error):" in result.stdout
    assert '  source line 6: "She was found to harbor anti-threonyl-tRNA synthetase antibodies."' in result.stdout
    assert f"{MDA5}: every sentence of the source text is quoted" in result.stdout


def test_validate_coverage_of_an_invalid_record_still_fails(tmp_path: Path) -> None:
    record = tmp_path / "bad.case.yaml"
    record.write_bytes(PL7.read_bytes().replace(b"format: 1", b"format: 2"))
    result = run_cli("validate", "--coverage", str(record))
    assert result.returncode == 1
    assert "format" in result.stderr


def test_citation_and_licence_are_the_sources_own_words() -> None:
    pl7 = load_record(PL7)
    assert pl7.source.citation == (
        "De Langhe E, Lenaerts J, Bossuyt X, Westhovens R, Wuyts WA. Journal of Medical Case Reports (2015) 9:82. "
        "DOI 10.1186/s13256-015-0571-2"
    )
    assert pl7.source.licence == "open access, CC BY"
    second_line = pl7.source.text.splitlines()[1]
    assert pl7.source.citation in second_line
    assert f"({pl7.source.licence})" in second_line
    # The anti-MDA5 source names no authors and no licence: its record gives neither.
    mda5 = load_record(MDA5)
    assert mda5.source.citation is None
    assert mda5.source.licence is None
