"""A word wider than its column wraps over lines in the cell, instead of losing its end."""

from PySide6.QtGui import QFont, QFontMetrics

from viewer.ui.tabs import BREAK_ANYWHERE, breakable


def _metrics(qapp) -> QFontMetrics:
    return QFontMetrics(QFont(qapp.font()))


def test_text_that_fits_is_left_as_it_is(qapp):
    metrics = _metrics(qapp)
    text = "not reported"
    assert breakable(text, metrics, metrics.horizontalAdvance(text)) == text


def test_words_that_fit_their_own_line_are_wrapped_at_spaces_only(qapp):
    metrics = _metrics(qapp)
    width = metrics.horizontalAdvance("reported")
    assert breakable("not reported", metrics, width) == "not reported"


def test_a_word_too_wide_may_break_between_any_two_letters(qapp):
    metrics = _metrics(qapp)
    width = metrics.horizontalAdvance("Tacrol")
    shown = breakable("a Tacrolimus dose", metrics, width)
    z = BREAK_ANYWHERE
    assert shown == f"a T{z}a{z}c{z}r{z}o{z}l{z}i{z}m{z}u{z}s dose"
    # Nothing is lost: without the break marks it reads as before.
    assert shown.replace(z, "") == "a Tacrolimus dose"
