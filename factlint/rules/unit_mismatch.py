"""`unit-mismatch`: the same thing stated in units or kinds that cannot be compared.

Percent against percentage points, a share against a level, bytes against yuan:
the metric is the same (after aliases) and so is the period, but no conversion
relates the two values, so one of the articles names the wrong unit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factlint.compare.grouping import Item, dimension_class, subject_key
from factlint.compare.outcomes import UNIT_MISMATCH
from factlint.models import Finding
from factlint.rules.base import (COMMON_PLACEHOLDERS, Context, Options, Rule, describe, make_finding,
                                 related_location, subject_label)
from factlint.rules.conflict import primary_and_other

TYPE = "unit-mismatch"
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"values", "a", "b", "a_unit", "b_unit"}

Kind = Literal["level", "share", "change", "rate", "target"]


class UnitMismatchOptions(Options):
    kind_pairs: list[tuple[Kind, Kind]] = Field(
        default_factory=lambda: [("level", "level"), ("share", "share"), ("change", "change"),
                                 ("rate", "rate"), ("target", "target"), ("share", "level")],
        description="kinds of claims that state the same measure, so their units must match")
    similarity: float = Field(100.0, ge=0, le=100,
                              description="how alike the metrics must be (100: identical after aliases)")


OPTIONS = UnitMismatchOptions


def unit_label(it: Item) -> str:
    c = it.claim
    label = {"pp": "percentage points", "percent": "percent"}.get(c.unit, c.unit)
    return f"{label} ({c.kind})" if c.kind != "level" else label


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: UnitMismatchOptions = rule.options
    allowed = {frozenset(p) for p in opts.kind_pairs}
    findings: list[Finding] = []
    for pair in ctx.pairs("subject", subject_key, opts.similarity):
        a, b = pair.a, pair.b
        if dimension_class(a.claim) == dimension_class(b.claim) and a.claim.kind == b.claim.kind:
            continue
        if frozenset((a.claim.kind, b.claim.kind)) not in allowed:
            continue
        if dimension_class(a.claim) == dimension_class(b.claim):
            continue  # same unit, different kinds ("30% of GDP" and "30% growth"): two measures
        primary, other = primary_and_other(pair, ctx)
        pi, oi = (a, b) if primary is a.claim else (b, a)
        claims = [primary, other]
        values = {"values": f"{describe(primary)} and {describe(other)}", "a": describe(primary),
                  "b": describe(other), "a_unit": unit_label(pi), "b_unit": unit_label(oi)}
        findings.append(make_finding(
            rule, primary, values, subject=subject_label(claims), claims=claims, outcome=UNIT_MISMATCH,
            related=[related_location(other, f"{other.text} (in {unit_label(oi)})")]))
    return findings
