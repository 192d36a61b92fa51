"""Bundled case records open from the form checked when the package was built.

Parsing YAML is most of the work of opening a record, and importing PyYAML
alone costs a twentieth of start-up. The wheel (and so the frozen bundle)
carries each bundled case's checked record beside its YAML, as MessagePack
keyed by a digest of the YAML's bytes. When the digest matches the bytes just
read, that record is decoded with the record's type (so it has the record's
form) and passes the same checks as a parsed one; anything else (other bytes,
a damaged or missing checked form, a record that fails a check) is parsed.
A user's own case files are always parsed: no copy of them is kept anywhere.
"""

from __future__ import annotations

import os

# hashlib's own BLAKE2b: importing hashlib would also load OpenSSL, about 4 ms of start-up.
from _blake2 import blake2b
from pathlib import Path

import msgspec

from viewer.paths import data_dir
from viewer.record.checks import record_problems
from viewer.record.files import read_record, read_regular_file
from viewer.record.model import CaseRecord

CHECKED_SUFFIX = ".checked"
"""What a bundled case's file name gains for its checked form: `NAME.case.yaml.checked`."""


class CheckedForm(msgspec.Struct, frozen=True):
    digest: bytes
    """BLAKE2b of the YAML file's bytes that `record` was parsed and checked from."""
    record: CaseRecord


def checked_form(raw: bytes, record: CaseRecord) -> bytes:
    """The checked form of `record`, parsed and checked from the YAML bytes `raw`."""
    return msgspec.msgpack.encode(CheckedForm(blake2b(raw).digest(), record))


def load_case(file: str | Path) -> CaseRecord:
    """The record in `file`, as `load_record` gives it: a bundled case from its checked
    form when that matches the file's bytes, anything else parsed. Raises RecordError."""
    raw = read_record(file)
    record = _from_checked_form(Path(file), raw)
    if record is not None:
        return record
    from viewer.record.loader import load_record_bytes  # imports PyYAML: only to parse

    return load_record_bytes(raw, str(file))


def _from_checked_form(file: Path, raw: bytes) -> CaseRecord | None:
    """The record of the checked form beside `file`, if `file` is a bundled case, the form
    was made from exactly `raw` and its record passes every check; else None."""
    folder = data_dir("casedata")
    try:
        if not os.path.samefile(file.parent, folder):
            return None
        checked = msgspec.msgpack.decode(read_regular_file(folder / (file.name + CHECKED_SUFFIX)), type=CheckedForm)
    except (OSError, msgspec.DecodeError):
        return None
    if checked.digest != blake2b(raw).digest() or record_problems(checked.record):
        return None
    return checked.record
