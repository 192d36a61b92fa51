"""A figure waits for its stage: its own `reveal`, else its item's; never before its item."""

from __future__ import annotations

import msgspec
from records import QUOTE, small_record

from viewer.content.disclosure import MASK, Disclosure
from viewer.record.model import CaseRecord, Figure, HistoryItem, IndexTime, Source

SECRET = Figure(file="secret.png", caption="Secret caption", credit="Secret credit", reveal=2)
OPEN = Figure(file="open.png", caption="Open caption")


def _record() -> CaseRecord:
    return small_record(
        "Figures",
        history=[
            HistoryItem(id="a", label="Shown", when=IndexTime(), quotes=QUOTE, figures=[OPEN, SECRET]),
            HistoryItem(id="b", label="Later", when=IndexTime(), quotes=QUOTE, reveal=1, figures=[OPEN]),
        ],
    )


def test_known_case_shows_every_figure() -> None:
    disclosure = Disclosure(_record())
    assert disclosure.figures(_record().history[0]) == [OPEN, SECRET]


def test_a_figure_waits_for_its_own_stage_and_for_its_item() -> None:
    record = _record()
    first, second = record.history
    before = Disclosure(record, unknown=True, stage=0)
    assert before.figures(first) == [OPEN, None]
    assert before.figures(second) == [None]
    assert before.last_stage == 2
    assert not Disclosure(record, unknown=True, stage=1).complete
    assert Disclosure(record, unknown=True, stage=1).figures(second) == [OPEN]
    assert Disclosure(record, unknown=True, stage=2).figures(first) == [OPEN, SECRET]


def test_a_withheld_figure_legend_stays_masked_in_the_source() -> None:
    legend = Figure(file="x.png", caption="c", quotes=["hidden legend"], reveal=1)
    record = small_record(
        "Legend",
        history=[HistoryItem(id="a", label="Shown", when=IndexTime(), quotes=["shown words"], figures=[legend])],
    )
    record = msgspec.structs.replace(record, source=Source(title="t", text="shown words. hidden legend."))
    masked = Disclosure(record, unknown=True, stage=0).source_text()
    assert "hidden legend" not in masked
    assert MASK in masked
    assert Disclosure(record, unknown=True, stage=1).source_text() == "shown words. hidden legend."
