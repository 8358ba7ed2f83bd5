"""Publication dates as news sites print them.

"2022-12-09", "2023-12-06 20:27", "December 22, 2022", "Dec. 22, 2022",
"22 December 2022", "Wednesday, January 24, 2022", "2022/12/09", "2022年12月9日",
and ISO timestamps from front matter and meta tags. Day-first or month-first
numeric forms ("09/12/2022") are ambiguous and deliberately not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

_DATE_RES = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])"),
    re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?![\d])"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})(?![\d])", re.IGNORECASE),
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})(?![\d])",
               re.IGNORECASE),
]

# What may follow a date in a header field: a time, a zone.
_TIME_REST = re.compile(
    r"\s*(?:[T ,]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:GMT|UTC|BJT|CST|EST|EDT|BST|CET)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
    r"\s*[.;,]?\s*$",
    re.IGNORECASE,
)

MIN_YEAR, MAX_YEAR = 1800, 2200


def _build(m: re.Match) -> Optional[dt.date]:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
        day = int(groups["d"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return dt.date(year, month, day)
    except (ValueError, KeyError, TypeError):
        return None


def parse_date(text: str, whole: bool = True) -> Optional[dt.date]:
    """The date ``text`` starts with; with ``whole`` only a time or zone may follow it."""
    s = text.strip()
    for rx in _DATE_RES:
        m = rx.match(s)
        if m is None:
            continue
        date = _build(m)
        if date is None:
            continue
        if whole and not _TIME_REST.match(s, m.end()):
            continue
        return date
    return None


def coerce_date(value: Any) -> Optional[dt.date]:
    """A front-matter or meta-tag value as a date: date, datetime or a date string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value, whole=False)
    return None
