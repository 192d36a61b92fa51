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


CASEDATA = Path(__file__).parents[1] / "casedata"


@pytest.fixture(autouse=True)
def casedata_untouched() -> Iterator[None]:
    """Fails a test that writes into the bundled cases' folder (an export whose dialog answered it)."""
    before = sorted(CASEDATA.iterdir())
    yield
    after = sorted(CASEDATA.iterdir())
    if after != before:
        new = [path.name for path in after if path not in before]
        pytest.fail(f"casedata/ changed: {', '.join(new) or 'a file went'}", pytrace=False)


@pytest.fixture(autouse=True)
def no_waiting_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file dialog or question a test has not answered fails the test, rather than wait for a user.

    A test that expects one sets its own stand-in over this one."""
    try:
        from PySide6.QtWidgets import QFileDialog, QMessageBox
    except ImportError:  # pragma: no cover
        return

    def unanswered(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"a modal dialog would wait for a user: {args[1:3]}")

    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, unanswered)
    monkeypatch.setattr(QMessageBox, "question", unanswered)


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


class TwoMonitors:
    """A real X server (Xorg, dummy driver) showing two RandR monitors, as a laptop with a projector:
    LEFT 1920x1080 (primary) and RIGHT 1280x720 to its right. Xvfb cannot do this: Qt 6 makes screens of
    RandR monitors, never of Xinerama. `unplug` and `replug` take the projector away and bring it back."""

    LEFT = "1920/508x1080/286+0+0"
    RIGHT = "1280/338x720/190+1920+0"

    def __init__(self, display: str) -> None:
        self.display = display

    def xrandr(self, *args: str) -> None:
        import subprocess

        subprocess.run(["xrandr", *args], env={**os.environ, "DISPLAY": self.display}, check=True, timeout=30)

    def unplug(self) -> None:
        self.xrandr("--delmonitor", "RIGHT")

    def replug(self) -> None:
        self.xrandr("--setmonitor", "RIGHT", self.RIGHT, "none")

    def ensure_plugged(self) -> None:
        """Both monitors there again, whatever a test left."""
        import subprocess

        listed = subprocess.run(
            ["xrandr", "--listmonitors"],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        if " RIGHT " not in listed.stdout:
            self.replug()


@pytest.fixture(scope="session")
def two_monitors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoMonitors]:
    """Skipped where Xorg, its dummy driver or xrandr is missing, except in CI, where that is a failure."""
    import shutil
    import subprocess
    import time

    missing = [name for name in ("Xorg", "xrandr") if shutil.which(name) is None]
    if not Path("/usr/lib/xorg/modules/drivers/dummy_drv.so").exists():
        missing.append("the dummy video driver")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} not installed; .ci/run installs them")
        pytest.skip(f"{', '.join(missing)} not installed")
    for number in range(60, 90):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    log = tmp_path_factory.mktemp("xorg") / "Xorg.log"
    server = subprocess.Popen(
        [
            "Xorg",
            display,
            "-noreset",
            "-nolisten",
            "tcp",
            "-logfile",
            str(log),
            "-config",
            str(DATA / "xorg" / "dummy.conf"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    monitors = TwoMonitors(display)
    deadline = time.monotonic() + 20
    env = {**os.environ, "DISPLAY": display}
    while subprocess.run(["xrandr"], env=env, capture_output=True, check=False).returncode != 0:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"Xorg did not start on {display} (see {log})")
        time.sleep(0.1)
    monitors.xrandr("--setmonitor", "LEFT", TwoMonitors.LEFT, "DUMMY0")
    monitors.replug()
    yield monitors
    server.terminate()
    server.wait(timeout=10)
