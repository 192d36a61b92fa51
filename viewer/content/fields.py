"""What each kind of item shows, field by field, and what a withheld item still shows.

The tabs, the detail panel, the handout and the presenter's console all read
these tables: a tab's or the handout's columns are a chosen few of a kind's
fields in a chosen order, the detail panel shows them all. A withheld item
shows its timing without the source's words, "result withheld" in place of its
name, and nothing else; a group of items all withheld shows no group name.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Any, Literal, TypeVar

import msgspec

from viewer.content.disclosure import WITHHELD
from viewer.content.wording import (
    NOT_REPORTED,
    RESPONSE_NOT_REPORTED,
    RESULT_BADGES,
    TREATMENT_BADGES,
    describe_time,
    lab_value,
)
from viewer.record.model import (
    DiscussionPoint,
    Finding,
    HistoryItem,
    LabResult,
    Outcome,
    TimedItem,
    Treatment,
)

Item = TimedItem | DiscussionPoint
T = TypeVar("T")
Mark = Literal["value", "missing", "withheld"]
"""What a cell's text is: the item's own, the field's `missing` wording, or "result withheld"."""


class Field(msgspec.Struct, frozen=True):
    """One thing an item shows: a column of a tab or a handout table, a line of the detail panel."""

    name: str
    """The column's header; the detail panel's line reads "name: text" when `labelled`."""
    read: Callable[[Any], Any]
    """The item's value for it: text, None when the source gives none, or a Time (or None) when `timing`."""
    missing: str = ""
    """What an item without a value shows: absent from the source, never zero or normal. Empty: nothing."""
    timing: bool = False
    """The item's timing: the one field a withheld item still shows, without the source's words."""
    quiet: bool = False
    """Most items have none: a view that can leave it out (a tab's cell, a detail line) says
    nothing rather than `missing`; a table that shows every column says `missing`."""
    labelled: bool = True
    """The detail panel names it ("Dose: not reported"); else its text stands alone, as a detail does."""

    def value(self, item: Item, labels: Mapping[str, str], brief: bool = False, withheld: bool = False) -> str:
        """The item's own text for the field, "" when the source gives none.

        Timing is worded as `describe_time` words it (`brief` for a table cell); a withheld
        item's timing leaves out the source's words, and it has no other value."""
        if self.timing:
            time = self.read(item)
            return "" if time is None else describe_time(time, labels, brief=brief, words=not withheld)
        if withheld:
            return ""
        return str(self.read(item) or "")

    def text(self, item: Item, labels: Mapping[str, str], brief: bool = False, withheld: bool = False) -> str:
        """The field as a view that may leave it out shows it: its value, else `missing` unless
        `quiet`; a withheld item's timing without the source's words, and nothing else."""
        value = self.value(item, labels, brief, withheld)
        return value if value or withheld or self.quiet else self.missing

    def named(self, text: str) -> str:
        """`text` under the field's name, as a line of its own: "Dose: not reported"."""
        return f"{self.name}: {text}"


class Kind(msgspec.Struct, frozen=True):
    """What one kind of item shows."""

    item_type: type
    title: Field
    """Its name: the first column of a list, the detail panel's heading; "result withheld" while withheld."""
    fields: tuple[Field, ...]
    """Everything else it shows, in the detail panel's order."""
    group: Callable[[Any], str] | None = None
    """The heading its tab lists it under, when its tab groups items."""
    answer: Field | None = None
    """What the presenter needs beside its name while the audience does not see it."""


def _category(item: Finding | DiscussionPoint) -> str:
    return str(item.category.value).capitalize()


WHEN = Field("When", attrgetter("when"), timing=True)
UNTIL = Field("Until", attrgetter("until"), "not stated", timing=True, quiet=True)
"""When a treatment course ended, in the words of its timing; most records do not say."""
DETAIL = Field("Detail", attrgetter("detail"), quiet=True, labelled=False)
NOTE = Field("Editor's note", attrgetter("note"), quiet=True)
RESULT = Field("Result", lambda result: RESULT_BADGES[result.status])
VALUE = Field("Value", lab_value, NOT_REPORTED)
"""The value with its unit, once: "215 U/L"."""
REFERENCE_RANGE = Field("Reference range", attrgetter("reference_range"), NOT_REPORTED, quiet=True)
AGENT = Field("Agent", attrgetter("agent"))
REGIMEN = Field("Regimen", attrgetter("regimen"), NOT_REPORTED)
DOSE = Field("Dose", attrgetter("dose"), NOT_REPORTED)
STATUS = Field("Status", lambda course: TREATMENT_BADGES[course.status])
RESPONSE = Field("Response", attrgetter("response"), RESPONSE_NOT_REPORTED)

KINDS: dict[str, Kind] = {
    "history": Kind(HistoryItem, Field("Event", attrgetter("label")), (WHEN, DETAIL, NOTE)),
    "findings": Kind(Finding, Field("Finding", attrgetter("label")), (WHEN, DETAIL, NOTE), group=_category),
    "serologies": Kind(
        LabResult,
        Field("Test", attrgetter("label")),
        (WHEN, RESULT, VALUE, REFERENCE_RANGE, DETAIL, NOTE),
        group=attrgetter("panel"),
        answer=RESULT,
    ),
    "treatments": Kind(
        Treatment,
        Field("Treatment", attrgetter("label")),
        (WHEN, UNTIL, AGENT, REGIMEN, DOSE, STATUS, RESPONSE, DETAIL, NOTE),
    ),
    "outcomes": Kind(Outcome, Field("Outcome", attrgetter("label")), (WHEN, DETAIL, NOTE)),
    "discussion": Kind(DiscussionPoint, Field("Point", attrgetter("text")), (NOTE,), group=_category),
}
"""Each section's kind of item, by section key."""
_KIND_OF_TYPE = {kind.item_type: kind for kind in KINDS.values()}


def kind_of(item: Item) -> Kind:
    """The kind of `item`, from its type."""
    return _KIND_OF_TYPE[type(item)]


def course_order(order: Mapping[str, int]) -> Field:
    """A treatment course's place in the case's sequence of courses (`ShownCase.treatment_order`):
    a field of the course in its case, not of the record's item."""
    return Field("Order", lambda course: str(order[course.id]) if course.id in order else None, "not stated")


def answer(item: Item) -> str:
    """An item as the presenter needs it: its name, and a test with its result."""
    kind = kind_of(item)
    name = kind.title.text(item, {})
    return f"{name}: {kind.answer.text(item, {})}" if kind.answer else name


class Table(msgspec.Struct, frozen=True, dict=True):
    """Fields as the columns of a table that lists items: a tab, or one of the handout's tables."""

    fields: tuple[Field, ...]
    every_column: bool = False
    """Every column shows, none is hidden for being empty: a quiet field says `missing` too."""
    brief: bool = True
    """Timing worded for a table cell."""

    @property
    def headers(self) -> list[str]:
        return [field.name for field in self.fields]

    @cached_property
    def _named(self) -> int:
        # A withheld item's row says "result withheld" in its first column that is not its timing.
        return next(column for column, field in enumerate(self.fields) if not field.timing)

    def cell(self, item: Item, column: int, labels: Mapping[str, str], withheld: bool = False) -> tuple[str, Mark]:
        """The text of `item`'s cell in `column`, and what it is; ("", "missing") when it is blank."""
        field = self.fields[column]
        if withheld and not field.timing:
            return (WITHHELD, "withheld") if column == self._named else ("", "missing")
        value = field.value(item, labels, self.brief, withheld)
        if value:
            return value, "value"
        return ("" if field.quiet and not self.every_column else field.missing), "missing"

    def blank_columns(self, items: Sequence[Item], labels: Mapping[str, str], withheld: Container[str]) -> set[int]:
        """The columns whose `cell` is blank for every one of `items` (`withheld` holds the ids
        of those withheld): nothing to show, so a view may hide them."""
        # What `cell` does, without wording every item's value: a long table's columns are
        # checked each time it is laid out, and most columns have text in their first row.
        shown = [item for item in items if item.id not in withheld]
        blank = set()
        for column, field in enumerate(self.fields):
            if not field.timing and len(shown) < len(items) and column == self._named:
                continue
            among = items if field.timing else shown
            if among and field.missing and not (field.quiet and not self.every_column):
                continue
            read = field.read
            if not any(
                field.value(item, labels, self.brief, item.id in withheld) for item in among if read(item) is not None
            ):
                blank.add(column)
        return blank


def grouped(items: Iterable[T], key: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """`items` under the name of their group, groups in the order they first appear."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.items())


def group_heading(name: str, members: Sequence[Any], withheld: Callable[[Any], bool]) -> str:
    """A group's name as shown: "result withheld" while all its items are, as the name
    of a group can give the answer away ("Myositis-specific antibodies")."""
    return WITHHELD if all(withheld(item) for item in members) else name
