"""Conference mode: clicker keys, unknown-case stages that leak nothing, contrast, screens."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolTip,
    QWidget,
)

from viewer.content.disclosure import Disclosure
from viewer.content.shown import show
from viewer.draw.theme import THEMES
from viewer.draw.timeline import render_timeline
from viewer.paths import bundled_case
from viewer.record.model import DiscussionPoint, timed_items
from viewer.ui.conference.console import PresenterConsole
from viewer.ui.conference.talk import KEY_HELP
from viewer.ui.window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data"
# Words that give the answer away, by the stage of the bundled case that reveals them.
ANSWER_WORDS = {1: ["myositis", "amyopathic", "anti-synthetase", "jo-1"], 2: ["mda5", "melanoma", "dermatomyositis"]}


@pytest.fixture
def talk(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.document.set_unknown(True)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(bundled_case())
    mode = window.start_conference()
    assert mode is not None
    yield window, mode
    window.close()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    # Keys go to whatever has focus; the presentation hears them from any window.
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N]
)
def test_next_keys_step_forward_and_select_the_step(qtbot, talk, key):
    window, mode = talk
    press(qtbot, window, key)
    assert mode.talk.index == 1
    assert window.selection.current == mode.talk.steps[1]
    assert window.timeline.highlighted == mode.talk.steps[1]


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_P, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_previous_keys_step_back(qtbot, talk, key, modifier):
    window, mode = talk
    mode.talk.go_to(5)
    press(qtbot, window, key, modifier)
    assert mode.talk.index == 4


def test_home_end_and_go_to_a_numbered_step(qtbot, talk):
    window, mode = talk
    press(qtbot, window, Qt.Key.Key_End)
    # 23 timed items in the bundled record, every one placed in time.
    assert mode.talk.index == len(mode.talk.steps) - 1 == 22
    press(qtbot, window, Qt.Key.Key_Home)
    assert mode.talk.index == 0
    for key in (Qt.Key.Key_G, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return):
        press(qtbot, window, key)
    assert mode.talk.index == 11
    press(qtbot, window, Qt.Key.Key_G)
    press(qtbot, window, Qt.Key.Key_3)
    press(qtbot, window, Qt.Key.Key_Escape)  # cancels going to a step; the talk goes on
    assert mode.talk.index == 11
    assert window.isFullScreen()


@pytest.mark.parametrize(
    ("key", "cover", "colour"),
    [(Qt.Key.Key_B, "black", "#000000"), (Qt.Key.Key_Period, "black", "#000000"), (Qt.Key.Key_W, "white", "#ffffff")],
)
def test_blank_screens_cover_everything_and_any_key_returns(qtbot, talk, key, cover, colour):
    window, mode = talk
    press(qtbot, window, key)
    assert window.overlay.cover == cover
    image = window.grab().toImage()
    for x, y in [(5, 5), (image.width() // 2, image.height() // 2), (image.width() - 5, image.height() - 5)]:
        assert image.pixelColor(x, y) == QColor(colour)
    press(qtbot, window, Qt.Key.Key_X)
    assert window.overlay.cover == ""
    assert mode.talk.index == 0
    assert not window.overlay.isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_Question, Qt.Key.Key_F1])
def test_help_overlay_lists_the_keys(qtbot, talk, key):
    window, mode = talk
    press(qtbot, window, key)
    assert window.overlay.cover == "help"
    assert window.overlay.isVisible()
    assert window.overlay.geometry() == window.rect()
    # The keys are written on it: white text on black.
    image = window.overlay.grab().toImage()
    white = sum(
        image.pixelColor(x, y).lightness() > 200
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )
    assert white > 50 * len(KEY_HELP)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.overlay.cover == ""
    assert mode.talk.index == 0


def test_reveal_and_unknown_toggle(qtbot, talk):
    window, mode = talk
    record = window.document.record
    assert window.windowTitle().startswith(record.unknown_title)
    press(qtbot, window, Qt.Key.Key_R)
    assert window.windowTitle().startswith(record.title)
    assert window.header.title_label.text() == record.title
    press(qtbot, window, Qt.Key.Key_U)
    assert not mode.talk.unknown
    press(qtbot, window, Qt.Key.Key_U)
    assert mode.talk.unknown


def test_escape_leaves_and_restores_the_window(qtbot, talk):
    window, _mode = talk
    assert window.isFullScreen()
    assert not window.menuBar().isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isFullScreen()
    assert window.menuBar().isVisible()
    assert window.tabs.isVisible()
    assert window.look.theme_name == "light"
    # Keys are the window's own again.
    press(qtbot, window, Qt.Key.Key_B)
    assert window.overlay.cover == ""


def test_after_the_talk_selecting_a_staged_step_reveals_nothing(qtbot, talk):
    window, _mode = talk
    press(qtbot, window, Qt.Key.Key_Escape)
    window.selection.select("anti-jo-1")
    assert window.document.stage == 0
    assert window.models["serologies"].index_of("anti-jo-1").data() == "result withheld"


def test_stepping_onto_a_staged_item_reveals_its_stage_and_stays_revealed(qtbot, talk):
    window, mode = talk
    steps = mode.talk.steps
    assert window.models["serologies"].index_of("anti-jo-1").data() == "result withheld"
    mode.talk.go_to(steps.index("anti-jo-1"))
    assert window.models["serologies"].index_of("anti-jo-1").data() == "Anti-Jo-1"
    assert window.models["history"].index_of("diagnosis").siblingAtColumn(1).data() == "result withheld"
    mode.talk.go_to(0)
    assert window.models["serologies"].index_of("anti-jo-1").data() == "Anti-Jo-1"


def _widget_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
        texts += [action.text() + action.toolTip() for action in widget.actions()]
    return texts


def _model_texts(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
    ]
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts += [str(value) for role in roles if (value := model.data(index, role))]
        texts += _model_texts(model, model.index(row, 0, parent))
    return texts


def _timeline_texts(window: MainWindow) -> list[str]:
    """What the timeline draws (its paint routine into SVG) and every tooltip it shows."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(window.timeline.size())
    record = window.document.record
    disclosure = window.document.disclosure
    with QPainter(generator) as painter:
        render_timeline(
            painter,
            QRectF(window.timeline.rect()),
            show(record),
            THEMES["projector"],
            labels=disclosure.labels(),
        )
    texts = [bytes(QByteArray(buffer.data())).decode("utf-8")]
    for _, item in timed_items(record):
        rect = window.timeline.event_rect(item.id)
        if rect.isValid():
            point = rect.center().toPoint()
            help_event = QHelpEvent(QEvent.Type.ToolTip, point, window.timeline.mapToGlobal(point))
            QApplication.sendEvent(window.timeline, help_event)
            texts.append(QToolTip.text())
    return texts


def _withheld_strings(disclosure: Disclosure) -> list[str]:
    record = disclosure.record
    strings = [record.title]
    strings += [word for stage, words in ANSWER_WORDS.items() if stage > disclosure.stage for word in words]
    items = [item for _, item in timed_items(record)] + list(record.discussion)
    for item in items:
        if disclosure.withheld(item):
            strings += list(item.quotes)
            when = getattr(item, "when", None)
            strings += [text for text in (getattr(item, "detail", None), item.note, when and when.words) if text]
            strings.append(item.text if isinstance(item, DiscussionPoint) else item.label)
    return strings


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("stage_step", ["first", "anti-jo-1"])
def test_unknown_mode_leaks_nothing_before_the_reveal(qtbot, talk, stage_step):
    window, mode = talk
    if stage_step != "first":
        mode.talk.go_to(mode.talk.steps.index(stage_step))
    disclosure = window.document.disclosure
    assert not disclosure.complete
    # The audience sees every tab in turn, and the help overlay.
    shown: list[str] = []
    window.set_conference_view(None)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        shown += _widget_texts(window)
    shown += _timeline_texts(window)
    everything = "\n".join(shown)
    assert "result withheld" in everything
    assert _leaks(_withheld_strings(disclosure), everything) == []


def _leaks(secrets: list[str], shown: str) -> list[str]:
    """The secrets found in `shown`: anywhere, in any case; short ones ("RF", "CK") as whole words."""
    lowered = shown.lower()
    return [
        secret
        for secret in secrets
        if (re.search(rf"\b{re.escape(secret)}\b", shown) if len(secret) <= 3 else secret.lower() in lowered)
    ]


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [QColor(colour).redF(), QColor(colour).greenF(), QColor(colour).blueF()]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["projector", "light", "dark"])
def test_text_contrast(name):
    theme = THEMES[name]
    # Projector text must reach 7:1 (WCAG AAA); the desk themes at least 4.5:1 (AA).
    needed = 7.0 if name == "projector" else 4.5
    backgrounds = [theme.window, theme.base, theme.alternate]
    pairs = [(text, back) for text in (theme.text, theme.muted) for back in backgrounds]
    pairs.append((theme.highlighted_text, theme.highlight))
    for text, back in pairs:
        assert _contrast(text, back) >= needed, (name, text, back)
    # Lane markers are graphics: 3:1 against every lane background (WCAG non-text contrast).
    for colour in theme.lanes.values():
        for back in backgrounds:
            assert _contrast(colour, back) >= 3.0, (name, colour, back)


def test_audience_view_keeps_clear_of_the_outer_five_percent(qtbot, talk):
    window, _mode = talk
    outer = window.rect()
    margin_x, margin_y = outer.width() * 0.05, outer.height() * 0.05
    inner = QRectF(outer).adjusted(margin_x - 1, margin_y - 1, 1 - margin_x, 1 - margin_y)
    for widget in (window.header.title_label, window.header.patient_label, window.timeline, window.detail):
        assert widget.isVisible()
        top_left = widget.mapTo(window, QPoint(0, 0))
        assert inner.contains(QRectF(top_left, widget.size().toSizeF())), widget.objectName()


def _probe(env_platform: str, extra_env: dict[str, str], tmp_path: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": env_platform, **extra_env}
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parents[1] / "present_probe.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _check_talk(report: dict, tmp_path: Path, audience_height: int) -> None:
    assert report["full_screen"]
    assert not report["menu_visible"]
    assert report["window_geometry"] == report["screen_geometry"]
    # Body text at least 28 px on a 1080-line screen, scaled with the screen.
    assert report["text_px"] >= round(28 * audience_height / 1080)
    assert report["console"]
    assert report["console_screen"] != report["audience_screen"]
    assert report["last_index"] == report["steps"] - 1 == 22
    # No one scrolls the room's detail: every step's is whole unless the timeline is down to its least
    # height; the timeline has the rest: what it wants, past half, or (a small screen) its least.
    timeline, detail = report["panes"]
    if timeline > report["timeline_least"]:
        assert report["detail_overflows"] == [0] * report["steps"]
    assert timeline in (report["timeline_wants"], report["timeline_least"]) or timeline > (timeline + detail) // 2
    titles = report["titles"]
    # The real title (it names the diagnosis) appears exactly when the diagnosis step is reached.
    reveal = report["step_ids"].index("diagnosis")
    assert all("MDA5" not in title for title in titles[:reveal])
    assert all("MDA5" in title for title in titles[reveal:])
    removed = report["after_removal"]
    assert removed["full_screen"]
    assert removed["audience_screen"] != report["audience_screen"]
    # The console never shares a screen with the audience: it holds the answers.
    assert not removed["console"]
    assert report["after_added"] == {**removed, "console": False, "console_screen": 0}
    assert report["after_return"] == {
        "audience_screen": report["audience_screen"],
        "full_screen": True,
        "console": True,
        "console_screen": report["console_screen"],
    }
    assert report["after_second_s"]["audience_screen"] == report["console_screen"]
    assert not report["after_second_s"]["console"]
    assert report["after_escape"] == {"full_screen": False, "menu_visible": True}
    shots = sorted(tmp_path.glob("step-*.png"))
    assert len(shots) == 23
    assert len(sorted(tmp_path.glob("console-*.png"))) == 23


def test_two_screens_offscreen(tmp_path):
    config = DATA / "two-screens.json"
    report = _probe(f"offscreen:configfile={config}", {}, tmp_path)
    assert report["audience_screen"] == 2  # the one that is not primary
    _check_talk(report, tmp_path, 1080)


@pytest.mark.xvfb
@pytest.mark.parametrize(("screen", "height"), [("1", 1080), ("2", 768)])
def test_presenting_under_a_real_x_server(xvfb_display, tmp_path, screen, height):
    report = _probe("xcb", {"DISPLAY": xvfb_display, "PROBE_SCREEN": screen}, tmp_path)
    assert report["audience_screen"] == int(screen)
    assert report["screen_geometry"][3] == height
    _check_talk(report, tmp_path, height)


def test_stepping_keeps_the_timeline_zoom(qtbot, talk):
    window, mode = talk
    window.timeline.zoom_in()
    view = window.timeline.view
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_PageDown)
    press(qtbot, window, Qt.Key.Key_U)
    assert mode.talk.index == 3
    assert window.timeline.view.zoom == view.zoom


def test_the_revealed_title_keeps_every_line(qtbot, talk):
    window, _mode = talk
    press(qtbot, window, Qt.Key.Key_R)
    QApplication.processEvents()
    label = window.header.title_label
    # The real title wraps to more lines than the unknown one; none may be cut off.
    assert label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing() * 2


def test_selecting_a_step_in_a_tab_puts_the_talk_and_the_console_on_it(qtbot, talk):
    window, mode = talk
    steps = mode.talk.steps
    # One screen here, so no console of the mode's own: one like it, on the same talk.
    console = mode.console or PresenterConsole(mode.talk, window.selection)
    qtbot.addWidget(console)
    # The tabs hide from the room, but the presenter may still pick an item in one.
    window.set_conference_view(None)
    model = window.models["serologies"]
    window.views["serologies"].setCurrentIndex(model.index_of("anti-jo-1"))
    assert window.selection.current == "anti-jo-1"
    assert mode.talk.index == steps.index("anti-jo-1")
    assert mode.talk.current == "anti-jo-1"
    # Being on a step reveals its stage, as stepping onto it does.
    assert model.index_of("anti-jo-1").data() == "Anti-Jo-1"
    assert console.current_label.text() == "Now: Anti-Jo-1"
    assert console.step_label.text().startswith(f"Step {steps.index('anti-jo-1') + 1} of")
    # The keys go on from there, through the selection.
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert mode.talk.index == steps.index("anti-jo-1") + 1
    assert window.selection.current == steps[mode.talk.index]


def test_selecting_what_is_no_step_leaves_the_talk_where_it_was(qtbot, talk):
    window, mode = talk
    mode.talk.go_to(4)
    point = window.document.record.discussion[0]
    window.selection.select(point.id)
    assert mode.talk.index == 4
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert mode.talk.index == 5
    assert window.selection.current == mode.talk.steps[5]


def test_unknown_mode_is_one_state_for_the_window_and_the_talk(qtbot, talk):
    window, mode = talk
    document = window.document
    assert document.unknown
    assert mode.talk.unknown
    assert window.menus.unknown.isChecked()
    # The window's action, during a talk, turns it off for the talk too.
    window.menus.unknown.trigger()
    assert not document.unknown
    assert not mode.talk.unknown
    assert window.windowTitle().startswith(document.record.title)
    # The talk's key turns it on for the window too.
    press(qtbot, window, Qt.Key.Key_U)
    assert document.unknown
    assert window.menus.unknown.isChecked()
    assert window.windowTitle().startswith(document.record.unknown_title)
    # And it stays as the talk left it.
    press(qtbot, window, Qt.Key.Key_U)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not document.unknown
    assert not window.menus.unknown.isChecked()


def test_a_file_changed_during_a_talk_is_reloaded_when_the_talk_ends(qtbot, tmp_path):
    import shutil

    path = tmp_path / "case.yaml"
    shutil.copy(bundled_case(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(path)
    mode = window.start_conference()
    assert mode is not None
    path.write_text(path.read_text(encoding="utf-8").replace("71-year-old male\n", "71-year-old man\n", 1), "utf-8")
    # Steps must not change under the presenter.
    assert not window.document.reload()
    assert window.header.patient_label.text() == "71-year-old male"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.header.patient_label.text() == "71-year-old man"
    # Nothing revealed in the talk stays revealed.
    assert window.document.stage == 0
