"""Figures kept once decoded: reselecting an item, opening the large view again and a talk coming back
to a step decode nothing; a file written again is decoded again, the cache stays within its bytes,
and reading the record again empties it.

Every image is a test pattern the test writes (tests/figure_files.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from figure_files import png_bytes, record_with_figure
from PySide6.QtGui import QImage

from viewer.ui import figure_loader
from viewer.ui.conference.console import PresenterConsole
from viewer.ui.conference.stage_figure import CONSOLE_THUMBNAIL, STAGE_PIXELS
from viewer.ui.figure_strip import THUMBNAIL, UNAVAILABLE
from viewer.ui.image_cache import DECODED, ImageCache, file_identity
from viewer.ui.window import MainWindow

SECOND = "      - file: second.png\n        caption: Second pattern\n"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    (tmp_path / "pattern.png").write_bytes(png_bytes(240, 160))
    (tmp_path / "second.png").write_bytes(png_bytes(50, 100))
    return record_with_figure(tmp_path, "pattern.png", extra=SECOND)


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """The name of each figure file decoded for the window, in order (none kept from another test)."""
    DECODED.clear()
    names: list[str] = []
    decode = figure_loader.decode

    def counting(figure, longest=0):  # type: ignore[no-untyped-def]
        names.append(figure.path.name)
        return decode(figure, longest)

    monkeypatch.setattr(figure_loader, "decode", counting)
    return names


@pytest.fixture
def window(qtbot, case: Path):  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(case)
    return window


def _select_and_wait(qtbot, window: MainWindow, item_id: str) -> None:  # type: ignore[no-untyped-def]
    window.selection.select(item_id)
    buttons = window.figures.buttons
    qtbot.waitUntil(lambda: all(not b.icon().isNull() or b.text() == UNAVAILABLE for b in buttons))


def _reselect(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.selection.select("rash")
    _select_and_wait(qtbot, window, "presentation")


def test_reselecting_an_item_decodes_nothing_again(qtbot, window: MainWindow, decoded: list[str]) -> None:
    _select_and_wait(qtbot, window, "presentation")
    assert sorted(decoded) == ["pattern.png", "second.png"]
    first = window.figures.buttons[0].icon().pixmap(THUMBNAIL, THUMBNAIL).toImage()
    window.selection.select("rash")
    window.selection.select("presentation")
    # Shown at once, from what was kept: no decode, and the same pixels.
    buttons = window.figures.buttons
    assert all(not button.icon().isNull() for button in buttons)
    assert buttons[0].icon().pixmap(THUMBNAIL, THUMBNAIL).toImage() == first
    assert sorted(decoded) == ["pattern.png", "second.png"]


def test_a_file_written_again_is_decoded_again(qtbot, window: MainWindow, decoded: list[str], case: Path) -> None:
    _select_and_wait(qtbot, window, "presentation")
    decoded.clear()
    # Another size.
    (case.parent / "pattern.png").write_bytes(png_bytes(80, 160))
    _reselect(qtbot, window)
    assert decoded == ["pattern.png"]
    # The same size, another modification time.
    decoded.clear()
    second = case.parent / "second.png"
    second.write_bytes(png_bytes(100, 50))
    found = os.stat(second)
    os.utime(second, ns=(found.st_atime_ns, found.st_mtime_ns + 1_000_000_000))
    _reselect(qtbot, window)
    assert decoded == ["second.png"]
    # What shows is the new file, 100 pixels wide (not scaled up), where the old one was 50.
    icon = window.figures.buttons[1].icon().pixmap(THUMBNAIL, THUMBNAIL).toImage()
    assert len([x for x in range(icon.width()) if icon.pixelColor(x, THUMBNAIL // 2).alpha() == 255]) == 100


def test_reading_the_record_again_empties_the_cache(qtbot, window: MainWindow, decoded: list[str]) -> None:
    _select_and_wait(qtbot, window, "presentation")
    assert len(DECODED) == 2
    decoded.clear()
    assert window.document.reload()
    # The item stays selected; its figures are decoded again, from the files as they are now.
    assert window.selection.current == "presentation"
    _select_and_wait(qtbot, window, "presentation")
    assert sorted(decoded) == ["pattern.png", "second.png"]
    assert len(DECODED) == 2


def _open_large(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    found = window.document.find("presentation")
    assert found is not None
    view = window.figures.open_figure("presentation", 0, found[1].figures[0])
    qtbot.waitUntil(lambda: not view.canvas.image.isNull())
    return view


def test_the_large_view_opened_again_decodes_nothing(qtbot, window: MainWindow, decoded: list[str], case: Path) -> None:
    view = _open_large(qtbot, window)
    assert decoded == ["pattern.png"]
    assert view.canvas.image.size().toTuple() == (240, 160)
    view.close()
    view = _open_large(qtbot, window)
    assert decoded == ["pattern.png"]
    assert view.canvas.image.size().toTuple() == (240, 160)
    view.close()
    # Written again: decoded again, and the view shows the new file.
    (case.parent / "pattern.png").write_bytes(png_bytes(120, 90))
    view = _open_large(qtbot, window)
    assert decoded == ["pattern.png", "pattern.png"]
    assert view.canvas.image.size().toTuple() == (120, 90)
    view.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_talk_back_at_a_step_decodes_its_figures_nothing_again(
    qtbot, window: MainWindow, monkeypatch, case: Path
) -> None:  # type: ignore[no-untyped-def]
    DECODED.clear()
    sizes: list[tuple[str, int]] = []
    decode = figure_loader.decode

    def counting(figure, longest=0):  # type: ignore[no-untyped-def]
        sizes.append((figure.path.name, longest))
        return decode(figure, longest)

    monkeypatch.setattr(figure_loader, "decode", counting)
    mode = window.start_conference()
    assert mode is not None
    console = mode.console or PresenterConsole(mode.talk, window.selection)
    qtbot.addWidget(console)
    stage = window.stage_figure
    assert stage is not None
    now = console.figures.images[0]

    def both_shown() -> bool:
        return not stage.canvas.image.isNull() and now.pixmap() is not None and not now.pixmap().isNull()

    assert mode.talk.current == "presentation"
    qtbot.waitUntil(both_shown)
    assert sorted(sizes) == [("pattern.png", CONSOLE_THUMBNAIL), ("pattern.png", STAGE_PIXELS)]
    mode.talk.go_to(1)
    mode.talk.go_to(0)
    # Back at the step: shown at once, from what was kept.
    assert both_shown()
    assert stage.canvas.message == ""
    assert sorted(sizes) == [("pattern.png", CONSOLE_THUMBNAIL), ("pattern.png", STAGE_PIXELS)]
    # Written again meanwhile: decoded again for each.
    (case.parent / "pattern.png").write_bytes(png_bytes(120, 90))
    mode.talk.go_to(1)
    mode.talk.go_to(0)
    qtbot.waitUntil(lambda: len(sizes) == 4 and both_shown())
    assert stage.canvas.image.size().toTuple() == (120, 90)
    console.close()
    mode.stop()


def test_the_cache_keeps_within_its_bytes_the_most_recently_shown(tmp_path: Path) -> None:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    assert image.sizeInBytes() == 400
    cache = ImageCache(limit=1000)
    first, second, third = (("a.png", 1, 1), ("b.png", 1, 1), ("c.png", 1, 1))
    cache.put(first, 10, image)
    cache.put(second, 10, image)
    assert cache.get(first, 10) is not None  # now more recent than the second
    cache.put(third, 10, image)
    assert (cache.get(first, 10) is not None, cache.get(second, 10), cache.get(third, 10) is not None) == (
        True,
        None,
        True,
    )
    assert cache.size == 800
    # Another thumbnail size is another entry; one larger than the whole cache is not kept.
    assert cache.get(first, 20) is None
    cache.put(first, 20, QImage(30, 30, QImage.Format.Format_ARGB32))
    assert cache.get(first, 20) is None
    assert cache.size == 800


def test_a_figure_without_a_file_has_no_identity(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(png_bytes())
    here = file_identity(tmp_path, "here.png")
    assert here is not None
    assert here[:2] == (str(tmp_path / "here.png"), len(png_bytes()))
    assert file_identity(tmp_path, "gone.png") is None
    assert file_identity(tmp_path, "../outside.png") is None
    assert file_identity(None, "here.png") is None


def test_a_decode_begun_before_the_cache_was_emptied_is_not_kept(qtbot, case: Path, decoded: list[str]) -> None:
    loader = figure_loader.FigureLoader()
    answers: list[str] = []
    loader.loaded.connect(lambda key, _image, _problem: answers.append(key))
    key = loader.request(case.parent, "pattern.png", 64)
    # Emptied while the first decode runs: as reading the record again empties it.
    DECODED.clear()
    identity = file_identity(case.parent, "pattern.png")
    assert identity is not None
    qtbot.waitUntil(lambda: answers == [key], timeout=5000)
    assert DECODED.get(identity, 64) is None
    # Asked for again now, it is decoded again, and kept.
    again = loader.request(case.parent, "pattern.png", 64)
    qtbot.waitUntil(lambda: answers == [key, again], timeout=5000)
    assert decoded == ["pattern.png", "pattern.png"]
    assert DECODED.get(identity, 64) is not None
