"""One handler for unexpected exceptions: log them, say so, keep running."""

from __future__ import annotations

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


def write_log(text: str) -> Path | None:
    """Append `text` to the log; None when even that fails."""
    import datetime as dt  # what only a failure needs is imported then, not at start-up

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path


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
        path = write_log("".join(traceback.format_exception(kind, error, trace)))
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
