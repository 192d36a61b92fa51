"""`case-viewer export`: the exports without a window, on any machine, display or not."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import msgspec

from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
from viewer.record.model import CaseRecord

_application: object = None
"""The application this module made; held so it lives as long as the process."""


class Request(msgspec.Struct, frozen=True):
    """What `case-viewer export` was asked to write."""

    png: str | None = None
    svg: str | None = None
    pdf: str | None = None
    scale: int = 1
    paper: str | None = None
    """"a4" or "letter"; None takes it from the locale."""
    theme: str | None = None
    """None: the light theme, which prints well and suits most slides."""
    unknown: bool = False
    care: bool = False
    """The CARE checklist at the end of the PDF handout."""


class Interrupted(BaseException):
    """Raised by SIGINT, SIGTERM or SIGHUP during `signals_end_cleanly`, so that the
    temporary file being written, if any, is removed as the exception passes."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP end it cleanly: no temporary
    file is left, and then the process ends by that same signal, as it would have
    untouched (a shell sees status 128 + the signal's number; a script's loop stops).

    A signal ignored when the block starts (nohup, a background job) stays ignored.
    Python runs the handler between two of its own steps: a signal that arrives
    while Qt lays out a long handout takes effect when that call returns.
    """
    import signal

    handled = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]

    def interrupt(number: int, _frame: FrameType | None) -> None:
        # A second Ctrl+C must not cut the clean-up short.
        for other in previous:
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(number)

    # None: a handler set outside Python, which cannot be put back, so is left in place.
    previous = {number: handler for number in handled if (handler := signal.getsignal(number)) is not None}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, interrupt)
    try:
        yield
    except Interrupted as interrupted:
        signal.signal(interrupted.number, signal.SIG_DFL)
        signal.raise_signal(interrupted.number)
        # Where the default action does not end the process, the conventional status does.
        raise SystemExit(128 + interrupted.number) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def ensure_application() -> None:
    """A QGuiApplication for fonts and painting, if none runs yet.

    On Linux and the BSDs the offscreen platform is the default here: exports
    never show a window, so they must not need a display, and a DISPLAY that
    points nowhere would abort Qt. Fonts still come from fontconfig. Windows
    and macOS draw without a display on their own platforms.
    """
    global _application
    from PySide6.QtGui import QGuiApplication

    from viewer.draw.application import make_named

    if QGuiApplication.instance() is not None:
        return
    if sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = make_named(QGuiApplication)


def run_exports(record: CaseRecord, request: Request, folder: Path | None = None) -> Iterator[tuple[str, str | None]]:
    """Write each asked-for file; yield (path, None) when written, (path, message) when not.
    The handout's figures are read from the record's `folder`."""
    ensure_application()
    from viewer.content.shown import show
    from viewer.draw.theme import DEFAULT_THEME, THEMES
    from viewer.export.pdf import PRINT_THEME, export_pdf
    from viewer.export.png import export_png
    from viewer.export.svg import export_svg
    from viewer.record.atomic import WriteError

    shown = show(record)
    disclosure = shown.disclosure(unknown=request.unknown)
    theme = THEMES[request.theme or DEFAULT_THEME]
    jobs: list[tuple[str | None, Callable[[str], object]]] = [
        (request.png, lambda path: export_png(shown, disclosure, path, theme, request.scale)),
        (request.svg, lambda path: export_svg(shown, disclosure, path, theme)),
        (
            request.pdf,
            lambda path: export_pdf(
                shown,
                disclosure,
                path,
                THEMES[request.theme or PRINT_THEME],
                request.paper,
                care=request.care,
                folder=folder,
            ),
        ),
    ]
    for path, write in jobs:
        if path is None:
            continue
        try:
            write(path)
        except WriteError as error:
            yield path, str(error)
        else:
            yield path, None


def run_agenda_export(agenda: LoadedAgenda, outcomes: list[AgendaCaseOutcome], request: Request) -> str | None:
    """Write the session's handout to `request.pdf`; None when written, else why not."""
    assert request.pdf is not None
    ensure_application()
    from viewer.draw.theme import THEMES
    from viewer.export.agenda_pdf import export_agenda_pdf
    from viewer.export.pdf import PRINT_THEME
    from viewer.record.atomic import WriteError

    theme = THEMES[request.theme or PRINT_THEME]
    try:
        export_agenda_pdf(agenda, outcomes, request.pdf, theme, request.paper, unknown=request.unknown)
    except WriteError as error:
        return str(error)
    return None
