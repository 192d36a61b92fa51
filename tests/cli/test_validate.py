"""`case-viewer validate` and `case-viewer schema`, run as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from figure_files import exif, jpeg_bytes, png_bytes, record_with_figure
from run_cli import run_cli

from viewer.paths import bundled_case

DATA = Path(__file__).parents[1] / "data"
REPO = Path(__file__).parents[2]
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


run = run_cli


def test_bundled_case_is_valid() -> None:
    result = run("validate", str(bundled_case()))
    assert result.returncode == 0
    assert result.stdout == f"{bundled_case()}: valid\n"
    assert result.stderr == ""


def test_bad_file_exit_1_with_located_lines() -> None:
    bad = DATA / "bad" / "all-at-once.yaml"
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"{bad}:17:12: history[0].label: expected text, found a list",
        f"{bad}:28:13: serologies[0].status: 'negativ' is not one of the allowed values: "
        "positive, negative, elevated, low, normal, not obtained, pending",
        f"{bad}:34:5: treatments[0].dosage: 'dosage' is not a key this item can have; the keys are: "
        "id, label, detail, when, quotes, reveal, note, figures, agent, regimen, dose, status, response, until",
    ]


def test_no_arguments_is_a_usage_error() -> None:
    result = run("validate")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_several_files_at_once() -> None:
    good = DATA / "good" / "minimal.case.yaml"
    bad = DATA / "bad" / "bad-enum-status.yaml"
    result = run("validate", str(good), str(bad), str(bundled_case()))
    assert result.returncode == 1  # one invalid file makes the run fail
    assert result.stdout.splitlines() == [f"{good}: valid", f"{bundled_case()}: valid"]
    assert result.stderr.startswith(f"{bad}:28:13: serologies[0].status: ")
    both = run("validate", str(good), str(bundled_case()))
    assert both.returncode == 0


def test_missing_and_unreadable_files_are_plain_messages(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nowhere.yaml"), str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'nowhere.yaml'}:1:1: cannot read the file: No such file or directory",
        f"{tmp_path}:1:1: cannot read the file: not a regular file but a folder",
    ]


def test_relative_paths_are_reported_as_given() -> None:
    result = run("validate", "tests/data/bad/duplicate-key-top.yaml")
    assert result.returncode == 1
    match = LOCATED.match(result.stderr.splitlines()[0])
    assert match
    assert (match["file"], match["line"], match["col"]) == ("tests/data/bad/duplicate-key-top.yaml", "5", "1")


def test_schema_prints_json() -> None:
    result = run("schema", cwd=DATA)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "CaseRecord" in schema["$defs"]
    assert result.stdout == (REPO / "casedata" / "case.schema.json").read_text(encoding="utf-8")


def test_schema_takes_no_arguments() -> None:
    result = run("schema", "extra")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


AGENDAS = DATA / "agenda"


def test_bundled_agenda_is_valid() -> None:
    agenda = REPO / "casedata" / "myositis-ild.agenda.yaml"
    result = run("validate", str(agenda))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{agenda}: valid\n", "")


def test_agenda_known_by_its_content_is_checked_as_an_agenda() -> None:
    agenda = AGENDAS / "named-by-content.yaml"
    result = run("validate", str(agenda))
    assert (result.returncode, result.stdout) == (0, f"{agenda}: valid\n")


def test_agenda_naming_a_missing_and_an_invalid_case_fails_at_their_lines() -> None:
    missing = AGENDAS / "missing-case.agenda.yaml"
    invalid = AGENDAS / "invalid-case.agenda.yaml"
    result = run("validate", str(missing), str(invalid), str(AGENDAS / "good.agenda.yaml"))
    assert result.returncode == 1
    assert result.stdout == f"{AGENDAS / 'good.agenda.yaml'}: valid\n"
    assert result.stderr.splitlines() == [
        f"{missing}:7:11: cases[1].file: {AGENDAS / 'nowhere.case.yaml'}:1:1: "
        "cannot read the file: No such file or directory",
        f"{invalid}:5:11: cases[0].file: {AGENDAS / '../bad/bad-enum-status.yaml'}:28:13: serologies[0].status: "
        "'negativ' is not one of the allowed values: positive, negative, elevated, low, normal, not obtained, pending",
    ]


def test_malformed_agenda_is_a_located_problem() -> None:
    bad = AGENDAS / "zero-minutes.agenda.yaml"
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert result.stderr == f"{bad}:6:14: cases[0].minutes: expected a whole number that is at least 1\n"


def test_agenda_schema_prints_the_committed_schema() -> None:
    result = run("schema", "--agenda")
    assert result.returncode == 0
    assert "AgendaCase" in json.loads(result.stdout)["$defs"]
    assert result.stdout == (REPO / "casedata" / "agenda.schema.json").read_text(encoding="utf-8")


def test_an_agendas_cases_have_their_figures_checked(tmp_path: Path) -> None:
    for folder in ("broken", "tagged", "plain"):
        (tmp_path / folder).mkdir()
    (tmp_path / "tagged" / "gps.jpg").write_bytes(jpeg_bytes(app1=exif([(0x8825, 0)])))
    (tmp_path / "plain" / "pattern.png").write_bytes(png_bytes())
    broken = record_with_figure(tmp_path / "broken", "missing.png")
    tagged = record_with_figure(tmp_path / "tagged", "gps.jpg")
    plain = record_with_figure(tmp_path / "plain", "pattern.png")
    cases = "".join(f"  - file: {folder}/case.yaml\n    minutes: 5\n" for folder in ("broken", "tagged", "plain"))
    agenda = tmp_path / "session.agenda.yaml"
    agenda.write_text(f"format: 1\ntitle: Figures\ndate: 2026-03\ncases:\n{cases}", encoding="utf-8")
    result = run("validate", str(agenda))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{agenda}:5:11: cases[0].file: {broken}:21:15: history[0].figures[0].file: "
        "cannot read the figure: No such file or directory",
        f"{agenda}:7:11: cases[1].file: {tagged}:21:15: history[0].figures[0].file: warning: the image's "
        "metadata holds the location where it was taken (GPS); figures must be de-identified",
    ]
    # A warning alone leaves the agenda valid, as it leaves a case valid.
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("broken/", "plain/"), encoding="utf-8")
    result = run("validate", str(agenda))
    assert (result.returncode, result.stdout) == (0, f"{agenda}: valid\n")
    assert "warning: the image's metadata holds" in result.stderr
    assert str(plain) not in result.stderr
