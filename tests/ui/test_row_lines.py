"""A table row is at most a few lines tall: a longer cell is cut with "…" and whole elsewhere; a
time keeps its precision; in a narrow window the editor's note makes room for whole words."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from viewer.content import fields
from viewer.content.sections import TAB_TITLES
from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.tabs import BREAK_ANYWHERE, ItemTreeView, cut_to_lines
from viewer.ui.window import MainWindow

LONG = (
    "The source reports the improvement after the course of treatment; it does not say which agent it "
    "followed, nor when the improvement was first seen, nor how it was measured."
)


def _wrapped_lines(text: str, metrics: QFontMetrics, width: int) -> int:
    bounds = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
    return round(bounds.height() / metrics.lineSpacing())


def test_a_long_text_is_cut_to_whole_lines_ending_in_an_ellipsis(qapp):
    font = QFont(qapp.font())
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance("The source reports the")
    assert _wrapped_lines(LONG, metrics, width) > 3
    shown = cut_to_lines(LONG, font, width, 3)
    assert _wrapped_lines(shown, metrics, width) == 3
    assert shown.endswith("…")
    assert LONG.startswith(shown[:-1].rstrip())
    # Most of three lines is kept, not a word or two.
    assert len(shown) > len("The source reports the") * 2


def test_text_that_fits_its_lines_is_left_whole(qapp):
    font = QFont(qapp.font())
    width = QFontMetrics(font).horizontalAdvance("The source reports the")
    text = "The source reports the improvement"
    assert cut_to_lines(text, font, width, 3) == text


def test_a_time_cut_keeps_its_precision_whole(qapp):
    font = QFont(qapp.font())
    metrics = QFontMetrics(font)
    text = "after Diagnosis of anti-MDA5 DM confirmed on further evaluation (order only)"
    width = metrics.horizontalAdvance("after Diagnosis of")
    shown = cut_to_lines(text, font, width, 2, keep_end=True)
    assert shown.endswith("… (order only)")
    assert _wrapped_lines(shown, metrics, width) <= 2
    assert text.startswith(shown.removesuffix("… (order only)").rstrip())
    # Without keep_end the precision is what a plain cut loses.
    assert "(order only)" not in cut_to_lines(text, font, width, 2)


def test_characters_outside_the_basic_plane_are_cut_whole(qapp):
    font = QFont(qapp.font())
    metrics = QFontMetrics(font)
    text = "𝛼-gal 𝛽-chain " * 20
    width = metrics.horizontalAdvance("𝛼-gal 𝛽-chain 𝛼-gal")
    shown = cut_to_lines(text, font, width, 2)
    assert shown.endswith("…")
    assert text.startswith(shown[:-1].rstrip())
    assert "\ufffd" not in shown


def _window(qtbot, theme: str, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.look.set_theme(theme, remember=False)
    assert window.document.open(bundled_case())
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    window.tabs.setCurrentIndex(TAB_TITLES.index("Treatment"))
    QApplication.processEvents()
    return window


def _shown_text(view: ItemTreeView, index: QModelIndex) -> str:
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, index)
    return option.text


def test_rows_are_at_most_three_lines_and_a_cut_cell_is_whole_in_its_tooltip(qtbot):
    window = _window(qtbot, "projector", (1024, 768))
    course = window.views["treatments"]
    model = course.model()
    when = model.column_of(fields.WHEN)
    line = course.fontMetrics().lineSpacing()
    cut = 0
    for row in range(model.rowCount()):
        rect = course.visualRect(model.index(row, 0))
        assert rect.height() <= 3 * line + 8, row
        index = model.index(row, when)
        shown, whole = _shown_text(course, index), index.data()
        if shown != whole:
            cut += 1
            assert shown.endswith("… (order only)") == whole.endswith("(order only)")
            assert whole in index.data(Qt.ItemDataRole.ToolTipRole)
    assert cut >= 1
    # The selected course's timing is whole in the detail panel.
    first = model.index(0, when).data()
    assert first.startswith("after ")
    assert first.endswith(" (order only)")
    anchor = first.removeprefix("after ").removesuffix(" (order only)")
    assert anchor not in _shown_text(course, model.index(0, when))
    course.setCurrentIndex(model.index(0, 0))
    QApplication.processEvents()
    assert anchor in " ".join(window.detail.toPlainText().split())


def test_a_narrow_window_leaves_the_note_out_for_whole_words_and_brings_it_back_when_wide(qtbot):
    window = _window(qtbot, "projector", (1024, 768))
    course = window.views["treatments"]
    model = course.model()
    note = model.column_of(fields.NOTE)
    assert course.isColumnHidden(note)
    metrics = course.fontMetrics()
    for column in range(model.columnCount()):
        if course.isColumnHidden(column):
            continue
        for row in range(model.rowCount()):
            index = model.index(row, column)
            assert BREAK_ANYWHERE not in _shown_text(course, index), (row, column)
            for word in (index.data() or "").split():
                assert metrics.horizontalAdvance(word) <= course.columnWidth(column), (word, column)
    window.resize(1920, 1080)
    QApplication.processEvents()
    assert not course.isColumnHidden(note)
    assert course.columnWidth(note) >= course.header().sectionSizeHint(note)


def test_the_outcome_is_as_tall_as_its_rows_and_the_course_takes_the_rest(qtbot):
    window = _window(qtbot, "projector", (1280, 720))
    course, outcome = window.views["treatments"], window.views["outcomes"]
    row = outcome.visualRect(outcome.model().index(0, 0))
    viewport = outcome.viewport().rect()
    assert viewport.contains(row)
    # No more than it needs: the course has the rest.
    assert viewport.height() - row.height() < outcome.fontMetrics().lineSpacing()
    rows = [course.visualRect(course.model().index(r, 0)) for r in range(course.model().rowCount())]
    whole = [rect for rect in rows if course.viewport().rect().contains(rect)]
    assert len(whole) >= 2


def test_once_the_user_moves_the_handle_the_outcome_keeps_its_height(qtbot):
    window = _window(qtbot, "light", (1280, 720))
    page = window.tabs.currentWidget()
    outcome = window.views["outcomes"]
    handle = page.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, QPoint(start.x(), start.y() - 60))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), start.y() - 60))
    QApplication.processEvents()
    dragged = outcome.height()
    window.resize(1280, 1000)
    QApplication.processEvents()
    assert outcome.height() == dragged


def test_a_record_without_an_outcome_says_so_instead_of_an_empty_table(qtbot):
    window = _window(qtbot, "dark", (1280, 720))
    page = window.tabs.currentWidget()
    outcome = window.views["outcomes"]
    title = page.widget(1).title
    assert outcome.isVisible()
    assert title.text() == "Outcome"
    pl7 = next(bundled_case().parent.glob("anti-pl7*.case.yaml"))
    assert window.document.open(pl7)
    QApplication.processEvents()
    assert not outcome.isVisible()
    assert title.text() == "Outcome: none in the record"
    # The course has the page but for that line.
    assert page.widget(1).height() < 3 * title.fontMetrics().lineSpacing()
    assert window.document.open(bundled_case())
    QApplication.processEvents()
    assert outcome.isVisible()
    assert title.text() == "Outcome"
    assert outcome.viewport().rect().contains(outcome.visualRect(outcome.model().index(0, 0)))


def test_an_offset_cut_keeps_how_long_after_and_its_closing_bracket(qapp):
    font = QFont(qapp.font())
    metrics = QFontMetrics(font)
    text = (
        "“After four years of stable disease” (4 years after Diagnosed with NSIP and undifferentiated"
        " connective tissue disease)"
    )
    # The narrowest a long column is made: ten average characters.
    for width in (metrics.averageCharWidth() * 10, metrics.horizontalAdvance("after Diagnosed with")):
        shown = cut_to_lines(text, font, width, 3, keep_end=True)
        assert _wrapped_lines(shown, metrics, width) <= 3, width
        assert shown.endswith(")"), shown
        assert "(4 years after" in shown, shown


def test_every_cut_time_of_both_cases_keeps_its_bracket_in_a_small_projector_window(qtbot):
    for case in sorted(bundled_case().parent.glob("*.case.yaml")):
        window = _window(qtbot, "projector", (1024, 768))
        assert window.document.open(case)
        for index in range(len(TAB_TITLES) - 1):
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            for view in (view for view in window.views.values() if view.isVisible()):
                model = view.model()
                when = model.column_of(fields.WHEN)
                if when is None:
                    continue
                for row in range(model.rowCount()):
                    parent = model.index(row, 0)
                    indexes = [model.index(r, when, parent) for r in range(model.rowCount(parent))] or [
                        model.index(row, when)
                    ]
                    for cell in indexes:
                        whole = cell.data() or ""
                        if whole.endswith(")"):
                            assert _shown_text(view, cell).endswith(")"), whole
        window.close()
