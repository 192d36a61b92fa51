"""Command line: open a case or a folder, `validate`, `schema`, `export`, `library`, and the GUI's options.

Only what a command needs is imported, so `validate`, `schema` and `library` never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import __version__
from viewer.output import say

if TYPE_CHECKING:
    from viewer.record.model import CaseRecord

THEMES = ("light", "dark", "projector")
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")
"""Where Qt finds an X or Wayland display on Linux and the other Unix systems."""


def has_display() -> bool:
    """Whether Qt has somewhere to show a window: a platform named in QT_QPA_PLATFORM, macOS or Windows
    (which always have one), or an X or Wayland display. Without one, Qt aborts while starting, blaming
    a missing library."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("darwin", "win32"):
        return True
    return any(os.environ.get(name) for name in DISPLAY_VARIABLES)


def _offscreen_without_display() -> None:
    """For commands that draw but show nothing: Qt's offscreen platform when there is no display."""
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _validate(files: Sequence[str], coverage: bool = False) -> int:
    """Check each file, a case record or an agenda (and then every case it names, as a case is checked)."""
    from viewer.record.agenda import is_agenda
    from viewer.record.files import read_record
    from viewer.record.loader import figure_report, load_record_bytes
    from viewer.record.problems import RecordError

    status = 0
    for name in files:
        try:
            raw = read_record(name)
            if is_agenda(raw, name):
                if _validate_agenda(raw, name):
                    say(f"{name}: valid\n")
                else:
                    status = 1
                continue
            record = load_record_bytes(raw, name)
        except RecordError as error:
            status = 1
            say("".join(f"{problem}\n" for problem in error.problems), sys.stderr)
            continue
        # A figure that cannot be shown fails validation; metadata that could identify someone is a warning.
        problems, warnings = figure_report(raw, name, record, Path(name).parent)
        say("".join(f"{problem}\n" for problem in [*problems, *warnings]), sys.stderr)
        if problems:
            status = 1
        else:
            say(f"{name}: valid\n")
            if coverage:
                _coverage(name, record)
    return status


def _validate_agenda(raw: bytes, name: str) -> bool:
    """Check the agenda `raw` (the file `name`) and each case it names, figures included; say what is
    wrong, at the line of the agenda that names the case. Whether it is valid (warnings aside).
    Raises RecordError when the agenda itself is malformed."""
    from viewer.record.agenda import agenda_cases, entry_problems, load_agenda_bytes
    from viewer.record.files import read_record
    from viewer.record.loader import figure_report, load_record_bytes

    loaded = load_agenda_bytes(raw, Path(name))
    # Each case's bytes, kept to locate its figures' problems as `validate CASE` does.
    case_bytes: dict[Path, bytes] = {}

    def read_case(path: Path) -> CaseRecord:
        case_bytes[path] = read_record(path)
        return load_record_bytes(case_bytes[path], str(path))

    valid = True
    for outcome in agenda_cases(loaded, read_case):
        if outcome.record is None:
            valid, found = False, outcome.problems
        else:
            problems, warnings = figure_report(
                case_bytes[outcome.path], str(outcome.path), outcome.record, outcome.path.parent
            )
            valid, found = valid and not problems, [*problems, *warnings]
        say("".join(f"{problem}\n" for problem in entry_problems(loaded, outcome, found)), sys.stderr)
    return valid


def _coverage(name: str, record: CaseRecord) -> None:
    from viewer.record.coverage import unquoted_sentences
    from viewer.record.yamltext import quoted

    unquoted = unquoted_sentences(record)
    if not unquoted:
        say(f"{name}: every sentence of the source text is quoted (headings and page furniture aside)\n")
        return
    count = f"{len(unquoted)} sentence{'s' if len(unquoted) != 1 else ''}"
    say(f"{name}: {count} of the source text quoted by no item (advice, not an error):\n")
    say("".join(f"  source line {s.line}: {quoted(s.text)}\n" for s in unquoted))


def _new(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="case-viewer new", description="Write a starter case record from a source text, to fill in."
    )
    parser.add_argument("source", metavar="SOURCE", help="the source text (UTF-8)")
    parser.add_argument("-o", "--output", metavar="FILE", help="the record to write; NAME.case.yaml beside SOURCE")
    options = parser.parse_args(args)
    from viewer.record.starter import write_starter

    problem, target = write_starter(options.source, options.output)
    if problem:
        say(f"case-viewer new: {problem}\n", sys.stderr)
        return 1
    say(f"{target}: written; fill it in and check it with: case-viewer validate {target}\n")
    return 0


def _care(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="case-viewer care", description="Print the CARE checklist: what the case record covers."
    )
    parser.add_argument("file", metavar="FILE", help="a case record (.yaml)")
    options = parser.parse_args(args)
    from viewer.content.care import care_checklist, care_lines
    from viewer.record.loader import load_record
    from viewer.record.problems import RecordError

    try:
        record = load_record(options.file)
    except RecordError as error:
        say("".join(f"{problem}\n" for problem in error.problems), sys.stderr)
        return 1
    say(f"CARE checklist for {options.file}:\n" + "".join(f"{line}\n" for line in care_lines(care_checklist(record))))
    return 0


def _schema(agenda: bool) -> int:
    from viewer.record.schema import agenda_schema_text, schema_text

    say(agenda_schema_text() if agenda else schema_text())
    return 0


def _export(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="case-viewer export",
        description="Write the timeline as PNG or SVG, or the case as a PDF handout, without a window.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a case record (.yaml), or an agenda (its session's handout); the bundled case when omitted",
    )
    parser.add_argument("--png", metavar="OUT", help="the timeline as a PNG image")
    parser.add_argument("--svg", metavar="OUT", help="the timeline as an SVG drawing")
    parser.add_argument("--pdf", metavar="OUT", help="the case as a printable PDF handout")
    parser.add_argument("--scale", type=int, choices=(1, 2, 3), help="PNG pixels per screen pixel (default: 1)")
    parser.add_argument("--paper", choices=("a4", "letter"), help="PDF paper size; from the locale when omitted")
    parser.add_argument("--theme", choices=THEMES, help="colours (default: light, which prints well)")
    parser.add_argument("--unknown", action="store_true", help="unknown case: withhold what the screen withholds")
    parser.add_argument("--care", action="store_true", help="end the PDF handout with the CARE checklist")
    options = parser.parse_args(args)
    if not (options.png or options.svg or options.pdf):
        parser.error("nothing to write: give --png, --svg or --pdf")
    # An option for a file not asked for is refused, not silently ignored.
    if options.scale is not None and not options.png:
        parser.error("--scale sets a PNG's pixels: it needs --png")
    if options.care and not options.pdf:
        parser.error("--care ends the PDF handout: it needs --pdf")
    from viewer.paths import bundled_case
    from viewer.record.agenda import is_agenda
    from viewer.record.files import read_record
    from viewer.record.loader import load_record_bytes
    from viewer.record.problems import RecordError

    name = str(options.file or bundled_case())
    try:
        raw = read_record(name)
        if is_agenda(raw, name):
            if options.png or options.svg:
                parser.error("an agenda is exported as one PDF handout: give --pdf only")
            if options.care:
                parser.error("--care ends a case's handout; a session's handout has none")
            _offscreen_without_display()
            return _export_agenda(raw, name, options)
        record = load_record_bytes(raw, name)
    except RecordError as error:
        say("".join(f"{problem}\n" for problem in error.problems), sys.stderr)
        return 1
    _offscreen_without_display()
    from viewer.export.command import Request, run_exports, signals_end_cleanly

    request = Request(
        options.png,
        options.svg,
        options.pdf,
        options.scale or 1,
        options.paper,
        options.theme,
        options.unknown,
        care=options.care,
    )
    status = 0
    with signals_end_cleanly():
        for path, problem in run_exports(record, request, Path(name).parent):
            if problem is None:
                say(f"{path}: written\n")
            else:
                status = 1
                say(f"case-viewer export: {problem}\n", sys.stderr)
    return status


def _library(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="case-viewer library",
        description="List every case record under a folder: path, status, title. Exit status 1 if any is invalid.",
    )
    parser.add_argument("folder", metavar="FOLDER")
    parser.add_argument("--unknown", action="store_true", help="show each record's unknown title, not its title")
    options = parser.parse_args(args)
    from viewer.record.library import scan

    status = 0
    for entry in scan(options.folder):
        title = entry.unknown_title if options.unknown else entry.title
        if entry.valid:
            say(f"{entry.path}: valid: {' '.join(title.split())}\n")
        else:
            status = 1
            say(f"{entry.path}: invalid: {entry.shown_problem(options.unknown)}\n")
    return status


def _export_agenda(raw: bytes, name: str, options: argparse.Namespace) -> int:
    """The session's handout of the agenda `name`; a case that cannot be shown is told, and left out."""
    from viewer.export.command import Request, run_agenda_export, signals_end_cleanly
    from viewer.record.agenda import agenda_cases, case_problems, load_agenda_bytes

    loaded = load_agenda_bytes(raw, Path(name))
    outcomes = agenda_cases(loaded)
    left_out = case_problems(loaded, outcomes)
    say("".join(f"{problem}: left out of the handout\n" for problem in left_out), sys.stderr)
    request = Request(pdf=options.pdf, paper=options.paper, theme=options.theme, unknown=options.unknown)
    with signals_end_cleanly():
        problem = run_agenda_export(loaded, outcomes, request)
    if problem is not None:
        say(f"case-viewer export: {problem}\n", sys.stderr)
        return 1
    say(f"{options.pdf}: written\n")
    return 1 if left_out else 0


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and 0 < int(width) <= 8000 and 0 < int(height) <= 8000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1024x768")
    return int(width), int(height)


GUI_DEFAULTS = {
    "file": None,
    "screenshot": None,
    "size": None,
    "theme": None,
    "present": False,
    "screen": None,
    "unknown": False,
}
"""The GUI's options when none is given, as `gui_parser` parses an empty command line."""


def gui_options(args: Sequence[str]) -> argparse.Namespace:
    """The GUI's options on the command line `args`. Without any (`case-viewer` alone: the bundled case),
    the defaults as they are: building the parser, its help formatters and the messages it looks up for
    translation, would take 4 ms of start-up for nothing to parse."""
    if not args:
        return argparse.Namespace(**GUI_DEFAULTS)
    return gui_parser().parse_args(args)


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="case-viewer",
        description="Show a clinical case record. Other commands: 'case-viewer validate FILE...', "
        "'case-viewer schema', 'case-viewer export', 'case-viewer new SOURCE', 'case-viewer care FILE', "
        "'case-viewer library FOLDER'.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="a case record (.yaml), a folder of them (the library) or an agenda; the bundled case if omitted",
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", help="write one PNG per tab (a folder: the library) into DIR and exit"
    )
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--theme", choices=THEMES, help="colour theme")
    parser.add_argument(
        "--present",
        action="store_true",
        help="start in conference mode (F5 in the window); an agenda is always presented",
    )
    parser.add_argument("--screen", type=int, metavar="N", help="with --present: the projector screen, counted from 1")
    parser.add_argument(
        "--unknown", action="store_true", help="unknown case: withhold the diagnosis until it is revealed"
    )
    parser.add_argument("--version", action="version", version=f"case-viewer {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "validate":
        parser = argparse.ArgumentParser(
            prog="case-viewer validate", description="Check case records, and agendas with every case they name."
        )
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--coverage", action="store_true", help="also list the source sentences no item quotes (advice)"
        )
        options = parser.parse_args(args[1:])
        return _validate(options.files, options.coverage)
    if args and args[0] == "export":
        return _export(args[1:])
    if args and args[0] == "new":
        return _new(args[1:])
    if args and args[0] == "care":
        return _care(args[1:])
    if args and args[0] == "library":
        return _library(args[1:])
    if args and args[0] == "schema":
        parser = argparse.ArgumentParser(prog="case-viewer schema", description="Print the JSON Schema.")
        parser.add_argument("--agenda", action="store_true", help="the agenda's schema, not the case record's")
        return _schema(parser.parse_args(args[1:]).agenda)
    options = gui_options(args)
    if options.screenshot:
        _offscreen_without_display()
    elif not has_display():
        names = " nor ".join(DISPLAY_VARIABLES)
        say(
            f"case-viewer: no display found (neither {names} is set); 'case-viewer --screenshot DIR' and "
            "'case-viewer export' work without one\n",
            sys.stderr,
        )
        return 2
    from viewer.ui.app import run

    status: int = run(options)
    return status
