"""The log of unexpected errors: the user's own regular file, private, bounded, never a quote."""

from __future__ import annotations

import os
import stat
import sys
import threading

from viewer.ui.errors import LOG_LIMIT, log_path, report, write_log

QUOTE = "Anti-MDA5 positive amyopathic dermatomyositis"


def _write_in_thread() -> tuple[threading.Thread, list[object]]:
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(write_log("an entry")), daemon=True)
    thread.start()
    thread.join(5)
    return thread, result


def test_a_new_log_is_private_to_the_user(qapp):
    path = write_log("first")
    assert path == log_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    write_log("second")
    text = path.read_text(encoding="utf-8")
    assert text.index("first") < text.index("second")


def test_a_fifo_in_place_of_the_log_is_refused_without_waiting_for_a_reader(qapp):
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    thread, result = _write_in_thread()
    assert not thread.is_alive()
    assert result == [None]
    assert stat.S_ISFIFO(path.stat().st_mode)


def test_a_link_in_place_of_the_log_is_not_followed(qapp, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched", encoding="utf-8")
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    assert write_log("an entry") is None
    assert target.read_text(encoding="utf-8") == "untouched"


def test_a_folder_in_place_of_the_log_is_refused(qapp):
    log_path().mkdir(parents=True)
    assert write_log("an entry") is None


def test_a_full_log_starts_again(qapp):
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * LOG_LIMIT)
    assert write_log("the newest entry") == path
    text = path.read_text(encoding="utf-8")
    assert len(text) < 200
    assert "the newest entry" in text


def test_the_report_names_the_kind_and_the_place_never_the_message(qapp):
    def failing() -> None:
        raise KeyError(QUOTE)

    try:
        failing()
    except KeyError:
        kind, _error, trace = sys.exc_info()
    assert kind is not None
    text = report(kind, trace)
    assert "KeyError" in text
    assert "in failing" in text
    assert "test_error_log.py" in text
    assert QUOTE not in text


def test_an_older_log_others_could_read_is_made_private_and_begun_again(qapp):
    path = log_path()
    path.parent.mkdir(parents=True)
    path.parent.chmod(0o755)
    path.write_text(f"--- then\nKeyError: {QUOTE}\n", encoding="utf-8")
    path.chmod(0o644)
    assert write_log("the newest entry") == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert QUOTE not in text
    assert "the newest entry" in text


def test_a_log_owned_by_someone_else_is_not_written(qapp):
    if os.getuid() != 0:
        import pytest

        pytest.skip("giving a file to another user needs root")
    path = log_path()
    path.parent.mkdir(parents=True)
    path.write_text("theirs\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    assert write_log("an entry") is None
    assert path.read_text(encoding="utf-8") == "theirs\n"
