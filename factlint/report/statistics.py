"""`--statistics`: how many findings each rule produced, most frequent first (as ruff)."""

from __future__ import annotations

import json

from factlint.models import CheckResult
from factlint.report._common import rule_counts, rule_sort_key

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def rows(result: CheckResult) -> list[dict]:
    """``{"rule", "name", "severity", "count"}`` per rule with findings: count descending, then id."""
    names: dict[str, tuple[str, str]] = {r.id: (r.name, r.severity) for r in result.rules}
    severities: dict[str, str] = {}
    for f in result.findings:
        names.setdefault(f.rule, (f.name, f.severity))
        # A rule's findings can differ in severity (e.g. rounding outcomes); report the worst.
        current = severities.get(f.rule)
        if current is None or SEVERITY_RANK[f.severity] < SEVERITY_RANK[current]:
            severities[f.rule] = f.severity
    counts = rule_counts(result.findings)
    ordered = sorted(counts, key=lambda rule: (-counts[rule], rule_sort_key(rule)))
    return [{"rule": rule, "name": names[rule][0], "severity": severities[rule], "count": counts[rule]}
            for rule in ordered]


def render_statistics(result: CheckResult, fmt: str = "text") -> str:
    table = rows(result)
    if fmt == "json":
        return json.dumps(table, indent=2, ensure_ascii=False) + "\n"
    if not table:
        return ""
    count_width = max(len(str(r["count"])) for r in table)
    rule_width = max(len(r["rule"]) for r in table)
    name_width = max(len(r["name"]) for r in table)
    return "".join(f"{r['count']:>{count_width}}  {r['rule']:<{rule_width}}  {r['name']:<{name_width}}  "
                   f"[{r['severity']}]\n" for r in table)
