"""The custom-painted case timeline: pure layout and hit testing, one paint routine, the widget."""

from viewer.ui.timeline.paint import paint_timeline, render_timeline
from viewer.ui.timeline.widget import TimelineWidget

__all__ = ["TimelineWidget", "paint_timeline", "render_timeline"]
