"""The library view: every record listed (invalid ones with their problem), search as you type, sort,
Enter to open, Back with the search and scroll kept, Open Recent for folders, the index setting."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from library_folder import CASEDATA, MDA5, PL7, copy_record, mixed_folder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from viewer.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitExposed(window):
        window.show()
    return window


def open_folder(qtbot, window: MainWindow, folder: Path):
    """Open `folder` in the window and wait until its records are listed."""
    if window.library is None:
        library = window.open_folder(folder)
        qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
        return library
    with qtbot.waitSignal(window.library.listed, timeout=20000):
        window.open_folder(folder)
    return window.library


def _titles(library) -> list[str]:
    return [library.model.index(row, 0).data() for row in range(library.model.rowCount())]


def _row(library, row: int) -> list[str]:
    return [library.model.index(row, column).data() for column in range(library.model.columnCount())]


def _status(library, row: int) -> str:
    """The last column's "valid", or the problem that an invalid row spans across the columns after its title."""
    cells = _row(library, row)
    return cells[5] or cells[1]


def test_the_bundled_folder_is_listed_with_every_column(qtbot, window):
    library = open_folder(qtbot, window, CASEDATA)
    assert window.pages.currentWidget() is library
    assert library.model.rowCount() == 2
    assert _titles(library)[0].startswith("Mechanic's hands in a woman")
    first, second = _row(library, 0), _row(library, 1)
    assert first[1:4] == ["44-year-old Caucasian woman", "2015", "Case report"]
    assert second[1:4] == ["71-year-old male", "8-5-2020", "Presentation"]
    assert second[4].startswith("5 history, 6 findings, 7 serologies, 4 treatments, 1 outcomes, ")
    assert first[5] == second[5] == "valid"
    assert library.status.text() == "2 case records"
    assert window.windowTitle() == "casedata — Library — Case Viewer"
    assert library.progress.isHidden()


def test_invalid_records_are_listed_with_their_problem(qtbot, window, tmp_path):
    library = open_folder(qtbot, window, mixed_folder(tmp_path))
    statuses = sorted(_status(library, row) for row in range(library.model.rowCount()))
    invalid = [row for row in range(4) if _row(library, row)[5] == ""]
    assert [library.table.columnSpan(row, 1) for row in invalid] == [5, 5]
    assert [library.table.columnSpan(row, 1) for row in range(4) if row not in invalid] == [1, 1]
    assert len(statuses) == 4
    assert statuses[0] == "invalid: line 1: cannot read the file: not a regular file but a named pipe (FIFO)"
    assert statuses[1].startswith("invalid: line 5: format:")
    assert statuses[2:] == ["valid", "valid"]
    assert library.status.text() == "4 case records; 2 invalid"


def test_search_as_you_type_ignores_case_and_accents(qtbot, window, tmp_path):
    copy_record(MDA5, tmp_path / "one.case.yaml")
    copy_record(PL7, tmp_path / "two.case.yaml")
    text = MDA5.read_text(encoding="utf-8")
    text = text.replace("title: >-\n  The Utility", "title: >-\n  Sjögren and the Utility", 1)
    (tmp_path / "three.case.yaml").write_text(text, encoding="utf-8")
    library = open_folder(qtbot, window, tmp_path)
    assert library.model.rowCount() == 3
    qtbot.keyClicks(library.search, "SJOG")
    assert len(_titles(library)) == 1
    assert _titles(library)[0].startswith("Sjögren and the Utility")
    library.search.clear()
    library.search.insert("mécha")  # typed: QTest types no letter outside Latin-1 reliably
    assert len(_titles(library)) == 1
    assert _titles(library)[0].startswith("Mechanic's hands")
    assert library.status.text() == "3 case records; 1 found"
    library.search.clear()
    assert library.model.rowCount() == 3


def test_sort_by_title_or_date(qtbot, window):
    library = open_folder(qtbot, window, CASEDATA)
    assert [row[2] for row in (_row(library, 0), _row(library, 1))] == ["2015", "8-5-2020"]
    library.sort.setCurrentIndex(library.sort.findData("date"))
    assert [_row(library, r)[2] for r in range(2)] == ["2015", "8-5-2020"]
    library.sort.setCurrentIndex(library.sort.findData("title"))
    assert _titles(library)[0].startswith("Mechanic's hands")


def test_sort_by_date_puts_the_earlier_year_first(qtbot, window, tmp_path):
    text = PL7.read_text(encoding="utf-8")
    old = '\n  date: "2015"\n'
    assert old in text
    (tmp_path / "a.case.yaml").write_text(text.replace(old, '\n  date: "2019"\n'), encoding="utf-8")
    (tmp_path / "b.case.yaml").write_text(text.replace(old, '\n  date: "2003"\n'), encoding="utf-8")
    (tmp_path / "c.case.yaml").write_text(text.replace(old, "\n"), encoding="utf-8")
    library = open_folder(qtbot, window, tmp_path)
    library.sort.setCurrentIndex(library.sort.findData("date"))
    assert [_row(library, r)[2] for r in range(3)] == ["2003", "2019", ""]


def test_enter_opens_a_case_and_back_keeps_search_and_scroll(qtbot, window, tmp_path):
    for number in range(80):
        copy_record(MDA5 if number % 2 else PL7, tmp_path / f"case-{number:02d}.case.yaml")
    library = open_folder(qtbot, window, tmp_path)
    qtbot.keyClicks(library.search, "hands")
    assert library.model.rowCount() == 40
    bar = library.table.verticalScrollBar()
    assert bar.maximum() > 0
    library.table.setFocus()
    library.table.setCurrentIndex(library.model.index(20, 0))
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    assert scrolled > 0
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.case_page
    assert window.document.path.name.startswith("case-")
    assert window.header.title_label.text().startswith("Mechanic's hands")
    assert window.back_button.isVisible()
    assert window.back_button.accessibleName() == "Back to the library"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is library
    assert library.search.text() == "hands"
    assert library.model.rowCount() == 40
    assert bar.value() == scrolled
    assert not window.back_button.isVisible()


def test_double_click_opens_and_the_back_button_returns(qtbot, window):
    library = open_folder(qtbot, window, CASEDATA)
    rect = library.table.visualRect(library.model.index(1, 0))
    # A double click is a press, a release, then the double-click event: the view opens what was pressed.
    qtbot.mouseClick(library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.case_page
    assert window.windowTitle().startswith("The Utility of Intravenous Immunoglobulin")
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is library


def test_an_invalid_record_opened_says_why_and_the_library_stays(qtbot, window, tmp_path):
    library = open_folder(qtbot, window, mixed_folder(tmp_path))
    row = next(r for r in range(library.model.rowCount()) if "format" in _status(library, r))
    library.table.setCurrentIndex(library.model.index(row, 0))
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _box(window) is not None)
    box = _box(window)
    assert "broken.case.yaml has 1 problem" in box.text()
    box.close()
    assert window.pages.currentWidget() is library


def _box(window):
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    return boxes[0] if boxes else None


def _recording_scans(monkeypatch) -> list[tuple[int, int]]:
    """Every progress signal of the scans started from now on, connected before each scan starts."""
    from viewer.ui.library import view

    seen: list[tuple[int, int]] = []

    class Recorded(view.FolderScan):
        def start(self) -> None:
            self.progress.connect(lambda done, total: seen.append((done, total)))
            super().start()

    monkeypatch.setattr(view, "FolderScan", Recorded)
    return seen


def test_the_first_scan_shows_progress_and_the_accessible_names(qtbot, window, tmp_path, monkeypatch):
    for number in range(30):
        copy_record(MDA5, tmp_path / f"{number}.case.yaml")
    seen = _recording_scans(monkeypatch)
    library = window.open_folder(tmp_path)
    assert library.scanning
    shown: list[bool] = []
    library.progress.valueChanged.connect(lambda _value: shown.append(library.progress.isVisible()))
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    assert seen[-1] == (30, 30)
    assert shown
    assert all(shown)
    assert library.progress.isHidden()
    assert library.model.rowCount() == 30
    names = {library.search.accessibleName(), library.sort.accessibleName(), library.table.accessibleName()}
    assert names == {"Search the library", "Sort the library by", "Case records in the library"}
    assert library.progress.accessibleName() == "Reading the library"


def test_a_folder_the_index_knows_is_listed_without_reading_or_progress(qtbot, window, tmp_path, monkeypatch):
    for number in range(30):
        copy_record(MDA5, tmp_path / f"{number}.case.yaml")
    open_folder(qtbot, window, tmp_path)
    seen = _recording_scans(monkeypatch)
    library = window.open_folder(tmp_path)
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    assert seen == []
    assert library.model.rowCount() == 30


def test_open_recent_holds_folders(qtbot, window, tmp_path):
    shutil.copytree(CASEDATA, tmp_path / "teaching file")
    open_folder(qtbot, window, tmp_path / "teaching file")
    assert window.document.open(MDA5)
    menu = window.menus.recent_menu
    menu.aboutToShow.emit()
    texts = [action.text() for action in menu.actions()]
    assert texts[0].endswith("anti-mda5-ivig.case.yaml")
    assert texts[1] == f"&2 {tmp_path / 'teaching file'} (folder)"
    window.show_case()
    with qtbot.waitSignal(window.library.listed, timeout=20000):
        menu.actions()[1].trigger()
    assert window.pages.currentWidget() is window.library


def test_open_folder_is_in_the_file_menu_with_its_key(qtbot, window):
    window.open_folder(CASEDATA)
    qtbot.waitUntil(lambda: not window.library.scanning, timeout=20000)
    texts = {action.text(): action.shortcut().toString() for action in window.menus.file_menu.actions()}
    assert texts["Open &Folder…"] == "Ctrl+Shift+O"
    assert "Clear &Library Index" in texts
    views = {action.text(): action.shortcut().toString() for action in window.menus.view_menu.actions()}
    assert views["&Back to Library"] == "Alt+Left"


def test_clear_library_index_deletes_the_file_and_loses_nothing(qtbot, window, isolated_settings):
    library = open_folder(qtbot, window, CASEDATA)
    index_files = list((isolated_settings / "cache").rglob("library-index.sqlite3"))
    assert len(index_files) == 1
    assert oct(index_files[0].stat().st_mode & 0o777) == "0o600"
    assert window.clear_library_index() == ""
    assert not index_files[0].exists()
    with qtbot.waitSignal(library.listed, timeout=20000):
        window.open_folder(CASEDATA)
    assert library.model.rowCount() == 2
    qtbot.keyClicks(library.search, "ivig")
    assert library.model.rowCount() == 1
    assert index_files[0].exists()


def test_an_index_that_cannot_be_deleted_leaves_the_library_searchable(qtbot, window, isolated_settings):
    library = open_folder(qtbot, window, CASEDATA)
    index_file = next((isolated_settings / "cache").rglob("library-index.sqlite3"))
    # A folder where the journal would be: unlinking it fails, as an index it cannot delete does.
    (index_file.parent / "library-index.sqlite3-journal").mkdir()
    with qtbot.waitSignal(library.listed, timeout=20000):
        problem = window.clear_library_index()
    assert problem.startswith("The library index could not be deleted:")
    qtbot.keyClicks(library.search, "ivig")
    assert library.model.rowCount() == 1


def test_a_scan_left_for_another_folder_goes(qtbot, window, tmp_path):
    from PySide6.QtCore import QCoreApplication, QEvent

    from viewer.ui.library.scanner import FolderScan

    copy_record(MDA5, tmp_path / "one.case.yaml")
    library = window.open_folder(CASEDATA)
    with qtbot.waitSignal(library.listed, timeout=20000):
        window.open_folder(tmp_path)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert library.findChildren(FolderScan) == []
    assert library.model.rowCount() == 1


def test_a_corrupt_index_file_still_lists_the_folder(qtbot, window, isolated_settings):
    from PySide6.QtCore import QStandardPaths

    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "library-index.sqlite3").write_bytes(b"not an index at all\n" * 50)
    library = open_folder(qtbot, window, CASEDATA)
    assert library.model.rowCount() == 2
    assert "cannot be used" in library.status.text()
    qtbot.keyClicks(library.search, "mechanic")
    assert library.model.rowCount() == 1


@pytest.mark.parametrize("unknown", [False, True])
def test_screenshot_of_a_folder_writes_the_library_view(tmp_path, isolated_settings, unknown):
    import os

    from PySide6.QtGui import QImage
    from run_cli import run_cli

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    flags = ["--unknown"] if unknown else []
    result = run_cli(str(CASEDATA), "--screenshot", str(tmp_path / "shots"), "--size", "1024x768", *flags, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == ["library.png"]
    image = QImage(str(tmp_path / "shots" / "library.png"))
    assert (image.width(), image.height()) == (1024, 768)


def test_a_scan_that_breaks_down_says_so_and_ends(qtbot, window, monkeypatch):
    from viewer.record.library_index import LibraryIndex

    def broken(self, folder, progress=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(LibraryIndex, "sync", broken)
    library = window.open_folder(CASEDATA)
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    assert library.status.text() == "The folder could not be read: [Errno 28] No space left on device"
    assert library.progress.isHidden()


def test_the_window_answers_while_the_first_scan_runs(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer

    from viewer.record import library_index

    for number in range(6):
        copy_record(MDA5, tmp_path / f"{number}.case.yaml")
    release = threading.Event()
    real = library_index.read_entry

    def held(path):
        release.wait(10)  # the scan waits here until the GUI thread has shown it goes on working
        return real(path)

    monkeypatch.setattr(library_index, "read_entry", held)
    library = window.open_folder(tmp_path)
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)
    assert library.scanning
    qtbot.keyClicks(library.search, "abc")
    assert library.search.text() == "abc"
    assert library.status.text() == "Reading the folder…"
    release.set()
    timer.stop()
    qtbot.waitUntil(lambda: not library.scanning, timeout=20000)
    # What was typed while the folder was read applies once it is listed.
    assert library.model.rowCount() == 0
    library.search.clear()
    assert library.model.rowCount() == 6


def test_clear_library_index_is_there_before_any_folder_is_opened(qtbot, window):
    from PySide6.QtCore import QStandardPaths

    cache = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    cache.mkdir(parents=True, exist_ok=True)
    left = cache / "library-index.sqlite3"
    left.write_bytes(b"an index from an earlier run")
    assert window.library is None
    assert not window.library_actions.back.isEnabled()
    window.library_actions.clear_index.trigger()
    qtbot.waitUntil(lambda: _box(window) is not None)
    box = _box(window)
    assert box.text().startswith("The library index is deleted.")
    box.close()
    assert not left.exists()
    assert window.library is None
