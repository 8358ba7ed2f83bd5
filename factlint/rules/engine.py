"""Run the selected rules of a rule set over one run's context."""

from __future__ import annotations

from typing import Callable

from factlint.models import Finding
from factlint.rules.base import Context
from factlint.rules.registry import RULE_TYPES
from factlint.rules.ruleset import RuleSet


def run_rules(ruleset: RuleSet, ctx: Context, selected: Callable[[str], bool] = lambda _id: True) -> list[Finding]:
    """Findings of every selected rule, with verified claims marked in them.

    Reference and derived rules run before the others so that the claims carried
    by every finding show whether a reference fact confirms them.
    """
    order = sorted(ruleset.rules, key=lambda r: (r.type not in ("reference", "derived"), r.id))
    findings: list[Finding] = []
    for rule in order:
        if not selected(rule.id):
            continue
        findings.extend(RULE_TYPES[rule.type].check(rule, ctx))
    if ctx.verified:
        for f in findings:
            if any(c.id in ctx.verified for c in f.claims):
                f.claims = [c.model_copy(update={"verified_by": ctx.verified[c.id]}) if c.id in ctx.verified else c
                            for c in f.claims]
    return findings
