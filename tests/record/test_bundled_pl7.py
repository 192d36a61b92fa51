"""The bundled anti-PL7 case: valid, faithful to its source, and honest about time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.content.wording import describe_time
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, ResultStatus, Sex, TreatmentStatus, timed_items
from viewer.record.provenance import normalise, quoted_texts
from viewer.record.timing import Precision, resolve_times

REPO = Path(__file__).parents[2]
CASEDATA = REPO / "casedata"
RECORD = CASEDATA / "anti-pl7-antisynthetase.case.yaml"
SOURCE_COPY = CASEDATA / "anti-pl7-antisynthetase-abstract.txt"
SHARED_SOURCE = REPO.parent / "shared" / "source" / "anti-pl7-antisynthetase-abstract.txt"
CITATION = (
    "De Langhe E, Lenaerts J, Bossuyt X, Westhovens R, Wuyts WA. Journal of Medical Case Reports (2015) 9:82. "
    "DOI 10.1186/s13256-015-0571-2 (open access, CC BY)"
)


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record(RECORD)


def abstract_sentences() -> list[str]:
    """The sentences under "Introduction:" and "Case presentation:", without those headings."""
    text = SOURCE_COPY.read_text(encoding="utf-8").split("\nAbstract\n", 1)[1]
    text = re.sub(r"^(Introduction|Case presentation): ", "", text, flags=re.MULTILINE)
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", normalise(text)) if s]


def test_sentence_split() -> None:
    sentences = abstract_sentences()
    assert len(sentences) == 11
    assert sentences[0] == (
        "Interstitial lung disease can be idiopathic or occur in the setting of connective tissue diseases."
    )
    assert sentences[4].startswith("A 44-year-old Caucasian woman presented")
    assert sentences[-1].startswith("A diagnosis of antisynthetase syndrome was made")


def test_every_abstract_sentence_is_quoted(record: CaseRecord) -> None:
    quotes = [normalise(text) for path, text in quoted_texts(record) if ".quotes[" in path]
    for sentence in abstract_sentences():
        # A sentence is covered when its words are quoted, whole or in parts that together span it.
        covered = [q for q in quotes if q in sentence]
        assert covered, sentence
        words = set(re.findall(r"[\w'-]+", sentence))
        quoted_words = {w for q in covered for w in re.findall(r"[\w'-]+", q)}
        assert words <= quoted_words | {"and", "she", "was", "This"}, (sentence, words - quoted_words)


def test_source_text_is_the_whole_file(record: CaseRecord) -> None:
    assert record.source.text == SOURCE_COPY.read_text(encoding="utf-8")
    assert CITATION in record.source.text


def test_source_copy_matches_shared_source() -> None:
    if not SHARED_SOURCE.exists():
        pytest.skip(f"{SHARED_SOURCE} is not here (it sits beside the repository)")
    assert SOURCE_COPY.read_bytes() == SHARED_SOURCE.read_bytes()


def test_titles(record: CaseRecord) -> None:
    first_line = SOURCE_COPY.read_text(encoding="utf-8").splitlines()[0]
    assert normalise(record.title) == first_line
    assert normalise(record.source.title) == first_line
    assert record.source.date == "2015"
    for word in ("antisynthetase", "pl7", "pl-7", "threonyl", "mechanic", "myositis"):
        assert word not in record.unknown_title.lower()


def test_patient(record: CaseRecord) -> None:
    assert record.patient.age_years == 44
    assert record.patient.sex is Sex.FEMALE


def test_serologies(record: CaseRecord) -> None:
    status = {lab.id: lab.status for lab in record.serologies}
    assert status == {
        "laboratory-analysis": ResultStatus.NEGATIVE,
        "screening": ResultStatus.NEGATIVE,
        "anti-pl7": ResultStatus.POSITIVE,
    }
    assert all(lab.value is None and lab.unit is None for lab in record.serologies)


def test_treatments_name_no_agent_the_source_does_not(record: CaseRecord) -> None:
    assert {t.agent for t in record.treatments} == {"Glucocorticoids", "Immunosuppressives"}
    assert all(t.status is TreatmentStatus.GIVEN and t.dose is None and t.regimen is None for t in record.treatments)
    assert record.outcomes == []  # the abstract reports none


def test_no_invented_dates_or_doses(record: CaseRecord) -> None:
    for _, item in timed_items(record):
        assert getattr(item.when, "date", None) is None
    written = RECORD.read_text(encoding="utf-8")
    assert not re.search(r"\b\d+(\.\d+)?[ \t]*(mg|mcg|g|ml|mL|IU)(/kg|/day|/m2)?\b", written)


def test_four_years_are_counted_from_an_undated_diagnosis(record: CaseRecord) -> None:
    placements = resolve_times(record).start
    assert placements["first-presentation"].precision is Precision.EXACT
    second = placements["second-presentation"]
    # Four years after a diagnosis the source does not date: after it, and no day is invented.
    assert second.precision is Precision.ORDER
    assert second.days == placements["first-presentation"].days
    assert second.key > placements["first-diagnosis"].key > placements["first-presentation"].key
    for item_id in ("mechanics-hands", "antibody-search", "diagnosis", "glucocorticoids"):
        assert placements[item_id].precision is Precision.ORDER, item_id
        assert placements[item_id].key > second.key, item_id
    # Nor does the table call it exact: it names what the four years count from.
    item = next(item for _, item in timed_items(record) if item.id == "second-presentation")
    labels = {item.id: item.label for _, item in timed_items(record)}
    brief = describe_time(item.when, labels, brief=True)
    assert brief == f"“After four years of stable disease” (4 years after {labels['first-diagnosis']})"


def test_reveal_stages_lead_to_the_diagnosis(record: CaseRecord) -> None:
    stages = {item.id: item.reveal for _, item in timed_items(record)}
    assert stages["cracked-fingers"] is None  # the room sees the sign
    assert stages["mechanics-hands"] == 1  # then its name
    assert stages["anti-pl7"] == 2  # then the antibody
    assert stages["diagnosis"] == 3  # then the diagnosis and its treatment
    assert all(stages[t.id] == 3 for t in record.treatments)
    assert all(point.reveal == 3 for point in record.discussion)
    shown = [item for _, item in timed_items(record) if item.reveal is None]
    for item in shown:
        text = " ".join([item.label, item.detail or "", *item.quotes]).lower()
        for word in ("antisynthetase", "pl7", "threonyl", "mechanic"):
            assert word not in text, (item.id, word)
