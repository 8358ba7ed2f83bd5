"""`json`: ``{"findings": [...], "summary": {...}, "notices": [...]}``.

Findings keep the field order of :class:`factlint.models.Finding` (rule first,
readable), are sorted by location, and the summary counts are recomputed from
the findings written, so the file is self-consistent and reads back into a
:class:`factlint.models.CheckResult`.
"""

from __future__ import annotations

from pydantic import Field

from factlint.models import CheckResult, Finding, IngestNotice, Strict, Summary
from factlint.report._common import sorted_findings, summary_counts


class JsonReport(Strict):
    findings: list[Finding] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    notices: list[IngestNotice] = Field(default_factory=list)


def report_model(result: CheckResult) -> JsonReport:
    notices = sorted(result.notices, key=lambda n: (n.path, n.level, n.message))
    return JsonReport(findings=sorted_findings(result), summary=Summary(**summary_counts(result)), notices=notices)


def render(result: CheckResult) -> str:
    # model_dump_json writes non-finite floats as null, so the output is always valid JSON.
    return report_model(result).model_dump_json(indent=2) + "\n"
