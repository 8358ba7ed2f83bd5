"""The interval of values a written quantity allows: its precision and its qualifier.

Precision: an unqualified number stands for every value that rounds to it, half a unit
of its last written digit either way, in the written scale ("30 percent" -> [29.5, 30.5],
"900 billion yuan" -> [899.5e9, 900.5e9]); number words without a scale are exact. A
whole number ending in a zero thousands group may be rounded to the thousand ("51,000"
-> [50,500, 51,500]), never further, so "50,000" and "51,000" still disagree.

Qualifiers (the choices, so that every rule reads the same interval):

- over / at_least: (value, open) / [value, open). The stated threshold is taken as
  exact, not widened by rounding: a writer who says "over 50,000" chose 50,000 as the
  threshold, and widening it would let "over 50,000" accept 49,999.6.
- under / up_to: (open, value) / (open, value]. The low end is 0 for quantities that
  cannot be negative (counts, bytes, masses...), else open.
- nearly: [value * (1 - delta), value): the stated value is the exclusive upper bound, so
  ``value == high`` with ``high_inclusive`` False; ``low <= value <= high`` still holds.
- about: value ± max(|value| * delta, rounding half): "about" never makes a figure
  tighter than the same figure written bare.
- range: [low end - its rounding half, high end + its rounding half]; the value is the
  midpoint of the two written ends.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

NON_NEGATIVE = frozenset({"count", "data", "mass", "length", "area", "volume", "rank"})


class Bounds(NamedTuple):
    low: Optional[float]
    high: Optional[float]
    low_inclusive: bool = True
    high_inclusive: bool = True


def bounds(value: float, precision: float, qualifier: Optional[str], delta: float = 0.1,
           dimension: str = "count") -> Bounds:
    """Interval for a single written value (not a range); see the module docstring."""
    floor = 0.0 if dimension in NON_NEGATIVE and value >= 0 else None
    if qualifier is None:
        return Bounds(value - precision, value + precision)
    if qualifier == "over":
        return Bounds(value, None, False, True)
    if qualifier == "at_least":
        return Bounds(value, None, True, True)
    if qualifier == "under":
        return Bounds(floor, value, True, False)
    if qualifier == "up_to":
        return Bounds(floor, value, True, True)
    if qualifier == "nearly":
        return Bounds(value - abs(value) * delta, value, True, False)
    if qualifier == "about":
        half = max(abs(value) * delta, precision)
        return Bounds(value - half, value + half)
    return Bounds(value - precision, value + precision)


def range_bounds(low_value: float, low_precision: float, high_value: float,
                 high_precision: float) -> tuple[float, Bounds]:
    """(midpoint, bounds) for a written range such as "340 to 350"."""
    mid = (low_value + high_value) / 2.0
    return mid, Bounds(low_value - low_precision, high_value + high_precision)
