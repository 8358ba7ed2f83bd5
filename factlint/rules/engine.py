"""Run the selected rules of a rule set over one run's context."""

from __future__ import annotations

from typing import Callable, Iterable

from factlint.models import Finding
from factlint.rules.base import Context, Rule
from factlint.rules.registry import RULE_TYPES
from factlint.rules.ruleset import RuleSet


def rule_order(ruleset: RuleSet, selected: Callable[[str], bool] = lambda _id: True) -> list[Rule]:
    """The selected rules in the order they run: reference and derived rules first, so
    that the claims carried by every finding show whether a reference fact confirms them."""
    order = sorted(ruleset.rules, key=lambda r: (r.type not in ("reference", "derived"), r.id))
    return [rule for rule in order if selected(rule.id)]


def run_rules(ruleset: RuleSet, ctx: Context, selected: Callable[[str], bool] = lambda _id: True) -> list[Finding]:
    """Findings of every selected rule, with verified claims marked in them."""
    findings: list[Finding] = []
    for rule in rule_order(ruleset, selected):
        findings.extend(RULE_TYPES[rule.type].check(rule, ctx))
    mark_verified(findings, ctx.verified)
    return findings


def mark_verified(findings: Iterable[Finding], verified: dict[str, str]) -> None:
    """Set ``verified_by`` on the claims of ``findings`` that ``verified`` (claim id -> what
    confirms it) names; the claims are copied, never changed in place."""
    if not verified:
        return
    for f in findings:
        if any(c.id in verified for c in f.claims):
            f.claims = [c.model_copy(update={"verified_by": verified[c.id]}) if c.id in verified else c
                        for c in f.claims]
