"""A bundled case opens from its checked form only when that form is whole, made from the
YAML's exact bytes, and its record passes every check; anything else is parsed.

Each test builds a package folder of its own (casedata/ with a case and its checked
form) and points viewer.paths at it, as an installed wheel's package would be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

import viewer.paths
import viewer.record.loader
from viewer.record.bundled import CHECKED_SUFFIX, checked_form, load_case
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, IndexTime

GOOD = Path(__file__).parents[1] / "data" / "good" / "minimal.case.yaml"
TITLE = "A minimal case"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder whose casedata/ holds the minimal case and its checked form; the bundled case's path."""
    folder = tmp_path / "package" / "casedata"
    folder.mkdir(parents=True)
    case = folder / "minimal.case.yaml"
    case.write_bytes(GOOD.read_bytes())
    (folder / (case.name + CHECKED_SUFFIX)).write_bytes(checked_form(case.read_bytes(), load_record(case)))
    monkeypatch.setattr(viewer.paths, "_PACKAGE", folder.parent)
    return case


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    parse = viewer.record.loader.load_record_bytes

    def counting(raw: bytes, name: str = "<record>") -> CaseRecord:
        parsed.append(name)
        return parse(raw, name)

    monkeypatch.setattr(viewer.record.loader, "load_record_bytes", counting)
    return parsed


def _form(case: Path) -> Path:
    return case.with_name(case.name + CHECKED_SUFFIX)


def test_a_matching_checked_form_is_decoded_not_parsed(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _parses(monkeypatch)
    record = load_case(package)
    assert parsed == []
    assert record == load_record(GOOD)


def _forged(record: CaseRecord, change: str) -> CaseRecord:
    replace = msgspec.structs.replace
    first = record.history[0]
    if change == "bidi override in the title":
        return replace(record, title="A minimal \u202ecase")
    if change == "zero-width space in a label":
        return replace(record, history=[replace(first, label="Fe\u200bver"), *record.history[1:]])
    if change == "a quote the source does not hold":
        return replace(record, history=[replace(first, quotes=["presented with a fever of 41 C"]), *record.history[1:]])
    if change == "an impossible date":
        return replace(record, history=[replace(first, when=IndexTime(date="2020-02-30")), *record.history[1:]])
    if change == "an id used twice":
        return replace(record, history=[first, replace(record.history[1], id=first.id)])
    if change == "a label longer than the format allows":
        return replace(record, history=[replace(first, label="x" * 2001), *record.history[1:]])
    raise AssertionError(change)


FORGERIES = [
    "bidi override in the title",
    "zero-width space in a label",
    "a quote the source does not hold",
    "an impossible date",
    "an id used twice",
    "a label longer than the format allows",
]


@pytest.mark.parametrize("change", FORGERIES)
def test_a_forged_record_under_a_valid_digest_is_refused_and_the_yaml_parsed(
    package: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    raw = package.read_bytes()
    forged = _forged(load_record(package), change)
    _form(package).write_bytes(checked_form(raw, forged))
    parsed = _parses(monkeypatch)
    record = load_case(package)
    assert parsed == [str(package)]
    assert record == load_record(GOOD)
    assert record.title == TITLE


def _damaged(form: bytes, how: str) -> bytes:
    if how == "cut short":
        return form[: len(form) // 2]
    if how == "empty":
        return b""
    if how == "a byte of the title changed":
        where = form.rindex(TITLE.encode())
        return form[:where] + b"B" + form[where + 1 :]
    if how == "a byte of the digest changed":
        return bytes([form[0] ^ 1]) + form[1:]
    if how == "not MessagePack":
        return form[:64] + b"\xc1" * 100
    raise AssertionError(how)


@pytest.mark.parametrize(
    "how", ["cut short", "empty", "a byte of the title changed", "a byte of the digest changed", "not MessagePack"]
)
def test_a_damaged_checked_form_is_parsed(package: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    form = _form(package)
    form.write_bytes(_damaged(form.read_bytes(), how))
    parsed = _parses(monkeypatch)
    assert load_case(package).title == TITLE
    assert parsed == [str(package)]


def test_an_edited_yaml_is_parsed(package: Path) -> None:
    package.write_text(GOOD.read_text().replace(f"title: {TITLE}", "title: An edited case", 1))
    assert load_case(package).title == "An edited case"


def test_a_checked_form_beside_a_users_file_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the package's own folder holds checked forms; beside a user's file, even a whole one is ignored."""
    case = tmp_path / "mine.case.yaml"
    case.write_bytes(GOOD.read_bytes())
    valid_but_other = msgspec.structs.replace(load_record(case), title="A title the file does not hold")
    _form(case).write_bytes(checked_form(case.read_bytes(), valid_but_other))
    parsed = _parses(monkeypatch)
    assert load_case(case).title == TITLE
    assert parsed == [str(case)]


def test_a_checked_form_linked_to_a_device_is_parsed(package: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    form = _form(package)
    form.unlink()
    form.symlink_to("/dev/zero")
    assert load_case(package) == load_record(GOOD)


_OPEN_IN_A_PROCESS = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "import viewer.paths\n"
    "viewer.paths._PACKAGE = Path(sys.argv[1])\n"
    "from viewer.record.bundled import load_case\n"
    "record = load_case(sys.argv[2])\n"
    "print(json.dumps([record.title, 'yaml' in sys.modules]))\n"
)


def _open_in_a_process(package: Path, case: Path) -> list[object]:
    run = subprocess.run(
        [sys.executable, "-c", _OPEN_IN_A_PROCESS, str(package), str(case)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(msgspec.json.decode(run.stdout))


def test_the_checked_form_spares_pyyaml_and_a_users_file_is_parsed(package: Path) -> None:
    assert _open_in_a_process(package.parent.parent, package) == [TITLE, False]
    assert _open_in_a_process(package.parent.parent, GOOD) == [TITLE, True]


def test_a_fifo_as_the_checked_form_does_not_block(package: Path) -> None:
    form = _form(package)
    form.unlink()
    os.mkfifo(form)
    assert _open_in_a_process(package.parent.parent, package) == [TITLE, True]
