from __future__ import annotations

from datetime import date

import pytest

from geo.errors import InputError
from geo.timespan import DatePrecision, FuzzyDate, TimeSpan


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31), DatePrecision.YEAR),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), DatePrecision.MONTH),
        ("2015-06-12", date(2015, 6, 12), date(2015, 6, 12), DatePrecision.DAY),
    ],
)
def test_fuzzy_date_bounds(text: str, first: date, last: date, precision: DatePrecision) -> None:
    d = FuzzyDate.parse(text)
    assert (d.first, d.last, d.precision, str(d)) == (first, last, precision, text)


@pytest.mark.parametrize("text", ["2016-13", "2015-02-30", "15", "June 2015", "2015/06", ""])
def test_bad_dates(text: str) -> None:
    with pytest.raises(InputError):
        FuzzyDate.parse(text)


def test_span_without_end_covers_its_period() -> None:
    span = TimeSpan.parse("2015-06")
    assert (span.first_day, span.last_day) == (date(2015, 6, 1), date(2015, 6, 30))


def test_open_end_and_reversed_span() -> None:
    assert TimeSpan.parse("2015", "..").last_day is None
    with pytest.raises(InputError, match="before"):
        TimeSpan.parse("2016", "2015-06")
