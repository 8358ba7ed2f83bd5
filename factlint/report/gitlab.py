"""`gitlab`: a GitLab Code Quality report (a JSON array of Code Climate issues).

Severity mapping: error -> major, warning -> minor, info -> info. ``critical``
and ``blocker`` are left unused: GitLab ranks them above anything a text
consistency check should claim. Fingerprints are unique per issue (GitLab
merges issues that share one) and do not change when lines move.
"""

from __future__ import annotations

from pydantic_core import to_json

from factlint.models import CheckResult, Finding
from factlint.report._common import location_fingerprints, one_line, sorted_findings

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issue(f: Finding, fingerprint: str) -> dict:
    return {
        "type": "issue",
        "check_name": f.rule,
        "description": f"{f.rule} ({f.name}): {one_line(f.message)}",
        "categories": ["Bug Risk"],
        "severity": SEVERITIES.get(f.severity, "minor"),
        "fingerprint": fingerprint,
        "location": {"path": f.path, "lines": {"begin": max(f.line, 1), "end": max(f.end_line, f.line, 1)}},
    }


def render(result: CheckResult) -> str:
    findings = sorted_findings(result)
    issues = [issue(f, fp) for f, fp in zip(findings, location_fingerprints(findings))]
    return to_json(issues, indent=2).decode("utf-8") + "\n"
