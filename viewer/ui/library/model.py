"""The library's table: one row per record, filtered by a search and sorted by title or date."""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from viewer.content.wording import display_line
from viewer.record.library import Entry

COLUMNS = ("Title", "Patient", "Date", "Type", "Items", "Status")
NEUTRAL_TITLE = "a case record"
"""What names a record in unknown-case mode when it has no unknown title to show."""
_YEAR = re.compile(r"\b(\d{4})\b")
Index = QModelIndex | QPersistentModelIndex


def shown_title(entry: Entry, unknown: bool) -> str:
    """The title a list shows of `entry`: in unknown-case mode its unknown title, never its own."""
    title = entry.unknown_title if unknown else entry.title
    return display_line(" ".join(title.split())) or (NEUTRAL_TITLE if unknown else os.path.basename(entry.path))


def item_counts(entry: Entry) -> str:
    """ "5 history, 6 findings, ..." for the sections that have items."""
    return ", ".join(f"{count} {section}" for section, count in entry.counts.items() if count)


def date_key(entry: Entry) -> tuple[str, str]:
    """Sorts by the year the source date names (a source writes its date as it likes), then as written;
    records without a date last."""
    year = _YEAR.search(entry.source_date)
    return (year.group(1) if year else "9999", entry.source_date or "\uffff")


class LibraryModel(QAbstractTableModel):
    """The records of a library as rows, those `matching` a search, sorted by "title" or "date"."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[Entry] = []
        self._rows: list[Entry] = []
        # Worked out once per listing, not at each keystroke: what the list sorts and filters by.
        self._keys: dict[str, tuple[str, str, tuple[str, str]]] = {}
        self._matching: set[str] | None = None
        self._sort = "title"
        self._unknown = False

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    def set_entries(self, entries: list[Entry]) -> None:
        self._entries = entries
        self._keys = {
            e.path: (os.path.abspath(e.path), shown_title(e, self._unknown).casefold(), date_key(e)) for e in entries
        }
        self._refresh()

    def set_matching(self, paths: set[str] | None) -> None:
        """Only the records at these absolute `paths`; None for all."""
        self._matching = paths
        self._refresh()

    def set_sort(self, key: str) -> None:
        self._sort = key
        self._refresh()

    def set_unknown(self, unknown: bool) -> None:
        self._unknown = unknown
        self.set_entries(self._entries)

    def invalid_rows(self) -> list[int]:
        return [row for row, entry in enumerate(self._rows) if not entry.valid]

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def _refresh(self) -> None:
        self.beginResetModel()
        keys, matching = self._keys, self._matching
        rows = [e for e in self._entries if matching is None or keys[e.path][0] in matching]
        if self._sort == "date":
            rows.sort(key=lambda e: keys[e.path][2])
        else:
            rows.sort(key=lambda e: keys[e.path][1])
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return shown_title(entry, self._unknown)
        if not entry.valid:
            # The view spans the status across the other columns: the problem is what an author needs.
            return status_text(entry, self._unknown) if column == 1 else ""
        if column == 1:
            # Shown in unknown-case mode as the case's header shows it: it tells who, not what.
            return display_line(entry.patient)
        if column == 2:
            return display_line(entry.source_date)
        if column == 3:
            return display_line(entry.document_type)
        if column == 4:
            return item_counts(entry)
        return "valid"


def status_text(entry: Entry, unknown: bool) -> str:
    """ "valid", or "invalid: " and the first problem (`Entry.shown_problem`)."""
    if entry.valid:
        return "valid"
    return f"invalid: {display_line(entry.shown_problem(unknown))}"
