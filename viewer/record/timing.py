"""Where each item sits in time, never more precisely than the record says.

A placement keeps measured time (days from the origin) apart from order-only
steps: "followed by" moves an item one step on, not some invented number of
days. Precision is the weakest link of the chain that placed the item, and so
is granularity: a date known to the month stays known to the month however far
an offset moves it.

Spans carry through the chain too. A date known to the month or the year covers
that whole month or year (`Placement.span_days`), and so does whatever is placed
from it: a `same` covers the same span, and an offset moves the span's start and
end alike ("4 years after 2015" covers all of 2019).

The order rule: two placements are ordered in time only when one's span ends at
or before the other's start (`known_before`); an event inside a partial date's
span is neither before nor after it. `time_order` still has to walk every item
once, so it sorts by each span's middle, where the span is drawn (ties in record
order), but that walk claims no more: what states an order (a treatment's sequence number) asks
`known_before`, and items it cannot order share a place.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

import msgspec

from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    DateTime,
    IndexTime,
    SameTime,
    Time,
    TimedItem,
    Treatment,
    UnknownTime,
    timed_items,
)
from viewer.record.problems import echo

DAYS_PER_UNIT = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}


class Precision(IntEnum):
    """Ordered from most to least precise, so `max` gives the weakest link."""

    EXACT = 0
    APPROXIMATE = 1
    ORDER = 2
    UNKNOWN = 3


class Granularity(IntEnum):
    """The calendar unit a placement is known to, ordered from finest to coarsest, so `max` gives the coarser."""

    DAY = 0
    MONTH = 1
    YEAR = 2


UNIT_GRANULARITY = {
    "day": Granularity.DAY,
    "week": Granularity.DAY,
    "month": Granularity.MONTH,
    "year": Granularity.YEAR,
}
"""The granularity an offset in each unit is stated to: "3 months later" is known to the month."""


class Placement(msgspec.Struct, frozen=True):
    days: float
    """Measured days from the origin, up to the last measured anchor."""
    step: int
    """Order-only steps taken after that anchor."""
    precision: Precision
    span_days: float = 0.0
    """Width of a partial date (a whole month or year), else 0."""
    granularity: Granularity = Granularity.DAY
    """The coarsest unit along the chain: the anchor's partial date and each offset's unit.
    A date at this placement is written no finer than this ("2020", not "1 Apr 2020")."""

    @property
    def middle(self) -> float:
        """The middle of the span (the day itself for a day): where a partial date is drawn and walked."""
        return self.days + self.span_days / 2

    @property
    def key(self) -> tuple[float, int]:
        """What the walk sorts by: a span by its middle, so a month is neither walked nor drawn as its first day."""
        return (self.middle, self.step)


def known_before(first: Placement, second: Placement) -> bool:
    """Whether the record states that `first` comes before `second`: the whole of `first`'s span lies
    before `second` starts. An event inside a partial date's span is neither before nor after it."""
    if Precision.UNKNOWN in (first.precision, second.precision):
        return False
    if first.span_days > 0:
        return first.days + first.span_days <= second.days
    return (first.days, first.step) < (second.days, second.step)


UNPLACED = Placement(0.0, 0, Precision.UNKNOWN)


def _date_days(text: str) -> tuple[int, float, Granularity]:
    """Ordinal day of a partial date, how many days it spans, and the unit it is stated to."""
    parts = [int(p) for p in text.split("-")]
    year, month, day = ([*parts, 1, 1])[:3]
    start = dt.date(year, month, day)
    if len(parts) == 3:
        return start.toordinal(), 0.0, Granularity.DAY
    if len(parts) == 2:
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return start.toordinal(), float((nxt - start).days), Granularity.MONTH
    return start.toordinal(), float((dt.date(year + 1, 1, 1) - start).days), Granularity.YEAR


def _shift(ordinal: int, amount: float, unit: str) -> float:
    """The ordinal day `amount` units after the day `ordinal`, on the calendar: a year after 1 Jan 2020 is 1 Jan 2021.

    Whole months and years move the date by calendar months (the day kept, or clamped to the month's
    end); anything else, or a date past the calendar's range, moves by the unit's mean length.
    """
    if unit in ("month", "year") and amount == int(amount):
        try:
            date = dt.date.fromordinal(ordinal)
            year, month = divmod(date.year * 12 + date.month - 1 + int(amount) * (12 if unit == "year" else 1), 12)
            # The day kept, or clamped to the month's last: the day before the next month's first.
            following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
            day = min(date.day, (following - dt.timedelta(days=1)).day)
            return float(dt.date(year, month + 1, day).toordinal())
        except (ValueError, OverflowError):
            pass
    return ordinal + amount * DAYS_PER_UNIT[unit]


def check_times(record: CaseRecord) -> list[tuple[str, str]]:
    """Problems with the record's time references, as (item path, message)."""
    problems: list[tuple[str, str]] = []
    # Read once: a long record's items are many, and the loops are looked for in them again.
    times = _times(record)
    ids = {item.id for item, _, _ in times}
    index_paths: list[str] = []
    has_dates = False
    undated_index = False
    for item, path, time in times:
        if isinstance(time, IndexTime):
            index_paths.append(path)
            undated_index = undated_index or time.date is None
            has_dates = has_dates or time.date is not None
        if isinstance(time, DateTime):
            has_dates = True
        if isinstance(time, (IndexTime, DateTime)) and (date := time.date) is not None:
            try:
                _date_days(date)
            except ValueError:
                problems.append((f"{path}.date", f"'{echo(date)}' is not a real calendar date"))
        anchor = getattr(time, "anchor", None)
        if anchor is not None and anchor not in ids:
            problems.append((f"{path}.anchor", f"no item has the id '{echo(anchor)}'"))
        elif anchor == item.id and not path.endswith(".until"):
            problems.append((f"{path}.anchor", "an item cannot be placed relative to itself"))
    if len(index_paths) > 1:
        problems.append((index_paths[1], f"only one index event is allowed (first at {index_paths[0]})"))
    if undated_index and has_dates:
        problems.append((index_paths[0], "the index event has no date, so it cannot be compared with calendar dates"))
    if not problems:
        problems.extend(_cycle_problems(times))
    return problems


def _times(record: CaseRecord) -> list[tuple[TimedItem, str, Time]]:
    """Every time in the record with its item and path, `until` included."""
    found: list[tuple[TimedItem, str, Time]] = []
    counters: dict[str, int] = {}
    for section, item in timed_items(record):
        index = counters.get(section, 0)
        counters[section] = index + 1
        path = f"{section}[{index}]"
        found.append((item, f"{path}.when", item.when))
        if isinstance(item, Treatment) and item.until is not None:
            found.append((item, f"{path}.until", item.until))
    return found


def _cycle_problems(times: list[tuple[TimedItem, str, Time]]) -> list[tuple[str, str]]:
    """One problem per loop of `when` anchors among `times` (as `_times` lists them), in linear
    time (chains may be thousands long)."""
    whens = [(item, path) for item, path, _ in times if path.endswith(".when")]
    anchors = {item.id: getattr(item.when, "anchor", None) for item, _ in whens}
    paths = {item.id: path for item, path in whens}
    problems = []
    done: set[str] = set()
    for start in anchors:
        walk: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in done and current not in walk:
            walk[current] = len(walk)
            current = anchors.get(current)
        if current is not None and current in walk:
            # The walk ran into itself: the loop is the part from `current` on.
            loop = list(walk)[walk[current] :]
            chain = " -> ".join([*loop, current])
            problems.append((f"{paths[current]}.anchor", f"time anchors form a loop: {echo(chain)}"))
        done.update(walk)
    return problems


class Placements(msgspec.Struct, frozen=True):
    """Where each timed item starts, and where a treatment course ends if the record says."""

    start: dict[str, Placement]
    end: dict[str, Placement]
    origin: int | None = None
    """The ordinal day (`datetime.date.toordinal`) that `Placement.days` count from when the record has
    dates: its dated index event, else its earliest date. None when the record has no dates."""


def resolve_times(record: CaseRecord) -> Placements:
    """Placements of every timed item, keyed by id. The record must be valid."""
    items = {item.id: item for _, item in timed_items(record)}
    dates = [
        (isinstance(item.when, IndexTime), _date_days(item.when.date)[0])
        for item in items.values()
        if isinstance(item.when, (IndexTime, DateTime)) and item.when.date is not None
    ]
    # Day 0 is the dated index event, else the earliest date.
    index = [day for is_index, day in dates if is_index]
    origin = index[0] if index else min((day for _, day in dates), default=None)
    start: dict[str, Placement] = {}

    def place(time: Time) -> Placement:
        """The placement of `time`; its anchor must already be placed."""
        if isinstance(time, UnknownTime):
            return UNPLACED
        if isinstance(time, (IndexTime, DateTime)):
            if time.date is None:
                return Placement(0.0, 0, Precision.EXACT)
            day, span, granularity = _date_days(time.date)
            return Placement(float(day - (origin or 0)), 0, Precision.EXACT, span, granularity)
        # A missing anchor (only in a record that failed its checks) leaves the item unplaced.
        base = start.get(time.anchor, UNPLACED)
        if base.precision is Precision.UNKNOWN or isinstance(time, SameTime):
            # "At the time of" a partial date covers the same span.
            return base
        if isinstance(time, AfterTime) or base.precision >= Precision.ORDER:
            # "Followed by" moves one step on. So does an offset from an order-only
            # anchor: its days from the origin are not known, so it gains none. From a
            # span it steps on from the span's middle, where its anchor is drawn and walked.
            return Placement(
                base.middle, base.step + 1, max(base.precision, Precision.ORDER), granularity=base.granularity
            )
        own = Precision.APPROXIMATE if isinstance(time, ApproximateTime) else Precision.EXACT
        days = moved(base.days, time.amount, time.unit)
        # The span's end moves as its start does: "4 years after 2015" covers all of 2019.
        span = moved(base.days + base.span_days, time.amount, time.unit) - days if base.span_days else 0.0
        # Known to the coarser of the anchor's unit and the offset's: "about a year after 2020" is "~2021".
        granularity = max(base.granularity, UNIT_GRANULARITY[time.unit])
        return Placement(days, base.step, max(base.precision, own), span, granularity)

    def moved(days: float, amount: float, unit: str) -> float:
        """`days` moved by `amount` units: on a calendar, months and years are calendar months and years."""
        if origin is None or days != int(days):
            return days + amount * DAYS_PER_UNIT[unit]
        return _shift(origin + int(days), amount, unit) - origin

    # Walk each anchor chain down to a placed item, then place back up: no
    # recursion, so a chain of thousands of "followed by" items is fine.
    for item_id in items:
        chain: dict[str, None] = {}
        current: str | None = item_id
        while current is not None and current in items and current not in start and current not in chain:
            chain[current] = None
            current = getattr(items[current].when, "anchor", None)
        for link in reversed(chain):
            start[link] = place(items[link].when)

    end = {
        item.id: place(item.until) for item in items.values() if isinstance(item, Treatment) and item.until is not None
    }
    return Placements(start, end, origin)


def time_order(record: CaseRecord, placements: Placements, unplaced: bool = False) -> list[str]:
    """Ids of the items placed in time, earliest first by each span's middle (`Placement.key`); ties
    keep record order.

    A walk, not a claim: a date known only to the month comes after an event on the 4th of that
    month here, as it is drawn (its marker centred on the month), yet neither is before the other
    (`known_before`).

    With `unplaced`, the items the record does not place in time follow, in record order.
    This is the one time order: Left and Right on the timeline, the steps of a talk and the
    handout's table all walk it.
    """
    keyed = []
    for position, (_, item) in enumerate(timed_items(record)):
        placement = placements.start.get(item.id, UNPLACED)
        is_unplaced = placement.precision is Precision.UNKNOWN
        if unplaced or not is_unplaced:
            keyed.append(((is_unplaced, placement.key), position, item.id))
    return [item_id for _, _, item_id in sorted(keyed)]


def treatment_order(record: CaseRecord, placements: Placements) -> dict[str, int]:
    """Sequence numbers of treatment courses, from 1; courses the record does not order share one.

    A course takes the next number only when the record puts it after every course of the number
    before (`known_before`): one dated "2019-03" shares its number with one on 4 March 2019."""
    placed = sorted(
        (placements.start[item.id].key, position, item.id)
        for position, item in enumerate(record.treatments)
        if placements.start[item.id].precision is not Precision.UNKNOWN
    )
    numbers: dict[str, int] = {}
    number, current = 0, list[str]()
    for _, _, item_id in placed:
        here = placements.start[item_id]
        if not current or all(known_before(placements.start[other], here) for other in current):
            number, current = number + 1, []
        current.append(item_id)
        numbers[item_id] = number
    return numbers
