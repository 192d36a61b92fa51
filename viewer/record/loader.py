"""Load a case record and report every problem, located, in plain words."""

from __future__ import annotations

import gc
import re
from pathlib import Path as FilePath
from typing import Any

import msgspec
import msgspec.inspect as mi

from viewer.record.checks import record_problems
from viewer.record.figures import figure_problems
from viewer.record.files import read_record
from viewer.record.model import DATE_PATTERN, ID_PATTERN, CaseRecord
from viewer.record.problems import Problem, RecordError, echo
from viewer.record.yamldoc import Document, Path, Position, YamlError, decode, parse


def load_record(file: str | FilePath) -> CaseRecord:
    """Read, parse and check a case record file. Raises RecordError."""
    return load_record_bytes(read_record(file), str(file))


MAX_PROBLEMS = 200
"""Problems reported for one file; a note says how many more there were."""


def load_record_bytes(raw: bytes, name: str = "<record>") -> CaseRecord:
    """Parse and check a case record from the bytes of a file. Raises RecordError.

    Checks run in stages, and a stage runs only when the ones before it passed:
    bytes and YAML structure first, then the record format, then ids, quotes,
    time references and the characters of each text (they need a well-formed
    record to be checked; time references also need unique ids).
    """
    # Reading a large record makes hundreds of thousands of objects, none of them in a cycle:
    # the cycle collector, run again and again as they are made, would find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(raw, name)
    finally:
        if collecting:
            gc.enable()


def _load(raw: bytes, name: str) -> CaseRecord:
    try:
        document = parse(decode(raw))
    except YamlError as error:
        raise RecordError(
            [Problem(name, *_at(each.position), format_path(each.path), each.message) for each in error.errors]
        ) from None
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        where = document.values.get((), Position(1, 1))
        raise RecordError([Problem(name, *_at(where), "", f"a case record is a mapping of keys, not {kind}")])
    record, problems = _convert(document)
    if record is not None:
        problems += [_locate(document, path, message) for path, message in record_problems(record)]
    if problems:
        found = [Problem(name, *rest) for rest in problems]
        if len(found) > MAX_PROBLEMS:
            more = len(found) - MAX_PROBLEMS
            found = [*found[:MAX_PROBLEMS], Problem(name, 1, 1, "", f"{more} more problems not shown")]
        raise RecordError(found)
    assert record is not None
    return record


def figure_report(
    raw: bytes, name: str, record: CaseRecord, folder: FilePath | None
) -> tuple[list[Problem], list[Problem]]:
    """The located problems of `record`'s figures, read from `raw` (the file `name`) in `folder`,
    and the located warnings (identifying metadata, a figure revealed before its item); `figure_problems`
    says what is checked."""
    problems, warnings = figure_problems(record, folder)
    if not (problems or warnings):
        return [], []
    document = parse(decode(raw))
    return (
        [Problem(name, *_locate(document, path, message)) for path, message in problems],
        [Problem(name, *_locate(document, path, f"warning: {message}")) for path, message in warnings],
    )


def _at(position: Position) -> tuple[int, int]:
    return position.line, position.column


def format_path(path: Path) -> str:
    """`path` as a problem names it, e.g. `serologies[3].status`; a long key cut as messages cut values."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{echo(part)}" if text else echo(part))
    return text


def _parse_path(text: str) -> Path:
    parts: list[str | int] = []
    for name, index in re.findall(r"\.?([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "nothing",
    "array": "a list",
    "object": "a mapping of keys",
}

# Patterns of the model, described for an author.
_PATTERN_WORDS = {
    ID_PATTERN: "an id of lower-case letters, digits and hyphens "
    "(starting with a letter or digit, at most 64 characters), for example 'anti-jo-1'",
    DATE_PATTERN: "a date written YYYY, YYYY-MM or YYYY-MM-DD with the digits 0-9, for example 2020-05",
}

_BOUND_WORDS = {"<=": "at most", ">=": "at least", "<": "less than", ">": "more than"}


def _number(text: str) -> str:
    return text.removesuffix(".0")


def _type_words(match: re.Match[str]) -> str:
    names = [name.strip() for name in match.group(1).split("|")]
    # "int | null" is an optional whole number: say "a whole number"; "null" alone is "nothing".
    names = [name for name in names if name != "null"] or names
    return " or ".join(_TYPE_WORDS.get(name, f"'{name}'") for name in names)


def _plain(message: str, allowed: list[str] | None = None) -> str:
    """msgspec's wording, in the words of someone writing a record."""
    pattern = re.match(r"^Expected `str` matching regex '(.+)'$", message)
    if pattern:
        regex = pattern.group(1).encode().decode("unicode_escape")
        return f"expected {_PATTERN_WORDS.get(regex, 'text of the form ' + regex)}"
    length = re.match(r"^Expected `(str|array)` of length (<=|>=) (\d+)$", message)
    if length:
        kind, bound, count = length.groups()
        if kind == "array":
            if bound == ">=":
                return "the list must not be empty" if count == "1" else f"the list needs at least {count} entries"
            return f"the list is too long (at most {count} entries)"
        if bound == ">=":
            return (
                "the text must not be empty" if count == "1" else f"the text is too short (at least {count} characters)"
            )
        return f"the text is too long (at most {count} characters)"
    bound_match = re.match(r"^Expected `(int|float)` (<=|>=|<|>) (\S+)$", message)
    if bound_match:
        kind, bound, limit = bound_match.groups()
        return f"expected {_TYPE_WORDS[kind]} that is {_BOUND_WORDS[bound]} {_number(limit)}"
    invalid = re.match(r"^Invalid (?:enum )?value (.+)$", message, re.DOTALL)
    if invalid:
        value = invalid.group(1)
        # msgspec quotes text as Python writes it, 'like this': cut the text, keep the quotes.
        quoted = len(value) > 1 and value[0] in "'\"" and value[-1] == value[0]
        shown = f"{value[0]}{echo(value[1:-1])}{value[0]}" if quoted else echo(value)
        text = f"{shown} is not one of the allowed values"
        return f"{text}: {', '.join(allowed)}" if allowed else text
    field = re.match(r"^Object (missing required|contains unknown) field `(.*)`$", message, re.DOTALL)
    if field:
        kind, name = field.groups()
        if kind == "missing required":
            return f"the key '{name}' is required here"
        return f"'{echo(name)}' is not a key this item can have"
    message = re.sub(r"`([\w |]+)`", _type_words, message)
    replacements = [(r"^Expected (.+), got (.+)$", r"expected \1, found \2")]
    for regex, replacement in replacements:
        message, count = re.subn(regex, replacement, message)
        if count:
            break
    return message


def _allowed_values(path: Path) -> list[str] | None:
    """The closed set of values the field at `path` takes, if it has one."""
    info: Any = mi.type_info(CaseRecord)
    for part in path:
        info = _unwrap(info)
        if isinstance(part, int):
            if not isinstance(info, mi.ListType):
                return None
            info = info.item_type
            continue
        structs = [t for t in info.types if isinstance(t, mi.StructType)] if isinstance(info, mi.UnionType) else [info]
        structs = [t for t in structs if isinstance(t, mi.StructType)]
        if not structs:
            return None
        if structs[0].tag_field == part:
            return [str(t.tag) for t in structs]
        fields = [f for t in structs for f in t.fields if f.encode_name == part]
        if not fields:
            return None
        info = fields[0].type
    info = _unwrap(info)
    if isinstance(info, mi.UnionType):
        info = next((_unwrap(t) for t in info.types if not isinstance(t, mi.NoneType)), info)
    if isinstance(info, mi.EnumType):
        return [str(member.value) for member in info.cls]
    if isinstance(info, mi.LiteralType):
        return [str(value) for value in info.values]
    return None


def _known_keys(path: Path) -> str:
    """'; the keys are: ...' for the mapping at `path`, when the model knows it."""
    info: Any = mi.type_info(CaseRecord)
    for part in path:
        info = _unwrap(info)
        if isinstance(info, mi.UnionType):
            info = next((t for t in info.types if isinstance(t, mi.StructType)), info)
        if isinstance(part, int) and isinstance(info, mi.ListType):
            info = info.item_type
        elif isinstance(info, mi.StructType):
            info = next((f.type for f in info.fields if f.encode_name == part), None)
        else:
            return ""
    info = _unwrap(info)
    if isinstance(info, mi.UnionType):
        structs = [t for t in info.types if isinstance(t, mi.StructType)]
        # A time: its keys depend on its kind, so name the keys any kind can have.
        names = list(dict.fromkeys([structs[0].tag_field or ""] + [f.encode_name for t in structs for f in t.fields]))
        return f"; the keys are: {', '.join(n for n in names if n)}" if structs else ""
    if isinstance(info, mi.StructType):
        return f"; the keys are: {', '.join(f.encode_name for f in info.fields)}"
    return ""


def _unwrap(info: Any) -> Any:
    return info.type if isinstance(info, mi.Metadata) else info


def _error_parts(error: msgspec.ValidationError) -> tuple[str, Path]:
    text = str(error)
    message, _, where = text.partition(" - at `")
    path = _parse_path(where.rstrip("`").removeprefix("$")) if where else ()
    return message, path


def _convert(document: Document) -> tuple[CaseRecord | None, list[tuple[int, int, str, str]]]:
    """The typed record, or every item-level problem found on the way."""
    data: dict[str, Any] = document.data
    try:
        return msgspec.convert(data, CaseRecord, strict=True), []
    except msgspec.ValidationError:
        pass
    # Convert piece by piece so one message per broken item comes back, not just the first.
    problems: list[tuple[int, int, str, str]] = []
    fields = {f.encode_name: f for f in msgspec.structs.fields(CaseRecord)}
    for key, value in data.items():
        if key not in fields:
            problems.append(
                _locate_key(document, (key,), f"'{echo(key)}' is not a key a case record can have" + _known_keys(()))
            )
            continue
        kind = fields[key].type
        items = value if isinstance(value, list) and getattr(kind, "__origin__", None) is list else None
        if items is None:
            problems += _try(document, value, kind, (key,))
        else:
            for index, item in enumerate(items):
                problems += _try(document, item, kind.__args__[0], (key, index))
    for name, spec in fields.items():
        if name not in data and spec.required:
            problems.append(_locate(document, "", f"the key '{name}' is required"))
    if not problems:  # pragma: no cover - defensive: the whole failed but no part did
        problems.append(_locate(document, "", "the record does not match the case record format"))
    return None, problems


def _try(document: Document, value: Any, kind: Any, prefix: Path) -> list[tuple[int, int, str, str]]:
    try:
        msgspec.convert(value, kind, strict=True)
    except msgspec.ValidationError as error:
        fields = _field_problems(document, value, kind, prefix)
        if fields:
            return fields
        message, path = _error_parts(error)
        full = (*prefix, *path)
        unknown = re.match(r"Object contains unknown field `(.*)`", message, re.DOTALL)
        if unknown:
            return [_locate_key(document, (*full, unknown.group(1)), _plain(message) + _known_keys(full))]
        allowed = _allowed_values(full) if message.startswith("Invalid") else None
        return [_locate(document, format_path(full), _plain(message, allowed))]
    return []


def _field_problems(document: Document, value: Any, kind: Any, prefix: Path) -> list[tuple[int, int, str, str]]:
    """One problem for each field of the mapping `value` that is wrong on its own, when `kind` is a
    record struct; so a half-filled item (an empty summary and an empty list) names every gap at once."""
    if not (isinstance(value, dict) and isinstance(kind, type) and issubclass(kind, msgspec.Struct)):
        return []
    problems: list[tuple[int, int, str, str]] = []
    for field in msgspec.structs.fields(kind):
        if field.encode_name in value:
            problems += _try(document, value[field.encode_name], field.type, (*prefix, field.encode_name))
    if problems:
        missing = [f.encode_name for f in msgspec.structs.fields(kind) if f.required and f.encode_name not in value]
        problems += [_locate(document, format_path(prefix), f"the key '{name}' is required here") for name in missing]
    return problems


def _locate(document: Document, path: str, message: str) -> tuple[int, int, str, str]:
    """Position of the deepest part of `path` that the document knows."""
    parts = _parse_path(path)
    while parts and parts not in document.values:
        parts = parts[:-1]
    position = document.values.get(parts, Position(1, 1))
    return position.line, position.column, path, message


def _locate_key(document: Document, path: Path, message: str) -> tuple[int, int, str, str]:
    position = document.keys.get(path) or document.values.get(path[:-1], Position(1, 1))
    return position.line, position.column, format_path(path), message
