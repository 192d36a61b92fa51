"""The benchmarks' synthetic records are valid case records that use every kind of time."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import SIZES, synthetic_yaml, write_library, write_record
from viewer.record.library import scan
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, timed_items
from viewer.record.timing import Precision, resolve_times

KINDS = {"IndexTime", "DateTime", "OffsetTime", "ApproximateTime", "AfterTime", "SameTime", "UnknownTime"}


def check(record: CaseRecord, count: int) -> None:
    items = timed_items(record)
    assert len(items) == count
    assert {lane for lane, _ in items} == {"history", "findings", "serologies", "treatments", "outcomes"}
    assert {type(item.when).__name__ for _, item in items} == KINDS
    dates = [item.when.date for _, item in items if type(item.when).__name__ == "DateTime"]
    # Dates to the day, the month and the year, over several years.
    assert {len(date) for date in dates} == {4, 7, 10}
    assert len({date[:4] for date in dates}) >= 8
    precisions = {p.precision for p in resolve_times(record).start.values()}
    assert precisions == set(Precision)


@pytest.mark.parametrize("count", [100, 1_000])
def test_generated_records_load(count: int, tmp_path: Path) -> None:
    check(load_record(write_record(count, tmp_path)), count)


@pytest.mark.slow
def test_the_largest_generated_record_loads(tmp_path: Path) -> None:
    check(load_record(write_record(SIZES[-1], tmp_path)), SIZES[-1])


def test_generation_is_repeatable() -> None:
    assert synthetic_yaml(300) == synthetic_yaml(300)
    assert synthetic_yaml(300, seed=1) != synthetic_yaml(300)


def test_the_generated_library_has_nested_folders_accents_and_one_invalid_record_in_fifty(tmp_path: Path) -> None:
    written = write_library(tmp_path, 50, per_folder=20)
    entries = scan(tmp_path)
    assert len(entries) == len(written) == 50
    assert len({p.parent for p in written}) == 3
    assert [Path(e.path).name for e in entries if not e.valid] == ["case-0049.case.yaml"]
    assert any("Saint-Étienne" in e.title for e in entries)
    assert len({e.title for e in entries}) == 50
