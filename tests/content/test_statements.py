"""Keywords, the patient's perspective and consent as a reader sees them: each with the source's words."""

from __future__ import annotations

from pathlib import Path

from viewer.content.wording import statements
from viewer.record.loader import load_record

GOOD = Path(__file__).parents[1] / "data" / "good"


def test_each_statement_with_the_words_it_rests_on() -> None:
    record = load_record(GOOD / "statements.case.yaml")
    assert statements(record) == [
        ("Keywords", "Fever (source: “Keywords: fever”); Rash (source: “fever”, “rash”)"),
        ("Patient's perspective", "She felt better at once. (source: “The patient said she felt better at once.”)"),
        (
            "Consent",
            "Written informed consent for publication was obtained. "
            "(source: “Written informed consent was obtained from the patient for publication.”)",
        ),
    ]


def test_a_record_without_them_has_none() -> None:
    assert statements(load_record(GOOD / "minimal.case.yaml")) == []
