"""A huge value in a record is never repeated whole in a problem: each message stays short and says its length."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.record.loader import load_record
from viewer.record.problems import RecordError

GOOD = Path(__file__).parents[1] / "data" / "good" / "minimal.case.yaml"
HUGE = "a" * 10_485_760
LENGTH = "…(10,485,760 characters)"

# Each a broken copy of the minimal record, holding one 10 MB value where a message repeats it.
RECORDS = {
    "time anchor": ("when: {kind: same, anchor: rash}", f"when: {{kind: same, anchor: {HUGE}}}"),
    "status": ("status: negative", f"status: {HUGE}"),
    "key of an item": ("    label: Rash\n", f"    label: Rash\n    ? {HUGE}\n    : 1\n"),
    "key of the record": ("patient:\n", f"? {HUGE}\n: 1\npatient:\n"),
    "tag": ("label: Rash", f"label: !<{HUGE}> Rash"),
}


@pytest.mark.parametrize("where", RECORDS)
def test_every_problem_line_is_short_and_says_the_length(where: str, tmp_path: Path) -> None:
    old, new = RECORDS[where]
    text = GOOD.read_text()
    assert old in text
    file = tmp_path / "huge.case.yaml"
    file.write_text(text.replace(old, new, 1))
    with pytest.raises(RecordError) as caught:
        load_record(file)
    # Each line without the file's name, which is as long as the test's scratch folder makes it.
    lines = [str(problem).removeprefix(str(file)) for problem in caught.value.problems]
    assert lines
    # Short: the cut value and, for an unknown key, the list of keys it could have been (about 250 characters).
    assert all(len(line) < 500 for line in lines), [line[:500] for line in lines]
    assert any(f"{'a' * 80}{LENGTH}" in line for line in lines), lines


def test_a_key_given_twice_is_named_short(tmp_path: Path) -> None:
    key = "k" * 5_000_000  # twice in the file: under the size cap
    file = tmp_path / "twice.case.yaml"
    file.write_text(GOOD.read_text() + f"? {key}\n: 1\n? {key}\n: 2\n")
    with pytest.raises(RecordError) as caught:
        load_record(file)
    [problem] = caught.value.problems
    assert len(str(problem).removeprefix(str(file))) < 400
    assert f"the key '{'k' * 80}…(5,000,000 characters)' appears twice" in problem.message
