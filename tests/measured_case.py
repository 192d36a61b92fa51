"""The bundled case with one serology measured, for tests of how a value, its unit and a range read."""

from __future__ import annotations

import msgspec

from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import CaseRecord, SameTime

WORDS = "at that visit"
"""The source's words for when CK was measured, in this case."""


def measured_case() -> CaseRecord:
    """The bundled case with CK measured: value 215, unit U/L, range 39-308 U/L, and words for when."""
    record = load_record(bundled_case())
    serologies = [
        msgspec.structs.replace(
            result,
            value="215",
            unit="U/L",
            reference_range="39-308 U/L",
            when=SameTime(anchor="workup", words=WORDS),
        )
        if result.id == "ck"
        else result
        for result in record.serologies
    ]
    return msgspec.structs.replace(record, serologies=serologies)
