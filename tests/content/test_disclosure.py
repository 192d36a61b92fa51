"""Unknown-case mode withholds answers until their stage, and the source with them."""

from __future__ import annotations

import pytest

from viewer.content.disclosure import MASK, WITHHELD, Disclosure
from viewer.paths import bundled_case
from viewer.record.loader import load_record

DIAGNOSIS_WORDS = ("MDA5", "Melanoma", "dermatomyositis", "Dermatomyositis", "amyopathic")


@pytest.fixture(scope="module")
def record():
    return load_record(bundled_case())


def test_known_case_shows_everything(record):
    shown = Disclosure(record)
    assert shown.complete
    assert shown.title == record.title
    assert shown.source_text() == record.source.text
    assert all(label != WITHHELD for label in shown.labels().values())


def test_unknown_case_hides_the_diagnosis_until_the_last_stage(record):
    hidden = Disclosure(record, unknown=True)
    assert hidden.last_stage == 2
    assert hidden.title == "A 71-year-old male with fatigue, weight loss and progressive dyspnea"
    labels = hidden.labels()
    assert labels["diagnosis"] == WITHHELD
    assert labels["anti-jo-1"] == WITHHELD
    assert labels["ivig"] == "IVIG"
    text = hidden.source_text()
    assert MASK in text
    for word in DIAGNOSIS_WORDS:
        assert word not in text
        assert all(word not in label for label in labels.values())
    assert "A 71-year-old male presented with nonspecific symptoms" in text


def test_stage_one_reveals_the_workup_but_not_the_diagnosis(record):
    stage_one = Disclosure(record, unknown=True, stage=1)
    labels = stage_one.labels()
    assert labels["anti-jo-1"] == "Anti-Jo-1"
    assert labels["diagnosis"] == WITHHELD
    assert "Anti-Mi-2 was not obtained." in stage_one.source_text()
    assert "MDA5" not in stage_one.source_text()
    assert stage_one.title == record.unknown_title


def test_reveal_shows_everything(record):
    revealed = Disclosure(record, unknown=True, stage=2)
    assert revealed.complete
    assert revealed.title == record.title
    assert revealed.source_text() == record.source.text


def test_words_a_withheld_item_quotes_stay_masked_even_if_a_shown_item_quotes_them(record):
    import msgspec

    shared = "Our case explores the use of intravenous immunoglobin (IVIG) as a maintenance therapy"
    treatments = [
        msgspec.structs.replace(item, quotes=[*item.quotes, shared]) if item.id == "ivig" else item
        for item in record.treatments
    ]
    discussion = [
        msgspec.structs.replace(point, quotes=[shared]) if point.id == "ivig-maintenance" else point
        for point in record.discussion
    ]
    both = msgspec.structs.replace(record, treatments=treatments, discussion=discussion)
    text = Disclosure(both, unknown=True).source_text()
    assert "maintenance therapy" not in text
    assert "a brief course of tacrolimus followed by IVIG" in text
