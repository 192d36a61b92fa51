"""The CARE checklist: each of the 13 items covered, partly or not, by the rules the README writes down."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.run_cli import run_cli
from viewer.content.care import Coverage, care_checklist, care_lines
from viewer.record.loader import load_record, load_record_bytes

REPO = Path(__file__).parents[2]
MDA5 = REPO / "casedata" / "anti-mda5-ivig.case.yaml"
PL7 = REPO / "casedata" / "anti-pl7-antisynthetase.case.yaml"
MINIMAL = REPO / "tests" / "data" / "good" / "minimal.case.yaml"

C, P, N = Coverage.COVERED, Coverage.PARTLY, Coverage.NOT_COVERED
NAMES = [
    "Title",
    "Keywords",
    "Abstract",
    "Introduction",
    "Patient information",
    "Clinical findings",
    "Timeline",
    "Diagnostic assessment",
    "Therapeutic intervention",
    "Follow-up and outcomes",
    "Discussion",
    "Patient perspective",
    "Informed consent",
]


def _coverage(path: Path) -> list[Coverage]:
    items = care_checklist(load_record(path))
    assert [item.name for item in items] == NAMES
    assert [item.number for item in items] == list(range(1, 14))
    return [item.coverage for item in items]


def test_mda5_record() -> None:
    # No "case report" in the title; the timeline mostly order-only; no keywords, perspective or consent.
    assert _coverage(MDA5) == [P, N, C, C, C, C, P, C, C, C, C, N, N]


def test_pl7_record() -> None:
    # The abstract gives no regimen and no outcome.
    assert _coverage(PL7) == [C, N, C, C, C, C, P, C, P, N, C, N, N]


def test_minimal_record() -> None:
    assert _coverage(MINIMAL) == [P, N, N, N, C, N, C, P, P, N, N, N, N]


def test_what_covers_each_item_is_named() -> None:
    items = {item.name: item for item in care_checklist(load_record(PL7))}
    assert items["Title"].by == ["title"]
    assert items["Diagnostic assessment"].by == [
        "laboratory-analysis",
        "screening",
        "anti-pl7",
        "nsip",
        "uctd",
        "history: first-diagnosis",
        "history: diagnosis",
    ]
    assert items["Therapeutic intervention"].by == ["glucocorticoids", "immunosuppressives"]
    assert items["Therapeutic intervention"].reason == "treatments, but no regimen or dose"
    assert (
        items["Timeline"].reason == "4 of 21 timed items placed in time (exact or approximate); most are in order only"
    )
    assert items["Abstract"].by == ["source.text (line 4)"]


def test_optional_fields_cover_their_items() -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace(
        "Blood cultures were negative. She was treated with antibiotics.",
        "Blood cultures were negative. She was treated with antibiotics.\n"
        "    Keywords: fever, rash. She said she was relieved. Consent was obtained.",
    )
    text += (
        "keywords:\n  - {text: Fever, quotes: [fever]}\n  - {text: Rash, quotes: [rash]}\n"
        "patient_perspective: {text: She was relieved., quotes: [She said she was relieved.]}\n"
        "consent: {text: Consent was obtained., quotes: [Consent was obtained.]}\n"
    )
    items = care_checklist(load_record_bytes(text.encode("utf-8")))
    assert [items[1].coverage, items[11].coverage, items[12].coverage] == [C, C, C]
    assert items[1].by == ["keywords: Fever", "keywords: Rash"]
    one = text.replace("  - {text: Rash, quotes: [rash]}\n", "")
    assert care_checklist(load_record_bytes(one.encode("utf-8")))[1].coverage == P


def test_lines_with_and_without_what_covers() -> None:
    items = care_checklist(load_record(PL7))
    lines = care_lines(items)
    assert lines[0] == " 1. Title: covered (the title says it is a case report) — title"
    assert lines[-1] == "7 of 13 covered, 2 partly, 4 not covered."
    withheld = care_lines(items, with_sources=False)
    assert not any("anti-pl7" in line or "—" in line for line in withheld)
    assert withheld[-1] == lines[-1]


def test_care_command(tmp_path: Path) -> None:
    result = run_cli("care", str(PL7))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"CARE checklist for {PL7}:"
    assert lines[7].startswith(" 7. Timeline: partly (4 of 21 timed items placed in time")
    assert lines[10] == "10. Follow-up and outcomes: not covered (no outcomes or treatment responses)"
    assert len(lines) == 15
    broken = tmp_path / "broken.case.yaml"
    broken.write_text("format: 2\n", encoding="utf-8")
    failed = run_cli("care", str(broken))
    assert failed.returncode == 1
    assert "broken.case.yaml:1:" in failed.stderr


@pytest.mark.parametrize("path", [MDA5, PL7], ids=lambda p: p.stem)
def test_every_reason_is_words(path: Path) -> None:
    for item in care_checklist(load_record(path)):
        assert item.reason
        assert item.coverage is N or item.by
