"""Entry point of the frozen app: the same `case-viewer` command the wheel installs.

Setting CASE_VIEWER_SHOW_DATA_DIRS=1 makes it print, on stderr, where the one
resolver (viewer.paths) found the bundled data before running the command: the
smoke test uses it to prove the data comes from inside the bundle, and it tells
a packager the same thing on a target machine.
"""

from __future__ import annotations

import os
import sys

from viewer.cli import main

if __name__ == "__main__":
    if os.environ.get("CASE_VIEWER_SHOW_DATA_DIRS") == "1" and sys.stderr is not None:
        from viewer.paths import data_dir

        for name in ("casedata", "resources"):
            sys.stderr.write(f"data_dir {name}: {data_dir(name)}\n")
    sys.exit(main())
