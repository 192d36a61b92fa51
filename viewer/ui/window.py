"""The main window: header, timeline, tabs, the selected item and its source."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.content.disclosure import Disclosure
from viewer.content.sections import SECTION_TAB, TAB_TITLES
from viewer.content.shown import ShownCase
from viewer.content.wording import citation, display_line, rich_tooltip, visible_name
from viewer.draw.theme import THEMES
from viewer.record.bundled import load_case
from viewer.record.model import CaseRecord, timed_items
from viewer.record.problems import RecordError
from viewer.record.timing import Placements, resolve_times, treatment_order
from viewer.ui.detail import DetailPanel, detail_lines, scaled_font
from viewer.ui.models import ItemTableModel
from viewer.ui.selection import Selection
from viewer.ui.settings import TEXT_PERCENT_RANGE, Preferences
from viewer.ui.source_view import SourceView
from viewer.ui.tabs import (
    DISCUSSION_COLUMNS,
    FINDING_COLUMNS,
    HISTORY_COLUMNS,
    OUTCOME_COLUMNS,
    SEROLOGY_COLUMNS,
    ItemListView,
    group_by_category,
    group_by_panel,
    treatment_columns,
)
from viewer.ui.timeline_widget import TimelineWidget
from viewer.ui.watcher import RecordWatcher

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from viewer.ui.conference.mode import ConferenceMode

DEFAULT_SIZE = (1280, 860)
"""The window's size on first start, before the user has chosen one."""
BANNER_PROBLEMS = 8
BANNER_LINES = 10
"""Problems listed in the banner, and its height in lines: what wraps beyond it is clipped (the tooltip has more)."""
BANNER_PADDING = 6
DIALOG_PROBLEMS = 20
"""Problems listed in the dialog; fewer on a screen too short for them."""
SHORTCUTS: list[tuple[str, QKeySequence.StandardKey | str]] = [
    ("Open a case record", QKeySequence.StandardKey.Open),
    ("Reload the case record", "Ctrl+R"),
    ("Quit", QKeySequence.StandardKey.Quit),
    ("Text bigger / smaller / reset", "Ctrl++  /  Ctrl+-  /  Ctrl+0"),
    ("Full screen", QKeySequence.StandardKey.FullScreen),
    ("Unknown case on / off", "Ctrl+U"),
    ("Present (conference mode; ? lists its keys, Esc leaves)", "F5"),
    ("Timeline: previous / next event", "Left / Right"),
    ("Timeline: lane above / below", "Up / Down"),
    ("Timeline: open the focused event", "Enter"),
    ("Timeline: zoom in / out, fit all", "+ / -, 0 or Home (Ctrl+wheel zooms, drag pans)"),
    ("Next / previous tab", "Ctrl+Tab / Ctrl+Shift+Tab"),
]


# Some desktops bind no key to these standard actions; these are the common ones.
STANDARD_FALLBACKS = {QKeySequence.StandardKey.Quit: "Ctrl+Q"}


def _problems(count: int) -> str:
    return f"{count:,} problem{'s' if count != 1 else ''}"


def _listed(problems: list[str], shown: int) -> str:
    """The first `shown` problems, each cut to a readable length with its invisible characters made
    visible (a file name may hold any), and how many more there are."""
    lines = [visible_name(display_line(problem)) for problem in problems[:shown]]
    more = len(problems) - shown
    return "\n".join([*lines, f"and {more:,} more"] if more else lines)


def _key_text(key: QKeySequence.StandardKey | str) -> str:
    """The key for `key`: the platform's own binding for a standard action, else the common one."""
    if isinstance(key, str):
        return key
    bindings = QKeySequence.keyBindings(key)
    if bindings:
        return bindings[0].toString()
    return STANDARD_FALLBACKS.get(key, "")


class MainWindow(QMainWindow):
    """Shows one case record. Every view follows the one `selection`."""

    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or Preferences()
        self.selection = Selection(self)
        self.record: CaseRecord | None = None
        self.disclosure: Disclosure | None = None
        self.path: Path | None = None
        self._items: dict[str, tuple[str, Any]] = {}
        self._labels: dict[str, str] = {}
        self._base_font = QFont(QApplication.font())
        self._theme = self.preferences.theme()
        self._text_percent = self.preferences.text_percent()
        self._presenting_px: int | None = None
        self._conference: ConferenceMode | None = None
        self._reload_after_talk = False
        self.watcher = RecordWatcher(self)
        self.watcher.changed.connect(self._on_file_changed)
        self.watcher.lost.connect(self._on_file_lost)

        self._build_header()
        self.timeline = TimelineWidget(self.selection)
        self._placements = Placements({}, {})
        self._build_tabs()
        self.detail = DetailPanel()
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tabs)
        lower.addWidget(self.detail)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        lower.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = self._central_layout = QVBoxLayout(central)
        layout.addLayout(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.selection.changed.connect(self._on_selection_changed)
        self.apply_view()
        saved = self.preferences.geometry()
        if saved is None or not (self.restoreGeometry(saved[0]) and self.restoreState(saved[1])):
            self.resize(*DEFAULT_SIZE)
        if self.preferences.notice:
            self.statusBar().showMessage(self.preferences.notice)

    # Building

    def _build_header(self) -> None:
        # A layout, not a widget: only a layout passes the labels' height-for-width
        # up, so a long title keeps all its wrapped lines when it replaces a short one.
        self.header = layout = QVBoxLayout()
        self.title_label = self._plain_label("title", "Case title")
        self.patient_label = self._plain_label("patient", "Patient")
        self.citation_label = self._plain_label("citation", "Source citation")
        for label in (self.title_label, self.patient_label, self.citation_label):
            layout.addWidget(label)
        self.banner = self._plain_label("problems", "Problems in the case record file")
        # Its width follows the window, never the reverse: a line with no space to wrap at is clipped.
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.banner.hide()

    @staticmethod
    def _plain_label(name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Every wrapped line stays: the panes below give way first, never the header.
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return label

    def _build_tabs(self) -> None:
        self._order: dict[str, int] = {}
        self.models = {
            "history": ItemTableModel(HISTORY_COLUMNS, parent=self),
            "findings": ItemTableModel(FINDING_COLUMNS, group_by_category, self),
            "serologies": ItemTableModel(SEROLOGY_COLUMNS, group_by_panel, self),
            "treatments": ItemTableModel(treatment_columns(self._order), parent=self),
            "outcomes": ItemTableModel(OUTCOME_COLUMNS, parent=self),
            "discussion": ItemTableModel(DISCUSSION_COLUMNS, group_by_category, self),
        }
        self.views = {
            section: ItemListView(model, self.selection, f"{section.capitalize()} list")
            for section, model in self.models.items()
        }
        self.source_view = SourceView()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        treatment_page = QSplitter(Qt.Orientation.Vertical)
        treatment_page.addWidget(self._titled("Course", self.views["treatments"]))
        treatment_page.addWidget(self._titled("Outcome", self.views["outcomes"]))
        treatment_page.setChildrenCollapsible(False)
        pages = [
            self.views["history"],
            self.views["findings"],
            self.views["serologies"],
            treatment_page,
            self.views["discussion"],
            self.source_view,
        ]
        for title, page in zip(TAB_TITLES, pages, strict=True):
            self.tabs.addTab(page, title)

    @staticmethod
    def _titled(title: str, view: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title)
        label.setBuddy(view)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return page

    def _build_menus(self) -> None:
        file_menu = self._file_menu = self.menuBar().addMenu("&File")
        file_menu.aboutToShow.connect(self._on_file_menu)
        self._action(file_menu, "&Open…", self._on_open, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu)
        self.reload_action = self._action(file_menu, "&Reload", self._on_reload, "Ctrl+R")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "Text &Bigger", self._on_text_bigger, QKeySequence.StandardKey.ZoomIn)
        self._action(view_menu, "Text &Smaller", self._on_text_smaller, QKeySequence.StandardKey.ZoomOut)
        self._action(view_menu, "&Reset Text Size", self._on_text_reset, "Ctrl+0")
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = theme_menu.addAction(name.capitalize())
            action.setCheckable(True)
            action.setChecked(name == self._theme)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            self.theme_actions[name] = action
        view_menu.addSeparator()
        self.full_screen_action = self._action(
            view_menu, "&Full Screen", self._on_full_screen, QKeySequence.StandardKey.FullScreen
        )
        self.full_screen_action.setCheckable(True)
        view_menu.addSeparator()
        self.unknown_action = self._action(view_menu, "&Unknown Case", self._on_unknown_toggled, "Ctrl+U")
        self.unknown_action.setCheckable(True)
        self._action(view_menu, "&Present", self._on_present, "F5")

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self._on_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&About Case Viewer", self._on_about)

    def _action(self, menu: Any, text: str, slot: Any, key: QKeySequence.StandardKey | str | None = None) -> QAction:
        action: QAction = menu.addAction(text)
        if isinstance(key, QKeySequence.StandardKey) and QKeySequence.keyBindings(key):
            action.setShortcuts(key)
        elif key is not None:
            action.setShortcut(QKeySequence(_key_text(key)))
        action.triggered.connect(slot)
        return action

    # The record

    @staticmethod
    def load(path: Path) -> CaseRecord:
        """The record at `path`; a bundled case from its checked form. Raises RecordError."""
        return load_case(path)

    def open_file(self, path: str | Path) -> bool:
        """Show the record at `path`; on problems, say so and keep the current case."""
        name = visible_name(str(path))
        try:
            record = self.load(Path(path))
        except RecordError as error:
            self.show_problems(name, [str(problem) for problem in error.problems])
            return False
        self.set_record(record, Path(path))
        return True

    def set_record(self, record: CaseRecord, path: Path | None = None, keep_view: bool = False) -> None:
        """Show `record`; with `keep_view` (a reload of the same case) the selection and
        the timeline's zoom stay where they were, as far as their items still exist."""
        previous = self.selection.current if keep_view else ""
        view = self.timeline.view
        self.record = record
        self.path = path
        self._placements = resolve_times(record)
        self._items = {item.id: (section, item) for section, item in timed_items(record)}
        self._items.update({point.id: ("discussion", point) for point in record.discussion})
        self._order.clear()
        self._order.update(treatment_order(record, self._placements))
        self.patient_label.setText(record.patient.summary)
        self.citation_label.setText(citation(record))
        self.timeline.set_case(ShownCase(record, self._placements))
        self.set_disclosure(Disclosure(record, unknown=self.unknown_action.isChecked()))
        self.selection.select(previous if previous in self._items else "")
        if keep_view:
            self.timeline.view = view
        self.banner.hide()
        if path is not None and not keep_view:
            self.preferences.add_recent_file(str(path))
            self.watcher.watch(path)

    def reload(self) -> bool:
        """Read the open file again. Problems show in the banner over the last good case."""
        if self.path is None:
            return False
        if self._conference is not None:
            # Steps must not change under the presenter: reload when the talk ends.
            self._reload_after_talk = True
            return False
        try:
            record = self.load(self.path)
        except RecordError as error:
            self._show_banner([str(problem) for problem in error.problems])
            return False
        self.set_record(record, self.path, keep_view=True)
        return True

    def set_disclosure(self, disclosure: Disclosure) -> None:
        """Show the record as `disclosure` allows: everything, or unknown-case mode at a stage."""
        self.disclosure = disclosure
        record = disclosure.record
        self._labels = disclosure.labels()
        withheld = frozenset(item_id for item_id, (_, item) in self._items.items() if disclosure.withheld(item))
        for section, model in self.models.items():
            model.set_items(getattr(record, section), self._labels, withheld)
        self.timeline.set_labels(self._labels)
        self.title_label.setText(disclosure.title)
        self.setWindowTitle(f"{disclosure.title} — Case Viewer")
        self.source_view.set_source(disclosure.source_text())
        self._on_selection_changed(self.selection.current)

    def _show_banner(self, problems: list[str]) -> None:
        count = len(problems)
        stays = "the last good version stays on screen."
        if self._unknown_case():
            # The file's name and the problems quote the record: in unknown-case mode they could give the answer.
            self._set_banner(
                f"The case record has {_problems(count)}; {stays} Turn off Unknown Case (Ctrl+U) to see them."
            )
            return
        first = f" (the first {BANNER_PROBLEMS} below)" if count > BANNER_PROBLEMS else ""
        shown = [display_line(problem) for problem in problems[:BANNER_PROBLEMS]]
        tooltip = "\n".join(display_line(problem) for problem in problems[: BANNER_PROBLEMS * 5])
        self._set_banner("\n".join([f"The case record has {_problems(count)}{first}; {stays}", *shown]), tooltip)

    def _set_banner(self, text: str, tooltip: str = "") -> None:
        self.banner.setText(text)
        self.banner.setToolTip(rich_tooltip(tooltip) if tooltip else "")
        self.banner.setVisible(self._presenting_px is None)

    def _unknown_case(self) -> bool:
        return self.disclosure is not None and not self.disclosure.complete

    def show_problems(self, name: str, problems: list[str]) -> QMessageBox:
        """Say why `name` did not open: the first problems, as many as the screen has room for,
        and a button that copies them all."""
        from PySide6.QtWidgets import QMessageBox

        count = len(problems)
        text = f"{visible_name(display_line(name))} has {_problems(count)}; the current case stays open."
        box = self._message("Case record not opened", text)
        box.setIcon(box.Icon.Warning)
        copy = box.addButton("&Copy All", QMessageBox.ButtonRole.ActionRole)
        # Copying keeps the box open: without its own handler, every button of a message box closes it.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText("\n".join(problems)))
        box.addButton(QMessageBox.StandardButton.Ok)
        shown = min(count, DIALOG_PROBLEMS)
        box.setInformativeText(_listed(problems, shown))
        box.open()
        # Shown but not yet painted: fitting the box to the screen now does not flicker.
        screen = self.screen().availableGeometry()
        frame = box.frameGeometry().size() - box.size()
        while box.height() + frame.height() > screen.height() and shown > 1:
            shown -= 1
            box.setInformativeText(_listed(problems, shown))
        # On a small screen Qt makes a box of long lines as wide as the screen, leaving its frame out.
        box.setFixedWidth(min(box.width(), screen.width() - frame.width()))
        return box

    def _message(self, title: str, text: str) -> QMessageBox:
        """A plain-text message over the window, deleted when closed."""
        from PySide6.QtWidgets import QMessageBox  # dialogs are imported when first needed, not at start-up

        box = QMessageBox(self)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        found = self._items.get(item_id)
        if found is None or self.disclosure is None:
            self.source_view.show_quotes([])
            self.detail.show_lines([("field", "Select an event on the timeline or an item in a tab.")])
            return
        section, item = found
        self.tabs.setCurrentIndex(SECTION_TAB[section])
        withheld = self.disclosure.withheld(item)
        self.detail.show_lines(detail_lines(section, item, self._labels, withheld))
        self.source_view.show_quotes([] if withheld else item.quotes)

    # View

    def set_theme(self, name: str, remember: bool = True) -> None:
        self._theme = name
        if remember:
            self.preferences.set_theme(name)
        self.theme_actions[name].setChecked(True)
        self.apply_view()

    def apply_view(self) -> None:
        """Apply the theme and text size to the whole window (the projector's while presenting)."""
        theme = THEMES["projector" if self._presenting_px else self._theme]
        palette = theme.palette()
        QApplication.setPalette(palette)
        self.setPalette(palette)
        font = QFont(self._base_font)
        if self._presenting_px:
            font.setPixelSize(self._presenting_px)
        else:
            font.setPointSizeF(self._base_font.pointSizeF() * self._text_percent / 100 * theme.font_scale)
        self.setFont(font)
        title_font = scaled_font(font, 1.35)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.timeline.set_theme(theme)
        self.banner.setStyleSheet(
            f"QLabel {{ background: {theme.notice}; color: {theme.notice_text}; "
            f"border: 1px solid {theme.notice_text}; padding: {BANNER_PADDING}px; }}"
        )
        self.banner.setMaximumHeight(QFontMetrics(font).lineSpacing() * BANNER_LINES + 2 * (BANNER_PADDING + 1))

    def set_presenting(self, text_px: int | None) -> None:
        """Projector look with body text `text_px` pixels tall, or back to the user's look (None).

        Menus and the citation hide, and a margin keeps everything clear of the
        outer 5% of the screen, which projectors crop."""
        self._presenting_px = text_px
        presenting = text_px is not None
        self.menuBar().setVisible(not presenting)
        self.citation_label.setVisible(not presenting)
        # The banner speaks to the author, never to the room.
        if presenting:
            self.banner.hide()
        margins = self._central_layout
        if presenting:
            screen = self.screen().geometry()
            x, y = round(screen.width() * 0.05), round(screen.height() * 0.05)
            margins.setContentsMargins(x, y, x, y)
        else:
            margins.setContentsMargins(9, 9, 9, 9)
        # The room reads the selected item large; the tabs keep following and return afterwards.
        self.tabs.setVisible(not presenting)
        self.apply_view()

    def set_text_percent(self, percent: int) -> None:
        low, high = TEXT_PERCENT_RANGE
        self._text_percent = max(low, min(high, percent))
        self.preferences.set_text_percent(self._text_percent)
        self.apply_view()

    @property
    def text_percent(self) -> int:
        return self._text_percent

    @property
    def theme_name(self) -> str:
        return self._theme

    @Slot()
    def _on_text_bigger(self) -> None:
        self.set_text_percent(self._text_percent + 10)

    @Slot()
    def _on_text_smaller(self) -> None:
        self.set_text_percent(self._text_percent - 10)

    @Slot()
    def _on_text_reset(self) -> None:
        self.set_text_percent(100)

    @Slot()
    def _on_unknown_toggled(self) -> None:
        if self.record is not None:
            self.set_disclosure(Disclosure(self.record, unknown=self.unknown_action.isChecked()))

    def present(self, screen: int | None = None) -> ConferenceMode | None:
        """Start conference mode on the open case; None when no case is open or a talk runs."""
        if self.record is None or self._conference is not None:
            return None
        # Imported on first use: conference mode is not on the start-up path.
        from viewer.ui.conference.mode import ConferenceMode

        self._conference = ConferenceMode(self, screen, self.unknown_action.isChecked())
        self._conference.finished.connect(self._on_conference_finished)
        return self._conference

    @Slot()
    def _on_present(self) -> None:
        self.present()

    @Slot()
    def _on_conference_finished(self) -> None:
        if self._conference is not None:
            self._conference.deleteLater()
        self._conference = None
        if self._reload_after_talk:
            self._reload_after_talk = False
            self.reload()

    @Slot()
    def _on_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # Files

    @Slot()
    def _on_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(
            self, "Open Case Record", start, "Case records (*.yaml *.yml);;All files (*)"
        )
        if name:
            self.open_file(name)

    @Slot()
    def _on_file_menu(self) -> None:
        # Export is imported when the File menu first opens, not at start-up.
        from viewer.ui.export_actions import add_export_menu

        add_export_menu(self, self._file_menu)

    @Slot()
    def _on_reload(self) -> None:
        self.reload()

    @Slot(str)
    def _on_file_changed(self, _path: str) -> None:
        self.reload()

    @Slot(str)
    def _on_file_lost(self, words: str) -> None:
        news = f"{words}; showing the last good version."
        if self._unknown_case() or self.path is None:
            self._set_banner(news[0].upper() + news[1:])
        else:
            self._set_banner(f"{display_line(visible_name(str(self.path)))}: {news}")

    @Slot()
    def _on_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.preferences.recent_files()
        for number, path in enumerate(recent, start=1):
            # Literally as named: "&" would mark a shortcut letter and a tab start the shortcut column.
            action = self.recent_menu.addAction(f"&{number} {visible_name(path).replace('&', '&&')}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Menu").triggered.connect(self.preferences.clear_recent_files)

    # Help

    @Slot()
    def _on_shortcuts(self) -> None:
        shortcuts = "\n".join(f"{_key_text(key)}\t{what}" for what, key in SHORTCUTS)
        self._message("Keyboard Shortcuts", shortcuts).open()

    @Slot()
    def _on_about(self) -> None:
        about = (
            f"Case Viewer {__version__}\n\n"
            "Clinical case reports as tabs around an honest, clickable timeline. "
            "Every item shows the source words it rests on. Works offline."
        )
        self._message("About Case Viewer", about).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._conference is not None:
            self._conference.stop()
        self.preferences.set_geometry(self.saveGeometry(), self.saveState())
        super().closeEvent(event)
