"""`sanity`: values no article can be right about.

A share above 100 percent, a negative count, a fall of more than 100 percent.
Judged on the strict interval, so "more than 99 percent" is fine while "101
percent of households" is not.
"""

from __future__ import annotations

from pydantic import Field

from factlint.compare.outcomes import strict_interval
from factlint.models import Claim, Finding
from factlint.rules.base import COMMON_PLACEHOLDERS, Context, Options, Rule, make_finding, subject_label

TYPE = "sanity"
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"problem"}


class SanityOptions(Options):
    max_share: float = Field(100.0, description="largest possible share, in percent")
    min_change: float = Field(-100.0, description="smallest possible change, in percent")
    negative_counts: bool = Field(True, description="report counts below zero")


OPTIONS = SanityOptions


def problem(c: Claim, opts: SanityOptions) -> str | None:
    strict = strict_interval(c)
    if c.kind == "share" and c.unit == "percent" and strict.low > opts.max_share:
        return f"a share cannot exceed {opts.max_share:g}%"
    if c.kind == "change" and c.unit == "percent" and strict.high < opts.min_change:
        return f"a change cannot be below {opts.min_change:g}%"
    if opts.negative_counts and c.dimension == "count" and c.kind in ("level", "target") and strict.high < 0:
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
