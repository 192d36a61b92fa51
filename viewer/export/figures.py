"""The figures a handout prints, read and decoded once per export, as the disclosure shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.figure_image import decode
from viewer.record.figures import FigureError, FigureReader

PRINT_PIXELS = 1600
"""The longer side a figure is decoded at for print: sharp across a column at 300 dpi and more."""


def figure_key(item_id: str, index: int) -> str:
    """The name a handout's document gives figure `index` of item `item_id`."""
    return f"figure:{item_id}:{index}"


def handout_figures(shown: ShownCase, disclosure: Disclosure, folder: Path | None) -> dict[str, QImage | str]:
    """Each figure `disclosure` shows, by `figure_key`: its image, or why it cannot be printed.
    A withheld figure is not read at all."""
    found: dict[str, QImage | str] = {}
    reader = FigureReader(folder)
    items = [shown.items[item_id][1] for item_id in shown.full_order] + list(shown.record.discussion)
    for item in items:
        for index, figure in enumerate(disclosure.figures(item)):
            if figure is None:
                continue
            try:
                found[figure_key(item.id, index)] = decode(reader.read(figure.file), PRINT_PIXELS)
            except FigureError as error:
                found[figure_key(item.id, index)] = str(error)
    return found
