"""What the audience may see in unknown-case mode, stage by stage.

Every view and export asks one Disclosure for titles, labels and source text,
so a withheld answer has exactly one way out: `reveal`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

import msgspec

from viewer.record.model import CaseRecord, DiscussionPoint, Figure, TimedItem, timed_items
from viewer.record.provenance import QuoteSpans

WITHHELD = "result withheld"
FIGURE_WITHHELD = "figure withheld"
HAS_FIGURE = "has a figure"
"""What the figure mark of an item says in words: to a screen reader, in a tooltip."""
MASK = "[…]"


def figure_problem(problem: str, withheld: bool = False) -> str:
    """Why a figure cannot be shown, as a view says it: while anything is `withheld`, without the
    reason, which can name the figure's file, and a file's name may give the answer."""
    return "The figure cannot be shown." if withheld else f"The figure cannot be shown: {problem}"


class Disclosure(msgspec.Struct, frozen=True, dict=True):
    """The record as shown: everything, or in unknown-case mode only what `stage` has reached."""

    record: CaseRecord
    unknown: bool = False
    stage: int = 0

    @cached_property
    def last_stage(self) -> int:
        items = self._all_items()
        stages = [item.reveal for item in items if item.reveal is not None]
        stages += [figure.reveal for item in items for figure in item.figures if figure.reveal is not None]
        return max(stages, default=0)

    @property
    def complete(self) -> bool:
        """True when nothing is withheld."""
        return not self.unknown or self.stage >= self.last_stage

    def _all_items(self) -> list[TimedItem | DiscussionPoint]:
        return [item for _, item in timed_items(self.record)] + list(self.record.discussion)

    def withheld(self, item: TimedItem | DiscussionPoint) -> bool:
        return self.unknown and item.reveal is not None and item.reveal > self.stage

    def figure_withheld(self, item: TimedItem | DiscussionPoint, figure: Figure) -> bool:
        """A figure waits for its own stage, and never shows before its item does."""
        return self.withheld(item) or (self.unknown and figure.reveal is not None and figure.reveal > self.stage)

    def figures(self, item: TimedItem | DiscussionPoint) -> list[Figure | None]:
        """`item`'s figures as shown: each figure, or None where it is withheld ("figure withheld":
        nothing of it, not its file, caption or credit, may be shown)."""
        return [None if self.figure_withheld(item, figure) else figure for figure in item.figures]

    def figured(self) -> frozenset[str]:
        """Ids of the items with a figure shown: what the timeline and the tables mark."""
        return frozenset(item.id for item in self._all_items() if any(self.figures(item)))

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
            for figure in item.figures:
                (hidden_quotes if self.figure_withheld(item, figure) else shown_quotes).extend(figure.quotes or ())
        spans = self.quote_spans
        shown = _merged(span for quote in shown_quotes if (span := spans.span(quote)) is not None)
        hidden = _merged(span for quote in hidden_quotes if (span := spans.span(quote)) is not None)
        parts: list[str] = []
        end = 0
        for start, stop in _without(shown, hidden):
            if start > end:
                parts.append(f" {MASK} ")
            parts.append(text[start:stop])
            end = stop
        if end < len(text):
            parts.append(f" {MASK} ")
        return "".join(parts).strip()

    @cached_property
    def quote_spans(self) -> QuoteSpans:
        """Where each quote stands in the record's whole source text."""
        return QuoteSpans(self.record.source.text)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of `spans` as sorted, disjoint, non-empty (start, end) intervals."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _without(kept: list[tuple[int, int]], removed: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The parts of sorted disjoint intervals `kept` outside sorted disjoint intervals `removed`."""
    index = 0
    for start, end in kept:
        while index < len(removed) and removed[index][1] <= start:
            index += 1
        cut = index
        while start < end:
            if cut == len(removed) or removed[cut][0] >= end:
                yield start, end
                break
            if removed[cut][0] > start:
                yield start, removed[cut][0]
            start = max(start, removed[cut][1])
            cut += 1
