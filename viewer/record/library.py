"""A folder of case records: finding them, and what a library lists and searches of each.

Finding walks the folder tree itself so that a symbolic link back up the tree is
followed once, never round and round, and reads each file with
`read_regular_file`, so a FIFO or a device named like a record never blocks.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from viewer.record.files import NotRegularFileError, read_regular_file, too_large
from viewer.record.model import ITEM_SECTIONS, MAX_BYTES, CaseRecord
from viewer.record.problems import RecordError

RECORD_SUFFIX = ".case.yaml"
_YAML_SUFFIXES = (".yaml", ".yml")
# A case record has `format:` and `source:` at the top level; other YAML (an agenda, a
# configuration file) does not have both, and is not listed.
_FORMAT_KEY = re.compile(rb"^format\s*:", re.MULTILINE)
_SOURCE_KEY = re.compile(rb"^source\s*:", re.MULTILINE)


class Entry(msgspec.Struct, frozen=True):
    """One record of a library: what its list shows, and the words its search looks in."""

    path: str
    title: str = ""
    unknown_title: str = ""
    patient: str = ""
    source_date: str = ""
    document_type: str = ""
    counts: dict[str, int] = {}
    """Items per section, in ITEM_SECTIONS order; empty for an invalid record."""
    problem: str = ""
    """The first problem, with its line ("line 12: ..."); empty when the record is valid."""
    words: str = ""
    """Labels, quotes and source text, each distinct word once: what search needs, not the text."""

    @property
    def valid(self) -> bool:
        return not self.problem

    def shown_problem(self, unknown: bool) -> str:
        """The first problem as a list shows it: in unknown-case mode only its line ("line 12"), as a
        problem quotes the record (a label, a key) and could name the diagnosis."""
        return self.problem.split(":", 1)[0] if unknown else self.problem


class Candidate(msgspec.Struct, frozen=True):
    """A file the library lists: its path and the stat that tells whether it changed."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def find_records(folder: str | Path) -> Iterator[Candidate]:
    """Every file under `folder` (recursively) that is or may be a case record, in path order.

    `*.case.yaml` files are all listed, whatever they hold; any other `.yaml` or `.yml`
    only when it looks like a case record, or cannot be read to tell.
    """
    seen: set[tuple[int, int]] = set()
    yield from _walk(Path(folder), seen)


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Candidate]:
    try:
        identity = os.stat(folder)
        if (identity.st_dev, identity.st_ino) in seen:
            return
        seen.add((identity.st_dev, identity.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda each: each.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        name = entry.name.lower()
        try:
            info = entry.stat()
        except OSError:
            info = None  # a broken link: listed if named like a record, with why it cannot be read
        if info is not None and stat.S_ISDIR(info.st_mode):
            folders.append(Path(entry.path))
            continue
        if not name.endswith(_YAML_SUFFIXES):
            continue
        if not name.endswith(RECORD_SUFFIX) and info is not None and not _looks_like_record(entry.path, info):
            continue
        if info is None:
            yield Candidate(entry.path, -1, 0, 0, 0)
        else:
            yield Candidate(entry.path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    for each in folders:
        yield from _walk(each, seen)


def _looks_like_record(path: str, info: os.stat_result) -> bool:
    """True for YAML with `format:` and `source:` at the top level, or that cannot be read to tell."""
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return True
    try:
        raw = read_regular_file(path)
    except OSError:
        return True
    return bool(_FORMAT_KEY.search(raw) and _SOURCE_KEY.search(raw))


def read_entry(path: str) -> Entry:
    """What the library lists of the record at `path`; never raises."""
    from viewer.record.loader import load_record_bytes

    try:
        raw = read_regular_file(path)
    except NotRegularFileError as error:
        return Entry(path, problem=f"line 1: cannot read the file: {error}")
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Entry(path, problem=f"line 1: cannot read the file: {reason}")
    if len(raw) > MAX_BYTES:
        return Entry(path, problem=f"line 1: {too_large(None)}")
    try:
        record = load_record_bytes(raw, path)
    except RecordError as error:
        first = error.problems[0]
        where = f"{first.path}: " if first.path else ""
        return Entry(path, *_titles(raw), problem=f"line {first.line}: {where}{first.message}")
    return entry_of(record, path)


def entry_of(record: CaseRecord, path: str) -> Entry:
    """The library entry of a valid record read from `path`."""
    texts = [record.title, record.unknown_title, record.patient.summary, record.source.text]
    texts += [quote for quote in record.patient.quotes]
    for section in ITEM_SECTIONS:
        for item in getattr(record, section):
            texts.append(item.text if section == "discussion" else item.label)
            texts.extend(item.quotes)
    return Entry(
        path,
        record.title,
        record.unknown_title,
        record.patient.summary,
        record.source.date or "",
        record.source.document_type or "",
        {section: len(getattr(record, section)) for section in ITEM_SECTIONS},
        words=distinct_words(texts),
    )


def _titles(raw: bytes) -> tuple[str, str]:
    """The title and unknown title of a record that did not load, when its YAML gives them."""
    from viewer.record.yamldoc import YamlError, decode, parse

    try:
        data = parse(decode(raw)).data
    except YamlError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    title, unknown = data.get("title"), data.get("unknown_title")
    return (title if isinstance(title, str) else ""), (unknown if isinstance(unknown, str) else "")


_WORD = re.compile(r"\w+")


def distinct_words(texts: list[str]) -> str:
    """Each word of `texts` once, lower-cased and sorted: enough to find a record by any of them."""
    # Each distinct word is case-folded once: a record's texts repeat most of their words many times.
    # Joined by a line break, which no word holds, the texts are searched in one pass.
    return " ".join(sorted({word.casefold() for word in set(_WORD.findall("\n".join(texts)))}))


def scan(folder: str | Path, progress: Callable[[int, int], None] | None = None) -> list[Entry]:
    """Every record under `folder`, read; `progress(done, total)` after each one."""
    candidates = list(find_records(folder))
    entries = []
    for done, candidate in enumerate(candidates, 1):
        entries.append(read_entry(candidate.path))
        if progress is not None:
            progress(done, len(candidates))
    return entries
