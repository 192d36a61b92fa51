"""Export: the timeline as PNG or SVG, the case as a PDF handout.

Nothing here is imported at start-up; the menu and `case-viewer export` import
it when an export is asked for. Every export takes a Disclosure, so unknown-case
mode withholds exactly what the screen withholds.
"""
