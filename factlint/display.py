"""Numbers and intervals as an editor reads them, for reports and `factlint claims`."""

from __future__ import annotations

import math
from typing import Optional

from factlint.models import Claim

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def fmt_number(value: Optional[float]) -> str:
    """A number as an editor would read it: 30.5, 51,000, 128.8 billion."""
    if value is None:
        return "?"
    if math.isnan(value) or math.isinf(value):
        return str(value)
    size = abs(value)
    if size >= 1e16 or (0 < size < 1e-4):
        return f"{value:g}"
    for factor, word in _SCALES:
        if size >= factor:
            return f"{_trim(value / factor)} {word}"
    if value == round(value):
        return f"{int(round(value)):,}"
    return _trim(value)


def _trim(value: float) -> str:
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def interval_label(c: Claim) -> str:
    """The values a claim's wording allows, e.g. ``[29.5, 30.5] percent`` or ``(50,000, inf)``."""
    if c.low is None and c.high is None:
        body = fmt_number(c.value)
    else:
        left = "[" if c.low_inclusive and c.low is not None else "("
        right = "]" if c.high_inclusive and c.high is not None else ")"
        low = "-inf" if c.low is None else fmt_number(c.low)
        high = "inf" if c.high is None else fmt_number(c.high)
        body = f"{left}{low}, {high}{right}"
    unit = c.unit or ""
    if c.rate_base:
        unit = f"{unit} per {fmt_number(c.rate_base)} {c.rate_unit or ''}".strip()
    return f"{body} {unit}".rstrip()
