"""An export works out where each item sits in time once, however many files it writes."""

from __future__ import annotations

import importlib

import pytest

import viewer.content.shown
from viewer.export.command import Request, run_exports
from viewer.paths import bundled_case
from viewer.record import timing
from viewer.record.loader import load_record

EXPORTERS = (
    "viewer.draw.figure",
    "viewer.export.png",
    "viewer.export.svg",
    "viewer.export.pdf",
    "viewer.export.handout",
    "viewer.export.command",
)


def test_placements_are_worked_out_once_for_every_file(qapp, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The exporters and the figure take placements from the ShownCase: none can work them out again.
    for name in EXPORTERS:
        assert not hasattr(importlib.import_module(name), "resolve_times"), name
    calls = []

    def counted(record):
        calls.append(record)
        return timing.resolve_times(record)

    monkeypatch.setattr(viewer.content.shown, "resolve_times", counted)
    request = Request(png=str(tmp_path / "t.png"), svg=str(tmp_path / "t.svg"), pdf=str(tmp_path / "h.pdf"))
    written = list(run_exports(load_record(bundled_case()), request))
    assert [message for _, message in written] == [None, None, None]
    assert len(calls) == 1
