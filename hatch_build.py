"""Hatchling build hook: the wheel carries each bundled case record's checked form beside its YAML.

The bundled records are parsed and checked here, by the checking code that goes
into the wheel, and a record that fails a check fails the build, as does a
bundled agenda that fails its checks or names a case that does. At run time a
bundled case whose YAML bytes match its checked form is decoded instead of
parsed (viewer/record/bundled.py). PyInstaller collects the form with the rest
of the installed package's data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# Run in a fresh interpreter in the source tree (`-c` puts it first on sys.path): the
# code that checks the records is the code being packed, and the backend's process
# imports none of it.
_WRITE_CHECKED = """
import sys
from pathlib import Path
from viewer.record.bundled import CHECKED_SUFFIX, checked_form
from viewer.record.agenda import agenda_cases, case_problems, load_agenda
from viewer.record.loader import load_record_bytes
from viewer.record.problems import RecordError
folder = Path(sys.argv[1])
for name in sys.argv[2:]:
    if name.endswith(".agenda.yaml"):
        agenda = load_agenda(name)
        problems = case_problems(agenda, agenda_cases(agenda))
        if problems:
            raise RecordError(problems)
        continue
    raw = Path(name).read_bytes()
    (folder / (Path(name).name + CHECKED_SUFFIX)).write_bytes(checked_form(raw, load_record_bytes(raw, name)))
"""


class CheckedCasesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return  # an editable install reads casedata/ in the source tree, where each case is parsed
        casedata = Path(self.root) / "casedata"
        # The agendas are checked too, with every case they name; only the records get a checked form.
        cases = sorted([*casedata.glob("*.case.yaml"), *casedata.glob("*.agenda.yaml")])
        self._folder = Path(tempfile.mkdtemp(prefix="case-viewer-checked-"))
        done = subprocess.run(
            [sys.executable, "-c", _WRITE_CHECKED, str(self._folder), *map(str, cases)],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"a bundled case record or agenda does not pass its checks:\n{done.stderr}")
        for made in sorted(self._folder.iterdir()):
            build_data["force_include"][str(made)] = f"viewer/casedata/{made.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if version != "editable":
            shutil.rmtree(self._folder, ignore_errors=True)
