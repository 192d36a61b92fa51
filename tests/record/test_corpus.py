"""The hostile-input corpus: every file under tests/data/bad/ gets a located, plain-words error."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from run_cli import run_cli

from viewer.record.loader import load_record
from viewer.record.problems import RecordError

BAD = Path(__file__).parents[1] / "data" / "bad"
FILES = sorted(BAD.iterdir())
REPO = Path(__file__).parents[2]

PYTHON_LEAKS = ("Traceback", "<class", "<built-in", "object at 0x", "Error(", 'File "')


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_bad_file_gives_located_plain_problems(path: Path) -> None:
    with pytest.raises(RecordError) as caught:
        load_record(path)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.file == str(path)
        message = problem.message
        assert message.strip() == message
        assert len(message) > 10
        assert "\n" not in message
        assert not re.search(r"`(str|int|float|bool|null|array|object)", message)
        assert not message.startswith(("Expected", "Object", "Invalid"))
        assert not any(leak in message for leak in PYTHON_LEAKS), message
        assert re.search(r"[a-z]{3,} [a-z]{2,}", message), message  # words, not a code


@cache
def _cli_run() -> subprocess.CompletedProcess[str]:
    return run_cli("validate", *map(str, FILES))


def test_cli_rejects_every_bad_file() -> None:
    run = _cli_run()
    assert run.returncode == 1
    assert run.stdout == ""  # no file is "valid"
    assert "Traceback" not in run.stderr
    line = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:(?P<path>[\w.\[\]]+): )?(?P<message>.+)$")
    reported = set()
    for text in run.stderr.splitlines():
        match = line.match(text)
        assert match, f"not a file:line:col: line: {text!r}"
        assert int(match["line"]) >= 1
        assert int(match["col"]) >= 1
        reported.add(Path(match["file"]).name)
    assert reported == {p.name for p in FILES}
