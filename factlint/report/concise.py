"""`concise` (the default): one line per finding, as ruff prints, then a summary."""

from __future__ import annotations

from factlint.models import CheckResult, Finding
from factlint.report._common import one_line, plural, severity_counts, sorted_findings
from factlint.report._styled import SEVERITY_STYLES, Line, join_lines

HINT = "Run with --format full to see the values side by side; `factlint rule ID` explains a rule."


def finding_line(f: Finding) -> Line:
    return ((f"{f.path}:{f.line}:{f.column}:", "bold"), " ", (f.rule, SEVERITY_STYLES.get(f.severity, "bold")),
            " ", (f"[{f.severity}]", SEVERITY_STYLES.get(f.severity, "")), " ", one_line(f.message))


def human_summary(result: CheckResult) -> str:
    """One line a person reads first: how many findings of each severity, in how much text."""
    findings = result.findings
    scope = []
    if result.summary.files:
        scope.append(plural(result.summary.files, "file"))
    if result.summary.claims:
        scope.append(plural(result.summary.claims, "claim"))
    where = f" in {', '.join(scope)}" if scope else ""
    notices = (f"; {plural(len(result.notices), 'file notice')} (listed by --format json)"
               if result.notices else "")
    if not findings:
        return f"No findings{where}{notices}."
    counts = severity_counts(findings)
    parts = [plural(counts["error"], "error"), plural(counts["warning"], "warning"),
             plural(counts["info"], "info", "info")]
    detail = ", ".join(p for p, sev in zip(parts, ("error", "warning", "info")) if counts[sev])
    return f"Found {plural(len(findings), 'finding')} ({detail}){where}{notices}."


def summary_lines(result: CheckResult, hint: bool = True) -> list[Line]:
    lines: list[Line] = [((human_summary(result), "bold"),)]
    if result.findings and hint:
        lines.append(((HINT, "dim"),))
    return lines


def render(result: CheckResult, color: bool = False) -> str:
    lines = [finding_line(f) for f in sorted_findings(result)]
    if lines:
        lines.append(())
    lines.extend(summary_lines(result))
    return join_lines(lines, color)
