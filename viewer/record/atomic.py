"""Atomic file writes: a finished file replaces the old one in one step, or nothing changes.

`replace` writes the bytes to a temporary file beside the target (a rename is
atomic only within one file system): every write is checked, the file is synced
and its size compared with what was meant, and then it is renamed over the
target. Exports are drawn into memory first (`viewer.export.memory`), so Qt's
PDF and SVG writers, which would report a full disk only through their device,
never write to a file themselves.

A link is followed to the file it leads to, which is replaced in its own folder:
the link stays a link, and a link to nothing yet gets its file. Anything else that
exists and is not a regular file (a device such as /dev/null, a FIFO, a folder, a
socket) is refused, never replaced. On any failure the temporary file is removed
and the old file stays as it was.

Temporaries are named `.NAME.PID.RANDOM.part`. One left by a process that was
killed outright is removed by the next write of NAME into that folder, once the
process that wrote it no longer runs or it is older than a minute.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time

from viewer.record.files import file_kind

ABANDONED_AFTER_S = 60.0
"""A temporary this old is abandoned whoever wrote it: writing one takes moments."""
_OURS = re.compile(r"(?P<pid>\d+)\.[0-9a-f]{8}")
_OLDER = re.compile(r"[a-z0-9_]{8}")
"""The random part of the temporaries earlier versions made (tempfile.mkstemp), which name no process."""


class WriteError(Exception):
    """A file that could not be written; the message names the path and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"cannot write {os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


def destination(target: str | os.PathLike[str]) -> str:
    """The file a write to `target` replaces or creates: `target` itself, or where its links lead.

    Raises WriteError when that is not a regular file or its folder is missing."""
    path = os.fspath(target)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        # Nothing there yet, or a link to nothing yet: the file is made where the link leads.
        pass
    except OSError as error:
        raise WriteError(path, _reason(error)) from None
    else:
        if not stat.S_ISREG(status.st_mode):
            raise WriteError(path, f"not a regular file but {file_kind(status.st_mode)}")
    resolved = os.path.realpath(path)
    try:
        os.stat(os.path.dirname(resolved))
    except OSError as error:
        raise WriteError(path, _reason(error)) from None
    return resolved


def replace(target: str | os.PathLike[str], data: bytes | bytearray | memoryview) -> None:
    """Make `data` the content of `target` (see `destination`) in one step. Raises WriteError."""
    path = os.fspath(target)
    content = memoryview(data).cast("B")
    resolved = destination(path)
    folder, name = os.path.split(resolved)
    _remove_abandoned(folder, name)
    # Named before it exists, so that whatever interrupts the lines below, the name to remove is known.
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.part")
    try:
        descriptor = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0),
            0o600,
        )
        try:
            _write_all(descriptor, content)
            os.fsync(descriptor)
            written = os.fstat(descriptor).st_size
        finally:
            # Some file systems (NFS) report a failed write only when the file is closed.
            os.close(descriptor)
        if written != content.nbytes:
            raise WriteError(path, f"{written:,} of {content.nbytes:,} bytes reached the disk")
        os.chmod(temporary, _new_file_mode(resolved))
        os.replace(temporary, resolved)
    except OSError as error:
        _discard(temporary)
        raise WriteError(path, _reason(error)) from None
    except BaseException:
        _discard(temporary)
        raise
    _sync_folder(folder)


def _write_all(descriptor: int, data: memoryview) -> None:
    # os.write may write less than asked (a nearly full disk, a signal); the rest is written
    # until the file system refuses, which raises.
    offset = 0
    while offset < len(data):
        count = os.write(descriptor, data[offset:])
        if not count:
            # Nothing taken and no error: asking again would never end. The size check reports it.
            return
        offset += count


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _remove_abandoned(folder: str, name: str) -> None:
    """Remove the temporaries of `name` in `folder` that no running export will finish."""
    prefix, suffix = f".{name}.", ".part"
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(suffix)):
                continue
            middle = entry.name[len(prefix) : -len(suffix)]
            ours = _OURS.fullmatch(middle)
            if ours is None and _OLDER.fullmatch(middle) is None:
                continue
            with contextlib.suppress(OSError):
                if not entry.is_file(follow_symlinks=False):
                    continue
                old = now - entry.stat(follow_symlinks=False).st_mtime > ABANDONED_AFTER_S
                if old or (ours is not None and not _running(int(ours["pid"]))):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    """Whether process `pid` runs; where that cannot be asked (Windows), it is taken to run."""
    if os.name != "posix":
        # os.kill(pid, 0) there would send Ctrl+C, not ask.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _new_file_mode(target: str) -> int:
    """The mode `target` keeps, or the one a plain new file would get (the temporary is made 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        pass
    # The umask can only be read by setting it; this runs on the one thread that exports.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    # The rename itself must reach the disk too; only POSIX can open a folder to sync it.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
