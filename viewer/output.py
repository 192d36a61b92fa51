"""Printing for the command line and the app alike, where there is anywhere to print."""

from __future__ import annotations

import sys
from typing import TextIO


def say(text: str, stream: TextIO | None = None) -> None:
    """Write to `stream` (standard output by default), if there is one: windowed
    frozen builds have no stdout or stderr."""
    target = stream or sys.stdout
    if target is not None:
        target.write(text)
