"""Reading a case record file: regular files only, and never more than the size cap.

A path may name a FIFO, a device or a folder. Opening a FIFO for reading waits
for a writer, and a device such as /dev/zero never ends, so a file is opened
without waiting and read only when it is a regular file (or a link to one).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from viewer.record.model import MAX_BYTES
from viewer.record.problems import Problem, RecordError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a file of `mode` (`st_mode`) that is not a regular file is, in words: "a folder"."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


class NotRegularFileError(OSError):
    """The path names a FIFO, a folder, a device or a socket, which is not read."""


def read_regular_file(file: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `file` (at most `limit` + 1 of them, so a caller can tell it is over the limit).

    Never blocks: a FIFO or a device is refused before anything is read. Raises
    NotRegularFileError for anything but a regular file, OSError when it cannot be read.
    """
    # Without O_NONBLOCK, opening a FIFO waits for a writer. (Windows has neither FIFOs nor the flag.)
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(f"not a regular file but {file_kind(mode)}")
    except BaseException:
        os.close(descriptor)
        raise
    with open(descriptor, "rb") as stream:
        return stream.read(limit + 1)


def too_large(size: int | None) -> str:
    """The message for a file over the size cap (`size` None when unknown); it names the cap."""
    cap = f"case records are limited to {MAX_BYTES // 1048576} MiB"
    if size is None or size <= MAX_BYTES:
        return f"the file is larger than {MAX_BYTES // 1048576} MiB; {cap}"
    return f"the file is {size / 1048576:.1f} MiB; {cap}"


def read_record(file: str | Path) -> bytes:
    """The bytes of a case record file, up to the size cap. Raises RecordError."""
    name = str(file)
    try:
        raw = read_regular_file(file)
        if len(raw) > MAX_BYTES:
            raise RecordError([Problem(name, 1, 1, "", too_large(os.stat(file).st_size))])
    except OSError as error:
        reason = error.strerror or str(error)
        raise RecordError([Problem(name, 1, 1, "", f"cannot read the file: {reason}")]) from None
    except ValueError:
        # A NUL character, or text the system cannot encode: refused before any file is looked for.
        raise RecordError([Problem(name, 1, 1, "", "cannot read the file: no file can have this name")]) from None
    return raw
