"""Opens Help › Keyboard Shortcuts at the largest text size in the theme given as the first argument
and prints as JSON how the dialog sits on its screen and whether its last row can be scrolled into
view. Run in a subprocess by the tests on a screen of a chosen size (the offscreen platform's
configuration file gives it one)."""

from __future__ import annotations

import json
import sys

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from viewer.ui.app import make_application
from viewer.ui.settings import TEXT_PERCENT_RANGE, Preferences
from viewer.ui.shortcuts import ShortcutsDialog
from viewer.ui.window import MainWindow


def main() -> None:
    make_application()
    window = MainWindow(Preferences(persist=False, defaults=True))
    window.look.set_theme(sys.argv[1], remember=False)
    window.look.set_text_percent(TEXT_PERCENT_RANGE[1])
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    actions = {action.text(): action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()}
    actions["&Keyboard Shortcuts"].trigger()
    (dialog,) = [dialog for dialog in window.findChildren(ShortcutsDialog) if dialog.isVisible()]
    assert QTest.qWaitForWindowExposed(dialog)
    QApplication.processEvents()
    screen = dialog.screen().availableGeometry()
    area = dialog.area
    keys, what = dialog.rows[-1]
    area.ensureWidgetVisible(what)
    QApplication.processEvents()
    viewport = area.viewport().rect()
    last = [label.geometry().translated(area.widget().pos()) for label in (keys, what)]
    report = {
        "screen": [screen.width(), screen.height()],
        "dialog": [dialog.width(), dialog.height()],
        "inside": screen.contains(dialog.geometry()),
        "scrolls": area.verticalScrollBar().isVisible(),
        "table_height": area.widget().height(),
        "viewport_height": viewport.height(),
        "across": area.horizontalScrollBar().isVisible(),
        "last_row_in_view": all(viewport.top() <= rect.top() and rect.bottom() <= viewport.bottom() for rect in last),
        "last_row_whole": all(label.height() >= label.heightForWidth(label.width()) for label in (keys, what)),
    }
    print(json.dumps(report))
    dialog.close()
    window.close()


if __name__ == "__main__":
    main()
