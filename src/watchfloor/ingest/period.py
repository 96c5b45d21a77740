"""Reporting periods in titles and news datelines.

Every pattern is bounded and runs on at most ``MAX_CHARS`` characters of one line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from watchfloor.ingest.base import Period

MAX_CHARS = 400
MAX_PERIOD_DAYS = 366

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Longest first so "September" is not read as "Sep" + "tember".
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DASH = r"\s{0,3}(?:[-‐‑‒–—―]{1,2}|to|until|through)\s{0,3}"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\b"
_YEAR = r"((?:19|20)\d\d)\b"

# "June 29 – July 5, 2017", "November 2 – 8, 2017", "February 13-19, 2020",
# "December 28, 2019 – January 3, 2020", "Sept. 28 - Oct. 4, 2017"
_MONTH_FIRST = re.compile(
    rf"\b({_MONTH})\s{{0,3}}{_DAY}(?:,?\s{{1,3}}{_YEAR})?{_DASH}"
    rf"(?:({_MONTH})\s{{0,3}})?{_DAY},?\s{{0,3}}{_YEAR}",
    re.IGNORECASE,
)
# "29 June – 5 July 2017", "13-19 February 2020", "28 December 2019 – 3 January 2020"
_DAY_FIRST = re.compile(
    rf"\b{_DAY}(?:\s{{1,3}}({_MONTH})(?:,?\s{{1,3}}{_YEAR})?)?{_DASH}"
    rf"{_DAY}\s{{1,3}}({_MONTH}),?\s{{1,3}}{_YEAR}",
    re.IGNORECASE,
)
# "BAGHDAD, Feb 14 (Reuters) -", "MOSUL, Iraq, June 30, 2017 (AP) —"
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'’-]{1,40}(?:,\s{0,2}[A-Z][A-Za-z .'’-]{1,30}){0,2},\s{0,2}"
    rf"({_MONTH})\s{{0,3}}{_DAY}(?:,\s{{0,2}}{_YEAR})?\s{{0,3}}"
    r"(?:\(([A-Za-z][A-Za-z .&'-]{1,40})\))?\s{0,3}[-–—:]",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s{1,3})?"
# A line that is only a date: "March 4, 2024", "Friday, 4 March 2024", "2024-03-04"
_DATE_ONLY_MONTH_FIRST = re.compile(
    rf"^{_WEEKDAY}({_MONTH})\s{{0,3}}{_DAY},?\s{{1,3}}{_YEAR}$", re.IGNORECASE
)
_DATE_ONLY_DAY_FIRST = re.compile(
    rf"^{_WEEKDAY}{_DAY}\s{{1,3}}({_MONTH}),?\s{{1,3}}{_YEAR}$", re.IGNORECASE
)
_DATE_ONLY_ISO = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)$")


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _make_period(
    month1: int, day1: int, year1: int | None, month2: int, day2: int, year2: int
) -> Period | None:
    if year1 is None:
        year1 = year2 if (month1, day1) <= (month2, day2) else year2 - 1
    try:
        start, end = dt.date(year1, month1, day1), dt.date(year2, month2, day2)
    except ValueError:
        return None
    if not 0 <= (end - start).days <= MAX_PERIOD_DAYS:
        return None
    return start, end


def parse_period(title: str) -> Period | None:
    """Find a reporting period such as ``(June 29 – July 5, 2017)`` in a title line.

    Accepts en dash, em dash, hyphen or "to"; a repeated year ("November 2 – 8, 2017, 2017");
    a year on both ends ("December 28, 2019 – January 3, 2020"); month names or their
    abbreviations; month-first or day-first order. Returns ``(start, end)`` or None.
    """
    line = title[:MAX_CHARS]
    match = _MONTH_FIRST.search(line)
    if match:
        m1, d1, y1, m2, d2, y2 = match.groups()
        month1 = _month(m1)
        if not m2 and int(d2) < int(d1):
            return None  # "March 10 – 4": not a range
        return _make_period(
            month1,
            int(d1),
            int(y1) if y1 else None,
            _month(m2) if m2 else month1,
            int(d2),
            int(y2),
        )
    match = _DAY_FIRST.search(line)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        month2 = _month(m2)
        if not m1 and int(d2) < int(d1):
            return None
        return _make_period(
            _month(m1) if m1 else month2,
            int(d1),
            int(y1) if y1 else None,
            month2,
            int(d2),
            int(y2),
        )
    return None


def find_period(lines: Iterable[str]) -> Period | None:
    """The first period found in ``lines`` (title, then the lines under it)."""
    for line in lines:
        period = parse_period(line)
        if period:
            return period
    return None


def parse_date_only(line: str) -> dt.date | None:
    """The date of a line that holds nothing but a date (``March 4, 2024``), else None."""
    line = line.strip()[:60]
    try:
        match = _DATE_ONLY_MONTH_FIRST.match(line)
        if match:
            return dt.date(int(match.group(3)), _month(match.group(1)), int(match.group(2)))
        match = _DATE_ONLY_DAY_FIRST.match(line)
        if match:
            return dt.date(int(match.group(3)), _month(match.group(2)), int(match.group(1)))
        match = _DATE_ONLY_ISO.match(line)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def parse_dateline(
    line: str, *, period: Period | None = None, year: int | None = None
) -> tuple[dt.date | None, str | None]:
    """Read a news dateline (``BAGHDAD, Feb 14 (Reuters) -``): ``(date, agency)``.

    A dateline without a year takes it from ``period`` (the year that puts the day nearest
    the period) or else ``year`` (file metadata); with neither, the date is None.
    """
    match = _DATELINE.match(line[:MAX_CHARS])
    if not match:
        return None, None
    month_name, day, year_text, agency = match.groups()
    agency = agency.strip() if agency else None
    month = _month(month_name)
    candidates: list[int] = []
    if year_text:
        candidates = [int(year_text)]
    elif period:
        candidates = sorted({period[0].year, period[1].year})
    elif year:
        candidates = [year]
    dates: list[dt.date] = []
    for cand_year in candidates:
        try:
            dates.append(dt.date(cand_year, month, int(day)))
        except ValueError:
            continue
    if not dates:
        return None, agency
    if period and not year_text:
        return min(dates, key=lambda date: _distance(date, period)), agency
    return dates[0], agency


def _distance(date: dt.date, period: Period) -> int:
    if date < period[0]:
        return (period[0] - date).days
    if date > period[1]:
        return (date - period[1]).days
    return 0
