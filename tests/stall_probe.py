"""Runs `case-viewer export` with one step held up, so that a test can signal the process
at that moment: `python stall_probe.py STEP EXPORT-ARGS...`. STEP is `drawing` (the
timeline figure is being drawn: nothing is on disk yet) or `writing` (the output's
bytes are in a temporary file beside the target, not yet synced). The probe prints
`stalled` on standard output when the step is reached, then sleeps. SIGINT,
SIGTERM and SIGHUP start at their defaults, as from a terminal. Run in a
subprocess by tests/export/test_writes.py."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

import viewer.draw.figure
from viewer import cli

STALL_S = 120


def stall() -> None:
    print("stalled", flush=True)
    time.sleep(STALL_S)


def main() -> int:
    # As started from a terminal, whatever the test runner ignores.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    step, args = sys.argv[1], sys.argv[2:]
    if step == "drawing":
        paint_figure = viewer.draw.figure.paint_figure

        def stalled_paint(*arguments: Any) -> None:
            stall()
            paint_figure(*arguments)

        # Patched before the export modules are imported, so that they take this one.
        viewer.draw.figure.paint_figure = stalled_paint
    elif step == "writing":
        fsync = os.fsync
        calls = []

        def stalled_fsync(descriptor: int) -> None:
            # The first sync is the temporary file's, once its bytes are written.
            calls.append(descriptor)
            if len(calls) == 1:
                stall()
            fsync(descriptor)

        os.fsync = stalled_fsync
    else:
        raise SystemExit(f"unknown step {step!r}")
    return cli.main(["export", *args])


if __name__ == "__main__":
    sys.exit(main())
