"""One handler for unexpected exceptions: log them, say so, keep running."""

from __future__ import annotations

import os
import stat
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

LOG_NAME = "case-viewer.log"


def log_path() -> Path:
    """The log file, in the platform's place for application state."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder) / "logs" / LOG_NAME


LOG_LIMIT = 1 << 20
"""The log's most bytes: past them it starts again rather than grow without end."""


def write_log(text: str) -> Path | None:
    """Append `text` to the log; None when even that fails, or the log is not a regular file of
    the user's own (a FIFO would block, a link could lead anywhere): then nothing is written."""
    import datetime as dt  # what only a failure needs is imported then, not at start-up

    path = log_path()
    entry = f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n".encode()
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, flags, 0o600)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
            return None
        # A log others could read was an earlier release's, whose entries held the messages: begun again.
        private = stat.S_IMODE(status.st_mode) == 0o600
        if not private or status.st_size + len(entry) > LOG_LIMIT:
            os.ftruncate(descriptor, 0)
        os.fchmod(descriptor, 0o600)
        os.chmod(path.parent, 0o700)
        os.write(descriptor, entry)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return path


def report(kind: type[BaseException], trace: TracebackType | None) -> str:
    """Where an exception was raised and its kind, for the log. Never its message: a message may
    quote the case record, and nothing of a user's case is written to disk."""
    frames = "".join(traceback.format_list(traceback.extract_tb(trace)))
    name = f"{kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" else kind.__qualname__
    return f"Traceback (most recent call last):\n{frames}{name} (its message is not logged: it may quote a record)"


class ExceptionHandler:
    """Replaces `sys.excepthook`: PySide6 hands it every exception raised in a slot or an
    event handler. The traceback goes to the log and a dialog names the file; the user's
    case stays on screen."""

    def __init__(self) -> None:
        self._showing = False
        self.dialog: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        path = write_log(report(kind, trace))
        if self._showing or QApplication.instance() is None:
            return
        from viewer.ui.msgbox import message

        where = f"The details are in {path}." if path else "The details could not be written to a log file."
        text = f"Case Viewer met an unexpected problem ({kind.__name__}).\n\n{where}\nYou can go on working."
        # No parent: during a talk the active window is the projector's, and the
        # message stays on the presenter's own screen.
        box = message(None, "Something went wrong", text, warning=True)
        box.finished.connect(self._on_closed)
        self._showing = True
        self.dialog = box
        box.open()

    def _on_closed(self) -> None:
        self._showing = False
        self.dialog = None
