"""The handout's content as a QTextDocument: headings, tables and the source text.

Record text goes in through `insertText` only, so nothing in a record is ever
read as markup. What may be shown comes from the Disclosure alone: a withheld
item shows "result withheld" and its timing, as on screen, and nothing else.
The timeline figure is left as an empty frame of the right size; the page
painter draws the figure into it with the screen's paint routine.

The content is planned once (`HandoutPlan`); any stretch of it from a
checkpoint on renders as a document of its own, which starts at the top of a
page, so the pages can be laid out a stretch at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

import msgspec
from PySide6.QtCore import QSizeF, QUrl
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextListFormat,
    QTextTableCellFormat,
    QTextTableFormat,
)

from viewer.content.care import care_checklist, care_lines
from viewer.content.disclosure import FIGURE_WITHHELD, WITHHELD, Disclosure
from viewer.content.fields import (
    AGENT,
    DETAIL,
    DOSE,
    KINDS,
    NOTE,
    REFERENCE_RANGE,
    REGIMEN,
    RESPONSE,
    RESULT,
    STATUS,
    UNTIL,
    VALUE,
    WHEN,
    Item,
    Mark,
    Table,
    course_order,
    group_heading,
    grouped,
)
from viewer.content.sections import SECTION
from viewer.content.shown import ShownCase
from viewer.content.wording import citation, credit, statements
from viewer.draw.theme import Theme
from viewer.export.figures import figure_key
from viewer.record.model import CaseRecord, DiscussionKind, TimedItem

BODY_PT = 10.0
NO_LIGATURES = QFont.StyleStrategy.PreferNoShaping
"""For Latin text: a PDF search for "different" must not miss "diﬀerent" drawn with an ff ligature.
Scripts that need shaping keep it."""

Paragraph = tuple[str, str]
"""(text, style): one paragraph of a table cell; styles are the keys of `_Styles.chars`, or
FIGURE, whose text names the image the paragraph shows."""
FIGURE = "figure"
CELL_PADDING = 4.0
TABLE_BORDER = 1.0
"""Qt draws no border thinner than one unit (1/96 inch)."""
CELL_EDGES = 2 * CELL_PADDING + 2 * TABLE_BORDER + 3.0
"""What a column's share of the width holds besides its text: the cell's padding each side, its borders,
and room for Qt setting the column a little narrower than its share (it rounds to whole units)."""
WHAT_SHARE = 53
"""The time table's "What" column, in percent of the text width: its figures are scaled to it."""
Cell = Sequence[Paragraph]
Row = Sequence[Cell] | str
"""A table row: its cells, or a group heading across all columns."""


class Checkpoint(msgspec.Struct, frozen=True):
    """A place where a page may need to break: a heading, or table rows that belong together."""

    key: int
    """Its number in document order; the same in every stretch that holds it."""
    first: int
    last: int | None
    """Document positions of a unit's first and last character; None for a heading."""
    moves: int
    """The checkpoint whose page break moves this one to a new page: a table's first rows move with its heading."""


class Handout(msgspec.Struct, frozen=True):
    """A stretch of the handout in its own document: the frame the timeline figure is drawn into
    (None when the figure is in another stretch), and its checkpoints."""

    document: QTextDocument
    figure: QTextFrame | None
    checkpoints: list[Checkpoint]
    complete: bool
    """Whether it runs to the end of the handout."""


# The planned content, in order. `key` is the checkpoint an entry belongs to: its own for a
# heading, else the one before it (-1 before the first).


class _Paragraph(msgspec.Struct, frozen=True):
    key: int
    runs: Sequence[Paragraph]
    top: float
    bottom: float


class _Heading(msgspec.Struct, frozen=True):
    key: int
    text: str


class _Bullets(msgspec.Struct, frozen=True):
    key: int
    items: Sequence[Sequence[Paragraph]]


class _Figure(msgspec.Struct, frozen=True):
    key: int
    height: float


class _Table(msgspec.Struct, frozen=True):
    key: int
    """The checkpoint of its first unit; unit n is checkpoint key + n."""
    heading: int
    headers: Sequence[str]
    widths: Sequence[float]
    units: list[list[Row]]
    """Rows that belong on one page: a run that shares a merged cell, and a group heading with the row under it."""
    merge_repeats: int | None

    @property
    def end(self) -> int:
        return self.key + len(self.units)


_Entry = _Paragraph | _Heading | _Bullets | _Figure | _Table


class _Styles:
    """Character and block formats of the handout, in the theme's colours."""

    def __init__(self, theme: Theme, family: str) -> None:
        self.theme = theme
        self.family = family

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


class _Planner:
    """Collects headings, paragraphs, lists, the figure and tables in order, numbering the checkpoints."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.keys = 0
        self._heading = -1

    def paragraph(self, runs: Sequence[Paragraph], top: float = 0.0, bottom: float = 4.0) -> None:
        self.entries.append(_Paragraph(self.keys - 1, runs, top, bottom))

    def heading(self, text: str) -> None:
        self._heading = self.keys
        self.entries.append(_Heading(self.keys, text))
        self.keys += 1

    def bullets(self, items: Sequence[Sequence[Paragraph]]) -> None:
        self.entries.append(_Bullets(self.keys - 1, items))

    def figure(self, height: float) -> None:
        self.entries.append(_Figure(self.keys - 1, height))

    def table(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Row],
        merge_repeats: int | None = None,
    ) -> None:
        """A bordered table; a row given as a plain string is a group heading across all columns.

        In column `merge_repeats`, a cell that repeats the one above joins it, so a
        shared time reads once beside all the items it applies to."""
        units: list[list[Row]] = []
        for number, row in enumerate(rows):
            joined = number > 0 and (
                isinstance(rows[number - 1], str)
                or (merge_repeats is not None and _repeats(rows, number, merge_repeats))
            )
            if joined:
                units[-1].append(row)
            else:
                units.append([row])
        self.entries.append(_Table(self.keys, self._heading, headers, widths, units, merge_repeats))
        self.keys += len(units)


class _Builder:
    """Appends headings, paragraphs, lists, the figure frame and bordered tables at the end of a document."""

    def __init__(self, document: QTextDocument, styles: _Styles, images: Mapping[str, QTextImageFormat]) -> None:
        self.document = document
        self.styles = styles
        self.images = images
        self.cursor = QTextCursor(document)
        self.checkpoints: list[Checkpoint] = []
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

    def paragraph(self, entry: _Paragraph) -> None:
        first = entry.runs[0][1]
        self._block(self.styles.block(entry.top, entry.bottom), "body" if first == FIGURE else first)
        for text, style in entry.runs:
            if style == FIGURE:
                self.cursor.insertImage(self.images[text])
            else:
                self.cursor.insertText(text, self.styles.chars[style])

    def heading(self, entry: _Heading) -> None:
        if self._first:
            # Qt drops the top margin of a document's first block; a heading at the top of any
            # later page keeps it, so an empty first block holds the heading down to the same place.
            spacer = QTextBlockFormat()
            spacer.setLineHeight(0.0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self.cursor.setBlockFormat(spacer)
            self._first = False
        self._block(self.styles.block(14.0, 5.0), "heading")
        self.cursor.insertText(entry.text, self.styles.chars["heading"])
        self.checkpoints.append(Checkpoint(entry.key, self.cursor.block().position(), None, entry.key))

    def bullets(self, entry: _Bullets) -> None:
        list_format = QTextListFormat()
        list_format.setStyle(QTextListFormat.Style.ListDisc)
        list_format.setIndent(1)
        text_list = None
        for runs in entry.items:
            self._block(self.styles.block(0.0, 4.0), "body")
            if text_list is None:
                text_list = self.cursor.createList(list_format)
            else:
                text_list.add(self.cursor.block())
            for text, style in runs:
                self.cursor.insertText(text, self.styles.chars[style])

    def figure(self, entry: _Figure) -> QTextFrame:
        fmt = QTextFrameFormat()
        fmt.setHeight(QTextLength(QTextLength.Type.FixedLength, entry.height))
        fmt.setTopMargin(6.0)
        fmt.setBottomMargin(2.0)
        frame = self.cursor.insertFrame(fmt)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self._first = False
        return frame

    def table(self, entry: _Table, widths: Sequence[float], first: int, stop: int) -> None:
        """Units `first` to `stop` (not included) of the table, under its header row, its columns
        `widths` percent of the text width."""
        theme = self.styles.theme
        headers = entry.headers
        fmt = QTextTableFormat()
        fmt.setBorder(TABLE_BORDER)
        fmt.setBorderBrush(QBrush(theme.color("grid")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(CELL_PADDING)
        fmt.setTopMargin(2.0)
        fmt.setBottomMargin(6.0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        # The header row repeats on every page the table reaches.
        fmt.setHeaderRowCount(1)
        units = entry.units[first:stop]
        rows = [row for unit in units for row in unit]
        table = self.cursor.insertTable(len(rows) + 1, len(headers), fmt)
        self._first = False
        shaded = QTextTableCellFormat()
        shaded.setBackground(QBrush(theme.color("alternate")))
        for column, title in enumerate(headers):
            cell = table.cellAt(0, column)
            cell.setFormat(shaded)
            cell.firstCursorPosition().insertText(title, self.styles.chars["header"])
        merge_repeats = entry.merge_repeats
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
                        cursor.insertBlock(self.styles.block(6.0 if style == FIGURE else 2.0))
                    if style == FIGURE:
                        cursor.insertImage(self.images[text])
                    else:
                        cursor.insertText(text, self.styles.chars[style])
        start = 1
        for number, unit in enumerate(units, start=first):
            end = start + len(unit) - 1
            if merge_repeats is not None and len(unit) > 1 and not isinstance(unit[-1], str):
                merged = start + 1 if isinstance(unit[0], str) else start
                if end > merged:
                    table.mergeCells(merged, merge_repeats, end - merged + 1, 1)
            key = entry.key + number
            first_position = table.cellAt(start, 0).firstPosition()
            last_position = table.cellAt(end, len(headers) - 1).lastPosition()
            # The first rows of a table go to a new page with the heading above them, not without it.
            self.checkpoints.append(
                Checkpoint(key, first_position, last_position, entry.heading if number == 0 else key)
            )
            start = end + 1
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


class HandoutPlan:
    """The handout's content in order, from a Disclosure, with its checkpoints numbered."""

    def __init__(
        self, planner: _Planner, styles: _Styles, images: Mapping[str, tuple[QImage, QTextImageFormat]]
    ) -> None:
        self._images = images
        self._entries = planner.entries
        self._ends = [entry.end if isinstance(entry, _Table) else entry.key + 1 for entry in self._entries]
        self._styles = styles
        self._widths: dict[int, Sequence[float]] = {}
        self.keys = planner.keys
        """How many checkpoints there are; the content before the first one is stretch -1's."""

    def render(self, device: QPaintDevice, width: float, first: int = -1, items: int | None = None) -> Handout:
        """The content from checkpoint `first` on, for `device` (its units are the document's) and a
        text `width`: `items` of it (table row units and other entries count one each), or all when None.

        The document is not laid out yet: a layout that ran while the text went in would redo
        a whole table at each insert. Setting its page size lays it out."""
        document = QTextDocument()
        document.documentLayout().setPaintDevice(device)
        # Qt lays out nothing while the page size is null.
        document.setPageSize(QSizeF(0, 0))
        # Print layout: glyph advances from the font design, not hinted for a screen.
        document.setUseDesignMetrics(True)
        default = QFont(self._styles.family)
        default.setPointSizeF(BODY_PT)
        document.setDefaultFont(default)
        for name, (image, _) in self._images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
        build = _Builder(document, self._styles, {name: shape for name, (_, shape) in self._images.items()})
        figure = None
        left = len(self._entries) + self.keys if items is None else items
        complete = True
        for entry in self._entries[bisect_right(self._ends, first) :]:
            if left <= 0:
                complete = False
                break
            if isinstance(entry, _Table):
                start = max(first, entry.key) - entry.key
                stop = min(len(entry.units), start + left)
                widths = self._widths.get(entry.key)
                if widths is None:
                    # Once per table, so that its columns line up on every page it reaches.
                    shapes = {name: shape for name, (_, shape) in self._images.items()}
                    widths = self._widths[entry.key] = _fitted_widths(entry, self._styles, shapes, device, width)
                build.table(entry, widths, start, stop)
                left -= stop - start
                complete = stop == len(entry.units)
                continue
            if isinstance(entry, _Paragraph):
                build.paragraph(entry)
            elif isinstance(entry, _Heading):
                build.heading(entry)
            elif isinstance(entry, _Bullets):
                build.bullets(entry)
            else:
                figure = build.figure(entry)
            left -= 1
        return Handout(document, figure, build.checkpoints, complete)


def _fitted_widths(
    entry: _Table, styles: _Styles, shapes: Mapping[str, QTextImageFormat], device: QPaintDevice, width: float
) -> list[float]:
    """The table's column widths in percent of `width` on `device`: as planned, but none narrower than
    its longest word or image, which Qt would break inside ("Immunosuppressi-ves") or let spill over;
    what a column gains, the columns with room to spare give up alike."""
    widest = [0.0] * len(entry.headers)
    words: list[set[tuple[str, str]]] = [{(word, "header") for word in _unbreakable(title)} for title in entry.headers]
    for row in (row for unit in entry.units for row in unit):
        if isinstance(row, str):
            continue
        for column, paragraphs in enumerate(row):
            for text, style in paragraphs:
                if style == FIGURE:
                    widest[column] = max(widest[column], shapes[text].width())
                else:
                    words[column].update((word, style) for word in _unbreakable(text))
    metrics = {style: QFontMetricsF(fmt.font(), device) for style, fmt in styles.chars.items()}
    for column, found in enumerate(words):
        widest[column] = max([widest[column], *(metrics[style].horizontalAdvance(word) for word, style in found)])
    least = [(wide + CELL_EDGES) / width * 100 for wide in widest]
    planned = list(entry.widths)
    gained = sum(max(need - plan, 0.0) for need, plan in zip(least, planned, strict=True))
    if not gained:
        return planned
    spare = [max(plan - need, 0.0) for need, plan in zip(least, planned, strict=True)]
    if sum(spare) < gained:
        # Not every longest word fits: each column as much as its own needs, of what there is.
        return [need * 100 / sum(least) for need in least]
    share = gained / sum(spare)
    return [max(plan, need) - room * share for need, plan, room in zip(least, planned, spare, strict=True)]


def _unbreakable(text: str) -> list[str]:
    """The pieces of `text` a line may not break inside: words, and parts of a word after a hyphen."""
    return [piece for piece in re.split(r"\s+|(?<=-)", text) if piece]


def _repeats(rows: Sequence[Row], number: int, column: int) -> bool:
    """Whether row `number` has the same cell in `column` as the row before it."""
    if number == 0 or number >= len(rows):
        return False
    row, before = rows[number], rows[number - 1]
    return not isinstance(row, str) and not isinstance(before, str) and row[column] == before[column]


_MARK_STYLES: dict[Mark, str] = {"value": "body", "missing": "small", "withheld": "withheld"}


def _rows(table: Table, items: Sequence[TimedItem], disclosure: Disclosure, labels: Mapping[str, str]) -> list[Row]:
    """`items` as rows of `table`: what the source does not give in small type, withheld items as on screen."""
    rows: list[Row] = []
    for item in items:
        withheld = disclosure.withheld(item)
        cells = [table.cell(item, column, labels, withheld) for column in range(len(table.fields))]
        rows.append([[(text, _MARK_STYLES[mark])] if text else [] for text, mark in cells])
    return rows


def _what(section: str, item: Item, disclosure: Disclosure) -> list[Paragraph]:
    """What an item is, as the handout's time table says it: its name, detail and editor's note."""
    if disclosure.withheld(item):
        return [(WITHHELD, "withheld")]
    paragraphs: list[Paragraph] = [(KINDS[section].title.text(item, {}), "body")]
    if detail := DETAIL.text(item, {}):
        paragraphs.append((detail, "small"))
    if note := NOTE.text(item, {}):
        paragraphs.append((NOTE.named(note), "note"))
    return paragraphs


def _figures(
    item: Item,
    disclosure: Disclosure,
    images: Mapping[str, tuple[QImage, QTextImageFormat]],
    problems: Mapping[str, str],
) -> list[Paragraph]:
    """The item's figures under its name: each image with its caption and credit, "figure withheld"
    for one withheld, and for one that cannot be printed that it is not, and why when nothing is withheld."""
    paragraphs: list[Paragraph] = []
    for index, figure in enumerate(disclosure.figures(item)):
        key = figure_key(item.id, index)
        if figure is None:
            paragraphs.append((FIGURE_WITHHELD, "withheld"))
            continue
        if key in images:
            paragraphs.append((key, FIGURE))
        elif disclosure.complete:
            paragraphs.append((f"Figure not printed: {problems.get(key, 'it was not read')}", "note"))
        else:
            # The reason can name the figure's file, and a file's name may give the answer.
            paragraphs.append(("Figure not printed.", "note"))
        paragraphs.append((f"Figure: {figure.caption}", "small"))
        if figure.credit:
            paragraphs.append((figure.credit, "small"))
    return paragraphs


def _image_formats(
    figures: Mapping[str, QImage | str], column: float, tallest: float
) -> dict[str, tuple[QImage, QTextImageFormat]]:
    """Each decoded figure with the size it prints at: the column's width, its aspect kept, and no
    taller than `tallest` (a row must fit a page)."""
    formats: dict[str, tuple[QImage, QTextImageFormat]] = {}
    for name, image in figures.items():
        if isinstance(image, str):
            continue
        scale = min(column / image.width(), tallest / image.height())
        shape = QTextImageFormat()
        shape.setName(name)
        shape.setWidth(image.width() * scale)
        shape.setHeight(image.height() * scale)
        formats[name] = (image, shape)
    return formats


def plan_handout(
    shown: ShownCase,
    disclosure: Disclosure,
    theme: Theme,
    family: str,
    figure_height: float,
    figures: Mapping[str, QImage | str] | None = None,
    column: float = 0.0,
    tallest: float = 0.0,
) -> HandoutPlan:
    """The handout of `shown` as `disclosure` shows it, in `theme`'s colours and the font `family`.

    `figures` are the items' figures by `figure_key` (`handout_figures`), printed `column` wide
    and at most `tallest` high under their item in the time table."""
    record = shown.record
    images = _image_formats(figures or {}, column, tallest)
    problems = {name: problem for name, problem in (figures or {}).items() if isinstance(problem, str)}
    labels = disclosure.labels()
    build = _Planner()

    build.paragraph([(disclosure.title, "title")], bottom=4.0)
    cited = " · ".join(part for part in (citation(record), credit(record) if disclosure.complete else "") if part)
    if cited:
        build.paragraph([(f"Source: {cited}", "subtitle")], bottom=2.0)
    if not disclosure.complete:
        build.paragraph(
            [("Unknown case: items marked “result withheld” are revealed at the case conference.", "subtitle")],
            bottom=2.0,
        )
    build.paragraph([("Patient: ", "strong"), (record.patient.summary, "body")], top=8.0)
    # Withheld while anything is, as the citation is: keywords name the diagnosis, the patient's words can.
    said = statements(record) if disclosure.complete else []
    for name, text in said:
        build.paragraph([(f"{name}: ", "strong"), (text, "body")], top=2.0)

    build.heading("Timeline")
    build.figure(figure_height)
    build.paragraph(
        [
            (
                "Time is drawn only as precisely as the source states it: solid markers are exact, "
                "haloed markers approximate, hollow dashed markers order only; a number names a group of "
                "events too close to draw apart (listed in the table below)." + _not_drawn(shown),
                "small",
            )
        ],
        bottom=6.0,
    )
    rows: list[Row] = []
    for item_id in shown.full_order:
        section, item = shown.items[item_id]
        rows.append(
            [
                [(WHEN.text(item, labels, withheld=disclosure.withheld(item)), "body")],
                [*_what(section, item, disclosure), *_figures(item, disclosure, images, problems)],
                [(SECTION[section].title, "body")],
            ]
        )
    build.table(
        ["When (as the source words it)", "What", "Lane"],
        [33, WHAT_SHARE, 100 - 33 - WHAT_SHARE],
        rows,
        merge_repeats=0,
    )

    if record.serologies:
        build.heading(SECTION["serologies"].title)
        kind = KINDS["serologies"]
        assert kind.group is not None
        serologies = Table((kind.title, RESULT, VALUE, REFERENCE_RANGE), every_column=True)
        serology_rows: list[Row] = []
        for panel, results in grouped(record.serologies, kind.group):
            serology_rows.append(group_heading(panel, results, disclosure.withheld))
            serology_rows.extend(_rows(serologies, results, disclosure, labels))
        build.table(serologies.headers, [30, 26, 22, 22], serology_rows)

    if record.treatments:
        build.heading("Treatment course")
        courses = Table(
            (course_order(shown.treatment_order), AGENT, REGIMEN, DOSE, STATUS, RESPONSE, UNTIL), every_column=True
        )
        build.table(courses.headers, [8, 20, 17, 11, 15, 12, 17], _rows(courses, record.treatments, disclosure, labels))

    if record.outcomes:
        build.heading(SECTION["outcomes"].title)
        for outcome in record.outcomes:
            withheld = disclosure.withheld(outcome)
            when = WHEN.text(outcome, labels, withheld=withheld)
            if withheld:
                build.paragraph([(WITHHELD, "withheld"), (f" — {when}", "small")])
                continue
            build.paragraph(
                [(KINDS["outcomes"].title.text(outcome, labels), "strong"), (f" — {when}", "small")], bottom=2.0
            )
            if detail := DETAIL.text(outcome, labels):
                build.paragraph([(detail, "body")], bottom=2.0)
            if note := NOTE.text(outcome, labels):
                build.paragraph([(NOTE.named(note), "note")], bottom=2.0)

    if record.discussion:
        build.heading(SECTION["discussion"].title)
        points: list[list[Paragraph]] = []
        for point in record.discussion:
            runs: list[Paragraph] = []
            if point.category is DiscussionKind.TEACHING_POINT:
                runs.append(("Teaching point: ", "strong"))
            if disclosure.withheld(point):
                runs.append((WITHHELD, "withheld"))
            else:
                runs.append((KINDS["discussion"].title.text(point, labels), "body"))
                if note := NOTE.text(point, labels):
                    runs.append((f" ({NOTE.named(note)})", "note"))
            points.append(runs)
            shown_figures = _figures(point, disclosure, images, problems)
            if shown_figures:
                # The point's figures under it, before the next point.
                build.bullets(points)
                points = []
                for paragraph in shown_figures:
                    build.paragraph([paragraph], top=4.0 if paragraph[1] == FIGURE else 0.0, bottom=2.0)
        if points:
            build.bullets(points)

    build.heading("Source text")
    for number, part in enumerate(_paragraphs(disclosure.source_text())):
        build.paragraph([(part, "source")], top=0.0 if number else 2.0, bottom=5.0)
    return HandoutPlan(build, _Styles(theme, family), images)


def _not_drawn(shown: ShownCase) -> str:
    """What the figure's legend says on screen of the items without a stated time, and a page has no
    room for beside the other legend entries: they are not drawn, the table lists them last."""
    count = len(shown.full_order) - len(shown.time_order)
    if not count:
        return ""
    if count == 1:
        return " 1 item without a stated time is not drawn: the table lists it last."
    return f" {count} items without a stated time are not drawn: the table lists them last."


def plan_care_checklist(record: CaseRecord, complete: bool, theme: Theme, family: str) -> HandoutPlan:
    """The CARE checklist of `record` as a table, in `theme`'s colours and the font `family`; what
    covers each item only when nothing is withheld (`complete`: ids can name the diagnosis)."""
    items = care_checklist(record)
    build = _Planner()
    build.heading("CARE checklist")
    build.paragraph(
        [("What this record covers of the 13 items of the CARE case-report guideline.", "small")], bottom=4.0
    )
    headers = ["Item", "Coverage", "Why"] + (["Covered by"] if complete else [])
    widths = [28, 14, 30, 28] if complete else [34, 18, 48]
    rows: list[Row] = []
    for item in items:
        cells: list[Cell] = [
            [(f"{item.number}. {item.name}", "body")],
            [(item.coverage.value, "strong")],
            [(item.reason, "small")],
        ]
        if complete:
            cells.append([(", ".join(item.by), "small")])
        rows.append(cells)
    build.table(headers, widths, rows)
    build.paragraph([(care_lines(items)[-1], "small")], top=4.0)
    return HandoutPlan(build, _Styles(theme, family), {})


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate them, single line breaks are kept as spaces."""
    parts = [" ".join(line.strip() for line in chunk.splitlines()).strip() for chunk in text.split("\n\n")]
    return [part for part in parts if part]


def plan_agenda_page(title: str, date: str, cases: Sequence[tuple[str, str]], theme: Theme, family: str) -> HandoutPlan:
    """The first page of a session's handout: its `title`, its `date` and its `cases` in order, each
    (title, what follows it: the planned minutes, or why the case cannot be shown)."""
    build = _Planner()
    build.paragraph([(title, "title")], bottom=4.0)
    build.paragraph([(f"Case conference, {date}", "subtitle")], bottom=8.0)
    build.heading("Agenda")
    for number, (case_title, about) in enumerate(cases, start=1):
        build.paragraph([(f"{number}. ", "strong"), (case_title, "strong")], top=6.0, bottom=1.0)
        build.paragraph([(about, "small")])
    return HandoutPlan(build, _Styles(theme, family), {})
