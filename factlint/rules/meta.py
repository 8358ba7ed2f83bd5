"""`unused-suppression`: a suppression comment that silenced nothing.

Findings of this type are made by ``factlint.rules.suppress`` after every other
rule has run; the rule entry only carries the id, severity and message.
"""

from __future__ import annotations

from factlint.models import Finding
from factlint.rules.base import DOCUMENT, Context, Options, Rule

TYPE = "unused-suppression"
# Made by factlint.rules.suppress from each file's directives, not here.
SCOPE = DOCUMENT
PLACEHOLDERS = frozenset({"rules", "directive", "path", "line"})


class UnusedSuppressionOptions(Options):
    pass


OPTIONS = UnusedSuppressionOptions


def check(rule: Rule, ctx: Context) -> list[Finding]:
    return []
