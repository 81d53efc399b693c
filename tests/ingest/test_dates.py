"""Dates keep the precision the text gives; durations become ISO 8601."""
from __future__ import annotations

import pytest

from ingest.dates import add_duration, find_dates, is_date_line, parse_duration, parse_number, parse_partial_date
from ingest.model import PartialDate as D


@pytest.mark.parametrize("text, expected", [
    ("12 November 2024", D(2024, 11, 12)),
    ("on 22nd January 2025.", D(2025, 1, 22)),
    ("Wednesday, 3rd March 2021", D(2021, 3, 3)),
    ("March 3, 2021", D(2021, 3, 3)),
    ("elected in October 2024", D(2024, 10)),
    ("Sept 2019", D(2019, 9)),
    ("25.11.2024", D(2024, 11, 25)),
    ("2016", D(2016)),
    ("19th – 22nd June 2018", D(2018, 6, 19)),
    ("31 February 2024", None),
    ("no date here", None),
])
def test_parse_partial_date(text, expected):
    assert parse_partial_date(text) == expected


def test_year_only_from_context_when_caller_says_so():
    assert parse_partial_date("on 14th May") is None
    assert parse_partial_date("on 14th May", default_year=2025) == D(2025, 5, 14)
    assert parse_partial_date("a C3 rating in April") is None
    spans = find_dates("a C3 rating in April", default_year=2025)
    assert [(s.text, s.date, s.year_from_context) for s in spans] == [("April", D(2025, 4), True)]


def test_find_dates_spans_and_period_end():
    text = "A workshop on 18th March and the meeting on 14 May 2025; visit 19th – 22nd June 2018."
    spans = find_dates(text)
    assert [(text[s.start:s.end], s.date.iso()) for s in spans] == [("14 May 2025", "2025-05-14"),
                                                                   ("19th – 22nd June 2018", "2018-06-19")]
    assert spans[1].end_date == D(2018, 6, 22)


def test_is_date_line():
    assert is_date_line("12 November 2024") and is_date_line("June 2018") and is_date_line("**21 May 2025**")
    assert not is_date_line("Tel 020 7364 1363") and not is_date_line("2016") and not is_date_line("In May 2022 we met")


@pytest.mark.parametrize("text, iso", [
    ("Within **one month** of the date of these Directions", "P1M"),
    ("Within three months from the date", "P3M"),
    ("at three monthly intervals", "P3M"),
    ("at six monthly intervals", "P6M"),
    ("for an initial period of two years", "P2Y"),
    ("within 28 days", "P28D"),
    ("within two weeks", "P14D"),
    ("report quarterly to the Board", "P3M"),
    ("at monthly intervals", "P1M"),
    ("a half-yearly report", "P6M"),
    ("as soon as possible", None),
])
def test_parse_duration(text, iso):
    assert parse_duration(text) == iso


def test_add_duration_keeps_precision():
    assert add_duration(D(2024, 11, 12), "P1M") == D(2024, 12, 12)
    assert add_duration(D(2024, 11, 12), "P3M") == D(2025, 2, 12)
    assert add_duration(D(2024, 1, 31), "P1M") == D(2024, 2, 29)
    assert add_duration(D(2025, 1), "P3M") == D(2025, 4)
    assert add_duration(D(2025), "P3Y") == D(2028)
    with pytest.raises(ValueError, match="without inventing a day"):
        add_duration(D(2025, 1), "P14D")
    with pytest.raises(ValueError, match="not an ISO 8601"):
        add_duration(D(2025, 1, 1), "three months")


@pytest.mark.parametrize("written, n", [("three", 3), ("Twelve", 12), ("12", 12), ("several", None), ("", None)])
def test_parse_number(written, n):
    assert parse_number(written) == n
