"""The document: the open case as every view shows it, unknown-case mode as one state, and views that
follow the one Selection without the window."""

from __future__ import annotations

from viewer.paths import bundled_case
from viewer.ui.detail import PLACEHOLDER, DetailPanel
from viewer.ui.document import Document
from viewer.ui.selection import Selection
from viewer.ui.settings import Preferences
from viewer.ui.source_view import SourceView


def test_a_loaded_case_is_shown_once_and_disclosed(qtbot):
    document = Document(Preferences(persist=False))
    with qtbot.waitSignals([document.case_changed, document.disclosure_changed], order="strict"):
        assert document.open(bundled_case())
    assert document.shown is not None
    assert document.record is document.shown.record
    assert document.disclosure is not None
    assert document.disclosure.complete
    assert document.labels["anti-jo-1"] == "Anti-Jo-1"
    assert document.find("anti-jo-1") == ("serologies", document.shown.items["anti-jo-1"][1])
    assert document.find("") is None


def test_unknown_mode_is_a_state_with_a_signal(qtbot):
    document = Document(Preferences(persist=False))
    # Set before any case is open, it holds for the case that opens.
    with qtbot.waitSignal(document.unknown_changed) as changed:
        document.set_unknown(True)
    assert changed.args == [True]
    assert document.open(bundled_case())
    assert document.labels["anti-jo-1"] == "result withheld"
    with qtbot.assertNotEmitted(document.unknown_changed):
        document.set_unknown(True)
    with qtbot.waitSignal(document.disclosure_changed):
        document.set_stage(document.disclosure.last_stage)
    assert document.disclosure.complete


def test_a_file_that_does_not_open_is_said_and_the_case_stays(qtbot, data_dir):
    document = Document(Preferences(persist=False))
    assert document.open(bundled_case())
    shown = document.shown
    bad = data_dir / "bad" / "bad-enum-status.yaml"
    with qtbot.waitSignal(document.open_failed) as failed:
        assert not document.open(bad)
    name, problems = failed.args
    assert name == str(bad)
    assert any("serologies[" in problem for problem in problems)
    assert document.shown is shown


def test_the_detail_panel_and_the_source_view_follow_the_selection_themselves(qtbot):
    document = Document(Preferences(persist=False))
    selection = Selection()
    detail = DetailPanel(document, selection)
    source = SourceView(document, selection)
    qtbot.addWidget(detail)
    qtbot.addWidget(source)
    assert document.open(bundled_case())
    selection.select("anti-mi-2")
    assert detail.toPlainText().startswith("Anti-Mi-2")
    (marked,) = source.extraSelections()
    assert marked.cursor.selectedText() == "Anti-Mi-2 was not obtained."
    # A withheld item shows what it is and when, and none of its source words.
    document.set_unknown(True)
    selection.select("anti-jo-1")
    assert detail.toPlainText().startswith("result withheld")
    assert source.extraSelections() == []
    selection.select("")
    assert detail.toPlainText() == PLACEHOLDER


def test_a_large_record_is_read_while_the_window_goes_on(qtbot, tmp_path):
    from PySide6.QtCore import QTimer

    from benchmarks.synthetic import synthetic_yaml
    from viewer.ui.document import IN_BACKGROUND_BYTES

    path = tmp_path / "large.case.yaml"
    path.write_text(synthetic_yaml(10_000), encoding="utf-8")
    assert path.stat().st_size >= IN_BACKGROUND_BYTES
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    document = Document(Preferences(persist=False))
    with qtbot.waitSignal(document.case_changed):
        assert document.open(path)
    timer.stop()
    assert len(document.shown.items) > 10_000
    assert ticks, "the timer never ticked while the record was read"

    # A broken large file on reload: the banner tells its problems over the last good case.
    path.write_text(synthetic_yaml(10_000).replace("format: 1", "format: 1\nformat: 1", 1), encoding="utf-8")
    assert not document.reload()
    assert "appears twice" in document.problems
    assert document.record is not None


def test_the_banner_follows_unknown_mode_turned_on_after_the_problem_was_found(tmp_path):
    record = tmp_path / "anti-mda5-ivig.case.yaml"
    record.write_text(bundled_case().read_text(encoding="utf-8"), encoding="utf-8")
    document = Document(Preferences(persist=False))
    assert document.open(record)
    record.write_text(record.read_text(encoding="utf-8").replace("status: negative", "status: negativ", 1))
    assert not document.reload()
    assert "'negativ' is not one of the allowed values" in document.problems
    assert str(record) in document.problems
    document.set_unknown(True)
    # The problems quote the record and the file's name names the diagnosis: both go while withholding.
    assert "negativ" not in document.problems + document.problems_detail
    assert "anti-mda5" not in document.problems + document.problems_detail
    assert "Turn off Unknown Case" in document.problems
    document.set_unknown(False)
    assert "'negativ' is not one of the allowed values" in document.problems


def test_a_reloaded_case_is_announced_with_its_own_disclosure(qtbot, tmp_path):
    record = tmp_path / "case.yaml"
    text = bundled_case().read_text(encoding="utf-8")
    record.write_text(text, encoding="utf-8")
    document = Document(Preferences(persist=False))
    document.set_unknown(True)
    assert document.open(record)
    shown_label = "label: Presented with fatigue, weight loss and progressive dyspnea"
    assert shown_label in text
    record.write_text(text.replace(shown_label, shown_label + " (edited)"), encoding="utf-8")
    seen: list[tuple[str, str]] = []
    document.case_changed.connect(
        lambda _keep: seen.append((document.labels["first-presentation"], document.labels["anti-jo-1"]))
    )
    assert document.reload()
    # What a view reads when the case is announced is the new case's labels, with the answers withheld.
    assert seen == [("Presented with fatigue, weight loss and progressive dyspnea (edited)", "result withheld")]


def test_a_record_not_read_from_a_file_ends_the_watch_on_the_one_before(tmp_path):
    record = tmp_path / "case.yaml"
    record.write_text(bundled_case().read_text(encoding="utf-8"), encoding="utf-8")
    document = Document(Preferences(persist=False))
    assert document.open(record)
    assert document.watcher._watcher.files() == [str(record)]
    assert document.shown is not None
    document.set_record(document.shown.record, None)
    assert document.watcher._watcher.files() == []
    assert document.watcher._watcher.directories() == []
