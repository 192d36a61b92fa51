"""The timeline's words: axis ticks, precisions and label prefixes, never a source's own wording."""

from __future__ import annotations

import datetime as dt
import math

from viewer.content.wording import calendar_words, number_words
from viewer.record.timing import DAYS_PER_UNIT, Granularity, Placement, Precision

PRECISION_WORDS = {
    Precision.EXACT: "exact",
    Precision.APPROXIMATE: "approximate",
    Precision.ORDER: "order only",
}

YEARS_FROM_DAYS = 1000
"""Offsets of this many days or more that are no whole number of a unit are said in years."""


def relative_words(days: float, approximate: bool) -> str:
    """'index', '3 weeks later', '~1 year later', '2 days before': never a calendar date.

    An offset that is a whole number of years, months or weeks is said in the largest
    such unit, as a source would; any other is said in whole days below `YEARS_FROM_DAYS`
    days and in years from there on, rounded (and marked "~" when rounding changed it):
    never a fraction of a day, which no source states."""
    size = abs(days)
    if size < 1e-9:
        return f"{'~' if approximate else ''}index"
    direction = "later" if days > 0 else "before"
    if size < 0.5:
        return f"less than a day {direction}"
    unit, amount = "day", size
    for name in ("year", "month", "week"):
        whole = size / DAYS_PER_UNIT[name]
        if whole >= 1 and abs(whole - round(whole)) < 1e-6:
            unit, amount = name, round(whole)
            break
    else:
        if size >= YEARS_FROM_DAYS:
            unit, amount = "year", size / DAYS_PER_UNIT["year"]
    # Whole days; years to two decimals at most, fewer as the number grows: an axis label, not a measurement.
    shown = round(amount, 0 if unit == "day" or amount >= 100 else 1 if amount >= 10 else 2)
    tilde = "~" if approximate or abs(shown - amount) > 1e-9 * max(1.0, amount) else ""
    plural = "" if shown == 1 else "s"
    return f"{tilde}{number_words(shown)} {unit}{plural} {direction}"


def date_words(ordinal: float, granularity: Granularity) -> str:
    """A calendar date written to the unit the record knows it to: '2020', 'March 2020' or '1 Mar 2020'."""
    return calendar_words(dt.date.fromordinal(math.floor(ordinal + 1e-6)), granularity)


def tick_words(placement: Placement, origin: int | None) -> str:
    """Axis words for a measured placement: a calendar date when the record has dates, else relative time."""
    approximate = placement.precision is Precision.APPROXIMATE
    if origin is not None:
        try:
            words = date_words(origin + placement.days, placement.granularity)
        except (ValueError, OverflowError):
            pass  # past the calendar's range (year 9999): relative words still hold
        else:
            return f"~{words}" if approximate else words
    return relative_words(placement.days, approximate)


def label_prefix(precision: Precision) -> str:
    """'~' before an approximate item's label; order-only items show theirs by a dashed outline."""
    return "~" if precision is Precision.APPROXIMATE else ""
