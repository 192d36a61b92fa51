"""Bundled case records open from the form checked when the package was built.

Parsing YAML is most of the work of opening a record, and importing PyYAML
alone costs a twentieth of start-up. The wheel (and so the frozen bundle)
carries each bundled case's checked record beside its YAML: a BLAKE2b digest
of the YAML's bytes and the record's MessagePack together, then that
MessagePack. When the digest matches the bytes just read and the form, the
record is decoded with the record's type (so it has the record's form) and
passes the same checks as a parsed one. Anything else (other bytes, a damaged
or missing checked form, a record that fails a check) is parsed. A user's own
case files are always parsed: no copy of them is kept anywhere.
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
_DIGEST = 64
"""Bytes of a BLAKE2b digest: the checked form begins with one."""


def checked_form(raw: bytes, record: CaseRecord) -> bytes:
    """The checked form of `record`, parsed and checked from the YAML bytes `raw`."""
    payload = msgspec.msgpack.encode(record)
    return _digest(raw, payload) + payload


def _digest(raw: bytes, payload: bytes) -> bytes:
    """What binds a record to the YAML it came from: it changes with any byte of either."""
    digest = blake2b(raw)
    digest.update(payload)
    return digest.digest()


def load_case(file: str | Path, raw: bytes | None = None) -> CaseRecord:
    """The record in `file`, as `load_record` gives it: a bundled case from its checked
    form when that matches the file's bytes, anything else parsed; `raw`: the file's bytes,
    when they have been read already. Raises RecordError."""
    if raw is None:
        raw = read_record(file)
    record = _from_checked_form(Path(file), raw)
    if record is not None:
        return record
    from viewer.record.loader import load_record_bytes  # imports PyYAML: only to parse

    return load_record_bytes(raw, str(file))


def _from_checked_form(file: Path, raw: bytes) -> CaseRecord | None:
    """The record of the checked form beside `file`, if `file` is a bundled case, the form
    was made from exactly `raw` and is whole, and its record passes every check; else None."""
    folder = data_dir("casedata")
    try:
        if not os.path.samefile(file.parent, folder):
            return None
        form = read_regular_file(folder / (file.name + CHECKED_SUFFIX))
        payload = form[_DIGEST:]
        if form[:_DIGEST] != _digest(raw, payload):
            return None
        record = msgspec.msgpack.decode(payload, type=CaseRecord)
    except (OSError, msgspec.DecodeError):
        return None
    return None if record_problems(record) else record
