"""YAML text to plain data, remembering where every value came from.

PyYAML's safe loader keeps the last of two duplicate keys and expands aliases
without limit; here both are errors, tags that build objects are refused, and
each value's line and column are kept for error messages. Text may not hold
control characters or bidirectional overrides (they can make displayed text
differ from what it says), and numbers may not be NaN or infinite.
"""

from __future__ import annotations

import math
from typing import Any

import msgspec
import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - the C loader ships with PyYAML wheels
    from yaml import SafeLoader  # type: ignore[assignment]

from viewer.record.checks import character_problem
from viewer.record.files import too_large
from viewer.record.model import MAX_BYTES
from viewer.record.problems import echo

MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_ERRORS = 100
"""Structural problems collected before giving up on a file."""

Path = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class Position(msgspec.Struct, frozen=True):
    line: int
    """1-based."""
    column: int
    """1-based."""


class YamlError(Exception):
    """The text is not a YAML document this loader accepts."""

    def __init__(self, message: str, position: Position, path: Path = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.path = path

    @property
    def errors(self) -> list[YamlError]:
        """Every problem found (this one alone, unless several were collected)."""
        return [self]


class YamlProblemsError(YamlError):
    """Several problems found in one document; the first one is this error's own."""

    def __init__(self, errors: list[YamlError]) -> None:
        first = errors[0]
        super().__init__(first.message, first.position, first.path)
        self._errors = list(errors)

    @property
    def errors(self) -> list[YamlError]:
        return list(self._errors)


class Document(msgspec.Struct):
    """Plain data and the position of each value (and each mapping key) by path."""

    data: Any
    values: dict[Path, Position] = msgspec.field(default_factory=dict)
    keys: dict[Path, Position] = msgspec.field(default_factory=dict)


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def decode(raw: bytes) -> str:
    """UTF-8 text of a record file, or a YamlError saying what the bytes are."""
    if len(raw) > MAX_BYTES:
        raise YamlError(too_large(len(raw)), Position(1, 1))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError("the file is UTF-16 encoded; save it as UTF-8", Position(1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            Position(line, column),
        ) from None
    return text.removeprefix("\ufeff")


def parse(text: str) -> Document:
    """Parse one YAML document into plain data with positions.

    Raises YamlError; YamlProblemsError when several independent problems were found.
    """
    loader = SafeLoader(text)
    try:
        try:
            _count_events(text)
            node = loader.get_single_node()
        except yaml.reader.ReaderError as error:
            raise _reader_error(text, error) from None
        except yaml.MarkedYAMLError as error:
            raise _syntax_error(text, error) from None
        except yaml.YAMLError as error:
            raise YamlError(f"YAML syntax: {_one_line(str(error))}", Position(1, 1)) from None
        if node is None:
            raise YamlError("the file is empty; a case record is a mapping of keys", Position(1, 1))
        document = Document(None)
        builder = _Builder(loader, document, text)
        document.data = builder.build(node, (), 0)
        if builder.errors:
            raise YamlProblemsError(builder.errors)
        return document
    finally:
        loader.dispose()


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_SEQUENCE, _KEY, _VALUE = range(3)


def _count_events(text: str) -> None:
    """Refuse documents with too many values or too deep nesting before any node is built.

    Composing keeps every node in memory: a 16 MiB list of short items would
    take seconds and gigabytes before the builder's own count could stop it.
    The parser's events are made and dropped one at a time. Mapping keys are
    not values, here as in the builder: a 10,000-event record has about as
    many keys as values, and counting both would refuse it.
    """
    loader = SafeLoader(text)
    try:
        count = 0
        # One entry per open collection: _SEQUENCE, or a mapping waiting for its _KEY or its _VALUE.
        open_: list[int] = []
        while (event := loader.get_event()) is not None:
            if isinstance(event, _NODE_EVENTS):
                if open_ and open_[-1] == _KEY:
                    open_[-1] = _VALUE
                else:
                    if open_ and open_[-1] == _VALUE:
                        open_[-1] = _KEY
                    count += 1
                    if count > MAX_NODES:
                        raise YamlError(
                            f"the document has more than {MAX_NODES:,} values; a case record must be smaller",
                            _position(event.start_mark),
                        )
                if isinstance(event, _OPEN_EVENTS):
                    open_.append(_KEY if isinstance(event, yaml.MappingStartEvent) else _SEQUENCE)
                    # The top-level mapping is level 0, as in the builder.
                    if len(open_) > MAX_DEPTH + 1:
                        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", _position(event.start_mark))
            elif isinstance(event, _CLOSE_EVENTS):
                open_.pop()
    finally:
        loader.dispose()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _at_index(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _reader_error(text: str, error: yaml.reader.ReaderError) -> YamlError:
    char = chr(error.character) if isinstance(error.character, int) else str(error.character)
    # The first occurrence is the one the reader stopped at: it reads in order.
    index = text.find(char)
    where = _at_index(text, index) if index >= 0 else Position(1, 1)
    if char == "\x00":
        return YamlError(
            "the file contains a NUL byte: it looks binary, or UTF-16 without a byte-order mark; save it as UTF-8 text",
            where,
        )
    return YamlError(f"the file contains the control character U+{ord(char):04X}; remove it", where)


def _syntax_error(text: str, error: yaml.MarkedYAMLError) -> YamlError:
    mark = error.problem_mark or error.context_mark
    where = _position(mark) if mark is not None else Position(1, 1)
    problem = _one_line(error.problem or "")
    context = _one_line(error.context or "")
    index = getattr(mark, "index", None)
    here = text[index] if isinstance(index, int) and 0 <= index < len(text) else ""
    if here == "\t" and ("cannot start any token" in problem or "tab" in problem):
        return YamlError("YAML syntax: a tab is used for indentation here; YAML indents with spaces only", where)
    if "found another document" in problem or "expected <document start>" in problem:
        return YamlError(
            "YAML syntax: the file holds more than one YAML document ('---' or '...' starts another); "
            "a case record is a single document",
            where,
        )
    if context.startswith("found duplicate anchor"):
        first = _position(error.context_mark) if error.context_mark is not None else where
        return YamlError(f"YAML syntax: this anchor name is already defined at line {first.line}", where)
    if problem == "mapping values are not allowed in this context":
        return YamlError(
            "YAML syntax: a ':' here would start a mapping, which is not allowed in this place; "
            "check the indentation, or put text that contains ': ' in quotes",
            where,
        )
    if problem == "found undefined alias":
        return YamlError(
            "YAML syntax: this alias (*name) refers to an anchor (&name) that is not defined before it", where
        )
    message = problem or context or "not valid YAML"
    if problem and context.startswith("while"):
        started = ""
        if error.context_mark is not None and error.context_mark is not mark:
            started = f" that starts at line {error.context_mark.line + 1}"
        message = f"{problem} ({context}{started})"
    return YamlError(f"YAML syntax: {message}", where)


class _Builder:
    """Turns composed nodes into plain data, collecting every structural problem it can."""

    def __init__(self, loader: Any, document: Document, text: str) -> None:
        self._loader = loader
        self._document = document
        self._text = text
        self._count = 0
        self._open: set[int] = set()
        self.errors: list[YamlError] = []

    def _problem(self, message: str, where: Position, path: Path) -> None:
        self.errors.append(YamlError(message, where, path))
        if len(self.errors) >= MAX_ERRORS:
            raise YamlProblemsError(
                [*self.errors, YamlError(f"stopped after {MAX_ERRORS} problems; fix these first", where, path)]
            )

    def build(self, node: Any, path: Path, depth: int) -> Any:
        self._count += 1
        where = _position(node.start_mark)
        if self._count > MAX_NODES:
            # The node's own position is wherever the anchor was; name the top-level key instead.
            top = path[:1]
            raise YamlError(
                f"this expands to more than {MAX_NODES:,} values: aliases (*name) that multiply, "
                "or a record far too large",
                self._document.keys.get(top, where),
                top,
            )
        if depth > MAX_DEPTH:
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", where, path)
        if id(node) in self._open:
            raise YamlError("an alias refers to the mapping or list that contains it", where, path)
        self._document.values[path] = where
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        tag = node.tag
        if tag not in (_MAP, _SEQ):
            self._problem(f"the tag {_short_tag(tag)} is not allowed in a case record", where, path)
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            return self._mapping(node, path, depth)
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: Any, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_where = _position(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem("merge keys (<<) are not allowed in a case record; write the keys out", key_where, path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem("keys must be plain words, not a list or a mapping", key_where, path)
                continue
            if key_node.tag not in _PLAIN_TAGS and key_node.tag != _TIMESTAMP:
                self._problem(f"the tag {_short_tag(key_node.tag)} is not allowed in a case record", key_where, path)
                continue
            # A key is the text as written: `1:` or `true:` is the key '1' or 'true'.
            key = str(key_node.value)
            self._check_text(key, key_node, path)
            if key in result:
                first = self._document.keys[(*path, key)]
                self._problem(
                    f"the key '{echo(key)}' appears twice (first at line {first.line}); "
                    "YAML would silently keep only the last",
                    key_where,
                    (*path, key),
                )
                continue
            self._document.keys[(*path, key)] = key_where
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: Any, path: Path) -> Any:
        if node.tag == _TIMESTAMP:
            # Dates stay text: the record keeps them exactly as written.
            return str(node.value)
        if node.tag not in _PLAIN_TAGS:
            self._problem(
                f"the tag {_short_tag(node.tag)} is not allowed in a case record",
                _position(node.start_mark),
                path,
            )
            return None
        value = self._loader.construct_object(node)
        if isinstance(value, str):
            self._check_text(value, node, path)
        elif isinstance(value, float) and not math.isfinite(value):
            self._problem(
                f"'{echo(node.value)}' is not a usable number (NaN and infinity are not allowed)",
                _position(node.start_mark),
                path,
            )
        return value

    def _check_text(self, value: str, node: Any, path: Path) -> None:
        found = character_problem(value)
        if found is None:
            return
        char, message = found
        # Point at the character itself when it is written literally in the file.
        start, end = node.start_mark.index, node.end_mark.index
        index = self._text.find(char, start, end)
        where = _at_index(self._text, index) if index >= 0 else _position(node.start_mark)
        self._problem(message, where, path)


def _short_tag(tag: str) -> str:
    """`!!python/object` rather than the full `tag:yaml.org,2002:python/object`, as a message repeats it."""
    return echo("!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag)
