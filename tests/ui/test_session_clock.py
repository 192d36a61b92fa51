"""The session's clock: time spent on each case, its pace against the plan, in words."""

from __future__ import annotations

import pytest

from viewer.ui.conference.session_clock import Pace, SessionClock, clock_text, pace, pace_words


def test_time_counts_for_the_current_case_only() -> None:
    now = [0.0]
    clock = SessionClock([10, 5], lambda: now[0])
    now[0] = 30
    clock.enter(0)
    now[0] = 90
    assert (clock.spent(0), clock.spent(1), clock.total()) == (60, 0, 90)
    clock.enter(1)
    now[0] = 100
    clock.enter(0)  # back to the first case: its time goes on from where it was
    now[0] = 130
    assert (clock.spent(0), clock.spent(1), clock.total()) == (90, 10, 130)
    clock.enter(None)
    now[0] = 500
    assert (clock.spent(0), clock.spent(1)) == (90, 10)
    assert clock.planned_total() == 15


@pytest.mark.parametrize(
    ("seconds", "expected", "words"),
    [
        (0, Pace.ON_TIME, "0:00 of 10 min"),
        (479, Pace.ON_TIME, "7:59 of 10 min"),
        (480, Pace.WARNING, "8:00 of 10 min: nearly out of time, 2 min left"),
        (599, Pace.WARNING, "9:59 of 10 min: nearly out of time, 1 min left"),
        (600, Pace.WARNING, "10:00 of 10 min: nearly out of time, 0 min left"),
        (601, Pace.OVER, "10:01 of 10 min: over by 1 min"),
        (780, Pace.OVER, "13:00 of 10 min: over by 3 min"),
        (781, Pace.OVER, "13:01 of 10 min: over by 3 min"),
        (659, Pace.OVER, "10:59 of 10 min: over by 1 min"),
    ],
)
def test_pace_warns_at_80_percent_and_says_by_how_much_it_is_over(seconds: int, expected: Pace, words: str) -> None:
    assert pace(seconds, 10) is expected
    assert pace_words(seconds, 10) == words


def test_clock_text() -> None:
    assert [clock_text(s) for s in (0, 5.9, 65, 3600)] == ["0:00", "0:05", "1:05", "60:00"]
