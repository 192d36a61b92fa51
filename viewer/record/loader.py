"""Load a case record and report every problem, located, in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import msgspec

from viewer.record.model import CaseRecord
from viewer.record.provenance import quote_problems
from viewer.record.timing import check_times
from viewer.record.yamldoc import Document, Path, Position, YamlError, decode, parse


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    """The item path, e.g. `serologies[3].status`; empty for the whole file."""
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class RecordError(Exception):
    """A case record could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_record(file: str | FilePath) -> CaseRecord:
    """Read, parse and check a case record file. Raises RecordError."""
    name = str(file)
    try:
        raw = FilePath(file).read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise RecordError([Problem(name, 1, 1, "", f"cannot read the file: {reason}")]) from None
    return load_record_bytes(raw, name)


def load_record_bytes(raw: bytes, name: str = "<record>") -> CaseRecord:
    """Parse and check a case record from the bytes of a file. Raises RecordError."""
    try:
        document = parse(decode(raw))
    except YamlError as error:
        raise RecordError([Problem(name, *_at(error.position), format_path(error.path), error.message)]) from None
    if not isinstance(document.data, dict):
        raise RecordError([Problem(name, 1, 1, "", "a case record is a mapping of keys, not a list or a single value")])
    record, problems = _convert(document)
    if record is not None:
        located = [(path, message) for path, message in check_times(record)]
        located += quote_problems(record)
        problems += [_locate(document, path, message) for path, message in located]
        problems += _duplicate_ids(document, record)
    if problems:
        raise RecordError([Problem(name, *rest) for rest in problems])
    assert record is not None
    return record


def _at(position: Position) -> tuple[int, int]:
    return position.line, position.column


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
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


def _plain(message: str) -> str:
    """msgspec's wording, in the words of someone writing a record."""
    message = re.sub(r"`(\w+)`", lambda m: _TYPE_WORDS.get(m.group(1), f"'{m.group(1)}'"), message)
    message = re.sub(r"\| None\b|`\| null`", "", message)
    replacements = [
        (r"^Expected (.+), got (.+)$", r"expected \1, found \2"),
        (r"^Object missing required field (.+)$", r"the key \1 is required here"),
        (r"^Object contains unknown field (.+)$", r"\1 is not a key this item can have"),
        (r"^Invalid enum value (.+)$", r"\1 is not one of the allowed values"),
        (r"^Invalid value (.+)$", r"\1 is not one of the allowed values"),
        (r"^Expected (.+) matching regex (.+)$", r"expected \1 of the form \2"),
        (r"^Expected (.+) of length <= (\d+)$", r"text is too long (at most \2 characters)"),
        (r"^Expected (.+) of length >= (\d+)$", r"text is too short (at least \2 characters)"),
        (r"^Expected (.+) of length >= 1$", r"the list must not be empty"),
    ]
    for pattern, replacement in replacements:
        message, count = re.subn(pattern, replacement, message)
        if count:
            break
    return message


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
            problems.append(_locate_key(document, (key,), f"'{key}' is not a key a case record can have"))
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
        message, path = _error_parts(error)
        full = (*prefix, *path)
        unknown = re.match(r"Object contains unknown field `(.+)`", message)
        if unknown:
            return [_locate_key(document, (*full, unknown.group(1)), _plain(message))]
        return [_locate(document, format_path(full), _plain(message))]
    return []


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


def _duplicate_ids(document: Document, record: CaseRecord) -> list[tuple[int, int, str, str]]:
    seen: dict[str, str] = {}
    problems = []
    sections = ("history", "findings", "serologies", "treatments", "outcomes", "discussion")
    for section in sections:
        for index, item in enumerate(getattr(record, section)):
            path = f"{section}[{index}].id"
            if item.id in seen:
                problems.append(_locate(document, path, f"the id '{item.id}' is already used at {seen[item.id]}"))
            else:
                seen[item.id] = path
    return problems
