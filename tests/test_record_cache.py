"""The cache of checked records saves a parse and never changes what a file says."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import viewer.record.cache
import viewer.record.loader
from viewer.record.cache import MAX_ENTRIES, load_checked
from viewer.record.loader import load_record
from viewer.record.problems import RecordError

DATA = Path(__file__).resolve().parent / "data"
GOOD = DATA / "good" / "minimal.case.yaml"
BAD = DATA / "bad" / "bad-enum-status.yaml"
TRUNCATED = DATA / "cache" / "truncated-entry.msgpack"


@pytest.fixture
def file(tmp_path: Path) -> Path:
    copy = tmp_path / "case.yaml"
    shutil.copy(GOOD, copy)
    return copy


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    parse = viewer.record.loader.load_record_bytes

    def counting(raw: bytes, name: str = "<record>") -> object:
        parsed.append(name)
        return parse(raw, name)

    monkeypatch.setattr(viewer.record.loader, "load_record_bytes", counting)
    return parsed


def test_the_second_load_decodes_the_record_the_first_checked(file, tmp_path, monkeypatch):
    parsed = _count_parses(monkeypatch)
    cache = tmp_path / "cache"
    first = load_checked(file, cache)
    second = load_checked(file, cache)
    assert parsed == [str(file)]
    assert first == second == load_record(file)
    assert [entry.suffix for entry in cache.iterdir()] == [".msgpack"]


def test_changed_bytes_are_parsed_and_checked_again(file, tmp_path):
    cache = tmp_path / "cache"
    load_checked(file, cache)
    file.write_text(GOOD.read_text().replace("title: A minimal case", "title: A changed case", 1))
    assert load_checked(file, cache).title == "A changed case"
    shutil.copy(BAD, file)
    with pytest.raises(RecordError) as cached:
        load_checked(file, cache)
    with pytest.raises(RecordError) as plain:
        load_record(file)
    assert cached.value.problems == plain.value.problems
    # One entry a path: saving edits replaces it.
    assert len(list(cache.iterdir())) == 1


def test_other_checking_code_parses_again(file, tmp_path, monkeypatch):
    parsed = _count_parses(monkeypatch)
    cache = tmp_path / "cache"
    load_checked(file, cache)
    monkeypatch.setattr(viewer.record.cache, "__version__", "a later release")
    load_checked(file, cache)
    assert len(parsed) == 2


def test_a_damaged_entry_is_ignored_and_replaced(file, tmp_path):
    cache = tmp_path / "cache"
    load_checked(file, cache)
    (entry,) = cache.iterdir()
    shutil.copy(TRUNCATED, entry)
    assert load_checked(file, cache) == load_record(file)
    assert entry.read_bytes() != TRUNCATED.read_bytes()


def test_an_unwritable_cache_only_costs_a_parse(file, tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    assert load_checked(file, blocked) == load_record(file)
    assert load_checked(file, None) == load_record(file)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "case.yaml"]


def test_a_missing_file_is_reported_as_the_loader_reports_it(tmp_path):
    absent = tmp_path / "absent.yaml"
    with pytest.raises(RecordError) as error:
        load_checked(absent, tmp_path / "cache")
    assert [problem.message for problem in error.value.problems] == ["cannot read the file: No such file or directory"]


def test_bytes_added_or_removed_at_the_end_are_parsed_again(file, tmp_path, monkeypatch):
    parsed = _count_parses(monkeypatch)
    cache = tmp_path / "cache"
    text = GOOD.read_text()
    load_checked(file, cache)
    file.write_text(text + "# a comment at the end\n")
    load_checked(file, cache)
    file.write_text(text)
    load_checked(file, cache)
    assert len(parsed) == 3


def test_an_edited_checking_module_means_a_parse(file, tmp_path, monkeypatch):
    code = tmp_path / "record"
    code.mkdir()
    module = code / "loader.py"
    module.write_text("# the checks\n")
    monkeypatch.setattr(viewer.record.cache, "__file__", str(code / "cache.py"))
    parsed = _count_parses(monkeypatch)
    load_checked(file, tmp_path / "cache")
    later = module.stat().st_mtime_ns + 1_000_000_000
    os.utime(module, ns=(later, later))
    load_checked(file, tmp_path / "cache")
    assert len(parsed) == 2


def test_a_damaged_byte_in_an_entry_is_caught(file, tmp_path, monkeypatch):
    parsed = _count_parses(monkeypatch)
    cache = tmp_path / "cache"
    load_checked(file, cache)
    (entry,) = cache.iterdir()
    data = bytearray(entry.read_bytes())
    # The record's copy of the title comes after the file's bytes in the entry.
    where = data.rindex(b"A minimal case")
    data[where] = ord("B")
    entry.write_bytes(bytes(data))
    assert load_checked(file, cache).title == "A minimal case"
    assert len(parsed) == 2


def test_a_symlink_loop_is_reported_as_the_loader_reports_it(tmp_path):
    loop = tmp_path / "a.yaml"
    loop.symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(loop)
    with pytest.raises(RecordError) as cached:
        load_checked(loop, tmp_path / "cache")
    with pytest.raises(RecordError) as plain:
        load_record(loop)
    assert cached.value.problems == plain.value.problems


def test_the_cache_keeps_the_newest_entries_and_no_stale_temporaries(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    left = cache / "0badf00d.msgpack.999.tmp"
    left.write_bytes(b"half an entry")
    hour_ago = left.stat().st_mtime_ns - 3_600_000_000_000
    os.utime(left, ns=(hour_ago, hour_ago))
    for number in range(MAX_ENTRIES + 3):
        copy = tmp_path / f"case-{number}.yaml"
        shutil.copy(GOOD, copy)
        load_checked(copy, cache)
    assert len(list(cache.glob("*.msgpack"))) == MAX_ENTRIES
    assert not left.exists()
