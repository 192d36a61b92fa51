"""Finding the case records under a folder and what the library lists of each."""

from __future__ import annotations

import os
from pathlib import Path

from library_folder import CASEDATA, MDA5, mixed_folder

from viewer.record.library import distinct_words, find_records, read_entry, scan


def test_the_bundled_folder_lists_both_records_valid() -> None:
    entries = scan(CASEDATA)
    assert [Path(e.path).name for e in entries] == [
        "anti-mda5-ivig.case.yaml",
        "anti-pl7-antisynthetase.case.yaml",
    ]
    assert all(e.valid for e in entries)
    first = entries[0]
    assert first.title.startswith("The Utility of Intravenous Immunoglobulin")
    assert first.unknown_title == "A 71-year-old male with fatigue, weight loss and progressive dyspnea"
    assert first.source_date == "8-5-2020"
    assert first.document_type == "Presentation"
    assert first.patient
    text = MDA5.read_text(encoding="utf-8")
    # Each count is the number of items the YAML's section holds (counted here by their "- id:" lines).
    assert sum(first.counts.values()) == text.count("\n  - id:") + text.count("\n- id:")
    assert first.counts["discussion"] > 0


def test_a_mixed_folder_lists_records_and_only_records(tmp_path: Path) -> None:
    root = mixed_folder(tmp_path)
    listed = {os.path.relpath(e.path, root): e for e in scan(root)}
    # The loop is followed once at most: nothing listed twice, no endless walk.
    assert sorted(listed) == ["a/b/c/second.yml", "a/first.case.yaml", "broken.case.yaml", "pipe.case.yaml"]
    assert listed["a/first.case.yaml"].valid
    assert listed["a/b/c/second.yml"].valid
    broken = listed["broken.case.yaml"]
    assert not broken.valid
    assert broken.problem.startswith("line 5: format:")
    # An invalid record keeps the titles its YAML gives.
    assert broken.unknown_title.startswith("A 71-year-old male")
    pipe = listed["pipe.case.yaml"]
    assert pipe.problem == "line 1: cannot read the file: not a regular file but a named pipe (FIFO)"


def test_a_folder_named_like_a_record_is_walked_into(tmp_path: Path) -> None:
    folder = tmp_path / "x.case.yaml"
    folder.mkdir()
    assert list(find_records(tmp_path)) == []


def test_an_unreadable_record_is_listed_with_why(tmp_path: Path) -> None:
    (tmp_path / "gone.case.yaml").symlink_to(tmp_path / "nowhere")
    (entry,) = scan(tmp_path)
    assert entry.problem == "line 1: cannot read the file: No such file or directory"


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert scan(tmp_path / "none") == []


def test_search_words_hold_labels_quotes_and_source_text_once_each() -> None:
    entry = read_entry(str(MDA5))
    words = entry.words.split()
    assert len(words) == len(set(words))
    assert "dermatomyositis" in words
    assert words == sorted(words)


def test_distinct_words_are_each_word_of_every_text_once_case_folded_and_sorted() -> None:
    texts = ["Anti-MDA5 anti", "Straße\nANTI mda5", "ab", "cd"]
    # Two texts never run into one word ("ab" and "cd" stay apart).
    assert distinct_words(texts) == "ab anti cd mda5 strasse"
    assert distinct_words([]) == ""
