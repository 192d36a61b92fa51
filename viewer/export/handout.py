"""The handout's content as a QTextDocument: headings, tables and the source text.

Record text goes in through `insertText` only, so nothing in a record is ever
read as markup. What may be shown comes from the Disclosure alone: a withheld
item shows "result withheld" and its timing, as on screen, and nothing else.
The timeline figure is left as an empty frame of the right size; the page
painter draws the figure into it with the screen's paint routine.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from PySide6.QtGui import (
    QBrush,
    QFont,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTableCellFormat,
    QTextTableFormat,
)

from viewer.record.disclosure import WITHHELD, Disclosure
from viewer.record.model import CaseRecord, DiscussionKind, TimedItem, timed_items
from viewer.record.timing import Placements, time_order, treatment_order
from viewer.ui.lanes import LANE_TITLES
from viewer.ui.theme import Theme
from viewer.ui.wording import (
    NOT_REPORTED,
    RESPONSE_NOT_REPORTED,
    RESULT_BADGES,
    TREATMENT_BADGES,
    citation,
    describe_time,
    lab_value,
)

BODY_PT = 10.0
NO_LIGATURES = QFont.StyleStrategy.PreferNoShaping
"""For Latin text: a PDF search for "different" must not miss "diﬀerent" drawn with an ff ligature.
Scripts that need shaping keep it."""

Paragraph = tuple[str, str]
"""(text, style): one paragraph of a table cell; styles are the keys of `_Styles.chars`."""
Cell = Sequence[Paragraph]


class Checkpoint(msgspec.Struct, frozen=True):
    """A place where a page may need to break: a heading, or table rows that belong together."""

    key: int
    """Its number in document order; the same on every build of the same handout."""
    first: int
    last: int | None
    """Document positions of a unit's first and last character; None for a heading."""
    moves: int
    """The checkpoint whose page break moves this one to a new page: a table's first rows move with its heading."""


class Handout(msgspec.Struct, frozen=True):
    """A laid-out handout: the document, the frame the timeline figure is drawn into, and its checkpoints."""

    document: QTextDocument
    figure: QTextFrame
    checkpoints: list[Checkpoint]


class _Styles:
    """Character and block formats of the handout, in the theme's colours."""

    def __init__(self, theme: Theme, family: str) -> None:
        self.theme = theme

        def char(points: float, colour: str = "text", bold: bool = False, italic: bool = False) -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setFontFamilies([family])
            fmt.setFontPointSize(points)
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            fmt.setFontStyleStrategy(NO_LIGATURES)
            fmt.setFontItalic(italic)
            fmt.setForeground(QBrush(theme.color(colour)))
            return fmt

        self.chars = {
            "title": char(BODY_PT * 1.7, bold=True),
            "subtitle": char(BODY_PT * 0.95, "muted"),
            "heading": char(BODY_PT * 1.25, bold=True),
            "body": char(BODY_PT),
            "strong": char(BODY_PT, bold=True),
            "small": char(BODY_PT * 0.9, "muted"),
            "note": char(BODY_PT * 0.9, "muted", italic=True),
            "withheld": char(BODY_PT, "muted", italic=True),
            "header": char(BODY_PT * 0.9, bold=True),
            "group": char(BODY_PT * 0.9, bold=True),
            "source": char(BODY_PT * 0.95),
        }

    def block(self, top: float = 0.0, bottom: float = 0.0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        return fmt


class _Builder:
    """Appends headings, paragraphs, lists and bordered tables at the end of a document.

    Checkpoints in `breaks` start a new page: a heading gets a page break
    before it, a table is cut there and goes on in a new table that repeats
    the header row.
    """

    def __init__(self, document: QTextDocument, styles: _Styles, breaks: frozenset[int]) -> None:
        self.document = document
        self.styles = styles
        self.breaks = breaks
        self.cursor = QTextCursor(document)
        self.checkpoints: list[Checkpoint] = []
        self._heading = -1
        self._first = True

    def _block(self, block: QTextBlockFormat, style: str) -> None:
        # The block's own character format sizes an empty line and a list bullet,
        # so it is the block's first style, not whatever was typed before.
        if self._first:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(self.styles.chars[style])
            self._first = False
        else:
            self.cursor.insertBlock(block, self.styles.chars[style])

    def paragraph(self, runs: Sequence[Paragraph], top: float = 0.0, bottom: float = 4.0) -> None:
        self._block(self.styles.block(top, bottom), runs[0][1])
        for text, style in runs:
            self.cursor.insertText(text, self.styles.chars[style])

    def heading(self, text: str) -> None:
        key = len(self.checkpoints)
        fmt = self.styles.block(14.0, 5.0)
        if key in self.breaks:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        self._block(fmt, "heading")
        self.cursor.insertText(text, self.styles.chars["heading"])
        self.checkpoints.append(Checkpoint(key, self.cursor.block().position(), None, key))
        self._heading = key

    def bullets(self, items: Sequence[Sequence[Paragraph]]) -> None:
        list_format = QTextListFormat()
        list_format.setStyle(QTextListFormat.Style.ListDisc)
        list_format.setIndent(1)
        text_list = None
        for runs in items:
            self._block(self.styles.block(0.0, 4.0), "body")
            if text_list is None:
                text_list = self.cursor.createList(list_format)
            else:
                text_list.add(self.cursor.block())
            for text, style in runs:
                self.cursor.insertText(text, self.styles.chars[style])

    def figure(self, height: float) -> QTextFrame:
        fmt = QTextFrameFormat()
        fmt.setHeight(QTextLength(QTextLength.Type.FixedLength, height))
        fmt.setTopMargin(6.0)
        fmt.setBottomMargin(2.0)
        frame = self.cursor.insertFrame(fmt)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        return frame

    def table(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Sequence[Cell] | str],
        merge_repeats: int | None = None,
    ) -> None:
        """A bordered table; a row given as a plain string is a group heading across all columns.

        In column `merge_repeats`, a cell that repeats the one above joins it, so a
        shared time reads once beside all the items it applies to."""
        # Units are rows that belong on one page: a run that shares a merged cell,
        # and a group heading with the row under it.
        units: list[list[Sequence[Cell] | str]] = []
        for number, row in enumerate(rows):
            joined = number > 0 and (
                isinstance(rows[number - 1], str)
                or (merge_repeats is not None and _repeats(rows, number, merge_repeats))
            )
            if joined:
                units[-1].append(row)
            else:
                units.append([row])
        chunk: list[tuple[int, list[Sequence[Cell] | str]]] = []
        for number, unit in enumerate(units):
            key = len(self.checkpoints) + len(chunk)
            if chunk and key in self.breaks:
                self._table_chunk(headers, widths, chunk, merge_repeats)
                chunk = []
            chunk.append((number, unit))
        self._table_chunk(headers, widths, chunk, merge_repeats)

    def _table_chunk(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        units: Sequence[tuple[int, list[Sequence[Cell] | str]]],
        merge_repeats: int | None,
    ) -> None:
        theme = self.styles.theme
        fmt = QTextTableFormat()
        # Qt draws no border thinner than one unit (1/96 inch).
        fmt.setBorder(1.0)
        fmt.setBorderBrush(QBrush(theme.color("grid")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(4.0)
        fmt.setTopMargin(2.0)
        fmt.setBottomMargin(6.0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        # The header row repeats on every page the table reaches.
        fmt.setHeaderRowCount(1)
        if units[0][0] > 0:
            # A cut table goes on at the top of the next page.
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        rows = [row for _, unit in units for row in unit]
        table = self.cursor.insertTable(len(rows) + 1, len(headers), fmt)
        shaded = QTextTableCellFormat()
        shaded.setBackground(QBrush(theme.color("alternate")))
        for column, title in enumerate(headers):
            cell = table.cellAt(0, column)
            cell.setFormat(shaded)
            cell.firstCursorPosition().insertText(title, self.styles.chars["header"])
        for number, row in enumerate(rows, start=1):
            if isinstance(row, str):
                table.mergeCells(number, 0, 1, len(headers))
                cell = table.cellAt(number, 0)
                cell.setFormat(shaded)
                cell.firstCursorPosition().insertText(row, self.styles.chars["group"])
                continue
            for column, paragraphs in enumerate(row):
                if column == merge_repeats and _repeats(rows, number - 1, column):
                    continue
                cursor = table.cellAt(number, column).firstCursorPosition()
                for index, (text, style) in enumerate(paragraphs):
                    if index:
                        cursor.insertBlock(self.styles.block(2.0))
                    cursor.insertText(text, self.styles.chars[style])
        start = 1
        for number, unit in units:
            end = start + len(unit) - 1
            if merge_repeats is not None and len(unit) > 1 and not isinstance(unit[-1], str):
                merged = start + 1 if isinstance(unit[0], str) else start
                if end > merged:
                    table.mergeCells(merged, merge_repeats, end - merged + 1, 1)
            key = len(self.checkpoints)
            first = table.cellAt(start, 0).firstPosition()
            last = table.cellAt(end, len(headers) - 1).lastPosition()
            # The first rows of a table go to a new page with the heading above them, not without it.
            self.checkpoints.append(Checkpoint(key, first, last, self._heading if number == 0 else key))
            start = end + 1
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def _repeats(rows: Sequence[Sequence[Cell] | str], number: int, column: int) -> bool:
    """Whether row `number` has the same cell in `column` as the row before it."""
    if number == 0 or number >= len(rows):
        return False
    row, before = rows[number], rows[number - 1]
    return not isinstance(row, str) and not isinstance(before, str) and row[column] == before[column]


def _time_order(record: CaseRecord, placements: Placements) -> list[tuple[str, TimedItem]]:
    """Items in time order, record order among equals; items the record does not place come last."""
    items = {item.id: (section, item) for section, item in timed_items(record)}
    return [items[item_id] for item_id in time_order(record, placements, unplaced=True)]


def _what(item: TimedItem, disclosure: Disclosure) -> list[Paragraph]:
    if disclosure.withheld(item):
        return [(WITHHELD, "withheld")]
    paragraphs: list[Paragraph] = [(item.label, "body")]
    if item.detail:
        paragraphs.append((item.detail, "small"))
    if item.note:
        paragraphs.append((f"Editor's note: {item.note}", "note"))
    return paragraphs


def build_handout(
    disclosure: Disclosure,
    placements: Placements,
    theme: Theme,
    device: QPaintDevice,
    family: str,
    figure_height: float,
    breaks: frozenset[int] = frozenset(),
) -> Handout:
    """The handout for `disclosure`, laid out for `device` (its units are the document's).

    `breaks` are the keys of checkpoints that start a new page."""
    record = disclosure.record
    labels = disclosure.labels()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    # Print layout: glyph advances from the font design, not hinted for a screen.
    document.setUseDesignMetrics(True)
    default = QFont(family)
    default.setPointSizeF(BODY_PT)
    document.setDefaultFont(default)
    styles = _Styles(theme, family)
    build = _Builder(document, styles, breaks)

    build.paragraph([(disclosure.title, "title")], bottom=4.0)
    cited = citation(record)
    if cited:
        build.paragraph([(f"Source: {cited}", "subtitle")], bottom=2.0)
    if not disclosure.complete:
        build.paragraph(
            [("Unknown case: items marked “result withheld” are revealed at the case conference.", "subtitle")],
            bottom=2.0,
        )
    build.paragraph([("Patient: ", "strong"), (record.patient.summary, "body")], top=8.0)

    build.heading("Timeline")
    figure = build.figure(figure_height)
    build.paragraph(
        [
            (
                "Time is drawn only as precisely as the source states it: solid markers are exact, "
                "haloed markers approximate, hollow dashed markers order only; a number names a group of "
                "events too close to draw apart (listed in the table below).",
                "small",
            )
        ],
        bottom=6.0,
    )
    rows: list[Sequence[Cell] | str] = [
        [
            [(describe_time(item.when, labels, words=not disclosure.withheld(item)), "body")],
            _what(item, disclosure),
            [(LANE_TITLES[section], "body")],
        ]
        for section, item in _time_order(record, placements)
    ]
    build.table(["When (as the source words it)", "What", "Lane"], [33, 53, 14], rows, merge_repeats=0)

    if record.serologies:
        build.heading("Serologies")
        panels: dict[str, list[Sequence[Cell]]] = {}
        named: set[str] = set()
        for result in record.serologies:
            if disclosure.withheld(result):
                cells: list[Cell] = [[(WITHHELD, "withheld")], [], [], []]
            else:
                value = lab_value(result)
                cells = [
                    [(result.label, "body")],
                    [(RESULT_BADGES[result.status], "body")],
                    [(value or NOT_REPORTED, "body" if value else "small")],
                    [(result.reference_range or NOT_REPORTED, "body" if result.reference_range else "small")],
                ]
                named.add(result.panel)
            panels.setdefault(result.panel, []).append(cells)
        serology_rows: list[Sequence[Cell] | str] = []
        for panel, members in panels.items():
            # A panel's name can give the answer away while all its results are withheld.
            serology_rows.append(panel if panel in named else WITHHELD)
            serology_rows.extend(members)
        build.table(["Test", "Result", "Value", "Reference range"], [30, 26, 22, 22], serology_rows)

    if record.treatments:
        build.heading("Treatment course")
        order = treatment_order(record, placements)
        treatment_rows: list[Sequence[Cell] | str] = []
        for course in record.treatments:
            if disclosure.withheld(course):
                treatment_rows.append([[(WITHHELD, "withheld")], [], [], [], [], []])
                continue
            treatment_rows.append(
                [
                    [(str(order[course.id]), "body") if course.id in order else ("not stated", "small")],
                    [(course.agent, "body")],
                    [(course.regimen, "body") if course.regimen else (NOT_REPORTED, "small")],
                    [(course.dose, "body") if course.dose else (NOT_REPORTED, "small")],
                    [(TREATMENT_BADGES[course.status], "body")],
                    [(course.response, "body") if course.response else (RESPONSE_NOT_REPORTED, "small")],
                ]
            )
        build.table(
            ["Order", "Agent", "Regimen", "Dose", "Status", "Response"], [9, 24, 17, 13, 20, 17], treatment_rows
        )

    if record.outcomes:
        build.heading("Outcome")
        for outcome in record.outcomes:
            when = describe_time(outcome.when, labels, words=not disclosure.withheld(outcome))
            if disclosure.withheld(outcome):
                build.paragraph([(WITHHELD, "withheld"), (f" — {when}", "small")])
                continue
            build.paragraph([(outcome.label, "strong"), (f" — {when}", "small")], bottom=2.0)
            if outcome.detail:
                build.paragraph([(outcome.detail, "body")], bottom=2.0)
            if outcome.note:
                build.paragraph([(f"Editor's note: {outcome.note}", "note")], bottom=2.0)

    if record.discussion:
        build.heading("Discussion")
        points: list[list[Paragraph]] = []
        for point in record.discussion:
            runs: list[Paragraph] = []
            if point.category is DiscussionKind.TEACHING_POINT:
                runs.append(("Teaching point: ", "strong"))
            if disclosure.withheld(point):
                runs.append((WITHHELD, "withheld"))
            else:
                runs.append((point.text, "body"))
                if point.note:
                    runs.append((f" (Editor's note: {point.note})", "note"))
            points.append(runs)
        build.bullets(points)

    build.heading("Source text")
    for number, part in enumerate(_paragraphs(disclosure.source_text())):
        build.paragraph([(part, "source")], top=0.0 if number else 2.0, bottom=5.0)
    return Handout(document, figure, build.checkpoints)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate them, single line breaks are kept as spaces."""
    parts = [" ".join(line.strip() for line in chunk.splitlines()).strip() for chunk in text.split("\n\n")]
    return [part for part in parts if part]
