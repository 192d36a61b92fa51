"""Every theme fits an XGA projector (1024x768) with every tab usable."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from viewer.content.sections import TAB_TITLES
from viewer.paths import bundled_case
from viewer.ui.settings import Preferences
from viewer.ui.window import MainWindow


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
