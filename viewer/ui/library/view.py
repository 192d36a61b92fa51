"""The library view: a search field, the sort, the table of records and the first scan's progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.record.library import Entry
from viewer.record.library_index import LibraryIndex
from viewer.ui.library.model import LibraryModel
from viewer.ui.library.scanner import FolderScan

SORTS = (("Title", "title"), ("Source date", "date"))
WIDTHS = (0.34, 0.15, 0.1, 0.1, 0.19)
"""Each column's part of the table's width, the last column (the status) taking the rest."""


class _Table(QTableView):
    """The records; Enter opens the current one, as a double click does."""

    open_current = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        for column, part in enumerate(WIDTHS):
            self.horizontalHeader().resizeSection(column, round(width * part))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    """Every case record under a folder. Emits `open_requested(path)` for the record to open."""

    open_requested = Signal(str)
    listed = Signal()
    """The folder's records are in the table (after each scan)."""

    def __init__(self, index: LibraryIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self.folder: Path | None = None
        self._scan: FolderScan | None = None
        self._unknown = False
        self.model = LibraryModel()

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, labels, quotes and source text")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_search_entered)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort the library by")
        for text, key in SORTS:
            self.sort.addItem(text, key)
        self.sort.currentIndexChanged.connect(self._on_sort)
        sort_label = QLabel("S&ort by:")
        sort_label.setBuddy(self.sort)
        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(sort_label)
        bar.addWidget(self.sort)

        self.table = _Table()
        self.table.setObjectName("library")
        self.table.setAccessibleName("Case records in the library")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.model.modelReset.connect(self._on_rows_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.open_current.connect(self._on_open_current)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading the library")
        self.progress.setFormat("Reading case records: %v of %m")
        self.progress.hide()
        self.status = QLabel()
        self.status.setAccessibleName("Library status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def open_folder(self, folder: Path) -> None:
        """List `folder`: from the index at once for what it knows, reading on another thread what changed."""
        if self._scan is not None:
            # Its thread runs on, telling no one; the object goes now rather than with the view.
            self._scan.cancel()
            self._scan.deleteLater()
        self.folder = folder
        self.search.clear()
        self.model.set_entries([])
        self.progress.setRange(0, 0)
        self.status.setText("Reading the folder…")
        scan = self._scan = FolderScan(self._index, folder, self)
        scan.progress.connect(self._on_progress)
        scan.finished.connect(self._on_finished)
        scan.failed.connect(self._on_failed)
        scan.start()

    def set_index(self, index: LibraryIndex) -> None:
        """Search and scan through `index` from now on (the old one was deleted)."""
        self._index = index

    @property
    def scanning(self) -> bool:
        return self._scan is not None

    def set_unknown(self, unknown: bool) -> None:
        """Unknown-case mode: unknown titles only, and search in them only."""
        self._unknown = unknown
        self.model.set_unknown(unknown)
        self._on_search(self.search.text())

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        # Shown once records are being read: a folder the index knows lists at once, without a flicker.
        if self.sender() is self._scan:
            self.progress.show()
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    @Slot(list)
    def _on_finished(self, entries: list[Entry]) -> None:
        if self.sender() is not self._scan:
            return
        self._scan.deleteLater()
        self._scan = None
        self.progress.hide()
        self.model.set_entries(entries)
        self._on_search(self.search.text())
        self.listed.emit()

    @Slot(str)
    def _on_failed(self, reason: str) -> None:
        if self.sender() is not self._scan:
            return
        self._scan.deleteLater()
        self._scan = None
        self.progress.hide()
        self.status.setText(f"The folder could not be read: {reason}")
        self.listed.emit()

    def _say_status(self) -> None:
        if self._scan is not None:
            return  # "Reading the folder…" stays until it is listed
        entries = self.model.entries
        invalid = sum(not e.valid for e in entries)
        words = [f"{len(entries):,} case record{'s' if len(entries) != 1 else ''}"]
        if invalid:
            words.append(f"{invalid:,} invalid")
        if self.model.rowCount() != len(entries):
            words.append(f"{self.model.rowCount():,} found")
        if self._index.problem:
            words.append(self._index.problem)
        self.status.setText("; ".join(words))

    @Slot(str)
    def _on_search(self, text: str) -> None:
        if self.folder is not None and self._scan is None:
            self.model.set_matching(self._index.search(self.folder, text, self._unknown))
        self._say_status()

    @Slot()
    def _on_rows_changed(self) -> None:
        self.table.clearSpans()
        for row in self.model.invalid_rows():
            self.table.setSpan(row, 1, 1, self.model.columnCount() - 1)

    @Slot(int)
    def _on_sort(self, _index: int) -> None:
        self.model.set_sort(str(self.sort.currentData()))

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.model.entry(index.row()).path)

    @Slot()
    def _on_open_current(self) -> None:
        self._on_double_clicked(self.table.currentIndex())

    @Slot()
    def _on_search_entered(self) -> None:
        """Enter in the search field goes to the first record found, where Enter opens it."""
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
