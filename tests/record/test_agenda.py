"""The agenda: its committed schema, what it reads, and each problem located in plain words."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.paths import data_dir
from viewer.record.agenda import agenda_cases, case_problems, is_agenda, load_agenda, load_agenda_bytes
from viewer.record.problems import RecordError
from viewer.record.schema import agenda_schema_text

DATA = Path(__file__).parents[1] / "data" / "agenda"
SCHEMA = Path(__file__).parents[2] / "casedata" / "agenda.schema.json"
BUNDLED = data_dir("casedata") / "myositis-ild.agenda.yaml"


def test_committed_agenda_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == agenda_schema_text(), (
        "casedata/agenda.schema.json is stale; regenerate it with: "
        "case-viewer schema --agenda > casedata/agenda.schema.json"
    )


def test_agenda_schema_names_its_keys() -> None:
    schema = json.loads(agenda_schema_text())
    assert schema["$ref"] == "#/$defs/Agenda"
    assert schema["$defs"]["Agenda"]["required"] == ["format", "title", "date", "cases"]
    entry = schema["$defs"]["AgendaCase"]
    assert entry["required"] == ["file", "minutes"]
    assert entry["additionalProperties"] is False
    assert entry["properties"]["unknown"]["type"] == "boolean"
    assert entry["properties"]["minutes"]["minimum"] == 1


def test_bundled_agenda_presents_both_bundled_cases() -> None:
    loaded = load_agenda(BUNDLED)
    assert loaded.agenda.title == "Myositis and interstitial lung disease"
    outcomes = agenda_cases(loaded)
    assert [outcome.path.name for outcome in outcomes] == [
        "anti-pl7-antisynthetase.case.yaml",
        "anti-mda5-ivig.case.yaml",
    ]
    assert all(outcome.record is not None and outcome.failure == "" for outcome in outcomes)
    assert case_problems(loaded, outcomes) == []


def test_good_agenda_reads_in_order() -> None:
    loaded = load_agenda(DATA / "good.agenda.yaml")
    agenda = loaded.agenda
    assert (agenda.format, agenda.title, agenda.date) == (1, "Two small cases", "2026-03")
    assert [(case.file, case.minutes, case.unknown) for case in agenda.cases] == [
        ("../good/minimal.case.yaml", 10, False),
        ("../good/plain-aliases.case.yaml", 5, True),
    ]
    assert loaded.places == [(5, 11), (7, 11)]
    assert loaded.case_path(0) == DATA / "../good/minimal.case.yaml"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad-date",
            "3:7: date: expected a date written YYYY, YYYY-MM or YYYY-MM-DD with the digits 0-9, for example 2020-05",
        ),
        ("cases-not-a-list", "5:3: cases: expected a list, found a mapping of keys"),
        (
            "duplicate-key",
            "4:1: title: the key 'title' appears twice (first at line 2); YAML would silently keep only the last",
        ),
        ("minutes-in-words", "6:14: cases[0].minutes: expected a whole number, found text"),
        ("missing-minutes", "5:5: cases[0]: the key 'minutes' is required here"),
        ("missing-title", "1:1: the key 'title' is required"),
        ("no-cases", "4:8: cases: the list must not be empty"),
        ("syntax-tab", "5:1: YAML syntax: a tab is used for indentation here; YAML indents with spaces only"),
        ("top-list", "1:1: an agenda is a mapping of keys, not a list"),
        (
            "unknown-key-entry",
            "7:5: cases[0].presenter: 'presenter' is not a key this item can have; "
            "the keys are: file, minutes, unknown",
        ),
        ("unknown-key", "4:1: room: 'room' is not a key an agenda can have; the keys are: format, title, date, cases"),
        ("unknown-not-bool", "7:14: cases[0].unknown: expected true or false, found text"),
        ("wrong-format", "1:9: format: 2 is not one of the allowed values"),
        ("zero-minutes", "6:14: cases[0].minutes: expected a whole number that is at least 1"),
    ],
)
def test_each_malformed_agenda_is_one_located_problem(name: str, expected: str) -> None:
    path = DATA / f"{name}.agenda.yaml"
    with pytest.raises(RecordError) as caught:
        load_agenda(path)
    assert [str(problem) for problem in caught.value.problems] == [f"{path}:{expected}"]


def test_missing_case_is_told_at_the_agenda_line() -> None:
    loaded = load_agenda(DATA / "missing-case.agenda.yaml")
    first, missing, last = agenda_cases(loaded)
    assert first.record is not None
    assert last.record is not None
    assert missing.record is None
    assert missing.failure == (
        f"line 7: {DATA / 'nowhere.case.yaml'}:1:1: cannot read the file: No such file or directory"
    )
    assert missing.withheld_failure == "line 7: the case record cannot be read"


def test_invalid_case_is_told_with_its_first_problem() -> None:
    loaded = load_agenda(DATA / "invalid-case.agenda.yaml")
    broken, good = agenda_cases(loaded)
    assert good.record is not None
    assert broken.record is None
    assert broken.failure.startswith(f"line 5: {DATA / '../bad/bad-enum-status.yaml'}:28:13: serologies[0].status: ")
    # In unknown-case mode neither the file's name nor the record's words.
    assert broken.withheld_failure == "line 5: the case record has 1 problem"
    assert [str(problem) for problem in case_problems(loaded, [broken, good])] == [
        f"{loaded.path}:5:11: cases[0].file: {broken.problems[0]}"
    ]


def test_an_agenda_is_known_by_its_name_or_its_cases_key() -> None:
    assert is_agenda(b"format: 1\n", "x.agenda.yaml")
    assert is_agenda((DATA / "named-by-content.yaml").read_bytes(), "named-by-content.yaml")
    assert not is_agenda((data_dir("casedata") / "anti-mda5-ivig.case.yaml").read_bytes(), "a.case.yaml")
    assert not is_agenda(b"title: x\n  cases: 1\n", "a.yaml")


AGENDA_DATA = yaml.safe_load(BUNDLED.read_bytes())
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", "2026-13-45", "\u202e", "\x07", "../x.case.yaml", "\u200b"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_agenda(draw: st.DrawFn) -> dict[str, object]:
    data: dict[str, Any] = copy.deepcopy(AGENDA_DATA)
    key = draw(st.sampled_from(["format", "title", "date", "cases", "extra"]))
    if draw(st.booleans()) and key != "extra":
        data.pop(key)
    else:
        data[key] = draw(values)
    if isinstance(data.get("cases"), list) and data["cases"] and draw(st.booleans()):
        entry = data["cases"][0]
        if isinstance(entry, dict):
            entry[draw(st.sampled_from(["file", "minutes", "unknown", "other"]))] = draw(values)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_agenda())
def test_only_located_problems_escape_the_agenda_loader(data: dict[str, object]) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    try:
        loaded = load_agenda_bytes(raw, BUNDLED)
    except RecordError as error:
        problems = error.problems
    else:
        assert loaded.agenda.cases
        assert len(loaded.places) == len(loaded.agenda.cases)
        return
    assert problems
    assert all(problem.line >= 1 and problem.message for problem in problems)


def test_an_agenda_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "talk.agenda.yaml"
    os.mkfifo(fifo)
    with pytest.raises(RecordError) as caught:
        load_agenda(fifo)
    assert str(caught.value) == f"{fifo}:1:1: cannot read the file: not a regular file but a named pipe (FIFO)"


def test_a_case_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "piped.case.yaml")
    agenda = tmp_path / "talk.agenda.yaml"
    agenda.write_text("format: 1\ntitle: T\ndate: '2026'\ncases:\n  - file: piped.case.yaml\n    minutes: 5\n")
    (outcome,) = agenda_cases(load_agenda(agenda))
    assert outcome.failure == (
        f"line 5: {tmp_path / 'piped.case.yaml'}:1:1: cannot read the file: not a regular file but a named pipe (FIFO)"
    )
