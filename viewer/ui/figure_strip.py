"""The selected item's figures under the detail panel: a thumbnail and caption each, a click or Enter
opens the figure large. A withheld figure is a button that says "figure withheld" and nothing more;
a figure that cannot be shown says so, and why when nothing is withheld. A thumbnail shown once is
kept (`image_cache`) until the record is read again, so reselecting an item shows it at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSizePolicy, QToolButton, QWidget

from viewer.content.disclosure import FIGURE_WITHHELD, figure_problem
from viewer.record.model import Figure
from viewer.ui.document import Document
from viewer.ui.image_cache import DECODED, kept_image
from viewer.ui.selection import Selection

if TYPE_CHECKING:
    from viewer.ui.figure_loader import FigureLoader
    from viewer.ui.figure_view import FigureView

THUMBNAIL = 112
"""The longer side of a thumbnail, in pixels."""
UNAVAILABLE = "figure unavailable"


class FigureButton(QToolButton):
    """One figure's thumbnail and caption; Enter or Return presses it as Space does."""

    def __init__(self, figure: Figure | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.setFixedWidth(THUMBNAIL + 24)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if figure is None:
            self.setText(FIGURE_WITHHELD)
            self.setAccessibleName(FIGURE_WITHHELD)
            self.setEnabled(False)
        else:
            self.setText(self.fontMetrics().elidedText(figure.caption, Qt.TextElideMode.ElideRight, THUMBNAIL + 16))
            self.setToolTip(figure.caption)
            self.setAccessibleName(f"Figure: {figure.caption}")
            self.setAccessibleDescription(figure.credit or "")

    def show_image(self, image: QImage, problem: str) -> None:
        """Show `image`, or when it is null `problem`: why it cannot be shown, in words."""
        if image.isNull():
            self.setIcon(QIcon())
            self.setText(UNAVAILABLE)
            self.setToolTip(problem)
        else:
            # Centred on a square, so every caption starts at the same height whatever the image's aspect.
            square = QPixmap(THUMBNAIL, THUMBNAIL)
            square.fill(Qt.GlobalColor.transparent)
            painter = QPainter(square)
            painter.drawImage((THUMBNAIL - image.width()) // 2, (THUMBNAIL - image.height()) // 2, image)
            painter.end()
            self.setIcon(QIcon(square))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)


class FigureStrip(QScrollArea):
    """The figures of the item `selection` holds, as `document` discloses them; hidden when it has none."""

    def __init__(self, document: Document, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self._loader: FigureLoader | None = None
        self.buttons: list[FigureButton] = []
        self._keys: dict[str, FigureButton] = {}
        self._for_room = False
        self._sized = False
        self._views: list[tuple[str, int, FigureView]] = []
        """Open large views, with the item and the index of the figure each shows."""
        self.setAccessibleName("Figures of the selected item")
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        selection.changed.connect(self._on_selection_changed)
        document.case_changed.connect(self._on_case_changed)
        # A new case is announced by `disclosure_changed` too, right after `case_changed`.
        document.disclosure_changed.connect(self._on_disclosure_changed)
        self._on_selection_changed(selection.current)

    @property
    def loader(self) -> FigureLoader:
        """The thumbnails' and large views' image loader, made when a figure is first shown: most cases
        have none, and the loader and its image decoding are no part of start-up."""
        if self._loader is None:
            from viewer.ui.figure_loader import FigureLoader

            self._loader = FigureLoader(self)
            self._loader.loaded.connect(self._on_loaded)
        return self._loader

    @property
    def folder(self) -> Path | None:
        """The open record's folder, which figure files are named from; None for a record not read from a file."""
        path = self._document.path
        return None if path is None else path.parent

    def set_for_room(self, for_room: bool) -> None:
        """In the room's view a step's figure shows large instead (conference mode): no thumbnails."""
        self._for_room = for_room
        self._on_selection_changed(self._selection.current)

    @Slot(bool)
    def _on_case_changed(self, _keep_view: bool) -> None:
        # A record read again may name other files, or the same ones written again meanwhile (within
        # the modification time's granularity, a file written again can keep its identity).
        DECODED.clear()

    @Slot()
    def _on_disclosure_changed(self) -> None:
        self._close_withheld_views()
        self._on_selection_changed(self._selection.current)

    def _close_withheld_views(self) -> None:
        """A large view whose figure is withheld now (unknown-case mode turned on, another case) closes."""
        disclosure = self._document.disclosure
        kept = []
        for item_id, index, view in self._views:
            found = self._document.find(item_id)
            figures = disclosure.figures(found[1]) if found is not None and disclosure is not None else []
            if index < len(figures) and figures[index] == view.figure:
                kept.append((item_id, index, view))
            else:
                view.close()
        self._views = kept

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self._document.find(item_id)
        disclosure = self._document.disclosure
        figures = [] if found is None or disclosure is None or self._for_room else disclosure.figures(found[1])
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 4, 4, 4)
        self.buttons, self._keys = [], {}
        for index, figure in enumerate(figures):
            button = FigureButton(figure, row)
            button.setProperty("figure_index", index)
            layout.addWidget(button)
            self.buttons.append(button)
            if figure is None:
                continue
            button.clicked.connect(self._on_clicked)
            kept = kept_image(self.folder, figure.file, THUMBNAIL)
            if kept is not None:
                button.show_image(kept, "")
            else:
                self._keys[self.loader.request(self.folder, figure.file, THUMBNAIL)] = button
        layout.addStretch(1)
        self.setWidget(row)
        if figures and not self._sized:
            # Sized when first shown (hidden, it takes no room): asking the style at start-up would make
            # PySide create QStyle's hundreds of enum members. Room for a row of buttons and, when they
            # overflow, the scroll bar under them.
            from PySide6.QtWidgets import QStyle

            scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            self.setFixedHeight(THUMBNAIL + 64 + scroll_bar)
            self._sized = True
        self.setVisible(bool(figures))

    @Slot(str, QImage, str)
    def _on_loaded(self, key: str, image: QImage, problem: str) -> None:
        button = self._keys.get(key)
        if button is not None:
            button.show_image(image, self.problem_words(problem) if image.isNull() else "")

    def problem_words(self, problem: str) -> str:
        """Why a figure cannot be shown, as the case's disclosure lets it be said now."""
        disclosure = self._document.disclosure
        return figure_problem(problem, disclosure is not None and not disclosure.complete)

    @Slot()
    def _on_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, FigureButton) and button.figure is not None:
            self.open_figure(self._selection.current, int(button.property("figure_index")), button.figure)

    def open_figure(self, item_id: str, index: int, figure: Figure) -> FigureView:
        """Show `figure` (figure `index` of item `item_id`) large, in a window of its own."""
        from viewer.ui.figure_view import FigureView

        view = FigureView(self.loader, self.folder, figure, self.window(), self.problem_words)
        self._views.append((item_id, index, view))
        view.finished.connect(self._on_view_finished)
        view.show()
        return view

    @Slot()
    def _on_view_finished(self) -> None:
        self._views = [entry for entry in self._views if entry[2] is not self.sender()]
