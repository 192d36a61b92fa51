"""Conference mode: a step's figure large on the room's view, the timeline smaller beside it;
withheld until its stage; the console shows the presenter the current and the next figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_files import png_bytes, record_with_figure
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from viewer.ui.conference.console import PresenterConsole
from viewer.ui.window import MainWindow

SECRETS = ("Secret pattern", "Secret credit", "secret.png")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    (tmp_path / "secret.png").write_bytes(png_bytes(300, 200))
    (tmp_path / "open.png").write_bytes(png_bytes(80, 60))
    record = record_with_figure(tmp_path, "secret.png", caption="Secret pattern", extra="        reveal: 1\n")
    text = record.read_text(encoding="utf-8").replace("credit: Made by the test", "credit: Secret credit")
    # The second step reveals stage 1; the third has a figure shown from the start.
    text = text.replace("    label: Rash\n", "    label: Rash\n    reveal: 1\n")
    text = text.replace(
        "    quotes: [Blood cultures were negative]\n",
        "    quotes: [Blood cultures were negative]\n"
        "    figures:\n      - file: open.png\n        caption: Open pattern\n",
    )
    record.write_text(text, encoding="utf-8")
    return record


@pytest.fixture
def talk(qtbot, case: Path):  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.document.set_unknown(True)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(case)
    mode = window.start_conference()
    assert mode is not None
    yield window, mode
    window.close()


def _shown_texts(window: QWidget) -> str:
    texts = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
    return "\n".join(texts)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_withheld_figure_shows_only_that_until_its_stage(qtbot, talk) -> None:  # type: ignore[no-untyped-def]
    window, mode = talk
    assert mode.talk.current == "presentation"
    stage = window.stage_figure
    assert stage is not None
    assert stage.isVisible()
    assert stage.canvas.message == "figure withheld"
    assert stage.canvas.image.isNull()
    assert stage.canvas.accessibleName() == "figure withheld"
    assert (stage.caption.text(), stage.credit.text()) == ("", "")
    shown = _shown_texts(window) + window.detail.toPlainText()
    assert [secret for secret in SECRETS if secret in shown] == []
    # The timeline stays in view, smaller than the figure.
    assert window.timeline.isVisible()
    assert 0 < window.timeline.height() < stage.height()
    # Stepping on reveals stage 1; back on the first step, the figure shows with its caption and credit.
    mode.talk.go_to(1)
    assert not stage.isVisible()
    mode.talk.go_to(0)
    qtbot.waitUntil(lambda: not stage.canvas.image.isNull())
    assert stage.caption.text() == "Secret pattern"
    assert stage.credit.text() == "Secret credit"
    assert stage.canvas.image.size().toTuple() == (300, 200)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_figure_without_a_reveal_shows_at_once(qtbot, talk) -> None:  # type: ignore[no-untyped-def]
    window, mode = talk
    mode.talk.go_to(mode.talk.steps.index("cultures"))
    stage = window.stage_figure
    assert stage is not None
    qtbot.waitUntil(lambda: not stage.canvas.image.isNull())
    assert stage.caption.text() == "Open pattern"
    mode.stop()
    # Back at the desk: no figure on the room's view, the thumbnails return.
    assert not stage.isVisible()
    assert window.figures.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_console_shows_the_current_and_next_figure(qtbot, talk) -> None:  # type: ignore[no-untyped-def]
    window, mode = talk
    console = mode.console or PresenterConsole(mode.talk, window.selection)
    qtbot.addWidget(console)
    figures = console.figures
    assert figures.captions[0].text() == "Now (withheld from the audience): Secret pattern"
    assert figures.captions[1].text() == ""  # the next step, Rash, has none
    qtbot.waitUntil(lambda: figures.images[0].pixmap() is not None and not figures.images[0].pixmap().isNull())
    mode.talk.go_to(1)
    assert figures.captions[0].text() == ""
    assert figures.captions[1].text() == "Next: Open pattern"
    console.close()
