"""Offscreen Qt for every test, settings that never leak between tests, and no window left open."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own settings folder and log folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home))
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        yield home
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(home / "config"))
    yield home


def _windows() -> list[QWidget]:
    """The top-level widgets without a parent still alive, deleted-later ones deleted (a parent deletes its own)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or not isinstance(widgets.QApplication.instance(), widgets.QApplication):
        return []
    from PySide6.QtCore import QEvent

    widgets.QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [widget for widget in widgets.QApplication.topLevelWidgets() if widget.parent() is None]


@pytest.fixture(autouse=True)
def no_window_left_open() -> Iterator[None]:
    """Fails a test that leaves a top-level widget behind, then deletes it so the next test starts clean.

    A test deletes what it opens: `qtbot.addWidget` closes and deletes a widget after the test."""
    before = _windows()
    yield
    left = [widget for widget in _windows() if not any(widget is old for old in before)]
    for widget in left:
        widget.close()
        widget.deleteLater()
    _windows()
    if left:
        pytest.fail(f"left open: {', '.join(type(widget).__name__ for widget in left)}", pytrace=False)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private Xvfb with two screens (1920x1080 and 1024x768), for tests that need real X.

    Skipped where Xvfb is missing, except in CI, where that is a failure."""
    import shutil
    import subprocess
    import time

    if shutil.which("Xvfb") is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is not installed; .ci/run installs it")
        pytest.skip("Xvfb is not installed")
    for number in range(90, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-screen", "1", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    yield display
    server.terminate()
    server.wait(timeout=10)
