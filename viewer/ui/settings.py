"""Settings that persist between runs. Anything unreadable falls back to a default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from viewer.ui.theme import DEFAULT_THEME, THEMES

MAX_RECENT = 8
TEXT_PERCENT_RANGE = (50, 300)


class Preferences:
    """Typed access to the user's QSettings; with `persist` false, changes are not saved."""

    def __init__(self, persist: bool = True) -> None:
        self._settings = QSettings()
        self._persist = persist

    def _set(self, key: str, value: object) -> None:
        if self._persist:
            self._settings.setValue(key, value)

    def _value(self, key: str) -> object:
        try:
            return self._settings.value(key)
        except Exception:
            return None

    def theme(self) -> str:
        value = self._value("view/theme")
        return value if isinstance(value, str) and value in THEMES else DEFAULT_THEME

    def set_theme(self, name: str) -> None:
        self._set("view/theme", name)

    def text_percent(self) -> int:
        value = self._value("view/text_percent")
        try:
            percent = int(str(value))
        except ValueError:
            return 100
        low, high = TEXT_PERCENT_RANGE
        return percent if low <= percent <= high else 100

    def set_text_percent(self, percent: int) -> None:
        self._set("view/text_percent", percent)

    def recent_files(self) -> list[str]:
        value = self._value("files/recent")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [entry for entry in value if isinstance(entry, str) and entry][:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        resolved = str(Path(path).resolve())
        recent = [resolved] + [entry for entry in self.recent_files() if entry != resolved]
        self._set("files/recent", recent[:MAX_RECENT])
        return recent[:MAX_RECENT]

    def clear_recent_files(self) -> None:
        self._set("files/recent", [])

    def geometry(self) -> tuple[QByteArray, QByteArray] | None:
        geometry, state = self._value("window/geometry"), self._value("window/state")
        if isinstance(geometry, QByteArray) and isinstance(state, QByteArray):
            return geometry, state
        return None

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._set("window/geometry", geometry)
        self._set("window/state", state)
