"""Timeline layout and hit testing: pure functions, no window."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from pathlib import Path

import msgspec
import pytest
from records import QUOTE, small_record, two_courses

from benchmarks.synthetic import synthetic_yaml
from viewer.content import wording
from viewer.content.shown import ShownCase, show
from viewer.content.timeline import words
from viewer.content.timeline.data import build_data, relabel
from viewer.content.timeline.hittest import hit_test
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.marks import STAGGER_LINES
from viewer.content.timeline.view import Layout, Metrics, View
from viewer.content.timeline.words import date_words, relative_words
from viewer.paths import bundled_case
from viewer.record.loader import load_record, load_record_bytes
from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    DateTime,
    Finding,
    FindingKind,
    HistoryItem,
    IndexTime,
    LabResult,
    OffsetTime,
    Outcome,
    ResultStatus,
    Treatment,
    TreatmentStatus,
    UnknownTime,
    timed_items,
)
from viewer.record.timing import Granularity, Precision, resolve_times, time_order

# A font where every character is 7 px wide and lines are 16 px high.
METRICS = Metrics(line_height=16.0, text_width=lambda text: 7.0 * len(text))


@pytest.fixture(scope="module")
def record() -> CaseRecord:
    return load_record(bundled_case())


def lay_out(record: CaseRecord, width: float = 1024, height: float = 240, view: View | None = None) -> Layout:
    return compute_layout(build_data(show(record)), width, height, view or View(), METRICS)


def centre(lay: Layout, item_id: str) -> tuple[float, float]:
    x, y, w, h = lay.marker_rect(*lay.index[item_id])
    return x + w / 2, y + h / 2


def make_record(
    history: list[HistoryItem],
    treatments: list[Treatment] | None = None,
    **sections: list,  # type: ignore[type-arg]
) -> CaseRecord:
    return small_record("Synthetic", history=history, treatments=treatments or [], **sections)


def synthetic_record(count: int, seed: int = 7) -> CaseRecord:
    """`count` items over five lanes and ten years: offsets, approximate, order-only and unknown times."""
    rng = random.Random(seed)
    history = [HistoryItem(id="e0", label="index", when=IndexTime(), quotes=QUOTE)]
    findings: list[Finding] = []
    serologies: list[LabResult] = []
    treatments: list[Treatment] = []
    outcomes: list[Outcome] = []
    for number in range(1, count):
        item_id = f"e{number}"
        roll = rng.random()
        if roll < 0.6:
            when = OffsetTime(anchor="e0", amount=float(rng.randint(1, 3650)), unit="day")
        elif roll < 0.75:
            when = ApproximateTime(anchor="e0", amount=float(rng.randint(1, 10)), unit="year")
        elif roll < 0.95:
            when = AfterTime(anchor=f"e{rng.randrange(number)}")
        else:
            when = UnknownTime()
        common = {"id": item_id, "label": f"Event {number}", "when": when, "quotes": QUOTE}
        lane = number % 5
        if lane == 0:
            history.append(HistoryItem(**common))
        elif lane == 1:
            findings.append(Finding(category=FindingKind.EXAMINATION, **common))
        elif lane == 2:
            serologies.append(LabResult(panel="Panel", status=ResultStatus.NORMAL, **common))
        elif lane == 3:
            treatments.append(Treatment(agent="Agent", status=TreatmentStatus.GIVEN, **common))
        else:
            outcomes.append(Outcome(**common))
    return make_record(history, treatments, findings=findings, serologies=serologies, outcomes=outcomes)


def test_every_marker_lies_inside_the_widget_and_its_lane(record: CaseRecord) -> None:
    for width, height in ((1024, 240), (1920, 300), (500, 180)):
        lay = lay_out(record, width, height)
        for number, row in enumerate(lay.lanes):
            assert row.marks
            for mark_number in range(len(row.marks)):
                x, y, w, h = lay.marker_rect(number, mark_number)
                assert lay.title_width < x
                assert x + w < width
                assert row.top <= y
                assert y + h <= row.bottom
        assert lay.lanes[-1].bottom <= lay.legend_y <= height


def test_order_only_steps_follow_their_anchor_a_fixed_distance_apart(record: CaseRecord) -> None:
    lay = lay_out(record)
    xs = {item_id: centre(lay, item_id)[0] for item_id in ("second-presentation", "workup", "diagnosis")}
    assert xs["second-presentation"] < xs["workup"] < xs["diagnosis"]
    assert xs["workup"] - xs["second-presentation"] == pytest.approx(xs["diagnosis"] - xs["workup"])
    history = ["first-presentation", "initial-evaluation", "second-presentation", "workup", "diagnosis"]
    assert [centre(lay, i)[0] for i in history] == sorted(centre(lay, i)[0] for i in history)
    assert centre(lay, "tacrolimus")[0] < centre(lay, "ivig")[0] < centre(lay, "improvement")[0]
    assert centre(lay, "improvement")[0] < centre(lay, "rituximab")[0]


def test_a_step_is_not_a_length_of_time() -> None:
    """The same order-only chain gets the same spacing whether the measured gap is one year or ten."""

    def spacing(years: float) -> float:
        history = [
            HistoryItem(id="a", label="A", when=IndexTime(), quotes=QUOTE),
            HistoryItem(id="b", label="B", when=OffsetTime(anchor="a", amount=years, unit="year"), quotes=QUOTE),
            HistoryItem(id="c", label="C", when=AfterTime(anchor="b"), quotes=QUOTE),
            HistoryItem(id="d", label="D", when=AfterTime(anchor="c"), quotes=QUOTE),
        ]
        lay = lay_out(make_record(history))
        return centre(lay, "d")[0] - centre(lay, "c")[0]

    assert spacing(1) == pytest.approx(spacing(10))


def test_approximate_items_are_flagged_and_ticked_with_a_tilde(record: CaseRecord) -> None:
    lay = lay_out(record, 1920)
    mark = lay.mark_of("second-presentation")
    assert mark is not None
    assert mark.precision is Precision.APPROXIMATE
    assert mark.label.startswith("~")
    first = lay.mark_of("first-presentation")
    assert first is not None
    assert first.precision is Precision.EXACT
    assert not first.label.startswith("~")
    assert [tick.label for tick in lay.ticks] == ["index", "~1 year later"]
    # The stretch of axis that ends at the approximate day is marked as approximate.
    assert [approx for _, _, approx in lay.time_segments] == [True]


def test_no_calendar_words_without_dates(record: CaseRecord) -> None:
    words = " ".join(tick.label for tick in lay_out(record).ticks)
    for calendar in ("20", "Jan", "Mar", "Aug", "day 0"):
        assert calendar not in words


def test_dated_records_get_dates_at_their_own_precision() -> None:
    history = [
        HistoryItem(id="a", label="A", when=IndexTime(date="2020-03"), quotes=QUOTE),
        HistoryItem(id="b", label="B", when=DateTime(date="2021"), quotes=QUOTE),
        HistoryItem(id="c", label="C", when=DateTime(date="2022-06-15"), quotes=QUOTE),
    ]
    lay = lay_out(make_record(history), 1920)
    assert [tick.label for tick in lay.ticks] == ["March 2020", "2021", "15 Jun 2022"]


def tick_words(history: list[HistoryItem]) -> dict[str, str]:
    """The axis words at each item's day, by id (every placed day, whether or not its tick fits)."""
    record = make_record(history)
    data = build_data(show(record))
    words = {(group.t, group.s0): group.tick for group in data.groups}
    return {e.item_id: words[(e.t, e.s)] for e in data.ordered}


def item(item_id: str, when: object) -> HistoryItem:
    return HistoryItem(id=item_id, label=item_id, when=when, quotes=QUOTE)  # type: ignore[arg-type]


def test_offsets_from_partial_dates_are_written_no_finer_than_the_record_knows_them() -> None:
    words = tick_words(
        [
            item("index", IndexTime(date="2020")),
            item("three-months", OffsetTime(anchor="index", amount=3, unit="month")),
            item("about-a-year", ApproximateTime(anchor="index", amount=1, unit="year")),
            item("two-years", OffsetTime(anchor="index", amount=2, unit="year")),
        ]
    )
    assert words == {"index": "2020", "three-months": "2020", "about-a-year": "~2021", "two-years": "2022"}


def test_an_offset_is_known_to_the_coarser_of_its_anchor_and_its_unit() -> None:
    words = tick_words(
        [
            item("index", IndexTime(date="2020-03")),
            item("two-months", OffsetTime(anchor="index", amount=2, unit="month")),
            item("two-weeks", OffsetTime(anchor="index", amount=2, unit="week")),
            item("day", DateTime(date="2020-01-15")),
            item("ten-days", OffsetTime(anchor="day", amount=10, unit="day")),
            item("about-three-months", ApproximateTime(anchor="day", amount=3, unit="month")),
            item("about-two-weeks", ApproximateTime(anchor="day", amount=2, unit="week")),
            item("a-year-after", OffsetTime(anchor="about-three-months", amount=1, unit="year")),
        ]
    )
    assert words == {
        "index": "March 2020",
        "two-months": "May 2020",  # months from a month: a month
        "two-weeks": "March 2020",  # days from a month: still only a month
        "day": "15 Jan 2020",
        "ten-days": "25 Jan 2020",
        "about-three-months": "~April 2020",  # an approximate offset is known to its unit, no finer
        "about-two-weeks": "~29 Jan 2020",
        "a-year-after": "~2021",  # and a chain stays as coarse as its coarsest link
    }


def test_dates_are_written_without_platform_specific_strftime() -> None:
    # "%-d" works on glibc only: on Windows strftime raises ValueError.
    assert "%-" not in Path(str(words.__file__)).read_text() + Path(str(wording.__file__)).read_text()
    ordinal = float(dt.date(2021, 6, 5).toordinal())
    assert date_words(ordinal, Granularity.DAY) == "5 Jun 2021"
    assert date_words(ordinal, Granularity.MONTH) == "June 2021"
    assert date_words(ordinal, Granularity.YEAR) == "2021"


def test_dates_past_the_calendar_fall_back_to_relative_words() -> None:
    words = tick_words(
        [item("index", IndexTime(date="2020")), item("far", OffsetTime(anchor="index", amount=10_000, unit="year"))]
    )
    assert words["index"] == "2020"
    assert words["far"].endswith("later")


def test_the_timeline_walks_the_one_time_order(record: CaseRecord) -> None:
    generated = synthetic_record(500)
    for case in (record, generated):
        placements = resolve_times(case)
        data = build_data(ShownCase(case, placements))
        assert [e.item_id for e in data.ordered] == time_order(case, placements)
        assert [e.order for e in data.ordered] == list(range(len(data.ordered)))


@pytest.mark.parametrize(
    ("days", "approximate", "words"),
    [
        (0.0, False, "index"),
        (365.25, True, "~1 year later"),
        (21.0, False, "3 weeks later"),
        (-2.0, False, "2 days before"),
        (365.25 / 12 * 5, False, "5 months later"),
        (0.1 + 0.2, False, "less than a day later"),
        (17.5, False, "~18 days later"),
        (368.25, False, "~368 days later"),
        (36_525_000.0, False, "100,000 years later"),
        (36_525_003.0, False, "~100,000 years later"),
        (-40_177_100.0, False, "~109,999 years before"),
    ],
)
def test_relative_words(days: float, approximate: bool, words: str) -> None:
    assert relative_words(days, approximate) == words


@pytest.mark.parametrize("power", range(-2, 16))
def test_relative_words_never_read_as_float_notation(power: int) -> None:
    words = relative_words(1.2345678 * 10.0**power, False)
    assert "e+" not in words
    assert "e-" not in words
    assert len(words.split()[0].lstrip("~").replace(",", "").replace(".", "")) <= 16


def test_clusters_partition_the_bundled_case(record: CaseRecord) -> None:
    lay = lay_out(record)
    ids = [item_id for row in lay.lanes for mark in row.marks for item_id in mark.item_ids]
    assert sorted(ids) == sorted(
        item.id
        for item in [*record.history, *record.findings, *record.serologies, *record.treatments, *record.outcomes]
    )
    serologies = lay.lanes[2].marks
    assert len(serologies) == 1
    assert serologies[0].count == 7
    assert serologies[0].label == "7 serologies"


def test_unknown_times_stay_off_the_axis_and_are_counted_in_the_legend() -> None:
    history = [
        HistoryItem(id="a", label="A", when=IndexTime(), quotes=QUOTE),
        HistoryItem(id="b", label="B", quotes=QUOTE),
    ]
    lay = lay_out(make_record(history), 1920)
    assert "b" not in lay.index
    assert "a" in lay.index
    assert any(entry.text.startswith("1 item without a stated time") for entry in lay.legend)


def test_labels_never_overlap_the_next_marker_or_label(record: CaseRecord) -> None:
    for width in (700, 1024, 1920):
        lay = lay_out(record, width)
        for row in lay.lanes:
            marks = row.marks[:]
            for number, mark in enumerate(marks):
                if not mark.label_width:
                    continue
                end = lay.label_x(mark) + mark.label_width
                if mark.label_row <= 0:
                    if number + 1 < len(marks):
                        assert end < marks[number + 1].x - lay.marker / 2
                    continue
                # On the second row a label passes under the next marker, never the one after it, nor
                # the next label when that one takes more than the markers' line.
                assert row.lines >= STAGGER_LINES
                if number + 2 < len(marks):
                    assert end < marks[number + 2].x - lay.marker / 2
                # The next label is lifted clear of it: its lines end where this one's start.
                if number + 1 < len(marks) and marks[number + 1].label_width:
                    after = marks[number + 1]
                    assert after.label_row == -1
                    assert lay.label_top(0, after) + len(after.label_lines) * lay.line_height == pytest.approx(
                        lay.label_top(0, mark)
                    )


def test_a_range_and_an_ongoing_course() -> None:
    history = [HistoryItem(id="a", label="A", when=IndexTime(), quotes=QUOTE)]
    treatments = [
        Treatment(
            id="course",
            label="Course",
            agent="X",
            status=TreatmentStatus.STOPPED,
            when=OffsetTime(anchor="a", amount=1, unit="month"),
            until=OffsetTime(anchor="a", amount=6, unit="month"),
            quotes=QUOTE,
        ),
        Treatment(
            id="still",
            label="Still",
            agent="Y",
            status=TreatmentStatus.ONGOING,
            when=OffsetTime(anchor="a", amount=8, unit="month"),
            quotes=QUOTE,
        ),
    ]
    lay = lay_out(make_record(history, treatments), 1920)
    course = lay.mark_of("course")
    still = lay.mark_of("still")
    assert course is not None
    assert still is not None
    (bar,) = course.bars
    assert bar.end_x is not None
    assert bar.end_x > course.x
    assert [bar.ongoing for bar in still.bars] == [True]
    assert any(entry.kind == "ongoing" for entry in lay.legend)


def test_withheld_labels_replace_the_item_text(record: CaseRecord) -> None:
    labels = {"ivig": "Treatment C", "tacrolimus": "Treatment B"}
    data = build_data(show(record), labels)
    assert data.by_id["ivig"].label == "Treatment C"
    assert data.by_id["tacrolimus"].label == "Treatment B"


def test_relabel_changes_only_labels(record: CaseRecord) -> None:
    shown = show(record)
    data = build_data(shown)
    before = compute_layout(data, 1024, 240, View(zoom=3.0, offset=200.0), METRICS)
    labels = {"ivig": "Treatment C", "tacrolimus": "Treatment B"}
    relabelled = relabel(data, labels)
    assert relabelled == build_data(shown, labels)  # the same as building anew, without the sorting
    assert relabelled.groups is data.groups
    assert relabelled.by_id["ivig"].label == "Treatment C"
    after = compute_layout(relabelled, 1024, 240, View(zoom=3.0, offset=200.0), METRICS)
    assert after.offset == before.offset
    assert after.content_width == before.content_width
    assert [tick.label for tick in after.ticks] == [tick.label for tick in before.ticks]
    assert after.mark_of("ivig").label == "Treatment C"  # type: ignore[union-attr]
    # Back to the record's own labels.
    assert relabel(relabelled, {item.id: item.label for _, item in timed_items(record)}) == data


def test_hit_test_finds_each_marker_at_its_centre(record: CaseRecord) -> None:
    for width in (800, 1920):
        lay = lay_out(record, width)
        for item_id in lay.index:
            hit = hit_test(lay, *centre(lay, item_id))
            assert hit is not None
            assert item_id in hit.item_ids


def test_hit_test_finds_nothing_in_empty_space(record: CaseRecord) -> None:
    lay = lay_out(record)
    assert hit_test(lay, 5, lay.lanes[0].y) is None  # the lane titles
    assert hit_test(lay, lay.width / 2, lay.axis_y) is None  # the axis
    assert hit_test(lay, lay.width / 2, lay.legend_y) is None  # the legend
    serologies = lay.lanes[2]
    # Left of the serology cluster there is nothing in that lane.
    assert hit_test(lay, lay.screen_x(serologies.marks[0].x) - 3 * lay.marker, serologies.y) is None
    assert hit_test(lay, lay.plot_right - 1, lay.lanes[1].y) is None


def test_pan_moves_markers_without_relayout(record: CaseRecord) -> None:
    lay = lay_out(record)
    panned = lay.with_offset(40)
    assert centre(panned, "ivig")[0] == pytest.approx(centre(lay, "ivig")[0] - 40)
    assert hit_test(panned, *centre(panned, "ivig")) is not None


@pytest.mark.parametrize("zoom", [0.25, 1.0, 4.0, 60.0, 2000.0])
def test_clusters_partition_ten_thousand_events(zoom: float) -> None:
    record = synthetic_record(10_000)
    placements = resolve_times(record)
    data = build_data(ShownCase(record, placements))
    placed = sorted(item_id for item_id, p in placements.start.items() if p.precision is not Precision.UNKNOWN)
    assert 9_000 < len(placed) < 10_000
    lay = compute_layout(data, 1920, 300, View(zoom=zoom), METRICS)
    ids = [item_id for row in lay.lanes for mark in row.marks for item_id in mark.item_ids]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == placed
    for row in lay.lanes:
        assert list(row.xs) == sorted(row.xs)
        gaps = [b - a for a, b in zip(row.xs, row.xs[1:], strict=False)]
        assert min(gaps) >= lay.marker


@pytest.fixture(scope="module")
def generated() -> CaseRecord:
    return load_record_bytes(synthetic_yaml(1_000).encode(), "synthetic-1000")


@pytest.mark.parametrize("zoom", [0.25, 1.0, 1.25**3, 1.25**10, 150.0, 5000.0])
def test_clusters_partition_a_generated_record(generated: CaseRecord, zoom: float) -> None:
    placements = resolve_times(generated)
    placed = sorted(item_id for item_id, p in placements.start.items() if p.precision is not Precision.UNKNOWN)
    data = build_data(ShownCase(generated, placements))
    lay = compute_layout(data, 1600, 320, View(zoom=zoom, offset=900.0), METRICS)
    ids = [item_id for row in lay.lanes for mark in row.marks for item_id in mark.item_ids]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == placed
    # The index finds each item in the mark that holds it.
    assert sorted(lay.index) == placed
    for item_id in placed:
        lane, number = lay.index[item_id]
        assert item_id in lay.lanes[lane].marks[number].item_ids
    for row in lay.lanes:
        assert list(row.xs) == [mark.x for mark in row.marks] == sorted(row.xs)
        assert all(b - a >= lay.marker for a, b in zip(row.xs, row.xs[1:], strict=False))
        bars = [i for i, m in enumerate(row.marks) if m.bars]
        assert list(row.reaching) == bars


def test_the_axis_is_laid_out_around_the_view(generated: CaseRecord) -> None:
    data = build_data(show(generated))
    whole = compute_layout(data, 1600, 320, View(zoom=40.0), METRICS)
    plot = whole.plot_right - whole.plot_left
    near = compute_layout(data, 1600, 320, View(zoom=40.0, offset=whole.content_width / 2), METRICS)
    low, high = near.covered
    assert near.covers(near.offset)
    assert near.covers(near.offset + plot * 0.9)
    assert not near.covers(near.offset + plot * 1.1)
    assert not near.covers(near.offset - plot * 1.1)
    # Within the stretch, measured time and chevrons are all there.
    ends = [end for _, end, _ in near.time_segments]
    assert ends == sorted(ends)
    assert low <= near.time_segments[0][1]
    assert near.time_segments[-1][0] <= high
    assert all(low - plot <= x <= high for x in near.chevrons)


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_fit_all_ticks_never_repeat_their_words_nor_run_past_the_axis(width: int) -> None:
    lay = lay_out(load_record_bytes(synthetic_yaml(2000).encode()), width)
    words = [tick.label.lstrip("~") for tick in lay.ticks]
    assert len(words) > 5
    assert all(a != b for a, b in itertools.pairwise(words))
    assert all(tick.x + tick.label_width / 2 <= lay.plot_right - lay.plot_left for tick in lay.ticks)
    assert not [tick.label for tick in lay.ticks if re.search(r"\d\.\d+ days", tick.label)]


def test_two_overlapping_courses_are_two_bars_in_different_rows() -> None:
    lay = lay_out(two_courses(), 1400, 300)
    row = next(row for row in lay.lanes if row.lane == "treatments")
    bars = {item_id: bar for mark in row.marks for item_id, bar in zip(mark.item_ids, mark.bars, strict=True)}
    steroids, ivig = bars["steroids"], bars["ivig"]
    assert steroids.end_x is not None
    assert ivig.end_x is not None
    # Each course runs from its own start to its own end: IVIG starts inside the steroid course.
    assert steroids.x < ivig.x < steroids.end_x < ivig.end_x
    assert steroids.row != ivig.row
    assert row.bar_y(steroids.row) != row.bar_y(ivig.row)
    # Both bars stay inside the lane.
    assert row.top < min(row.bar_y(0), row.bar_y(1))
    assert max(row.bar_y(0), row.bar_y(1)) < row.bottom


def test_courses_one_after_another_share_a_row() -> None:
    record = two_courses()
    steroids, ivig = record.treatments
    later = msgspec.structs.replace(ivig, when=OffsetTime(anchor="start", amount=50, unit="day"))
    lay = lay_out(msgspec.structs.replace(record, treatments=[steroids, later]), 1400, 300)
    row = next(row for row in lay.lanes if row.lane == "treatments")
    assert {bar.row for mark in row.marks for bar in mark.bars} == {0}


def test_a_long_run_of_labels_too_wide_for_their_gaps_never_puts_two_neighbours_on_the_second_row() -> None:
    # Two hundred events a day apart, each with a first word wider than the gap to the next: laid out
    # from the middle of the run first, then walked from its start, neighbours still alternate.
    history = [
        HistoryItem(
            id=f"e{number}",
            label=f"Extraordinarilylongword {number}",
            when=OffsetTime(anchor="e0", amount=number, unit="day") if number else IndexTime(),
            quotes=QUOTE,
        )
        for number in range(200)
    ]
    data = build_data(show(make_record(history)))
    zoom = 40.0
    fitted = compute_layout(data, 1024, 900, View(), METRICS)
    day = fitted.content_width * zoom / 199
    # One day apart: the first mark laid out is an odd one in one view, an even one in the other.
    for offset in (100 * day, 101 * day):
        lay = compute_layout(data, 1024, 900, View(zoom=zoom, offset=offset), METRICS)
        marks = lay.lanes[0].marks
        assert len(marks) == 200
        shown = lay.visible_marks(0, lay.plot_left, lay.plot_right)
        assert 1 in [marks[number].label_row for number in shown]
        rows = [mark.label_row for mark in marks[:]]
        assert (1, 1) not in set(itertools.pairwise(rows))
        assert rows.count(1) > 50


@pytest.mark.parametrize("count", [5, 300, 1_000])
def test_at_its_least_height_the_lanes_end_above_the_legend_and_below_it_their_bars_draw_closer(count: int) -> None:
    """Stacked courses take height that sharing out label lines cannot take back: the least height says how
    much; in less, the rows of bars come closer together, and every lane still ends above the legend."""
    record = load_record_bytes(synthetic_yaml(count).encode(), f"synthetic-{count}")
    least = lay_out(record, 700, 100).least_height
    fitting = lay_out(record, 700, least)
    legend_top = fitting.legend_y - 0.75 * METRICS.line_height
    assert fitting.lanes[-1].bottom == pytest.approx(legend_top) or fitting.lanes[-1].bottom < legend_top
    assert all(row.lines == 1 for row in fitting.lanes)
    assert all(row.bar_step == pytest.approx(0.5 * row.marker) for row in fitting.lanes)
    # Five events have next to no stack to draw closer: their lanes need their lines whatever the bars.
    for short in (least - METRICS.line_height, least - 4 * METRICS.line_height) if count > 5 else ():
        squeezed = lay_out(record, 700, short)
        legend_top = squeezed.legend_y - 0.75 * METRICS.line_height
        assert squeezed.lanes[-1].bottom == pytest.approx(legend_top) or squeezed.lanes[-1].bottom < legend_top
        for row in squeezed.lanes:
            deepest = max((bar.row for mark in row.marks for bar in mark.bars), default=-1)
            if deepest > 0:
                assert row.bar_step < 0.5 * row.marker
                assert row.bar_y(deepest) <= row.bottom
