"""Honest time: each kind of placement, and precision that never improves down a chain."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.record.model import CaseRecord
from viewer.record.timing import DAYS_PER_UNIT, Granularity, Precision, check_times, resolve_times, time_order


def record(*history: dict[str, Any], treatments: list[dict[str, Any]] | None = None) -> CaseRecord:
    def item(spec: dict[str, Any]) -> dict[str, Any]:
        return {"label": spec["id"], "quotes": ["q q q"], **spec}

    data = {
        "format": 1,
        "title": "t",
        "unknown_title": "t",
        "source": {"title": "t", "text": "q q q"},
        "patient": {"summary": "p", "quotes": ["q q q"]},
        "history": [item(h) for h in history],
        "treatments": [item({"agent": "a", "status": "given", **t}) for t in treatments or []],
    }
    return msgspec.convert(data, CaseRecord, strict=True)


def test_exact_dates_and_partial_dates() -> None:
    r = record(
        {"id": "a", "when": {"kind": "date", "date": "2020-03-01"}},
        {"id": "b", "when": {"kind": "date", "date": "2020-03"}},
        {"id": "c", "when": {"kind": "date", "date": "2021"}},
    )
    assert check_times(r) == []
    start = resolve_times(r).start
    assert start["a"].days == 0  # the earliest date is day 0 when there is no index event
    assert start["a"].span_days == 0
    assert start["b"].days == 0
    assert start["b"].span_days == 31  # the whole of March
    assert start["c"].days == 306  # 2021-01-01
    assert start["c"].span_days == 365
    assert {p.precision for p in start.values()} == {Precision.EXACT}


def test_dated_index_is_the_origin() -> None:
    r = record(
        {"id": "before", "when": {"kind": "date", "date": "2020-01-01"}},
        {"id": "index", "when": {"kind": "index", "date": "2020-01-11"}},
    )
    start = resolve_times(r).start
    assert start["index"].days == 0
    assert start["before"].days == -10


def test_the_origin_is_carried_with_the_placements() -> None:
    dated_index = record(
        {"id": "before", "when": {"kind": "date", "date": "2020-01-01"}},
        {"id": "index", "when": {"kind": "index", "date": "2020-01-11"}},
    )
    assert resolve_times(dated_index).origin == dt.date(2020, 1, 11).toordinal()
    no_index = record(
        {"id": "b", "when": {"kind": "date", "date": "2021"}},
        {"id": "a", "when": {"kind": "date", "date": "2020-03"}},
    )
    assert resolve_times(no_index).origin == dt.date(2020, 3, 1).toordinal()  # the earliest date
    undated = record({"id": "index", "when": {"kind": "index"}})
    assert resolve_times(undated).origin is None


def test_granularity_of_dates_and_offsets() -> None:
    r = record(
        {"id": "year", "when": {"kind": "index", "date": "2020"}},
        {"id": "month", "when": {"kind": "date", "date": "2020-03"}},
        {"id": "day", "when": {"kind": "date", "date": "2020-03-10"}},
        {"id": "year-3m", "when": {"kind": "offset", "anchor": "year", "amount": 3, "unit": "month"}},
        {"id": "month-2m", "when": {"kind": "offset", "anchor": "month", "amount": 2, "unit": "month"}},
        {"id": "month-5d", "when": {"kind": "offset", "anchor": "month", "amount": 5, "unit": "day"}},
        {"id": "day-2w", "when": {"kind": "offset", "anchor": "day", "amount": 2, "unit": "week"}},
        {"id": "day-1y", "when": {"kind": "offset", "anchor": "day", "amount": 1, "unit": "year"}},
        {"id": "day-about-3m", "when": {"kind": "approximate", "anchor": "day", "amount": 3, "unit": "month"}},
        {"id": "day-about-3m-1d", "when": {"kind": "offset", "anchor": "day-about-3m", "amount": 1, "unit": "day"}},
        {"id": "same", "when": {"kind": "same", "anchor": "month"}},
        {"id": "then", "when": {"kind": "after", "anchor": "month"}},
    )
    assert check_times(r) == []
    start = resolve_times(r).start
    expected = {
        "year": Granularity.YEAR,
        "month": Granularity.MONTH,
        "day": Granularity.DAY,
        "year-3m": Granularity.YEAR,  # 3 months after some day of 2020 is known to the year at best
        "month-2m": Granularity.MONTH,
        "month-5d": Granularity.MONTH,
        "day-2w": Granularity.DAY,
        "day-1y": Granularity.YEAR,
        "day-about-3m": Granularity.MONTH,  # an approximate offset is known to its unit
        "day-about-3m-1d": Granularity.MONTH,  # and a chain to its coarsest link
        "same": Granularity.MONTH,
        "then": Granularity.MONTH,
    }
    assert {item_id: p.granularity for item_id, p in start.items()} == expected


def test_dated_offsets_in_months_and_years_follow_the_calendar() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index", "date": "2020"}},
        {"id": "year", "when": {"kind": "approximate", "anchor": "index", "amount": 1, "unit": "year"}},
        {"id": "month", "when": {"kind": "offset", "anchor": "index", "amount": 3, "unit": "month"}},
        {"id": "end-of-jan", "when": {"kind": "date", "date": "2021-01-31"}},
        {"id": "feb", "when": {"kind": "offset", "anchor": "end-of-jan", "amount": 1, "unit": "month"}},
        {"id": "half", "when": {"kind": "offset", "anchor": "index", "amount": 1.5, "unit": "year"}},
    )
    placements = resolve_times(r)
    assert placements.origin is not None

    def date(item_id: str) -> dt.date:
        return dt.date.fromordinal(round(placements.origin + placements.start[item_id].days))  # type: ignore[operator]

    # 2020 is a leap year: "about a year after 2020" is 1 Jan 2021, not 31 Dec 2020.
    assert date("year") == dt.date(2021, 1, 1)
    assert date("month") == dt.date(2020, 4, 1)
    assert date("feb") == dt.date(2021, 2, 28)  # the day clamped to the month's end
    assert placements.start["half"].days == pytest.approx(1.5 * DAYS_PER_UNIT["year"])  # no calendar for half years


def test_time_order_lists_unplaced_items_last_only_when_asked() -> None:
    r = record(
        {"id": "late", "when": {"kind": "offset", "anchor": "index", "amount": 2, "unit": "day"}},
        {"id": "nowhen"},
        {"id": "index", "when": {"kind": "index"}},
        {"id": "tie", "when": {"kind": "offset", "anchor": "index", "amount": 2, "unit": "day"}},
        {"id": "also-nowhen"},
        {"id": "then", "when": {"kind": "after", "anchor": "index"}},
    )
    placements = resolve_times(r)
    assert time_order(r, placements) == ["index", "then", "late", "tie"]  # ties keep record order
    assert time_order(r, placements, unplaced=True) == ["index", "then", "late", "tie", "nowhen", "also-nowhen"]


def test_offsets() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        {"id": "d3", "when": {"kind": "offset", "anchor": "index", "amount": 3, "unit": "day"}},
        {"id": "w2", "when": {"kind": "offset", "anchor": "d3", "amount": 2, "unit": "week"}},
    )
    start = resolve_times(r).start
    assert start["d3"].days == 3
    assert start["w2"].days == 17
    assert start["w2"].precision is Precision.EXACT


def test_approximate() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        {"id": "year", "when": {"kind": "approximate", "anchor": "index", "amount": 1, "unit": "year"}},
        {"id": "then", "when": {"kind": "offset", "anchor": "year", "amount": 2, "unit": "day"}},
    )
    start = resolve_times(r).start
    assert start["year"].precision is Precision.APPROXIMATE
    assert start["year"].days == pytest.approx(DAYS_PER_UNIT["year"])
    # An exact offset from an approximate time is itself approximate.
    assert start["then"].precision is Precision.APPROXIMATE


def test_after_chain_takes_steps_not_days() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        {"id": "a1", "when": {"kind": "after", "anchor": "index"}},
        {"id": "a2", "when": {"kind": "after", "anchor": "a1"}},
        {"id": "o", "when": {"kind": "offset", "anchor": "a2", "amount": 5, "unit": "day"}},
    )
    start = resolve_times(r).start
    assert (start["a1"].days, start["a1"].step) == (0, 1)
    assert (start["a2"].days, start["a2"].step) == (0, 2)
    assert start["a2"].precision is Precision.ORDER
    assert start["o"].precision is Precision.ORDER  # an offset from an order-only item is order-only
    # ... and gains no days: "5 days after something that came some time after day 0" is not day 5.
    assert (start["o"].days, start["o"].step) == (0, 3)


def test_same_and_unknown() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        {"id": "approx", "when": {"kind": "approximate", "anchor": "index", "amount": 2, "unit": "month"}},
        {"id": "same", "when": {"kind": "same", "anchor": "approx"}},
        {"id": "unknown"},
        {"id": "after-unknown", "when": {"kind": "after", "anchor": "unknown"}},
    )
    start = resolve_times(r).start
    assert start["same"] == start["approx"]
    assert start["unknown"].precision is Precision.UNKNOWN
    assert start["after-unknown"].precision is Precision.UNKNOWN  # unknown stays unknown, never gains a place


def test_until() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        treatments=[
            {
                "id": "course",
                "when": {"kind": "offset", "anchor": "index", "amount": 1, "unit": "day"},
                "until": {"kind": "approximate", "anchor": "course", "amount": 2, "unit": "week"},
            }
        ],
    )
    assert check_times(r) == []
    placements = resolve_times(r)
    assert placements.start["course"].days == 1
    assert placements.end["course"].days == 15
    assert placements.end["course"].precision is Precision.APPROXIMATE


def test_long_chains_are_fast_and_need_no_recursion() -> None:
    n = 5000
    # Listed last-first, so resolving the first item has to walk the whole chain.
    chain = [{"id": f"e{i}", "when": {"kind": "after", "anchor": f"e{i - 1}" if i else "index"}} for i in range(n)]
    r = record({"id": "index", "when": {"kind": "index"}}, *reversed(chain))
    started = time.perf_counter()
    assert check_times(r) == []
    start = resolve_times(r).start
    assert time.perf_counter() - started < 2
    assert start[f"e{n - 1}"].step == n


def test_loop_is_reported_once_with_its_members() -> None:
    r = record(
        {"id": "index", "when": {"kind": "index"}},
        {"id": "lead-in", "when": {"kind": "after", "anchor": "a"}},
        {"id": "a", "when": {"kind": "after", "anchor": "b"}},
        {"id": "b", "when": {"kind": "after", "anchor": "c"}},
        {"id": "c", "when": {"kind": "after", "anchor": "a"}},
    )
    assert check_times(r) == [("history[2].when.anchor", "time anchors form a loop: a -> b -> c -> a")]


KINDS = ("offset", "approximate", "after", "same")


@st.composite
def chains(draw: st.DrawFn) -> tuple[list[str], CaseRecord]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=12))
    items: list[dict[str, Any]] = [{"id": "i0", "when": {"kind": "index"}}]
    for n, kind in enumerate(kinds, start=1):
        when: dict[str, Any] = {"kind": kind, "anchor": f"i{n - 1}"}
        if kind in ("offset", "approximate"):
            when |= {"amount": draw(st.integers(1, 30)), "unit": draw(st.sampled_from(("day", "week", "month")))}
        items.append({"id": f"i{n}", "when": when})
    return kinds, record(*items)


@settings(max_examples=150, deadline=None)
@given(chains())
def test_precision_only_gets_worse_down_a_chain(chain: tuple[list[str], CaseRecord]) -> None:
    kinds, r = chain
    start = resolve_times(r).start
    worst = Precision.EXACT
    for n, kind in enumerate(kinds, start=1):
        worst = max(worst, {"approximate": Precision.APPROXIMATE, "after": Precision.ORDER}.get(kind, Precision.EXACT))
        here = start[f"i{n}"]
        previous = start[f"i{n - 1}"]
        assert here.precision is worst  # approximate never becomes exact; order-only stays order-only
        if here.precision is Precision.ORDER:
            # Order-only placement moves by steps; its days are those of its last measured anchor.
            assert here.key > previous.key or kind == "same"
        if kind == "after" or previous.precision is Precision.ORDER:
            assert here.days == previous.days  # order-only never gains days
