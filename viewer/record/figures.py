"""A record's figures: where their files are, and whether they may be shown.

A figure's file is named relative to the record's folder and must stay inside
it: an absolute path, a `..` that climbs out or a link that resolves outside is
refused, so a record cannot make the viewer show (or a handout print) any other
file. Each file is then read as `read_regular_file` reads (never blocking on a
FIFO) and checked from its bytes: its format, its header's size and its
structure, before any image library decodes it. A figure that fails is a
located problem, never a failed record: the case still opens, with a
placeholder where the figure would be.

A record read from memory rather than from a file (`folder` None) has no folder
to name files from: each of its figures is such a placeholder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

import msgspec

from viewer.record.files import NotRegularFileError, read_regular_file
from viewer.record.images import ImageFormatError, ImageInfo, identifying_metadata, image_format, image_info
from viewer.record.model import ITEM_SECTIONS, CaseRecord, DiscussionPoint, Figure, TimedItem

MAX_FIGURE_BYTES = 32 * 1024 * 1024
"""The largest figure file that is read."""
MAX_FIGURE_PIXELS = 40_000_000
"""The most pixels a figure may have: its decoded image takes four bytes each."""
MAX_RECORD_FIGURE_BYTES = 200 * 1024 * 1024
"""The most bytes of figure files one record may name, all together."""

_EXTENSIONS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class FigureError(ValueError):
    """A figure cannot be shown; the message says why, in words."""


class FigureFile(msgspec.Struct, frozen=True):
    """A figure file that passed every check: its bytes (what is decoded) and what its header says."""

    path: Path
    data: bytes
    info: ImageInfo


def figure_entries(record: CaseRecord) -> Iterator[tuple[str, TimedItem | DiscussionPoint, Figure]]:
    """(item path of the figure, its item, the figure) for every figure, in record order."""
    for section in ITEM_SECTIONS:
        for position, item in enumerate(getattr(record, section)):
            for index, figure in enumerate(item.figures):
                yield f"{section}[{position}].figures[{index}]", item, figure


def figure_path(folder: Path | None, name: str) -> Path:
    """Where the figure file `name` is, in the record's `folder`. Raises FigureError when `name`
    leaves the folder (absolute, `..` climbing out, a link resolving outside) or there is no folder."""
    if folder is None:
        raise FigureError("the record was not read from a file, so it has no folder to find the figure in")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive or PureWindowsPath(name).root:
        raise FigureError(f"'{name}' is an absolute path; name the figure relative to the record's folder")
    if "\x00" in name:
        raise FigureError("no file can have this name")
    depth = 0
    for part in PureWindowsPath(name).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            raise FigureError(f"'{name}' leaves the record's folder; figures must be inside it")
    path = folder / name
    try:
        inside = os.path.realpath(folder)
        target = os.path.realpath(path)
    except (OSError, ValueError) as error:
        raise FigureError(f"cannot follow the path: {error}") from None
    if os.path.commonpath([inside, target]) != inside:
        raise FigureError(f"'{name}' is a link that leads outside the record's folder; figures must be inside it")
    return path


def read_figure(folder: Path | None, name: str) -> FigureFile:
    """The checked bytes of the figure file `name` in `folder`. Raises FigureError."""
    path = figure_path(folder, name)
    expected = _EXTENSIONS.get(path.suffix.lower())
    if expected is None:
        raise FigureError(f"'{name}' is not named as a PNG or JPEG file (.png, .jpg or .jpeg)")
    try:
        data = read_regular_file(path, MAX_FIGURE_BYTES)
    except NotRegularFileError as error:
        raise FigureError(f"cannot read the figure: {error}") from None
    except OSError as error:
        raise FigureError(f"cannot read the figure: {error.strerror or error}") from None
    if not data:
        raise FigureError("the figure file is empty")
    if len(data) > MAX_FIGURE_BYTES:
        raise FigureError(f"the figure file is larger than {MAX_FIGURE_BYTES // 1048576} MiB, the most a figure may be")
    actual = image_format(data)
    if actual is not None and actual != expected:
        raise FigureError(f"the file is named as a {expected} image but its bytes are a {actual} image")
    try:
        info = image_info(data)
    except ImageFormatError as error:
        raise FigureError(str(error)) from None
    if info.width * info.height > MAX_FIGURE_PIXELS:
        raise FigureError(
            f"the image is {info.width:,} x {info.height:,} pixels; a figure may have at most "
            f"{MAX_FIGURE_PIXELS // 1_000_000} megapixels"
        )
    return FigureFile(path, data, info)


class FigureReader:
    """Reads one record's figures (`read_figure`) within the record's limit: once they would come to
    more than MAX_RECORD_FIGURE_BYTES together, the rest are refused unread, so a record naming one
    large file ten thousand times costs no more to open than one within the limit."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.total = 0

    def read(self, name: str) -> FigureFile:
        """The checked bytes of the figure file `name`. Raises FigureError."""
        path = figure_path(self.folder, name)
        try:
            size = os.stat(path).st_size
        except (OSError, ValueError):
            size = 0  # read_figure says what is wrong with the path
        if self.total + size > MAX_RECORD_FIGURE_BYTES:
            raise FigureError(
                f"the record's figures come to more than {MAX_RECORD_FIGURE_BYTES // 1048576} MiB, "
                "the most a record may have"
            )
        found = read_figure(self.folder, name)
        self.total += len(found.data)
        return found


def figure_problems(record: CaseRecord, folder: Path | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(item path, message) for each figure that cannot be shown, and warnings: for each figure that
    can but holds metadata that could identify a place, a person or a camera, and for each figure
    whose reveal comes before its item's (unknown-case mode shows it with its item, not earlier)."""
    problems: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    reader = FigureReader(folder)
    for path, item, figure in figure_entries(record):
        if figure.reveal is not None and item.reveal is not None and figure.reveal < item.reveal:
            warnings.append(
                (
                    f"{path}.reveal",
                    f"the figure's reveal ({figure.reveal}) comes before its item's ({item.reveal}); "
                    f"unknown-case mode shows it with its item, at stage {item.reveal}",
                )
            )
        where = f"{path}.file"
        try:
            found = reader.read(figure.file)
        except FigureError as error:
            problems.append((where, str(error)))
            continue
        held = identifying_metadata(found.data)
        if held:
            warnings.append((where, f"the image's metadata holds {' and '.join(held)}; figures must be de-identified"))
    return problems, warnings
