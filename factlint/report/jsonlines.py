"""`json-lines`: one finding per line, compact JSON, sorted by location; nothing else."""

from __future__ import annotations

from factlint.models import CheckResult
from factlint.report._common import sorted_findings


def render(result: CheckResult) -> str:
    return "".join(f.model_dump_json() + "\n" for f in sorted_findings(result))
