"""`missing-source`: a claim of a checked kind with no attribution in its sentence or paragraph.

The extractor decides what counts as attribution (``Claim.source``); this rule
decides which claims need one. Small counts ("ten ASEAN countries") and
bracketed equivalents (their figure already has its own claim) are left alone,
and so, unless ``tables`` is set, are figures in tables (a newswire results
table, a pipe-table row, an HTML cell): a table is attributed by its caption or
headline, not row by row. With ``reach: story`` a figure after the story's first
attributed figure counts as sourced: wire copy names its source once, in the lead
("the company said"), and goes on reporting it paragraph after paragraph.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factlint.extract.tables import is_table_text
from factlint.models import Finding
from factlint.rules.base import COMMON_PLACEHOLDERS, DOCUMENT, Context, Options, Rule, make_finding, subject_label

TYPE = "missing-source"
# Judged claim by claim.
SCOPE = DOCUMENT
PLACEHOLDERS = COMMON_PLACEHOLDERS

Kind = Literal["level", "share", "change", "rate", "rank", "target"]


class MissingSourceOptions(Options):
    kinds: list[Kind] = Field(default_factory=lambda: ["level", "share"],
                              description="kinds of claims that need an attribution")
    dimensions: list[str] = Field(default_factory=list,
                                  description="only claims in these unit dimensions (empty: all)")
    min_count: float = Field(100, ge=0, description="counts below this are not checked (\"ten countries\")")
    require_entity: bool = Field(False, description="only check claims whose entity was found")
    tables: bool = Field(False, description="also check figures in tables (results lines, table rows and cells)")
    reach: Literal["paragraph", "story"] = Field(
        "paragraph", description="where an attribution must stand: the figure's sentence or paragraph, or anywhere "
                                 "earlier in the story (wire copy that names its source once)")


OPTIONS = MissingSourceOptions


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: MissingSourceOptions = rule.options
    kinds = set(opts.kinds)
    dims = set(opts.dimensions)
    findings: list[Finding] = []
    first_sourced: dict[str, int] = {}       # path -> offset of its first attributed figure
    if opts.reach == "story":
        for it in ctx.items:
            if it.claim.source and it.claim.offset < first_sourced.get(it.claim.path, it.claim.offset + 1):
                first_sourced[it.claim.path] = it.claim.offset
    for it in ctx.items:
        c = it.claim
        if c.source or c.equivalent_of is not None or c.kind not in kinds:
            continue
        if c.offset > first_sourced.get(c.path, c.offset):
            continue
        if dims and c.dimension not in dims:
            continue
        if c.dimension == "count" and c.kind == "level" and abs(c.value) < opts.min_count:
            continue
        if opts.require_entity and not c.entity:
            continue
        if not opts.tables and is_table_text(c.sentence, c.text):
            continue
        findings.append(make_finding(rule, c, {}, subject=subject_label([c]), claims=[c],
                                     outcome="no-source"))
    return findings
