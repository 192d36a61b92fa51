"""The bundled anti-MDA5 case: valid, faithful to its source, and honest about time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.paths import bundled_case, data_dir
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, ResultStatus, Sex, TreatmentStatus, timed_items
from viewer.record.provenance import normalise, quoted_texts
from viewer.record.timing import Precision, resolve_times

REPO = Path(__file__).parents[2]
CASEDATA = REPO / "casedata"
SOURCE_COPY = CASEDATA / "anti-mda5-ivig-abstract.txt"
SHARED_SOURCE = REPO.parent / "shared" / "source" / "anti-mda5-ivig-abstract.txt"
FURNITURE = ("This document is currently not available here.", "Share", "COinS")


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record(bundled_case())


def abstract_sentences() -> list[str]:
    text = SOURCE_COPY.read_text(encoding="utf-8")
    abstract = text.split("\nAbstract\n", 1)[1].split("\nDisciplines\n", 1)[0]
    # The source runs some sentences together ("entity.A 71-year-old",
    # "regimen.Anti-MDA5"), and one fragment starts lower-case (". treated with").
    sentences = re.split(r"(?<=\.)\s*(?=[A-Za-z])", normalise(abstract))
    return [s for s in sentences if s]


def test_bundled_case_is_the_one_in_casedata(record: CaseRecord) -> None:
    assert bundled_case().resolve() == (CASEDATA / "anti-mda5-ivig.case.yaml").resolve()
    assert record.format == 1
    assert Path(str(data_dir("casedata"))).resolve() == CASEDATA.resolve()


def test_sentence_split_sees_the_run_together_sentences() -> None:
    sentences = abstract_sentences()
    assert len(sentences) == 21
    assert sentences[1].endswith("as a maintenance therapy for this rare entity.")
    assert sentences[2].startswith("A 71-year-old male presented")
    assert sentences[12].endswith("onto his clinical regimen.")
    assert sentences[13].startswith("Anti-MDA5 dermatomyositis can be a diagnostic challenge")
    assert sentences[17].startswith("treated with IVIG when compared")


def test_every_abstract_sentence_is_quoted(record: CaseRecord) -> None:
    quotes = [normalise(text) for path, text in quoted_texts(record) if ".quotes[" in path]
    unquoted = [s for s in abstract_sentences() if not any(q in s for q in quotes)]
    assert unquoted == []


def test_source_text_is_the_page_without_furniture(record: CaseRecord) -> None:
    lines = SOURCE_COPY.read_text(encoding="utf-8").splitlines()
    content = [line for line in lines if line.strip() not in FURNITURE]
    assert len(lines) - len(content) == 3
    assert normalise(record.source.text) == normalise("\n".join(content))
    for furniture in FURNITURE:
        assert furniture not in record.source.text


def test_source_copy_matches_shared_source() -> None:
    if not SHARED_SOURCE.exists():
        pytest.skip(f"{SHARED_SOURCE} is not here (it sits beside the repository)")
    assert SOURCE_COPY.read_bytes() == SHARED_SOURCE.read_bytes()


def test_source_metadata(record: CaseRecord) -> None:
    assert record.source.date == "8-5-2020"
    assert record.source.document_type == "Presentation"
    assert record.source.disciplines == ["Medicine and Health Sciences"]
    assert record.source.departments == ["Department of Medicine", "Department of Medicine Faculty"]
    assert "MDA5" not in record.unknown_title
    assert "dermatomyositis" not in record.unknown_title.lower()


def test_patient(record: CaseRecord) -> None:
    assert record.patient.age_years == 71
    assert record.patient.sex is Sex.MALE


def labs(record: CaseRecord) -> dict[str, ResultStatus]:
    return {lab.label.lower(): lab.status for lab in record.serologies}


@pytest.mark.parametrize("test", ["aldolase", "ana", "anti-jo-1", "rf", "anti-ccp"])
def test_negative_serologies(record: CaseRecord, test: str) -> None:
    assert labs(record)[test] is ResultStatus.NEGATIVE


def test_ck_and_anti_mi_2(record: CaseRecord) -> None:
    assert labs(record)["ck"] is ResultStatus.ELEVATED
    assert labs(record)["anti-mi-2"] is ResultStatus.NOT_OBTAINED
    assert all(lab.value is None for lab in record.serologies)  # the source gives no values


def test_treatments(record: CaseRecord) -> None:
    status = {t.agent.lower(): t.status for t in record.treatments}
    assert status["steroids"] is TreatmentStatus.GIVEN
    assert status["tacrolimus"] is TreatmentStatus.GIVEN
    assert status["intravenous immunoglobulin (ivig)"] is TreatmentStatus.GIVEN
    assert status["rituximab"] is TreatmentStatus.UNDER_CONSIDERATION


def test_no_dose_anywhere(record: CaseRecord) -> None:
    assert all(t.dose is None for t in record.treatments)
    written = (CASEDATA / "anti-mda5-ivig.case.yaml").read_text()
    assert not re.search(r"\b\d+(\.\d+)?[ \t]*(mg|mcg|g|ml|mL|IU)(/kg|/day|/m2)?\b", written)


def test_no_invented_dates(record: CaseRecord) -> None:
    for _, item in timed_items(record):
        assert getattr(item.when, "date", None) is None


def test_one_year_later_stays_approximate(record: CaseRecord) -> None:
    placements = resolve_times(record).start
    second = placements["second-presentation"]
    assert second.precision is Precision.APPROXIMATE
    assert second.days == pytest.approx(365.25)
    assert placements["first-presentation"].precision is Precision.EXACT
    for item_id, placement in placements.items():
        if placement.key > second.key:
            assert placement.precision is Precision.ORDER, item_id
        assert placement.precision is not Precision.EXACT or item_id == "first-presentation", item_id


def test_items_after_one_year_are_order_only(record: CaseRecord) -> None:
    placements = resolve_times(record).start
    for item_id in ("workup", "diagnosis", "pulse-steroids", "tacrolimus", "ivig", "improvement", "rituximab"):
        assert placements[item_id].precision is Precision.ORDER, item_id
        assert placements[item_id].days == pytest.approx(365.25), item_id  # no invented days
    assert placements["ivig"].key > placements["tacrolimus"].key
    assert placements["rituximab"].key > placements["improvement"].key


def all_text(record: CaseRecord) -> str:
    parts: list[str] = []
    for section in ("history", "findings", "serologies", "treatments", "outcomes", "discussion"):
        for item in getattr(record, section):
            parts += [item.note or "", *item.quotes, getattr(item, "label", ""), getattr(item, "text", "")]
    return "\n".join(parts)


def test_oddities_stay_visible(record: CaseRecord) -> None:
    aldolase = next(lab for lab in record.serologies if lab.id == "aldolase")
    assert aldolase.note is not None
    assert "not an antibody" in aldolase.note
    text = all_text(record)
    assert "stared" in text
    assert "Further evaluation at confirmed" in text
    assert (
        "treated with IVIG when compared to other immunosuppressive therapies such as intravenous cyclophosphamide"
        in text
    )
    fragment = next(d for d in record.discussion if d.id == "ivig-vs-cyclophosphamide")
    assert fragment.note is not None
    assert "fragment" in fragment.note
