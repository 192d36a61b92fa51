"""The handout writes a date known to the month or the year as the month or the year, never as a day."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from records import QUOTE, small_record

from viewer.content.disclosure import Disclosure
from viewer.content.shown import show
from viewer.draw.theme import THEMES
from viewer.export.pdf import export_pdf
from viewer.record.model import DateTime, HistoryItem, IndexTime, SameTime, Treatment, TreatmentStatus


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_handouts_time_table_writes_months_and_years_as_the_record_states_them(qapp, tmp_path) -> None:
    record = small_record(
        "Partial dates",
        history=[
            HistoryItem(id="index", label="Index event", when=IndexTime(date="2019-03-04"), quotes=QUOTE),
            HistoryItem(id="march", label="Onset in March", when=DateTime(date="2019-03"), quotes=QUOTE),
            HistoryItem(id="year", label="Relapse that year", when=DateTime(date="2020"), quotes=QUOTE),
        ],
        treatments=[
            Treatment(
                id="course",
                label="A course",
                agent="IVIG",
                status=TreatmentStatus.GIVEN,
                when=SameTime(anchor="index"),
                until=DateTime(date="2019-09"),
                quotes=QUOTE,
            )
        ],
    )
    out = tmp_path / "handout.pdf"
    export_pdf(show(record), Disclosure(record), out, THEMES["light"], "a4")
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for words in ("index, 4 Mar 2019", "March 2019", "2020", "September 2019"):
        assert words in text, words
    # Never a first day the record does not state.
    for day in ("1 Mar 2019", "1 Jan 2020", "1 Sep 2019", "2019-03", "2019-09"):
        assert day not in text, day
