"""The main window: every fact of the bundled case shown, selection both ways, menus, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu, QMessageBox

from viewer.content.sections import SECTION_TAB
from viewer.paths import bundled_case
from viewer.record.loader import load_record
from viewer.record.model import timed_items
from viewer.ui.models import ITEM_ID_ROLE
from viewer.ui.settings import Preferences, settings_path
from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    return window


def _all_text(model, parent=None) -> list[str]:
    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            value = model.index(row, column, parent).data()
            if value:
                texts.append(str(value))
        texts.extend(_all_text(model, model.index(row, 0, parent)))
    return texts


def test_header_names_the_case(window):
    assert window.header.title_label.text().startswith("The Utility of Intravenous Immunoglobulin (IVIG)")
    assert window.header.patient_label.text() == "71-year-old male"
    assert "Presentation" in window.header.citation_label.text()
    assert "8-5-2020" in window.header.citation_label.text()
    assert window.header.title_label.textFormat() == Qt.TextFormat.PlainText
    assert "Case Viewer" in window.windowTitle()


def test_every_item_of_the_bundled_case_is_in_a_tab(window):
    record = load_record(bundled_case())
    for section, item in timed_items(record):
        shown = " ".join(_all_text(window.models[section]))
        name = item.agent if section == "treatments" else item.label
        assert name in shown, (section, item.id)
    discussion = " ".join(_all_text(window.models["discussion"]))
    for point in record.discussion:
        assert point.text in discussion


def test_serologies_group_by_panel_and_badges_read_without_colour(window):
    model = window.models["serologies"]
    panels = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert panels == ["Muscle enzymes (2)", "Myositis-specific antibodies (2)", "Other autoantibodies (3)"]
    text = " ".join(_all_text(model))
    assert "− negative" in text
    assert "▲ elevated" in text
    assert "∅ not obtained" in text


def test_treatment_tab_shows_course_order_and_unreported_dose(window):
    model = window.models["treatments"]
    rows = {model.index(r, 1).data(): [model.index(r, c).data() for c in range(model.columnCount())] for r in range(4)}
    # Steroids and tacrolimus are not ordered against each other by the source, so they share a number.
    assert rows["Steroids"][0] == rows["Tacrolimus"][0] == "1"
    assert rows["Intravenous immunoglobulin (IVIG)"][0] == "2"
    assert rows["Rituximab"][0] == "3"
    assert rows["Rituximab"][4] == "? under consideration"
    assert all(row[3] == "not reported" for row in rows.values())


def test_models_pass_the_model_tester(window, qtmodeltester):
    for model in window.models.values():
        qtmodeltester.check(model)


def test_selecting_in_each_tab_selects_everywhere(window):
    record = load_record(bundled_case())
    for section, view in window.views.items():
        model = window.models[section]
        item = getattr(record, section)[-1]
        index = model.index_of(item.id)
        view.setCurrentIndex(index)
        assert window.selection.current == item.id
        assert window.tabs.currentIndex() == SECTION_TAB[section]
        shown = window.detail.toPlainText()
        assert shown.startswith(item.label) if section != "discussion" else item.text in shown, item.id
        # The timeline highlights every timed item; discussion points have no place in time.
        assert window.timeline.highlighted == ("" if section == "discussion" else item.id)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_clicking_each_timeline_event_opens_its_tab_and_item(window, qtbot):
    record = load_record(bundled_case())
    timeline = window.timeline
    for section, item in timed_items(record):
        window.selection.select("")
        rect = timeline.event_rect(item.id)
        assert rect.isValid(), item.id
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        if window.selection.current != item.id:
            # A cluster: the click lists its events; choose this one.
            menu = next(m for m in timeline.findChildren(QMenu) if m.isVisible())
            next(a for a in menu.actions() if a.data() == item.id).trigger()
            menu.hide()
        assert window.selection.current == item.id
        assert window.tabs.currentIndex() == SECTION_TAB[section]
        view = window.views[section]
        assert view.currentIndex().siblingAtColumn(0).data(ITEM_ID_ROLE) == item.id
        assert timeline.highlighted == item.id


def test_selection_highlights_the_quotes_in_the_source(window):
    window.selection.select("anti-mi-2")
    selections = window.source_view.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "Anti-Mi-2 was not obtained."


def test_an_invalid_file_shows_located_problems_and_keeps_the_case(window, qtbot, data_dir):
    before = window.document.record
    bad = data_dir / "bad" / "bad-enum-status.yaml"
    assert not window.document.open(bad)
    assert window.document.record is before
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert "serologies[" in boxes[0].informativeText()
    assert str(bad) in boxes[0].informativeText()
    boxes[0].close()


def _body_points(theme: str, percent: int) -> float:
    """The window's text size in `theme` at `percent` of the desktop's."""
    from PySide6.QtWidgets import QApplication

    from viewer.draw.theme import THEMES

    return QApplication.font().pointSizeF() * percent / 100 * THEMES[theme].font_scale


def test_theme_text_size_and_recent_files_persist(qtbot, tmp_path):
    copy = tmp_path / "case.yaml"
    shutil.copy(bundled_case(), copy)
    first = MainWindow()
    qtbot.addWidget(first)
    first.look.set_theme("dark")
    first.look.set_text_percent(130)
    assert first.document.open(copy)
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.look.theme_name == "dark"
    assert Preferences().text_percent() == 130
    # The second window is dressed as the first was left: the dark theme's text at 130%.
    assert second.font().pointSizeF() == pytest.approx(first.font().pointSizeF())
    assert second.font().pointSizeF() == pytest.approx(_body_points("dark", 130))
    assert Preferences().recent_files()[0] == str(copy.resolve())


def test_unreadable_settings_fall_back_to_defaults(qtbot):
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    settings.setValue("view/theme", "no-such-theme")
    settings.setValue("view/text_percent", "huge")
    settings.setValue("files/recent", 42)
    settings.setValue("window/geometry", "garbage")
    settings.sync()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.look.theme_name == "light"
    assert window.font().pointSizeF() == pytest.approx(_body_points("light", 100))
    assert Preferences().recent_files() == []


def test_text_size_actions_scale_the_font(window):
    before = window.font().pointSizeF()
    window.look.set_text_percent(150)
    assert window.font().pointSizeF() == pytest.approx(before * 1.5)


def test_record_text_is_never_rich_text(qtbot, tmp_path):
    text = bundled_case().read_text(encoding="utf-8")
    text = text.replace("label: Aldolase", "label: \"<b>Aldolase</b> <img src='x.png'> &amp;\"")
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.document.open(path)
    model = window.models["serologies"]
    index = model.index_of("aldolase")
    assert index.data() == "<b>Aldolase</b> <img src='x.png'> &amp;"
    assert "&lt;b&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)
    window.selection.select("aldolase")
    assert "<b>Aldolase</b> <img src='x.png'> &amp;" in window.detail.toPlainText()


def test_screenshot_command_writes_a_png_per_tab(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(tmp_path), "--size", "1024x768", "--theme", "dark"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    pngs = sorted(Path(tmp_path).glob("*.png"))
    assert [p.name for p in pngs] == [
        "01-history.png",
        "02-findings.png",
        "03-serologies.png",
        "04-treatment.png",
        "05-discussion.png",
        "06-source.png",
    ]
    for png in pngs:
        image = QImage(str(png))
        assert (image.width(), image.height()) == (1024, 768)
        colours = {image.pixel(x, y) for x in range(0, 1024, 37) for y in range(0, 768, 29)}
        assert len(colours) > 5, png.name


def test_file_menu_offers_export_once_opened(window):
    menu = window.menus.file_menu
    assert "&Export" not in [action.text() for action in menu.actions()]
    # Opened twice, it still has one Export menu, above Quit.
    menu.aboutToShow.emit()
    menu.aboutToShow.emit()
    titles = [action.text() for action in menu.actions() if action.text()]
    assert titles.count("&Export") == 1
    assert titles[-1] == "&Quit"


def test_menus_have_standard_shortcuts(window):
    shortcuts = {
        action.text(): action.shortcut().toString()
        for menu in window.menuBar().findChildren(QMenu)
        for action in menu.actions()
    }
    assert shortcuts["&Open…"] == "Ctrl+O"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&Reload"] == "Ctrl+R"
    assert shortcuts["&Full Screen"] == "F11"
    assert shortcuts["&Present"] == "F5"
    assert shortcuts["Text &Bigger"] == "Ctrl++"


def test_help_shows_the_version_in_plain_text(window):
    from viewer import __version__

    actions = {action.text(): action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()}
    for name, expected in (("&About Case Viewer", f"Case Viewer {__version__}"),):
        actions[name].trigger()
        (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert expected in box.text()
        box.close()


def test_the_command_line_offers_every_theme():
    from viewer import cli
    from viewer.draw.theme import THEMES

    assert set(cli.THEMES) == set(THEMES)


def test_the_application_is_fusion_whatever_the_environment_asks():
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_STYLE_OVERRIDE": "Windows", "QT_QPA_PLATFORM": "offscreen"}
    code = "from viewer.ui.app import make_application; print(make_application().style().name())"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["fusion"]


def test_wrapped_rows_use_fusions_own_text_margins(qapp):
    from PySide6.QtWidgets import QStyle, QStyleFactory

    from viewer.ui.tabs import TEXT_MARGINS

    fusion = QStyleFactory.create("Fusion")
    assert (fusion.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) * 2 == TEXT_MARGINS


def test_the_shortcuts_dialog_lists_keys_and_actions_in_aligned_columns(qtbot, window):
    from viewer.ui.actions import SHORTCUTS
    from viewer.ui.shortcuts import ShortcutsDialog

    window.look.bigger()
    actions = {action.text(): action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()}
    actions["&Keyboard Shortcuts"].trigger()
    (dialog,) = [dialog for dialog in window.findChildren(ShortcutsDialog) if dialog.isVisible()]
    qtbot.waitExposed(dialog)
    # In the text size the window shows.
    assert dialog.font() == window.font()
    assert [what.text() for _, what in dialog.rows] == [what for what, _ in SHORTCUTS]
    texts = {what.text(): keys.text() for keys, what in dialog.rows}
    assert texts["Present (conference mode; ? lists its keys, Esc leaves)"] == "F5"
    assert texts["Full screen"]
    # Headed Key and Action, each heading over its column, and named so for a screen reader.
    key_heading, action_heading = dialog.headings
    assert (key_heading.text(), action_heading.text()) == ("Key", "Action")
    assert key_heading.accessibleName().startswith("Key")
    assert action_heading.accessibleName().startswith("Action")
    assert key_heading.font().bold()
    assert len({keys.x() for keys, _ in dialog.rows} | {key_heading.x()}) == 1
    assert len({what.x() for _, what in dialog.rows} | {action_heading.x()}) == 1
    for keys, what in dialog.rows:
        assert key_heading.geometry().bottom() < keys.geometry().top()
        assert keys.geometry().top() == what.geometry().top()
        assert keys.geometry().right() < what.geometry().left()
        # All of each text shows, wrapped where the screen is too narrow for the row on one line.
        for label in (keys, what):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert keys.textFormat() == Qt.TextFormat.PlainText
    assert not dialog.area.verticalScrollBar().isVisible()
    dialog.close()


def test_full_screen_is_f11_where_the_desktop_binds_no_key(monkeypatch):
    from PySide6.QtGui import QKeySequence

    from viewer.ui import actions

    monkeypatch.setattr(actions.QKeySequence, "keyBindings", staticmethod(lambda _key: []))
    assert actions.key_text(QKeySequence.StandardKey.FullScreen) == "F11"
    assert actions.key_text(QKeySequence.StandardKey.Quit) == "Ctrl+Q"
