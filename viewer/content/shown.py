"""A case as every view shows it, worked out once per load.

The window, the timeline, the tabs, conference mode and every export take
placements, the time order and the treatment courses' order from one ShownCase,
so none computes them again (or differently).
"""

from __future__ import annotations

from functools import cached_property

import msgspec

from viewer.content.disclosure import Disclosure
from viewer.record.model import CaseRecord, DiscussionPoint, TimedItem, timed_items
from viewer.record.timing import Placements, resolve_times, time_order, treatment_order


class ShownCase(msgspec.Struct, frozen=True, dict=True):
    """One loaded record with where each item sits in time; build it with `show`."""

    record: CaseRecord
    placements: Placements

    @cached_property
    def items(self) -> dict[str, tuple[str, TimedItem | DiscussionPoint]]:
        """Every item with an id, timed or discussion point, with the section it belongs to."""
        found: dict[str, tuple[str, TimedItem | DiscussionPoint]] = {
            item.id: (section, item) for section, item in timed_items(self.record)
        }
        found.update((point.id, ("discussion", point)) for point in self.record.discussion)
        return found

    @cached_property
    def time_order(self) -> list[str]:
        """Ids of the items placed in time, earliest first: the one order every view walks."""
        return time_order(self.record, self.placements)

    @cached_property
    def full_order(self) -> list[str]:
        """`time_order`, then the items the record does not place in time, in record order."""
        return time_order(self.record, self.placements, unplaced=True)

    @cached_property
    def treatment_order(self) -> dict[str, int]:
        """Sequence numbers of treatment courses, from 1; courses the record does not order share one."""
        return treatment_order(self.record, self.placements)

    def disclosure(self, unknown: bool = False, stage: int = 0) -> Disclosure:
        """The case as shown in unknown-case mode at `stage`, or whole."""
        return Disclosure(self.record, unknown=unknown, stage=stage)


def show(record: CaseRecord) -> ShownCase:
    """The case of `record`, its times resolved: once per load."""
    return ShownCase(record, resolve_times(record))
