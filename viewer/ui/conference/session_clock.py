"""The time an agenda's session spends on each case, against the minutes planned for it.

Plain Python over an injected clock (seconds, as `time.monotonic` counts them), so the
timers can be checked with a clock that only moves when told to.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from enum import Enum

WARN_AT = 0.8
"""The part of a case's planned time after which the console warns."""


class Pace(Enum):
    ON_TIME = "on time"
    WARNING = "warning"
    OVER = "over"


class SessionClock:
    """Counts the time spent on each case (while it is the current one, its title slide included) and in
    the whole session since it began; `planned` holds each case's planned minutes, in agenda order."""

    def __init__(self, planned: Sequence[int], clock: Callable[[], float] = time.monotonic) -> None:
        self.planned = list(planned)
        self._clock = clock
        self._started = clock()
        self._spent = [0.0] * len(self.planned)
        self.current: int | None = None
        """The case being presented; None on the session's own title slide."""
        self._since = self._started

    def enter(self, case: int | None) -> None:
        """The talk is now on `case` (None: the session's title slide)."""
        now = self._clock()
        if self.current is not None:
            self._spent[self.current] += now - self._since
        self.current, self._since = case, now

    def spent(self, case: int) -> float:
        """Seconds spent on `case` so far."""
        running = self._clock() - self._since if case == self.current else 0.0
        return self._spent[case] + running

    def total(self) -> float:
        """Seconds since the session began."""
        return self._clock() - self._started

    def planned_total(self) -> int:
        """The session's planned minutes."""
        return sum(self.planned)


def pace(spent: float, minutes: int) -> Pace:
    """How `spent` seconds stand against `minutes` planned."""
    if spent > minutes * 60:
        return Pace.OVER
    if spent >= minutes * 60 * WARN_AT:
        return Pace.WARNING
    return Pace.ON_TIME


def clock_text(seconds: float) -> str:
    """`seconds` as minutes and seconds: 12:05."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def pace_words(spent: float, minutes: int) -> str:
    """`spent` seconds against `minutes` planned, in words that say the pace without any colour."""
    so_far = f"{clock_text(spent)} of {minutes} min"
    found = pace(spent, minutes)
    if found is Pace.OVER:
        # Whole minutes over, and "1" from the first second over.
        return f"{so_far}: over by {max(1, math.floor((spent - minutes * 60) / 60))} min"
    if found is Pace.WARNING:
        left = max(0, math.ceil((minutes * 60 - spent) / 60))
        return f"{so_far}: nearly out of time, {left} min left"
    return so_far
