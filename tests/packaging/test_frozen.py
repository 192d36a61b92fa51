"""Smoke tests of what packagers ship: the PyInstaller bundle, and the installed wheel's GUI.

The frozen and wheel tests are slow (a bundle build, a fresh venv), so they run
only when asked, and are skipped otherwise:

    CASE_VIEWER_FROZEN=1 .venv/bin/python -m pytest tests/packaging/test_frozen.py
        builds a bundle with packaging/build.py into a temporary folder, once per session;
    CASE_VIEWER_BUNDLE=dist/case-viewer .venv/bin/python -m pytest tests/packaging/test_frozen.py
        tests a bundle already built (what .ci/run does right after packaging/build.py).

Each run copies the bundle to a temporary folder first and starts it from there
with a clean environment, so the source tree cannot stand in for the bundle.
The check that the CLI survives a windowed build's missing stdout is quick and
always runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
BUNDLED_CASE = "anti-mda5-ivig.case.yaml"
TABS = 6  # History, Findings, Serologies, Treatment, Discussion, Source
TIMEOUT = 180

_GIVEN_BUNDLE = os.environ.get("CASE_VIEWER_BUNDLE", "")
_ASKED = bool(_GIVEN_BUNDLE) or os.environ.get("CASE_VIEWER_FROZEN", "") not in ("", "0")
packaged = pytest.mark.skipif(
    not _ASKED, reason="slow: set CASE_VIEWER_FROZEN=1 (build a bundle) or CASE_VIEWER_BUNDLE=<folder>"
)


def _environment(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no PYTHONPATH or virtualenv, settings in a private home."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(extra)
    return env


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def _assert_screenshots(directory: Path, result: subprocess.CompletedProcess[str]) -> None:
    """One PNG per tab, each a real picture: many colours, none covering almost all of it."""
    from PySide6.QtGui import QImage

    assert result.returncode == 0, result.stderr
    pictures = sorted(directory.glob("*.png"))
    assert len(pictures) == TABS, (pictures, result.stderr)
    for picture in pictures:
        image = QImage(str(picture))
        assert not image.isNull(), picture
        assert image.width() >= 400, picture
        assert image.height() >= 300, picture
        counts: dict[int, int] = {}
        for y in range(0, image.height(), 4):
            for x in range(0, image.width(), 4):
                rgb = image.pixel(x, y)
                counts[rgb] = counts.get(rgb, 0) + 1
        total = sum(counts.values())
        assert len(counts) >= 16, f"{picture.name}: only {len(counts)} colours"
        assert max(counts.values()) / total < 0.97, f"{picture.name}: nearly one flat colour"


def _bad_record() -> Path:
    preferred = [BAD / "wrong-enum-status.yaml", BAD / "bad-enum-status.yaml"]
    for path in [*preferred, *sorted(BAD.glob("*.yaml"))]:
        if path.is_file():
            return path
    pytest.fail(f"no broken record in {BAD}")


# The bundle


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder bundle, copied away from the source tree and from dist/."""
    if _GIVEN_BUNDLE:
        source = Path(_GIVEN_BUNDLE).resolve()
    else:
        scratch = tmp_path_factory.mktemp("build")
        subprocess.run(
            [sys.executable, ROOT / "packaging" / "build.py", "--dist", scratch / "dist", "--work", scratch / "work"],
            check=True,
            timeout=1800,
        )
        source = scratch / "dist" / "case-viewer"
    assert (source / "case-viewer").is_file(), f"no bundle at {source}"
    moved = tmp_path_factory.mktemp("moved") / "case-viewer"
    shutil.copytree(source, moved, symlinks=True)
    return moved


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def _frozen(bundle: Path, args: list[str | Path], home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return _run([bundle / "case-viewer", *args], cwd=home, env=_environment(home, **extra))


def _data_dirs(bundle: Path, home: Path) -> dict[str, Path]:
    result = _frozen(bundle, ["schema"], home, CASE_VIEWER_SHOW_DATA_DIRS="1")
    assert result.returncode == 0, result.stderr
    found = dict(re.findall(r"^data_dir (\w+): (.+)$", result.stderr, re.MULTILINE))
    print("resolved in the frozen app:", found)
    return {name: Path(path) for name, path in found.items()}


@pytest.mark.slow
@packaged
def test_frozen_app_finds_its_data_inside_the_bundle(bundle: Path, home: Path) -> None:
    dirs = _data_dirs(bundle, home)
    assert set(dirs) == {"casedata", "resources"}
    for path in dirs.values():
        assert path.is_relative_to(bundle), f"{path} is outside the bundle {bundle}"
        assert not path.is_relative_to(ROOT), f"{path} is the source tree"
    assert (dirs["casedata"] / BUNDLED_CASE).is_file()
    assert (dirs["casedata"] / "case.schema.json").is_file()
    if any((ROOT / "resources").iterdir()):
        assert dirs["resources"].is_dir(), "resources/ was not collected into the bundle"


@pytest.mark.slow
@packaged
def test_frozen_validate_accepts_the_bundled_case(bundle: Path, home: Path) -> None:
    case = _data_dirs(bundle, home)["casedata"] / BUNDLED_CASE
    result = _frozen(bundle, ["validate", case], home)
    assert result.returncode == 0, result.stderr
    assert f"{case}: valid" in result.stdout


@pytest.mark.slow
@packaged
def test_frozen_validate_locates_the_problem_in_a_broken_record(bundle: Path, home: Path) -> None:
    bad = _bad_record()
    result = _frozen(bundle, ["validate", bad], home)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: \S", result.stderr, re.MULTILINE), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@packaged
def test_frozen_screenshots_offscreen(bundle: Path, home: Path) -> None:
    shots = home / "shots"
    result = _frozen(bundle, ["--screenshot", shots, "--size", "1024x700"], home)
    _assert_screenshots(shots, result)


@contextmanager
def _xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY. Xvfb picks a free display number itself."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.xvfb
@packaged
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (.ci/run installs it)")
def test_frozen_screenshots_on_xcb_under_xvfb(bundle: Path, home: Path) -> None:
    """Catches a missing xcb plugin or system library, which offscreen never loads."""
    shots = home / "shots"
    with _xvfb() as display:
        result = _frozen(bundle, ["--screenshot", shots], home, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    if result.returncode != 0:
        # Qt's own message names xcb-cursor whatever is missing; this says what is.
        with _xvfb() as display:
            debug = _frozen(bundle, ["--version"], home, QT_QPA_PLATFORM="xcb", DISPLAY=display, QT_DEBUG_PLUGINS="1")
        pytest.fail(f"xcb run failed:\n{result.stderr}\n--- QT_DEBUG_PLUGINS ---\n{debug.stderr[-4000:]}")
    _assert_screenshots(shots, result)


@pytest.mark.slow
@packaged
def test_frozen_export_writes_a_pdf(bundle: Path, home: Path) -> None:
    # `export` is being written: until the built app has the command, its
    # `export --help` falls through to the GUI parser's help. Once it has, this
    # test runs by itself; nothing to switch on.
    probe = _frozen(bundle, ["export", "--help"], home)
    if "usage: case-viewer export" not in probe.stdout + probe.stderr:
        pytest.skip("the built app has no `export` command yet")
    out = home / "handout.pdf"
    result = _frozen(bundle, ["export", "--pdf", out], home)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        assert pages, info
        assert int(pages.group(1)) >= 1, info


# The wheel (tests/packaging/test_wheel.py checks `validate` from an installed wheel)


@pytest.mark.slow
@packaged
def test_installed_wheel_takes_screenshots(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, ROOT],
        check=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("case_viewer-*.whl")
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", wheel], check=True, timeout=900)
    home = tmp_path / "home"
    env = _environment(home)
    located = _run([python, "-c", "from viewer.paths import data_dir; print(data_dir('casedata'))"], home, env)
    assert located.returncode == 0, located.stderr
    casedata = Path(located.stdout.strip())
    assert casedata.is_relative_to(fresh), casedata
    assert (casedata / BUNDLED_CASE).is_file(), casedata
    shots = home / "shots"
    _assert_screenshots(shots, _run([fresh / "bin" / "case-viewer", "--screenshot", shots], home, env))


# A windowed build (Windows, macOS) has no stdout or stderr


_WITHOUT_STREAMS = """
import sys
sys.stdout = None
sys.stderr = None
from viewer.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["validate", str(ROOT / "casedata" / BUNDLED_CASE)], 0),
        (["validate", "BAD"], 1),
        (["schema"], 0),
        (["validate"], 2),
        (["--version"], 0),
    ],
)
def test_cli_keeps_its_exit_status_without_stdout(args: list[str], status: int, tmp_path: Path) -> None:
    """What the windowed `case-viewer` does when given a command: no output, no crash, the right status."""
    args = [str(_bad_record()) if arg == "BAD" else arg for arg in args]
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_STREAMS, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == status
    assert result.stdout == ""
    assert result.stderr == ""
