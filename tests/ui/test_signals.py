"""Ctrl+C, SIGTERM and SIGHUP quit the window as File › Quit does, saving its state.

The real app in its own process (offscreen, its own settings folder), signalled
once it is up: once its handlers are in place, which /proc shows (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from run_cli import REPO

# Started as from a terminal: Python's own SIGINT handler, the other two at their defaults.
LAUNCH = (
    "import signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "signal.signal(signal.SIGTERM, signal.SIG_DFL)\n"
    "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
    "from viewer.cli import main\n"
    "sys.exit(main([]))\n"
)


def _caught(pid: int) -> int:
    """The mask of signals process `pid` has a handler for."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("SigCgt:"):
            return int(line.split()[1], 16)
    raise AssertionError("no SigCgt line")


def _wait_for_handlers(process: subprocess.Popen[str]) -> None:
    wanted = (1 << (signal.SIGTERM - 1)) | (1 << (signal.SIGHUP - 1))
    deadline = time.monotonic() + 60
    while _caught(process.pid) & wanted != wanted:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, stderr = process.communicate(timeout=30)
            pytest.fail(f"the window never handled SIGTERM and SIGHUP: {stderr}")
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc to see the app is up")
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_quits_and_saves_the_window_state(isolated_settings, number):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_for_handlers(process)
    process.send_signal(number)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "KeyboardInterrupt" not in stderr
    assert stdout == ""
    # Nothing unexpected was logged either (the "Something went wrong" dialog's log).
    assert list(isolated_settings.rglob("*.log")) == []
    settings = QSettings(
        str(isolated_settings / "config" / "CaseViewer" / "case-viewer.conf"), QSettings.Format.IniFormat
    )
    for key in ("window/geometry", "window/state"):
        value = settings.value(key)
        assert isinstance(value, QByteArray)
        assert value.size() > 0
