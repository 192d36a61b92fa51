"""Settings that persist between runs. Anything unreadable falls back to a default.

The settings live in one INI file, checked before Qt reads it: Qt blocks for
good opening a named pipe, and it rebuilds `@Variant(...)` values with
QDataStream, where a crafted length makes it reserve gigabytes and abort the
process (std::bad_alloc). A file that fails the check is renamed aside
(`<name>.broken`) and the viewer starts with defaults, saying so in one line.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QCryptographicHash, QSettings, QStandardPaths

from viewer.draw.theme import DEFAULT_THEME, THEMES
from viewer.output import say

MAX_RECENT = 8
TEXT_PERCENT_RANGE = (50, 300)
MAX_SETTINGS_BYTES = 256 * 1024
"""Far more than the viewer writes (eight recent paths and the window's geometry)."""
MAX_PATH_CHARS = 4096
MAX_GEOMETRY_BYTES = 64 * 1024

# Qt decodes these with QDataStream: the only values whose reading allocates what the file claims.
_SERIALIZED = ("@Variant(", "@DateTime(")
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "?": "?",
    "'": "'",
    "\\": "\\",
}
# An escape, or a run of what is dropped: quotes, spaces, tabs and bytes past ASCII.
_TOKEN = re.compile(r'\\(?:x([0-9a-fA-F]*)|([0-7]+)|(.))|[" \t\x80-\xff]+', re.DOTALL)


def settings_path() -> Path:
    """The settings file: where Qt keeps an application's settings on Linux, in INI form on every platform
    (a file that can be checked before it is read, rather than the registry or a property list)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    organization = QCoreApplication.organizationName() or "Unknown Organization"
    return Path(folder) / organization / f"{QCoreApplication.applicationName()}.conf"


def settings_problem(path: Path) -> str:
    """Why the settings file at `path` must not be read ("" when it may, or is absent).

    A value that merely contains "@Variant(" is refused as well: the viewer never
    writes one, and telling the two apart would mean re-implementing Qt's reader."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "" if not os.path.islink(path) else "is a link that points nowhere"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    try:
        # Not blocking: the file may have become a named pipe since the check above.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return "is not a regular file"
        data = file.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        return f"is larger than {MAX_SETTINGS_BYTES // 1024} KiB"
    if any(form in _decoded(data) for form in _SERIALIZED):
        return "holds a serialized value (@Variant), which the viewer never writes"
    return ""


def _decoded(data: bytes) -> str:
    """The text Qt's INI reader makes of `data`, read loosely enough to find every value it would
    rebuild from a serialized form: escapes decoded as Qt decodes them, and quotes, spaces, tabs and
    non-ASCII bytes dropped (Qt drops some of each, so dropping all finds at least what Qt would see)."""
    return _TOKEN.sub(_unescaped, data.decode("latin-1"))


def _unescaped(match: re.Match[str]) -> str:
    hexadecimal, octal, other = match.groups()
    if hexadecimal is not None:
        # Qt keeps one UTF-16 unit, however many digits follow; "\x" with none gives nothing.
        return chr(int(hexadecimal, 16) & 0xFFFF) if hexadecimal else ""
    if octal is not None:
        return chr(int(octal, 8) & 0xFFFF)
    # Any other escaped character, a line break included, is skipped, as Qt skips it.
    return _ESCAPES.get(other or "", "")


class Preferences:
    """Typed access to the user's settings; with `persist` false, changes are not saved. With `defaults`,
    the saved values are not read either: every value is its default (the file is still checked).

    `notice` is one line saying the settings file was set aside, or ""."""

    def __init__(self, persist: bool = True, defaults: bool = False) -> None:
        self._persist = persist
        self.notice = ""
        path = settings_path()
        problem = settings_problem(path)
        if problem:
            self.notice = _set_aside(path, problem)
            say(f"case-viewer: {self.notice}\n", sys.stderr)
        # Left unread when it could not be moved aside: the viewer runs on defaults and saves nothing.
        readable = not defaults and (not problem or not os.path.lexists(path))
        self._settings = QSettings(str(path), QSettings.Format.IniFormat) if readable else None

    def _set(self, key: str, value: object) -> None:
        if self._persist and self._settings is not None:
            self._settings.setValue(key, value)

    def _value(self, key: str) -> object:
        if self._settings is None:
            return None
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
        text = str(value)
        if not (isinstance(value, (str, int)) and len(text) <= 4 and text.isascii() and text.isdigit()):
            return 100
        low, high = TEXT_PERCENT_RANGE
        return int(text) if low <= int(text) <= high else 100

    def set_text_percent(self, percent: int) -> None:
        self._set("view/text_percent", percent)

    def recent_files(self) -> list[str]:
        value = self._value("files/recent")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        entries = [entry for entry in value if isinstance(entry, str) and 0 < len(entry) <= MAX_PATH_CHARS]
        return entries[:MAX_RECENT]

    def add_recent_file(self, path: str) -> list[str]:
        resolved = str(Path(path).resolve())
        recent = [resolved] + [entry for entry in self.recent_files() if entry != resolved]
        self._set("files/recent", recent[:MAX_RECENT])
        # A file that leaves the menu takes its unknown title with it.
        for dropped in recent[MAX_RECENT:]:
            self._remove(_title_key(dropped))
        return recent[:MAX_RECENT]

    def clear_recent_files(self) -> None:
        self._set("files/recent", [])
        self._remove("unknown_titles")

    def _remove(self, key: str) -> None:
        if self._persist and self._settings is not None:
            self._settings.remove(key)

    def unknown_title(self, path: str) -> str:
        """The unknown title of the record last read from `path` (resolved), "" when none is known."""
        value = self._value(_title_key(path))
        return value if isinstance(value, str) and 0 < len(value) <= MAX_PATH_CHARS else ""

    def set_unknown_title(self, path: str, title: str) -> None:
        """Remember `title` as the unknown title of `path` (a recent file), which unknown-case mode shows
        instead of the path."""
        if self.unknown_title(path) != title:
            self._set(_title_key(path), title)

    def geometry(self) -> tuple[QByteArray, QByteArray] | None:
        geometry, state = self._value("window/geometry"), self._value("window/state")
        if not (isinstance(geometry, QByteArray) and isinstance(state, QByteArray)):
            return None
        return (geometry, state) if max(geometry.size(), state.size()) <= MAX_GEOMETRY_BYTES else None

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._set("window/geometry", geometry)
        self._set("window/state", state)

    def show_unquoted(self) -> bool:
        """Whether the Source tab marks the sentences no item quotes (View › Show Unquoted Source)."""
        return str(self._value("view/show_unquoted")).lower() == "true"

    def set_show_unquoted(self, show: bool) -> None:
        self._set("view/show_unquoted", show)

    def panes(self) -> QByteArray | None:
        """The state of the splitter between the timeline and the tabs, as the user left it."""
        state = self._value("window/panes")
        return state if isinstance(state, QByteArray) and state.size() <= MAX_GEOMETRY_BYTES else None

    def set_panes(self, state: QByteArray) -> None:
        self._set("window/panes", state)


def _title_key(path: str) -> str:
    # A digest, not the path: a key is one line of the file, and a path may hold any character. Qt's SHA-256,
    # as hashlib's: hashlib loads OpenSSL, milliseconds on the way to the first paint.
    digest = QCryptographicHash.hash(path.encode("utf-8", "surrogatepass"), QCryptographicHash.Algorithm.Sha256)
    return f"unknown_titles/{bytes(digest.toHex().data()).decode('ascii')[:32]}"


def _set_aside(path: Path, problem: str) -> str:
    """Rename the settings file aside; one line saying what happened."""
    broken = path.with_name(path.name + ".broken")
    try:
        os.replace(path, broken)
    except OSError as error:
        return f"the settings file {path} {problem} and could not be set aside ({error.strerror}); using defaults"
    return f"the settings file {path} {problem}; set aside as {broken.name}, using defaults"
