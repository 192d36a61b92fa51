"""An agenda presented as one talk: title slides, stepping across cases, cases that cannot be shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from viewer.paths import data_dir
from viewer.ui.conference.console import PresenterConsole
from viewer.ui.window import MainWindow

AGENDA = data_dir("casedata") / "myositis-ild.agenda.yaml"
AGENDAS = Path(__file__).parents[1] / "data" / "agenda"
PL7_UNKNOWN = "A 44-year-old woman with dyspnea, Raynaud's phenomenon and swelling of fingers and eyelids"
MDA5_TITLE = (
    "The Utility of Intravenous Immunoglobulin (IVIG) in the Treatment of Anti-Melanoma Differentiation "
    "Associated Protein 5 (anti-MDA5) Dermatomyositis (DM)"
)
# What names the first case's diagnosis: it is presented as an unknown case.
PL7_ANSWERS = ["antisynthetase", "pl7", "pl-7", "mechanic", "threonyl"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.close()


def present(window, path=AGENDA, clock=None):
    mode = window.present_agenda(path, clock=clock) if clock else window.present_agenda(path)
    assert mode is not None
    assert mode.agenda is not None
    return mode, mode.agenda


def press(qtbot, window, *keys, modifier=Qt.KeyboardModifier.NoModifier):
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def where(agenda):
    """(case, on its title slide, step) as the talk stands."""
    return agenda.case, agenda.on_title, agenda.talk.index


def slide_text(window) -> str:
    assert window.slide is not None
    assert window.slide.isVisible()
    return "\n".join(label.text() for label in window.slide.findChildren(QLabel))


def test_the_session_opens_on_its_title_slide_with_each_case_as_the_room_may_know_it(window):
    _mode, agenda = present(window)
    assert where(agenda)[:2] == (-1, True)
    assert slide_text(window) == (
        f"2026-01-15\nMyositis and interstitial lung disease\n1. {PL7_UNKNOWN}\n2. {MDA5_TITLE}"
    )
    seen = (slide_text(window) + window.windowTitle()).lower()
    assert not [word for word in PL7_ANSWERS if word in seen]


def test_stepping_on_goes_through_every_case_and_back_again(qtbot, window):
    mode, agenda = present(window)
    first_steps, second_steps = 21, 23
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert where(agenda) == (0, True, 0)
    assert slide_text(window) == f"Case 1 of 2\n{PL7_UNKNOWN}\n"
    assert window.document.unknown  # as its entry says
    press(qtbot, window, Qt.Key.Key_Space)
    assert where(agenda) == (0, False, 0)
    assert not window.slide.isVisible()
    for _ in range(first_steps - 1):
        press(qtbot, window, Qt.Key.Key_Right)
    assert where(agenda) == (0, False, first_steps - 1)
    # Past the last step: the next case's title slide, the case open behind it, not an unknown case.
    press(qtbot, window, Qt.Key.Key_Right)
    assert where(agenda) == (1, True, 0)
    assert slide_text(window) == f"Case 2 of 2\n{MDA5_TITLE}\n"
    assert not window.document.unknown
    assert len(mode.talk.steps) == second_steps
    press(qtbot, window, Qt.Key.Key_N)
    assert where(agenda) == (1, False, 0)
    # Back: the case's title slide, then the first case's last step, and its stage revealed again.
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert where(agenda) == (1, True, 0)
    press(qtbot, window, Qt.Key.Key_Space, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert where(agenda) == (0, False, first_steps - 1)
    assert window.document.unknown
    assert window.selection.current == mode.talk.steps[-1]
    press(qtbot, window, Qt.Key.Key_Home)
    press(qtbot, window, Qt.Key.Key_Left)
    assert where(agenda) == (0, True, 0)
    press(qtbot, window, Qt.Key.Key_Left)
    assert where(agenda)[:2] == (-1, True)
    press(qtbot, window, Qt.Key.Key_Left)  # nothing before the session's title slide
    assert where(agenda)[:2] == (-1, True)


def test_the_last_step_of_the_last_case_is_the_end(qtbot, window):
    _mode, agenda = present(window)
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_Return, Qt.Key.Key_End)
    assert where(agenda) == (1, False, 22)
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert where(agenda) == (1, False, 22)


def test_g_goes_to_a_step_within_the_case_and_c_or_ctrl_g_to_a_case(qtbot, window):
    mode, agenda = present(window)
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_Return)
    assert where(agenda) == (1, True, 0)
    press(qtbot, window, Qt.Key.Key_G, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return)
    assert where(agenda) == (1, False, 11)
    assert window.selection.current == mode.talk.steps[11]
    press(qtbot, window, Qt.Key.Key_G, modifier=Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert where(agenda) == (0, True, 0)
    # From a title slide, G and a number go straight to that step of the case, even the one selected already.
    press(qtbot, window, Qt.Key.Key_G, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert where(agenda) == (0, False, 0)
    assert not window.slide.isVisible()
    # Any other key cancels going to a case; the talk stays.
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_Escape)
    assert where(agenda) == (0, False, 0)
    assert agenda.going_to_case is None
    assert window.isFullScreen()


def test_on_the_session_slide_no_step_of_the_case_behind_it_is_gone_to(qtbot, window):
    mode, agenda = present(window)
    stage = window.document.stage
    press(qtbot, window, Qt.Key.Key_End)
    press(qtbot, window, Qt.Key.Key_G, Qt.Key.Key_2, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert where(agenda) == (-1, True, 0)
    assert mode.talk.going_to is None
    assert window.document.stage == stage
    assert window.slide.isVisible()


def test_escape_leaves_the_talk_and_the_slide(qtbot, window):
    _mode, _agenda = present(window)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.slide.isVisible()
    assert not window.isFullScreen()
    assert window.menuBar().isVisible()


def test_a_black_screen_covers_a_title_slide(qtbot, window):
    _mode, _agenda = present(window)
    press(qtbot, window, Qt.Key.Key_B)
    assert window.overlay.cover == "black"
    assert window.grab().toImage().pixelColor(window.width() // 2, window.height() // 3).name() == "#000000"
    press(qtbot, window, Qt.Key.Key_X)
    assert window.overlay.cover == ""


def test_a_missing_case_says_so_and_the_talk_goes_past_it(qtbot, window):
    mode, agenda = present(window, AGENDAS / "missing-case.agenda.yaml")
    missing = f"line 7: {AGENDAS / 'nowhere.case.yaml'}:1:1: cannot read the file: No such file or directory"
    assert f"2. nowhere.case.yaml — cannot be shown: {missing}" in slide_text(window)
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_PageDown)
    assert where(agenda)[:2] == (1, True)
    assert slide_text(window) == f"Case 2 of 3\nnowhere.case.yaml\nCannot be shown: {missing}"
    title = window.slide.title_label
    QApplication.processEvents()
    # A name too long for a line at the title's size is set smaller, not cut off.
    assert title.fontMetrics().horizontalAdvance("nowhere.case.yaml") <= title.width()
    console = PresenterConsole(mode.talk, window.selection, agenda)
    qtbot.addWidget(console)
    assert f"cannot be shown: {missing}" in console.agenda_view.cases_label.text()
    # The talk steps past it, and back over it.
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert where(agenda) == (2, True, 0)
    assert slide_text(window).startswith("Case 3 of 3\n")
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert where(agenda)[:2] == (1, True)
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert where(agenda)[:2] == (0, False)


def test_an_invalid_unknown_case_tells_the_room_no_file_name_and_the_console_everything(qtbot, window):
    mode, agenda = present(window, AGENDAS / "invalid-case.agenda.yaml")
    # The first case cannot be shown: the second stands behind the title slides.
    assert window.document.path == AGENDAS / "../good/minimal.case.yaml"
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert where(agenda)[:2] == (0, True)
    text = slide_text(window)
    assert text == "Case 1 of 2\nCase 1\nCannot be shown: line 5: the case record has 1 problem"
    console = PresenterConsole(mode.talk, window.selection, agenda)
    qtbot.addWidget(console)
    cases = console.agenda_view.cases_label.text()
    assert "cannot be shown: line 5: " in cases
    assert "bad-enum-status.yaml:28:13: serologies[0].status: 'negativ' is not one of the allowed values" in cases
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert where(agenda) == (1, True, 0)


def test_an_agenda_that_cannot_be_read_is_not_presented(qtbot, window):
    assert window.present_agenda(AGENDAS / "zero-minutes.agenda.yaml") is None
    assert not window.isFullScreen()
    for box in QApplication.topLevelWidgets():
        if box.windowTitle() == "Case record not opened":
            box.close()


def test_the_console_times_each_case_against_its_plan(qtbot, window):
    clock = FakeClock()
    mode, agenda = present(window, clock=clock)
    console = PresenterConsole(mode.talk, window.selection, agenda)
    qtbot.addWidget(console)
    panel = console.agenda_view

    def tick():
        console._on_tick()
        return panel.pace_label.text(), panel.session_label.text()

    clock.advance(1)  # on the session's title slide: no case's time
    assert tick() == ("This case: the session's title slide", "Session: 1:00 of 35 min")
    press(qtbot, window, Qt.Key.Key_PageDown)
    clock.advance(11.5)
    assert tick() == ("This case: 11:30 of 15 min", "Session: 12:30 of 35 min")
    assert panel.pace_label.styleSheet() == ""
    clock.advance(0.5)  # 12 of 15 minutes: 80%
    assert tick() == ("This case: 12:00 of 15 min: nearly out of time, 3 min left", "Session: 13:00 of 35 min")
    warning = panel.pace_label.styleSheet()
    assert "background" in warning
    clock.advance(4.25)
    assert tick()[0] == "This case: 16:15 of 15 min: over by 1 min"
    over = panel.pace_label.styleSheet()
    assert "background" in over
    assert over != warning
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_Return)
    clock.advance(2)
    assert tick() == ("This case: 2:00 of 20 min", "Session: 19:15 of 35 min")
    cases = panel.cases_label.text().splitlines()
    assert cases[0] == "Myositis and interstitial lung disease (2026-01-15)"
    assert cases[1].startswith("  1. Mechanic's hands")
    assert cases[1].endswith(" — 16:15 of 15 min, unknown case")
    assert cases[2] == f"▶ 2. {MDA5_TITLE} — 2:00 of 20 min"
    clock.advance(18)
    assert tick()[1] == "Session: 37:15 of 35 min: over by 2 min"


@pytest.mark.xvfb
def test_presenting_an_agenda_under_a_real_x_server(xvfb_display):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    result = subprocess.run(
        [sys.executable, str(Path(__file__).parents[1] / "agenda_probe.py")],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    first = [[0, False, step, False, True] for step in range(21)]
    second = [[1, False, step, False, False] for step in range(23)]
    # The session's slide, the first case's title slide and steps, the second's, then the end stays.
    expected = [[-1, True, 0, True, True], [0, True, 0, True, True], *first, [1, True, 0, True, False], *second]
    forward = report["forward"]
    assert forward[: len(expected)] == expected
    assert forward[len(expected) :] == [expected[-1]] * (len(forward) - len(expected))
    back = report["back"]
    # Back over the same ground: each case's title slide between its first step and the case before.
    assert back[:23] == [*reversed(second[:-1]), [1, True, 0, True, False]]
    assert back[23:44] == [*reversed(first)]
    assert back[44:] == [[0, True, 0, True, True]] + [[-1, True, 0, True, True]] * (len(back) - 45)
    assert report["console"]
    assert "2. The Utility of Intravenous Immunoglobulin" in report["console_cases"]
    assert report["after_escape"] == {"full_screen": False, "slide": False}


def test_the_console_says_where_the_talk_is_in_the_agenda(qtbot, window):
    mode, agenda = present(window)
    console = PresenterConsole(mode.talk, window.selection, agenda)
    qtbot.addWidget(console)
    assert console.clock_label.isHidden()  # the agenda's session time takes its place
    assert console.step_label.text() == "The session's title slide"
    assert console.next_label.text() == "Next: case 1"
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert console.step_label.text() == "Case 1 of 2, title slide, then 21 steps"
    assert console.current_label.text() == f"Now: the title slide: {PL7_UNKNOWN}"
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.Key.Key_End)
    assert console.step_label.text() == "Case 1 of 2, step 21 of 21"
    assert console.next_label.text() == "Next: case 2"
    press(qtbot, window, Qt.Key.Key_C)
    press(qtbot, window, Qt.Key.Key_2)
    assert console.agenda_view.cases_label.text().endswith("\nGo to case: 2_")
    press(qtbot, window, Qt.Key.Key_Return, Qt.Key.Key_End)
    assert console.next_label.text() == "Next: end of the session"


def test_no_view_sees_an_unknown_case_unwithheld_on_the_way_to_or_from_it(qtbot, window):
    _mode, agenda = present(window)
    seen: list[str] = []

    def note() -> None:
        disclosure = window.document.disclosure
        seen.extend([disclosure.title, *window.document.labels.values()])

    window.document.disclosure_changed.connect(note)
    window.document.case_changed.connect(note)
    # Into the unknown case, on from it to a case that is not one, and back.
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.Key.Key_PageDown)
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_2, Qt.Key.Key_Return, Qt.Key.Key_PageDown)
    assert not window.document.unknown
    press(qtbot, window, Qt.Key.Key_C, Qt.Key.Key_1, Qt.Key.Key_Return)
    assert where(agenda) == (0, True, 0)
    assert window.document.unknown
    assert MDA5_TITLE in seen
    shown = "\n".join(seen).lower()
    assert [word for word in PL7_ANSWERS if word in shown] == []


def test_screenshots_are_of_a_case_not_an_agenda(tmp_path):
    from run_cli import run_cli

    result = run_cli(str(AGENDA), "--screenshot", str(tmp_path / "shots"))
    assert result.returncode == 2
    assert result.stderr == f"case-viewer: --screenshot shows a case record, and {AGENDA} is an agenda\n"
    assert list(tmp_path.iterdir()) == []


def test_file_present_agenda_asks_for_an_agenda_and_presents_it(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def choose(_parent, caption, _folder, filters):
        asked.append(f"{caption}: {filters}")
        return str(AGENDA), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    file_menu = window.menuBar().actions()[0].menu()
    (action,) = [action for action in file_menu.actions() if action.text() == "Present &Agenda…"]
    action.trigger()
    assert asked == ["Present Agenda: Agendas (*.agenda.yaml);;YAML files (*.yaml *.yml);;All files (*)"]
    assert window.isFullScreen()
    assert slide_text(window).startswith("2026-01-15\nMyositis and interstitial lung disease\n")
    press(qtbot, window, Qt.Key.Key_Escape)


def _texts(root) -> list[str]:
    """Every string a widget under `root` shows or names (the tabs' models are read in full)."""
    from PySide6.QtWidgets import QAbstractItemView, QWidget

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.index(row, column).data() or "")
                for row in range(model.rowCount())
                for column in range(model.columnCount())
            ]
    return texts


def test_the_unknown_case_leaks_nothing_to_the_audience_window_from_the_session_slide_on(qtbot, window):
    from viewer.record.model import DiscussionPoint, timed_items

    _mode, agenda = present(window)
    record = agenda.outcomes[0].record
    secrets = [record.title.lower(), *PL7_ANSWERS]
    secrets += [
        (item.text if isinstance(item, DiscussionPoint) else item.label).lower()
        for item in [*(item for _, item in timed_items(record)), *record.discussion]
        if item.reveal is not None
    ]
    shown: list[str] = []
    # The session's slide, the case's title slide, and its first steps, before any reveal.
    for _ in range(4):
        QApplication.processEvents()
        shown += _texts(window)
        press(qtbot, window, Qt.Key.Key_PageDown)
    everything = "\n".join(shown).lower()
    assert "result withheld" in everything
    assert [secret for secret in secrets if secret in everything] == []
