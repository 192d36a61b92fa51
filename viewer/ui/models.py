"""Qt item models over record items: rows, optionally under group headings."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPainter, QPen, QPixmap, QPixmapCache

from viewer.content.disclosure import HAS_FIGURE
from viewer.content.fields import Field, Table, group_heading, grouped
from viewer.content.wording import rich_tooltip

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record id of the item a row shows; empty on group headings."""
_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        ITEM_ID_ROLE,
    }
)

Index = QModelIndex | QPersistentModelIndex
# Views ask each row's flags as they lay it out: built once, not with enum arithmetic a call.
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def figure_mark() -> QIcon:
    """The small picture a row's name carries when its item has a figure shown, in the text colour.

    Kept in Qt's QPixmapCache, not a Python one: no pixmap may outlive the application."""
    color = QGuiApplication.palette().text().color()
    key = f"case-viewer-figure-mark:{color.rgba()}"
    pixmap = QPixmap()
    if not QPixmapCache.find(key, pixmap):
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(QPen(color, 1.2))
        # A frame and a mountain line: a picture.
        painter.drawRect(QRectF(1.5, 2.5, 9, 7))
        painter.drawPolyline([QPointF(2, 9), QPointF(5, 5.5), QPointF(7, 7.5), QPointF(10, 4.5)])
        painter.end()
        QPixmapCache.insert(key, pixmap)
    return QIcon(pixmap)


class ItemTableModel(QAbstractItemModel):
    """Adapts a list of record items to rows, one column per field.

    With `group_by`, items sit under one heading row per group, in the order
    groups first appear; without it the model is a flat table.
    """

    def __init__(
        self,
        columns: Sequence[Field],
        group_by: Callable[[Any], str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._table = Table(tuple(columns))
        self._group_by = group_by
        self._groups: list[tuple[str, list[Any]]] = []
        self._items: list[Any] = []
        self._labels: Mapping[str, str] = {}
        self._withheld: frozenset[str] = frozenset()
        self._figured: frozenset[str] = frozenset()
        # The figure mark goes beside the item's name: the first column that is not its timing.
        self._named = next((column for column, field in enumerate(columns) if not field.timing), 0)

    def set_items(
        self,
        items: Sequence[Any],
        labels: Mapping[str, str],
        withheld: frozenset[str] = frozenset(),
        figured: frozenset[str] = frozenset(),
    ) -> None:
        """Show `items`; `labels` names the items that timings refer to; `withheld` ids show a placeholder;
        `figured` ids (items with a figure shown) carry the figure mark."""
        self.beginResetModel()
        self._items = list(items)
        self._labels = labels
        self._withheld = withheld
        self._figured = figured
        self._groups = grouped(self._items, self._group_by) if self._group_by is not None else []
        self.endResetModel()

    def index_of(self, item_id: str) -> QModelIndex:
        """The first-column index of the row showing `item_id`, or an invalid index."""
        if self._group_by is None:
            for row, item in enumerate(self._items):
                if item.id == item_id:
                    return self.index(row, 0)
            return QModelIndex()
        for group_row, (_, members) in enumerate(self._groups):
            for row, item in enumerate(members):
                if item.id == item_id:
                    return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    def item_count(self) -> int:
        """Items shown, headings not counted."""
        return len(self._items)

    def heading_rows(self) -> range:
        """Top-level rows that are group headings (none in a flat table)."""
        return range(len(self._groups))

    def column_of(self, field: Field) -> int | None:
        """The column showing `field`, if the table has one."""
        return self._table.fields.index(field) if field in self._table.fields else None

    def is_timing(self, column: int) -> bool:
        """Whether `column` shows when its items happened."""
        return self._table.fields[column].timing

    def empty_columns(self) -> set[int]:
        """Columns with no text for any item: nothing to show, so views may hide them."""
        return self._table.blank_columns(self._items, self._labels, self._withheld)

    def texts_from(self, index: Index, count: int, column: int) -> list[str]:
        """The text in `column` of up to `count` item rows, headings passed over, in the order shown
        from `index`'s row (from the first row when it is invalid)."""
        if self._group_by is None:
            start = index.row() if index.isValid() else 0
            return [self._text(item, column) for item in self._items[start : start + count]]
        if not index.isValid():
            group, start = 0, 0
        elif self.is_heading(index):
            group, start = index.row(), 0
        else:
            group, start = index.internalId() - 1, index.row()
        texts: list[str] = []
        for _, members in self._groups[group:]:
            texts += (self._text(item, column) for item in members[start : start + count - len(texts)])
            start = 0
            if len(texts) >= count:
                break
        return texts

    def is_heading(self, index: Index) -> bool:
        """Whether `index` is on a group heading's row."""
        return self._group_by is not None and index.internalId() == 0

    def _item(self, index: Index) -> Any | None:
        if not index.isValid():
            return None
        if self._group_by is None:
            return self._items[index.row()]
        group = index.internalId()
        return self._groups[group - 1][1][index.row()] if group else None

    # Qt overrides

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Not hasIndex, nor rowCount: views ask for every row's index as they lay it out, and
        # the bounds checked here cost a fraction of the round trips through Qt.
        if not 0 <= column < len(self._table.fields):
            return QModelIndex()
        if not parent.isValid():
            rows = len(self._items) if self._group_by is None else len(self._groups)
            return self.createIndex(row, column, 0) if 0 <= row < rows else QModelIndex()
        group = parent.row()
        if self._group_by is None or parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        # Heading rows carry 0; an item row carries its group's row + 1.
        return self.createIndex(row, column, group + 1) if 0 <= row < len(self._groups[group][1]) else QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or self._group_by is None or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if self._group_by is None:
            return 0 if parent.isValid() else len(self._items)
        if not parent.isValid():
            return len(self._groups)
        return len(self._groups[parent.row()][1]) if parent.internalId() == 0 else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._table.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._table.fields[section].name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _HEADING_FLAGS if self._group_by is not None and index.internalId() == 0 else _ITEM_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles a cell, each painted or measured cell: the
        # roles nothing here answers return first.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        item = self._item(index)
        if item is None:
            return self._heading_data(index, role)
        marked = index.column() == self._named and item.id in self._figured
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(item, index.column())
            return f"{text}, {HAS_FIGURE}" if marked else text
        if role == Qt.ItemDataRole.DecorationRole:
            return figure_mark() if marked else None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(item, index.column())
            return rich_tooltip(text) if text else None
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENT
        return None

    def _text(self, item: Any, column: int) -> str:
        return self._table.cell(item, column, self._labels, item.id in self._withheld)[0]

    def _heading_data(self, index: Index, role: int) -> Any:
        if index.column() != 0:
            return None
        name, members = self._groups[index.row()]
        name = group_heading(name, members, lambda item: item.id in self._withheld)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{name} ({len(members)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == ITEM_ID_ROLE:
            return ""
        return None
