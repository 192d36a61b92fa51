"""The Keyboard Shortcuts dialog (F1): the keys and what they do, in two aligned columns under headings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

SCREEN_PART = 0.9
"""The most of the screen's free area the dialog takes: beyond it, the table scrolls."""


class ShortcutsDialog(QDialog):
    """`rows` of (keys, what they do) as a table under the headings Key and Action: the keys in one
    column, what they do in the other, each row on one line where the screen is wide enough; the
    table scrolls where the screen is too small for it. Deleted when closed."""

    def __init__(self, parent: QWidget | None, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if parent is not None:
            # A window of its own takes the application's font, not the text size the user chose.
            self.setFont(parent.font())
        table = QWidget()
        table.setAccessibleName("Keyboard shortcuts")
        grid = QGridLayout(table)
        grid.setHorizontalSpacing(3 * self.fontMetrics().averageCharWidth())
        self.headings: list[QLabel] = []
        for column, heading in enumerate(("Key", "Action")):
            label = QLabel(heading)
            label.setAccessibleName(f"{heading} (column heading)")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
            self.headings.append(label)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, (keys, what) in enumerate(rows, start=1):
            key_label, what_label = QLabel(keys), QLabel(what)
            for label in (key_label, what_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                # On a screen too narrow for both columns whole, both wrap rather than run off its edge.
                label.setWordWrap(True)
            key_label.setAccessibleName(f"{what}: {keys}")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what_label, row, 1, Qt.AlignmentFlag.AlignTop)
            self.rows.append((key_label, what_label))
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows) + 1, 1)
        self.area = QScrollArea()
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidgetResizable(True)
        self.area.setWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        self._fit_screen(grid, buttons, layout)

    def _fit_screen(self, grid: QGridLayout, buttons: QWidget, layout: QVBoxLayout) -> None:
        # The scroll area's own size hint is a few dozen lines at most, and wrapped labels hint at
        # narrow widths: the dialog is sized for every row on one line, up to most of the screen.
        screen = (self.parentWidget() or self).screen().availableGeometry()
        metrics = self.fontMetrics()
        columns = [
            max((metrics.horizontalAdvance(row[side].text()) for row in self.rows), default=1) for side in (0, 1)
        ]
        inner = grid.contentsMargins()
        outer = layout.contentsMargins()
        bar = self.area.verticalScrollBar().sizeHint().width()
        around = inner.left() + inner.right() + outer.left() + outer.right() + bar
        width = min(sum(columns) + grid.horizontalSpacing() + around, round(screen.width() * SCREEN_PART))
        # Each column is as wide as its widest text; narrowed to the screen, they give up alike and wrap.
        room = width - around - grid.horizontalSpacing()
        for number, natural in enumerate(columns):
            grid.setColumnMinimumWidth(number, min(natural, room * natural // sum(columns)))
        tall = grid.totalHeightForWidth(width - outer.left() - outer.right() - bar)
        below = buttons.sizeHint().height() + layout.spacing() + outer.top() + outer.bottom()
        self.resize(width, min(tall + below, round(screen.height() * SCREEN_PART)))
