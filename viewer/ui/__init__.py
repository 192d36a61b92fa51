"""Widgets: the window and what it holds, menus and actions, conference mode, the application."""
