"""The case as a printable PDF handout (QPdfWriter, from QtGui): real text, page numbers.

The document is laid out at 96 units per inch, the unit Qt's text layout
measures margins and borders in, so the page is 794 × 1123 units on A4.
Each page is drawn from the one layout: its slice of the document, the
timeline figure where its frame falls, and a footer with the page number.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

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
    QTextDocument,
)

from viewer.export.atomic import ExportError, replacing
from viewer.export.figure import figure_font, paint_figure
from viewer.export.handout import BODY_PT, NO_LIGATURES, Handout, build_handout
from viewer.record.disclosure import Disclosure
from viewer.record.timing import resolve_times
from viewer.ui.theme import Theme

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
FIGURE_LINES = 18.0
KEEP_LINES = 4
"""Lines of a section that must fit under its heading on the same page."""


def default_paper(locale: QLocale | None = None) -> str:
    """ "letter" where the locale's territory uses US Letter, else "a4"."""
    territory = (locale or QLocale.system()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def export_pdf(disclosure: Disclosure, path: str | os.PathLike[str], theme: Theme, paper: str | None = None) -> int:
    """Write the handout to `path` on `paper` ("a4" or "letter"; from the locale when None).

    Returns the number of pages. Raises ExportError."""
    paper = paper or default_paper()
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}, not {paper!r}")
    with replacing(path) as device:
        writer = QPdfWriter(device)
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        # Document properties are seen by anyone who opens the file: the shown title only.
        writer.setTitle(disclosure.title)
        writer.setCreator("Case Viewer")
        page = QRectF(0, 0, writer.width(), writer.height())
        font = figure_font(FIGURE_PX)
        font.setStyleStrategy(NO_LIGATURES)
        line = QFontMetricsF(font, writer).height()
        placements = resolve_times(disclosure.record)
        breaks: frozenset[int] = frozenset()
        while True:
            handout = build_handout(disclosure, placements, theme, writer, font.family(), FIGURE_LINES * line, breaks)
            _lay_out(handout.document, page)
            moved = _first_misplaced(handout, page.height(), line, breaks)
            if moved is None:
                break
            breaks |= {moved}
        document = handout.document
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(path, "the PDF could not be started")
        try:
            pages = document.pageCount()
            for number in range(pages):
                if number and not writer.newPage():
                    raise ExportError(path, "a new PDF page could not be started")
                _paint_page(painter, handout, number, pages, page, disclosure, theme, font)
        finally:
            finished = painter.end()
        if not finished:
            raise ExportError(path, "the PDF could not be finished")
    return pages


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


def _first_misplaced(handout: Handout, page_height: float, line: float, breaks: frozenset[int]) -> int | None:
    """The checkpoint to start a new page at: the first heading that would end a page, or
    rows that would straddle one. None when the pages are fine as they are.

    Qt's layout breaks pages between lines, wherever they fall, even inside a table row.
    """
    document = handout.document
    layout = document.documentLayout()
    room = page_height - MARGINS.top() - MARGINS.bottom()
    for checkpoint in handout.checkpoints:
        if checkpoint.moves in breaks:
            continue
        last = checkpoint.first if checkpoint.last is None else checkpoint.last
        # A table row's cells may break at different lines: the row spans all of them.
        rects = [layout.blockBoundingRect(block) for block in _blocks(document, checkpoint.first, last)]
        top = min(rect.top() for rect in rects)
        bottom = max(rect.bottom() for rect in rects)
        page_top = top // page_height * page_height
        if top <= page_top + MARGINS.top() + line:
            continue
        if checkpoint.last is None:
            # A heading needs a few lines of its section under it.
            bottom += KEEP_LINES * line
        elif bottom - top > room / 2:
            # Too tall to move whole without leaving half a page empty: let it break.
            continue
        if bottom > page_top + page_height - MARGINS.bottom():
            return checkpoint.moves
    return None


def _blocks(document: QTextDocument, first: int, last: int) -> Iterator[QTextBlock]:
    block = document.findBlock(first)
    while block.isValid() and block.position() <= last:
        yield block
        block = block.next()


def _paint_page(
    painter: QPainter,
    handout: Handout,
    number: int,
    pages: int,
    page: QRectF,
    disclosure: Disclosure,
    theme: Theme,
    font: QFont,
) -> None:
    """One page: its slice of the document, the figure if its frame is here, and the footer."""
    document = handout.document
    layout = document.documentLayout()
    painter.fillRect(page, theme.color("base"))
    top = number * page.height()
    painter.save()
    painter.translate(0, -top)
    # Only this page's slice: a table border may not spill into the margins.
    slice_ = QRectF(0, top + MARGINS.top(), page.width(), page.height() - MARGINS.top() - MARGINS.bottom())
    painter.setClipRect(slice_)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = slice_
    context.palette.setColor(QPalette.ColorRole.Text, theme.color("text"))
    layout.draw(painter, context)
    frame = layout.frameBoundingRect(handout.figure)
    if frame.intersects(slice_):
        paint_figure(painter, frame, disclosure, theme, font)
    painter.restore()
    _paint_footer(painter, page, number, pages, disclosure, theme)


def _paint_footer(
    painter: QPainter, page: QRectF, number: int, pages: int, disclosure: Disclosure, theme: Theme
) -> None:
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
    title = metrics.elidedText(disclosure.title, Qt.TextElideMode.ElideRight, room)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, numbering)
    painter.restore()
