"""`conversion`: a bracketed or stated currency equivalent against the rate table.

"900 billion yuan (US$128.8 billion)" implies 6.99 yuan per dollar; the table
gives the monthly average for the publication month. A written equivalent is
rounded, so only a departure larger than the tolerance (a few percent by
default) is a finding.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factlint.compare.periods import rate_date
from factlint.models import Finding
from factlint.rules.base import (COMMON_PLACEHOLDERS, DOCUMENT, Context, Options, Rule, figure_text, fmt_number,
                                 make_finding, related_location, subject_label)

TYPE = "conversion"
# A conversion and the figure it converts stand in one document.
SCOPE = DOCUMENT
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"original", "equivalent", "implied_rate", "table_rate", "deviation",
                                      "month", "from_unit", "to_unit", "expected"}


class ConversionOptions(Options):
    tolerance: float = Field(0.03, ge=0, le=1, description="largest accepted relative departure from the table")
    date: Literal["publication", "period"] = Field(
        "publication", description="which date's rate to use: the article's publication date, "
                                   "or the period the figure is about")


OPTIONS = ConversionOptions


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: ConversionOptions = rule.options
    if ctx.rates is None:
        return []
    findings: list[Finding] = []
    for it in ctx.items:
        eq = it.claim
        if eq.equivalent_of is None or eq.dimension != "currency":
            continue
        main_item = ctx.by_id.get(eq.equivalent_of)
        if main_item is None:
            continue
        main = main_item.claim
        if main.dimension != "currency" or main.unit == eq.unit or not main.value or not eq.value:
            continue
        if opts.date == "publication" and it.published is not None:
            when = (it.published, it.published)
        else:
            when = rate_date(main.period, it.published)
        if when is None:
            continue
        # Units of eq's currency per unit of main's currency.
        r_main = ctx.rates.average_rate(main.unit, *when)
        r_eq = ctx.rates.average_rate(eq.unit, *when)
        if r_main is None or r_eq is None:
            continue
        table = r_eq / r_main
        implied = eq.value / main.value
        deviation = implied / table - 1
        if abs(deviation) <= opts.tolerance:
            continue
        claims = [main, eq]
        subject = subject_label(claims)
        month = when[1].strftime("%Y-%m") if when[0] == when[1] else \
            f"{when[0].strftime('%Y-%m')}..{when[1].strftime('%Y-%m')}"
        expected = main.value * table
        values = {
            "original": figure_text(main), "equivalent": eq.text,
            "implied_rate": _rate_text(main.unit, eq.unit, implied),
            "table_rate": _rate_text(main.unit, eq.unit, table),
            "deviation": f"{deviation:+.1%}", "month": month,
            "from_unit": main.unit, "to_unit": eq.unit,
            "expected": f"{fmt_number(expected)} {eq.unit}",
        }
        findings.append(make_finding(
            rule, eq, values, subject=subject, claims=claims, outcome="conversion",
            related=[related_location(main, f"{main.text} (converted figure)")]))
    return findings


def _rate_text(from_unit: str, to_unit: str, units_to_per_from: float) -> str:
    """Express a rate the way people quote it: 6.99 CNY per USD rather than 0.143 USD per CNY."""
    if units_to_per_from and units_to_per_from < 1:
        return f"{1 / units_to_per_from:.4g} {from_unit} per {to_unit}"
    return f"{units_to_per_from:.4g} {to_unit} per {from_unit}"
