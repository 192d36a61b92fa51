"""The wheel carries its data, and an installed copy finds it without the source tree."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]


@pytest.mark.slow
def test_installed_wheel_validates_the_packed_case(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [wheel] = dist.glob("case_viewer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "viewer/casedata/case.schema.json" in names
    assert "viewer/casedata/anti-mda5-ivig.case.yaml" in names
    assert "viewer/casedata/anti-mda5-ivig-abstract.txt" in names
    assert "viewer/casedata/anti-mda5-ivig.case.yaml.checked" in names
    assert "viewer/casedata/myositis-ild.agenda.yaml" in names
    assert "viewer/casedata/agenda.schema.json" in names
    # Every file of resources/ is packed (the folder may still be empty: then none is expected).
    resources = {f"viewer/{p.relative_to(REPO).as_posix()}" for p in (REPO / "resources").rglob("*") if p.is_file()}
    assert resources <= set(names)
    assert {name for name in names if name.startswith("viewer/resources/")} == resources
    assert not any(name.startswith("tests/") for name in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bindir / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, timeout=600)
    subprocess.run([*pip, "msgspec", "PyYAML"], check=True, timeout=600)

    # From outside the source tree, so the resolver cannot fall back on it.
    where = subprocess.run(
        [str(python), "-c", "from viewer.paths import bundled_case; print(bundled_case())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    case = Path(where.stdout.strip())
    assert case.is_relative_to(env_dir.resolve()) or case.is_relative_to(env_dir)
    assert not case.is_relative_to(REPO)

    run = subprocess.run(
        [str(bindir / "case-viewer"), "validate", str(case)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"{case}: valid\n"

    # The packed checked form is the record the YAML parses to, and opening the case decodes it:
    # no PyYAML. Its record follows the form's digest (64 bytes).
    compare = (
        "import sys, msgspec\n"
        "from viewer.paths import bundled_case\n"
        "from viewer.record.bundled import load_case\n"
        "from viewer.record.model import CaseRecord\n"
        "case = bundled_case()\n"
        "form = case.with_name(case.name + '.checked').read_bytes()\n"
        "opened = load_case(case)\n"
        "print('yaml' in sys.modules)\n"
        "from viewer.record.loader import load_record\n"
        "parsed = load_record(case)\n"
        "print(msgspec.msgpack.decode(form[64:], type=CaseRecord) == parsed == opened)\n"
    )
    run = subprocess.run(
        [str(python), "-c", compare], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True
    )
    assert run.stdout == "False\nTrue\n"
