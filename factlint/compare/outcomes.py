"""Whether two values agree, judged on intervals (statcheck / XBRL style).

Each claim gives two intervals:

- the *strict* interval: what the qualifier alone allows, taking the digits as
  exact ("over 50,000" = (50000, inf), "51,000" = [51000, 51000]);
- the *rounding* interval: what the written precision allows as well (the
  claim's ``low``/``high``; "30 percent" = [29.5, 30.5]).

Strict intervals overlap: the claims agree. Only the rounding intervals overlap:
they agree only if one figure was rounded (a milder outcome). Neither: they
disagree. A relative tolerance widens both intervals of both claims.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from factlint.models import Claim

AGREE = "agree"
ROUNDING = "rounding"
DISAGREE = "disagree"
UNIT_MISMATCH = "unit-mismatch"

OUTCOME_LABELS = {
    AGREE: "agree",
    ROUNDING: "agree only if rounded",
    DISAGREE: "disagree",
    UNIT_MISMATCH: "unit mismatch",
}

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def scaled(self, factor: float) -> "Interval":
        if factor >= 0:
            return Interval(self.low * factor, self.high * factor, self.low_closed, self.high_closed)
        return Interval(self.high * factor, self.low * factor, self.high_closed, self.low_closed)

    def widened(self, relative: float, center: float) -> "Interval":
        if relative <= 0:
            return self
        pad = abs(center) * relative
        return Interval(self.low - pad, self.high + pad, True, True)

    def contains(self, x: float) -> bool:
        above = x > self.low or (self.low_closed and x == self.low)
        below = x < self.high or (self.high_closed and x == self.high)
        return above and below

    def overlaps(self, other: "Interval") -> bool:
        """Overlap of positive length, or a point of one lying inside the other.

        Two rounding intervals that merely touch ("30" = [29.5, 30.5] and "31" =
        [30.5, 31.5]) do not overlap: only a value exactly on the half would
        round to both.
        """
        if self.is_point:
            return other.contains(self.low)
        if other.is_point:
            return self.contains(other.low)
        return max(self.low, other.low) < min(self.high, other.high)

    def label(self) -> str:
        left = "[" if self.low_closed and self.low != -INF else "("
        right = "]" if self.high_closed and self.high != INF else ")"
        return f"{left}{_num(self.low)}, {_num(self.high)}{right}"


def _num(x: float) -> str:
    if x == INF:
        return "inf"
    if x == -INF:
        return "-inf"
    return f"{x:g}"


def _bound(x: Optional[float], default: float) -> float:
    return default if x is None else x


def rounding_interval(c: Claim) -> Interval:
    low = _bound(c.low, -INF)
    high = _bound(c.high, INF)
    if low > c.value:
        low = c.value
    if high < c.value:
        high = c.value
    return Interval(low, high, c.low_inclusive or c.low is None, c.high_inclusive or c.high is None)


def strict_interval(c: Claim) -> Interval:
    """The interval the qualifier alone allows, digits taken as exact."""
    v = c.value
    q = c.qualifier
    if q is None:
        return Interval(v, v)
    if q == "over":
        return Interval(v, INF, False, True)
    if q == "at_least":
        return Interval(v, INF)
    if q == "under":
        return Interval(-INF, v, True, False)
    if q == "up_to":
        return Interval(-INF, v)
    if q == "nearly":
        # Nearly / almost: close to, and below, the stated figure.
        low = c.low if c.low is not None and c.low < v else v * 0.9 if v > 0 else v * 1.1
        return Interval(low, v, True, False)
    # about, range and anything else: the extractor's own bounds.
    return rounding_interval(c)


@dataclass(frozen=True, slots=True)
class Judgement:
    outcome: str
    strict: tuple[Interval, Interval]
    rounding: tuple[Interval, Interval]
    factor: float = 1.0  # what b's values were multiplied by to express them in a's unit

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


def judge(a: Claim, b: Claim, tolerance: float = 0.0, factor: float = 1.0,
          conversion_tolerance: float = 0.0) -> Judgement:
    """Outcome of comparing two claims about the same thing in compatible units.

    ``factor`` converts b's unit into a's (an exchange rate); the conversion's
    own uncertainty is ``conversion_tolerance`` (relative), added to ``tolerance``.
    """
    total = tolerance + (conversion_tolerance if factor != 1.0 else 0.0)
    sa = strict_interval(a).widened(total, a.value)
    sb = strict_interval(b).scaled(factor).widened(total, b.value * factor)
    ra = rounding_interval(a).widened(total, a.value)
    rb = rounding_interval(b).scaled(factor).widened(total, b.value * factor)
    if sa.overlaps(sb):
        outcome = AGREE
    elif ra.overlaps(rb):
        outcome = ROUNDING
    else:
        outcome = DISAGREE
    return Judgement(outcome, (sa, sb), (ra, rb), factor)


def interval_agrees_with_value(c: Claim, value: float, tolerance: float = 0.0) -> str:
    """Outcome of a claim against an exact reference value (with a relative tolerance)."""
    point = Interval(value, value).widened(tolerance, value)
    if strict_interval(c).overlaps(point):
        return AGREE
    if rounding_interval(c).overlaps(point):
        return ROUNDING
    return DISAGREE


def coarser(a: Claim, b: Claim) -> Claim:
    """The claim with the wider rounding interval relative to its value (the rounded one)."""
    def width(c: Claim) -> float:
        r = rounding_interval(c)
        if math.isinf(r.low) or math.isinf(r.high):
            return INF
        return (r.high - r.low) / abs(c.value) if c.value else r.high - r.low
    return a if width(a) >= width(b) else b
