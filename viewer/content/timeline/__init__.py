"""The timeline as plain numbers, no Qt.

- `data`: a case's timed items sorted and measured, once per record.
- `scale`: their positions at zoom 1, once per fit.
- `marks`: a lane's markers and clusters at one zoom, built when first asked for.
- `layout`: `compute_layout`, everything placed for one size and zoom.
- `view`: the types a layout hands to painting and hit testing (`Layout`, `Mark`, `View`...).
- `hittest`: what lies under a point.
- `words`: axis and precision words.
"""
