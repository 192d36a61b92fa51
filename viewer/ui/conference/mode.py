"""Conference mode: the main window full screen on the projector, a console on the laptop."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from viewer.content.disclosure import Disclosure
from viewer.record.timing import resolve_times
from viewer.ui.conference.console import PresenterConsole
from viewer.ui.conference.overlay import CoverOverlay
from viewer.ui.conference.talk import Presentation
from viewer.ui.window import MainWindow

# Body text on a 1080-line projector; scaled with the screen's height.
TEXT_PX_AT_1080 = 30


def audience_screen(choice: int | None) -> QScreen:
    """Screen `choice` (counted from 1), else the first screen that is not the primary."""
    screens = QGuiApplication.screens()
    if choice is not None and 1 <= choice <= len(screens):
        return screens[choice - 1]
    primary = QGuiApplication.primaryScreen()
    return next((screen for screen in screens if screen is not primary), primary)


def text_px(screen: QScreen) -> int:
    return max(16, round(screen.geometry().height() * TEXT_PX_AT_1080 / 1080))


class ConferenceMode(QObject):
    """Runs one talk over `window`. Emits `finished()` when the presenter leaves (Esc)."""

    finished = Signal()

    def __init__(self, window: MainWindow, screen: int | None = None, unknown: bool = False) -> None:
        super().__init__(window)
        record = window.record
        if record is None:
            raise ValueError("no case is open")
        self.window = window
        # A child, so it dies with this mode and never outlives the window as an event filter.
        self.presentation = Presentation(record, resolve_times(record), window.selection, unknown, self)
        self.overlay = CoverOverlay(window)
        self._screen = audience_screen(screen)
        # The console's screen is chosen once, at the start, and never becomes the
        # audience's: a console moved onto a returning projector would show the answers.
        primary = QGuiApplication.primaryScreen()
        others = [other for other in QGuiApplication.screens() if other is not self._screen]
        self._console_screen = primary if primary in others else next(iter(others), None)
        self.console = PresenterConsole(self.presentation) if self._console_screen is not None else None
        self._normal_geometry = window.saveGeometry()
        self.presentation.changed.connect(self._on_changed)
        self.presentation.leave_requested.connect(self.stop)
        self.presentation.send_to_next_screen.connect(self._on_send_to_next_screen)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.installEventFilter(self.presentation)
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        self._place()
        self.presentation.go_to(0)

    @property
    def screen(self) -> QScreen:
        return self._screen

    def _place(self) -> None:
        """Audience view full screen on its screen; the console on its own screen while that differs."""
        window = self.window
        window.setScreen(self._screen)
        window.setGeometry(self._screen.geometry())
        window.set_presenting(text_px(self._screen))
        window.showFullScreen()
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
        talk = self.presentation
        self.window.set_disclosure(talk.disclosure)
        self.overlay.set_cover(talk.cover)

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
        app.removeEventFilter(self.presentation)
        app.screenAdded.disconnect(self._on_screen_added)
        app.screenRemoved.disconnect(self._on_screen_removed)
        if self.console is not None:
            self.console.close()
            self.console.deleteLater()
            self.console = None
        self.window.removeEventFilter(self.overlay)
        self.overlay.deleteLater()
        self.window.set_presenting(None)
        self.window.showNormal()
        self.window.restoreGeometry(self._normal_geometry)
        record = self.presentation.record
        self.window.set_disclosure(Disclosure(record, unknown=self.window.unknown_action.isChecked()))
        self.finished.emit()
