"""The starter record written from a source text: valid YAML, the source held byte for byte,
every sentence ready to quote, and validation naming what is still to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.run_cli import run_cli
from viewer.record.loader import load_record
from viewer.record.problems import RecordError
from viewer.record.starter import write_starter
from viewer.record.yamldoc import parse

REPO = Path(__file__).parents[2]
SOURCES = [
    REPO / "casedata" / "anti-mda5-ivig-abstract.txt",
    REPO / "casedata" / "anti-pl7-antisynthetase-abstract.txt",
    REPO / "tests" / "data" / "sources" / "awkward.txt",
]


def _starter(tmp_path: Path, source: Path) -> Path:
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    problem, target = write_starter(str(copy))
    assert problem is None
    assert target == str(tmp_path / (source.name.removesuffix(".txt") + ".case.yaml"))
    return Path(target)


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_starter_is_yaml_holding_the_source_exactly(tmp_path: Path, source: Path) -> None:
    record = _starter(tmp_path, source)
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["source"]["text"] == source.read_bytes().decode("utf-8")
    assert parse(record.read_text(encoding="utf-8")).data["source"]["text"] == source.read_bytes().decode("utf-8")
    first_line = source.read_text(encoding="utf-8").splitlines()[0]
    assert data["title"] == data["source"]["title"] == first_line
    assert data["format"] == 1
    assert record.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    for section in ("history", "findings", "serologies", "treatments", "outcomes", "discussion"):
        assert data[section] == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_validate_names_what_is_left_to_fill(tmp_path: Path, source: Path) -> None:
    record = _starter(tmp_path, source)
    with pytest.raises(RecordError) as raised:
        load_record(record)
    found = [(p.line, p.path, p.message) for p in raised.value.problems]
    assert found == [
        (_line_of(record, 'unknown_title: ""'), "unknown_title", "the text must not be empty"),
        (_line_of(record, '  summary: ""'), "patient.summary", "the text must not be empty"),
        (_line_of(record, "  quotes: []"), "patient.quotes", "the list must not be empty"),
    ]


def test_filled_in_starter_is_a_valid_record(tmp_path: Path) -> None:
    record = _starter(tmp_path, SOURCES[0])
    text = record.read_text(encoding="utf-8")
    text = text.replace('unknown_title: ""', "unknown_title: A 71-year-old man with dyspnea")
    text = text.replace('  summary: ""', "  summary: 71-year-old male")
    text = text.replace("  quotes: []", '  quotes:\n    - "A 71-year-old male presented"')
    record.write_text(text, encoding="utf-8")
    assert load_record(record).patient.summary == "71-year-old male"


def test_every_sentence_is_a_comment_ready_to_quote(tmp_path: Path) -> None:
    lines = _starter(tmp_path, SOURCES[0]).read_text(encoding="utf-8").splitlines()
    assert (
        '#   line 9: "A 71-year-old male presented with nonspecific symptoms of fatigue, weight loss, '
        'and progressive dyspnea."' in lines
    )
    assert '#   line 9: "He had imaging and functional improvement."' in lines
    assert not any("COinS" in line for line in lines if line.startswith("#   line"))
    awkward = _starter(tmp_path, SOURCES[2]).read_text(encoding="utf-8").splitlines()
    assert '#   line 11: "\\"Is this Still’s disease?\\" the team asked."' in awkward
    assert '#   line 9: "ferritin 12,000 µg/L, i.e. very high"' in awkward


def test_examples_for_every_section(tmp_path: Path) -> None:
    text = _starter(tmp_path, SOURCES[1]).read_text(encoding="utf-8")
    assert "#     when: {kind: index" in text
    assert "#     category: symptom" in text
    assert "#     status: negative" in text
    assert "#     regimen: " in text
    assert "# outcomes:\n#   - id: an-outcome" in text
    assert "# discussion:\n#   - id: a-point" in text
    # Uncommented, each example is YAML of its section's form.
    example = text.split("# For example:\n# history:\n", 1)[1].split("\n\n", 1)[0]
    item = yaml.safe_load("\n".join(line.removeprefix("#") for line in example.splitlines()))
    assert item[0]["when"]["kind"] == "index"


EDGES = {
    "trailing spaces and tabs": "Title  \nA line with trailing tabs\t\t\n \t \nlast  ",
    "no final newline": "Title\nThe end.",
    "several final newlines": "Title\nThe end.\n\n\n",
    "leading spaces and blank lines": "\n\n   Indented title\n\tTabbed line\n",
    "yaml-looking lines": "Title: a case\n- item\n# not a comment\n---\n...\nkey: value |\n",
    "carriage returns": "Title\r\nWindows line.\r\nOld Mac line.\rEnd",
    "invisible characters": "Title\nA \ufeffbyte order mark and a line separator\u2028 in a line.\n",
    "non-ascii": "Fièvre – ‘quoted’ “text” µg 😀\n",
}


@pytest.mark.parametrize("text", EDGES.values(), ids=EDGES.keys())
def test_source_text_round_trips_byte_exact(tmp_path: Path, text: str) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(text.encode("utf-8"))
    problem, target = write_starter(str(source))
    assert problem is None
    written = Path(target).read_text(encoding="utf-8")
    assert yaml.safe_load(written)["source"]["text"] == text
    assert parse(written).data["source"]["text"] == text


def test_control_characters_are_kept_and_then_refused_with_their_place(tmp_path: Path) -> None:
    text = "Title\nA form feed\x0c and a NEL\x85.\n"
    source = tmp_path / "source.txt"
    source.write_bytes(text.encode("utf-8"))
    _, target = write_starter(str(source))
    assert yaml.safe_load(Path(target).read_text(encoding="utf-8"))["source"]["text"] == text
    with pytest.raises(RecordError) as raised:
        load_record(target)
    assert any("U+000C" in p.message and p.path == "source.text" for p in raised.value.problems)


def test_block_scalar_used_when_it_can_hold_the_text(tmp_path: Path) -> None:
    for name, expect in (("trailing spaces and tabs", "  text: |2-\n"), ("carriage returns", '  text: "Title\\r\\n')):
        source = tmp_path / f"{name}.txt"
        source.write_bytes(EDGES[name].encode("utf-8"))
        _, target = write_starter(str(source))
        assert expect in Path(target).read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "case.txt"
    source.write_text("A title\nThe patient was well.\n", encoding="utf-8")
    first = run_cli("new", str(source))
    assert first.returncode == 0, first.stderr
    record = tmp_path / "case.case.yaml"
    assert record.is_file()
    record.write_text("mine\n", encoding="utf-8")
    again = run_cli("new", str(source))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert record.read_text(encoding="utf-8") == "mine\n"
    other = run_cli("new", str(source), "-o", str(tmp_path / "other.yaml"))
    assert other.returncode == 0, other.stderr
    assert (tmp_path / "other.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_new_reports_unreadable_sources(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Fièvre\n".encode("latin-1"))
    result = run_cli("new", str(latin))
    assert result.returncode == 1
    assert "not UTF-8" in result.stderr
    missing = run_cli("new", str(tmp_path / "missing.txt"))
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr
    assert not list(tmp_path.glob("*.case.yaml"))


def test_schema_reference_beside_the_shipped_schema(tmp_path: Path) -> None:
    source = tmp_path / "s.txt"
    source.write_text("Title\n", encoding="utf-8")
    _, target = write_starter(str(source))
    first = Path(target).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
    assert first.endswith("/case.schema.json")


def test_schema_reference_from_another_drive_is_a_file_uri(tmp_path: Path, monkeypatch) -> None:
    import os

    def no_relative_path(_path: object, _start: object = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")  # what Windows says across drives

    source = tmp_path / "s.txt"
    source.write_text("Title\n", encoding="utf-8")
    monkeypatch.setattr(os.path, "relpath", no_relative_path)
    problem, target = write_starter(str(source))
    assert problem is None
    first = Path(target).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
