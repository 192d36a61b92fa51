"""The Keyboard Shortcuts dialog (F1): the keys and what they do, in two aligned columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget


class ShortcutsDialog(QDialog):
    """`rows` of (keys, what they do) as a table: the keys in one column, what they do in the other,
    each row on one line. Deleted when closed."""

    def __init__(self, parent: QWidget | None, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if parent is not None:
            # A window of its own takes the application's font, not the text size the user chose.
            self.setFont(parent.font())
        grid = QGridLayout()
        grid.setHorizontalSpacing(3 * self.fontMetrics().averageCharWidth())
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, (keys, what) in enumerate(rows):
            key_label, what_label = QLabel(keys), QLabel(what)
            for label in (key_label, what_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            key_label.setAccessibleName(f"{what}: {keys}")
            grid.addWidget(key_label, row, 0)
            grid.addWidget(what_label, row, 1)
            self.rows.append((key_label, what_label))
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
