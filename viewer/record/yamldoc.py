"""YAML text to plain data, remembering where every value came from.

PyYAML's safe loader keeps the last of two duplicate keys and expands aliases
without limit; here both are errors, tags that build objects are refused, and
each value's line and column are kept for error messages. Text may not hold
control characters or bidirectional overrides (they can make displayed text
differ from what it says), and numbers may not be NaN or infinite.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
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
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_IMPLICIT_FIRST = frozenset(SafeLoader.yaml_implicit_resolvers)
"""The first characters of plain text that may be something else than text (a number, a date...)."""
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
    """Parse one YAML document into plain data with positions, in one pass over the parser's events.

    Raises YamlError; YamlProblemsError when several independent problems were found.
    """
    loader = SafeLoader(text)
    try:
        builder = _Builder(loader, text)
        try:
            document = builder.document()
        except yaml.reader.ReaderError as error:
            raise _reader_error(text, error) from None
        except yaml.MarkedYAMLError as error:
            raise _syntax_error(text, error) from None
        except yaml.YAMLError as error:
            raise YamlError(f"YAML syntax: {_one_line(str(error))}", Position(1, 1)) from None
        if builder.errors:
            raise YamlProblemsError(builder.errors)
        return document
    finally:
        loader.dispose()


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
# The parser makes events of exactly these classes: a set lookup is quicker than isinstance.
_NODE_KINDS = frozenset(_NODE_EVENTS)
_CLOSE_KINDS = frozenset(_CLOSE_EVENTS)
_SEQUENCE, _KEY, _VALUE = range(3)


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


class _StreamError(YamlError):
    """A problem of the stream as written: the one told, whatever the building had found."""


class _Builder:
    """Turns the parser's events into plain data as they come, collecting every structural problem it can.

    No node tree is composed: composing costs ten times the parsing and keeps every node in
    memory. The stream itself is checked as it is read (the values written, the nesting, the
    anchors, as the composer would); the data built from it is checked too (an alias is built
    again each time it is used, from the events recorded under its anchor, so aliases that
    multiply are counted as they expand). A problem that stops the building still lets the rest
    of the stream be read, so a syntax error or an oversized document further on is the one told.
    """

    def __init__(self, loader: Any, text: str) -> None:
        self._loader = loader
        self._text = text
        # A character no text may hold is in the file as written, or comes from an escape in a
        # double-quoted scalar: when the file holds none, only those scalars need checking.
        self._written_clean = character_problem(text) is None
        self._values: dict[Path, Position] = {}
        self._keys: dict[Path, Position] = {}
        self._count = 0
        self.errors: list[YamlError] = []
        # The stream as written: values (mapping keys are not values: a 10,000-event record has
        # about as many keys as values, and counting both would refuse it) and open collections,
        # each _SEQUENCE, or a mapping waiting for its _KEY or its _VALUE.
        self._written = 0
        self._nesting: list[int] = []
        self._anchored: dict[str, Any] = {}
        """The start event of each anchor's node, from when the anchor is read."""
        self._recorded: dict[str, list[Any]] = {}
        """The events of each anchor's node, once it is whole: what an alias to it builds."""
        self._recording: list[list[Any]] = []
        self._replays: list[Iterator[Any]] = []
        self._get_event = loader.get_event

    def document(self) -> Document:
        self._next()  # the stream's start
        first = self._next()
        if isinstance(first, yaml.StreamEndEvent):
            raise YamlError("the file is empty; a case record is a mapping of keys", Position(1, 1))
        try:
            data = self._build(self._next(), (), 0)
        except _StreamError:
            raise
        except YamlError:
            self._replays.clear()
            self._recording.clear()
            while self._next() is not None:
                pass
            raise
        self._next()  # the document's end
        last = self._next()
        if not isinstance(last, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark,
                "but found another document",
                last.start_mark,
            )
        return Document(data, self._values, self._keys)

    def _next(self) -> Any:
        if self._replays:
            return next(self._replays[-1])
        event = self._get_event()
        for events in self._recording:
            events.append(event)
        kind = type(event)
        nesting = self._nesting
        if kind in _CLOSE_KINDS:
            nesting.pop()
            return event
        if kind not in _NODE_KINDS:
            return event
        if kind is yaml.AliasEvent:
            if event.anchor not in self._anchored:
                raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        elif event.anchor is not None:
            first = self._anchored.get(event.anchor)
            if first is not None:
                raise yaml.composer.ComposerError(
                    f"found duplicate anchor {event.anchor!r}; first occurrence",
                    first.start_mark,
                    "second occurrence",
                    event.start_mark,
                )
            self._anchored[event.anchor] = event
        waiting = nesting[-1] if nesting else _SEQUENCE
        if waiting == _KEY:
            nesting[-1] = _VALUE
        else:
            if waiting == _VALUE:
                nesting[-1] = _KEY
            self._written += 1
            if self._written > MAX_NODES:
                raise _StreamError(
                    f"the document has more than {MAX_NODES:,} values; a case record must be smaller",
                    _position(event.start_mark),
                )
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            nesting.append(_KEY if kind is yaml.MappingStartEvent else _SEQUENCE)
            # The top-level mapping is level 0, as in the built data.
            if len(nesting) > MAX_DEPTH + 1:
                raise _StreamError(f"nesting is deeper than {MAX_DEPTH} levels", _position(event.start_mark))
        return event

    def _skip(self, event: Any) -> None:
        """Read past the node that `event` starts, building nothing."""
        if isinstance(event, _OPEN_EVENTS):
            while not isinstance(next_ := self._next(), _CLOSE_EVENTS):
                self._skip(next_)

    def _problem(self, message: str, where: Position, path: Path) -> None:
        self.errors.append(YamlError(message, where, path))
        if len(self.errors) >= MAX_ERRORS:
            raise YamlProblemsError(
                [*self.errors, YamlError(f"stopped after {MAX_ERRORS} problems; fix these first", where, path)]
            )

    def _build(self, event: Any, path: Path, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            events = self._recorded.get(str(event.anchor))
            if events is not None:
                self._replays.append(iter(events[1:]))
                try:
                    return self._build(events[0], path, depth)
                finally:
                    self._replays.pop()
            event = self._anchored[str(event.anchor)]
            self._count += 1
            self._check_count(event, path, depth)
            raise YamlError(
                "an alias refers to the mapping or list that contains it", _position(event.start_mark), path
            )
        self._count += 1
        mark = event.start_mark
        where = Position(mark.line + 1, mark.column + 1)
        if self._count > MAX_NODES or depth > MAX_DEPTH:
            self._check_count(event, path, depth)
        self._values[path] = where
        anchor = event.anchor if not self._replays else None
        if type(event) is yaml.ScalarEvent:
            if anchor is not None:
                self._recorded[anchor] = [event]
            if event.tag is None and _is_text(event):
                # Most of a record: plain text, checked for its characters and kept.
                value: str = event.value
                if self._may_hold_bad(event) and character_problem(value) is not None:
                    self._check_text(value, event, path)
                return value
            return self._scalar(event, path)
        if anchor is not None:
            self._recording.append([event])
        try:
            return self._collection(event, path, depth, where)
        finally:
            if anchor is not None:
                self._recorded[anchor] = self._recording.pop()

    def _check_count(self, event: Any, path: Path, depth: int) -> None:
        """Raise when the values built (`_count`, this one included) or the depth are too many."""
        where = _position(event.start_mark)
        if self._count > MAX_NODES:
            # The value's own position is wherever the anchor was; name the top-level key instead.
            top = path[:1]
            raise YamlError(
                f"this expands to more than {MAX_NODES:,} values: aliases (*name) that multiply, "
                "or a record far too large",
                self._keys.get(top, where),
                top,
            )
        if depth > MAX_DEPTH:
            raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", where, path)

    def _collection(self, event: Any, path: Path, depth: int, where: Position) -> Any:
        mapping = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        if tag not in (None, "!", _MAP if mapping else _SEQ):
            self._problem(f"the tag {_short_tag(tag)} is not allowed in a case record", where, path)
            self._skip(event)
            return None
        if mapping:
            return self._mapping(path, depth)
        result: list[Any] = []
        while type(item := self._next()) not in _CLOSE_KINDS:
            result.append(self._build(item, (*path, len(result)), depth + 1))
        return result

    def _mapping(self, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while type(key_event := self._next()) not in _CLOSE_KINDS:
            # An alias as a key is the anchor's node itself.
            key_node = self._anchored[str(key_event.anchor)] if isinstance(key_event, yaml.AliasEvent) else key_event
            key_where = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarEvent):
                if key_node is key_event:
                    self._skip(key_event)
                self._problem("keys must be plain words, not a list or a mapping", key_where, path)
                self._skip(self._next())
                continue
            key_tag = self._scalar_tag(key_node)
            if key_tag == "tag:yaml.org,2002:merge":
                self._problem("merge keys (<<) are not allowed in a case record; write the keys out", key_where, path)
                self._skip(self._next())
                continue
            if key_tag not in _PLAIN_TAGS and key_tag != _TIMESTAMP:
                self._problem(f"the tag {_short_tag(key_tag)} is not allowed in a case record", key_where, path)
                self._skip(self._next())
                continue
            # A key is the text as written: `1:` or `true:` is the key '1' or 'true'.
            key = key_node.value
            self._check_text(key, key_node, path)
            if key in result:
                first = self._keys[(*path, key)]
                self._problem(
                    f"the key '{echo(key)}' appears twice (first at line {first.line}); "
                    "YAML would silently keep only the last",
                    key_where,
                    (*path, key),
                )
                self._skip(self._next())
                continue
            key_path = (*path, key)
            self._keys[key_path] = key_where
            result[key] = self._build(self._next(), key_path, depth + 1)
        return result

    def _scalar_tag(self, event: Any) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            if _is_text(event):
                return _STR
            return str(self._loader.resolve(yaml.ScalarNode, event.value, event.implicit))
        return tag

    def _scalar(self, event: Any, path: Path) -> Any:
        tag = self._scalar_tag(event)
        if tag == _STR:
            value = event.value
        elif tag == _TIMESTAMP:
            # Dates stay text: the record keeps them exactly as written.
            return str(event.value)
        elif tag not in _PLAIN_TAGS:
            self._problem(
                f"the tag {_short_tag(tag)} is not allowed in a case record", _position(event.start_mark), path
            )
            return None
        else:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            value = self._loader.construct_object(node)
        if isinstance(value, str):
            self._check_text(value, event, path)
        elif isinstance(value, float) and not math.isfinite(value):
            self._problem(
                f"'{echo(event.value)}' is not a usable number (NaN and infinity are not allowed)",
                _position(event.start_mark),
                path,
            )
        return value

    def _may_hold_bad(self, event: Any) -> bool:
        """Whether the scalar of `event` may hold a character no text may hold."""
        return not self._written_clean or event.style == '"'

    def _check_text(self, value: str, event: Any, path: Path) -> None:
        if not self._may_hold_bad(event):
            return
        found = character_problem(value)
        if found is None:
            return
        char, message = found
        # Point at the character itself when it is written literally in the file.
        start, end = event.start_mark.index, event.end_mark.index
        index = self._text.find(char, start, end)
        where = _at_index(self._text, index) if index >= 0 else _position(event.start_mark)
        self._problem(message, where, path)


def _is_text(event: Any) -> bool:
    """Whether the untagged scalar of `event` is text, as the resolver would say, in short: quoted
    text, or plain text whose first character starts no implicit type (most of a record's text)."""
    value: str = event.value
    return not event.implicit[0] or (value != "" and value[0] not in _IMPLICIT_FIRST)


def _short_tag(tag: str) -> str:
    """`!!python/object` rather than the full `tag:yaml.org,2002:python/object`, as a message repeats it."""
    return echo("!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag)
