"""The library index: reused while a record is unchanged, read again when it changed, search
ignoring case and accents, owner-only files, and a corrupt or unwritable file never in the way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from library_folder import MDA5, PL7, copy_record

from viewer.record import library_index
from viewer.record.library_index import LibraryIndex, delete_index, match_query


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    copy_record(MDA5, root / "one.case.yaml")
    copy_record(PL7, root / "nested" / "two.case.yaml")
    accented = MDA5.read_text(encoding="utf-8").replace(
        "unknown_title: A 71-year-old male",
        "unknown_title: Syndrome de Sjögren chez un HOMME de 71 ans, a 71-year-old male",
    )
    (root / "three.case.yaml").write_text(accented, encoding="utf-8")
    return root


def _paths(found: set[str] | None, root: Path) -> set[str]:
    assert found is not None
    return {os.path.relpath(path, root) for path in found}


def test_search_ignores_case_and_accents(tmp_path: Path, folder: Path) -> None:
    index = LibraryIndex(tmp_path / "cache" / "index.db")
    index.sync(folder)
    for text in ("sjogren", "SJÖGREN", "Sjögr", "sjöGREN homme"):
        assert _paths(index.search(folder, text), folder) == {"three.case.yaml"}, text
    assert _paths(index.search(folder, "mechanic"), folder) == {"nested/two.case.yaml"}
    assert _paths(index.search(folder, "immunoglobulin"), folder) == {"one.case.yaml", "three.case.yaml"}
    assert index.search(folder, "  ") is None
    assert _paths(index.search(folder, "nothing-like-this"), folder) == set()
    index.close()


def test_unknown_mode_searches_unknown_titles_only(tmp_path: Path, folder: Path) -> None:
    index = LibraryIndex(None)
    index.sync(folder)
    assert _paths(index.search(folder, "dermatomyositis"), folder) == {"one.case.yaml", "three.case.yaml"}
    assert _paths(index.search(folder, "dermatomyositis", unknown=True), folder) == set()
    assert _paths(index.search(folder, "fatigue", unknown=True), folder) == {"one.case.yaml", "three.case.yaml"}


def test_quotes_in_a_query_are_words_not_syntax() -> None:
    assert match_query('"anti-MDA5" OR x*') == '"anti"* AND "mda5"* AND "or"* AND "x"*'


def test_files_are_owner_only(tmp_path: Path, folder: Path) -> None:
    file = tmp_path / "cache" / "deeper" / "index.db"
    LibraryIndex(file).sync(folder)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700


def test_unchanged_records_are_not_read_again(tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "index.db"
    first = LibraryIndex(file).sync(folder)
    read: list[str] = []
    real = library_index.read_entry
    monkeypatch.setattr(library_index, "read_entry", lambda path: read.append(path) or real(path))
    again = LibraryIndex(file).sync(folder)
    assert read == []
    assert [(e.path, e.title, e.problem, e.counts) for e in again] == [
        (e.path, e.title, e.problem, e.counts) for e in first
    ]


def test_a_changed_record_is_read_again_even_with_its_old_size_and_time(tmp_path: Path, folder: Path) -> None:
    file = tmp_path / "index.db"
    LibraryIndex(file).sync(folder)
    target = folder / "one.case.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    # The same number of bytes, and the old modification time put back: only the change time tells.
    target.write_text(text.replace("format: 1", "format: 7"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    entries = {Path(e.path).name: e for e in LibraryIndex(file).sync(folder)}
    assert entries["one.case.yaml"].problem.startswith("line 5: format:")


def test_a_removed_record_leaves_the_index(tmp_path: Path, folder: Path) -> None:
    index = LibraryIndex(tmp_path / "index.db")
    index.sync(folder)
    (folder / "three.case.yaml").unlink()
    assert [Path(e.path).name for e in index.sync(folder)] == ["one.case.yaml", "two.case.yaml"]
    assert _paths(index.search(folder, "sjogren"), folder) == set()


def test_a_corrupt_index_file_falls_back_to_memory(tmp_path: Path, folder: Path) -> None:
    file = tmp_path / "index.db"
    file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    index = LibraryIndex(file)
    assert "cannot be used" in index.problem
    assert len(index.sync(folder)) == 3
    assert _paths(index.search(folder, "mechanic"), folder) == {"nested/two.case.yaml"}


def test_a_file_that_is_not_an_index_falls_back_to_memory(tmp_path: Path, folder: Path) -> None:
    file = tmp_path / "index.db"
    file.write_text("my notes\n" * 100, encoding="utf-8")
    index = LibraryIndex(file)
    assert "file is not a database" in index.problem
    assert len(index.sync(folder)) == 3
    assert file.read_text(encoding="utf-8") == "my notes\n" * 100


def test_an_unwritable_cache_place_falls_back_to_memory(tmp_path: Path, folder: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    index = LibraryIndex(blocker / "index.db")
    assert index.problem
    assert len(index.sync(folder)) == 3


def test_deleting_the_index_loses_nothing(tmp_path: Path, folder: Path) -> None:
    file = tmp_path / "index.db"
    first = LibraryIndex(file)
    listed = first.sync(folder)
    first.close()
    delete_index(file)
    assert not file.exists()
    again = LibraryIndex(file)
    assert [e.title for e in again.sync(folder)] == [e.title for e in listed]
    assert _paths(again.search(folder, "sjogren"), folder) == {"three.case.yaml"}
