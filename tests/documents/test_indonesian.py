import datetime as dt

import pytest

from documents.indonesian import date_id, date_words, number_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "satu"),
        (11, "sebelas"),
        (15, "lima belas"),
        (29, "dua puluh sembilan"),
        (100, "seratus"),
        (1000, "seribu"),
        (1987, "seribu sembilan ratus delapan puluh tujuh"),
        (2026, "dua ribu dua puluh enam"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_dates_in_indonesian_and_in_words():
    day = dt.date(2026, 11, 29)
    assert date_id(day) == "29 November 2026"
    assert date_words(day) == "dua puluh sembilan November dua ribu dua puluh enam"
    assert date_words("2001-02-01") == "satu Februari dua ribu satu"
