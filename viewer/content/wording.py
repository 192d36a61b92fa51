"""How record values read on screen and in exports: timing, badges, citations.

Badges pair a symbol with a word so a result never depends on colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from viewer.record.model import (
    AfterTime,
    ApproximateTime,
    CaseRecord,
    DateTime,
    IndexTime,
    Keyword,
    LabResult,
    OffsetTime,
    ResultStatus,
    SameTime,
    Statement,
    Time,
    TreatmentStatus,
)
from viewer.record.timing import Granularity

RESULT_BADGES = {
    ResultStatus.POSITIVE: "+ positive",
    ResultStatus.NEGATIVE: "− negative",
    ResultStatus.ELEVATED: "▲ elevated",
    ResultStatus.LOW: "▼ low",
    ResultStatus.NORMAL: "= normal",
    ResultStatus.NOT_OBTAINED: "∅ not obtained",
    ResultStatus.PENDING: "… pending",
}

# What a missing value reads as: absent from the source, never zero or normal.
NOT_REPORTED = "not reported"
# A treatment's own response, when the source reports only the course's outcome.
RESPONSE_NOT_REPORTED = "not reported separately"


def lab_value(result: LabResult) -> str:
    """A result's value with its unit, or "" when the source gives no value."""
    return " ".join(part for part in (result.value, result.unit) if part)


TREATMENT_BADGES = {
    TreatmentStatus.GIVEN: "✓ given",
    TreatmentStatus.ONGOING: "→ ongoing",
    TreatmentStatus.STOPPED: "■ stopped",
    TreatmentStatus.UNDER_CONSIDERATION: "? under consideration",
}


def _amount(value: float, unit: str) -> str:
    number = number_words(value)
    return f"{number} {unit}" if value == 1 else f"{number} {unit}s"


def number_words(value: float) -> str:
    """`value` as written, with thousands separators: never an exponent, never float noise
    ("100,000", "0.00001", "2.5"; not "1e+05", "1e-05" or "2.5000000000000004" from a sum)."""
    if value == int(value):
        return f"{int(value):,}"
    from decimal import Decimal  # first needed for a fractional amount, not at start-up

    # The shortest text that reads back as this float: what the author wrote, or the float's own digits.
    return f"{Decimal(repr(value)):,f}"


_KIND_TAGS: dict[type, str] = {
    IndexTime: "day 0",
    ApproximateTime: "approximate",
    AfterTime: "order only",
}
"""How precise each kind of time is, whatever it is anchored to. An offset has no tag of its own: it is
as precise as its anchor (four years after an undated diagnosis is no exact date), so a table says
which anchor ("4 years after Diagnosis")."""


def calendar_words(date: dt.date, granularity: Granularity) -> str:
    """A calendar date written to the unit it is known to: '2020', 'March 2020' or '1 Mar 2020'."""
    if granularity is Granularity.YEAR:
        return f"{date.year}"
    if granularity is Granularity.MONTH:
        return f"{date:%B %Y}"
    # The day without padding by hand: strftime has no portable flag for it (Windows rejects glibc's).
    return f"{date.day} {date:%b %Y}"


def stated_date(text: str) -> str:
    """A record's date ("2019-03-04", "2019-03", "2019") in words, to the unit it states; as written
    if it is no calendar date (only in a record that failed its checks)."""
    try:
        parts = [int(part) for part in text.split("-")]
        date = dt.date(*([*parts, 1, 1][:3]))
    except (ValueError, TypeError):
        return text
    return calendar_words(date, (Granularity.YEAR, Granularity.MONTH, Granularity.DAY)[min(len(parts), 3) - 1])


def describe_time(time: Time, labels: Mapping[str, str], brief: bool = False, words: bool = True) -> str:
    """The timing of an item: the source's words in quotes when it has them,
    otherwise a plain description that claims no more precision than the record.

    `brief`, for table cells, says only how precise the source's words are, and
    words its own descriptions tersely. Without `words` the source's words are left
    out, as they must be for a withheld item: they could name the answer."""
    relation = _placement_words(time, labels, brief)
    if time.words is None or not words:
        return relation or "time not stated"
    said = f"“{time.words}”"
    detail = _KIND_TAGS.get(type(time), relation) if brief else relation
    return f"{said} ({detail})" if detail else said


def _placement_words(time: Time, labels: Mapping[str, str], brief: bool) -> str:
    anchor: str | None = getattr(time, "anchor", None)
    name = labels.get(anchor, anchor) if anchor is not None else ""
    if isinstance(time, IndexTime):
        return f"index, {stated_date(time.date)}" if time.date else "index, day 0"
    if isinstance(time, DateTime):
        return stated_date(time.date)
    if isinstance(time, OffsetTime):
        return f"{_amount(time.amount, time.unit)} after {name}"
    if isinstance(time, ApproximateTime):
        spread = f" ± {_amount(time.uncertainty, time.unit)}" if time.uncertainty else ""
        return f"about {_amount(time.amount, time.unit)}{spread} after {name}"
    if isinstance(time, AfterTime):
        return f"after {name} (order only)" if brief else f"after {name}; how long after is not stated"
    if isinstance(time, SameTime):
        return f"with {name}" if brief else f"at the time of {name}"
    return ""


def citation(record: CaseRecord) -> str:
    source = record.source
    parts = [source.document_type, source.date, ", ".join(source.departments), ", ".join(source.disciplines)]
    return " · ".join(part for part in parts if part)


def credit(record: CaseRecord) -> str:
    """How to cite the source and its licence, as the record gives them ("" when it gives neither).

    Never shown while anything is withheld: authors and a DOI lead to the article, whose title
    names the diagnosis."""
    source = record.source
    parts = [source.citation, f"Licence: {source.licence}" if source.licence else None]
    return " · ".join(part for part in parts if part)


def statements(record: CaseRecord) -> list[tuple[str, str]]:
    """(name, what the record says) of its keywords, the patient's perspective and consent, those it
    gives, in the order a case report gives them; each text followed by the source's words it rests
    on ("Keywords: Fever (source: “Keywords: fever”); Rash (source: “rash”)").

    Never shown while anything is withheld, as the citation is not: keywords name the diagnosis,
    and the patient's words can."""
    found: list[tuple[str, list[Keyword | Statement]]] = [("Keywords", list(record.keywords))]
    found += [
        (name, [statement])
        for name, statement in (("Patient's perspective", record.patient_perspective), ("Consent", record.consent))
        if statement is not None
    ]
    return [(name, "; ".join(f"{each.text} ({_quoted(each.quotes)})" for each in said)) for name, said in found if said]


def _quoted(quotes: list[str]) -> str:
    """The source's words, each in quotation marks: `source: “…”, “…”`."""
    return "source: " + ", ".join(f"“{quote}”" for quote in quotes)


def rich_tooltip(text: str) -> str:
    """Plain `text` as tooltip markup: escaped, so "<b>" reads as "<b>", never as bold; newlines break lines."""
    import html  # first needed on hover, not at start-up

    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


DISPLAY_CHARS = 300
"""The longest line of a message shown on screen: a message may echo a value of any size."""


def display_line(text: str, limit: int = DISPLAY_CHARS) -> str:
    """`text` cut to `limit` characters for display, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…({len(text):,} characters)"


def visible_name(name: str) -> str:
    """A file name with its invisible characters made visible: control characters as their
    symbols (a tab as ␉, NUL as ␀), formatting ones (zero-width, direction marks) as <U+200B>."""
    import unicodedata  # first needed when a name is shown, not at start-up

    def shown(char: str) -> str:
        code = ord(char)
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "␡"
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return f"<U+{code:04X}>"
        return char

    return "".join(shown(char) for char in name)
