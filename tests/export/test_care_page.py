"""`export --care`: the PDF handout ends with the CARE checklist; an unknown case's names no ids."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.run_cli import run_cli

PL7 = Path(__file__).parents[2] / "casedata" / "anti-pl7-antisynthetase.case.yaml"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _text(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_poppler
def test_care_page_ends_the_handout(tmp_path: Path) -> None:
    plain, care = tmp_path / "plain.pdf", tmp_path / "care.pdf"
    assert run_cli("export", str(PL7), "--pdf", str(plain)).returncode == 0
    result = run_cli("export", str(PL7), "--pdf", str(care), "--care")
    assert result.returncode == 0, result.stderr
    assert "CARE checklist" not in _text(plain)
    text = _text(care)
    assert "CARE checklist" in text
    assert text.index("Source text") < text.index("CARE checklist")
    assert "Covered by" in text
    assert "9. Therapeutic intervention partly treatments, but no regimen or dose glucocorticoids" in text
    assert "7 of 13 covered, 2 partly, 4 not covered." in text
    assert _pages(care) > _pages(plain)
    # The citation and licence the record gives.
    assert "Licence: open access, CC BY" in text
    assert "DOI 10.1186/s13256-015-0571-2" in text


@needs_poppler
def test_care_page_of_an_unknown_case_names_no_ids(tmp_path: Path) -> None:
    out = tmp_path / "unknown.pdf"
    result = run_cli("export", str(PL7), "--pdf", str(out), "--care", "--unknown")
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "CARE checklist" in text
    assert "Covered by" not in text
    for leak in ("anti-pl7", "De Langhe", "10.1186", "Licence"):
        assert leak not in text


def _page_text(path: Path, number: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


@needs_poppler
def test_the_care_checklist_starts_a_page_of_its_own(tmp_path: Path) -> None:
    plain, care = tmp_path / "plain.pdf", tmp_path / "care.pdf"
    assert run_cli("export", str(PL7), "--pdf", str(plain)).returncode == 0
    assert run_cli("export", str(PL7), "--pdf", str(care), "--care").returncode == 0
    pages = _pages(plain)
    # The handout's pages are as they are without the checklist; the checklist follows them.
    for number in range(1, pages + 1):
        before = _page_text(plain, number).replace(f"of {pages}", "")
        assert _page_text(care, number).replace(f"of {_pages(care)}", "") == before
    last_source_page = _page_text(care, pages)
    assert "CARE checklist" not in last_source_page
    checklist = _page_text(care, pages + 1)
    assert checklist.startswith("CARE checklist What this record covers of the 13 items")
    assert "Source text" not in checklist
    # Its footer is the case's, numbered through.
    assert f"Page {pages + 1} of {_pages(care)}" in checklist


STATEMENTS = Path(__file__).parents[1] / "data" / "good" / "statements.case.yaml"


@needs_poppler
def test_the_handout_gives_keywords_perspective_and_consent_unless_withheld(tmp_path: Path) -> None:
    known, unknown = tmp_path / "known.pdf", tmp_path / "unknown.pdf"
    assert run_cli("export", str(STATEMENTS), "--pdf", str(known)).returncode == 0
    text = _text(known)
    patient = text.index("Patient: 50-year-old woman")
    for line in (
        "Keywords: Fever (source: “Keywords: fever”); Rash (source: “fever”, “rash”)",
        "Patient's perspective: She felt better at once. (source: “The patient said she felt better at once.”)",
        "Consent: Written informed consent for publication was obtained. "
        "(source: “Written informed consent was obtained from the patient for publication.”)",
    ):
        assert patient < text.index(line) < text.index("Timeline")
    assert run_cli("export", str(STATEMENTS), "--pdf", str(unknown), "--unknown").returncode == 0
    text = _text(unknown)
    for leak in ("Keywords", "Fever, Rash", "felt better", "consent"):
        assert leak not in text
