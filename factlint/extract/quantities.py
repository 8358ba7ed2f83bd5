"""Find quantities in text: number, scale, unit, qualifier, with exact spans.

PLACEHOLDER implementation (digits and percent only) that fixes the interface;
the real scanner replaces the body of :func:`scan_quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


@dataclass(slots=True)
class Quantity:
    """A quantity found in text. Cheap on purpose: an archive yields hundreds of thousands."""

    start: int                  # offset of the first character (qualifier included) in the text
    end: int                    # offset just past the last character (unit included)
    text: str                   # text[start:end]
    value: float                # stated value in the base unit (scale applied)
    unit: str                   # canonical unit: percent, pp, CNY, USD, count, ZB, ...
    dimension: str              # percent, pp, currency, count, data, ...
    low: Optional[float]        # interval its precision and qualifier allow; None when open
    high: Optional[float]
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: Optional[str] = None     # over, at_least, nearly, about, up_to, under, range
    number_start: int = 0       # span of the digits / number words alone
    number_end: int = 0
    rate_base: Optional[float] = None   # "per 10,000 people" -> 10000
    rate_unit: Optional[str] = None     # "people"
    counted: Optional[str] = None       # "5G base stations"
    equivalent_of: Optional[int] = None  # index (in the returned list) of the quantity this one converts


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s*(?:%|percent\b))?")


def scan_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        digits = m.group(1).replace(",", "")
        frac = m.group(2) or ""
        value = float(digits + ("." + frac if frac else ""))
        half = 0.5 * 10 ** (-len(frac)) if frac else 0.5
        is_pct = bool(m.group(3))
        out.append(Quantity(
            start=m.start(), end=m.end(), text=m.group(0), value=value,
            unit="percent" if is_pct else "count", dimension="percent" if is_pct else "count",
            low=value - half, high=value + half, number_start=m.start(), number_end=m.end(1)))
    return out
