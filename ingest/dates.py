"""Dates and durations as written in English prose, kept at the precision the text gives.

'12 November 2024' is a day, 'October 2024' a month, '2016' a year; 'April' alone has no year and
is only dated when the caller passes the year the context supplies (never guessed here).
Month names come from the `calendar` module; arithmetic from dateutil's relativedelta.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from dateutil.relativedelta import relativedelta

from ingest.model import PartialDate

# 'January'..'December' plus 'Jan'..'Dec' and 'Sept' (calendar's abbreviations lack it).
_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DASH = r"\s*(?:–|—|-|to|and)\s*"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

# Order matters: longest, most precise forms first. Every pattern is anchored on word boundaries.
_PATTERNS = [
    # '19th – 22nd June 2018': a period; its start carries the month and year of the end
    re.compile(rf"\b{_WEEKDAY}{_DAY}{_DASH}(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\.?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+(?P<month>{_MONTH_RE})\.?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<month>{_MONTH_RE})\.?\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?(?P<month>{_MONTH_RE})\.?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<month>{_MONTH_RE})\b(?!\s+(?:1[89]|20)\d\d)", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)\b"),
]
# A bare month without day or year: only dated when the caller supplies the year.
_BARE_MONTH = re.compile(rf"\b(?:in\s+|since\s+|from\s+|by\s+|of\s+)(?P<month>{'|'.join(calendar.month_name[1:])})\b(?!\s+(?:1[89]|20)\d\d)")


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text: offsets into that text and the date at its stated precision.

    year_from_context is True when the year was not written and came from default_year.
    """
    start: int
    end: int
    text: str
    date: PartialDate
    year_from_context: bool = False
    end_date: Optional[PartialDate] = None   # the end of a stated period ('19th – 22nd June 2018')


def _build(m: re.Match, default_year: Optional[int]):
    """(date, year_from_context, period end), None when no year is known, 'invalid' for '31 February'."""
    g = m.groupdict()
    year_from_context = False
    if g.get("year"):
        year = int(g["year"])
    elif default_year is not None:
        year, year_from_context = int(default_year), True
    else:
        return None
    month = g.get("month")
    if month is None:
        return PartialDate(year), year_from_context, None
    month_n = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    day = int(g["day"]) if g.get("day") else None
    try:
        date(year, month_n, day or 1)
        end = None
        if g.get("day2"):
            date(year, month_n, int(g["day2"]))
            end = PartialDate(year, month_n, int(g["day2"]))
    except ValueError:
        return "invalid"  # '31 February' is not a date: say nothing rather than guess
    return PartialDate(year, month_n, day), year_from_context, end


def find_dates(text: str, default_year: Optional[int] = None) -> list[DateSpan]:
    """Every date in `text`, non-overlapping, in order. Without default_year, dates lacking a
    year ('14th May') are skipped; with it they are returned flagged year_from_context."""
    taken: list[tuple[int, int]] = []
    found: list[DateSpan] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            built = _build(m, default_year)
            if built == "invalid":
                taken.append((m.start(), m.end()))   # nor read its tail 'February 2024' as a month
                continue
            if built is None:
                continue
            pd, ctx, end = built
            taken.append((m.start(), m.end()))
            found.append(DateSpan(m.start(), m.end(), m.group(0), pd, ctx, end))
    if default_year is not None:
        for m in _BARE_MONTH.finditer(text):
            s = m.start("month")
            if free(s, m.end()):
                taken.append((s, m.end()))
                found.append(DateSpan(s, m.end(), m.group("month"),
                                      PartialDate(int(default_year), _MONTHS[m.group("month").lower()]), True))
    return sorted(found, key=lambda d: d.start)


def parse_partial_date(text: str, default_year: Optional[int] = None) -> Optional[PartialDate]:
    """The first date in `text` at its stated precision, or None. A bare month ('April') is dated
    only when default_year is given (the caller vouches that context supplies the year)."""
    spans = find_dates(text or "", default_year)
    return spans[0].date if spans else None


def is_date_line(line: str) -> bool:
    """True when a whole line is just a date (a letter's date line, a report's dateline)."""
    s = line.strip().strip("*_ ").rstrip(".,")
    if not s:
        return False
    spans = find_dates(s)
    return len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(s) and not s.isdigit()


# ---------------------------------------------------------------- durations

_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update({"a": 1, "an": 1, "twenty-four": 24, "thirty": 30, "eighteen": 18})
# a number as written, in words or digits ('three', '12'): for counts in prose
NUMBER = r"(?:\d+|" + "|".join(sorted((w for w in _WORD_NUMBERS if len(w) > 2), key=len, reverse=True)) + r")"


def parse_number(written: str) -> Optional[int]:
    """'three' -> 3, '12' -> 12, anything else -> None."""
    w = (written or "").strip().lower()
    return int(w) if w.isdigit() else _WORD_NUMBERS.get(w)


_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "fortnight": "F"}
_NUM = r"(?P<n>\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_DURATION = re.compile(rf"\b{_NUM}[\s-]+(?P<unit>day|week|fortnight|month|year)(?:s|ly)?\b", re.I)


# 'quarterly', 'at monthly intervals', 'annually': a recurring interval with no number written
_PERIODIC_WORDS = {"quarterly": "P3M", "monthly": "P1M", "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y",
                   "weekly": "P7D", "fortnightly": "P14D", "half-yearly": "P6M", "biannually": "P6M"}
_PERIODIC = re.compile(r"\b(" + "|".join(sorted(_PERIODIC_WORDS, key=len, reverse=True)) + r")\b", re.I)


def parse_duration(text: str) -> Optional[str]:
    """'within three months' -> 'P3M'; 'one month' -> 'P1M'; 'six monthly intervals' -> 'P6M';
    'two weeks' -> 'P14D' (weeks kept as days so xsd:duration stays simple)."""
    m = _DURATION.search(text or "")
    if not m:
        w = _PERIODIC.search(text or "")
        return _PERIODIC_WORDS[w.group(1).lower()] if w else None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
    unit = _UNITS[m.group("unit").lower()]
    if unit == "W":
        return f"P{n * 7}D"
    if unit == "F":
        return f"P{n * 14}D"
    return f"P{n}{unit}"


_ISO_DURATION = re.compile(r"^P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?$")


def add_duration(start: PartialDate, duration: str) -> PartialDate:
    """start + duration at the start's precision: a month-precision date plus P1M is a month.
    Day-level durations on a coarser date raise ValueError (the result would be invented)."""
    m = _ISO_DURATION.match(duration or "")
    if not m or not any(m.groupdict().values()):
        raise ValueError(f"not an ISO 8601 date duration: {duration!r}")
    y, mo, w, d = (int(m.group(k) or 0) for k in "YMWD")
    days = w * 7 + d
    if start.precision == "day":
        r = date(start.year, start.month, start.day) + relativedelta(years=y, months=mo, days=days)
        return PartialDate(r.year, r.month, r.day)
    if days:
        raise ValueError(f"cannot add {duration} to {start.iso()} without inventing a day")
    if start.precision == "month":
        r = date(start.year, start.month, 1) + relativedelta(years=y, months=mo)
        return PartialDate(r.year, r.month)
    if mo:
        raise ValueError(f"cannot add {duration} to {start.iso()} without inventing a month")
    return PartialDate(start.year + y)
