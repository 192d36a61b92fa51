"""Choosing an agenda file: a file dialog, or in unknown-case mode a folder and then a title.

A file dialog lists the case records' file names beside the agenda, and a file name may give the
answer; so in unknown-case mode a folder is chosen instead, and its agendas are named by their titles.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from viewer.ui.document import Document
from viewer.ui.msgbox import message

AGENDA_FILTER = "Agendas (*.agenda.yaml);;YAML files (*.yaml *.yml);;All files (*)"


def choose_agenda(parent: QWidget, document: Document, title: str) -> str | None:
    """The path of the agenda the user chooses, under a dialog titled `title`; None when none is."""
    start = "" if document.path is None else str(document.path.parent)
    if not document.unknown:
        name, _ = QFileDialog.getOpenFileName(parent, title, start, AGENDA_FILTER)
        return name or None
    folder = QFileDialog.getExistingDirectory(parent, f"{title} from a Folder", start)
    return _agenda_in(parent, folder, title) if folder else None


def _agenda_in(parent: QWidget, folder: str, title: str) -> str | None:
    """The agenda in `folder`, the user choosing by title where there are several."""
    from viewer.record.agenda import agendas_in

    agendas = agendas_in(folder)
    if not agendas:
        text = "This folder holds no agenda (a file named *.agenda.yaml) that can be read."
        message(parent, title, text, warning=True).open()
        return None
    chosen = agendas[0]
    if len(agendas) > 1:
        titles = [f"{loaded.agenda.title} ({loaded.agenda.date})" for loaded in agendas]
        picked, ok = QInputDialog.getItem(parent, title, "The agenda:", titles, 0, False)
        if not ok:
            return None
        chosen = agendas[titles.index(picked)]
    return str(chosen.path)
