"""Colours and type for each theme, from one place.

Lane colours are Okabe–Ito, safe for the common colour-vision deficiencies;
lane names and shapes live in `viewer.content.sections`.
"""

from __future__ import annotations

import msgspec
from PySide6.QtGui import QColor, QPalette


class Theme(msgspec.Struct, frozen=True):
    name: str
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    highlight: str
    highlighted_text: str
    grid: str
    notice: str
    """Background of a warning, such as the banner over a record that has problems."""
    notice_text: str
    lanes: dict[str, str]
    font_scale: float = 1.0

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def lane_color(self, lane: str) -> QColor:
        return QColor(self.lanes[lane])

    def palette(self) -> QPalette:
        palette = QPalette()
        roles = {
            QPalette.ColorRole.Window: self.window,
            QPalette.ColorRole.WindowText: self.text,
            QPalette.ColorRole.Base: self.base,
            QPalette.ColorRole.AlternateBase: self.alternate,
            QPalette.ColorRole.Text: self.text,
            QPalette.ColorRole.Button: self.alternate,
            QPalette.ColorRole.ButtonText: self.text,
            QPalette.ColorRole.Highlight: self.highlight,
            QPalette.ColorRole.HighlightedText: self.highlighted_text,
            QPalette.ColorRole.ToolTipBase: self.base,
            QPalette.ColorRole.ToolTipText: self.text,
            QPalette.ColorRole.PlaceholderText: self.muted,
            QPalette.ColorRole.Mid: self.grid,
            QPalette.ColorRole.Link: self.highlight,
        }
        for role, value in roles.items():
            palette.setColor(role, QColor(value))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(self.muted))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(self.muted))
        return palette


# Okabe–Ito: orange, sky blue, bluish green, blue, vermillion (and darker
# variants on light backgrounds so markers keep their contrast).
THEMES = {
    "light": Theme(
        name="light",
        window="#f4f4f2",
        base="#ffffff",
        alternate="#ecebe8",
        text="#1a1a1a",
        muted="#595959",
        highlight="#0b5394",
        highlighted_text="#ffffff",
        grid="#b8b8b8",
        notice="#fff3cd",
        notice_text="#3d2e00",
        lanes={
            "history": "#b35f00",
            "findings": "#0072b2",
            "serologies": "#007a5e",
            "treatments": "#a0306c",
            "outcomes": "#b33c00",
        },
    ),
    "dark": Theme(
        name="dark",
        window="#1e1f22",
        base="#2a2b2f",
        alternate="#33353a",
        text="#ececec",
        muted="#b0b0b0",
        highlight="#56b4e9",
        highlighted_text="#0d0d0d",
        grid="#5a5c62",
        notice="#4a3b00",
        notice_text="#fff3cd",
        lanes={
            "history": "#e69f00",
            "findings": "#56b4e9",
            "serologies": "#009e73",
            "treatments": "#cc79a7",
            "outcomes": "#f0e442",
        },
    ),
    "projector": Theme(
        name="projector",
        window="#000000",
        base="#000000",
        alternate="#141414",
        text="#ffffff",
        muted="#d9d9d9",
        highlight="#f0e442",
        highlighted_text="#000000",
        grid="#8c8c8c",
        notice="#f0e442",
        notice_text="#000000",
        lanes={
            "history": "#e69f00",
            "findings": "#56b4e9",
            "serologies": "#00c08b",
            "treatments": "#e89ac7",
            "outcomes": "#f0e442",
        },
        font_scale=1.5,
    ),
}
DEFAULT_THEME = "light"
