"""`unit-mismatch`: the same thing stated in units or kinds that cannot be compared.

Percent against percentage points, a share against a level, bytes against yuan:
the metric is the same (after aliases) and so is the period, but no conversion
relates the two values, so one of the articles names the wrong unit.
"""

from __future__ import annotations

import re

from pydantic import Field

from factlint.compare.grouping import Item, dimension_class, subject_key
from factlint.compare.outcomes import UNIT_MISMATCH
from factlint.models import Claim, Finding
from factlint.rules.base import (COMMON_PLACEHOLDERS, ENTITY, Context, Options, Rule, describe, make_finding,
                                 related_location, subject_label)
from factlint.rules.conflict import primary_and_other

TYPE = "unit-mismatch"
# Pairs of claims about one entity, like conflict's.
SCOPE = ENTITY
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"values", "a", "b", "a_unit", "b_unit"}

# Dimensions of amounts: two different ones can never state the same figure.
AMOUNTS = frozenset({"currency", "data", "mass", "length", "area", "volume"})


class UnitMismatchOptions(Options):
    percent_vs_points: bool = Field(True, description="percent against percentage points (same kind, the same "
                                                      "number: 1.7 percent and 1.7 points)")
    across_amounts: bool = Field(
        True, description="two different kinds of amount with the same number, e.g. 6.6ZB against 6.6 trillion "
                          "yuan")
    share_vs_amount: bool = Field(True, description="a share in percent against an amount with the same number "
                                                    "(39.8 percent of GDP against 39.8 trillion yuan)")
    similarity: float = Field(100.0, ge=0, le=100,
                              description="how alike the metrics must be (100: identical after aliases)")
    max_values: int = Field(0, ge=0, description="leave out subjects the corpus gives more than this many "
                                                 "different values for (0: no limit); see the conflict rule")


OPTIONS = UnitMismatchOptions


def mismatch(a: Claim, b: Claim, opts: UnitMismatchOptions) -> bool:
    """Whether two claims about one subject state it in units no conversion relates.

    Bare numbers ("94,141" with no unit) are left out: their unit is unknown,
    not different (newswire tables state dollars in thousands without a sign).
    """
    da, db = dimension_class(a), dimension_class(b)
    if da == db or "count" in (da, db):
        return False
    kinds = {a.kind, b.kind}
    if a.kind == b.kind:
        if opts.percent_vs_points and {da, db} == {"percent", "pp"}:
            # the same figure under the wrong unit; "cut 1.5 points to 22.5 pct" is two figures
            return _same_number(a, b)
        return opts.across_amounts and da in AMOUNTS and db in AMOUNTS and _same_numeral(a, b)
    if kinds == {"share", "level"} and opts.share_vs_amount:
        share, level = (a, b) if a.kind == "share" else (b, a)
        return share.dimension == "percent" and dimension_class(level) in AMOUNTS and _same_numeral(a, b)
    return False


def _same_number(a: Claim, b: Claim) -> bool:
    """Whether the two intervals (as written, before any unit) overlap."""
    return (a.high is None or b.low is None or b.low <= a.high) and (b.high is None or a.low is None or a.low <= b.high)


_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _same_numeral(a: Claim, b: Claim) -> bool:
    """Whether both claims write the same figure ("6.6ZB" and "6.6 trillion yuan"): the same
    number under another unit is a wrong unit; "100,000 tonnes" against "250 mln dlrs" of
    one subject is two measures of it (or two subjects the keys cannot tell apart)."""
    ma, mb = _NUMERAL.search(a.text), _NUMERAL.search(b.text)
    return ma is not None and mb is not None and float(ma.group().replace(",", "")) == float(mb.group().replace(",", ""))


def _two_units(block) -> bool:
    """Only a block stating its subjects in two units other than plain counts can hold a mismatch."""
    seen = set()
    for it in block:
        dim = dimension_class(it.claim)
        if dim != "count":
            seen.add(dim)
            if len(seen) > 1:
                return True
    return False


def unit_label(it: Item) -> str:
    c = it.claim
    label = {"pp": "percentage points", "percent": "percent"}.get(c.unit, c.unit)
    return f"{label} ({c.kind})" if c.kind != "level" else label


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: UnitMismatchOptions = rule.options
    findings: list[Finding] = []
    for pair in ctx.pairs("subject:units", subject_key, opts.similarity, opts.max_values, _two_units):
        a, b = pair.a, pair.b
        if not mismatch(a.claim, b.claim, opts):
            continue
        primary, other = primary_and_other(pair, ctx)
        pi, oi = (a, b) if primary is a.claim else (b, a)
        claims = [primary, other]
        values = {"values": f"{describe(primary)} and {describe(other)}", "a": describe(primary),
                  "b": describe(other), "a_unit": unit_label(pi), "b_unit": unit_label(oi)}
        findings.append(make_finding(
            rule, primary, values, subject=subject_label(claims), claims=claims, outcome=UNIT_MISMATCH,
            related=[related_location(other, f"{other.text} (in {unit_label(oi)})")]))
    return findings
