"""Only regular files are read as records: a FIFO, a device or a folder gets a located answer at once.

Each run that could block on a FIFO is a subprocess with a timeout, so that a
regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from run_cli import run_cli

from viewer.record.files import NotRegularFileError, read_regular_file

GOOD = Path(__file__).parents[1] / "data" / "good" / "minimal.case.yaml"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    os.mkfifo(path)
    return path


def test_validate_answers_at_once_for_a_fifo(fifo: Path) -> None:
    run = run_cli("validate", str(fifo), str(GOOD), timeout=60)
    assert run.returncode == 1
    assert run.stderr == f"{fifo}:1:1: cannot read the file: not a regular file but a named pipe (FIFO)\n"
    assert run.stdout == f"{GOOD}: valid\n"


def test_export_answers_at_once_for_a_fifo(fifo: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    run = run_cli("export", str(fifo), "--png", str(out), timeout=60)
    assert run.returncode == 1
    assert f"{fifo}:1:1: cannot read the file: not a regular file but a named pipe (FIFO)" in run.stderr
    assert not out.exists()


@pytest.mark.parametrize("loader", ["viewer.record.loader:load_record", "viewer.record.bundled:load_case"])
def test_the_window_and_the_loader_answer_at_once_for_a_fifo(fifo: Path, loader: str) -> None:
    module, name = loader.split(":")
    code = (
        f"from {module} import {name}\n"
        "from viewer.record.problems import RecordError\n"
        "import sys\n"
        "try:\n"
        f"    {name}(sys.argv[1])\n"
        "except RecordError as error:\n"
        "    print(error.problems[0].message)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60, check=True
    )
    assert run.stdout == "cannot read the file: not a regular file but a named pipe (FIFO)\n"


def test_the_safe_reader_refuses_a_fifo_without_blocking(fifo: Path) -> None:
    code = (
        "import sys\n"
        "from viewer.record.files import NotRegularFileError, read_regular_file\n"
        "try:\n"
        "    read_regular_file(sys.argv[1])\n"
        "except NotRegularFileError as error:\n"
        "    print(error)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60, check=True
    )
    assert run.stdout == "not a regular file but a named pipe (FIFO)\n"


def test_the_safe_reader_refuses_devices_and_folders(tmp_path: Path) -> None:
    for path, kind in (
        ("/dev/zero", "a character device"),
        ("/dev/null", "a character device"),
        (str(tmp_path), "a folder"),
    ):
        if not Path(path).exists():
            continue
        with pytest.raises(NotRegularFileError) as caught:
            read_regular_file(path)
        assert str(caught.value) == f"not a regular file but {kind}"


def test_the_safe_reader_follows_a_link_to_a_regular_file_and_stops_after_the_limit(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(GOOD)
    assert read_regular_file(link) == GOOD.read_bytes()
    assert read_regular_file(GOOD, limit=10) == GOOD.read_bytes()[:11]
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "absent.yaml")
