"""Message boxes: plain text always (a path or record text must never be read as markup), deleted when closed.

QMessageBox is imported when a box is first shown, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from viewer.content.wording import display_line, visible_name

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

DIALOG_PROBLEMS = 20
"""Problems listed in the dialog; fewer on a screen too short for them."""


def message(parent: QWidget | None, title: str, text: str, warning: bool = False) -> QMessageBox:
    """A plain-text box over `parent`, not yet shown; with `warning`, it has the warning icon."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    if warning:
        box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def problems_word(count: int) -> str:
    return f"{count:,} problem{'s' if count != 1 else ''}"


def _listed(problems: list[str], shown: int) -> str:
    """The first `shown` problems, each cut to a readable length with its invisible characters made
    visible (a file name may hold any), and how many more there are."""
    lines = [visible_name(display_line(problem)) for problem in problems[:shown]]
    more = len(problems) - shown
    return "\n".join([*lines, f"and {more:,} more"] if more else lines)


def show_problems(parent: QWidget, name: str, problems: list[str]) -> QMessageBox:
    """Say why `name` did not open: the first problems, as many as the screen has room for,
    and a button that copies them all."""
    from PySide6.QtWidgets import QMessageBox

    count = len(problems)
    text = f"{visible_name(display_line(name))} has {problems_word(count)}; the current case stays open."
    box = message(parent, "Case record not opened", text, warning=True)
    copy = box.addButton("&Copy All", QMessageBox.ButtonRole.ActionRole)
    # Copying keeps the box open: without its own handler, every button of a message box closes it.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText("\n".join(problems)))
    box.addButton(QMessageBox.StandardButton.Ok)
    shown = min(count, DIALOG_PROBLEMS)
    box.setInformativeText(_listed(problems, shown))
    box.open()
    # Shown but not yet painted: fitting the box to the screen now does not flicker.
    screen = parent.screen().availableGeometry()
    frame = box.frameGeometry().size() - box.size()
    while box.height() + frame.height() > screen.height() and shown > 1:
        shown -= 1
        box.setInformativeText(_listed(problems, shown))
    # On a small screen Qt makes a box of long lines as wide as the screen, leaving its frame out.
    box.setFixedWidth(min(box.width(), screen.width() - frame.width()))
    return box


def tell_not_opened(parent: QWidget, name: str, problems: list[str], unknown: bool) -> None:
    """Say why `name` (a case record, an agenda) did not open; with `unknown` (unknown-case mode) only how
    many problems it has: they quote its path and its text, which could give the answer."""
    if not unknown:
        show_problems(parent, name, problems)
        return
    text = (
        f"{name[0].upper()}{name[1:]} has {problems_word(len(problems))}; the current case stays open. "
        "Turn off Unknown Case (Ctrl+U) to see them."
    )
    message(parent, "Case record not opened", text, warning=True).open()
