"""A record with two treatment courses in one lane whose spans overlap, each with a stated end."""

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


def two_courses() -> CaseRecord:
    """Steroids from day 0 to day 40, IVIG from day 20 to day 60: they overlap from day 20 to day 40."""
    return CaseRecord(
        format=1,
        title="Two courses",
        unknown_title="Two courses",
        source=Source(title="Two courses", text="abc"),
        patient=Patient(summary="nobody", quotes=QUOTE),
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
