"""The timeline widget: view state, input and accessibility around the pure layout."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAction,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from viewer.content.disclosure import HAS_FIGURE
from viewer.content.sections import LANE_PLURALS, LANE_TITLES, LANES
from viewer.content.shown import ShownCase
from viewer.content.timeline.data import Event, TimelineData, build_data, relabel
from viewer.content.timeline.hittest import Hit, hit_test
from viewer.content.timeline.layout import compute_layout
from viewer.content.timeline.view import MAX_ZOOM, MIN_ZOOM, Layout, Metrics, View
from viewer.content.timeline.words import PRECISION_WORDS, label_prefix
from viewer.content.wording import describe_time, rich_tooltip
from viewer.draw.callout import callout_rect, paint_callout
from viewer.draw.theme import DEFAULT_THEME, THEMES, Theme
from viewer.draw.timeline import paint_timeline, qt_metrics
from viewer.record.model import TimedItem, Treatment, timed_items
from viewer.ui.selection import Selection

ZOOM_STEP = 1.25
MAX_TOOLTIP_LINES = 20


class TimelineWidget(QWidget):
    """The case's timed items on lanes along an honest time axis, across the top of the window.

    It follows the window's one `Selection`: clicking an event, choosing one from a cluster's
    menu, or pressing Enter on the focused event calls `selection.select`; `selection.changed`
    highlights the item here and scrolls it into view. It talks to no other view.
    """

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selection = selection
        self._theme = THEMES[DEFAULT_THEME]
        self._items: dict[str, TimedItem] = {}
        self._labels: Mapping[str, str] = {}
        self._names: dict[str, str] = {}
        """The shown label of every timed item: `_labels` over the record's own."""
        self._data: TimelineData | None = None
        self._generation = 0
        """Bumped per record, so the layout cache never compares whole records."""
        self._view = View()
        self._layout: Layout | None = None
        self._layout_key: tuple[object, ...] = ()
        self._metrics: Metrics | None = None
        self._hovered = ""
        self._focused = ""
        self._announced = ""
        """The focused event screen readers were last told of."""
        self._stepped = False
        """Whether the keys put focus where it is, rather than a selection made elsewhere."""
        self._figured: frozenset[str] = frozenset()
        self._press: QPointF | None = None
        self._press_offset = 0.0
        self._dragging = False
        self._cluster_menu = QMenu(self)
        self._cluster_menu.triggered.connect(self._on_cluster_chosen)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Timeline")
        self._describe()
        selection.changed.connect(self._on_selection_changed)

    # --- public API -------------------------------------------------------------------------------------------

    def set_figured(self, item_ids: frozenset[str]) -> None:
        """Mark the events of `item_ids`, the items with a figure shown (`Disclosure.figured`)."""
        if item_ids != self._figured:
            self._figured = item_ids
            self._describe()
            self.update()

    def set_case(self, shown: ShownCase, labels: Mapping[str, str] | None = None) -> None:
        """Show a case in its time order. `labels` replaces item labels by id; nothing else of such an
        item is shown."""
        self._items = {item.id: item for _, item in timed_items(shown.record)}
        self._labels = dict(labels or {})
        self._names = {item_id: self._labels.get(item_id, item.label) for item_id, item in self._items.items()}
        self._data = build_data(shown, self._labels)
        self._generation += 1
        self._layout = None
        self._view = View()
        self._hovered = ""
        self._stepped = False
        current = self._selection.current
        self._focused = current if current in self._data.by_id else ""
        self._describe()
        self.update()

    def set_labels(self, labels: Mapping[str, str]) -> None:
        """Show the current record under new `labels` (a disclosure step): the whole map is replaced,
        as in `set_case`, and an id not in it shows its item's own label.

        Unlike `set_case`, everything else stays: the case and its placements, zoom and pan,
        the selection highlight, keyboard focus and hover. Only the labels and what depends on
        them (markers' label text and room, tooltips, the accessible description) are made again;
        the axis, time order and clusters are not. Without a case it only keeps the labels
        until `set_case` replaces them."""
        self._labels = dict(labels)
        if self._data is None:
            return
        names = {item_id: self._labels.get(item_id, item.label) for item_id, item in self._items.items()}
        if names == self._names:
            return
        self._names = names
        self._data = relabel(self._data, names)
        self._generation += 1
        self._layout = None
        self._describe()
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    @Slot()
    def zoom_in(self) -> None:
        self._zoom_at(ZOOM_STEP, self._plot_centre())

    @Slot()
    def zoom_out(self) -> None:
        self._zoom_at(1 / ZOOM_STEP, self._plot_centre())

    @Slot()
    def fit_all(self) -> None:
        self._set_view(View())

    def event_rect(self, item_id: str) -> QRectF:
        """Where the item's marker (or its cluster's) is, in widget coordinates; empty if not drawn."""
        layout = self._current_layout()
        where = None if layout is None else layout.index.get(item_id)
        if layout is None or where is None:
            return QRectF()
        return QRectF(*layout.marker_rect(*where))

    @property
    def view(self) -> View:
        """Zoom and pan; a window keeps it across reloads of the same case."""
        return self._view

    @view.setter
    def view(self, view: View) -> None:
        self._set_view(view)

    @property
    def highlighted(self) -> str:
        """The id drawn as selected ("" when the selected item is not on the timeline)."""
        current = self._selection.current
        return current if self._data is not None and current in self._data.by_id else ""

    @property
    def focused(self) -> str:
        """The id keyboard navigation is on."""
        return self._focused

    def focus_callout(self) -> tuple[str, QRectF, QRectF] | None:
        """While the timeline has focus on an event drawn in a cluster, put there by the keys, the note
        naming it ("3 of 7: ~Anti-MDA5 antibody"), where the note goes and the cluster's marker; else None.
        A selection made elsewhere shows none: the selected row names the event."""
        layout = self._current_layout()
        if layout is None or not (self._focused and self._stepped and self.hasFocus()) or self._data is None:
            return None
        where = layout.index.get(self._focused)
        if where is None:
            return None
        mark = layout.lanes[where[0]].marks[where[1]]
        if mark.count < 2:
            return None
        number = mark.item_ids.index(self._focused) + 1
        text = f"{number} of {mark.count}: {self._label(self._data.by_id[self._focused])}"
        anchor = QRectF(*layout.marker_rect(*where))
        bounds = QRectF(layout.title_width, 0, layout.width - layout.title_width, layout.height)
        return text, callout_rect(anchor, text, QFontMetricsF(self.font(), self), bounds), anchor

    def sizeHint(self) -> QSize:
        """As tall as every label needs at the current width to be whole, once a case is shown."""
        lh = self.fontMetrics().height()
        layout = self._current_layout()
        if layout is None:
            return QSize(60 * lh, round(16 * lh))
        return QSize(60 * lh, max(math.ceil(layout.wanted_height), self.minimumSizeHint().height()))

    def minimumSizeHint(self) -> QSize:
        lh = self.fontMetrics().height()
        return QSize(25 * lh, round(11 * lh))

    # --- layout and view --------------------------------------------------------------------------------------

    def _current_layout(self) -> Layout | None:
        if self._data is None:
            return None
        if self._metrics is None:
            self._metrics = qt_metrics(self.font(), self)
        key = (self.width(), self.height(), self._view.zoom, self._generation)
        if self._layout is not None and key == self._layout_key and self._layout.offset != self._view.offset:
            offset = self._layout.clamp_offset(self._view.offset)
            if self._layout.covers(offset):
                # Pan: the same layout, shifted; no relayout needed.
                self._layout = self._layout.with_offset(offset)
                self._view = View(self._view.zoom, offset)
            else:
                # Panned past the stretch of axis laid out around the last view.
                self._layout = None
        if self._layout is None or key != self._layout_key:
            self._layout = compute_layout(self._data, self.width(), self.height(), self._view, self._metrics)
            self._layout_key = key
            self._view = View(self._view.zoom, self._layout.offset)
        return self._layout

    def _set_view(self, view: View) -> None:
        if view != self._view:
            self._view = view
            self.update()

    def _plot_centre(self) -> float:
        layout = self._current_layout()
        return self.width() / 2 if layout is None else (layout.plot_left + layout.plot_right) / 2

    def _zoom_at(self, factor: float, x: float) -> None:
        """Zoom by `factor`, keeping what is under screen x where it is."""
        layout = self._current_layout()
        if layout is None:
            return
        zoom = min(max(self._view.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        # Content positions scale linearly with zoom, so the point under x stays put.
        scale = zoom / self._view.zoom
        offset = layout.content_x(x) * scale - (x - layout.plot_left)
        self._set_view(View(zoom, offset))

    def _pan_by(self, pixels: float) -> None:
        self._set_view(View(self._view.zoom, self._view.offset + pixels))

    def _reveal(self, item_id: str) -> None:
        """Scroll so the item's marker is on screen, centring it only when it is not."""
        layout = self._current_layout()
        mark = None if layout is None else layout.mark_of(item_id)
        if layout is None or mark is None:
            return
        x = layout.screen_x(mark.x)
        if not layout.title_width + layout.marker <= x <= layout.plot_right - layout.marker:
            self._set_view(View(self._view.zoom, mark.x - (layout.plot_right - layout.plot_left) / 2))

    # --- words ------------------------------------------------------------------------------------------------

    def _label(self, event: Event) -> str:
        return label_prefix(event.precision) + event.label

    def _event_words(self, item_id: str) -> str:
        """'Treatment: IVIG, after Tacrolimus (order only), until 2020-05-01': lane, label, timing, precision,
        a course's end when the record gives one, and "has a figure" beside an event with the figure mark."""
        assert self._data is not None
        event = self._data.by_id[item_id]
        item = self._items[item_id]
        # Never the source's own words for the time: they could name a withheld answer.
        timing = describe_time(item.when, self._names, words=False)
        words = f"{LANE_TITLES[event.lane]}: {event.label}, {timing} ({PRECISION_WORDS[event.precision]})"
        until = item.until if isinstance(item, Treatment) else None
        if until is not None:
            words += f", until {describe_time(until, self._names, words=False)}"
        return f"{words}, {HAS_FIGURE}" if item_id in self._figured else words

    def _hit_words(self, hit: Hit) -> str:
        if not hit.is_cluster:
            return self._event_words(hit.item_ids[0])
        assert self._data is not None
        lane = LANES[hit.lane]
        lines = [f"{len(hit.item_ids)} {LANE_PLURALS[lane]} (click to choose one):"]
        shown = hit.item_ids[:MAX_TOOLTIP_LINES]
        lines.extend(f"• {self._label(self._data.by_id[item_id])}" for item_id in shown)
        if len(hit.item_ids) > len(shown):
            lines.append(f"… and {len(hit.item_ids) - len(shown)} more")
        return "\n".join(lines)

    def event_name(self, item_id: str) -> str:
        """An event's accessible name, 'Serology: Anti-MDA5 antibody': its lane and its shown label."""
        assert self._data is not None
        event = self._data.by_id[item_id]
        return f"{LANE_TITLES[event.lane]}: {self._label(event)}"

    def _describe(self) -> None:
        """Keep the accessible name and description on the focused event, so screen readers follow the
        keyboard: a new name is announced (Qt sends the name change), and while the timeline has focus,
        so is focus on the new event."""
        named = self._focused if self._data is not None and self._focused in self._data.by_id else ""
        name = self.event_name(named) if named else "Timeline"
        moved = named != self._announced
        self._announced = named
        self.setAccessibleName(name)
        if moved and named and self.hasFocus():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Focus))
        if self._data is None or not self._data.ordered:
            self.setAccessibleDescription("Case timeline: no events placed in time.")
            return
        if not self._focused:
            count = len(self._data.ordered)
            self.setAccessibleDescription(
                f"Case timeline, {count} events in {len(LANES)} lanes. "
                "Left and Right move between events in time order, Up and Down change lane, Enter selects."
            )
            return
        selected = ", selected" if self._focused == self._selection.current else ""
        self.setAccessibleDescription(self._event_words(self._focused) + selected)

    # --- selection --------------------------------------------------------------------------------------------

    @Slot(str)
    def _on_selection_changed(self, item_id: str) -> None:
        if self._data is not None and item_id in self._data.by_id:
            self._stepped = self._stepped and item_id == self._focused
            self._focused = item_id
            self._reveal(item_id)
        self._describe()
        self.update()

    @Slot(QAction)
    def _on_cluster_chosen(self, action: QAction) -> None:
        item_id = str(action.data())
        self._focused = item_id
        self._selection.select(item_id)

    def _open_cluster_menu(self, hit: Hit, at: QPoint) -> None:
        assert self._data is not None
        menu = self._cluster_menu
        menu.clear()
        for item_id in hit.item_ids:
            # "&" would turn the next letter into a shortcut: record text stays as written.
            action = menu.addAction(self._label(self._data.by_id[item_id]).replace("&", "&&"))
            action.setData(item_id)
            action.setCheckable(True)
            action.setChecked(item_id == self._selection.current)
        menu.popup(self.mapToGlobal(at))

    def _move_focus(self, item_id: str) -> None:
        self._focused = item_id
        self._stepped = True
        self._reveal(item_id)
        self._describe()
        self.update()

    # --- Qt overrides -----------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            layout = self._current_layout()
            if layout is None:
                painter.fillRect(event.rect(), self._theme.color("base"))
                return
            paint_timeline(
                painter,
                QRectF(event.rect()),
                layout,
                self._theme,
                font=self.font(),
                selected=self.highlighted,
                hovered=self._hovered,
                focused=self._focused if self.hasFocus() else "",
                figured=self._figured,
            )
            callout = self.focus_callout()
            if callout is not None:
                text, box, anchor = callout
                painter.setFont(self.font())
                paint_callout(painter, box, anchor, text, self._theme)
        finally:
            painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # Named at the first tooltip: PySide makes a class, and its enums, when it is first named.
            from PySide6.QtWidgets import QToolTip

            layout = self._current_layout()
            hit = None if layout is None else hit_test(layout, event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), rich_tooltip(self._hit_words(hit)), self)
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._metrics = None
            self._layout = None
            self.updateGeometry()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_offset = self._view.offset
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = position.x() - self._press.x()
            if self._dragging or abs(moved) >= QApplication.startDragDistance():
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._set_view(View(self._view.zoom, self._press_offset - moved))
            return
        layout = self._current_layout()
        hit = None if layout is None else hit_test(layout, position.x(), position.y())
        hovered = "" if hit is None else hit.item_ids[0]
        if hovered != self._hovered:
            self._hovered = hovered
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        dragged = self._dragging
        self._press = None
        self._dragging = False
        self.unsetCursor()
        layout = self._current_layout()
        if dragged or layout is None:
            return
        position = event.position()
        hit = hit_test(layout, position.x(), position.y())
        if hit is None:
            return
        if hit.is_cluster:
            self._open_cluster_menu(hit, position.toPoint())
        else:
            self._focused = hit.item_ids[0]
            self._selection.select(hit.item_ids[0])

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered:
            self._hovered = ""
            self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                self._zoom_at(ZOOM_STEP ** (delta.y() / 120), event.position().x())
        else:
            pixels = event.pixelDelta()
            # Mice send angle steps of 120 per notch; a notch pans a tenth of the plot.
            step = (self.width() / 10) / 120
            amount = (pixels.x() or pixels.y()) if not pixels.isNull() else (delta.x() or delta.y()) * step
            self._pan_by(-amount)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit_all()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_time(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_lane(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._focused:
                self._selection.select(self._focused)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self._focused and self._data is not None and self._data.ordered:
            self._focused = self._data.ordered[0].item_id
            self._describe()
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # --- keyboard navigation ----------------------------------------------------------------------------------

    def _step_time(self, direction: int) -> None:
        """Left/Right: the previous or next event in time order, over all lanes."""
        if self._data is None or not self._data.ordered:
            return
        ordered = self._data.ordered
        if not self._focused:
            self._move_focus(ordered[0 if direction > 0 else -1].item_id)
            return
        rank = self._data.by_id[self._focused].order + direction
        if 0 <= rank < len(ordered):
            self._move_focus(ordered[rank].item_id)

    def _step_lane(self, direction: int) -> None:
        """Up/Down: the nearest event in time on the next lane that has any."""
        if self._data is None or not self._data.ordered:
            return
        if not self._focused:
            self._move_focus(self._data.ordered[0].item_id)
            return
        here = self._data.by_id[self._focused]
        lane = LANES.index(here.lane) + direction
        while 0 <= lane < len(LANES):
            events = self._data.lanes[LANES[lane]]
            if events:
                # Nearest in measured time first, then in order-only steps, then in rank.
                nearest = min(events, key=lambda e: (abs(e.t - here.t), abs(e.s - here.s), abs(e.order - here.order)))
                self._move_focus(nearest.item_id)
                return
            lane += direction
