"""`--screen N` names a screen there is, or the viewer says which there are and exits 2."""

from __future__ import annotations

import os

import pytest

from tests.run_cli import run_cli


@pytest.mark.parametrize("choice", ["0", "2", "-1"])
def test_a_screen_that_is_not_there_is_refused(tmp_path, choice):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = run_cli("--present", "--screen", choice, env=env, timeout=60)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert f"--screen {choice}: there is no screen {choice}; there is 1: 1 " in line
    assert line.endswith(" (primary)")
