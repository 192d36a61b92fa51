"""Keywords, the patient's perspective, consent, citation and licence: optional, and quoted like the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.record.loader import load_record, load_record_bytes
from viewer.record.problems import RecordError

DATA = Path(__file__).parents[1] / "data"
MINIMAL = (DATA / "good" / "minimal.case.yaml").read_text(encoding="utf-8")
SOURCE = """\
  text: >-
    A 50-year-old woman presented with fever. Two days later a rash appeared.
    Blood cultures were negative. She was treated with antibiotics.
"""
SOURCE_WITH_CONSENT = """\
  citation: Doe J. A minimal case. Case Reports (2020) 1:1.
  licence: CC BY 4.0
  text: >-
    A 50-year-old woman presented with fever. Two days later a rash appeared.
    Blood cultures were negative. She was treated with antibiotics.
    Keywords: fever, rash. The patient said she felt better at once.
    Written informed consent was obtained from the patient for publication.
"""
EXTRA = """\
keywords:
  - text: Fever
    quotes: ["Keywords: fever"]
  - text: Rash
    quotes: [fever, rash]
patient_perspective:
  text: She felt better at once.
  quotes: [The patient said she felt better at once.]
consent:
  text: Written informed consent for publication was obtained.
  quotes: [Written informed consent was obtained from the patient for publication.]
"""


def _record(extra: str = EXTRA) -> bytes:
    return (MINIMAL.replace(SOURCE, SOURCE_WITH_CONSENT) + extra).encode("utf-8")


def test_optional_fields_are_read() -> None:
    record = load_record_bytes(_record())
    assert [k.text for k in record.keywords] == ["Fever", "Rash"]
    assert record.patient_perspective is not None
    assert record.patient_perspective.quotes == ["The patient said she felt better at once."]
    assert record.consent is not None
    assert record.consent.text == "Written informed consent for publication was obtained."
    assert record.source.citation == "Doe J. A minimal case. Case Reports (2020) 1:1."
    assert record.source.licence == "CC BY 4.0"


def test_a_record_without_them_is_valid() -> None:
    record = load_record(DATA / "good" / "minimal.case.yaml")
    assert record.keywords == []
    assert record.consent is None
    assert record.patient_perspective is None
    assert record.source.citation is None


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('["Keywords: fever"]', '["Keywords: sepsis"]', "keywords[0].quotes[0]"),
        ("[The patient said", "[The patient wrote", "patient_perspective.quotes[0]"),
        ("[Written informed consent was", "[Verbal informed consent was", "consent.quotes[0]"),
    ],
)
def test_their_quotes_must_be_verbatim(old: str, new: str, path: str) -> None:
    with pytest.raises(RecordError) as raised:
        load_record_bytes(_record(EXTRA.replace(old, new)))
    found = [(p.path, p.message) for p in raised.value.problems]
    assert len(found) == 1
    assert found[0][0] == path
    assert found[0][1].startswith("not found verbatim in the source text")


def test_a_statement_needs_its_quotes() -> None:
    raw = _record("consent:\n  text: Consent was obtained.\n")
    with pytest.raises(RecordError) as raised:
        load_record_bytes(raw)
    line = raw.decode().splitlines().index("  text: Consent was obtained.") + 1
    assert [(p.line, p.path) for p in raised.value.problems] == [(line, "consent")]
    assert "'quotes' is required" in raised.value.problems[0].message
