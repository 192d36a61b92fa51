"""A conference agenda: several case records presented in turn as one talk.

An agenda is a small YAML file (`*.agenda.yaml`) read by the same event reader as a
case record, so its problems are located the same way ("line 12: ..."). Each entry
names a case record by a path relative to the agenda; the records themselves are read
with `agenda_cases`, and a case that cannot be read is reported with the line of the
agenda that names it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from viewer.record.bundled import load_case
from viewer.record.checks import character_problem
from viewer.record.files import read_record
from viewer.record.model import DATE_PATTERN, CaseRecord
from viewer.record.problems import Problem, RecordError, echo

if TYPE_CHECKING:
    from viewer.record.yamldoc import Document, Path

AGENDA_SUFFIX = ".agenda.yaml"
MAX_CASES = 100
"""The most cases one agenda names."""


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class AgendaCase(_Struct, frozen=True, kw_only=True):
    """One case of the session, in the order it is presented."""

    file: Annotated[
        str,
        msgspec.Meta(
            min_length=1,
            max_length=1000,
            description="The case record's path, relative to the agenda file (forward slashes work everywhere).",
        ),
    ]
    minutes: Annotated[int, msgspec.Meta(ge=1, le=600, description="The time planned for the case, in whole minutes.")]
    unknown: Annotated[
        bool,
        msgspec.Meta(description="Presented as an unknown case: the diagnosis is withheld until the talk reveals it."),
    ] = False


class Agenda(_Struct, frozen=True, kw_only=True):
    """A case conference: its title, its date and the cases presented, in order."""

    format: Literal[1]
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=2000, description="The session's title.")]
    date: Annotated[
        str,
        msgspec.Meta(pattern=DATE_PATTERN, description="The session's date: YYYY-MM-DD (or YYYY-MM, or YYYY)."),
    ]
    cases: Annotated[list[AgendaCase], msgspec.Meta(min_length=1, max_length=MAX_CASES)]


class LoadedAgenda(msgspec.Struct, frozen=True):
    """An agenda read from `path`, with where each case's file is named (for messages about that case)."""

    agenda: Agenda
    path: FilePath
    places: list[tuple[int, int]]
    """The line and column of each case's `file`."""

    def case_path(self, index: int) -> FilePath:
        """The file of case `index`, as the agenda's folder resolves it."""
        return self.path.parent / self.agenda.cases[index].file


class AgendaCaseOutcome(msgspec.Struct, frozen=True):
    """Case `index` of an agenda as read: its record, or why it cannot be shown."""

    index: int
    entry: AgendaCase
    line: int
    column: int
    path: FilePath
    record: CaseRecord | None
    problems: list[Problem]

    @property
    def failure(self) -> str:
        """Why the case cannot be shown, located by the agenda's line ("line 12: ..."); "" when it can."""
        if self.record is not None:
            return ""
        first = self.problems[0]
        more = len(self.problems) - 1
        also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return f"line {self.line}: {first}{also}"

    def room_title(self, hidden: bool) -> str:
        """The case's title as its audience may read it: the unknown title when `hidden` (an unknown case);
        for a case that cannot be shown, its file's name, or only its number when hidden."""
        record = self.record
        if record is None:
            return f"Case {self.index + 1}" if hidden else self.entry.file
        return record.unknown_title if hidden else record.title

    def room_failure(self, hidden: bool) -> str:
        """Why the case cannot be shown, as its audience may read it: `withheld_failure` when `hidden`."""
        return self.withheld_failure if hidden else self.failure

    @property
    def withheld_failure(self) -> str:
        """The failure as the room may read it in unknown-case mode: without the file's name or the
        record's words, either of which can name the diagnosis."""
        if self.record is not None:
            return ""
        if any("cannot read the file" in problem.message for problem in self.problems):
            return f"line {self.line}: the case record cannot be read"
        count = len(self.problems)
        return f"line {self.line}: the case record has {count} problem{'s' if count > 1 else ''}"


def is_agenda(raw: bytes, name: str) -> bool:
    """Whether the file `name` with bytes `raw` is an agenda: by its name, or, whatever it is named,
    by a top-level `cases` key, which no case record has."""
    return name.endswith(AGENDA_SUFFIX) or re.search(rb"^cases[ \t]*:", raw, re.MULTILINE) is not None


def agendas_in(folder: str | FilePath) -> list[LoadedAgenda]:
    """The agendas (`*.agenda.yaml`) directly in `folder` that can be read, in the order of their file
    names; [] when there are none or the folder cannot be listed."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(AGENDA_SUFFIX))
    except OSError:
        return []
    agendas = []
    for name in names:
        try:
            agendas.append(load_agenda(FilePath(folder) / name))
        except RecordError:
            continue
    return agendas


def load_agenda(file: str | FilePath) -> LoadedAgenda:
    """Read and check an agenda file (not the cases it names). Raises RecordError."""
    return load_agenda_bytes(read_record(file), FilePath(file))


def load_agenda_bytes(raw: bytes, path: FilePath) -> LoadedAgenda:
    """The agenda in `raw`, read from `path`. Raises RecordError with every problem found, located."""
    # PyYAML comes with the loader: imported here, so that reading a bundled case needs neither.
    from viewer.record.loader import _locate, _locate_key, format_path
    from viewer.record.yamldoc import Position, YamlError, decode, parse

    name = str(path)
    try:
        document = parse(decode(raw))
    except YamlError as error:
        raise RecordError(
            [
                Problem(name, each.position.line, each.position.column, format_path(each.path), each.message)
                for each in error.errors
            ]
        ) from None
    data: Any = document.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        where = document.values.get((), Position(1, 1))
        raise RecordError([Problem(name, where.line, where.column, "", f"an agenda is a mapping of keys, not {kind}")])
    problems: list[tuple[int, int, str, str]] = []
    fields = {field.encode_name: field.type for field in msgspec.structs.fields(Agenda)}
    for key in data:
        if key not in fields:
            message = f"'{echo(key)}' is not a key an agenda can have; the keys are: {', '.join(fields)}"
            problems.append(_locate_key(document, (key,), message))
    problems += [_locate(document, "", f"the key '{key}' is required") for key in fields if key not in data]
    for key, kind in fields.items():
        if key not in data:
            continue
        value = data[key]
        parts: list[tuple[tuple[str | int, ...], Any, Any]] = [((key,), value, kind)]
        if key == "cases" and isinstance(value, list) and 0 < len(value) <= MAX_CASES:
            # One message for each broken entry, not only the first.
            parts = [(("cases", index), entry, AgendaCase) for index, entry in enumerate(value)]
        for part_path, part, part_kind in parts:
            try:
                msgspec.convert(part, part_kind, strict=True)
            except msgspec.ValidationError as error:
                problems.append(_problem(document, part_path, error))
    if not problems:
        agenda = msgspec.convert(data, Agenda, strict=True)
        texts = [("title", agenda.title), *((f"cases[{i}].file", case.file) for i, case in enumerate(agenda.cases))]
        for text_path, text in texts:
            found = character_problem(text, display=True)
            if found is not None:
                problems.append(_locate(document, text_path, found[1]))
        if not problems:
            return LoadedAgenda(agenda, path, [_place(document, index) for index in range(len(agenda.cases))])
    raise RecordError([Problem(name, *problem) for problem in problems])


def _place(document: Document, index: int) -> tuple[int, int]:
    from viewer.record.yamldoc import Position

    at = document.values.get(("cases", index, "file"), Position(1, 1))
    return at.line, at.column


def _problem(document: Document, where: Path, error: msgspec.ValidationError) -> tuple[int, int, str, str]:
    """The located problem of the part of the agenda at `where` that did not convert."""
    from viewer.record.loader import _error_parts, _locate, _locate_key, _plain, format_path

    message, inner = _error_parts(error)
    full = (*where, *inner)
    unknown = re.match(r"Object contains unknown field `(.*)`", message, re.DOTALL)
    if unknown:
        keys = ", ".join(field.encode_name for field in msgspec.structs.fields(AgendaCase))
        return _locate_key(document, (*full, unknown.group(1)), f"{_plain(message)}; the keys are: {keys}")
    return _locate(document, format_path(full), _plain(message))


def agenda_cases(loaded: LoadedAgenda, read: Callable[[FilePath], CaseRecord] = load_case) -> list[AgendaCaseOutcome]:
    """Every case the agenda names, read and checked by `read` (which raises RecordError), in order;
    one that cannot be read says why."""
    outcomes = []
    for index, entry in enumerate(loaded.agenda.cases):
        path = loaded.case_path(index)
        try:
            record: CaseRecord | None = read(path)
            problems: list[Problem] = []
        except RecordError as error:
            record, problems = None, error.problems
        outcomes.append(AgendaCaseOutcome(index, entry, *loaded.places[index], path, record, problems))
    return outcomes


def case_problems(loaded: LoadedAgenda, outcomes: list[AgendaCaseOutcome]) -> list[Problem]:
    """A problem of the agenda, at its entry's line, for each problem of each case that cannot be shown."""
    return [problem for outcome in outcomes for problem in entry_problems(loaded, outcome, outcome.problems)]


def entry_problems(loaded: LoadedAgenda, outcome: AgendaCaseOutcome, problems: list[Problem]) -> list[Problem]:
    """Each of `problems`, found in the case of `outcome`, as a problem of the agenda at its entry's line."""
    where = (str(loaded.path), outcome.line, outcome.column, f"cases[{outcome.index}].file")
    return [Problem(*where, str(problem)) for problem in problems]
