"""The GUI's options: with nothing on the command line, the parser's own defaults without building it."""

from __future__ import annotations

import argparse

import pytest

from viewer.cli import gui_options, gui_parser


def test_no_arguments_give_the_options_the_parser_gives_an_empty_command_line() -> None:
    assert gui_options([]) == gui_parser().parse_args([])
    # Every option the parser knows has its default there, and nothing else is.
    assert vars(gui_options([])).keys() == {
        action.dest for action in gui_parser()._actions if action.default is not argparse.SUPPRESS
    }


@pytest.mark.parametrize(
    "args",
    [["case.case.yaml"], ["--theme", "dark"], ["--present", "--screen", "2", "folder"], ["--unknown"]],
)
def test_arguments_are_parsed(args: list[str]) -> None:
    assert gui_options(args) == gui_parser().parse_args(args)
    assert gui_options(args) != gui_options([])
