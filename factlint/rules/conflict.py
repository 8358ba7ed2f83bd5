"""`conflict`: two claims about the same thing whose values do not agree.

Which outcomes a rule reports is an option, so one rule can report real
disagreements (error) and another the milder "agree only if rounded" (warning).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factlint.compare.grouping import Pair, comparison_key
from factlint.compare.outcomes import DISAGREE, OUTCOME_LABELS, ROUNDING, coarser, judge
from factlint.models import Claim, Finding
from factlint.rules.base import (COMMON_PLACEHOLDERS, ENTITY, Context, Options, Rule, describe, make_finding,
                                 number_text, related_location, source_note, subject_label)

TYPE = "conflict"
# Findings come from pairs of claims about one entity (see factlint.compare.grouping): an
# incremental run recomputes them for the entities whose claims changed.
SCOPE = ENTITY
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"values", "a", "b", "outcome", "rounded", "precise"}


class ConflictOptions(Options):
    outcomes: list[Literal["disagree", "rounding"]] = Field(
        default_factory=lambda: [DISAGREE], description="which outcomes this rule reports")
    tolerance: float = Field(0.0, ge=0, le=1, description="relative tolerance added to every interval")
    conversion_tolerance: float = Field(
        0.02, ge=0, le=1, description="extra relative tolerance when a currency conversion is involved")
    similarity: float = Field(90.0, ge=0, le=100, description="how alike two metrics must be (0-100)")
    rounding_min_difference: float = Field(
        0.0, ge=0, le=1, description="leave out 'agree only if rounded' pairs whose values differ by less than this "
                                     "(relative): 11.9 mln beside 11,908,000 is a rounded restatement, not news")
    max_values: int = Field(
        0, ge=0, description="leave out subjects the corpus gives more than this many different values for "
                             "(several things the keys cannot tell apart, as in a newswire archive's company "
                             "results); 0: no limit, every disagreement is reported")


OPTIONS = ConflictOptions


def primary_and_other(pair: Pair, ctx: Context) -> tuple[Claim, Claim]:
    """The finding sits on the later-published claim (the one to fix or explain)."""
    a, b = pair.a, pair.b
    if a.published and b.published and a.published != b.published:
        return (a.claim, b.claim) if a.published > b.published else (b.claim, a.claim)
    return b.claim, a.claim


def _relative_difference(a: float, b: float) -> float:
    largest = max(abs(a), abs(b))
    return abs(a - b) / largest if largest else 0.0


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: ConflictOptions = rule.options
    findings: list[Finding] = []
    wanted = set(opts.outcomes)
    for pair in ctx.pairs("compare", comparison_key, opts.similarity, opts.max_values):
        factor = ctx.rate_between(pair.a, pair.b)
        if factor is None:
            continue  # two currencies and no rate for their dates: not comparable
        j = judge(pair.a.claim, pair.b.claim, opts.tolerance, factor, opts.conversion_tolerance)
        if j.outcome not in wanted:
            continue
        if j.outcome == ROUNDING and _relative_difference(pair.a.claim.value, pair.b.claim.value * factor) < \
                opts.rounding_min_difference:
            continue
        primary, other = primary_and_other(pair, ctx)
        claims = [primary, other]
        subject = subject_label(claims)
        rounded = coarser(primary, other)
        precise = other if rounded is primary else primary
        values = {
            "values": f"{describe(primary)} and {describe(other)}",
            "a": describe(primary), "b": describe(other),
            "outcome": OUTCOME_LABELS[j.outcome],
            "rounded": number_text(rounded), "precise": number_text(precise),
        }
        findings.append(make_finding(
            rule, primary, values, subject=subject, claims=claims, outcome=j.outcome,
            related=[related_location(other, f"{other.text} ({source_note(other)})")]))
    return findings
