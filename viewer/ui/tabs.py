"""The record's tabs: what each shows, and a tree view of items that follows the selection."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QResizeEvent, QShowEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.content import fields
from viewer.ui.document import Document
from viewer.ui.models import ITEM_ID_ROLE, ItemTableModel
from viewer.ui.selection import Selection

# Each tab's columns: a chosen few of its kind's fields, in the order that reads best there.
HISTORY_COLUMNS = [fields.WHEN, fields.KINDS["history"].title, fields.DETAIL, fields.NOTE]
FINDING_COLUMNS = [fields.KINDS["findings"].title, fields.WHEN, fields.DETAIL, fields.NOTE]
SEROLOGY_COLUMNS = [
    fields.KINDS["serologies"].title,
    fields.RESULT,
    fields.VALUE,
    fields.REFERENCE_RANGE,
    fields.WHEN,
    fields.NOTE,
]
OUTCOME_COLUMNS = [fields.KINDS["outcomes"].title, fields.WHEN, fields.DETAIL, fields.NOTE]
DISCUSSION_COLUMNS = [fields.KINDS["discussion"].title, fields.NOTE]


def treatment_columns(order: Mapping[str, int]) -> list[fields.Field]:
    """Treatment course columns; `order` numbers courses by time (ties share a number)."""
    return [
        fields.course_order(order),
        fields.AGENT,
        fields.REGIMEN,
        fields.DOSE,
        fields.STATUS,
        fields.RESPONSE,
        fields.WHEN,
        fields.UNTIL,
        fields.NOTE,
    ]


# The groups the tabs list items under.
group_by_category = fields.KINDS["findings"].group
group_by_panel = fields.KINDS["serologies"].group


class SectionModels(QObject):
    """The item model of each section (`models`, by section key), showing `document`'s case as its
    disclosure allows."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._order: dict[str, int] = {}
        self.models = {
            "history": ItemTableModel(HISTORY_COLUMNS, parent=self),
            "findings": ItemTableModel(FINDING_COLUMNS, group_by_category, self),
            "serologies": ItemTableModel(SEROLOGY_COLUMNS, group_by_panel, self),
            "treatments": ItemTableModel(treatment_columns(self._order), parent=self),
            "outcomes": ItemTableModel(OUTCOME_COLUMNS, parent=self),
            "discussion": ItemTableModel(DISCUSSION_COLUMNS, group_by_category, self),
        }
        document.case_changed.connect(self._on_case_changed)
        document.disclosure_changed.connect(self._on_disclosure_changed)

    @Slot(bool)
    def _on_case_changed(self, _keep_view: bool) -> None:
        self._order.clear()
        if self._document.shown is not None:
            self._order.update(self._document.shown.treatment_order)

    @Slot()
    def _on_disclosure_changed(self) -> None:
        document = self._document
        disclosure = document.disclosure
        if disclosure is None or document.shown is None:
            return
        items = document.shown.items.items()
        withheld = frozenset(item_id for item_id, (_, item) in items if disclosure.withheld(item))
        for section, model in self.models.items():
            model.set_items(getattr(disclosure.record, section), document.labels, withheld, disclosure.figured())


ROW_PADDING = 6
"""Pixels of air above and below each row's text."""
TEXT_MARGINS = 6
"""The text margins, both sides together, that QStyledItemDelegate paints a cell with in
Fusion, the app's one style: (PM_FocusFrameHMargin + 1) * 2. A constant because asking
the style makes PySide create QStyle's hundreds of enum members at start-up."""
ROW_LINES = 3
"""The most lines of text a row shows: a longer cell ends its last line with "…" and is whole in
its tooltip and in the detail panel, so that a short window still shows several rows."""
PIXEL_SCROLL_ROWS = 300
"""The most rows a table scrolls by the pixel: that needs every row's wrapped height up
front; a longer table scrolls by the row, which measures only the rows on screen."""
FIT_SAMPLE_ROWS = 100
"""Rows, from the first on screen, whose text sizes a column when the columns are fitted."""


def natural_width(metrics: QFontMetricsF, text: str) -> int:
    """The width the style gives a cell of `text` unwrapped: its longest line, in whole pixels
    up (as the style lays text out), and the margins."""
    return math.ceil(max(metrics.horizontalAdvance(line) for line in text.split("\n"))) + TEXT_MARGINS


def word_floors(natural: list[int], headings: list[int], words: list[int]) -> list[int]:
    """The least width of each column that cuts neither its heading nor any of its words."""
    return [max(heading, min(word, width)) for heading, word, width in zip(headings, words, natural, strict=True)]


def fitted_widths(natural: list[int], headings: list[int], words: list[int], available: int, least: int) -> list[int]:
    """Column widths that fit `available` pixels, from each column's `natural` width (unwrapped),
    its heading's and its longest word's; `least` is the narrowest a long column is made.

    Columns narrower than an even share stay whole; the long ones share the rest in proportion to
    their natural widths, so that each wraps into about as many lines: a row is as tall as its
    tallest cell. No column is narrower than its heading, which names what it holds, nor, where the
    headings leave room, than its longest word, which would be cut."""
    count = len(natural)
    widths = list(natural)
    remaining, share = available, count
    by_width = sorted(range(count), key=natural.__getitem__)
    long: list[int] = []
    for place, column in enumerate(by_width):
        if natural[column] * share > remaining:
            long = by_width[place:]
            # Hidden columns count 0: all hidden, in a view with no room, leaves nothing to share.
            total = max(sum(natural[c] for c in long), 1)
            for c in long:
                widths[c] = min(natural[c], max(least, remaining * natural[c] // total))
            break
        remaining -= natural[column]
        share -= 1
    floors = word_floors(natural, headings, words)
    if sum(floors) > available:
        floors = headings
    widths = [max(width, floor) for width, floor in zip(widths, floors, strict=True)]
    # Floors made some wider than their share: the others give back what that took, down to their
    # floors, the long ones (which wrap anyway) first.
    for giving in (set(long), set(range(count))):
        slack = [
            width - floor if c in giving else 0 for c, (width, floor) in enumerate(zip(widths, floors, strict=True))
        ]
        excess = min(sum(widths) - available, sum(slack))
        if excess > 0:
            # Rounded up, so that together they give back at least the excess.
            widths = [width - -(-excess * spare // sum(slack)) for width, spare in zip(widths, slack, strict=True)]
    return widths


BREAK_ANYWHERE = "\u200b"
"""A zero-width space: a place a line may break, inside a word too wide for its column."""


def breakable(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text`, with each word wider than `width` allowed to break anywhere: a narrow column wraps
    such a word over lines rather than cutting its end off ("reporte" for "reported")."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    if all(metrics.horizontalAdvance(word) <= width for word in words):
        return text
    return " ".join(word if metrics.horizontalAdvance(word) <= width else BREAK_ANYWHERE.join(word) for word in words)


ELLIPSIS = "\u2026"


def _line_starts(text: str, font: QFont, width: int, most: int) -> list[int]:
    """Where each of the first `most` lines of `text` starts, wrapped at `width` as the style wraps
    a cell, and the next line's start if there is more: in UTF-16 units, as Qt counts."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) <= most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def cut_to_lines(text: str, font: QFont, width: int, lines: int, keep_end: bool = False) -> str:
    """`text` as a cell at most `lines` high shows it at `width`: cut where its last line is full,
    with "…". With `keep_end`, a closing parenthetical stays after the "…": a time's precision,
    "(order only)", "(4 years after Diagnosis)", is what is cut last, and then only inside its
    brackets, from its end."""
    starts = _line_starts(text, font, width, lines)
    if len(starts) <= lines:
        return text
    end = text[text.rindex(" (") :] if keep_end and text.endswith(")") and " (" in text else ""
    if end:
        head = text[: -len(end)]
        shown = _longest_fitting(head, lambda kept: kept.rstrip() + ELLIPSIS + end, font, width, lines)
        if shown is None:
            # Not even the parenthetical fits whole: its opening words and its bracket stay.
            shown = _longest_fitting(
                end[:-1], lambda kept: ELLIPSIS + kept.rstrip() + ELLIPSIS + ")", font, width, lines
            )
        if shown is not None:
            return shown
    # Qt counts in UTF-16 units: a character outside the BMP is two.
    units = text.encode("utf-16-le")
    kept = units[: 2 * starts[lines - 1]].decode("utf-16-le")
    last = units[2 * starts[lines - 1] : 2 * starts[lines]].decode("utf-16-le").rstrip()
    return kept + QFontMetrics(font).elidedText(last + ELLIPSIS, Qt.TextElideMode.ElideRight, width)


def _longest_fitting(text: str, make: Callable[[str], str], font: QFont, width: int, lines: int) -> str | None:
    """`make` of the longest beginning of `text` whose result fits `lines` at `width`; None when not
    even `make("")` does."""
    low, high = -1, len(text)
    while high - low > 1:
        middle = (low + high) // 2
        fits = len(_line_starts(make(text[:middle]), font, width, lines)) <= lines
        low, high = (middle, high) if fits else (low, middle)
    return make(text[:low]) if low >= 0 else None


class WrappingDelegate(QStyledItemDelegate):
    """Sizes each cell for its text wrapped at the column's current width."""

    def __init__(self, view: ItemTreeView) -> None:
        super().__init__(view)
        # Each layout and column fitting measures the cells on screen again: their sizes are
        # kept by cell and width until the items or the font change.
        self._sizes: dict[tuple[int, int, int, int], QSize] = {}
        self._shown: dict[tuple[str, int, bool], str] = {}
        self._line_height = 0
        """The height of a one-line row of plain text in the view's font; 0: not yet measured."""

    def forget_sizes(self) -> None:
        self._sizes.clear()
        self._shown.clear()
        self._line_height = 0

    def _text_width(self, index: QModelIndex | QPersistentModelIndex) -> tuple[int, bool]:
        """The width the cell's text wraps in, and whether the cell is a group heading."""
        view = self.parent()
        assert isinstance(view, ItemTreeView)
        if view.model().is_heading(index):
            return max(20, view.viewport_width() - TEXT_MARGINS), True
        # The first column is indented only under group headings.
        indent = view.indentation() if index.column() == 0 and view.model().heading_rows() else 0
        return max(20, view.columnWidth(index.column()) - TEXT_MARGINS - indent), False

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.text:
            width, _heading = self._text_width(index)
            option.text = self._shown_text(option.text, option, width, self._timing(index))

    def _timing(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        view = self.parent()
        assert isinstance(view, ItemTreeView)
        return view.model().is_timing(index.column())

    def _shown_text(self, text: str, option: QStyleOptionViewItem, width: int, timing: bool) -> str:
        """`text` as the cell shows it at `width`: its too-wide words breakable, cut to ROW_LINES
        (a `timing` keeps its precision)."""
        # Asked again for each paint and size of a cell: measured once for each text and width.
        key = (text, width, timing)
        shown = self._shown.get(key)
        if shown is None:
            shown = breakable(text, option.fontMetrics, width)
            if option.fontMetrics.horizontalAdvance(shown) > width:
                shown = cut_to_lines(shown, option.font, width, ROW_LINES, keep_end=timing)
            self._shown[key] = shown
        return shown

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width, heading = self._text_width(index)
        key = (index.internalId(), index.row(), index.column(), width)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = self._wrapped_size(option, index, width, heading)
        return size

    def _wrapped_size(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int, heading: bool
    ) -> QSize:
        text = index.data()
        # A line of plain text is as high as any other in the view's font: the style, costly to
        # ask, is asked once; headings (bold), text the font may lack and several lines each time.
        plain = isinstance(text, str) and text.isascii() and "\n" not in text and not heading
        if plain and self._line_height:
            hint = QSize(option.fontMetrics.horizontalAdvance(text) + TEXT_MARGINS, self._line_height)
        else:
            hint = super().sizeHint(option, index)
            hint.setHeight(hint.height() + ROW_PADDING)
            if plain:
                self._line_height = hint.height()
        if not text or option.fontMetrics.horizontalAdvance(str(text)) <= width:
            return hint
        wrapped = self._shown_text(str(text), option, width, self._timing(index))
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, wrapped)
        return QSize(hint.width(), max(hint.height(), bounds.height() + ROW_PADDING))


class ItemTreeView(QTreeView):
    """Record items, flat or under group headings, that select through, and follow, the one Selection."""

    def __init__(self, model: ItemTableModel, selection: Selection, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selection = selection
        # Nothing is laid out until the view is first shown: a tab nobody opens never measures its rows.
        self._stale = True
        self._fitted_width = -1
        self._fitting = False
        self._empty: set[int] = set()
        """Columns no item has text for: hidden."""
        self.setModel(model)
        self._delegate = WrappingDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Rows take the height their wrapped text needs at the current column widths.
        header.sectionResized.connect(self._on_section_resized)
        model.modelReset.connect(self._on_model_reset)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        selection.changed.connect(self._on_selection_changed)

    def model(self) -> ItemTableModel:
        model = super().model()
        assert isinstance(model, ItemTableModel)
        return model

    @Slot()
    def _on_model_reset(self) -> None:
        self._delegate.forget_sizes()
        # Laying out rows of wrapped text is the costly part of showing a case:
        # a view on a tab nobody has opened does it when it is first shown.
        self._stale = not self.isVisible()
        if not self._stale:
            self._lay_out()
        self._on_selection_changed(self._selection.current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._delegate.forget_sizes()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._lay_out()
            self._on_selection_changed(self._selection.current)

    def _lay_out(self) -> None:
        model = self.model()
        # What follows resizes the viewport and the sections: the rows are laid out once, at the end.
        self._fitting = True
        by_pixel = model.item_count() <= PIXEL_SCROLL_ROWS
        self.setVerticalScrollMode(
            QAbstractItemView.ScrollMode.ScrollPerPixel if by_pixel else QAbstractItemView.ScrollMode.ScrollPerItem
        )
        # A table that long always overflows: its bar shown from the start, the columns are
        # fitted once, not again when the bar appears.
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if by_pixel else Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        )
        self.setRootIsDecorated(False)
        self._empty = model.empty_columns()
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column in self._empty)
        # Fitted before the rows are laid out, from the text of those that will be on screen:
        # the rows are then laid out once, at the widths they keep (anything laid out while the
        # view was hidden, at other widths, is laid out again).
        self._fit_columns(laid_out=False)
        self.scheduleDelayedItemsLayout()
        if model.heading_rows():
            # Each group marked open for the one layout to come, rather than expandAll, which
            # asks every row once more whether it may have children.
            for row in model.heading_rows():
                self.setExpanded(model.index(row, 0), True)
            self.executeDelayedItemsLayout()
            # Spanned once laid out: a view with spanned rows asks the model again for every
            # row's index each time it lays them out, to look for it among the spanned ones.
            for row in model.heading_rows():
                self.setFirstColumnSpanned(row, QModelIndex(), True)
        self._fitting = False

    def _fit_columns(self, laid_out: bool = True) -> None:
        self._fitted_width = self.viewport_width()
        header = self.header()
        count = self.model().columnCount()
        # The sections resize as this goes: one layout when it is done, not one for each.
        self._fitting = True
        top = self.indexAt(QPoint(0, 0)) if laid_out else QModelIndex()
        measured = [(0, 0) if c in self._empty else self._text_widths(c, top) for c in range(count)]
        natural = [natural for natural, _ in measured]
        words = [word for _, word in measured]
        headings = [0 if c in self._empty else header.sectionSizeHint(c) for c in range(count)]
        available = self._fitted_width - 2
        # Where the columns' words cannot all be whole side by side, the editor's note, which the
        # detail panel shows whole, makes room for the others until the view is wide enough again.
        note = self.model().column_of(fields.NOTE)
        if note is not None and note not in self._empty:
            folded = sum(word_floors(natural, headings, words)) > available
            self.setColumnHidden(note, folded)
            if folded:
                natural[note] = headings[note] = words[note] = 0
        widths = fitted_widths(natural, headings, words, available, self.fontMetrics().averageCharWidth() * 10)
        # The last column stretches to the view's edge: given that width now, it does not
        # change again, and relayout the rows again, once the header stretches it.
        shown = [column for column in range(count) if not self.isColumnHidden(column)]
        if shown:
            widths[shown[-1]] = max(widths[shown[-1]], self._fitted_width - sum(widths) + widths[shown[-1]])
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        if not laid_out:
            return
        self._fitting = False
        self.scheduleDelayedItemsLayout()
        # The rows' heights change with the widths: the selected row, brought into view at the
        # old ones, is brought in again (scrollTo lays the rows out first).
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def _text_widths(self, column: int, top: QModelIndex) -> tuple[int, int]:
        """The width `column` needs to show its cells unwrapped, and the least that cuts none of
        their words, from the rows from `top` down, as many as Qt's own fitting would measure (its
        resize contents precision), read from the items rather than through the rows' indexes."""
        indent = self.indentation() if column == 0 and self.model().heading_rows() else 0
        metrics = QFontMetricsF(self.font())
        texts = [text for text in self.model().texts_from(top, FIT_SAMPLE_ROWS, column) if text]
        if not texts:
            return self.header().sectionSizeHint(column), 0
        widest = max(natural_width(metrics, text) for text in texts) + indent
        # A cell of spaces alone has no word to keep whole.
        word = max((natural_width(metrics, word) for text in texts for word in set(text.split())), default=0) + indent
        return max(self.header().sectionSizeHint(column), widest), word

    def viewport_width(self) -> int:
        # Not viewport().width(): wrapping the first C++-made viewport makes PySide
        # create every widget class it might be, several ms and MiB at start-up.
        # The size leaves out a bar that is always on, not one shown as needed.
        bar = self.verticalScrollBar()
        needed = self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
        return self.maximumViewportSize().width() - (bar.width() if needed and bar.isVisibleTo(self) else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._stale or self._fitting:
            return
        # Fitting lays the rows out again: only when the room for the columns has changed.
        if self.viewport_width() != self._fitted_width:
            self._fit_columns()
        # A selected row in view stays in view as the view grows shorter.
        shorter = event.oldSize().height() - event.size().height()
        current = self.currentIndex()
        if shorter > 0 and current.isValid():
            row = self.visualRect(current)
            bar = self.horizontalScrollBar()
            height = self.maximumViewportSize().height() - (bar.height() if bar.isVisibleTo(self) else 0)
            if row.isValid() and row.top() >= 0 and height < row.bottom() < height + shorter:
                self.scrollTo(current)

    def whole_height(self, most: int) -> int:
        """The height that shows the header and every top-level row whole, or `most` if that is less:
        a long table's rows are measured only as far as `most` reaches."""
        model = self.model()
        height = self.header().height() + 2 * self.frameWidth()
        for row in range(model.rowCount()):
            if height >= most:
                return most
            height += self.visualRect(model.index(row, 0)).height()
        return min(height, most)

    @Slot(int, int, int)
    def _on_section_resized(self, _column: int, _old: int, _new: int) -> None:
        # Hidden views relayout when shown; during teardown there is nothing to lay out; a view
        # still to be laid out, or fitting its columns, lays its rows out once when that is done.
        if self.isVisible() and not self._stale and not self._fitting:
            self.scheduleDelayedItemsLayout()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.siblingAtColumn(0).data(ITEM_ID_ROLE)
        if item_id:
            self._selection.select(item_id)

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        index = self.model().index_of(item_id) if item_id else QModelIndex()
        selection_model = self.selectionModel()
        if not index.isValid():
            selection_model.clear()
            return
        if selection_model.currentIndex().siblingAtColumn(0) != index:
            # Cleared where it is, scrolled to, then made current: a table scrolling by the row
            # finds where a row is by measuring every row between it and the top of the view,
            # so the rows changed are each repainted while on screen, never measured from afar.
            selection_model.clear()
            self.scrollTo(index)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            selection_model.setCurrentIndex(index, flags)
        self.scrollTo(index)


class TitledView(QWidget):
    """`view` under a bold `title` that names it (its buddy, for screen readers)."""

    def __init__(self, title: str, view: QWidget) -> None:
        super().__init__()
        self.view = view
        self.title = QLabel(title)
        self.title.setBuddy(view)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(view, 1)

    def height_for_rows(self, rows: int) -> int:
        """The height that shows the title and, if the view is shown, `rows` pixels of it."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        title = margins.top() + self.title.sizeHint().height() + margins.bottom()
        return title + layout.spacing() + rows if self.view.isVisibleTo(self) else title


MEASURED_OUTCOMES = 20
"""The most outcomes whose rows are measured to size their pane: resizing the panes lays out the
tables' rows again, which for long ones costs a first visit more than the room it would save."""


class TreatmentPage(QSplitter):
    """The Treatment tab: the course above its outcome, which is as tall as its rows need, up to half
    the page, until the user moves the handle between them. A case has many courses and few outcomes:
    in a short window the rows the outcome does not need go to the course. A long outcome table is not
    measured: the course has two thirds of the page, the outcome one."""

    def __init__(self, course: ItemTreeView, outcome: ItemTreeView) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self._outcome = outcome
        self._outcome_page = TitledView("Outcome", outcome)
        self._sized_by_user = False
        self._measured = True
        """Whether the outcome's rows are few enough to be measured for its height."""
        self.addWidget(TitledView("Course", course))
        self.addWidget(self._outcome_page)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.splitterMoved.connect(self._on_splitter_moved)
        outcome.model().modelReset.connect(self._on_outcomes_changed)

    @Slot()
    def _on_outcomes_changed(self) -> None:
        # A record that states no outcome says so, rather than showing an empty table.
        count = self._outcome.model().item_count()
        self._outcome_page.title.setText("Outcome" if count else "Outcome: none in the record")
        self._outcome.setVisible(count > 0)
        # Sized by the stretch alone, a long table costs its first showing no second layout of its rows.
        self._measured = count <= MEASURED_OUTCOMES
        self.setStretchFactor(0, 1 if self._measured else 2)
        self.setStretchFactor(1, 0 if self._measured else 1)
        self._fit()

    @Slot()
    def _fit(self) -> None:
        if self._sized_by_user or not self._measured or not self.isVisible():
            return
        total = sum(self.sizes())
        outcome = self._outcome
        # At most half the page: as far as the outcome's rows are measured.
        rows = outcome.whole_height(total // 2) if outcome.isVisibleTo(self) else 0
        share = min(self._outcome_page.height_for_rows(rows), total // 2)
        if self.sizes() != [total - share, share]:
            self.setSizes([total - share, share])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # The rows are measured again in the new font once the views have taken it.
            QTimer.singleShot(0, self, self._fit)

    @Slot(int, int)
    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        self._sized_by_user = True
