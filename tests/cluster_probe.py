"""Opens a large synthetic record at 1900x1000, clicks the timeline's cluster whose entry's row is
furthest down its table, clicks that entry in the cluster's menu, and prints as JSON where the
row then is, and once the window has shrunk. Run in a subprocess by the tests under Xvfb on xcb,
a real X server with real popups."""

from __future__ import annotations

import json

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.synthetic import synthetic_yaml
from viewer.content.timeline.hittest import hit_test
from viewer.record.loader import load_record_bytes
from viewer.ui.app import make_application
from viewer.ui.models import ITEM_ID_ROLE
from viewer.ui.settings import Preferences
from viewer.ui.tabs import ItemTreeView
from viewer.ui.window import MainWindow


def wait_until(condition, timeout_ms: int = 10_000) -> bool:  # type: ignore[no-untyped-def]
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            return False
        QTest.qWait(20)
    return True


def main() -> None:
    make_application()
    window = MainWindow(Preferences(persist=False))
    window.resize(1900, 1000)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    window.document.set_record(load_record_bytes(synthetic_yaml(1_000).encode(), "synthetic-1000"))
    QTest.qWait(50)
    timeline = window.timeline
    layout = timeline._current_layout()
    assert layout is not None
    deepest = None
    for item_id in layout.index:
        centre = timeline.event_rect(item_id).center()
        hit = hit_test(layout, centre.x(), centre.y())
        if hit is None or not hit.is_cluster:
            continue
        for entry in hit.item_ids:
            found = window.document.find(entry)
            assert found is not None
            view = window.views[found[0]]
            row = view.model().index_of(entry).row()
            if deepest is None or row > deepest[0]:
                deepest = (row, entry, centre.toPoint(), view)
    assert deepest is not None
    row, entry, point, view = deepest
    QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=point)
    menu = timeline._cluster_menu
    assert wait_until(menu.isVisible), "the cluster's menu did not open"
    (action,) = [action for action in menu.actions() if action.data() == entry]
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    shown = wait_until(lambda: view.isVisible() and not menu.isVisible())
    QTest.qWait(100)
    report: dict[str, object] = {
        "platform": QApplication.platformName(),
        "row": row,
        "shown": shown,
        "current": view.currentIndex().siblingAtColumn(0).data(ITEM_ID_ROLE) == entry,
        "chosen": where(view, entry),
        "chosen_width": view.width(),
    }
    # Less room: the columns narrow, the rows wrap more and grow taller, pushing the row down.
    window.resize(1024, 700)
    wait_until(lambda: view.width() < 900)
    QTest.qWait(100)
    report["view_width"] = view.width()
    report["resized"] = where(view, entry)
    print(json.dumps(report))
    window.close()


def where(view: ItemTreeView, entry: str) -> dict[str, object]:
    """The entry's row's rectangle, the viewport's, and whether the one lies inside the other."""
    rect = view.visualRect(view.model().index_of(entry))
    viewport = view.viewport().rect()
    return {
        "row_rect": [rect.x(), rect.y(), rect.width(), rect.height()],
        "viewport": [viewport.x(), viewport.y(), viewport.width(), viewport.height()],
        "in_view": rect.isValid() and viewport.contains(rect),
    }


if __name__ == "__main__":
    main()
