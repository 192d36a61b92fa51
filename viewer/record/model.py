"""The typed case record, filled from YAML by `msgspec.convert`.

Field docstrings and constraints end up in the JSON Schema that editors use
for completion, so they are written for case authors.
"""

from enum import StrEnum
from typing import Annotated, Literal

import msgspec

# msgspec matches a pattern with re.search, where `$` also matches before a final line
# break ("fever\n"); `(?!\n)` refuses that. `\Z` would too, but the patterns go into the
# JSON Schema, whose editors read them as ECMAScript, which has no `\Z`. `\d` would
# take any script's digits: [0-9].
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$(?!\n)"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$(?!\n)"

ItemId = Annotated[
    str,
    msgspec.Meta(
        pattern=ID_PATTERN,
        description="Unique id: lower-case letters, digits and hyphens.",
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
Quote = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=2000,
        description="Verbatim words from the source text (whitespace may differ).",
    ),
]
Quotes = Annotated[
    list[Quote],
    msgspec.Meta(min_length=1, max_length=20, description="The source quotes the item rests on."),
]
Reveal = Annotated[
    int,
    msgspec.Meta(
        ge=1,
        le=20,
        description="Unknown-case mode: the item stays withheld until this stage is reached.",
    ),
]
Amount = Annotated[float, msgspec.Meta(gt=0, le=100_000)]
PartialDate = Annotated[
    str,
    msgspec.Meta(
        pattern=DATE_PATTERN,
        description="A calendar date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
]

Unit = Literal["day", "week", "month", "year"]

MAX_BYTES = 16 * 1024 * 1024
"""The largest case record file that is read."""


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


# Honest time: each way a source can place an event is its own kind, so an
# approximate or order-only placement can never be mistaken for an exact one.


class _Time(_Struct, tag_field="kind", kw_only=True, frozen=True):
    words: Text | None = None
    """The source's own words for this timing, quoted verbatim."""


class IndexTime(_Time, tag="index", kw_only=True, frozen=True):
    """The index event: day 0 of the case."""

    date: PartialDate | None = None


class DateTime(_Time, tag="date", kw_only=True, frozen=True):
    """A calendar date, as precise as the source states it."""

    date: PartialDate


class OffsetTime(_Time, tag="offset", kw_only=True, frozen=True):
    """An exact offset from another item (or from "index")."""

    anchor: str
    amount: Amount
    unit: Unit


class ApproximateTime(_Time, tag="approximate", kw_only=True, frozen=True):
    """An approximate offset ("approximately one year later") from another item."""

    anchor: str
    amount: Amount
    unit: Unit
    uncertainty: Amount | None = None
    """Plus or minus, in the same unit; only when the source states it."""


class AfterTime(_Time, tag="after", kw_only=True, frozen=True):
    """Order only: the item follows another item; how long after is unknown."""

    anchor: str


class SameTime(_Time, tag="same", kw_only=True, frozen=True):
    """At the same time as another item, and as precise as that item's time."""

    anchor: str


class UnknownTime(_Time, tag="unknown", kw_only=True, frozen=True):
    """The source does not place this item in time."""


Time = IndexTime | DateTime | OffsetTime | ApproximateTime | AfterTime | SameTime | UnknownTime


class Figure(_Struct, kw_only=True, frozen=True):
    """An image shown with an item: a PNG or JPEG file, de-identified, with its caption."""

    file: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
    """The image's path relative to the record's folder, e.g. "figures/chest-ct.png"; it must stay inside it."""
    caption: Text
    """What the image shows, in the source's terms."""
    credit: Text | None = None
    """Who holds the rights to the image, and its licence."""
    quotes: Quotes | None = None
    """The figure's legend as the source prints it, quoted verbatim."""
    reveal: Reveal | None = None
    """Unknown-case mode: the figure stays withheld until this stage; its item's stage when not given."""


Figures = Annotated[list[Figure], msgspec.Meta(max_length=20, description="Images shown with the item.")]


class _Item(_Struct, kw_only=True, frozen=True):
    id: ItemId
    label: Text
    """A short name for the item, shown in lists and on the timeline."""
    detail: Text | None = None
    when: Time = UnknownTime()
    quotes: Quotes
    reveal: Reveal | None = None
    note: Text | None = None
    """An editor's note, shown apart from the source's words."""
    figures: Figures = []


class HistoryItem(_Item, kw_only=True, frozen=True):
    pass


class FindingKind(StrEnum):
    EXAMINATION = "examination"
    IMAGING = "imaging"
    PATHOLOGY = "pathology"
    SYMPTOM = "symptom"
    DIAGNOSIS = "diagnosis"


class Finding(_Item, kw_only=True, frozen=True):
    category: FindingKind


class ResultStatus(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    ELEVATED = "elevated"
    LOW = "low"
    NORMAL = "normal"
    NOT_OBTAINED = "not obtained"
    PENDING = "pending"


class LabResult(_Item, kw_only=True, frozen=True):
    panel: Text
    """The group the test belongs to, e.g. "Myositis-specific antibodies"."""
    status: ResultStatus
    value: Text | None = None
    unit: Text | None = None
    reference_range: Text | None = None


class TreatmentStatus(StrEnum):
    GIVEN = "given"
    ONGOING = "ongoing"
    STOPPED = "stopped"
    UNDER_CONSIDERATION = "under consideration"


class Treatment(_Item, kw_only=True, frozen=True):
    agent: Text
    regimen: Text | None = None
    """The regimen in the source's words, e.g. "a brief course"."""
    dose: Text | None = None
    status: TreatmentStatus
    response: Text | None = None
    until: Time | None = None
    """When the course ended, if the source says."""


class Outcome(_Item, kw_only=True, frozen=True):
    pass


class DiscussionKind(StrEnum):
    DISCUSSION = "discussion"
    TEACHING_POINT = "teaching point"


class DiscussionPoint(_Struct, kw_only=True, frozen=True):
    id: ItemId
    category: DiscussionKind = DiscussionKind.DISCUSSION
    text: Text
    quotes: Quotes
    reveal: Reveal | None = None
    note: Text | None = None
    figures: Figures = []


class Keyword(_Struct, kw_only=True, frozen=True):
    """A keyword of the case, as the source gives it."""

    text: Text
    quotes: Quotes


class Statement(_Struct, kw_only=True, frozen=True):
    """A statement the source makes, in a sentence, with the words it rests on."""

    text: Text
    quotes: Quotes


class Source(_Struct, kw_only=True, frozen=True):
    title: Text
    document_type: Text | None = None
    date: Text | None = None
    """The date exactly as printed on the source."""
    departments: list[Text] = []
    disciplines: list[Text] = []
    citation: Text | None = None
    """How to cite the source (authors, journal, year, DOI), as the source states it."""
    licence: Text | None = None
    """The licence the source is published under, as the source states it, e.g. "CC BY"."""
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=1_000_000)]
    """The full source text that every quote is checked against."""


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NOT_REPORTED = "not reported"


class Patient(_Struct, kw_only=True, frozen=True):
    age_years: Annotated[int, msgspec.Meta(ge=0, le=130)] | None = None
    sex: Sex = Sex.NOT_REPORTED
    summary: Text
    """One line, in the source's terms."""
    quotes: Quotes


class CaseRecord(_Struct, kw_only=True, frozen=True):
    """A clinical case report, written from one source text."""

    format: Literal[1]
    title: Text
    unknown_title: Text
    """A title for unknown-case mode: it must not name the diagnosis."""
    source: Source
    patient: Patient
    history: list[HistoryItem] = []
    findings: list[Finding] = []
    serologies: list[LabResult] = []
    treatments: list[Treatment] = []
    outcomes: list[Outcome] = []
    discussion: list[DiscussionPoint] = []
    keywords: list[Keyword] = []
    patient_perspective: Statement | None = None
    """The patient's own view of the case, only as the source reports it."""
    consent: Statement | None = None
    """The patient's informed consent to the report, only as the source states it: never written in."""


TimedItem = HistoryItem | Finding | LabResult | Treatment | Outcome

# The sections that hold timed items, in lane order.
TIMED_SECTIONS: tuple[str, ...] = ("history", "findings", "serologies", "treatments", "outcomes")
# Every section of items that carry an id and quotes.
ITEM_SECTIONS: tuple[str, ...] = (*TIMED_SECTIONS, "discussion")


def timed_items(record: CaseRecord) -> list[tuple[str, TimedItem]]:
    """Every timed item with the section it belongs to, in record order."""
    items: list[tuple[str, TimedItem]] = []
    for section in TIMED_SECTIONS:
        items.extend((section, item) for item in getattr(record, section))
    return items
