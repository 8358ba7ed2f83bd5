"""`sanity`: values no article can be right about.

A share above 100 percent, a negative count, a fall of more than 100 percent.
Judged on the strict interval, so "more than 99 percent" is fine while "101
percent of households" is not.

Only a count of things cannot be negative: "-3,000 employees" is impossible, but
a bare figure's unit is unknown rather than "things" (a balance-of-payments row
"Goods -7.1", "minus 5.7" in a list of points), and temperatures and points
("minus 20 degrees C", "minus two points") are signed measures. So a negative
count is judged only when a counted noun follows it and that noun is not one of
the configured signed measures.

Only a part of a whole cannot exceed it: "104 percent of market entities" is
impossible, but a price "111.981 pct of par", exposure "105 pct of equity" or
debt "129 pct of GDP" are ratios that may. So a share is judged only when its
metric names what it is a share of ("... share of X") and X is one of the
configured wholes, and its numerator is not one of the configured ratio words.
"""

from __future__ import annotations

import re

from pydantic import Field

from factlint.compare.outcomes import strict_interval
from factlint.models import Claim, Finding
from factlint.rules.base import COMMON_PLACEHOLDERS, DOCUMENT, Context, Options, Rule, make_finding, subject_label

TYPE = "sanity"
# Judged claim by claim.
SCOPE = DOCUMENT
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"problem"}


class SanityOptions(Options):
    max_share: float = Field(100.0, description="largest possible share, in percent")
    min_change: float = Field(-100.0, description="smallest possible change, in percent")
    negative_counts: bool = Field(True, description="report counts of things (a counted noun follows) below zero")
    signed_measures: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SIGNED_MEASURES),
        description="counted nouns that may be negative (temperatures, points)")
    wholes: list[str] = Field(
        default_factory=lambda: list(DEFAULT_WHOLES),
        description="what a share above max_share cannot be a share of (words of the metric after 'of')")
    ratio_words: list[str] = Field(
        default_factory=lambda: list(DEFAULT_RATIO_WORDS),
        description="words of a share's numerator that make it a ratio that may exceed 100% (debt to GDP)")


DEFAULT_WHOLES = ("GDP", "gross domestic product", "economy", "population", "people", "residents",
                  "inhabitants", "households", "adults", "workforce", "labour force", "labor force", "workers",
                  "employees", "voters", "votes", "respondents", "market", "market entities", "companies",
                  "firms", "enterprises", "businesses", "users", "total")
DEFAULT_SIGNED_MEASURES = ("degrees", "C", "F", "centigrade", "celsius", "fahrenheit", "points", "basis points",
                           "notches", "ticks")
DEFAULT_RATIO_WORDS = ("debt", "deficit", "borrowing", "liabilities", "exposure", "loans", "lending", "credit",
                       "assets", "reserves", "spending", "expenditure", "price")

OPTIONS = SanityOptions

_WORD = re.compile(r"[a-z0-9]+")
_SHARE_OF = " share of "


def _words(text: str) -> list[str]:
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in _WORD.findall(text.casefold())]


def _names_any(words: list[str], phrases: list[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(_words(p)) + " " in joined for p in phrases if _words(p))


def share_of_whole(c: Claim, opts: SanityOptions) -> bool:
    """Whether the claim is a part of a whole ("... share of GDP", "share of population using the internet")."""
    metric = " " + (c.metric or "") + " "
    at = metric.rfind(_SHARE_OF)
    if at < 0:
        return False  # a share of what is not known: "101 pct of a year ago" is an index, not a part
    numerator, whole = _words(metric[:at]), _words(metric[at + len(_SHARE_OF):])
    return _names_any(whole, opts.wholes) and not _names_any(numerator, opts.ratio_words)


def problem(c: Claim, opts: SanityOptions) -> str | None:
    # The cheap tests first: the interval is computed only for the few claims it can judge.
    if c.kind == "share" and c.unit == "percent":
        if c.value > opts.max_share and strict_interval(c).low > opts.max_share and share_of_whole(c, opts):
            return f"a share cannot exceed {opts.max_share:g}%"
    elif c.kind == "change" and c.unit == "percent":
        if c.value < opts.min_change and strict_interval(c).high < opts.min_change:
            return f"a change cannot be below {opts.min_change:g}%"
    elif opts.negative_counts and c.dimension == "count" and c.kind in ("level", "target") and c.value < 0:
        if c.counted and not _names_any(_words(c.counted), opts.signed_measures) and strict_interval(c).high < 0:
            return "a count cannot be negative"
    return None


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: SanityOptions = rule.options
    findings: list[Finding] = []
    for it in ctx.items:
        what = problem(it.claim, opts)
        if what is None:
            continue
        findings.append(make_finding(rule, it.claim, {"problem": what}, subject=subject_label([it.claim]),
                                     claims=[it.claim], outcome="impossible"))
    return findings
