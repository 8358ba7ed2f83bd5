"""When two claims' periods refer to the same time.

Kinds of period a claim can carry (see ``factlint.models.Period``):

- written and resolved: a span ("in 2021", "the first three quarters of 2021")
  or a point ("as of the end of 2021");
- implied: nothing was written, so the claim describes the latest data known at
  publication (start = end = publication date). It matches a written span only
  if that span is one or more whole years that ended no more than
  ``implied_window_days`` (about six weeks) before publication: an undated "30
  percent" published in January 2022 is about 2021. A month's, a quarter's or a
  week's figure is not matched: stated undated, it may be the latest one or the
  one before (statistics take weeks to come out: an undated figure of March 2
  is January's as often as February's), and later in the year an undated figure
  is today's (a price, a stock, an event), not the year before. A written
  month-end point ("as of the end of 2021") matches when it lies within
  ``implied_window_days`` before publication; a written day ("on March 24") only
  on that day. Two implied claims match only when published on the same day
  (``implied_pair_days``): weekly and daily reports (rig counts, money-market
  shortages, fund assets) restate the same undated subjects with new figures
  every time;
- unresolved: a relative expression with no date to anchor it ("currently" in
  an undated article). Such a claim is only ever compared with other unresolved
  claims worded the same way, never with dated ones; one that points back into
  its own story ("for the month", "in the quarter") only within that story;
- no period at all: compared only within its own document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from factlint.models import Period

# About six weeks: a year's figure is stated undated in the weeks after it ends ("30
# percent" in January 2022 is 2021's); later, undated figures are today's. On the Reuters
# stories (late February to October 1987), every one of 33 conflicts an undated figure drew
# with a 1986 figure under a 13-month window was a different thing; so were 17 of the 18
# it drew with a month and all 10 with a week, a quarter or nine months.
IMPLIED_WINDOW_DAYS = 45
# Two undated claims describe the same "now" only when published the same day: "current"
# figures (rig counts, prices, stocks, tenders) move from one report to the next.
IMPLIED_PAIR_DAYS = 0


@dataclass(frozen=True, slots=True)
class PeriodPolicy:
    implied_window_days: int = IMPLIED_WINDOW_DAYS
    implied_pair_days: int = IMPLIED_PAIR_DAYS


DEFAULT_POLICY = PeriodPolicy()


def _wording(period: Period) -> str:
    return " ".join((period.text or "").casefold().split())


def is_dated(period: Optional[Period]) -> bool:
    return bool(period is not None and period.resolved and period.start is not None and period.end is not None)


def is_implied(period: Optional[Period]) -> bool:
    return is_dated(period) and period.implied  # type: ignore[union-attr]


def _same_month(a: dt.date, b: dt.date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


# A period that points back into its own story ("for the month", "in the quarter").
_ANAPHORIC = re.compile(r"(?:(?:for|in|during) )?the (?:month|quarter|period|week)(?:'s|’s)?")
_DAY_WRITTEN = re.compile(r"[A-Za-z]\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b|\b[0-3]?\d\s+[A-Z][a-z]|\d{4}-\d\d-\d\d")


def _names_a_day(period: Period) -> bool:
    """A point inside its month ("on Feb 27", "March 9"), or a month's last day written as a
    day ("on March 31"), names that day; "as of June" or "at the end of 2021" may stand for
    the month."""
    if not period.point:
        return False
    following = period.end + dt.timedelta(days=1)
    return following.month == period.end.month or bool(period.text and _DAY_WRITTEN.search(period.text))


def _written_match(a: Period, b: Period) -> bool:
    if a.point or b.point:
        # A stock counted "as of" a date matches a span that ends in that month
        # ("as of 2021" against "by the end of 2021"); a day's figure (a daily
        # balance, a tender) matches only that day's.
        if _names_a_day(a) or _names_a_day(b):
            return a.end == b.end
        return _same_month(a.end, b.end)
    return a.start == b.start and a.end == b.end


def _whole_years(period: Period) -> bool:
    """One or more whole calendar or fiscal years: whole months, a multiple of twelve."""
    start, end = period.start, period.end
    if start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return False
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months % 12 == 0


def _implied_matches_written(implied: Period, written: Period, policy: PeriodPolicy) -> bool:
    published = implied.end
    if written.end > published:
        return False
    lag = (published - written.end).days
    if written.point:
        # a day's figure (a tender, a closing price) is that day's news only
        return lag == 0 if _names_a_day(written) else lag <= policy.implied_window_days
    if written.start == written.end:
        return lag == 0                      # a one-day span: that day's news only
    return _whole_years(written) and lag <= policy.implied_window_days


def same_time(a: Optional[Period], b: Optional[Period], policy: PeriodPolicy = DEFAULT_POLICY) -> bool:
    """True when two periods refer to the same time (see the module docstring)."""
    if a is None or b is None:
        return a is None and b is None
    if not a.resolved or not b.resolved:
        if a.resolved or b.resolved:
            return False
        return bool(_wording(a)) and _wording(a) == _wording(b)
    if not is_dated(a) or not is_dated(b):
        return False
    if a.implied and b.implied:
        return abs((a.end - b.end).days) <= policy.implied_pair_days
    if a.implied:
        return _implied_matches_written(a, b, policy)
    if b.implied:
        return _implied_matches_written(b, a, policy)
    return _written_match(a, b)


def bucket(period: Optional[Period], path: str) -> tuple:
    """A blocking key: periods that can match share a bucket or sit in adjacent years.

    Dated periods fall in the year their end lies in; an implied period can also
    match the previous year (see ``visitor_buckets``).
    """
    if period is None:
        return ("none", path)
    if not period.resolved:
        wording = _wording(period)
        if _ANAPHORIC.fullmatch(wording):
            return ("unresolved", wording, path)    # "for the month": this story's month only
        return ("unresolved", wording)
    if not is_dated(period):
        return ("none", path)
    return ("year", period.end.year)


def document_bound(period: Optional[Period]) -> bool:
    """Whether claims with this period are compared only within their own document (no
    period, no dates, or one that points back into its story)."""
    key = bucket(period, "")
    return key[0] == "none" or len(key) == 3


def visitor_buckets(period: Optional[Period], policy: PeriodPolicy = DEFAULT_POLICY) -> tuple[tuple, ...]:
    """Other buckets an implied period must be compared against (earlier years in its window)."""
    if not is_implied(period):
        return ()
    earliest = period.end - dt.timedelta(days=policy.implied_window_days)  # type: ignore[union-attr]
    return tuple(("year", y) for y in range(earliest.year, period.end.year))  # type: ignore[union-attr]


def rate_date(period: Optional[Period], published: Optional[dt.date]) -> Optional[tuple[dt.date, dt.date]]:
    """The dates whose exchange rates convert a claim: its period, else its publication date."""
    if is_dated(period) and not period.implied:  # type: ignore[union-attr]
        return period.start, period.end  # type: ignore[union-attr]
    if published is not None:
        return published, published
    if is_dated(period):
        return period.end, period.end  # type: ignore[union-attr]
    return None
