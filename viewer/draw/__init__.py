"""Painting with QtGui, no widgets: the theme, the timeline's one paint routine, the figure.

The screen, PNG, SVG and PDF all draw through it.
"""
