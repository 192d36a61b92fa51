"""Each kind of time at each precision: its order, its span and its words, in the layout and in what is painted."""

from __future__ import annotations

import re
from html import unescape

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from records import QUOTE, small_record

from viewer.content.shown import show
from viewer.content.timeline.data import build_data
from viewer.content.timeline.hittest import hit_test
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import Bar, Layout, View
from viewer.content.wording import describe_time
from viewer.draw.theme import THEMES
from viewer.draw.timeline import paint_timeline, qt_metrics
from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    DateTime,
    HistoryItem,
    IndexTime,
    OffsetTime,
    SameTime,
    Time,
    Treatment,
    TreatmentStatus,
)
from viewer.record.timing import Precision, known_before, resolve_times, time_order, treatment_order

WIDTH, HEIGHT = 1600, 400
INDEX_DATES = {"day": "2015-03-04", "month": "2015-03", "year": "2015", "none": None}
DAYS_2019 = 365.0
"""2019 has 365 days, March 31, April 30."""


def record(times: dict[str, Time], treatments: dict[str, Time] | None = None) -> CaseRecord:
    return small_record(
        "Times",
        history=[HistoryItem(id=name, label=name, when=time, quotes=QUOTE) for name, time in times.items()],
        treatments=[
            Treatment(id=name, label=name, agent=name, status=TreatmentStatus.GIVEN, when=time, quotes=QUOTE)
            for name, time in (treatments or {}).items()
        ],
    )


def chain(precision: str) -> CaseRecord:
    """An index at `precision` and every kind of time placed from it, each in a year of its own."""
    return record(
        {
            "index": IndexTime(date=INDEX_DATES[precision]),
            "offset": OffsetTime(anchor="index", amount=4, unit="year"),
            "approximate": ApproximateTime(anchor="index", amount=2, unit="year"),
            "after": AfterTime(anchor="offset"),
            "same": SameTime(anchor="offset"),
            "weeks": OffsetTime(anchor="offset", amount=30, unit="week"),
        }
    )


# item -> (span in days, axis words, table words), per precision of the index. "weeks" falls in 2019 too,
# so its tick would repeat the offset's "2019": the axis leaves it out.
EXPECTED: dict[str, dict[str, tuple[float, str, str]]] = {
    "day": {
        "index": (0.0, "4 Mar 2015", "index, 4 Mar 2015"),
        "offset": (0.0, "2019", "4 years after index"),
        "approximate": (0.0, "~2017", "about 2 years after index"),
        "same": (0.0, "2019", "at the time of offset"),
        "weeks": (0.0, "", "30 weeks after offset"),
    },
    "month": {
        "index": (31.0, "March 2015", "index, March 2015"),
        "offset": (31.0, "2019", "4 years after index"),
        "approximate": (31.0, "~2017", "about 2 years after index"),
        "same": (31.0, "2019", "at the time of offset"),
        "weeks": (31.0, "", "30 weeks after offset"),
    },
    "year": {
        "index": (365.0, "2015", "index, 2015"),
        "offset": (DAYS_2019, "2019", "4 years after index"),
        "approximate": (365.0, "~2017", "about 2 years after index"),
        "same": (DAYS_2019, "2019", "at the time of offset"),
        "weeks": (DAYS_2019, "", "30 weeks after offset"),
    },
    "none": {
        "index": (0.0, "index", "index, day 0"),
        "offset": (0.0, "4 years later", "4 years after index"),
        "approximate": (0.0, "~2 years later", "about 2 years after index"),
        "same": (0.0, "4 years later", "at the time of offset"),
        "weeks": (0.0, "~4.57 years later", "30 weeks after offset"),
    },
}


def tick_at(lay: Layout, item_id: str) -> str:
    """The words of the tick on `item_id`'s marker, "" when none is drawn there."""
    mark = lay.mark_of(item_id)
    assert mark is not None
    return next((tick.label for tick in lay.ticks if abs(tick.x - mark.x) < 0.5), "")


def lay_out(case: CaseRecord, font: QFont) -> Layout:
    return compute_layout(build_data(show(case)), WIDTH, HEIGHT, View(), qt_metrics(font))


def svg_text(lay: Layout, font: QFont) -> list[str]:
    """The words painted, read back from an SVG of the timeline."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(WIDTH, HEIGHT))
    generator.setViewBox(QRect(0, 0, WIDTH, HEIGHT))
    painter = QPainter(generator)
    paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), lay, THEMES["light"], font=font)
    painter.end()
    svg = bytes(data.data()).decode()
    return [unescape(text).strip() for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("precision", EXPECTED)
def test_each_kind_of_time_has_its_span_and_words_at_each_precision(precision: str) -> None:
    case = chain(precision)
    placements = resolve_times(case)
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    lay = lay_out(case, font)
    painted = svg_text(lay, font)
    for item_id, (span, axis, table) in EXPECTED[precision].items():
        item = next(item for item in case.history if item.id == item_id)
        assert placements.start[item_id].span_days == span, item_id
        assert describe_time(item.when, {}) == table, item_id
        if item_id != "same":  # it shares the offset's tick
            assert tick_at(lay, item_id) == axis, item_id
            assert not axis or axis in painted, item_id
        mark = lay.mark_of(item_id)
        assert mark is not None
        # The span is drawn to the end of the month or year the date names, at the layout's scale.
        span_x = next((bar.span_x for bar in mark.bars if bar.span_x is not None), None)
        if span:
            span_start = next(bar.span_start_x for bar in mark.bars if bar.span_start_x is not None)
            assert span_x is not None
            # The marker sits in the middle of the span it stands for, never at its first day.
            assert mark.x == pytest.approx((span_start + span_x) / 2)
            assert span_x > mark.x
            assert span_x <= lay.content_width + 0.5  # the axis reaches the end of the last span
        else:
            assert span_x is None
    assert not [words for words in painted if re.search(r"\d\.\d+ days", words)]


def test_an_event_inside_a_partial_dates_span_is_neither_before_nor_after_it() -> None:
    case = record(
        {"index": IndexTime(date="2019-03-04"), "march": DateTime(date="2019-03"), "april": DateTime(date="2019-04")},
        {"course-march": DateTime(date="2019-03"), "course-exact": SameTime(anchor="index")},
    )
    placements = resolve_times(case).start
    march, index, april = placements["march"], placements["index"], placements["april"]
    assert (march.days, march.span_days) == (-3.0, 31.0)
    assert not known_before(march, index)
    assert not known_before(index, march)
    assert known_before(march, april)
    assert known_before(index, april)
    assert not known_before(april, march)
    assert not known_before(april, index)
    # The walk sorts by the span's middle, where it is drawn (ties in record order), but nothing that
    # states an order does.
    assert time_order(case, resolve_times(case)) == ["index", "course-exact", "march", "course-march", "april"]
    assert treatment_order(case, resolve_times(case)) == {"course-march": 1, "course-exact": 1}
    assert describe_time(DateTime(date="2019-03"), {}) == "March 2019"
    assert describe_time(DateTime(date="2019"), {}) == "2019"


def test_a_chain_from_a_partial_date_stays_a_span_when_moved_by_months() -> None:
    case = record({"index": IndexTime(date="2019-02"), "later": OffsetTime(anchor="index", amount=1, unit="month")})
    later = resolve_times(case).start["later"]
    # One month after February 2019 covers all of March 2019.
    assert (later.days, later.span_days, later.precision) == (28.0, 31.0, Precision.EXACT)


def test_an_offsets_table_tag_claims_no_more_than_its_anchor() -> None:
    # "After four years" from an undated diagnosis is no exact date: the tag names the anchor instead.
    time = OffsetTime(anchor="diagnosis", amount=4, unit="year", words="After four years of stable disease")
    brief = describe_time(time, {"diagnosis": "Diagnosis"}, brief=True)
    assert brief == "“After four years of stable disease” (4 years after Diagnosis)"
    assert "exact" not in brief


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    ("until", "ends", "span", "words"),
    # Days from the start, 2 November 2018, to the end (or the start of the span it names).
    [("2019-02-10", 100, 0.0, "10 Feb 2019"), ("2019-02", 91, 28.0, "February 2019"), ("2019", 60, 365.0, "2019")],
)
def test_a_courses_end_known_to_the_month_or_year_is_drawn_as_the_span_it_covers(
    until: str, ends: int, span: float, words: str
) -> None:
    case = small_record(
        "Course",
        history=[
            HistoryItem(id="index", label="Index", when=IndexTime(date="2018-11-02"), quotes=QUOTE),
            HistoryItem(id="later", label="Later", when=DateTime(date="2020-11-01"), quotes=QUOTE),
        ],
        treatments=[
            Treatment(
                id="course",
                label="Course",
                agent="IVIG",
                status=TreatmentStatus.GIVEN,
                when=SameTime(anchor="index"),
                until=DateTime(date=until),
                quotes=QUOTE,
            )
        ],
    )
    end = resolve_times(case).end["course"]
    assert end.span_days == span
    assert describe_time(DateTime(date=until), {}) == words
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    lay = lay_out(case, font)
    mark = lay.mark_of("course")
    assert mark is not None
    [bar] = mark.bars
    assert bar.end_x is not None
    later = lay.mark_of("later")
    assert later is not None
    per_day = later.x / 730
    # The bar stops where the end's span starts: the course is not said to end before it.
    assert bar.end_x == pytest.approx(ends * per_day)
    if span:
        assert bar.end_span_x == pytest.approx(bar.end_x + span * per_day)
        # The axis reaches the end of the span: the course may have ended on its last day.
        assert lay.content_width >= bar.end_span_x - 0.5
    else:
        assert bar.end_span_x is None
    assert "Course" in svg_text(lay, font)


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("zoom", [1.0, 3.0, 8.0])
def test_a_month_dates_marker_is_drawn_over_the_whole_month_at_every_zoom(zoom: float) -> None:
    case = record(
        {
            "january": DateTime(date="2019-01-10"),
            "index": IndexTime(date="2019-03-04"),
            "march": DateTime(date="2019-03"),
            "december": DateTime(date="2019-12-20"),
        }
    )
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    data = build_data(show(case))
    metrics = qt_metrics(font)
    lay = compute_layout(data, WIDTH, HEIGHT, View(zoom=zoom), metrics)
    bar = _span_bar(lay, "march")
    # Panned so that March starts 200 px into the plot, or as near as the start allows.
    assert bar.span_start_x is not None
    lay = compute_layout(data, WIDTH, HEIGHT, View(zoom=zoom, offset=max(0.0, bar.span_start_x - 200)), metrics)
    bar = _span_bar(lay, "march")
    assert bar.span_start_x is not None
    assert bar.span_x is not None
    start, end = lay.screen_x(bar.span_start_x), lay.screen_x(bar.span_x)
    assert lay.plot_left + 40 < start < end < WIDTH - 40
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), lay, THEMES["light"], font=font)
    painter.end()
    y = round(lay.lanes[0].y)
    before = image.pixelColor(round(start) - 20, y)
    # Late in March, past both markers and the label: drawn, as all of March is; after it, nothing.
    assert image.pixelColor(round(start + 0.95 * (end - start)), y) != before
    assert image.pixelColor(round(end) + 3, y) == before


def _span_bar(lay: Layout, item_id: str) -> Bar:
    mark = lay.mark_of(item_id)
    assert mark is not None
    [bar] = [bar for bar in mark.bars if bar.span_x is not None]
    return bar


def inside_march() -> CaseRecord:
    """An exact index on 4 March 2019 inside a month-precision event, with exact events well before and after."""
    return record(
        {
            "january": DateTime(date="2019-01-10"),
            "index": IndexTime(date="2019-03-04"),
            "march": DateTime(date="2019-03"),
            "december": DateTime(date="2019-12-20"),
        }
    )


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("zoom", [3.0, 8.0])
def test_a_month_date_is_laid_out_hit_and_walked_as_its_span(zoom: float) -> None:
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    data = build_data(show(inside_march()))
    metrics = qt_metrics(font)
    lay = compute_layout(data, WIDTH, HEIGHT, View(zoom=zoom), metrics)
    start = _span_bar(lay, "march").span_start_x
    assert start is not None
    # Panned so that March starts 200 px into the plot.
    lay = compute_layout(data, WIDTH, HEIGHT, View(zoom=zoom, offset=start - 200), metrics)
    march, index = lay.mark_of("march"), lay.mark_of("index")
    assert march is not None
    assert index is not None
    assert march is not index
    bar = _span_bar(lay, "march")
    assert bar.span_start_x is not None
    assert bar.span_x is not None
    # All of March is drawn, the marker in its middle; 4 March lies inside it, neither before nor after.
    assert march.x == pytest.approx((bar.span_start_x + bar.span_x) / 2)
    assert bar.span_start_x < index.x < march.x < bar.span_x
    per_day = (bar.span_x - bar.span_start_x) / 31
    assert index.x - bar.span_start_x == pytest.approx(3 * per_day)
    # The tick's words sit on the marker, in the middle of the month.
    [tick] = [tick for tick in lay.ticks if tick.label == "March 2019"]
    assert tick.x == pytest.approx(march.x)
    # The span is clicked as its marker is: near its first day, clear of the index's marker, it is March.
    y = lay.lanes[0].y
    near_start = lay.screen_x(bar.span_start_x) + 2
    assert near_start < lay.screen_x(index.x) - lay.marker
    hit = hit_test(lay, near_start, y)
    assert hit is not None
    assert hit.item_ids == ("march",)
    assert hit_test(lay, lay.screen_x(bar.span_start_x) - 3, y) is None
    hit = hit_test(lay, lay.screen_x(march.x), y)
    assert hit is not None
    assert hit.item_ids == ("march",)
    hit = hit_test(lay, lay.screen_x(index.x), y)
    assert hit is not None
    assert hit.item_ids == ("index",)
    # Left and Right walk the markers as they are drawn, left to right.
    walked = [event.item_id for event in data.ordered]
    assert walked == ["january", "index", "march", "december"]
    xs = [mark.x for mark in (lay.mark_of(item_id) for item_id in walked) if mark is not None]
    assert xs == sorted(xs)
    # Painted: nothing marks March's first day but the span's edge; the marker is drawn in its middle.
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_timeline(painter, QRectF(0, 0, WIDTH, HEIGHT), lay, THEMES["light"], font=font)
    painter.end()
    base = image.pixelColor(round(lay.screen_x(bar.span_start_x)) - 3, round(y))
    lane = THEMES["light"].lane_color("history")
    assert image.pixelColor(round(lay.screen_x(march.x)), round(y)) == lane
    assert image.pixelColor(round(near_start), round(y)) not in (base, lane)
    assert "March 2019" in svg_text(lay, font)


def test_a_year_dates_offsets_are_walked_at_their_spans_middles() -> None:
    case = record(
        {
            "index": IndexTime(date="2015"),
            "june": DateTime(date="2019-06-01"),
            "offset": OffsetTime(anchor="index", amount=4, unit="year"),
            "same": SameTime(anchor="offset"),
            "then": AfterTime(anchor="offset"),
        }
    )
    placements = resolve_times(case)
    offset, june, then = placements.start["offset"], placements.start["june"], placements.start["then"]
    # "4 years after 2015" is all of 2019: 1 June 2019 is neither before nor after it.
    assert not known_before(offset, june)
    assert not known_before(june, offset)
    assert placements.start["same"] == offset
    # "Followed by" steps on from where its anchor is drawn, never before it.
    assert known_before(offset, then) is False
    assert time_order(case, placements) == ["index", "june", "offset", "same", "then"]
    data = build_data(show(case))
    xs = {event.item_id: (event.t, event.s) for event in data.ordered}
    assert xs["offset"] == xs["same"]
    assert xs["then"] > xs["offset"]
