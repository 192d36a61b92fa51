"""Work that need not be done is not: a record without figures starts no figure check, and a file given
on the command line under another name than `*.case.yaml` is read once, to tell what it is and to open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_files import record_with_figure

from benchmarks.synthetic import write_record
from viewer.cli import gui_parser
from viewer.paths import bundled_case
from viewer.record import files
from viewer.record.loader import load_record
from viewer.ui import figure_check
from viewer.ui.app import run
from viewer.ui.document import IN_BACKGROUND_BYTES, Document
from viewer.ui.figure_check import FigureCheck
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow

MINIMAL = Path(__file__).parents[1] / "data" / "good" / "minimal.case.yaml"


@pytest.fixture
def jobs(monkeypatch) -> list[Path]:
    """The record file of each figure check started on the thread pool."""
    started: list[Path] = []

    class Counted(figure_check._Job):
        def __init__(self, generation, path, record, done) -> None:  # type: ignore[no-untyped-def]
            started.append(path)
            super().__init__(generation, path, record, done)

    monkeypatch.setattr(figure_check, "_Job", Counted)
    return started


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Each file read as a record is read (`read_record`), by name."""
    names: list[str] = []
    read = files.read_regular_file

    def counting(file, limit=files.MAX_BYTES):  # type: ignore[no-untyped-def]
        names.append(Path(file).name)
        return read(file, limit)

    monkeypatch.setattr(files, "read_regular_file", counting)
    return names


def test_a_record_without_figures_is_answered_at_once_with_no_job(qtbot, jobs: list[Path]) -> None:
    check = FigureCheck()
    answers: list[list[str]] = []
    check.checked.connect(answers.append)
    check.check(bundled_case(), load_record(bundled_case()))
    assert (answers, jobs) == ([[]], [])


def test_a_record_with_figures_is_checked_on_the_pool(qtbot, tmp_path: Path, jobs: list[Path]) -> None:
    record = record_with_figure(tmp_path, "missing.png")
    check = FigureCheck()
    with qtbot.waitSignal(check.checked) as checked:
        check.check(record, load_record(record))
    assert jobs == [record]
    assert [problem.split(": ", 1)[1] for problem in checked.args[0]] == [
        "history[0].figures[0].file: cannot read the figure: No such file or directory"
    ]


def test_a_reload_that_drops_the_figures_drops_their_problems_at_once(qtbot, tmp_path: Path) -> None:
    record = record_with_figure(tmp_path, "missing.png")
    document = Document(Preferences(persist=False))
    with qtbot.waitSignal(document.problems_changed):
        assert document.open(record)
    assert document.problems.startswith("1 figure cannot be shown")
    record.write_bytes(MINIMAL.read_bytes())
    assert document.reload()
    assert document.problems == ""


@pytest.mark.parametrize("size", ["small", "large"])
def test_a_document_opens_from_bytes_already_read(qtbot, tmp_path: Path, reads: list[str], size: str) -> None:
    path = MINIMAL if size == "small" else write_record(2_000, tmp_path)
    raw = path.read_bytes()
    assert (len(raw) >= IN_BACKGROUND_BYTES) == (size == "large")
    title = load_record(path).title
    reads.clear()
    document = Document(Preferences(persist=False))
    assert document.open(path, raw)
    assert document.record is not None
    assert document.record.title == title
    assert reads == []


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_case_named_otherwise_on_the_command_line_is_read_once(qtbot, tmp_path: Path, reads: list[str]) -> None:
    case = tmp_path / "minimal.yaml"
    case.write_bytes(MINIMAL.read_bytes())
    options = gui_parser().parse_args([str(case), "--screenshot", str(tmp_path / "shots"), "--size", "800x600"])
    assert run(options) == 0
    assert reads.count("minimal.yaml") == 1
    assert len(list((tmp_path / "shots").glob("*.png"))) > 1


def test_an_agenda_already_read_is_presented_without_reading_it_again(qtbot, reads: list[str]) -> None:
    agenda = bundled_case().parent / "myositis-ild.agenda.yaml"
    window = MainWindow(Preferences(persist=False))
    qtbot.addWidget(window)
    raw = agenda.read_bytes()
    reads.clear()
    mode = window.present_agenda(agenda, raw=raw)
    assert mode is not None
    # The cases it names are read; the agenda itself is not, again.
    assert agenda.name not in reads
    assert reads
    assert window.presented_agenda() is not None
    mode.stop()
