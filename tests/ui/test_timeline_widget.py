"""The timeline widget: clicks, clusters, keys, zoom and pan, tooltips, accessibility, export."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from viewer.content.shown import ShownCase, show
from viewer.content.wording import describe_time, rich_tooltip
from viewer.draw.theme import THEMES
from viewer.draw.timeline import render_timeline
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import IndexTime, timed_items
from viewer.record.timing import Precision
from viewer.ui.selection import Selection
from viewer.ui.timeline_widget import TimelineWidget

# The offscreen platform cannot raise popups or grab the keyboard for them; menus and tooltips still work.
offscreen_popups = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(scope="module")
def case() -> ShownCase:
    return show(load_record(bundled_case()))


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def widget(qtbot: QtBot, case: ShownCase, selection: Selection) -> TimelineWidget:
    timeline = TimelineWidget(selection)
    qtbot.addWidget(timeline)
    timeline.set_case(case)
    timeline.resize(1200, 260)
    with qtbot.waitExposed(timeline):
        timeline.show()
    return timeline


def click(qtbot: QtBot, widget: TimelineWidget, point: QPointF) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point.toPoint())


def menu_of(widget: TimelineWidget) -> QMenu:
    menu = widget.findChild(QMenu)
    assert isinstance(menu, QMenu)
    return menu


@offscreen_popups
def test_clicking_each_event_selects_it(
    qtbot: QtBot, widget: TimelineWidget, selection: Selection, case: ShownCase
) -> None:
    record = case.record
    ids = [item.id for _, item in timed_items(record)]
    assert len(ids) == 23
    for item_id in ids:
        selection.select("")
        rect = widget.event_rect(item_id)
        assert widget.rect().toRectF().contains(rect), item_id
        click(qtbot, widget, rect.center())
        if selection.current != item_id:
            # A cluster: the click opened a menu listing its events.
            menu = menu_of(widget)
            assert menu.isVisible(), (item_id, selection.current)
            actions = {action.data(): action for action in menu.actions()}
            assert item_id in actions
            assert len(actions) > 1
            actions[item_id].trigger()
            menu.hide()
        assert selection.current == item_id


@offscreen_popups
def test_the_serology_cluster_lists_its_seven_events(
    qtbot: QtBot, widget: TimelineWidget, selection: Selection
) -> None:
    click(qtbot, widget, widget.event_rect("ck").center())
    menu = menu_of(widget)
    assert menu.isVisible()
    texts = [action.text() for action in menu.actions()]
    assert texts == ["Aldolase", "CK", "Anti-Jo-1", "Anti-Mi-2", "ANA", "RF", "Anti-CCP"]
    assert selection.current == ""
    menu.actions()[3].trigger()
    assert selection.current == "anti-mi-2"


@offscreen_popups
def test_clicking_empty_space_selects_nothing(qtbot: QtBot, widget: TimelineWidget, selection: Selection) -> None:
    selection.select("ivig")
    click(qtbot, widget, QPointF(widget.width() - 5, widget.event_rect("ck").center().y()))
    assert selection.current == "ivig"
    assert not menu_of(widget).isVisible()


def colour_near(widget: TimelineWidget, rect: QRectF, colour: QColor) -> bool:
    image = widget.grab().toImage()
    box = rect.adjusted(-6, -6, 6, 6).toRect()
    return any(
        image.pixelColor(x, y) == colour
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
    )


def test_selection_elsewhere_highlights_the_event(widget: TimelineWidget, selection: Selection) -> None:
    highlight = THEMES["light"].color("highlight")
    rect = widget.event_rect("improvement")
    assert widget.highlighted == ""
    assert not colour_near(widget, rect, highlight)
    selection.select("improvement")
    assert widget.highlighted == "improvement"
    assert colour_near(widget, rect, highlight)
    selection.select("not-on-the-timeline")
    assert widget.highlighted == ""


def test_selection_scrolls_an_offscreen_event_into_view(widget: TimelineWidget, selection: Selection) -> None:
    before = {item_id: widget.event_rect(item_id) for item_id in ("first-presentation", "rituximab")}
    for item_id in before:
        selection.select(item_id)
    # Events already on screen do not move when selected.
    assert {item_id: widget.event_rect(item_id) for item_id in before} == before
    selection.select("")
    for _ in range(12):
        widget.zoom_in()
    rect = widget.event_rect("rituximab")
    assert not widget.rect().toRectF().contains(rect)
    selection.select("rituximab")
    assert widget.rect().toRectF().contains(widget.event_rect("rituximab"))


def test_keyboard_walks_time_order_and_lanes(qtbot: QtBot, widget: TimelineWidget, selection: Selection) -> None:
    widget.setFocus()
    selection.select("first-presentation")
    walk = []
    for _ in range(4):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
        walk.append(widget.focused)
    # After day 0 come its order-only step (history, then the two findings at the same step), then ~1 year.
    assert walk == ["initial-evaluation", "ct-ild", "biopsy", "second-presentation"]
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert widget.focused == "biopsy"
    assert selection.current == "first-presentation"
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert selection.current == "biopsy"
    qtbot.keyClick(widget, Qt.Key.Key_Up)
    assert widget.focused == "initial-evaluation"
    qtbot.keyClick(widget, Qt.Key.Key_Up)
    assert widget.focused == "initial-evaluation"
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    assert widget.focused == "aldolase"
    qtbot.keyClick(widget, Qt.Key.Key_Enter)
    assert selection.current == "aldolase"


def test_accessible_text_follows_the_focused_event(qtbot: QtBot, widget: TimelineWidget, case: ShownCase) -> None:
    unfocused = TimelineWidget(Selection())
    qtbot.addWidget(unfocused)
    unfocused.set_case(case)
    assert unfocused.accessibleName() == "Timeline"
    assert "23 events" in unfocused.accessibleDescription()
    assert "Left and Right" in unfocused.accessibleDescription()
    assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    widget.setFocus()
    while widget.focused != "ivig":
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    # Time in the same words as the tabs and the detail panel (wording.describe_time), never the source's own.
    assert widget.accessibleDescription() == (
        "Treatment: IVIG, after Tacrolimus, brief course; how long after is not stated (order only)"
    )
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert widget.accessibleDescription().endswith(", selected")


def spread(widget: TimelineWidget) -> float:
    return widget.event_rect("rituximab").center().x() - widget.event_rect("first-presentation").center().x()


def test_zoom_keys_and_slots_change_the_view(qtbot: QtBot, widget: TimelineWidget) -> None:
    fit = spread(widget)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Plus)
    assert spread(widget) > fit * 1.1
    qtbot.keyClick(widget, Qt.Key.Key_0)
    assert spread(widget) == pytest.approx(fit)
    qtbot.keyClick(widget, Qt.Key.Key_Minus)
    assert spread(widget) < fit * 0.9
    qtbot.keyClick(widget, Qt.Key.Key_Home)
    assert spread(widget) == pytest.approx(fit)
    widget.zoom_in()
    widget.zoom_in()
    assert widget.view.zoom > 1.5
    widget.fit_all()
    assert widget.view.zoom == 1.0
    assert spread(widget) == pytest.approx(fit)


def wheel(widget: TimelineWidget, at: QPointF, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        at,
        widget.mapToGlobal(at),
        QPoint(),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_ctrl_wheel_zooms_about_the_pointer_and_wheel_pans(widget: TimelineWidget) -> None:
    fit = spread(widget)
    anchor = widget.event_rect("second-presentation").center()
    wheel(widget, anchor, 120, Qt.KeyboardModifier.ControlModifier)
    assert spread(widget) > fit * 1.1
    assert widget.event_rect("second-presentation").center().x() == pytest.approx(anchor.x(), abs=1)
    before = widget.event_rect("second-presentation").center().x()
    wheel(widget, anchor, -120, Qt.KeyboardModifier.NoModifier)
    assert widget.event_rect("second-presentation").center().x() != pytest.approx(before, abs=5)


def test_dragging_pans_and_does_not_select(qtbot: QtBot, widget: TimelineWidget, selection: Selection) -> None:
    widget.zoom_in()
    start = widget.event_rect("workup").center()
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start.toPoint())
    for step in range(1, 6):
        qtbot.mouseMove(widget, (start + QPointF(-20 * step, 0)).toPoint())
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=(start + QPointF(-100, 0)).toPoint())
    assert widget.event_rect("workup").center().x() == pytest.approx(start.x() - 100, abs=2)
    assert selection.current == ""


def tooltip_at(widget: TimelineWidget, point: QPointF) -> str:
    event = QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), widget.mapToGlobal(point.toPoint()))
    QApplication.sendEvent(widget, event)
    return QToolTip.text()


@offscreen_popups
def test_tooltips_show_record_text_as_text_not_html(widget: TimelineWidget, case: ShownCase) -> None:
    hostile = "<b>IVIG</b> & <img src='x.png'>"
    widget.set_case(case, labels={"ivig": hostile})
    html = tooltip_at(widget, widget.event_rect("ivig").center())
    document = QTextDocument()
    document.setHtml(html)
    assert hostile in document.toPlainText()
    assert "<b>" not in html
    QToolTip.hideText()


@offscreen_popups
def test_withheld_labels_are_all_that_is_shown(qtbot: QtBot, widget: TimelineWidget, case: ShownCase) -> None:
    labels = {"ivig": "Treatment C", "tacrolimus": "Treatment B"}
    widget.set_case(case, labels=labels)
    tip = tooltip_at(widget, widget.event_rect("ivig").center())
    widget.setFocus()
    while widget.focused != "ivig":
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    spoken = widget.accessibleDescription()
    for text in (tip, spoken):
        assert "Treatment C" in text
        assert "IVIG" not in text
        assert "immunoglobulin" not in text.lower()
        assert "acrolimus" not in text
    QToolTip.hideText()


@offscreen_popups
def test_cluster_tooltip_lists_its_events(widget: TimelineWidget) -> None:
    tip = tooltip_at(widget, widget.event_rect("rf").center())
    document = QTextDocument()
    document.setHtml(tip)
    text = document.toPlainText()
    assert text.startswith("7 serologies")
    for label in ("Aldolase", "CK", "Anti-Jo-1", "Anti-Mi-2", "ANA", "RF", "Anti-CCP"):
        assert f"• {label}" in text
    QToolTip.hideText()


def test_size_hints_follow_the_font(widget: TimelineWidget) -> None:
    small = widget.sizeHint()
    assert 200 <= small.height() <= 360
    assert widget.minimumSizeHint().height() < small.height()
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    widget.setFont(font)
    assert widget.sizeHint().height() > small.height() * 1.3


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_render_timeline_paints_onto_an_image_and_restores_the_painter(theme: str, case: ShownCase) -> None:
    image = QImage(1600, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("#123456"))
    painter = QPainter(image)
    pen_before = painter.pen().color()
    render_timeline(painter, QRectF(0, 0, 1600, 300), case, THEMES[theme])
    assert painter.pen().color() == pen_before
    assert painter.transform().isIdentity()
    painter.end()
    base = THEMES[theme].color("base")
    assert image.pixelColor(800, 150) != QColor("#123456")
    colours = {image.pixelColor(x, y).name() for x in range(0, 1600, 7) for y in range(0, 300, 7)}
    assert base.name() in colours
    assert THEMES[theme].lane_color("serologies").name() in colours


def test_panning_far_at_high_zoom_lays_out_the_axis_where_the_view_goes(qtbot: QtBot, selection: Selection) -> None:
    from benchmarks.synthetic import synthetic_yaml
    from viewer.content.timeline.hittest import hit_test
    from viewer.record.loader import load_record_bytes

    record = load_record_bytes(synthetic_yaml(1_000).encode(), "synthetic-1000")
    widget = TimelineWidget(selection)
    qtbot.addWidget(widget)
    widget.resize(1200, 300)
    widget.set_case(show(record))
    widget.show()
    for _ in range(15):
        widget.zoom_in()
    stretches = set()
    for _ in range(30):
        # Five notches: half a plot to the right each time.
        wheel(widget, QPointF(600, 150), -600, Qt.KeyboardModifier.NoModifier)
        widget.repaint()
        layout = widget._current_layout()  # what the widget just painted
        assert layout is not None
        assert layout.covers(layout.offset)
        stretches.add(layout.covered)
        for lane, row in enumerate(layout.lanes):
            for number in layout.visible_marks(lane, layout.plot_left, layout.plot_right)[:3]:
                x, y, w, h = layout.marker_rect(lane, number)
                if layout.plot_left < x + w / 2 < layout.plot_right:
                    hit = hit_test(layout, x + w / 2, y + h / 2)
                    assert hit is not None
                    assert hit.item_ids == row.marks[number].item_ids
    assert len(stretches) > 3


def test_time_reads_as_everywhere_else_without_the_sources_words(
    qtbot: QtBot, widget: TimelineWidget, case: ShownCase
) -> None:
    record, placements = case.record, case.placements
    items = {item.id: item for _, item in timed_items(record)}
    names = {item_id: item.label for item_id, item in items.items()}
    widget.setFocus()  # focus lands on the first event in time order
    seen = []
    while widget.focused not in seen:
        item = items[widget.focused]
        spoken = widget.accessibleDescription()
        # The same words as the tabs and the detail panel, and never the source's own (in quotes):
        # they could name a withheld answer.
        assert describe_time(item.when, names, words=False) in spoken
        assert "“" not in spoken
        seen.append(widget.focused)
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert len(seen) == sum(p.precision is not Precision.UNKNOWN for p in placements.start.values())
    assert any(items[item_id].when.words for item_id in seen)  # the case does have words to leave out
    index = next(item_id for item_id in seen if isinstance(items[item_id].when, IndexTime))
    assert "index, day 0" in widget._event_words(index)


def test_rich_tooltip_escapes_and_breaks_lines() -> None:
    html = rich_tooltip("<b>one</b> & two\nthree")
    assert "<b>" not in html
    assert "<br>" in html
    document = QTextDocument()
    document.setHtml(html)
    assert document.toPlainText() == "<b>one</b> & two\nthree"


@offscreen_popups
def test_set_labels_keeps_the_view_focus_and_selection(
    qtbot: QtBot, widget: TimelineWidget, selection: Selection, case: ShownCase
) -> None:
    for _ in range(4):
        widget.zoom_in()
    selection.select("ivig")
    wheel(widget, QPointF(600, 150), -120, Qt.KeyboardModifier.NoModifier)
    widget.repaint()
    view = widget.view
    assert view.zoom > 2
    rect = widget.event_rect("ivig")
    widget.setFocus()
    assert widget.focused == "ivig"

    widget.set_labels({"ivig": "Treatment C", "tacrolimus": "Treatment B"})
    assert widget.view == view
    assert widget.event_rect("ivig") == rect
    assert widget.focused == "ivig"
    assert widget.highlighted == "ivig"
    spoken = widget.accessibleDescription()
    assert spoken.startswith("Treatment: Treatment C, after Treatment B;")
    tip = tooltip_at(widget, rect.center())
    assert "Treatment C" in tip
    assert "IVIG" not in tip
    QToolTip.hideText()
    layout = widget._current_layout()
    assert layout is not None
    assert layout.mark_of("ivig").label == "Treatment C"  # type: ignore[union-attr]

    # The whole map is replaced: ids left out show their own labels again; the view still stays.
    widget.set_labels({})
    assert widget.view == view
    assert widget.accessibleDescription().startswith("Treatment: IVIG, after Tacrolimus, brief course;")
    # set_case, by contrast, starts from fit-all.
    widget.set_case(case)
    assert widget.view.zoom == 1.0


def test_no_marker_pixmap_outlives_the_application(tmp_path: Path) -> None:
    """Marker sprites are cached while the application lives and go with it: a module-level cache
    would keep QPixmaps past the QApplication, and freeing them then can crash at exit."""
    script = tmp_path / "sprites_and_apps.py"
    script.write_text(
        textwrap.dedent(
            """
            import gc
            from PySide6.QtWidgets import QApplication
            from viewer.record.timing import Precision
            from viewer.draw import timeline as paint

            def sprite_key():
                args = ("history", 14.0, Precision.EXACT, False, False, 0xFF112233, 0xFFFFFFFF, 1.0)
                return paint._sprite(*args).cacheKey()

            app = QApplication([])
            first = sprite_key()
            print("cached" if sprite_key() == first else "not cached")
            app.shutdown()
            del app
            gc.collect()
            app = QApplication([])
            print("survived the application" if sprite_key() == first else "went with the application")
            """
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["cached", "went with the application"]
