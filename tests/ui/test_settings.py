"""Settings that cannot stop the viewer from starting: crafted values Qt would abort on, named pipes,
oversized files; and the viewer's own settings file passes the same check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from viewer.ui.settings import MAX_SETTINGS_BYTES, Preferences, settings_path, settings_problem
from viewer.ui.window import MainWindow

DATA = Path(__file__).parents[1] / "data" / "settings"
# Each holds a QDataStream list claiming 2,147,483,647 items, written so that Qt rebuilds it:
# plainly, through an escape, split by quotes, across a continued line, in a list, in a section never read.
CRAFTED = sorted(path for path in DATA.iterdir() if path.name != "recent-names.conf")
ROOT = Path(__file__).parents[2]


def _app_env(config: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}


def _settings_file(config: Path) -> Path:
    # Where the viewer started from the command line keeps its settings (organization/application).
    return config / "CaseViewer" / "case-viewer.conf"


def test_the_crafted_file_is_the_48_bytes_that_abort_qt(tmp_path):
    assert len((DATA / "bad-alloc.conf").read_bytes()) == 48


@pytest.mark.parametrize("crafted", CRAFTED, ids=[path.name for path in CRAFTED])
def test_each_crafted_value_aborts_qt_itself(tmp_path, crafted):
    """The files are real attacks: QSettings reading every key dies with std::bad_alloc."""
    reader = (
        "import sys\nfrom PySide6.QtCore import QSettings\n"
        "QSettings(sys.argv[1], QSettings.Format.IniFormat).allKeys()\n"
    )
    result = subprocess.run([sys.executable, "-c", reader, str(crafted)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "bad_alloc" in result.stderr


@pytest.mark.parametrize("crafted", CRAFTED, ids=[path.name for path in CRAFTED])
def test_each_crafted_value_is_refused_before_qt_reads_it(crafted):
    assert "serialized value" in settings_problem(crafted)


def _screenshots(tmp_path, config):
    """Screenshots into tmp_path/shots by a real start with the settings in `config`."""
    return subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(tmp_path / "shots")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=_app_env(config),
    )


def test_the_viewer_starts_with_the_48_byte_file_and_sets_it_aside(tmp_path):
    config = tmp_path / "config"
    settings = _settings_file(config)
    settings.parent.mkdir(parents=True)
    shutil.copy(DATA / "bad-alloc.conf", settings)
    result = _screenshots(tmp_path, config)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(list((tmp_path / "shots").glob("*.png"))) == 6
    broken = settings.with_name("case-viewer.conf.broken")
    assert broken.read_bytes() == (DATA / "bad-alloc.conf").read_bytes()
    assert not settings.exists()
    lines = [line for line in result.stderr.splitlines() if "settings" in line]
    assert len(lines) == 1
    assert str(settings) in lines[0]
    assert "set aside as case-viewer.conf.broken" in lines[0]


def test_a_named_pipe_as_the_settings_file_does_not_hang_start_up(tmp_path):
    config = tmp_path / "config"
    settings = _settings_file(config)
    settings.parent.mkdir(parents=True)
    os.mkfifo(settings)
    result = _screenshots(tmp_path, config)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "is not a regular file" in result.stderr
    assert settings.with_name("case-viewer.conf.broken").is_fifo()
    assert not os.path.lexists(settings)


def test_a_broken_file_is_replaced_by_defaults_and_the_window_says_so(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "list-item.conf", path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.look.theme_name == "light"
    assert "set aside" in window.statusBar().currentMessage()
    assert path.with_name(path.name + ".broken").exists()
    window.look.set_theme("dark")
    window.preferences._settings.sync()
    assert Preferences().theme() == "dark"
    assert settings_problem(path) == ""


def test_an_oversized_file_and_a_folder_are_set_aside(qtbot):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[view]\ntheme=dark\n" + b";" * MAX_SETTINGS_BYTES)
    assert "larger than" in Preferences().notice
    broken = path.with_name(path.name + ".broken")
    assert broken.stat().st_size > MAX_SETTINGS_BYTES
    broken.unlink()
    path.mkdir()
    assert "not a regular file" in Preferences().notice
    assert broken.is_dir()


def test_what_the_viewer_writes_passes_the_check(qtbot, tmp_path):
    odd = tmp_path / 'R&D, "notes"; draft=2 \\x40 @ (x)\t.yaml'
    preferences = Preferences()
    preferences.set_theme("projector")
    preferences.set_text_percent(130)
    preferences.add_recent_file(str(odd))
    preferences.add_recent_file("@leading at sign.yaml")
    preferences.set_geometry(QByteArray(bytes(range(256))), QByteArray(b'\x00\\x40"@@,;='))
    preferences._settings.sync()
    assert settings_problem(settings_path()) == ""
    again = Preferences()
    assert again.notice == ""
    assert again.theme() == "projector"
    assert again.text_percent() == 130
    assert str(odd.resolve()) in again.recent_files()


def test_values_of_the_wrong_type_or_size_fall_back(qtbot):
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    settings.setValue("view/text_percent", "1" * 10_000)
    settings.setValue("files/recent", ["/x" * 5000, "/cases/a.yaml"])
    settings.setValue("window/geometry", QByteArray(b"\x00" * 100_000))
    settings.setValue("window/state", QByteArray(b"\x00"))
    settings.sync()
    preferences = Preferences()
    assert preferences.text_percent() == 100
    assert preferences.recent_files() == ["/cases/a.yaml"]
    assert preferences.geometry() is None


def test_screenshots_ignore_the_saved_theme_text_size_and_panes(tmp_path):
    from PySide6.QtGui import QImage

    saved = tmp_path / "saved"
    settings = _settings_file(saved)
    settings.parent.mkdir(parents=True)
    settings.write_text("[view]\ntheme=dark\ntext_percent=200\n", encoding="ascii")
    written = settings.read_bytes()
    result = _screenshots(saved, saved)
    assert result.returncode == 0, result.stderr[-2000:]
    fresh = tmp_path / "fresh"
    result = _screenshots(fresh, fresh)
    assert result.returncode == 0, result.stderr[-2000:]
    names = sorted(path.name for path in (fresh / "shots").glob("*.png"))
    assert len(names) == 6
    for name in names:
        assert QImage(str(saved / "shots" / name)) == QImage(str(fresh / "shots" / name)), name
    assert settings.read_bytes() == written
    assert not _settings_file(fresh).exists()
