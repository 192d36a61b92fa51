"""Every theme fits an XGA projector (1024x768) with every tab usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from viewer.content.sections import TAB_TITLES
from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.tabs import ItemTreeView
from viewer.ui.window import MainWindow

CASES = Path(__file__).parents[2] / "casedata"


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_window_fits_the_screen_with_every_table_showing_rows(qtbot, theme, size):
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.look.set_theme(theme, remember=False)
    assert window.document.open(bundled_case())
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    assert window.minimumSizeHint().height() <= size[1]
    for index, title in enumerate(TAB_TITLES):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.tabs.currentWidget()
        assert page.height() >= 4 * window.fontMetrics().height(), title
    course = window.views["treatments"]
    window.tabs.setCurrentIndex(TAB_TITLES.index("Treatment"))
    QApplication.processEvents()
    # Every column's heading whole, all in the view's width, and room for several lines under them.
    header = course.header()
    for column in range(header.count()):
        if not course.isColumnHidden(column):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    assert sum(header.sectionSize(c) for c in range(header.count())) <= course.viewport_width()
    assert not course.horizontalScrollBar().isVisible()
    assert course.viewport().height() >= 5 * course.fontMetrics().height()


def _whole_rows(view: ItemTreeView) -> int:
    """The item rows (group headings passed over) wholly inside the view's viewport."""
    model = view.model()
    viewport = view.viewport().rect()
    whole = 0
    for parent in [QModelIndex()] + [model.index(row, 0) for row in model.heading_rows()]:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.is_heading(index):
                continue
            rect = view.visualRect(index)
            whole += rect.isValid() and viewport.top() <= rect.top() and rect.bottom() <= viewport.bottom()
    return whole


@pytest.mark.parametrize("case", sorted(CASES.glob("*.case.yaml")), ids=lambda path: path.name.split(".")[0])
@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_every_table_shows_two_whole_rows_and_whole_headings(qtbot, case, theme, size):
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.look.set_theme(theme, remember=False)
    assert window.document.open(case)
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    QApplication.processEvents()
    for index, title in enumerate(TAB_TITLES):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        shown = [(section, view) for section, view in window.views.items() if view.isVisible()]
        for section, view in shown:
            header = view.header()
            for column in range(header.count()):
                if not view.isColumnHidden(column):
                    assert header.sectionSize(column) >= header.sectionSizeHint(column), (section, column)
            assert _whole_rows(view) >= min(2, view.model().item_count()), (title, section)


@pytest.mark.parametrize(
    ("theme", "size", "folded"),
    [
        ("projector", (1024, 768), True),
        ("projector", (1280, 720), True),
        ("projector", (1920, 1080), False),
        ("light", (1024, 768), False),
        ("dark", (1280, 720), False),
    ],
)
def test_a_short_window_folds_the_title_to_one_line_and_gives_the_tabs_the_room(qtbot, theme, size, folded):
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.look.set_theme(theme, remember=False)
    assert window.document.open(bundled_case())
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    QApplication.processEvents()
    title = window.header.title_label
    whole = window.document.record.title
    assert window.header.folded is folded
    assert title.whole == whole
    one_line = title.fontMetrics().lineSpacing() * 2
    patient, cited = window.header.patient_label, window.header.citation_label
    if folded:
        # The patient and the citation share the line under the title, the citation elided.
        assert patient.y() == cited.y()
        assert patient.geometry().right() < cited.x()
        assert patient.text() == window.document.record.patient.summary
        assert cited.height() < cited.fontMetrics().lineSpacing() * 2
        # One line, elided; the whole title in its tooltip and its accessible name.
        assert title.height() < one_line
        assert title.text().endswith("…")
        assert whole.startswith(title.text()[:-1].rstrip())
        assert title.toolTip() == whole
        assert whole in title.accessibleName()
        assert window.timeline.height() == window.timeline.minimumSizeHint().height()
    else:
        assert cited.y() >= patient.geometry().bottom()
        assert title.text() == whole
        assert title.height() >= title.heightForWidth(title.width())
        assert title.accessibleName() == "Case title"
        assert not title.toolTip()


def test_a_folded_title_unfolds_whole_when_the_window_grows_tall(qtbot):
    window = MainWindow(Preferences(persist=False, defaults=True))
    qtbot.addWidget(window)
    window.look.set_theme("projector", remember=False)
    assert window.document.open(bundled_case())
    window.resize(1024, 768)
    with qtbot.waitExposed(window):
        window.show()
    assert window.header.folded
    window.resize(1920, 1080)
    QApplication.processEvents()
    title = window.header.title_label
    assert not window.header.folded
    assert title.text() == window.document.record.title
    assert title.height() >= title.heightForWidth(title.width()) > title.fontMetrics().lineSpacing()
