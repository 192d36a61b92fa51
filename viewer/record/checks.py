"""The checks every case record passes before it is shown, however it was read.

A record parsed from YAML and a bundled case decoded from the form checked when
the package was built go through the same checks: ids used once, time
references that resolve, quotes found verbatim in the source, and text free of
characters that make it look other than it is.
"""

from __future__ import annotations

import re
import unicodedata

import msgspec

from viewer.record.model import ITEM_SECTIONS, CaseRecord, Source
from viewer.record.problems import echo
from viewer.record.provenance import quote_problems
from viewer.record.timing import check_times

# C0 and C1 controls (tab, line feed and carriage return allowed), and the
# bidirectional embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Zero-width characters and direction marks: invisible, so two ids or labels that
# look the same can differ. Refused in the record's own words; the source text,
# quotes and timing words may hold them, as the source they are copied from may.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
# In a record encoded as JSON (UTF-8): a character no text may hold, nor display text, or JSON's
# escape of one, as C0 controls are escaped (a false alarm, as a backslash before a "b", only costs
# a walk). Each is a whole character: the bytes that start these sequences never continue one.
_MAYBE_BAD = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]"  # DEL, C1
    rb"|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0\xa6-\xa9]|\xef\xbb\xbf"  # U+200B-F, 202A-E, 2060, 2066-9, FEFF
    rb"|\\[bfu]"
)


def character_problem(text: str, display: bool = False) -> tuple[str, str] | None:
    """The first character `text` may not hold, and a message saying why; None when it has none.

    No text may hold control characters or bidirectional controls. `display` text (the record's
    own words: labels, titles, notes) may not hold invisible characters either.
    """
    bad = _FORBIDDEN.search(text) or (_INVISIBLE.search(text) if display else None)
    if bad is None:
        return None
    char = bad.group()
    if _BIDI.match(char):
        return char, (
            f"the text contains {_char_name(char)}, a bidirectional control character that can make "
            "the displayed text differ from what it says; remove it"
        )
    if _INVISIBLE.match(char):
        return char, (
            f"the text contains {_char_name(char)}, an invisible character: the text would look "
            "the same without it; remove it"
        )
    return char, f"the text contains the control character U+{ord(char):04X}; remove it"


def _char_name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else f"{code} (a control character)"


def record_problems(record: CaseRecord) -> list[tuple[str, str]]:
    """(item path, message) for everything wrong with a record of the right form."""
    duplicates = _duplicate_ids(record)
    # Time anchors name ids: with an id used twice they cannot be followed reliably.
    problems = duplicates or check_times(record)
    return [*problems, *quote_problems(record), *text_problems(record)]


def _duplicate_ids(record: CaseRecord) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    problems = []
    for section in ITEM_SECTIONS:
        for index, item in enumerate(getattr(record, section)):
            path = f"{section}[{index}].id"
            if item.id in seen:
                problems.append((path, f"the id '{echo(item.id)}' is already used at {seen[item.id]}"))
            else:
                seen[item.id] = path
    return problems


def text_problems(record: CaseRecord) -> list[tuple[str, str]]:
    """(item path, message) for each text in `record` that holds a character it may not hold."""
    problems: list[tuple[str, str]] = []
    # Most records hold no such character: one search of the whole record, encoded, says so
    # at a small part of the cost of walking every text; the walk locates what it finds.
    if not _MAYBE_BAD.search(msgspec.json.encode(record)):
        return problems

    def walk(value: object, path: str, display: bool) -> None:
        if isinstance(value, str):
            found = character_problem(value, display)
            if found is not None:
                problems.append((path, found[1]))
        elif isinstance(value, list):
            for index, each in enumerate(value):
                walk(each, f"{path}[{index}]", display)
        elif isinstance(value, msgspec.Struct):
            for name in value.__struct_fields__:
                verbatim = name in ("quotes", "words") or (isinstance(value, Source) and name == "text")
                walk(getattr(value, name), f"{path}.{name}" if path else name, display and not verbatim)

    walk(record, "", True)
    return problems
