"""How the window looks: the user's theme and text size, or the projector's look during a talk."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from viewer.draw.theme import THEMES, Theme
from viewer.ui.settings import TEXT_PERCENT_RANGE, Preferences

TEXT_STEP = 10
"""Percent that Text Bigger and Text Smaller add or take."""


class Look(QObject):
    """The theme and text size the user chose (kept in `preferences`), or while a talk runs the
    projector theme with body text a given number of pixels tall; applied to the application's
    palette and to `window`'s palette and font. Emits `changed()` once applied, for what draws
    with the theme itself."""

    changed = Signal()

    def __init__(self, preferences: Preferences, window: QWidget) -> None:
        super().__init__(window)
        self._preferences = preferences
        self._window = window
        self._base_font = QFont(QApplication.font())
        self._theme_name = preferences.theme()
        self._text_percent = preferences.text_percent()
        self._projector_px: int | None = None

    @property
    def theme_name(self) -> str:
        """The user's theme, also while the projector's is shown."""
        return self._theme_name

    @property
    def theme(self) -> Theme:
        """The theme shown now."""
        return THEMES["projector" if self._projector_px else self._theme_name]

    def set_theme(self, name: str, remember: bool = True) -> None:
        self._theme_name = name
        if remember:
            self._preferences.set_theme(name)
        self.apply()

    def set_text_percent(self, percent: int) -> None:
        low, high = TEXT_PERCENT_RANGE
        self._text_percent = max(low, min(high, percent))
        self._preferences.set_text_percent(self._text_percent)
        self.apply()

    @Slot()
    def bigger(self) -> None:
        self.set_text_percent(self._text_percent + TEXT_STEP)

    @Slot()
    def smaller(self) -> None:
        self.set_text_percent(self._text_percent - TEXT_STEP)

    @Slot()
    def reset(self) -> None:
        self.set_text_percent(100)

    def set_projector(self, text_px: int | None) -> None:
        """The projector's look with body text `text_px` pixels tall, or back to the user's (None)."""
        self._projector_px = text_px
        self.apply()

    def apply(self) -> None:
        theme = self.theme
        palette = theme.palette()
        QApplication.setPalette(palette)
        self._window.setPalette(palette)
        font = QFont(self._base_font)
        if self._projector_px:
            font.setPixelSize(self._projector_px)
        else:
            font.setPointSizeF(self._base_font.pointSizeF() * self._text_percent / 100 * theme.font_scale)
        self._window.setFont(font)
        self.changed.emit()
