"""`case-viewer library FOLDER`, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

from library_folder import CASEDATA, MDA5, copy_record, mixed_folder
from run_cli import run_cli


def test_the_bundled_folder_is_valid() -> None:
    result = run_cli("library", str(CASEDATA))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{CASEDATA / 'anti-mda5-ivig.case.yaml'}: valid: The Utility of Intravenous")
    assert lines[1].startswith(f"{CASEDATA / 'anti-pl7-antisynthetase.case.yaml'}: valid: Mechanic's hands")


def test_unknown_prints_unknown_titles() -> None:
    result = run_cli("library", str(CASEDATA), "--unknown")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].endswith(
        ": valid: A 71-year-old male with fatigue, weight loss and progressive dyspnea"
    )
    assert "Dermatomyositis" not in result.stdout


def test_an_invalid_record_makes_exit_status_1(tmp_path: Path) -> None:
    root = mixed_folder(tmp_path)
    result = run_cli("library", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert f"{root / 'broken.case.yaml'}: invalid: line 5: format: " in result.stdout
    assert f"{root / 'pipe.case.yaml'}: invalid: line 1: cannot read the file: not a regular file" in result.stdout


def test_unknown_tells_an_invalid_record_by_its_line_only(tmp_path: Path) -> None:
    text = MDA5.read_text(encoding="utf-8")
    (tmp_path / "x.case.yaml").write_text(text.replace("format: 1", "dermatomyositis: 1"), encoding="utf-8")
    result = run_cli("library", str(tmp_path), "--unknown")
    assert result.returncode == 1
    assert result.stdout == f"{tmp_path / 'x.case.yaml'}: invalid: line 5\n"


def test_a_valid_folder_exits_0(tmp_path: Path) -> None:
    copy_record(MDA5, tmp_path / "deep" / "er" / "x.case.yaml")
    result = run_cli("library", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.count(": valid: ") == 1


def test_an_empty_folder_exits_0_with_nothing_listed(tmp_path: Path) -> None:
    result = run_cli("library", str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "")
