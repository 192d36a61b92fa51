"""Where an export may write, and what is left when it cannot: a full file system,
devices, FIFOs, folders and links as targets, an export ended by a signal, and the
temporaries of an export that was killed outright. Real conditions throughout: a
small tmpfs, real device nodes, real signals to a real process."""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from run_cli import REPO, run_cli

from viewer.record.atomic import WriteError, replace

PROBE = Path(__file__).parents[1] / "stall_probe.py"
OLD = b"%PDF-1.4 the good one, which must survive\n" * 100
KINDS = ("pdf", "svg", "png")


def _parts(*folders: Path) -> list[str]:
    return sorted(path.name for folder in folders for path in folder.iterdir() if path.name.endswith(".part"))


def _mount_tmpfs(mount_point: Path, size: str) -> None:
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs: {done.stderr.strip()}")
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def _fill(descriptor: int) -> None:
    while True:
        os.write(descriptor, b"\0" * 4096)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs holding an old export, filled but for 8 KiB: too little for any new export."""
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "1m")
    try:
        for kind in KINDS:
            (disk / f"old.{kind}").write_bytes(OLD)
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            with pytest.raises(OSError, match="No space left on device"):
                _fill(filler)
            os.ftruncate(filler, os.fstat(filler).st_size - 8192)
        finally:
            os.close(filler)
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], timeout=30, check=True)


# A full file system


@pytest.mark.parametrize("kind", KINDS)
def test_a_full_disk_is_reported_and_the_old_file_kept(full_disk, kind):
    target = full_disk / f"old.{kind}"
    result = run_cli("export", f"--{kind}", str(target))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {target}: No space left on device\n"
    assert result.stdout == ""
    assert target.read_bytes() == OLD
    assert _parts(full_disk) == []
    # With room, the same export is written: it was the disk that was full.
    (full_disk / "filler").unlink()
    result = run_cli("export", f"--{kind}", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{target}: written\n"
    assert target.read_bytes() != OLD
    assert _parts(full_disk) == []


# Devices, FIFOs, folders and links


def _device(folder: Path, name: str, major: int, minor: int) -> Path:
    node = folder / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    return node


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making device nodes needs root")
def test_a_device_node_is_refused_and_stays_a_device(tmp_path):
    # A private node of the null and full devices, and a link to one.
    null, full = _device(tmp_path, "null.pdf", 1, 3), _device(tmp_path, "full.svg", 1, 7)
    (tmp_path / "link.png").symlink_to(null)
    result = run_cli("export", "--pdf", str(null), "--svg", str(full), "--png", str(tmp_path / "link.png"), timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"case-viewer export: cannot write {tmp_path / 'link.png'}: not a regular file but a character device",
        f"case-viewer export: cannot write {full}: not a regular file but a character device",
        f"case-viewer export: cannot write {null}: not a regular file but a character device",
    ]
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert (tmp_path / "link.png").is_symlink()
    assert _parts(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_the_system_devices_are_refused_and_stay_devices(device):
    result = run_cli("export", "--pdf", device, timeout=120)
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {device}: not a regular file but a character device\n"
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert _parts(Path("/dev")) == []


def test_standard_output_as_a_pipe_is_refused():
    # Captured, the child's standard output is a pipe: /dev/stdout leads to a FIFO.
    result = run_cli("export", "--svg", "/dev/stdout", timeout=120)
    assert result.returncode == 1
    assert result.stderr == "case-viewer export: cannot write /dev/stdout: not a regular file but a named pipe (FIFO)\n"
    assert result.stdout == ""


def test_a_fifo_is_refused_without_waiting_for_a_reader(tmp_path):
    fifo = tmp_path / "h.pdf"
    os.mkfifo(fifo)
    result = run_cli("export", "--pdf", str(fifo), timeout=120)
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {fifo}: not a regular file but a named pipe (FIFO)\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _parts(tmp_path) == []


def test_a_folder_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "t.svg"
    folder.mkdir()
    (folder / "inside").write_text("kept", encoding="utf-8")
    result = run_cli("export", "--svg", str(folder))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {folder}: not a regular file but a folder\n"
    assert (folder / "inside").read_text(encoding="utf-8") == "kept"
    assert _parts(tmp_path) == []


def test_a_link_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "h.pdf").write_bytes(OLD)
    link = tmp_path / "h.pdf"
    link.symlink_to(Path("real") / "h.pdf")
    chain = tmp_path / "chain.pdf"
    chain.symlink_to(link.name)
    result = run_cli("export", "--pdf", str(chain))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{chain}: written\n"
    assert os.readlink(chain) == "h.pdf"
    assert os.readlink(link) == str(Path("real") / "h.pdf")
    assert (real / "h.pdf").read_bytes()[:5] == b"%PDF-"
    assert _parts(tmp_path, real) == []


def test_a_dangling_link_gets_its_file_where_the_folder_exists(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "t.svg"
    link.symlink_to(real / "new.svg")
    nowhere = tmp_path / "nowhere.svg"
    nowhere.symlink_to(tmp_path / "no-such-folder" / "new.svg")
    result = run_cli("export", "--svg", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert (real / "new.svg").read_bytes().startswith(b"<?xml")
    result = run_cli("export", "--svg", str(nowhere))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {nowhere}: No such file or directory\n"
    assert nowhere.is_symlink()
    assert not (tmp_path / "no-such-folder").exists()


def test_a_link_loop_is_one_plain_line(tmp_path):
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop.name)
    result = run_cli("export", "--png", str(loop))
    assert result.returncode == 1
    assert result.stderr == f"case-viewer export: cannot write {loop}: Too many levels of symbolic links\n"


# Signals


def _stalled(step: str, *args: str) -> subprocess.Popen[str]:
    """The export, started and held up at `step` (see stall_probe.py)."""
    process = subprocess.Popen(
        [sys.executable, str(PROBE), step, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    while True:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            process.kill()
            pytest.fail(f"the export never reached {step}")
        line = process.stdout.readline()
        if line == "stalled\n":
            return process
        if not line:
            process.wait(timeout=30)
            pytest.fail(f"the export ended before {step}: {process.stderr.read() if process.stderr else ''}")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
@pytest.mark.parametrize("step", ["drawing", "writing"])
def test_a_signal_leaves_no_temporary_and_the_old_file(tmp_path, step, number):
    target = tmp_path / "h.pdf"
    target.write_bytes(OLD)
    process = _stalled(step, "--pdf", str(target))
    if step == "writing":
        # The moment that matters: the new bytes are on disk beside the target.
        assert len(_parts(tmp_path)) == 1
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    # Ended by the signal itself, as an untouched process would be: a shell says 128 + number.
    assert process.returncode == -number
    assert "Traceback" not in stderr
    assert target.read_bytes() == OLD
    assert _parts(tmp_path) == []


# Temporaries of an export killed outright


def _finished_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=60)
    return process.pid


def test_the_next_export_removes_abandoned_temporaries_of_that_name(tmp_path):
    dead = _finished_pid()
    minutes_ago = time.time() - 120
    abandoned = [f".h.pdf.{dead}.0123abcd.part", ".h.pdf.abcdefgh.part"]
    kept = [
        # Still being written by a running process (this one), or too recent to tell.
        f".h.pdf.{os.getpid()}.89abcdef.part",
        ".h.pdf.k2j4h5g6.part",
        # Another target's, and names this writer never makes.
        f".other.pdf.{dead}.0123abcd.part",
        f".h.pdf.x.{dead}.0123abcd.part",
    ]
    for name in abandoned + kept:
        (tmp_path / name).write_bytes(b"")
    os.utime(tmp_path / ".h.pdf.abcdefgh.part", (minutes_ago, minutes_ago))
    os.utime(tmp_path / f".h.pdf.x.{dead}.0123abcd.part", (minutes_ago, minutes_ago))
    replace(tmp_path / "h.pdf", b"%PDF- new")
    assert (tmp_path / "h.pdf").read_bytes() == b"%PDF- new"
    assert _parts(tmp_path) == sorted(kept)


def test_a_short_write_is_retried_and_the_size_checked(tmp_path, monkeypatch):
    # os.write may take only part of what it is given; the rest must follow.
    write = os.write
    monkeypatch.setattr("viewer.record.atomic.os.write", lambda fd, data: write(fd, bytes(data)[:3]))
    replace(tmp_path / "t.svg", b"<svg>the whole drawing</svg>")
    assert (tmp_path / "t.svg").read_bytes() == b"<svg>the whole drawing</svg>"


@pytest.mark.parametrize(
    "write",
    [lambda _fd, data: len(data), lambda _fd, _data: 0],
    ids=["bytes reported written but lost", "nothing taken"],
)
def test_a_file_that_cannot_grow_is_an_error_not_a_cut_off_file(tmp_path, monkeypatch, write):
    monkeypatch.setattr("viewer.record.atomic.os.write", write)
    (tmp_path / "t.png").write_bytes(OLD)
    with pytest.raises(WriteError) as caught:
        replace(tmp_path / "t.png", b"\x89PNG new")
    assert str(caught.value) == f"cannot write {tmp_path / 't.png'}: 0 of 8 bytes reached the disk"
    assert (tmp_path / "t.png").read_bytes() == OLD
    assert _parts(tmp_path) == []
