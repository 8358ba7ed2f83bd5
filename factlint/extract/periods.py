"""Find the time expressions of a sentence and resolve them to dates.

One compiled regex finds every expression ("last year", "as of the end of 2021",
"the first three quarters of 2021", "Q3", "by 2025", "currently", newswire "1986",
"year-ago" ...); :func:`resolve` turns a match into a :class:`Period` relative to
the document's publication date. dateparser is not used: on free text it guesses
("As of June, 55" becomes 1955), and the expressions news uses are few.

Which quantity a period belongs to is decided by :func:`assign_periods`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _c
from re._parser import parse as _parse_regex
from typing import Optional, Sequence

from factlint.models import Period, trusted

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Month names are matched case-sensitively (capitalised) so that "may" the verb is no month.
_MONTH = (r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?"
          r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])")
_FULL_MONTH = (r"(?-i:January|February|March|April|June|July|August|September|October|November"
               r"|December)(?![a-z])")
_FULL_MONTH_ANY_CASE = (r"(?:january|february|march|april|june|july|august|september|october|november"
                        r"|december)(?![a-z])")
_YEAR = r"(?:19[5-9]\d|20\d\d)(?!\d|[,.]\d|\s*(?:%|percent|per\s*cent|pct\b))"
_NUMW = r"two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}"
_ORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
_YEAR_TAIL = r"(?:\s+of)?(?:\s+(?:(?:fiscal\s+)?(?P<{p}_y>{Y})|(?P<{p}_rel>this|last|next|the)\s+year))?"

_BRANCHES = [
    # "last week", "the previous week", "a week earlier": the calendar week before publication
    r"(?P<lastwk>last\s+week|(?:the\s+)?(?:previous|prior|preceding)\s+week|(?:a|one)\s+week\s+(?:earlier|ago|before)"
    r"|the\s+week\s+before)",
    # comparison with the year before ("from 1.94 billion a year earlier", "year-ago")
    r"(?P<prior>(?:the\s+)?same\s+(?:period|quarter|month|time)\s+(?:of\s+|a\s+)?(?:last|the\s+previous|the\s+prior)\s+year"
    r"|(?:a|one)\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous)[-\s]year(?:\s+period)?"
    r"|the\s+year\s+before|last\s+year[-\s]to[-\s]date|\bprior\b)",
    # "against 1.58 mln in the same period of 1985", "the same 1985 period": the figure's own
    # span in that year (January/December or a year-to-date), not the whole year
    r"(?P<sameyr>(?:the\s+)?(?:same|corresponding|comparable)\s+(?:(?P<sameyr_y1>" + _YEAR + r")\s+)?"
    r"(?:period|quarter|months|month|weeks|time)(?(sameyr_y1)|\s+(?:of|in)\s+(?P<sameyr_y>" + _YEAR + r")))",
    # "the first three quarters of 2021", "first nine months", newswire "nine mths"
    r"(?P<cum>(?:the\s+)?first\s+(?P<cum_n>" + _NUMW + r")\s+(?P<cum_u>quarters|months|mths|mos)\b"
    + _YEAR_TAIL.format(p="cum", Y=_YEAR) + r")",
    # "the first 20 days of February": those days
    r"(?P<days>(?:the\s+)?first\s+(?P<days_n>[1-9]\d?|ten|twenty)\s+days\s+of\s+(?P<days_m>" + _MONTH + r")"
    r"(?:,?\s+(?P<days_y>" + _YEAR + r"))?)",
    r"(?P<week>(?:the\s+)?(?P<week_n>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<week_m>" + _MONTH + r")"
    r"(?:,?\s+(?P<week_y>" + _YEAR + r"))?)",
    # "the week ended February 22": the seven days to that date
    r"(?P<wkend>(?:the\s+)?(?:(?P<wkend_n>[1-9]\d?|two|three|four|five|six|eight|ten|twelve|thirteen|twenty-six"
    r"|fifty-two)\s+weeks|week)\s+(?:ended|ending|to)\s+(?:(?P<wkend_m>" + _MONTH + r")\s+(?P<wkend_d>[0-3]?\d)"
    r"|(?P<wkend_d2>[0-3]?\d)\s+(?P<wkend_m2>" + _MONTH + r"))(?:st|nd|rd|th)?(?:,?\s+(?P<wkend_y>" + _YEAR + r"))?)",
    # "Tuesday's auction": the latest such day by the publication date
    r"(?P<wday>(?-i:(?P<wday_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?:'s|’s))",
    # "averaged 6.35 pct on Friday", "traded yesterday at 16.50 dlrs": that day, for the figure
    # next to it only (see assign_periods)
    r"(?P<day>on\s+(?-i:(?P<day_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?!'s|’s)"
    r"|(?P<day_y>yesterday)(?!'s|’s))",
    r"(?P<mths>\b(?P<mths_n>three|six|nine|twelve|3|6|9|12)\s+mths\b)",
    r"(?P<ended>(?:the\s+)?(?P<ended_u>year|twelve\s+months|12\s+months|quarter|three\s+months|3\s+months|six\s+months"
    r"|6\s+months|half(?:[-\s]year)?|nine\s+months|9\s+months)\s+(?:ended|ending|to|through)\s+(?P<ended_m>" + _MONTH + r")"
    r"(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?:,?\s+(?P<ended_y>" + _YEAR + r"))?)",
    # "the September quarter", "the 1985 December quarter", "the December 1986 quarter"
    r"(?P<mq>(?:the\s+)?(?:(?P<mq_y1>" + _YEAR + r")\s+)?(?P<mq_m>" + _MONTH + r")(?:\s+(?P<mq_y>" + _YEAR + r"))?"
    r"\s+quarter\b)",
    r"(?P<half>(?:the\s+)?(?P<half_n>first|second|1st|2nd)[\s-]+half\b" + _YEAR_TAIL.format(p="half", Y=_YEAR)
    + r"|\b(?-i:H(?P<half_h>[12]))(?:\s*(?P<half_hy>" + _YEAR + r"))?\b)",
    r"(?P<qtr>(?:the\s+)?(?P<qtr_n>" + _ORD + r")[\s-]+(?:quarter|qtr)\b" + _YEAR_TAIL.format(p="qtr", Y=_YEAR)
    + r"|\b(?-i:Q(?P<qtr_q>[1-4]))(?:\s*(?P<qtr_qy>" + _YEAR + r"))?\b)",
    # points: "as of the end of 2021", "as of June", "at end-1986", "by 2025", "year-end 2021"
    r"(?P<asof>(?P<asof_w>as\s+(?:of|at)|at|by|until|through|to)\s+(?:the\s+)?(?P<asof_end>(?:end|close)(?:\s+of|-)\s*(?:the\s+)?)?"
    r"(?:(?P<asof_m>" + _MONTH + r")(?:\s+(?P<asof_d>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<asof_my>" + _YEAR + r"))?"
    r"|(?P<asof_y>" + _YEAR + r")|(?P<asof_rel>this|last|next|the)\s+year))",
    r"(?P<yend>(?:year[-\s]end|end-)\s*(?P<yend_y>" + _YEAR + r"))",
    r"(?P<range>(?:from|between)\s+(?P<range_a>" + _YEAR + r")\s+(?:to|and|through|until)\s+(?P<range_b>" + _YEAR + r")"
    r"|\b(?P<range_c>" + _YEAR + r")\s*[-–/]\s*(?P<range_d>" + _YEAR + r"|\d\d)\b)",
    # "from January to March", "between March 1 and April 15, 1987": the days between, not the
    # point "to March" names alone
    r"(?P<mspan>(?:from|between)\s+(?P<mspan_a>" + _MONTH + r")(?:\s+(?P<mspan_ad>[0-3]?\d)(?:st|nd|rd|th)?)?"
    r"(?:,?\s+(?P<mspan_ay>" + _YEAR + r"))?\s+(?:to|and|through|until|till)\s+(?P<mspan_b>" + _MONTH + r")"
    r"(?:\s+(?P<mspan_bd>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s+(?P<mspan_by>" + _YEAR + r")"
    r"|\s+(?P<mspan_rel>this|last|next)\s+year)?(?!\s*(?:%|pct|percent))\b)",
    # newswire "January/December 1986", "Jan-Nov 1986": the months between, in one year
    r"(?P<mrange>(?:(?:in|for|during|of|over)\s+)?(?P<mrange_a>" + _MONTH + r")\s*[/–-]\s*(?P<mrange_b>" + _MONTH + r")"
    r"(?:,?\s+(?P<mrange_y>" + _YEAR + r"))?)",
    r"(?P<iso>\b(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)",
    r"(?P<date>(?P<date_m>" + _MONTH + r")\s+(?P<date_d>[0-3]?\d)(?:st|nd|rd|th)?"
    r"(?:(?:\s*[-–]\s*|\s+through\s+)(?P<date_to>[0-3]?\d)(?:st|nd|rd|th)?)?\b(?!\s*(?:%|pct|percent))"
    r"(?:,?\s+(?P<date_y>" + _YEAR + r"))?|\b(?P<date_d2>[0-3]?\d)\s+(?P<date_m2>" + _MONTH + r")(?:,?\s+(?P<date_y2>" + _YEAR + r"))?)",
    # a month name in lower case is no verb when a year follows ("a surplus in january 1986")
    r"(?P<my>(?P<my_m>" + _MONTH + r"|" + _FULL_MONTH_ANY_CASE + r")\s+(?P<my_y>" + _YEAR + r"))",
    r"(?P<ytd>so\s+far\s+this\s+year|(?:this\s+)?year[-\s]to[-\s]date)",
    r"(?P<rely>(?P<rely_w>last|this|next|past|current)\s+year\b)",
    r"(?P<relm>(?P<relm_w>last|this|next|past)\s+month\b)",
    r"(?P<mon>(?:(?P<mon_w>in|for|during|of|last|this|since|until|before|after)\s+)?(?:(?P<mon_m>" + _MONTH + r")"
    r"|(?P<mon_full>" + _FULL_MONTH + r"))(?:,?\s+(?P<mon_y>" + _YEAR + r")|\s+(?P<mon_rel>last|this|next)\s+year)?)",
    r"(?P<year>(?:(?P<year_w>in|for|during|throughout|over|of|fiscal|calendar|since|until|before|after|from|the)\s+)?"
    # a split year ("fiscal 1986/87", "the 1987/88 season") is the range above, not its first year
    r"(?P<year_y>" + _YEAR + r")(?!\s*[-–/]\s*\d\d(?:\d\d)?\b))",
    # "for the month", "in the quarter", "the period's": the story's own period, which its
    # headline or an earlier story may name; it says nothing a reader elsewhere can date
    r"(?P<anaph>(?:(?:for|in|during)\s+the\s+(?:month|quarter|period|week)|the\s+(?:month|quarter|period|week)(?:'s|’s))"
    r"(?!\s+(?:ended|ending|to|through|of|before|after|ahead|just|under|from|between|since)\b))",
    r"(?P<now>\b(?:currently|at\s+present|presently|now|at\s+the\s+moment|to\s+date|so\s+far)\b)",
    # "for the current season", "last season": a crop or marketing year, as "1986/87" is
    r"(?P<season>(?:the\s+)?(?P<season_w>current|this|last|previous|next|coming)\s+(?:crop\s+|marketing\s+)?"
    r"(?:season|campaign|crop\s+year|marketing\s+year)\b)",
]


def _first_chars(items) -> tuple[Optional[set], bool]:
    """(the lower-cased characters a parsed regex sequence can start with, None for any; whether
    it can match the empty string). Lookarounds and anchors count as empty, so the set only
    ever errs on the large side."""
    chars: set = set()
    for op, av in items:
        if op is _c.LITERAL:
            found, empty = {chr(av).lower()}, False
        elif op is _c.IN:
            found, empty = _class_chars(av), False
        elif op is _c.BRANCH:
            found, empty = set(), False
            for alternative in av[1]:
                alt_chars, alt_empty = _first_chars(alternative)
                if alt_chars is None:
                    return None, True
                found |= alt_chars
                empty = empty or alt_empty
        elif op is _c.SUBPATTERN:
            found, empty = _first_chars(av[-1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            found, empty = set(), True
        else:                                  # any character, a negated one, a group reference
            return None, True
        if found is None:
            return None, True
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _class_chars(items) -> Optional[set]:
    chars: set = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av).lower())
        elif op is _c.RANGE and av[1] - av[0] < 256:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:                                  # a negation, \w, \s, a wide range
            return None
    return chars


def _guarded(branch: str) -> str:
    """``branch`` behind a lookahead for the characters it can start with: a match attempt
    at a word then leaves most branches at their first character instead of working through
    their optional words ("the", "fiscal") first. The lookahead never rejects a match."""
    chars, empty = _first_chars(_parse_regex(branch, re.IGNORECASE).data)
    if chars is None or empty:
        return branch
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(chars)) + "])" + branch


PERIOD_RE = re.compile(r"(?<![\w.-])(?:" + "|".join(map(_guarded, _BRANCHES)) + r")(?![\w])", re.IGNORECASE)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words before a year that make it something other than the period of a figure.
_NOT_A_PERIOD_BEFORE = frozenset({"since", "until", "before", "after", "from"})


@dataclass(slots=True)
class PeriodMatch:
    start: int
    end: int
    period: Optional[Period]     # None for a "prior" marker and a span's "start"
    kind: str                    # explicit, prior, now, target, date, start, day, earlier
    future: bool = False         # lies after the publication date: a target or forecast
    year: Optional[int] = None   # a "prior" marker's own year ("the same period of 1985")


_PERIOD_FIELDS = frozenset(Period.model_fields)


def _period(*, start, end, text, point, resolved, implied) -> Period:
    """``Period.model_construct`` without its per-call field loop (the extractor's hot path)."""
    return trusted(Period, {"start": start, "end": end, "text": text, "point": point, "resolved": resolved,
                            "implied": implied}, set(_PERIOD_FIELDS))


def _month_of(name: str) -> int:
    return _MONTHS[name[:3].lower()]


@lru_cache(maxsize=4096)
def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span(text: str, start: dt.date, end: dt.date, point: bool = False) -> Period:
    return _period(start=start, end=end, text=text, point=point, resolved=True, implied=False)


def _unresolved(text: str, point: bool = False) -> Period:
    return _period(start=None, end=None, text=text, point=point, resolved=False, implied=False)


def implied_period(doc_date: Optional[dt.date]) -> Period:
    """No period written: the publication date, as a point, flagged implied."""
    return _period(start=doc_date, end=doc_date, text=None, point=True,
                                  resolved=doc_date is not None, implied=True)


# A market report's figure of the moment ("fell 12.52 points to 1922.51", "closed 0.33 cent
# higher", "5.74 pct bid", "the afternoon fix of 566.35"): stories of the same day give it at
# other hours, so an undated one is no "latest figure" another story can be held to.
_MARKET_SNAPSHOT = re.compile(
    r"\b(?:closed|opened|ended|finished)\s+(?:the day\s+)?(?:at|up|down|higher|lower|unchanged|steady|"
    r"firm(?:er)?|weak(?:er)?|\d)"
    r"|\b(?:at the close|to close|closing|midday|midsession|fix(?:ed|ing)?|(?:morning|afternoon) setting)\b"
    r"|\d\s*(?:pct\s+)?bid\b"
    r"|\b(?:rose|fell|gained|lost|eased|slipped|slid|climbed|dropped|added|shed|edged (?:up|down|higher|lower)|"
    r"was (?:up|down)|were (?:up|down)|up|down|off)\s+(?:[\d.,/ -]+\s*(?:points?|cents?|cts|basis points|dlrs?)"
    r"\s+(?:higher\s+|lower\s+)?(?:to|at)\s+\d|\d+(?:-\d+)?/\d+\s+to\s+\d)")
# A central bank's money market operations, several a day ("bought 13 mln stg of band one bank
# bills", "bringing its total assistance to 1.503 billion stg"); looked for only in sentences
# with one of _OPERATION_HINTS, since most have none
_MONEY_MARKET_OPERATION = re.compile(
    r"\bband (?:one|two|three|four|1|2|3|4)\b|\bbank bills\b|\b(?:market|total) (?:assistance|shortage|help)\b")
_OPERATION_HINTS = ("band ", "bank bills", "assistance", "shortage", " help")


def market_snapshot(low: str) -> bool:
    """Whether a lower-cased sentence reports a market's figure of the moment (see _MARKET_SNAPSHOT)."""
    if _MARKET_SNAPSHOT.search(low) is not None:
        return True
    return any(h in low for h in _OPERATION_HINTS) and _MONEY_MARKET_OPERATION.search(low) is not None


def _year_from(rel: Optional[str], explicit: Optional[str], doc_date: Optional[dt.date]) -> Optional[int]:
    if explicit:
        return int(explicit)
    if rel is None or doc_date is None:
        return None
    rel = rel.lower()
    if rel == "last":
        return doc_date.year - 1
    if rel == "next":
        return doc_date.year + 1
    return doc_date.year


def _recent_year(start_month: int, doc_date: Optional[dt.date]) -> Optional[int]:
    """Year of the latest period starting in ``start_month`` that began by the publication date."""
    if doc_date is None:
        return None
    return doc_date.year if start_month <= doc_date.month else doc_date.year - 1


def _completed_year(end_month: int, doc_date: Optional[dt.date]) -> Optional[int]:
    """Year of the latest period ending in ``end_month`` that ended by the publication date."""
    if doc_date is None:
        return None
    return doc_date.year if _last_day(doc_date.year, end_month) <= doc_date else doc_date.year - 1


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                       # 29 February
        return day.replace(year=day.year + years, day=28)


def _moved(base: Period, years: int, text: str) -> Period:
    """``base`` (with dates) the given number of years earlier or later; a February that ends
    on its last day still does."""
    end = base.end
    new_end = _last_day(end.year + years, 2) if end.month == 2 and end.day >= 28 else _shift_years(end, years)
    return _period(start=_shift_years(base.start, years), end=new_end, text=text, point=base.point,
                   resolved=True, implied=base.implied)


def prior_period(base: Period) -> Optional[Period]:
    """The same period one year earlier ("vs" figures in results, "a year earlier"); none
    for a base with no dates ("134 rigs a year ago" against "83 for the week" of a story with
    no date): "prior" alone would match every other undatable year-ago figure."""
    if base.start is None or base.end is None:
        return None
    return _moved(base, -1, "prior")


def _in_year(base: Period, year: int) -> Optional[Period]:
    """"Against 1.58 mln tonnes in the same period of 1985": the figure's span moved to that
    year; with no written span to move (an undated figure), no period."""
    if not base.resolved or base.implied or base.start is None or base.end is None:
        return None
    shift = year - base.end.year
    if shift >= 0 or shift < -30:
        return None                          # a "same period" that is no earlier one: unclear
    return _moved(base, shift, f"same period of {year}")


def earlier_period(base: Period) -> Optional[Period]:
    """A "from X" figure with no period of its own ("rose to 5.2 pct in February from 5.0 pct").

    Stated against a calendar year or a week, it is the one before ("1985", the week
    before); against a quarter, half or year-to-date span, the same span a year earlier (how
    results are reported). Against a month it may be either the month before (economic
    statistics) or the month a year earlier (a company's sales or traffic: "March revenue
    passenger miles rose to 225.9 mln from 215.6 mln"), and against a point, an implied or
    an unresolved period nothing can be said: no period (compared only within its own
    document)."""
    start, end = base.start, base.end
    if not base.resolved or base.implied or base.point or start is None or end is None:
        return None
    days = (end - start).days + 1
    if days == 7:
        return _span("the week before", start - dt.timedelta(days=7), start - dt.timedelta(days=1))
    if start.day != 1 or end != _last_day(end.year, end.month):
        # a year to date ("year to date, sales rose to 20,398 from 18,477"): a year earlier
        return prior_period(base) if (start.month, start.day) == (1, 1) and end.year == start.year else None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.month == 1:
        return _span(str(start.year - 1), dt.date(start.year - 1, 1, 1), dt.date(start.year - 1, 12, 31))
    if months in (3, 6, 9, 12):
        return prior_period(base)
    return None


def _month_span(g: "_Groups", text: str, doc_date: Optional[dt.date]) -> Optional[Period]:
    """"from January to March": the first day of the one to the last of the other."""
    first, last = _month_of(g["mspan_a"]), _month_of(g["mspan_b"])
    crosses = last < first
    end_year = int(g["mspan_by"]) if g["mspan_by"] else _year_from(g["mspan_rel"], None, doc_date) \
        if g["mspan_rel"] else None
    if g["mspan_ay"]:
        start_year = int(g["mspan_ay"])
    elif end_year is not None:
        start_year = end_year - crosses
    elif doc_date is None:
        return _unresolved(text)
    else:
        # no year: the span nearest the publication date, also a coming one ("for delivery
        # between May 10 and July 30" in March, "an output ceiling from July to December" in June)
        spans = [_days_of(g, year, crosses) for year in range(doc_date.year - 1, doc_date.year + 2)]
        found = [span for span in spans if span is not None]
        if not found:
            return None
        start, end = min(found, key=lambda span: _distance(span, doc_date))
        return _span(text, start, end, point=start == end)
    days = _days_of(g, start_year, crosses if end_year is None else end_year - start_year)
    if days is None:
        return None
    return _span(text, days[0], days[1], point=days[0] == days[1])


def _days_of(g: "_Groups", start_year: int, years: int) -> Optional[tuple[dt.date, dt.date]]:
    """The first and last day of a "from <month> to <month>" span starting in ``start_year``."""
    first, last = _month_of(g["mspan_a"]), _month_of(g["mspan_b"])
    try:
        start = dt.date(start_year, first, int(g["mspan_ad"] or 1))
        end_year = start_year + years
        end = dt.date(end_year, last, int(g["mspan_bd"])) if g["mspan_bd"] else _last_day(end_year, last)
    except ValueError:
        return None
    return (start, end) if start <= end else None


def _distance(span: tuple[dt.date, dt.date], day: dt.date) -> int:
    """Days between ``day`` and a span (0 inside it)."""
    start, end = span
    return (start - day).days if start > day else (day - end).days if end < day else 0


class _Groups:
    """``m.groupdict()`` read lazily: PERIOD_RE has dozens of groups and a resolution reads a few."""

    __slots__ = ("group",)

    def __init__(self, m: re.Match):
        self.group = m.group

    def __getitem__(self, name: str) -> Optional[str]:
        return self.group(name)


def resolve(m: re.Match, doc_date: Optional[dt.date]) -> Optional[PeriodMatch]:
    """The period a PERIOD_RE match stands for, or None when it is not one."""
    g = _Groups(m)
    text = " ".join(m.group(0).split())
    kind = m.lastgroup
    start, end = m.start(), m.end()

    def out(period: Optional[Period], what: str = "explicit") -> PeriodMatch:
        future = bool(period and period.resolved and doc_date and period.start and period.start > doc_date)
        return PeriodMatch(start, end, period, what, future)

    if kind == "prior":
        return PeriodMatch(start, end, None, "prior")
    if kind == "sameyr":
        return PeriodMatch(start, end, None, "prior", year=int(g["sameyr_y"] or g["sameyr_y1"]))
    if kind == "mrange":
        first, last = _month_of(g["mrange_a"]), _month_of(g["mrange_b"])
        if last <= first:
            return None                      # "Nov/Jan" crosses a year: which one is unsaid
        year = int(g["mrange_y"]) if g["mrange_y"] else _completed_year(last, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, first, 1), _last_day(year, last)))
    if kind == "mspan":
        span = _month_span(g, text, doc_date)
        return out(span) if span is not None else None
    if kind == "anaph":
        return out(_unresolved(text))
    if kind == "season":
        if doc_date is None:
            return out(_unresolved(text))
        shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(g["season_w"].lower(), 0)
        if not shift:
            # the season under way: its figures are so far ("cumulative purchases so far this
            # season", a week's sales "for the current season"), as of the publication date
            return out(_period(start=doc_date, end=doc_date, text=text, point=True, resolved=True, implied=True))
        # a season or marketing year runs across two years: before July the current one
        # began the year before ("last season" in March 1987 is 1985/86, as "1985/86" is)
        first = (doc_date.year - 1 if doc_date.month < 7 else doc_date.year) + shift
        return out(_span(text, dt.date(first, 1, 1), dt.date(first + 1, 12, 31)))
    if kind == "now":
        if doc_date is None:
            return out(_unresolved(text, point=True), "now")
        return out(_span(text, doc_date, doc_date, point=True), "now")
    if kind == "cum":
        n_text = g["cum_n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
        months = n * 3 if g["cum_u"].lower().startswith("quarter") else n
        if not 1 <= months <= 12:
            return None
        year = _year_from(g["cum_rel"] if g["cum_rel"] and g["cum_rel"].lower() != "the" else None,
                          g["cum_y"], doc_date)
        if year is None and not g["cum_y"]:
            year = _completed_year(months, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, 1, 1), _last_day(year, months)))
    if kind == "ended":
        unit = g["ended_u"].lower().split()[0]
        months = {"year": 12, "twelve": 12, "12": 12, "quarter": 3, "three": 3, "3": 3, "six": 6, "6": 6,
                  "nine": 9, "9": 9}.get(unit, 6)
        month = _month_of(g["ended_m"])
        year = int(g["ended_y"]) if g["ended_y"] else _completed_year(month, doc_date)
        if year is None:
            return out(_unresolved(text))
        end_day = _last_day(year, month)
        first_month = month - months + 1
        first_year = year
        while first_month < 1:
            first_month += 12
            first_year -= 1
        return out(_span(text, dt.date(first_year, first_month, 1), end_day))
    if kind == "days":
        month = _month_of(g["days_m"])
        year = int(g["days_y"]) if g["days_y"] else _recent_year(month, doc_date)
        n_text = g["days_n"].lower()
        n = {"ten": 10, "twenty": 20}.get(n_text) or int(n_text)
        if year is None:
            return out(_unresolved(text))
        if n > _last_day(year, month).day:
            return None
        return out(_span(text, dt.date(year, month, 1), dt.date(year, month, n)))
    if kind == "week":
        month = _month_of(g["week_m"])
        year = int(g["week_y"]) if g["week_y"] else _recent_year(month, doc_date)
        if year is None:
            return out(_unresolved(text))
        n = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(g["week_n"].lower())
        last = _last_day(year, month)
        if n is None:
            return out(_span(text, last - dt.timedelta(days=6), last))
        return out(_span(text, dt.date(year, month, 1 + 7 * n), dt.date(year, month, min(7 + 7 * n, last.day))))
    if kind == "wkend":
        month = _month_of(g["wkend_m"] or g["wkend_m2"])
        day = int(g["wkend_d"] or g["wkend_d2"])
        year = int(g["wkend_y"]) if g["wkend_y"] else _recent_year(month, doc_date)
        if year is None or not 1 <= day <= _last_day(year, month).day:
            return out(_unresolved(text))
        last = dt.date(year, month, day)
        weeks = _weeks(g["wkend_n"]) if g["wkend_n"] else 1
        return out(_span(text, last - dt.timedelta(days=7 * weeks - 1), last))
    if kind == "lastwk":
        if doc_date is None:
            return out(_unresolved(text))
        monday = doc_date - dt.timedelta(days=doc_date.weekday() + 7)
        return out(_span(text, monday, monday + dt.timedelta(days=6)))
    if kind == "day":
        if doc_date is None:
            return PeriodMatch(start, end, _unresolved(text, point=True), "day")
        if g["day_y"]:
            day = doc_date - dt.timedelta(days=1)
        else:
            wanted = _WEEKDAYS.index(g["day_d"])
            day = doc_date - dt.timedelta(days=(doc_date.weekday() - wanted) % 7)
        return PeriodMatch(start, end, _span(text, day, day, point=True), "day")
    if kind == "wday":
        if doc_date is None:
            return out(_unresolved(text, point=True))
        wanted = _WEEKDAYS.index(g["wday_d"])
        day = doc_date - dt.timedelta(days=(doc_date.weekday() - wanted) % 7)
        return out(_span(g["wday_d"], day, day, point=True))
    if kind == "mq":
        month = _month_of(g["mq_m"])
        explicit = g["mq_y"] or g["mq_y1"]
        year = int(explicit) if explicit else _completed_year(month, doc_date)
        if year is None:
            return out(_unresolved(text))
        first_month = month - 2
        first_year = year
        if first_month < 1:
            first_month += 12
            first_year -= 1
        return out(_span(text, dt.date(first_year, first_month, 1), _last_day(year, month)))
    if kind == "mths":
        n = _NUMBER_WORDS.get(g["mths_n"].lower()) or int(g["mths_n"])
        year = _completed_year(n, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, 1, 1), _last_day(year, n)))
    if kind == "half":
        h = int(g["half_h"]) if g["half_h"] else _ORDINALS[g["half_n"].lower()]
        first_month = 1 if h == 1 else 7
        explicit = g["half_y"] or g["half_hy"]
        rel = g["half_rel"] if g["half_rel"] and g["half_rel"].lower() != "the" else None
        year = _year_from(rel, explicit, doc_date)
        if year is None:
            year = _recent_year(first_month, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, first_month, 1), _last_day(year, first_month + 5)))
    if kind == "qtr":
        q = int(g["qtr_q"]) if g["qtr_q"] else _ORDINALS[g["qtr_n"].lower()]
        first_month = 3 * q - 2
        explicit = g["qtr_y"] or g["qtr_qy"]
        rel = g["qtr_rel"] if g["qtr_rel"] and g["qtr_rel"].lower() != "the" else None
        year = _year_from(rel, explicit, doc_date)
        if year is None:
            year = _recent_year(first_month, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, first_month, 1), _last_day(year, first_month + 2)))
    if kind == "asof":
        word = g["asof_w"].lower().split()[0]
        is_end = bool(g["asof_end"])
        if word in ("at", "to", "through", "until") and not is_end and not g["asof_m"]:
            return None                    # "at 1986 prices", "to 2021 levels": not a point
        if g["asof_y"]:
            year = int(g["asof_y"])
            day = dt.date(year, 12, 31)
        elif g["asof_rel"]:
            rel = g["asof_rel"].lower()
            year = _year_from(None if rel == "the" else rel, None, doc_date)
            if year is None:
                return out(_unresolved(text, point=True))
            day = dt.date(year, 12, 31)
        else:
            month = _month_of(g["asof_m"])
            if g["asof_my"]:
                year = int(g["asof_my"])
            else:
                year = _recent_year(month, doc_date)
                if word == "by" and doc_date is not None and month > doc_date.month:
                    year = doc_date.year       # "by June": the coming June
            if year is None:
                return out(_unresolved(text, point=True))
            if g["asof_d"] and not is_end:
                try:
                    day = dt.date(year, month, int(g["asof_d"]))
                except ValueError:
                    return None
            else:
                day = _last_day(year, month)
        what = "target" if word == "by" and doc_date is not None and day > doc_date else "explicit"
        if word == "by" and doc_date is None and g["asof_y"]:
            what = "target"
        pm = out(_span(text, day, day, point=True), what)
        if what == "target":
            pm.future = True
        return pm
    if kind == "yend":
        year = int(g["yend_y"])
        day = dt.date(year, 12, 31)
        return out(_span(text, day, day, point=True))
    if kind == "range":
        a = int(g["range_a"] or g["range_c"])
        b_text = g["range_b"] or g["range_d"]
        b = int(b_text) if len(b_text) == 4 else (a // 100) * 100 + int(b_text)
        if b < a or b - a > 30:
            return None
        return out(_span(text, dt.date(a, 1, 1), dt.date(b, 12, 31)))
    if kind == "iso":
        try:
            day = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        except ValueError:
            return None
        return out(_span(text, day, day, point=True), "date")
    if kind == "date":
        month = _month_of(g["date_m"] or g["date_m2"])
        day_n = int(g["date_d"] or g["date_d2"])
        explicit = g["date_y"] or g["date_y2"]
        year = int(explicit) if explicit else _recent_year(month, doc_date)
        if year is None:
            return out(_unresolved(text, point=True), "date")
        try:
            day = dt.date(year, month, day_n)
            # "the March 11-20 period": the days between
            last = dt.date(year, month, int(g["date_to"])) if g["date_to"] else None
        except ValueError:
            return None
        if last is not None and last > day:
            return out(_span(text, day, last), "date")
        return out(_span(text, day, day, point=True), "date")
    if kind == "my":
        month, year = _month_of(g["my_m"]), int(g["my_y"])
        return out(_span(text, dt.date(year, month, 1), _last_day(year, month)))
    if kind == "ytd":
        if doc_date is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(doc_date.year, 1, 1), doc_date))
    if kind == "rely":
        w = g["rely_w"].lower()
        if doc_date is None:
            return out(_unresolved(text))
        if w == "past":
            return out(_span(text, _shift_years(doc_date, -1) + dt.timedelta(days=1), doc_date))
        year = _year_from(w, None, doc_date)
        return out(_span(text, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if kind == "relm":
        w = g["relm_w"].lower()
        if doc_date is None:
            return out(_unresolved(text))
        y, mth = doc_date.year, doc_date.month
        if w in ("last", "past"):
            y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
        elif w == "next":
            y, mth = (y, mth + 1) if mth < 12 else (y + 1, 1)
        return out(_span(text, dt.date(y, mth, 1), _last_day(y, mth)))
    if kind == "mon":
        w = (g["mon_w"] or "").lower()
        name = g["mon_m"] or g["mon_full"]
        if w in _NOT_A_PERIOD_BEFORE or w in ("until", "before", "after"):
            if w != "after" or g["mon_y"] or g["mon_rel"] or not m.string.startswith(("'s", "’s"), end):
                return None
            # "after February's two mln": the month of that earlier figure, no other's to carry on
            month = _month_of(name)
            year = _recent_year(month, doc_date)
            if year is None:
                return None
            return PeriodMatch(start, end, _span(name, dt.date(year, month, 1), _last_day(year, month)), "earlier")
        if not w and (len(name) < 5 or name.endswith(".")) and not (g["mon_y"] or g["mon_rel"]):
            return None                      # a bare "Jan." or "May": too ambiguous alone
        month = _month_of(name)
        if g["mon_y"] or g["mon_rel"]:
            year = int(g["mon_y"]) if g["mon_y"] else _year_from(g["mon_rel"], None, doc_date)
            if year is None:
                return out(_unresolved(text))
            return out(_span(text, dt.date(year, month, 1), _last_day(year, month)))
        if w == "last" and doc_date is not None:
            year = doc_date.year if month < doc_date.month else doc_date.year - 1
        else:
            year = _recent_year(month, doc_date)
        if year is None:
            return out(_unresolved(text))
        return out(_span(text, dt.date(year, month, 1), _last_day(year, month)))
    if kind == "year":
        w = (g["year_w"] or "").lower()
        year = int(g["year_y"])
        if w in _NOT_A_PERIOD_BEFORE:
            if w != "after" or not m.string.startswith(("'s", "’s"), end):
                return None
            # "after 1986's 15.2 pct increase": the year of that earlier figure
            return PeriodMatch(start, end, _span(g["year_y"], dt.date(year, 1, 1), dt.date(year, 12, 31)), "earlier")
        return out(_span(text, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return None


_WEEK_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12,
               "thirteen": 13, "twenty-six": 26, "fifty-two": 52}


def _weeks(written: str) -> int:
    """The number of weeks in "the 26 weeks ended ...", "the four weeks ended ..."."""
    return int(written) if written.isdigit() else _WEEK_WORDS[written.lower()]


_BASE_YEAR_WORDS = frozenset(("base", "constant"))


def _is_name_year(text: str, start: int, end: int, limit: int) -> bool:
    """A bare year inside a name: "China Internet Development Report 2022", "2022 World Internet Conference",
    an attributive "a 1985 accord", or an index's base year ("to 137.8, base 1981", "at 1980 prices")."""
    before = text[max(limit, start - 40):start].split()
    after = text[end:end + 40].split()
    if before:
        prev = before[-1]
        if prev.lower() in ("a", "an") or (prev[:1].isupper() and prev.lower() not in ("in", "for", "during", "of")
                                             and not prev.endswith(("'s", "’s"))):   # "Taiwan's 1986 surplus"
            return True
        if prev.lstrip("(").lower() in _BASE_YEAR_WORDS:
            return True
    if text.startswith("=100", end) or text.startswith(" = 100", end):
        return True
    if after:
        nxt = after[0].strip(",.;:")
        if nxt.lower() in ("prices", "dollars", "dlrs"):
            return True
        if nxt[:1].isupper() and nxt not in ("Q1", "Q2", "Q3", "Q4") and not nxt.isupper():
            return True
    return False


# Every expression PERIOD_RE finds holds one of these words; a sentence with none is skipped
# without running the (slow) regex, and otherwise the regex is only tried at the few word
# starts just before each such word.
_TRIGGERS = frozenset(
    [str(y) for y in range(1950, 2100)]
    + [f"{y}s" for y in range(1950, 2100, 10)]
    + "year years month months mths mos quarter quarters qtr period half h1 h2 1h 2h q1 q2 q3 q4 currently now present "
      "presently moment date far ago earlier prior previous yearend week yesterday monday tuesday wednesday thursday friday "
      "saturday sunday season campaign".split()
    + "january february march april may june july august september october november december jan feb mar apr "
      "jun jul aug sep sept oct nov dec".split())
_SEPARATOR_CHARS = ",.;:!?()[]{}\"'“”‘’-–—/<>"
_SEPARATORS = str.maketrans({c: " " for c in _SEPARATOR_CHARS})
# the same for ASCII text, as a byte table (bytes.translate is several times faster)
_ASCII_SEPARATOR_BYTES = "".join(c for c in _SEPARATOR_CHARS if c.isascii()).encode("ascii")
_ASCII_SEPARATORS = bytes.maketrans(_ASCII_SEPARATOR_BYTES, b" " * len(_ASCII_SEPARATOR_BYTES))
_WORD_START = re.compile(r"\w(?<![\w.’'-]\w)\w*")     # a word not preceded by one (as _CAPS in entities)
# The words a time expression can open with; PERIOD_RE is only tried where one stands.
_STARTERS = frozenset(
    "as at by until through to the first second third fourth 1st 2nd 3rd 4th in for during of over throughout "
    "fiscal calendar since before after from between last this next past current currently so now presently a one "
    "same prior previous coming year yearend end h1 h2 q1 q2 q3 q4 three six nine twelve mths moment date final "
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec week on yesterday monday tuesday wednesday thursday friday saturday sunday".split())
_LOOK_BACK = 36


def sentence_words(text: str, start: int, end: int) -> tuple[str, set]:
    """``text[start:end]`` lower-cased, and its set of words: shared by the cheap pre-checks
    of periods, attribution and classification."""
    low = text[start:end].lower()
    if low.isascii():
        spaced = low.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii")
    else:
        spaced = low.translate(_SEPARATORS)
    return low, set(spaced.split())


def _candidates(text: str, start: int, end: int, words: Optional[tuple[str, set]] = None) -> list[int]:
    """Offsets of trigger words in ``text[start:end]``."""
    seg, found = words if words is not None else sentence_words(text, start, end)
    hits = found & _TRIGGERS
    if not hits:
        return []
    out: list[int] = []
    for word in hits:
        pos = seg.find(word)
        n = len(word)
        while pos != -1:
            before = seg[pos - 1] if pos else " "
            after = seg[pos + n] if pos + n < len(seg) else " "
            if not before.isalnum() and not after.isalnum():
                out.append(start + pos)
            pos = seg.find(word, pos + n)
    out.sort()
    return out


def find_periods(text: str, start: int, end: int, doc_date: Optional[dt.date],
                 words: Optional[tuple[str, set]] = None) -> list[PeriodMatch]:
    """Every time expression in ``text[start:end]``, in order, offsets into ``text``.

    ``words`` is :func:`sentence_words` of the same span, when the caller has it already."""
    found: list[PeriodMatch] = []
    covered = start
    for anchor in _candidates(text, start, end, words):
        if anchor < covered:
            continue
        best = None
        lo = max(start, covered, anchor - _LOOK_BACK)
        for w in _WORD_START.finditer(text, lo, end):
            if w.start() > anchor:
                break
            word = w.group()
            if not word[0].isdigit() and word.lower() not in _STARTERS:
                continue
            m = PERIOD_RE.match(text, w.start(), end)
            if m is not None and m.end() > anchor:
                best = m
                break
        if best is None:
            continue
        covered = best.end()
        m = best
        if m.lastgroup == "year" and (m.group("year_w") or "the").lower() == "the" \
                and _is_name_year(text, m.group("year_y") and m.start("year_y"), m.end(), start):
            continue
        pm = resolve(m, doc_date)
        if pm is not None and m.lastgroup == "asof" and _coming_month_end(m, pm, text, start, doc_date):
            pm = _a_year_on(pm)
        if pm is not None:
            if _restates_start(pm, found, text, start):
                pm = PeriodMatch(pm.start, pm.end, None, "start")   # words of a period, none of its own
            found.append(pm)
    return found


# "had expected the subsidy for licences to end-Aug to be", "effective until the end of July",
# "will not move at least to the end of March": a time still to come
_FORWARD_CUE = re.compile(r"\b(?:expect(?:s|ed|ing|ations?)?|forecasts?|predict(?:s|ed)?|will|would|should|shall|licen[cs]es?"
                          r"|valid|effective|extend(?:s|ed|ing)?|plan(?:s|ned)?|intends?|decide)\b", re.IGNORECASE)
# "in the year to end-April", "the eight months to the end of February": a span just ended
_SPAN_BEFORE = re.compile(r"\b(?:year|years|months|mths|weeks|month|week|quarter|half|period)\s+$", re.IGNORECASE)


def _coming_month_end(m: re.Match, pm: PeriodMatch, text: str, lo: int, doc_date: Optional[dt.date]) -> bool:
    """Whether "to end-Aug", "until the end of July" (no year, resolved to last year's month)
    stands in a sentence about what is still to come, so that the coming month is meant."""
    if doc_date is None or pm.period is None or pm.period.end is None or pm.period.end.year != doc_date.year - 1:
        return False
    if not m.group("asof_m") or m.group("asof_my") or m.group("asof_w").lower() not in ("to", "until", "through"):
        return False
    if _SPAN_BEFORE.search(text, max(lo, pm.start - 12), pm.start):
        return False
    return _FORWARD_CUE.search(text, lo, pm.start) is not None


def _a_year_on(pm: PeriodMatch) -> PeriodMatch:
    period = _moved(pm.period, 1, pm.period.text)
    return PeriodMatch(pm.start, pm.end, period, pm.kind, future=True)


_FROM_BEFORE = re.compile(r"\b(?:from|since)\s+$", re.IGNORECASE)


def _restates_start(pm: PeriodMatch, found: list[PeriodMatch], text: str, start: int) -> bool:
    """"year-to-date sales from January 1": the day a span written before it starts on, no
    period of its own."""
    if pm.kind != "date" or pm.period is None or not pm.period.point:
        return False
    if not _FROM_BEFORE.search(text, max(start, pm.start - 8), pm.start):
        return False
    return any(f.period is not None and not f.period.point and f.period.start == pm.period.start for f in found)


# "less than January's 1.1 pct", "up 5 pct from January": the period of what is compared with
# ("data from September last year" is none: a "from" follows a figure or a change)
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:against|than|versus|vs\.?|compared\s+(?:with|to)|below|above)|(?:\d|\b(?:pct|percent|points?|dlrs|up"
    r"|down|rose|fell|risen|fallen|increased|decreased|declined|climbed|dropped|gained|lost|higher|lower|levels?"
    r"|rises?|falls?|increases?|decreases?|declines?|drops?|gains?|year|quarter|month|week|" + _FULL_MONTH_ANY_CASE + r"))"
    r"[\s,]+from)\s+(?:the\s+)?$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s*,?\s+when\b")
_COMPARISON_WORDS = ("from", "than", "against", "vs", "versus", "compared", "below", "above")


def _follows_comparison(text: str, lo: int, pos: int) -> bool:
    """Whether the period at ``pos`` is written after a comparison word (_COMPARED_BEFORE),
    looked for in the words before it only when one of them is there."""
    lo = max(lo, pos - 24)
    window = text[lo:pos].lower()
    return any(w in window for w in _COMPARISON_WORDS) and _COMPARED_BEFORE.search(text, lo, pos) is not None


# "rose 1.89 billion, after rising 305 mln in February, to 22.26 billion", "after February's two
# mln", "following a 0.3 pct rise in January": a clause about an earlier figure, whose period
# is that figure's alone; "after tax", "after adjusting for" open no such clause
_EARLIER_LEAD = (r"\b(?:after|following)\s+(?:(?:a|an|the|its|their|last|this|revised|previous|similar|record|rise|fall"
                 r"|increase|decline|drop|gain|loss|rises|falls|increases|declines|drops|gains|losses|of|by|\w+ing"
                 r"|\w+(?:'s|’s))\s+){0,3}"
                 # "after rising in January by 0.8 pct"
                 r"(?:(?:in|during)\s+(?-i:[A-Z][a-z]+)\s+(?:by\s+)?)?")
_EARLIER_FIGURE_LEAD = re.compile(_EARLIER_LEAD + r"$", re.IGNORECASE)
_IN_EARLIER_FIGURE_CLAUSE = re.compile(
    _EARLIER_LEAD + r"(?:about\s+|some\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)[^,;]*$",
    re.IGNORECASE)


def _after_earlier_figure(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies in an "after/following <figure>" clause begun since ``lo``."""
    lo = max(lo, pos - 90)
    if text.find("after", lo, pos) < 0 and text.find("following", lo, pos) < 0:
        return False
    return _IN_EARLIER_FIGURE_CLAUSE.search(text, lo, pos) is not None


def carryable(pm: PeriodMatch, text: str, lo: int) -> bool:
    """Whether a sentence's period may carry over to the next sentence of its paragraph: not
    a target's, nor that of the figure a sentence compares with or follows on from (``lo``:
    the sentence start)."""
    return pm.kind == "explicit" and pm.period is not None and not pm.future \
        and not _follows_comparison(text, lo, pm.start) \
        and not _after_earlier_figure(text, lo, pm.start)


@dataclass(slots=True)
class Slot:
    """What assign_periods needs of a quantity: its span and whether it is a compared value."""

    start: int
    end: int
    compared: bool = False     # "from X", "vs X": the earlier figure of a comparison
    vs: bool = False           # newswire "vs": the year-ago figure


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\s+and\s+(?:is|are|was|were|will|has|have|had)\s",
                           re.IGNORECASE)
# "rose 2.3 billion dlrs from January levels": the period of what a figure is compared with
# (also "0.3 pct, less than January's", "0.4 pct, up from December's")
_COMPARED_WITH = re.compile(r"\s*,?\s*(?:(?:up|down|well|much|far|slightly|sharply|still|even|just|about|nearly|almost|some)\s+)?"
                            r"(?:from|over|against|than|versus|vs\.?|compared\s+(?:with|to)|below|above"
                            r"|(?:less|more|higher|lower|greater|smaller|larger|bigger|faster|slower|better|worse"
                            r"|weaker|stronger)\s+than)\s+(?:the\s+)?$", re.IGNORECASE)
# "below the 1985/86 record of 4.1 mln": the period goes on to name the figure compared with
_NAMES_NEXT = re.compile(r"(?:'s|’s)?(?:\s+(?!(?:and|but|or|to|while|when)\b)[\w-]+){0,3}\s+(?:of|at)\s+"
                         r"|(?:'s|’s)\s+(?:[a-z]+\s+)?|\s+when\s+[^,;]{0,40}|\s+")
# "averaged a high 6.35 pct on Friday", "closed at 1,922.51 yesterday": the day right after the
# figure; "said on Monday", a weekday further on or of a plan ("will sell ... on Monday") dates no figure
_DAY_OF_FIGURE = re.compile(r"(?:\s+(?!(?:said|says|announced|reported|after|before|since|from|than|against|compared)\b)"
                            r"[a-z]+){0,2}\s+")
# "rose 1/16 pct from yesterday to around 6-11/16 pct": the day of the figure compared with
_FROM_DAY = re.compile(r"\b(?:from|against|than|versus|vs\.?|with|after|since)\s+$", re.IGNORECASE)
_FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|plans?|planned|scheduled|expected)\b",
                            re.IGNORECASE)
_AT_FIGURE = re.compile(r"\s+(?:at|to)\s+")
_OR_SAME = re.compile(r"\s*,?\s*or\s+(?:about\s+|some\s+)?")
# "January's 1.1 pct", "December's revised 1.5 pct": the month's figure
_AFTER_POSSESSIVE = re.compile(r"(?:'s|’s)?\s+(?:[a-z]+\s+)?")


def _whole_year(period: Optional[Period]) -> bool:
    return period is not None and period.resolved and not period.point and period.start is not None \
        and period.end is not None and period.start.year == period.end.year \
        and (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)


def _year_to_date(period: Period) -> bool:
    return period.resolved and not period.implied and not period.point and period.start is not None \
        and period.end is not None and period.start.year == period.end.year \
        and (period.start.month, period.start.day) == (1, 1) and (period.end.month, period.end.day) != (12, 31)


def _is_last_year(pm: PeriodMatch) -> bool:
    return pm.kind == "explicit" and pm.period is not None and \
        " ".join((pm.period.text or "").lower().split()) in ("last year", "last year's", "last year’s")


def _compared_periods(real: Sequence[PeriodMatch], text: Optional[str]) -> set[int]:
    """The ids of the periods written after "than", "compared with", "rose 5 pct from" ..."""
    if text is None:
        return set()
    # "than in 1986 when net sales rose 4.4 pct": what follows is about that time
    return {id(pm.period) for pm in real if _follows_comparison(text, 0, pm.start)
            and not _WHEN_AFTER.match(text, pm.end)}


def _day_before(slot: Slot, matches: Sequence[PeriodMatch], text: Optional[str]) -> Optional[Period]:
    """"Dubai traded yesterday at 16.50 dlrs": the day written just before the figure."""
    if text is None or slot.compared:
        return None
    for pm in matches:
        if pm.end > slot.start:
            break
        if pm.kind == "day" and _AT_FIGURE.fullmatch(text, pm.end, slot.start) \
                and not _FROM_DAY.search(text, max(0, pm.start - 12), pm.start) \
                and not _FUTURE_BEFORE.search(text, max(0, pm.start - 60), pm.start):
            return pm.period
    return None


def _possessive_before(slot: Slot, matches: Sequence[PeriodMatch], text: Optional[str]) -> Optional[Period]:
    """The period a figure is written after as a possessive ("less than January's 1.1 pct increase"):
    its own, before one written after it ("... increase but above the 1986 average")."""
    if text is None:
        return None
    for pm in matches:
        if pm.end > slot.start:
            break
        if pm.period is None or slot.start - pm.end > 16 or (slot.compared and _is_last_year(pm)):
            continue
        if (text.startswith(("'s", "’s"), pm.end) or text.endswith(("'s", "’s"), pm.start, pm.end)) \
                and _AFTER_POSSESSIVE.fullmatch(text, pm.end, slot.start):
            return pm.period
    return None


def _earlier_figure_clauses(slots: Sequence[Slot], text: Optional[str],
                            sentence_end: int) -> tuple[list[int], dict[int, int]]:
    """For each slot, the start of the "after/following <figure>" clause it stands in (see
    _EARLIER_LEAD), else -1; and each such clause's start and end."""
    out = [-1] * len(slots)
    if text is None or not slots:
        return out, {}
    lo = max(0, slots[0].start - 60)
    if text.find("after", lo, sentence_end) < 0 and text.find("following", lo, sentence_end) < 0:
        return out, {}
    spans: dict[int, int] = {}
    clause_start = clause_end = -1
    for i, s in enumerate(slots):
        if s.start >= clause_end:
            m = _EARLIER_FIGURE_LEAD.search(text, max(0, s.start - 60), s.start)
            if m is None or _DURATION.match(text, s.start, min(s.end + 8, sentence_end)):
                continue
            clause_start, clause_end = m.start(), _earlier_clause_end(slots, i, text, sentence_end)
            spans.setdefault(clause_start, clause_end)
        out[i] = clause_start
    # "ended its offer on March 17 after receiving 54 pct": no other figure, so no earlier one
    return (out, spans) if -1 in out else ([-1] * len(slots), {})


# "agreed after 36 hours of talks": a time taken, no figure
_DURATION = re.compile(r"[^,;]*?\b(?:hours|days|weeks|months|mths|years)\b", re.IGNORECASE)


# what ends a clause about an earlier figure: "after 12.80 pct and M-1A 22.79 pct", "after
# 10.36 mln previously on turnover that rose to 202.9 mln" go on to figures of the sentence's time
_EARLIER_CLAUSE_END = re.compile(r"[,;]|\s(?:and|but|while|whereas|that|which)\s", re.IGNORECASE)


def _earlier_clause_end(slots: Sequence[Slot], i: int, text: str, sentence_end: int) -> int:
    """Where the earlier-figure clause holding slot ``i`` ends: at a clause break, or at a
    comparison ("after December's 109.4 and compared with 108.2 a year earlier")."""
    close = _EARLIER_CLAUSE_END.search(text, slots[i].end, sentence_end)
    end = close.start() if close else sentence_end
    return next((s.start for s in slots[i + 1:] if s.compared and s.start < end), end)


def _clause_of(pm: PeriodMatch, spans: dict[int, int]) -> int:
    """The start of the earlier-figure clause a period is written in, else -1."""
    return next((start for start, end in spans.items() if start <= pm.start < end), -1)


def assign_periods(slots: Sequence[Slot], matches: Sequence[PeriodMatch], default: Period,
                   sentence_end: int, text: Optional[str] = None) -> list[Period]:
    """The period of each quantity of one sentence.

    A period written right after a quantity (before the next one) is its own; otherwise the
    nearest one written before it, otherwise the first one after it; with none written the
    sentence's ``default`` (carried from the sentence before, or implied by the publication
    date). Compared figures ("from 1.94 billion a year earlier", "vs 10.1 mln") take the
    year-before period of the figure they are compared with. With ``text``, a period past a
    clause break ("to 7,271 from 7,592, and year to date, sales rose to 20,398") is not the
    figure's before the break.
    """
    if not matches and not any(s.compared for s in slots):
        return [default] * len(slots)          # the common case: no period written, no comparison
    clauses, spans = _earlier_figure_clauses(slots, text, sentence_end)
    if spans:
        # a period of a clause about an earlier figure is no other figure's
        clause_of = {id(pm): _clause_of(pm, spans) for pm in matches}
    else:
        clause_of = None
    real = [pm for pm in matches if pm.period is not None and pm.kind != "day"]
    first_prior = next((pm for pm in matches if pm.kind == "prior"), None)
    out: list[Optional[Period]] = [None] * len(slots)
    after_prior: list[Optional[PeriodMatch]] = [None] * len(slots)
    compared_years: set[int] = set()
    year_of: dict[int, Period] = {}
    for i, s in enumerate(slots):
        gap_end = slots[i + 1].start if i + 1 < len(slots) else sentence_end
        own = own_pm = None
        for pm in matches:
            if s.end <= pm.start < gap_end:
                if clause_of is not None and clause_of[id(pm)] not in (-1, clauses[i]):
                    continue
                if text is not None and _CLAUSE_BREAK.search(text, s.end, pm.start):
                    break
                if pm.kind == "day":
                    if not s.compared and text is not None and _DAY_OF_FIGURE.fullmatch(text, s.end, pm.start) \
                            and not _FUTURE_BEFORE.search(text, max(0, s.start - 60), s.start):
                        own, own_pm = pm.period, pm
                        break
                    continue
                if pm.kind == "prior":
                    after_prior[i] = pm
                    if s.compared:
                        break
                    continue
                if s.compared and _is_last_year(pm):
                    # "was 79.5 mln gallons versus 76.9 mln last year": the same time a year
                    # earlier than the figure it is compared with, not the calendar year 1986
                    after_prior[i] = pm
                    compared_years.add(id(pm.period))
                    break
                if s.compared and _whole_year(pm.period):
                    year_of[i] = pm.period       # decided once the partner's period is known
                    compared_years.add(id(pm.period))
                    break
                if text is not None and not s.compared and _COMPARED_WITH.match(text, s.end, pm.start):
                    # not the figure's own: the figure's it is compared with ("from December's 1.5 pct")
                    compared_years.add(id(pm.period))
                    if i + 1 < len(slots) and pm.end <= slots[i + 1].start and \
                            (slots[i + 1].compared or _NAMES_NEXT.fullmatch(text, pm.end, slots[i + 1].start)):
                        out[i + 1] = pm.period
                    break
                own, own_pm = pm.period, pm
                break
        mine = _possessive_before(s, matches, text) or _day_before(s, matches, text)
        if mine is not None:
            if s.compared and own_pm is not None:
                # "from December's 174.7 mln and a January 1986 level of 159.5 mln": the next figure's
                compared_years.add(id(own))
                if i + 1 < len(slots) and slots[i + 1].compared and own_pm.end <= slots[i + 1].start:
                    out[i + 1] = own
            own = mine
        if own is not None:
            out[i] = own
    # Periods written right after a compared figure belong to it alone.
    taken = compared_years
    for i, s in enumerate(slots):
        if s.compared and out[i] is not None:
            taken.add(id(out[i]))
    # "rose 0.1 pct in May compared with April to stand 2.9 pct lower": April is no other figure's
    compared_with = _compared_periods(real, text)
    for i, s in enumerate(slots):
        if out[i] is not None or s.compared:
            continue
        usable = real if clause_of is None else [pm for pm in real if clause_of[id(pm)] == clauses[i]
                                                 or (clause_of[id(pm)] == -1 and clauses[i] == -1)]
        before = [pm for pm in usable if pm.end <= s.start and id(pm.period) not in taken
                  and (id(pm.period) not in compared_with or _NAMES_NEXT.fullmatch(text, pm.end, s.start))]
        after = [pm for pm in usable if pm.start >= s.end and id(pm.period) not in taken | compared_with
                 and (text is None or not _CLAUSE_BREAK.search(text, s.end, pm.start))]
        if i and out[i - 1] is not None and text is not None and _OR_SAME.fullmatch(text, slots[i - 1].end, s.start):
            out[i] = out[i - 1]      # "1985's profit of 177 mln or 2.75 dlrs per share": the same in other units
        elif before:
            out[i] = before[-1].period
        elif after:
            out[i] = after[0].period
        elif clauses[i] < 0:
            out[i] = default
        # else "240 mln dlrs after the previous 16 mln": an earlier figure, dated below as one
    for i, s in enumerate(slots):
        if out[i] is not None:
            continue
        base = None
        # "109.8 in January after December's 109.4 and compared with 101.2": the main figure's
        own_clause = clauses[i] if s.compared else -1
        partners = [j for j in range(len(slots)) if not slots[j].compared and clauses[j] in (-1, own_clause)]
        for j in reversed(partners):
            if j < i:
                base = out[j]
                break
        if base is None:
            base = next((out[j] for j in partners if j > i), None)
        base = base or default
        if i in year_of:
            # "year-to-date demand averaged 16.26 mln bpd, up 1.6 pct from 15.99 mln in 1986":
            # the same span of 1986, not the whole year
            year = year_of[i]
            out[i] = (_in_year(base, year.start.year) if _year_to_date(base) else None) or year
            continue
        marker = after_prior[i] or first_prior
        if marker is not None and marker.year is not None:
            out[i] = _in_year(base, marker.year)
        elif s.vs or marker is not None:
            out[i] = prior_period(base)
        else:
            out[i] = earlier_period(base)
    return out  # type: ignore[return-value]


# Running totals restated week after week ("increase the cumulative fiscal year 1987 program
# ... to 469.0 mln dlrs", "commitments to export another 381,171 tonnes this year", "outstanding
# wheat sales ... for the current season amount to ...") and a weekly report's sales for a
# season ("43,800 bales for the current year", "sales of 350,000 tonnes ... for delivery
# during the 1986/87 season") are levels as of the day, not the season's or the year's figure:
# two weeks' stories would otherwise give two values for one span.
RUNNING_WORDS = frozenset({"cumulative", "commitments", "commitment", "committed", "outstanding", "sales"})
_RUNNING_LEAD = re.compile(r"\bcumulative\s+(?:[\w/.-]+\s+){0,4}?(?:program|programme|total|sales|exports|imports|purchases"
                           r"|lending|loans|commitments|shipments|deliveries|arrivals)\b|\b(?:commitments?|committed)\b"
                           r"|\boutstanding\s+(?:[\w./-]+\s+){0,4}?(?:sales|commitments)\b", re.IGNORECASE)
_FOR_SEASON_LEAD = re.compile(r"\bfor\s+(?:delivery|shipment)\b[^,;]{0,60}?\s(?:in|during)\s+(?:the\s+)?$"
                              r"|\b(?:tonnes|bales|bushels|sales)\s+for\s+(?:the\s+)?$",
                              re.IGNORECASE)
_SEASON_AFTER = re.compile(r"\s+(?:marketing\s+|crop\s+)?season\b", re.IGNORECASE)
_RUNNING_LOOK_BACK = 120
# "will likely honor its commitment ... to buy four mln tonnes this year", "commitments are
# expected to rise to 970,000 tonnes": what a whole span is to bring, not a level reached
_EXPECTED = re.compile(r"\b(?:expect\w*|forecasts?|predict\w*|will|would|could|likely|plans?|planned)\b", re.IGNORECASE)


def _running_span(period: Optional[Period], doc_date: Optional[dt.date]) -> bool:
    """A span still running at publication: a finished year's total is that year's, and one
    written to the day ('so far this year') is a level of the day already."""
    return (doc_date is not None and period is not None and period.resolved and not period.point
            and period.start is not None and period.end is not None and period.start <= doc_date < period.end)


def _for_season(pm: PeriodMatch, text: str, lo: int) -> bool:
    """'for the 1987/88 season', 'for delivery ... during the 1986/87 marketing season'."""
    written = text[pm.start:pm.end]
    if "/" not in written and "current" not in written.lower() and not _SEASON_AFTER.match(text, pm.end):
        return False
    return _FOR_SEASON_LEAD.search(text, max(lo, pm.start - 90), pm.start) is not None


def running_periods(matches: Sequence[PeriodMatch], text: str, lo: int, words: set,
                    doc_date: Optional[dt.date]) -> set[int]:
    """ids of the periods a sentence's weekly sales are stated 'for' (see RUNNING_WORDS)."""
    if "sales" not in words:
        return set()
    return {id(pm.period) for pm in matches
            if _running_span(pm.period, doc_date) and _for_season(pm, text, lo)}


def running_lead(text: str, lo: int, pos: int, period: Optional[Period], doc_date: Optional[dt.date]) -> bool:
    """Whether the figure at ``pos`` is a running total ('cumulative ... to', 'commitments')."""
    if not _running_span(period, doc_date):
        return False
    lo = max(lo, pos - _RUNNING_LOOK_BACK)
    m = None
    for m in _RUNNING_LEAD.finditer(text, lo, pos):
        pass
    return m is not None and ";" not in text[m.end():pos] and _EXPECTED.search(text, lo, pos) is None
