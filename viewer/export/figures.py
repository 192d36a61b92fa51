"""The figures a handout prints, read and decoded once per export, as the disclosure shows them.

Which figures a handout needs (`wanted_figures`) is known before any is read, so a window can
decode them (`decode_figures`) on another thread and hand the results to the layout."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtGui import QImage

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.figure_image import decode
from viewer.record.figures import FigureError, FigureReader

PRINT_PIXELS = 1600
"""The longer side a figure is decoded at for print: sharp across a column at 300 dpi and more."""

Decoded = Mapping[str, QImage | str]
"""A handout's figures by `figure_key`: each image, or why it cannot be printed."""


def figure_key(item_id: str, index: int) -> str:
    """The name a handout's document gives figure `index` of item `item_id`."""
    return f"figure:{item_id}:{index}"


def wanted_figures(shown: ShownCase, disclosure: Disclosure) -> list[tuple[str, str]]:
    """(`figure_key`, file name) of each figure `disclosure` shows, in the handout's order.
    A withheld figure is not named at all."""
    wanted: list[tuple[str, str]] = []
    items = [shown.items[item_id][1] for item_id in shown.full_order] + list(shown.record.discussion)
    for item in items:
        for index, figure in enumerate(disclosure.figures(item)):
            if figure is not None:
                wanted.append((figure_key(item.id, index), figure.file))
    return wanted


def decode_figures(
    wanted: list[tuple[str, str]], folder: Path | None, go_on: Callable[[int], bool] | None = None
) -> dict[str, QImage | str] | None:
    """The `wanted` figures of the record in `folder`, read (within the record's limit) and decoded
    for print, by key. `go_on` is told how many are done before each next one; when it returns
    False the rest are left and None is returned."""
    found: dict[str, QImage | str] = {}
    reader = FigureReader(folder)
    for done, (key, name) in enumerate(wanted):
        if go_on is not None and not go_on(done):
            return None
        try:
            found[key] = decode(reader.read(name), PRINT_PIXELS)
        except FigureError as error:
            found[key] = str(error)
    return found


def handout_figures(shown: ShownCase, disclosure: Disclosure, folder: Path | None) -> dict[str, QImage | str]:
    """Each figure `disclosure` shows, by `figure_key`: its image, or why it cannot be printed."""
    found = decode_figures(wanted_figures(shown, disclosure), folder)
    assert found is not None
    return found
