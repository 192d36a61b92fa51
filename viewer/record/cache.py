"""Case records already checked, kept between runs so that opening one again skips the YAML.

Parsing and checking a record is most of the work of opening it, and importing
PyYAML alone costs a twentieth of start-up. Once a file loads without problems,
its record is stored as MessagePack together with the exact bytes it came from.
Opening the same path again, with the same bytes and the same checking code,
decodes that entry instead. Anything else (other bytes, other code, a damaged or
unwritable cache) takes the full path, so the cache saves time but never changes
what is shown.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import time
import zlib
from pathlib import Path

import msgspec

from viewer import __version__
from viewer.record.model import CaseRecord

MAX_ENTRIES = 16
"""Entries kept, the most recently written: one a record file opened."""


class _Entry(msgspec.Struct):
    checker: str
    raw: bytes
    record: CaseRecord


def load_checked(file: Path, folder: Path | None) -> CaseRecord:
    """The record in `file`, as `load_record` gives it; from the cache in `folder` when
    that holds the file's exact bytes checked by this code (None: no cache). Raises RecordError."""
    entry_file = None if folder is None else _entry_file(file, folder)
    checker = _checker()
    cached = None if entry_file is None else _read_entry(entry_file)
    if cached is not None and cached.checker == checker:
        try:
            with open(file, "rb") as stream:
                if stream.read(len(cached.raw) + 1) == cached.raw:
                    return cached.record
        except OSError:
            pass  # the full path below reports it
    from viewer.record.loader import load_record_bytes, read_record  # imports PyYAML: only to parse

    raw = read_record(file)
    record = load_record_bytes(raw, str(file))
    if entry_file is not None:
        _write_entry(entry_file, _Entry(checker, raw, record))
    return record


def _entry_file(file: Path, folder: Path) -> Path:
    # One entry a record path: saving an edited record replaces its entry rather than
    # adding one. Two paths that share a name only cost each other a parse.
    return folder / f"{zlib.crc32(os.fsencode(os.path.abspath(file))):08x}.msgpack"


def _checker() -> str:
    """Which checking code this is: the releases of Case Viewer and msgspec, and the
    sizes and times of the files that parse and check (the record modules and PyYAML,
    or a frozen bundle's executable, which holds them all)."""
    if getattr(sys, "frozen", False):
        files = [Path(sys.executable)]
    else:
        yaml = importlib.util.find_spec("yaml")  # finds it without importing it
        files = [*sorted(Path(__file__).parent.glob("*.py")), *([Path(yaml.origin)] if yaml and yaml.origin else [])]
    stamps = []
    for path in files:
        info = path.stat()
        stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join([__version__, msgspec.__version__, *stamps])


def _read_entry(path: Path) -> _Entry | None:
    """The entry in `path`, if it is whole: a checksum guards the record's text against a damaged disk."""
    try:
        data = path.read_bytes()
        if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "big"):
            return None
        return msgspec.msgpack.decode(data[4:], type=_Entry)
    except (OSError, msgspec.DecodeError):
        return None


def _write_entry(path: Path, entry: _Entry) -> None:
    """Write `entry` in one step, so a reader never sees half of it, then keep only the
    newest entries. A cache that cannot be written only costs the next start a parse."""
    payload = msgspec.msgpack.encode(entry)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(zlib.crc32(payload).to_bytes(4, "big") + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove all but the newest MAX_ENTRIES entries, and temporaries a killed process left."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob("*.msgpack"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        stale = [tmp for tmp in folder.glob("*.tmp") if tmp.stat().st_mtime < time.time() - 60]
        for old in [*entries[MAX_ENTRIES:], *stale]:
            old.unlink(missing_ok=True)
