"""What the audience may see in unknown-case mode, stage by stage.

Every view and export asks one Disclosure for titles, labels and source text,
so a withheld answer has exactly one way out: `reveal`.
"""

from __future__ import annotations

from functools import cached_property
from itertools import accumulate, groupby

import msgspec

from viewer.record.model import CaseRecord, DiscussionPoint, TimedItem, timed_items
from viewer.record.provenance import find_quote

WITHHELD = "result withheld"
MASK = "[…]"


class Disclosure(msgspec.Struct, frozen=True, dict=True):
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
        """The source text showing only what revealed items quote, until the final stage.

        Words a withheld item quotes stay masked even where a revealed item quotes
        them too: any one way out would be a leak."""
        text = self.record.source.text
        if self.complete:
            return text
        shown_quotes = list(self.record.patient.quotes)
        hidden_quotes: list[str] = []
        for item in self._all_items():
            (hidden_quotes if self.withheld(item) else shown_quotes).extend(item.quotes)
        shown = [0] * (len(text) + 1)
        for quote in shown_quotes:
            if (span := find_quote(text, quote)) is not None:
                shown[span[0]] += 1
                shown[span[1]] -= 1
        visible = list(accumulate(shown))
        for quote in hidden_quotes:
            if (span := find_quote(text, quote)) is not None:
                visible[span[0] : span[1]] = [0] * (span[1] - span[0])
        parts: list[str] = []
        for is_shown, run in groupby(range(len(text)), key=lambda index: visible[index] > 0):
            indices = list(run)
            parts.append(text[indices[0] : indices[-1] + 1] if is_shown else f" {MASK} ")
        return "".join(parts).strip()
