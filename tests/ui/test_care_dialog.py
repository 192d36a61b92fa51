"""Help › CARE Checklist: the checklist of the open case, in plain text; no ids while a case is unknown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from viewer.paths import data_dir
from viewer.ui.window import MainWindow


def _open_care(window: MainWindow) -> QMessageBox:
    actions = {action.text(): action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()}
    actions["&CARE Checklist"].trigger()
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    return box


def test_care_checklist_dialog(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.document.open(data_dir("casedata") / "anti-pl7-antisynthetase.case.yaml")
    box = _open_care(window)
    assert box.windowTitle() == "CARE Checklist"
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    assert " 9. Therapeutic intervention: partly (treatments, but no regimen or dose) — glucocorticoids" in text
    assert "13. Informed consent: not covered (no consent statement)" in text
    assert "7 of 13 covered, 2 partly, 4 not covered." in text
    box.close()

    window.document.set_unknown(True)
    box = _open_care(window)
    text = box.text()
    assert "13. Informed consent: not covered" in text
    for leak in ("anti-pl7", "Mechanic", "antisynthetase", "—"):
        assert leak not in text
    box.close()
