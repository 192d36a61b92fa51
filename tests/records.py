"""Small records that tests build in code: `small_record`, and two overlapping treatment courses."""

from __future__ import annotations

from viewer.record.model import (
    CaseRecord,
    HistoryItem,
    IndexTime,
    OffsetTime,
    Patient,
    Source,
    Treatment,
    TreatmentStatus,
)

QUOTE = ["abc"]
"""Quotes of every item: the source text of these records is "abc"."""


def small_record(title: str, **sections: list) -> CaseRecord:  # type: ignore[type-arg]
    """A valid record titled `title` whose items (given by section) all quote "abc"."""
    return CaseRecord(
        format=1,
        title=title,
        unknown_title=title,
        source=Source(title=title, text="abc"),
        patient=Patient(summary="nobody", quotes=QUOTE),
        **sections,
    )


def two_courses() -> CaseRecord:
    """Steroids from day 0 to day 40, IVIG from day 20 to day 60: they overlap from day 20 to day 40."""
    return small_record(
        "Two courses",
        history=[
            HistoryItem(id="start", label="Presented", when=IndexTime(), quotes=QUOTE),
            HistoryItem(
                id="later", label="Seen again", when=OffsetTime(anchor="start", amount=90, unit="day"), quotes=QUOTE
            ),
        ],
        treatments=[
            Treatment(
                id="steroids",
                label="Steroids",
                agent="Steroids",
                status=TreatmentStatus.GIVEN,
                when=IndexTime(),
                until=OffsetTime(anchor="start", amount=40, unit="day"),
                quotes=QUOTE,
            ),
            Treatment(
                id="ivig",
                label="IVIG",
                agent="IVIG",
                status=TreatmentStatus.GIVEN,
                when=OffsetTime(anchor="start", amount=20, unit="day"),
                until=OffsetTime(anchor="start", amount=60, unit="day"),
                quotes=QUOTE,
            ),
        ],
    )
