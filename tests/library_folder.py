"""A generated folder of case records for the library tests: nested folders, invalid records,
YAML that is not a record, a symbolic link back up the tree and a FIFO named like a record."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from viewer.paths import data_dir

CASEDATA = data_dir("casedata")
MDA5 = CASEDATA / "anti-mda5-ivig.case.yaml"
PL7 = CASEDATA / "anti-pl7-antisynthetase.case.yaml"


def copy_record(source: Path, target: Path) -> Path:
    """`source` and the source text beside it, copied to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def mixed_folder(root: Path) -> Path:
    """A library folder holding each kind of file the library meets."""
    copy_record(MDA5, root / "a" / "first.case.yaml")
    copy_record(PL7, root / "a" / "b" / "c" / "second.yml")
    text = MDA5.read_text(encoding="utf-8")
    (root / "broken.case.yaml").write_text(text.replace("format: 1", "format: 2"), encoding="utf-8")
    (root / "agenda.agenda.yaml").write_text("title: Monday\nentries: []\n", encoding="utf-8")
    (root / "settings.yaml").write_text("format: compact\ncolour: blue\n", encoding="utf-8")
    (root / "notes.txt").write_text("format: 1\nsource: x\n", encoding="utf-8")
    os.symlink(root, root / "a" / "b" / "loop")
    os.mkfifo(root / "pipe.case.yaml")
    return root
