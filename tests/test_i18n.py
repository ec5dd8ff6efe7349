"""Dates and numbers follow the reader's language; dates never claim more precision than is known."""

from datetime import date

import pytest

from atlas.i18n import format_number, format_period, translate


@pytest.mark.parametrize(
    ("start", "end", "precision", "lang", "expected"),
    [
        (date(1988, 2, 27), date(1988, 3, 1), "day", "en", "27 Feb – 1 Mar 1988"),
        (date(1993, 4, 30), date(1993, 4, 30), "day", "fr", "30 avril 1993"),
        (date(1918, 5, 1), date(1918, 5, 31), "month", "en", "May 1918"),
        (date(1918, 5, 1), date(1918, 5, 31), "month", "fr", "mai 1918"),
        (date(2021, 1, 1), date(2021, 12, 31), "year", "hy", "2021"),
        (date(1919, 1, 1), date(1920, 12, 31), "year", "en", "1919–1920"),
    ],
)
def test_periods(start, end, precision, lang, expected):
    # Babel uses thin and narrow no-break spaces around dashes; compare them as plain spaces.
    text = format_period(start, end, precision, lang).replace("\u2009", " ").replace("\u202f", " ")
    assert text == expected


def test_armenian_month_is_in_armenian_script():
    assert "մայիս" in format_period(date(1918, 5, 1), date(1918, 5, 31), "month", "hy")


def test_numbers_and_fallback():
    assert format_number(100417, "en") == "100,417"
    assert format_number(100417, "fr").replace("\u202f", " ") == "100 417"
    assert translate("no.such.key", "fr") == "no.such.key"
    assert translate("nav.map", "de") == "Map"  # unknown language falls back to English
