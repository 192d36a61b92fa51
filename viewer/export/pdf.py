"""The case as a printable PDF handout (QPdfWriter, from QtGui): real text, page numbers.

The document is laid out at 96 units per inch, the unit Qt's text layout
measures margins and borders in, so the page is 794 × 1123 units on A4.
The handout is laid out a stretch at a time, each stretch a document of its own
that starts at the top of a page and ends where a heading or a table's rows
would otherwise break badly, so the work grows with the handout, not faster.
Each page is drawn from its stretch's layout: its slice of the document, the
timeline figure where its frame falls, and a footer with the page number.
"""

from __future__ import annotations

import math
import os
from bisect import bisect_left
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec
from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)

from viewer.content.disclosure import Disclosure
from viewer.content.shown import ShownCase
from viewer.draw.figure import figure_font, least_height, paint_figure
from viewer.draw.theme import Theme
from viewer.export.figures import Decoded, handout_figures
from viewer.export.handout import (
    BODY_PT,
    CELL_PADDING,
    NO_LIGATURES,
    TABLE_BORDER,
    WHAT_SHARE,
    Checkpoint,
    Handout,
    HandoutPlan,
    plan_care_checklist,
    plan_handout,
)
from viewer.export.memory import replacing
from viewer.record.atomic import WriteError

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Where US Letter is the paper in the shops (CLDR's paperSize data).
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Belize,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.CostaRica,
        QLocale.Country.ElSalvador,
        QLocale.Country.Guatemala,
        QLocale.Country.Nicaragua,
        QLocale.Country.Panama,
        QLocale.Country.Philippines,
        QLocale.Country.PuertoRico,
        QLocale.Country.Venezuela,
    }
)
PRINT_THEME = "light"
"""The handout's colours unless asked otherwise: dark text on white paper, whatever the screen shows."""
DPI = 96
MARGINS = QMarginsF(68, 60, 68, 72)
"""Page margins in 1/96 inch (about 18 mm at the sides); the footer sits in the bottom one."""
FIGURE_PX = 11.0
"""Label size of the handout's timeline, in 1/96 inch: small enough for the column width."""
FIGURE_PAGE_SHARE = 0.4
"""The most of a page's text height one item's figure may take: its row must fit a page."""
FIGURE_LINES = 18.0
"""Height of the handout's timeline in its label lines, unless its lanes need more."""
FIGURE_ROOM_SHARE = 0.6
"""The most of a page's text height the timeline may take, beside the title and its heading; a
timeline that needs more is drawn smaller."""
KEEP_LINES = 4
"""Lines of a section that must fit under its heading on the same page."""
SHORT_TABLE_SHARE = 0.3
"""A table under a heading that takes no more of a page's text height than this is kept whole with it."""
ABOVE_CELL_TEXT = CELL_PADDING + TABLE_BORDER
"""A page cut this far above a row's text ends with the line over the row, and none of the row below it."""
FIRST_SPAN = 64
"""Items (table row units, paragraphs, headings) laid out in the first stretch."""
LOOKAHEAD_PAGES = 2.5
"""Pages a stretch is laid out for, at the density of the stretch before: it usually ends sooner."""
LAYOUT_SHARE = 0.6
"""The part of an export's time that laying out takes, for progress; painting the pages takes the rest."""

Progress = Callable[[float], bool]
"""Told the part of an export done (0 to 1); returns False to stop it."""


class ExportCancelledError(Exception):
    """The export was stopped by its progress callback; nothing was written."""


class _Page(msgspec.Struct, frozen=True):
    """A page of the handout: a page of a stretch's document, cut off at `bottom` (document units) if not None."""

    stretch: Handout
    number: int
    bottom: float | None = None


def default_paper(locale: QLocale | None = None) -> str:
    """ "letter" where the locale's territory uses US Letter, else "a4"."""
    territory = (locale or QLocale.system()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def export_pdf(
    shown: ShownCase,
    disclosure: Disclosure,
    path: str | os.PathLike[str],
    theme: Theme,
    paper: str | None = None,
    *,
    progress: Progress | None = None,
    care: bool = False,
    folder: Path | None = None,
    figures: Decoded | None = None,
) -> int:
    """Write the handout of `shown`, as `disclosure` shows it, to `path` on `paper` ("a4" or
    "letter"; from the locale when None).

    `progress` is told how far the export has got; when it returns False the export
    stops and raises ExportCancelledError, leaving any file at `path` as it was.
    Figures are read from the record's `folder` (None: a record not read from a file, whose
    figures cannot be printed) as the layout needs them, unless `figures` holds them decoded
    already (`decode_figures`). With `care`, the CARE checklist ends the handout, on pages of its
    own. Returns the number of pages. Raises WriteError."""
    parts = [case_part(shown, disclosure, theme, folder=folder, figures=figures)]
    if care:
        parts.append(care_part(shown, disclosure, theme))
    return export_parts(parts, path, disclosure.title, paper, progress=progress)


class Part(msgspec.Struct, frozen=True):
    """One part of a PDF, starting on a page of its own: its planned content (from the font family,
    the timeline figure's height, the width of the time table's "What" column and the most height
    a figure may take), the case whose timeline its figure frame holds, and the title in its pages'
    footer."""

    plan: Callable[[str, float, float, float], HandoutPlan]
    figure: tuple[ShownCase, Disclosure] | None
    title: str
    theme: Theme


def case_part(
    shown: ShownCase,
    disclosure: Disclosure,
    theme: Theme,
    *,
    folder: Path | None = None,
    figures: Decoded | None = None,
) -> Part:
    """The handout of `shown`, as `disclosure` shows it, as a part of a PDF: its figures read from the
    record's `folder` (None: a record not read from a file, whose figures cannot be printed) when its
    layout begins, or given decoded in `figures`."""

    def plan(family: str, figure_height: float, column: float, tallest: float) -> HandoutPlan:
        decoded = handout_figures(shown, disclosure, folder) if figures is None else figures
        return plan_handout(shown, disclosure, theme, family, figure_height, decoded, column, tallest)

    return Part(plan, (shown, disclosure), disclosure.title, theme)


def care_part(shown: ShownCase, disclosure: Disclosure, theme: Theme) -> Part:
    """The CARE checklist of `shown`'s record as a part of a PDF, its footer titled as `disclosure` shows."""

    def plan(family: str, _figure: float, _column: float, _tallest: float) -> HandoutPlan:
        return plan_care_checklist(shown.record, disclosure.complete, theme, family)

    return Part(plan, None, disclosure.title, theme)


def export_parts(
    parts: list[Part],
    path: str | os.PathLike[str],
    title: str,
    paper: str | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """Write `parts` in order as one PDF at `path`, titled `title`, its pages numbered through; as
    `export_pdf` does for one handout. Returns the number of pages. Raises WriteError."""
    paper = paper or default_paper()
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}, not {paper!r}")
    go_on = progress or (lambda _done: True)
    with replacing(path) as device:
        writer = QPdfWriter(device)
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        # Document properties are seen by anyone who opens the file: the shown title only.
        writer.setTitle(title)
        writer.setCreator("Case Viewer")
        page = QRectF(0, 0, writer.width(), writer.height())
        font = figure_font(FIGURE_PX)
        font.setStyleStrategy(NO_LIGATURES)
        line = QFontMetricsF(font, writer).height()
        # The "What" column less its cell padding and borders.
        column = (page.width() - MARGINS.left() - MARGINS.right()) * WHAT_SHARE / 100 - 10
        room = page.height() - MARGINS.top() - MARGINS.bottom()
        tallest = room * FIGURE_PAGE_SHARE
        pages: list[tuple[_Page, Part]] = []
        for number, part in enumerate(parts):

            def part_done(done: float, number: int = number) -> bool:
                return go_on((number * LAYOUT_SHARE + done) / len(parts))

            height = _figure_height(part, font, writer, page.width() - MARGINS.left() - MARGINS.right(), line, room)
            plan = part.plan(font.family(), height, column, tallest)
            pages += [(sheet, part) for sheet in _paginate(plan, writer, page, line, part_done)]
        painter = QPainter()
        if not painter.begin(writer):
            raise WriteError(path, "the PDF could not be started")
        try:
            for number, (sheet, part) in enumerate(pages):
                if not go_on(LAYOUT_SHARE + (1 - LAYOUT_SHARE) * number / len(pages)):
                    raise ExportCancelledError
                if number and not writer.newPage():
                    raise WriteError(path, "a new PDF page could not be started")
                _paint_page(painter, sheet, number, len(pages), page, part, font)
        finally:
            finished = painter.end()
        if not finished:
            raise WriteError(path, "the PDF could not be finished")
    return len(pages)


def _figure_height(part: Part, font: QFont, writer: QPdfWriter, width: float, line: float, room: float) -> float:
    """The height of `part`'s timeline, `width` wide: its lanes clear of its legend, within its share of
    the page's text height `room`."""
    if part.figure is None:
        return FIGURE_LINES * line
    least = least_height(*part.figure, font, width, writer)
    return min(max(FIGURE_LINES * line, math.ceil(least)), room * FIGURE_ROOM_SHARE)


def _paginate(plan: HandoutPlan, writer: QPdfWriter, page: QRectF, line: float, go_on: Progress) -> list[_Page]:
    """The handout's pages, laid out a stretch at a time.

    A stretch is laid out a few pages ahead; it ends at the first checkpoint that
    must start a new page, or else at the last rows that Qt moved to a page top,
    and the next stretch begins there. With neither, it is laid out again with
    more, unless it reaches the end."""
    pages: list[_Page] = []
    first, items = -1, FIRST_SPAN
    while True:
        if not go_on(LAYOUT_SHARE * max(first, 0) / max(plan.keys, 1)):
            raise ExportCancelledError
        stretch = plan.render(writer, page.width() - MARGINS.left() - MARGINS.right(), first, items)
        _lay_out(stretch.document, page)
        moved = _first_misplaced(stretch, page.height(), line, first)
        if moved is None:
            if stretch.complete:
                return pages + [_Page(stretch, number) for number in range(stretch.document.pageCount())]
            turn = _last_page_turn(stretch, page.height(), first)
            if turn is None:
                items *= 2
                continue
            first, number = turn
            pages += [_Page(stretch, before) for before in range(number)]
        else:
            bottom = _top(stretch, moved)
            last = int(bottom // page.height())
            pages += [_Page(stretch, number) for number in range(last)]
            pages.append(_Page(stretch, last, bottom))
            first = moved
        items = max(FIRST_SPAN // 4, round(items * LOOKAHEAD_PAGES / stretch.document.pageCount()))


def _lay_out(document: QTextDocument, page: QRectF) -> None:
    """Paginate `document` for `page`, the margins inside it."""
    root = document.rootFrame().frameFormat()
    root.setLeftMargin(MARGINS.left())
    root.setTopMargin(MARGINS.top())
    root.setRightMargin(MARGINS.right())
    root.setBottomMargin(MARGINS.bottom())
    document.rootFrame().setFrameFormat(root)
    document.setPageSize(page.size())
    # Qt lays out lazily; a complete layout keeps the page count and every position consistent.
    document.documentLayout().documentSize()


def _extent(stretch: Handout, checkpoint: Checkpoint, layout: QAbstractTextDocumentLayout) -> tuple[float, float]:
    """Top and bottom of a checkpoint's text in its stretch's document, laid out by `layout`."""
    document = stretch.document
    last = checkpoint.first if checkpoint.last is None else checkpoint.last
    # A table row's cells may break at different lines: the row spans all of them.
    extents = [_lines(block, layout) for block in _blocks(document, checkpoint.first, last)]
    return min(top for top, _ in extents), max(bottom for _, bottom in extents)


def _lines(block: QTextBlock, layout: QAbstractTextDocumentLayout) -> tuple[float, float]:
    """Top and bottom of a block's lines. Qt moves the lines of a table cell that would cross a page
    to the next one without moving the block's bounding rect, while a shorter cell of the same row
    stays: the row is then split across the pages."""
    rect = layout.blockBoundingRect(block)
    lines = block.layout().boundingRect()
    return rect.top() + lines.top(), rect.top() + max(rect.height(), lines.bottom())


def _top(stretch: Handout, key: int) -> float:
    """Where the page ends in `stretch` for checkpoint `key` to start the next one: above its row or heading."""
    checkpoint = next(checkpoint for checkpoint in stretch.checkpoints if checkpoint.key == key)
    top = _extent(stretch, checkpoint, stretch.document.documentLayout())[0]
    return top if checkpoint.last is None else top - ABOVE_CELL_TEXT


def _last_page_turn(stretch: Handout, page_height: float, first: int) -> tuple[int, int] | None:
    """The last table rows in `stretch` that Qt moved to the top of a page, under the repeated
    header, and that page's number: a stretch may start there and lay out the same.
    None when no rows after `first` start a page."""
    layout = stretch.document.documentLayout()
    turn = None
    previous: float | None = None
    for checkpoint in stretch.checkpoints:
        if checkpoint.last is None:
            previous = None
            continue
        top, bottom = _extent(stretch, checkpoint, layout)
        if previous is not None and checkpoint.moves > first and top // page_height > previous // page_height:
            turn = (checkpoint.key, int(top // page_height))
        previous = bottom
    return turn


def _first_misplaced(stretch: Handout, page_height: float, line: float, first: int) -> int | None:
    """The checkpoint to start a new page at: the first heading that would end a page, or
    rows that would straddle one. None when the pages are fine as they are.

    Checkpoint `first` starts the stretch at the top of a page, and what moves with it stays.
    Qt's layout breaks pages between lines, wherever they fall, even inside a table row.
    """
    room = page_height - MARGINS.top() - MARGINS.bottom()
    layout = stretch.document.documentLayout()
    for number, checkpoint in enumerate(stretch.checkpoints):
        if checkpoint.moves <= first:
            continue
        top, bottom = _extent(stretch, checkpoint, layout)
        page_top = top // page_height * page_height
        if top <= page_top + MARGINS.top() + line:
            continue
        if checkpoint.last is None:
            # A heading needs a few lines of its section under it, and all of a short table.
            bottom = max(bottom + KEEP_LINES * line, _short_table_end(stretch, number, room * SHORT_TABLE_SHARE))
        elif bottom - top > room / 2:
            # Too tall to move whole without leaving half a page empty: let it break.
            continue
        if bottom > page_top + page_height - MARGINS.bottom():
            return checkpoint.moves
    return None


def _short_table_end(stretch: Handout, heading: int, room: float) -> float:
    """Where the table right under checkpoint `heading` would end, were it not split across pages, when it
    takes no more than `room`: a table that short reads whole, not split a row or two from the rest.
    0 when there is none, or it is longer, or it runs on past this stretch."""
    layout = stretch.document.documentLayout()
    units = stretch.checkpoints[heading + 1 :]
    run = 0
    # Units of one table are numbered on from its heading; a heading between two tables takes a number.
    key = stretch.checkpoints[heading].key
    while run < len(units) and units[run].last is not None and units[run].key == key + run + 1:
        run += 1
    if run == 0 or (run == len(units) and not stretch.complete):
        return 0.0
    extents = [_extent(stretch, unit, layout) for unit in units[:run]]
    height = sum(bottom - top + 2 * CELL_PADDING + TABLE_BORDER for top, bottom in extents)
    return extents[0][0] + height if height <= room else 0.0


def _open_foot(stretch: Handout, number: int, page_height: float) -> QRectF | None:
    """The line under the last row on page `number` of a table whose next row Qt moved to the next
    page: Qt draws none there, and the table's sides would run on down the empty foot of the page.
    None when no table goes on to the next page from a whole row on this one."""
    document = stretch.document
    layout = document.documentLayout()
    units = [checkpoint for checkpoint in stretch.checkpoints if checkpoint.last is not None]

    def starts(unit: Checkpoint) -> float:
        return layout.blockBoundingRect(document.findBlock(unit.first)).top()

    # Units run down the pages in order: the first to start below this page is the one moved on.
    after = bisect_left(units, (number + 1) * page_height, key=starts)
    if not 0 < after < len(units):
        return None
    unit, moved = units[after - 1], units[after]
    # Units of one table are numbered on; a heading between two tables takes a number.
    if moved.key != unit.key + 1:
        return None
    bottom = _extent(stretch, unit, layout)[1]
    if bottom // page_height != number or _extent(stretch, moved, layout)[0] // page_height <= number:
        return None
    table = QTextCursor(document.findBlock(unit.first)).currentTable()
    # The header row's first and last cells: the table's sides are a cell's padding and its border out.
    first = layout.blockBoundingRect(document.findBlock(table.cellAt(0, 0).firstPosition()))
    last = layout.blockBoundingRect(document.findBlock(table.cellAt(0, table.columns() - 1).firstPosition()))
    left, width = (
        first.left() - CELL_PADDING - TABLE_BORDER,
        last.right() - first.left() + 2 * CELL_PADDING + TABLE_BORDER,
    )
    return QRectF(left, bottom + CELL_PADDING, width, TABLE_BORDER)


def _blocks(document: QTextDocument, first: int, last: int) -> Iterator[QTextBlock]:
    block = document.findBlock(first)
    while block.isValid() and block.position() <= last:
        yield block
        block = block.next()


def _paint_page(
    painter: QPainter, sheet: _Page, number: int, pages: int, page: QRectF, part: Part, font: QFont
) -> None:
    """One page: its slice of its stretch, the figure if its frame is here, and the footer."""
    stretch = sheet.stretch
    layout = stretch.document.documentLayout()
    theme = part.theme
    painter.fillRect(page, theme.color("base"))
    top = sheet.number * page.height()
    painter.save()
    painter.translate(0, -top)
    # Only this page's slice: a table border may not spill into the margins, nor the next stretch show here.
    bottom = top + page.height() - MARGINS.bottom()
    if sheet.bottom is not None:
        bottom = min(bottom, sheet.bottom)
    foot = _open_foot(stretch, sheet.number, page.height()) if sheet.bottom is None else None
    if foot is not None:
        bottom = min(bottom, foot.bottom())
    slice_ = QRectF(0, top + MARGINS.top(), page.width(), bottom - top - MARGINS.top())
    painter.setClipRect(slice_)
    context = QAbstractTextDocumentLayout.PaintContext()
    # Qt draws every block that touches the clip: one starting right at a cut belongs to the next page.
    context.clip = slice_ if sheet.bottom is None else slice_.adjusted(0, 0, 0, -1)
    context.palette.setColor(QPalette.ColorRole.Text, theme.color("text"))
    layout.draw(painter, context)
    if foot is not None:
        painter.fillRect(foot, theme.color("grid"))
    if stretch.figure is not None and part.figure is not None:
        frame = layout.frameBoundingRect(stretch.figure)
        if frame.intersects(slice_):
            paint_figure(painter, frame, *part.figure, theme, font)
    painter.restore()
    _paint_footer(painter, page, number, pages, part.title, theme)


def _paint_footer(painter: QPainter, page: QRectF, number: int, pages: int, title: str, theme: Theme) -> None:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(BODY_PT * 0.8)
    font.setStyleStrategy(NO_LIGATURES)
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    baseline = page.height() - MARGINS.bottom() / 2
    width = page.width() - MARGINS.left() - MARGINS.right()
    box = QRectF(MARGINS.left(), baseline - metrics.height(), width, metrics.height())
    painter.setPen(theme.color("grid"))
    painter.drawLine(box.topLeft() - QPointF(0, 4), box.topRight() - QPointF(0, 4))
    painter.setPen(theme.color("muted"))
    numbering = f"Page {number + 1} of {pages}"
    room = box.width() - metrics.horizontalAdvance(numbering) - metrics.height() * 2
    shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, numbering)
    painter.restore()
