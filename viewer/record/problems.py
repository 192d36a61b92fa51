"""What is wrong with a case record file: each problem located and in plain words."""

from __future__ import annotations

import re

import msgspec

ECHO_LIMIT = 80
"""The most characters of a value that a message repeats."""


def echo(value: str) -> str:
    """`value` as a message repeats it: cut after ECHO_LIMIT characters, with its length
    said, so that a 10 MB key or status still makes a message one can read."""
    if len(value) <= ECHO_LIMIT:
        return value
    return f"{value[:ECHO_LIMIT]}…({len(value):,} characters)"


class Problem(msgspec.Struct, frozen=True):
    file: str
    line: int
    column: int
    path: str
    """The item path, e.g. `serologies[3].status`; empty for the whole file."""
    message: str

    def __post_init__(self) -> None:
        # Control characters (a key may hold a line break) as escapes: a problem stays one line.
        msgspec.structs.force_setattr(self, "path", _one_line(self.path))
        msgspec.structs.force_setattr(self, "message", _one_line(self.message))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def _one_line(text: str) -> str:
    """Control characters (a key may hold a line break) written as escapes, so a problem stays one line."""
    return _CONTROLS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class RecordError(Exception):
    """A case record could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
