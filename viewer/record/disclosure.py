"""What the audience may see in unknown-case mode, stage by stage.

Every view and export asks one Disclosure for titles, labels and source text,
so a withheld answer has exactly one way out: `reveal`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from viewer.record.model import CaseRecord, DiscussionPoint, TimedItem, timed_items
from viewer.record.provenance import find_quote

WITHHELD = "result withheld"
MASK = "[…]"


@dataclass(frozen=True)
class Disclosure:
    """The record as shown: everything, or in unknown-case mode only what `stage` has reached."""

    record: CaseRecord
    unknown: bool = False
    stage: int = 0

    @cached_property
    def last_stage(self) -> int:
        stages = [item.reveal for item in self._all_items() if item.reveal is not None]
        return max(stages, default=0)

    @property
    def complete(self) -> bool:
        """True when nothing is withheld."""
        return not self.unknown or self.stage >= self.last_stage

    def at_stage(self, stage: int) -> Disclosure:
        return replace(self, stage=stage)

    def revealed(self) -> Disclosure:
        return replace(self, stage=self.last_stage)

    def _all_items(self) -> list[TimedItem | DiscussionPoint]:
        return [item for _, item in timed_items(self.record)] + list(self.record.discussion)

    def withheld(self, item: TimedItem | DiscussionPoint) -> bool:
        return self.unknown and item.reveal is not None and item.reveal > self.stage

    @property
    def title(self) -> str:
        # The real title names the diagnosis, so it waits for the final stage.
        return self.record.title if self.complete else self.record.unknown_title

    def label(self, item: TimedItem | DiscussionPoint) -> str:
        if self.withheld(item):
            return WITHHELD
        return item.text if isinstance(item, DiscussionPoint) else item.label

    def labels(self) -> dict[str, str]:
        """The shown label of every timed item, by id."""
        return {item.id: self.label(item) for _, item in timed_items(self.record)}

    def source_text(self) -> str:
        """The source text, with everything no revealed item quotes masked until the final stage."""
        text = self.record.source.text
        if self.complete:
            return text
        quotes = list(self.record.patient.quotes)
        quotes += [quote for item in self._all_items() if not self.withheld(item) for quote in item.quotes]
        spans = sorted(span for quote in quotes if (span := find_quote(text, quote)) is not None)
        parts: list[str] = []
        position = 0
        for start, end in spans:
            if start > position:
                parts.append(f" {MASK} ")
            parts.append(text[max(start, position) : end])
            position = max(position, end)
        if position < len(text):
            parts.append(f" {MASK}")
        return "".join(parts).strip()
