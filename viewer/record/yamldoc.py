"""YAML text to plain data, remembering where every value came from.

PyYAML's safe loader keeps the last of two duplicate keys and expands aliases
without limit; here both are errors, tags that build objects are refused, and
each value's line and column are kept for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - the C loader ships with PyYAML wheels
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

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


@dataclass(frozen=True, slots=True)
class Position:
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


@dataclass
class Document:
    """Plain data and the position of each value (and each mapping key) by path."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def decode(raw: bytes) -> str:
    """UTF-8 text of a record file, or a YamlError saying what the bytes are."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            f"the file is {len(raw) / 1048576:.1f} MiB; case records are limited to {MAX_BYTES // 1048576} MiB",
            Position(1, 1),
        )
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
    """Parse one YAML document into plain data with positions."""
    loader = SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = _position(mark) if mark is not None else Position(1, 1)
            problem = error.problem or error.context or "not valid YAML"
            raise YamlError(f"YAML syntax: {problem}", where) from None
        except yaml.YAMLError as error:
            raise YamlError(f"YAML syntax: {error}", Position(1, 1)) from None
        if node is None:
            raise YamlError("the file is empty; a case record is a mapping of keys", Position(1, 1))
        document = Document(None)
        document.data = _Builder(loader, document).build(node, (), 0)
        return document
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, loader: Any, document: Document) -> None:
        self._loader = loader
        self._document = document
        self._count = 0
        self._open: set[int] = set()

    def build(self, node: Any, path: Path, depth: int) -> Any:
        self._count += 1
        where = _position(node.start_mark)
        if self._count > MAX_NODES:
            raise YamlError(
                f"the document expands to more than {MAX_NODES:,} values (too large, or aliases that multiply)",
                where,
                path,
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
            raise YamlError(f"the tag {tag} is not allowed in a case record", where, path)
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
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("keys must be plain words", key_where, path)
            key = str(self._scalar(key_node, path))
            if key in result:
                first = self._document.keys[(*path, key)]
                raise YamlError(
                    f"the key '{key}' appears twice (first at line {first.line}); "
                    "YAML would silently keep only the last",
                    key_where,
                    (*path, key),
                )
            self._document.keys[(*path, key)] = key_where
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: Any, path: Path) -> Any:
        if node.tag == _TIMESTAMP:
            # Dates stay text: the record keeps them exactly as written.
            return str(node.value)
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(
                f"the tag {node.tag} is not allowed in a case record",
                _position(node.start_mark),
                path,
            )
        return self._loader.construct_object(node)
