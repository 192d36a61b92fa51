"""Talks from the main window: one on the open case, or an agenda's cases presented as one talk.

Conference mode is imported when a talk begins: it is not on the start-up path.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot

from viewer.ui.msgbox import tell_not_opened

if TYPE_CHECKING:
    from viewer.record.agenda import AgendaCaseOutcome, LoadedAgenda
    from viewer.ui.conference.agenda_talk import AgendaTalk
    from viewer.ui.conference.mode import ConferenceMode
    from viewer.ui.window import MainWindow


class Presenting(QObject):
    """The talk `window` shows the room, if one runs (`conference`): at most one at a time. The window
    is the talk's audience; its document, selection and preferences are the talk's. The handouts the
    presenter asks for during it are asked for and told of on the console, or where there is none, on
    the window (the menu bar, with File › Export, is hidden from the room)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.conference: ConferenceMode | None = None

    def start_conference(self, screen: int | None = None) -> ConferenceMode | None:
        """Start conference mode on the open case; None when no case is open or a talk runs."""
        if self._window.document.shown is None or self.conference is not None:
            return None
        self._window.show_case()
        return self._start(screen, None)

    def present_agenda(
        self,
        path: str | Path,
        screen: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        raw: bytes | None = None,
    ) -> ConferenceMode | None:
        """Present the agenda at `path` (`raw`: its bytes, when already read) as one talk, its time kept by
        `clock`; None when it cannot be read, none of its cases can be shown, or a talk runs (what is
        wrong is told)."""
        if self.conference is not None:
            return None
        from viewer.content.wording import visible_name
        from viewer.record.agenda import agenda_cases, load_agenda, load_agenda_bytes
        from viewer.record.problems import RecordError
        from viewer.ui.conference.agenda_talk import AgendaTalk

        window = self._window
        document = window.document
        # The agenda's file name may name a diagnosis, as a record's may.
        name = "the agenda" if document.unknown else visible_name(str(path))
        try:
            loaded = load_agenda(path) if raw is None else load_agenda_bytes(raw, Path(path))
        except RecordError as error:
            tell_not_opened(window, name, [str(problem) for problem in error.problems], document.unknown)
            return None
        # Read as a case is opened: a large record on another thread, the window painting meanwhile.
        outcomes = agenda_cases(loaded, document.read)
        first = next((outcome for outcome in outcomes if outcome.record is not None), None)
        if first is None or first.record is None:
            failures = [f"cannot be shown: {each.failure}" for each in outcomes]
            tell_not_opened(window, name, failures, document.unknown)
            return None
        # The agenda is what is recent, not its cases; unknown-case mode names it by its title.
        window.preferences.add_recent_file(str(path))
        window.preferences.set_unknown_title(str(Path(path).resolve()), loaded.agenda.title)
        # With unknown-case mode on, every case is an unknown one, whatever its entry says.
        talk = AgendaTalk(loaded, outcomes, document, window.selection, clock, window, unknown=document.unknown)
        # A case to stand behind the session's title slide, in its unknown-case mode; withheld on the way, so
        # that no view sees the case shown before, or this one, unwithheld for a moment.
        document.set_unknown(True)
        document.set_stage(0)
        document.set_record(first.record, first.path, recent=False)
        document.set_unknown(talk.hidden(first))
        window.show_case()
        return self._start(screen, talk)

    def presented_agenda(self) -> tuple[LoadedAgenda, list[AgendaCaseOutcome], bool] | None:
        """The agenda being presented, its cases as read, and whether every case is presented as an
        unknown one (unknown-case mode was on when the talk began); None when no agenda is."""
        agenda = None if self.conference is None else self.conference.agenda
        return None if agenda is None else (agenda.agenda, agenda.outcomes, agenda.unknown)

    def stop(self) -> None:
        """End the talk that runs, if one does."""
        if self.conference is not None:
            self.conference.stop()

    def _start(self, screen: int | None, agenda: AgendaTalk | None) -> ConferenceMode:
        from viewer.ui.conference.mode import ConferenceMode

        self.conference = ConferenceMode(self._window, screen, self._window, agenda)
        self.conference.finished.connect(self._on_conference_finished)
        # Queued: the file dialog opens after the key that asked for it has been handled, not inside it.
        self.conference.handout_requested.connect(self._on_handout_requested, Qt.ConnectionType.QueuedConnection)
        return self.conference

    @Slot(bool)
    def _on_handout_requested(self, session: bool) -> None:
        if self.conference is None:
            return
        from viewer.ui.export_actions import Export, export_handout, export_session_handout, on_status_bar

        window = self._window
        console = self.conference.console
        if console is not None and console.isVisible():
            export = Export(window.document, window.look, console, self.presented_agenda, console.tell)
        else:
            export = Export(window.document, window.look, window, self.presented_agenda, on_status_bar(window))
        if session:
            export_session_handout(export)
        else:
            export_handout(export)

    @Slot()
    def _on_conference_finished(self) -> None:
        if self.conference is not None:
            self.conference.deleteLater()
        self.conference = None
