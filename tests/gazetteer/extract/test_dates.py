"""Dates in report text: precision kept, relative words against a reference date."""

from __future__ import annotations

import pytest

from gazetteer.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("They arrived in the summer of 2019.", "", [("2019-06", "2019-08")]),
        ("The winter of 2012 was hard.", "", [("2012-12", "2013-02")]),
        ("by March 2021 and since 2018", "", [("2021-03", ""), ("2018", "")]),
        ("in late 2009", "", [("2009", "")]),
        ("on August 14 they left", "2020-09-01", [("2020-08-14", "")]),
        ("on 3 October they left", "2020-09-01", [("2019-10-03", "")]),
        ("in the spring", "2020-09", [("2020-03", "2020-05")]),
        ("last year", "2020-09", [("2019", "")]),
    ],
)
def test_dates(text: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.date, f.until) for f in find_dates(text, published)] == expected


def test_without_a_report_date_a_month_takes_the_last_year_given_before_it() -> None:
    found = find_dates("Raids rose in 2011. In early May a depot burned; on June 9 more.")
    assert [(f.date, f.anchored) for f in found] == [
        ("2011", False), ("2011-05", True), ("2011-06-09", True)
    ]  # fmt: skip
    assert find_dates("In early May a depot burned.") == []  # no year before it: nothing


def test_a_month_word_in_lower_case_is_no_date() -> None:
    assert find_dates("they may 2 go", "2020-01") == []
