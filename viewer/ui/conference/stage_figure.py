"""Figures in a talk: large on the audience view beside the step, small on the presenter's console.

The room sees the selected step's first figure as its disclosure shows it: the
image with its caption and credit, or "figure withheld" and nothing else of it
until its stage. The console shows the presenter the figures of the current
and the next step, withheld ones said to be withheld from the room.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from viewer.content.disclosure import FIGURE_WITHHELD, figure_problem
from viewer.record.model import Figure
from viewer.ui.conference.talk import Talk
from viewer.ui.document import Document
from viewer.ui.figure_loader import FigureLoader
from viewer.ui.figure_view import FigureCanvas
from viewer.ui.image_cache import kept_image
from viewer.ui.selection import Selection

STAGE_PIXELS = 2048
"""The longer side the room's figure is decoded at: a projector's width, and no more."""
CONSOLE_THUMBNAIL = 160


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class StageFigure(QWidget):
    """The room's figure for the item `selection` holds, while `for_room`; `showing_changed(bool)` when
    it appears or goes, so the window can make room for it."""

    showing_changed = Signal(bool)

    def __init__(self, document: Document, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.for_room = False
        self.setObjectName("stage-figure")
        self.canvas = FigureCanvas(self)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.caption = _plain_label("stage-caption")
        self.credit = _plain_label("stage-credit")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.credit)
        self._loader = FigureLoader(self)
        self._loader.loaded.connect(self._on_loaded)
        self._key = ""
        self.showing = False
        self.hide()
        selection.changed.connect(self._on_changed)
        document.disclosure_changed.connect(self._on_changed)

    def set_for_room(self, for_room: bool) -> None:
        """Show the room's figure (conference mode's view), or nothing."""
        self.for_room = for_room
        self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        document = self._document
        found = document.find(self._selection.current)
        disclosure = document.disclosure
        figures = disclosure.figures(found[1]) if self.for_room and found and disclosure is not None else []
        if not figures:
            self._key = ""
            self._set_showing(False)
            return
        figure = figures[0]
        if figure is None:
            self._key = ""
            self.canvas.set_image(QImage(), FIGURE_WITHHELD)
            self.canvas.setAccessibleName(FIGURE_WITHHELD)
            self.caption.setText("")
            self.credit.setText("")
        else:
            folder = None if document.path is None else document.path.parent
            # Shown at once when kept: the room never sees "Loading" for a figure it has seen.
            kept = kept_image(folder, figure.file, STAGE_PIXELS)
            self.canvas.set_image(QImage() if kept is None else kept, "Loading the figure…" if kept is None else "")
            self.canvas.setAccessibleName(f"Figure: {figure.caption}")
            self.caption.setText(figure.caption)
            self.credit.setText(figure.credit or "")
            self._key = "" if kept is not None else self._loader.request(folder, figure.file, STAGE_PIXELS)
        self._set_showing(True)

    def _set_showing(self, showing: bool) -> None:
        self.setVisible(showing)
        if showing != self.showing:
            self.showing = showing
            self.showing_changed.emit(showing)

    @Slot(str, QImage, str)
    def _on_loaded(self, key: str, image: QImage, problem: str) -> None:
        disclosure = self._document.disclosure
        if key == self._key and disclosure is not None:
            # The room's view: the reason, which can name the figure's file, only when nothing is withheld.
            self.canvas.set_image(image, figure_problem(problem, not disclosure.complete) if problem else "")


class ConsoleFigures(QWidget):
    """The presenter's thumbnails of the current and the next step's first figure."""

    def __init__(self, talk: Talk, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._talk = talk
        self._selection = selection
        self.setObjectName("console-figures")
        self._loader = FigureLoader(self)
        self._loader.loaded.connect(self._on_loaded)
        self.images = [QLabel(), QLabel()]
        self.captions = [_plain_label("now-figure"), _plain_label("next-figure")]
        self._keys = ["", ""]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (image, caption) in enumerate(zip(self.images, self.captions, strict=True)):
            image.setFixedSize(CONSOLE_THUMBNAIL, CONSOLE_THUMBNAIL)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(image, 0, column)
            grid.addWidget(caption, 1, column)
        grid.setColumnStretch(2, 1)
        talk.changed.connect(self._on_changed)
        selection.changed.connect(self._on_changed)
        self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        """Thumbnails of the current and next item's first figure; hidden when neither has one."""
        talk = self._talk
        items = [talk.shown.items.get(item_id) for item_id in (self._selection.current, talk.upcoming)]
        disclosure = talk.disclosure
        shown = [False, False]
        for slot, (found, when) in enumerate(zip(items, ("Now", "Next"), strict=True)):
            item = found[1] if found is not None else None
            figure: Figure | None = item.figures[0] if item is not None and item.figures else None
            self.images[slot].clear()
            self._keys[slot] = ""
            if figure is None or item is None:
                self.captions[slot].setText("")
                continue
            withheld = " (withheld from the audience)" if disclosure.figure_withheld(item, figure) else ""
            self.captions[slot].setText(f"{when}{withheld}: {figure.caption}")
            shown[slot] = True
            kept = kept_image(talk.folder, figure.file, CONSOLE_THUMBNAIL)
            if kept is not None:
                self.images[slot].setPixmap(QPixmap.fromImage(kept))
            else:
                self._keys[slot] = self._loader.request(talk.folder, figure.file, CONSOLE_THUMBNAIL)
        self.setVisible(any(shown))

    @Slot(str, QImage, str)
    def _on_loaded(self, key: str, image: QImage, problem: str) -> None:
        for slot, wanted in enumerate(self._keys):
            if key == wanted:
                if image.isNull():
                    self.images[slot].setText("figure unavailable")
                    self.images[slot].setToolTip(problem)
                else:
                    self.images[slot].setPixmap(QPixmap.fromImage(image))
