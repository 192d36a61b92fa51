"""Atomic file writes: a finished export replaces the old file in one step.

The writer fills a temporary file in the target's folder (a rename is only
atomic within one file system); it is synced to disk and then renamed over the
target. On any failure the temporary file is removed and the old file stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class ExportError(Exception):
    """An export that could not be written; the message names the path and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"cannot write {os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _new_file_mode(target: Path) -> int:
    """The mode `target` keeps, or the one a plain new file would get (mkstemp makes 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    # The umask can only be read by setting it; this runs on the one thread that exports.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    # The rename itself must reach the disk too; only POSIX can open a folder to sync it.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target` to write; on success it replaces `target`.

    Raises ExportError when the folder cannot take the file or the rename fails;
    an exception from the writer removes the temporary file and propagates.
    """
    target = Path(target)
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise ExportError(target, _reason(error)) from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(target, _reason(error)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
