"""Stand-ins for Qt's modal file dialogs, which would wait for a user."""

from __future__ import annotations

from pathlib import Path


class FolderDialog:
    """Stands in for QFileDialog.getExistingDirectory: answers the `answers` in turn, noting each
    dialog's caption and the widget it was asked over."""

    def __init__(self, *answers: Path) -> None:
        self.answers = list(answers)
        self.captions: list[str] = []
        self.parents: list[object] = []

    def __call__(self, parent: object, caption: str, *_rest: object) -> str:
        self.parents.append(parent)
        self.captions.append(caption)
        return str(self.answers.pop(0))
