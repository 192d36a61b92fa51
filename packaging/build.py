"""Build the PyInstaller bundle of Case Viewer: the packagers' command.

    python3 packaging/build.py                 # one folder: dist/case-viewer/ and its .tar.gz
    python3 packaging/build.py --onefile       # one file:   dist/case-viewer
    python3 packaging/build.py --venv DIR      # reuse a build venv instead of making a clean one

Steps: build the project's wheel; make a clean venv under build/ (or use the
given one) and install the wheel (not editable: the spec collects the data from
inside the installed package) and PyInstaller; run packaging/case-viewer.spec;
print the one-folder size and the .tar.gz size, and fail when either is over
budget. Runs with any Python >= 3.11 on Linux, Windows or macOS; the size budget
is for the Linux one-folder build.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "case-viewer.spec"
PYINSTALLER = "pyinstaller>=6.10,<7"
# Issue 4: the Linux one-folder build, at most 120 MB, and 50 MB as .tar.gz.
FOLDER_BUDGET_MB = 120.0
TARBALL_BUDGET_MB = 50.0
MB = 1_000_000  # decimal megabytes, the stricter reading of the budget


def _run(command: list[str | Path], cwd: Path | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    # PYTHONPATH would let the source tree shadow the installed package.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    subprocess.run([str(part) for part in command], cwd=cwd, env=env, check=True)


def _venv_python(directory: Path) -> Path:
    return directory / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def _tarball(folder: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz", compresslevel=9) as archive:
        archive.add(folder, arcname=folder.name)


def _platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onefile", action="store_true", help="build one file instead of one folder")
    parser.add_argument("--venv", type=Path, help="use this venv (the project is installed into it)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle lands (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder (default: build/)")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    dist.mkdir(parents=True, exist_ok=True)

    build_venv = args.venv.resolve() if args.venv else work / "packaging-venv"
    if not args.venv:
        # A clean venv every time: only the project's own dependencies get in.
        shutil.rmtree(build_venv, ignore_errors=True)
        venv.create(build_venv, with_pip=True)
    python = _venv_python(build_venv)

    wheels = work / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    _run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, ROOT])
    (wheel,) = wheels.glob("case_viewer-*.whl")
    _run([python, "-m", "pip", "install", "--quiet", "--force-reinstall", wheel, PYINSTALLER])

    command: list[str | Path] = [
        python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work / "pyinstaller", SPEC,
    ]  # fmt: skip
    if args.onefile:
        command += ["--", "--onefile"]
    # Run from the scratch folder: `python -m` puts the working directory on
    # sys.path, and from the repository root the source tree's `viewer` (with no
    # data inside) would shadow the installed one.
    _run(command, cwd=work)

    version = subprocess.run(
        [python, "-c", "import viewer; print(viewer.__version__)"], cwd=work, capture_output=True, text=True, check=True
    ).stdout.strip()
    name = "case-viewer.exe" if sys.platform == "win32" else "case-viewer"
    if args.onefile:
        print(f"one file: {dist / name}  {_size(dist / name) / MB:.1f} MB")
        return 0
    folder = dist / "case-viewer"
    tarball = dist / f"case-viewer-{version}-{_platform_tag()}.tar.gz"
    _tarball(folder, tarball)
    folder_mb = _size(folder) / MB
    tarball_mb = _size(tarball) / MB
    print(f"one folder: {folder}  {folder_mb:.1f} MB (budget {FOLDER_BUDGET_MB:.0f} MB)")
    print(f"tar.gz:     {tarball}  {tarball_mb:.1f} MB (budget {TARBALL_BUDGET_MB:.0f} MB)")
    over = [
        f"{what} is {size:.1f} MB, over the {budget:.0f} MB budget"
        for what, size, budget in (
            ("the one-folder bundle", folder_mb, FOLDER_BUDGET_MB),
            ("the .tar.gz", tarball_mb, TARBALL_BUDGET_MB),
        )
        if size > budget
    ]
    if over and sys.platform.startswith("linux"):
        print("build.py: " + "; ".join(over), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
