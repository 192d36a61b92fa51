"""`case-viewer export AGENDA --pdf OUT`: one handout for the session, the agenda page first."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from run_cli import run_cli

REPO = Path(__file__).parents[2]
AGENDA = REPO / "casedata" / "myositis-ild.agenda.yaml"
AGENDAS = Path(__file__).parents[1] / "data" / "agenda"
# What names the first case's diagnosis: the agenda presents it as an unknown case.
PL7_ANSWERS = ["antisynthetase", "pl7", "pl-7", "mechanic", "threonyl", "trna"]

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_the_session_handout_opens_with_the_agenda_and_withholds_the_unknown_case(tmp_path: Path) -> None:
    out = tmp_path / "session.pdf"
    result = run_cli("export", str(AGENDA), "--pdf", str(out), "--paper", "a4")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{out}: written\n", "")
    found = pages(out)
    first = " ".join(found[0].split())
    assert first.startswith(
        "Myositis and interstitial lung disease Case conference, 2026-01-15 Agenda 1. A 44-year-old woman"
    )
    assert "15 min, unknown case" in first
    assert "2. The Utility of Intravenous Immunoglobulin (IVIG)" in first
    assert "20 min" in first
    # Each case's handout starts on a page of its own: the first under its unknown title.
    second = [number for number, page in enumerate(found) if page.startswith("The Utility of Intravenous")]
    assert found[1].startswith("A 44-year-old woman with dyspnea")
    assert len(second) == 1
    assert second[0] > 1
    unknown_case = "\n".join(found[: second[0]]).lower()
    assert [word for word in PL7_ANSWERS if word in unknown_case] == []
    assert "result withheld" in unknown_case
    # The second case is not an unknown case: its diagnosis is in its handout.
    assert "dermatomyositis" in "\n".join(found[second[0] :]).lower()
    assert f"Page 1 of {len(found)}" in found[0]
    assert [path.name for path in tmp_path.iterdir()] == ["session.pdf"]


def test_unknown_withholds_every_case(tmp_path: Path) -> None:
    out = tmp_path / "session.pdf"
    result = run_cli("export", str(AGENDA), "--pdf", str(out), "--unknown")
    assert result.returncode == 0, result.stderr
    text = "\n".join(pages(out)).lower()
    assert "mda5" not in text
    assert "antisynthetase" not in text


def test_a_case_that_cannot_be_shown_is_listed_and_told(tmp_path: Path) -> None:
    agenda = AGENDAS / "missing-case.agenda.yaml"
    out = tmp_path / "session.pdf"
    result = run_cli("export", str(agenda), "--pdf", str(out))
    assert result.returncode == 1
    assert result.stdout == f"{out}: written\n"
    assert result.stderr == (
        f"{agenda}:7:11: cases[1].file: {AGENDAS / 'nowhere.case.yaml'}:1:1: cannot read the file: "
        "No such file or directory: left out of the handout\n"
    )
    first = " ".join(pages(out)[0].split())
    assert "2. nowhere.case.yaml 10 min; cannot be shown: line 7:" in first


def test_an_agenda_exports_as_a_pdf_only(tmp_path: Path) -> None:
    result = run_cli("export", str(AGENDA), "--png", str(tmp_path / "t.png"))
    assert result.returncode == 2
    assert "an agenda is exported as one PDF handout: give --pdf only" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_care_is_refused_for_an_agenda_rather_than_left_out(tmp_path: Path) -> None:
    result = run_cli("export", str(AGENDA), "--pdf", str(tmp_path / "s.pdf"), "--care")
    assert result.returncode == 2
    assert "--care ends a case's handout; a session's handout has none" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_scale_is_refused_for_an_agenda_rather_than_ignored(tmp_path: Path) -> None:
    # Its handout draws every timeline as vector shapes: a PNG's pixels per screen pixel mean nothing there.
    result = run_cli("export", str(AGENDA), "--pdf", str(tmp_path / "s.pdf"), "--scale", "2")
    assert (result.returncode, result.stdout) == (2, "")
    assert "--scale sets a PNG's pixels: it needs --png" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_agenda_writes_nothing(tmp_path: Path) -> None:
    bad = AGENDAS / "zero-minutes.agenda.yaml"
    result = run_cli("export", str(bad), "--pdf", str(tmp_path / "s.pdf"))
    assert result.returncode == 1
    assert result.stderr == f"{bad}:6:14: cases[0].minutes: expected a whole number that is at least 1\n"
    assert list(tmp_path.iterdir()) == []


def test_a_target_that_cannot_be_written_is_told_and_nothing_is_left(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "session.pdf"
    result = run_cli("export", str(AGENDA), "--pdf", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"case-viewer export: cannot write {out}: No such file or directory\n"
    assert list(tmp_path.iterdir()) == []
