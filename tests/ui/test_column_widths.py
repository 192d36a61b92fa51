"""How a table's width is shared among its columns."""

from __future__ import annotations

from viewer.ui.tabs import fitted_widths


def test_columns_that_fit_stay_whole_and_the_rest_is_left_for_the_long_ones():
    assert fitted_widths([50, 80, 60], [40, 40, 40], [30, 30, 30], 400, 20) == [50, 80, 60]


def test_long_columns_share_the_rest_in_proportion_to_their_text():
    # 50 fits an even share (400 / 3); 300 does not fit half of the 350 left: 450 and 300 share it, three to two.
    assert fitted_widths([50, 450, 300], [40, 40, 40], [30, 30, 30], 400, 20) == [50, 210, 140]


def test_no_long_column_is_narrower_than_its_longest_word_and_the_others_give_that_back():
    # The third column's share, 140, would cut its word of 160: the others give the 20 back.
    widths = fitted_widths([50, 450, 300], [40, 40, 40], [30, 30, 160], 400, 20)
    assert widths[2] == 160
    assert widths[1] < 210
    assert sum(widths) <= 400


def test_headings_stay_whole_where_the_words_cannot_all_be():
    # Words of 200 each do not fit 300 together: the headings alone bound the columns.
    widths = fitted_widths([500, 500], [60, 90], [200, 200], 300, 20)
    assert widths[0] >= 60
    assert widths[1] >= 90
    assert sum(widths) <= 300


def test_a_view_with_no_room_and_every_column_hidden_keeps_them_at_nothing():
    assert fitted_widths([0, 0], [0, 0], [0, 0], -2, 20) == [0, 0]
