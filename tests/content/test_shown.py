"""The case as shown: worked out once, in the one time order."""

from __future__ import annotations

from viewer.content.shown import show
from viewer.paths import bundled_case
from viewer.record.loader import load_record


def test_the_bundled_case_in_time_order() -> None:
    shown = show(load_record(bundled_case()))
    assert shown.time_order[:2] == ["first-presentation", "initial-evaluation"]
    assert shown.time_order.index("ivig") > shown.time_order.index("tacrolimus")
    # Discussion points are not timed items: in neither order, but found by id.
    assert "rare-variant" not in shown.full_order
    assert len(shown.full_order) == len(shown.items) - len(shown.record.discussion)
    assert shown.items["rare-variant"][0] == "discussion"
    assert shown.items["ck"][0] == "serologies"
    # Steroids and tacrolimus both follow the diagnosis, unordered between them; IVIG follows tacrolimus.
    assert shown.treatment_order == {"pulse-steroids": 1, "tacrolimus": 1, "ivig": 2, "rituximab": 3}
    assert shown.disclosure(unknown=True).title == shown.record.unknown_title
