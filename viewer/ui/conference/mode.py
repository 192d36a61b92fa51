"""Conference mode: the main window full screen on the projector, a console on the laptop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QObject, QRect, Signal, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from viewer.ui.conference.console import PresenterConsole
from viewer.ui.conference.talk import Talk
from viewer.ui.document import Document
from viewer.ui.selection import Selection

if TYPE_CHECKING:
    from viewer.ui.conference.agenda_talk import AgendaTalk, Slide

# Body text on a 1080-line projector; scaled with the screen's height.
TEXT_PX_AT_1080 = 30


def audience_screen(choice: int | None) -> QScreen:
    """Screen `choice` (counted from 1), else the first screen that is not the primary."""
    screens = QGuiApplication.screens()
    if choice is not None and 1 <= choice <= len(screens):
        return screens[choice - 1]
    primary = QGuiApplication.primaryScreen()
    return next((screen for screen in screens if screen is not primary), primary)


def screens_problem(choice: int) -> str:
    """Why screen `choice` (counted from 1) cannot be the projector, naming the screens there are; "" if it can."""
    screens = QGuiApplication.screens()
    if 1 <= choice <= len(screens):
        return ""
    primary = QGuiApplication.primaryScreen()
    listed = ", ".join(
        f"{number} {screen.name() or 'unnamed'} {screen.geometry().width()}x{screen.geometry().height()}"
        + (" (primary)" if screen is primary else "")
        for number, screen in enumerate(screens, start=1)
    )
    return f"there is no screen {choice}; there {'is' if len(screens) == 1 else 'are'} {len(screens)}: {listed}"


def text_px(screen: QScreen) -> int:
    return max(16, round(screen.geometry().height() * TEXT_PX_AT_1080 / 1080))


class Audience(Protocol):
    """What conference mode needs of the window the room sees (the main window is one): the case it
    shows and the one selection, a view for the room and a cover over it, and a place on a screen."""

    @property
    def document(self) -> Document: ...

    @property
    def selection(self) -> Selection: ...

    def set_conference_view(self, text_px: int | None) -> None:
        """The room's view with body text `text_px` pixels tall, or back to the author's (None)."""

    def set_cover(self, cover: str) -> None:
        """Cover the view: "black", "white", "help" (the keys), or "" for none."""

    def set_slide(self, slide: Slide | None) -> None:
        """Show an agenda's title slide over the view, or none."""

    def setScreen(self, screen: QScreen, /) -> None: ...

    def setGeometry(self, rect: QRect, /) -> None: ...

    def showFullScreen(self) -> None: ...

    def showNormal(self) -> None: ...

    def saveGeometry(self) -> QByteArray: ...

    def restoreGeometry(self, geometry: QByteArray, /) -> bool: ...


class ConferenceMode(QObject):
    """Runs one talk over `audience`, with the console on another screen when there is one; with
    `agenda`, the talk goes through the agenda's cases. Emits `finished()` when the presenter leaves (Esc),
    `handout_requested(True)` when they ask for the session's handout (H in an agenda, or the console's
    button), `handout_requested(False)` for the case's (H outside an agenda, Shift+H)."""

    finished = Signal()
    handout_requested = Signal(bool)

    def __init__(
        self,
        audience: Audience,
        screen: int | None = None,
        parent: QObject | None = None,
        agenda: AgendaTalk | None = None,
    ) -> None:
        super().__init__(parent)
        self.audience = audience
        self._document = audience.document
        # A child, so it dies with this mode and never outlives the window as an event filter.
        self.talk = Talk(self._document, audience.selection, self)
        self.agenda = agenda
        if agenda is not None:
            agenda.setParent(self)
        # An agenda takes the keys first: it hands the talk those that stay within a case.
        self._keys: QObject = agenda if agenda is not None else self.talk
        self._screen = audience_screen(screen)
        # The console's screen is chosen once, at the start, and never becomes the
        # audience's: a console moved onto a returning projector would show the answers.
        primary = QGuiApplication.primaryScreen()
        others = [other for other in QGuiApplication.screens() if other is not self._screen]
        self._console_screen = primary if primary in others else next(iter(others), None)
        self.console = (
            PresenterConsole(self.talk, audience.selection, agenda) if self._console_screen is not None else None
        )
        if self.console is not None:
            self.console.handout_requested.connect(self.handout_requested)
        self._normal_geometry = audience.saveGeometry()
        self._document.begin_talk()
        self.talk.changed.connect(self._on_changed)
        self.talk.leave_requested.connect(self.stop)
        self.talk.send_to_next_screen.connect(self._on_send_to_next_screen)
        self.talk.handout_requested.connect(self._on_handout_key)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self._keys)
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        self._place()
        self.talk.go_to(0)
        if agenda is not None:
            agenda.changed.connect(self._on_agenda_changed)
            agenda.attach(self.talk)

    @property
    def screen(self) -> QScreen:
        return self._screen

    def _place(self) -> None:
        """Audience view full screen on its screen; the console on its own screen while that differs."""
        audience = self.audience
        audience.setScreen(self._screen)
        # The type for this screen first: the window's least size follows it, and a geometry set while the
        # type was a larger screen's is stretched to the least size that type needs (1280x755 on 720 lines).
        audience.set_conference_view(text_px(self._screen))
        audience.setGeometry(self._screen.geometry())
        audience.showFullScreen()
        if self.console is None:
            return
        console_screen = self._console_screen
        if console_screen is not None and console_screen is not self._screen:
            self.console.setScreen(console_screen)
            self.console.setGeometry(console_screen.availableGeometry())
            self.console.show()
        else:
            self.console.hide()

    @Slot()
    def _on_changed(self) -> None:
        self.audience.set_cover(self.talk.cover)

    @Slot()
    def _on_agenda_changed(self) -> None:
        assert self.agenda is not None
        self.audience.set_slide(self.agenda.slide)

    @Slot(bool)
    def _on_handout_key(self, this_case: bool) -> None:
        if self.agenda is None:
            self.handout_requested.emit(False)
        elif not this_case:
            self.handout_requested.emit(True)
        elif self.agenda.case_shown:
            self.handout_requested.emit(False)

    @Slot()
    def _on_send_to_next_screen(self) -> None:
        screens = QGuiApplication.screens()
        position = screens.index(self._screen) if self._screen in screens else -1
        self._screen = screens[(position + 1) % len(screens)]
        self._place()

    @Slot(QScreen)
    def _on_screen_removed(self, screen: QScreen) -> None:
        if screen is self._console_screen:
            self._console_screen = None
        if screen is self._screen:
            remaining = [other for other in QGuiApplication.screens() if other is not screen]
            if not remaining:
                return
            primary = QGuiApplication.primaryScreen()
            self._screen = primary if primary in remaining else remaining[0]
        self._place()

    @Slot(QScreen)
    def _on_screen_added(self, _screen: QScreen) -> None:
        # A projector plugged back in: the console may return to its own screen; S sends the view there.
        self._place()

    @Slot()
    def stop(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.removeEventFilter(self._keys)
        app.screenAdded.disconnect(self._on_screen_added)
        app.screenRemoved.disconnect(self._on_screen_removed)
        if self.console is not None:
            self.console.close()
            self.console.deleteLater()
            self.console = None
        self.audience.set_cover("")
        if self.agenda is not None:
            self.agenda.end()
            self.audience.set_slide(None)
        self.audience.set_conference_view(None)
        self.audience.showNormal()
        self.audience.restoreGeometry(self._normal_geometry)
        self.talk.end()
        self._document.end_talk()
        self.finished.emit()
