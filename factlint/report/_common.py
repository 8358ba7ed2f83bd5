"""Helpers every report format shares: ordering, counting, value and location labels.

Reports must be byte-identical for the same findings whatever order the checker
produced them in, so every format starts from :func:`sorted_findings`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Iterable, Optional

from factlint.display import fmt_number, interval_label  # noqa: F401 - re-exported for the formats
from factlint.models import CheckResult, Claim, Finding, Location, RuleMeta

TOOL_NAME = "factlint"

SEVERITIES = ("error", "warning", "info")

# How each outcome the checker assigns reads to a person; unknown outcomes fall back
# to their own name with dashes turned into spaces.
OUTCOME_LABELS = {
    "agree": "agree",
    "disagree": "values disagree",
    "rounding": "agree only if rounded",
    "unit-mismatch": "unit mismatch",
    "conversion": "conversion does not match the exchange rate",
    "missing-source": "no source given",
    "reference": "contradicts a reference fact",
    "sanity": "impossible value",
    "unused-suppression": "suppression matched nothing",
}


def finding_sort_key(f: Finding) -> tuple:
    return (f.path, f.line, f.column, f.rule, f.end_line, f.end_column, f.message, f.fingerprint,
            f.subject or "")


def sorted_findings(result: CheckResult) -> list[Finding]:
    return sorted(result.findings, key=finding_sort_key)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {sev: counts.get(sev, 0) for sev in SEVERITIES}


def rule_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.rule for f in findings)
    return {rule: counts[rule] for rule in sorted(counts, key=rule_sort_key)}


def rule_sort_key(rule_id: str) -> tuple:
    """FL2 before FL10: compare the digits as a number, then the id itself."""
    match = re.match(r"([A-Za-z]*)(\d*)", rule_id)
    prefix, digits = match.group(1), match.group(2)
    return (prefix, int(digits) if digits else -1, rule_id)


def rules_table(result: CheckResult) -> list[RuleMeta]:
    """Every rule the run knows, plus any a finding names that the run did not list.

    SARIF needs a rule entry for every result's ruleIndex, so a finding whose rule
    is missing from ``result.rules`` gets a minimal entry built from the finding.
    """
    by_id: dict[str, RuleMeta] = {r.id: r for r in result.rules}
    for f in result.findings:
        if f.rule not in by_id:
            by_id[f.rule] = RuleMeta(id=f.rule, name=f.name, type=f.name, severity=f.severity,
                                     description=f"{f.rule} ({f.name}).", message=f.name)
    return [by_id[k] for k in sorted(by_id, key=rule_sort_key)]


def plural(n: int, word: str, plural_word: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (plural_word or word + 's')}"


def one_line(text: str) -> str:
    """Formats with one finding per line must not let a message break the line."""
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text


def informative_subject(subject: Optional[str]) -> Optional[str]:
    """The subject, unless every part of it is unknown ("? · ? · no period" tells a reader nothing)."""
    if not subject:
        return None
    parts = [p.strip() for p in subject.split("·")]
    return subject if any(p not in ("?", "no period", "") for p in parts) else None


def outcome_label(outcome: Optional[str]) -> Optional[str]:
    if not outcome:
        return None
    return OUTCOME_LABELS.get(outcome, outcome.replace("-", " ").replace("_", " "))


# --- numbers and intervals: shared with `factlint claims` (factlint.display) ----------


def period_label(c: Claim) -> str:
    return c.period.label() if c.period else "no period"


def source_label(c: Claim) -> str:
    return c.source or "no source"


# --- locations ---------------------------------------------------------------------

def position(path: str, line: int, column: int) -> str:
    return f"{path}:{line}:{column}"


def at_primary(f: Finding, path: str, line: int, column: int) -> bool:
    return (path, line, column) == (f.path, f.line, f.column)


def claim_note(c: Claim) -> str:
    """One phrase describing a claim, for a related location's message."""
    return f"{c.text} ({period_label(c)}; {source_label(c)})"


def other_locations(f: Finding) -> list[Location]:
    """The places other than the finding's own that a reader should look at.

    ``related`` comes first, as the checker gave it; claims at other places that
    ``related`` does not already name are added so no value goes unmentioned.
    """
    seen = {(f.path, f.line, f.column)}
    out: list[Location] = []
    for loc in f.related:
        key = (loc.path, loc.line, loc.column)
        if key not in seen:
            seen.add(key)
            out.append(loc)
    for c in f.claims:
        key = (c.path, c.line, c.column)
        if key not in seen:
            seen.add(key)
            out.append(Location(path=c.path, line=c.line, column=c.column, end_line=c.end_line,
                                end_column=c.end_column, text=c.text, note=claim_note(c)))
    return out


def location_note(loc: Location, f: Finding) -> str:
    """What a related location holds, preferring the claim found there."""
    for c in f.claims:
        if (c.path, c.line, c.column) == (loc.path, loc.line, loc.column):
            return claim_note(c)
    return loc.note or loc.text or "related location"


# --- fingerprints ------------------------------------------------------------------

def base_fingerprint(f: Finding) -> str:
    """The checker's fingerprint, or one made from what the finding is about (never its line)."""
    if f.fingerprint:
        return f.fingerprint
    parts = [f.rule, f.subject or "", f.path, f.message]
    parts.extend(f"{c.path}|{c.text}|{c.value!r}|{c.unit}" for c in f.claims)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def location_fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, unique within the report and stable across line moves.

    A conflict is reported at each of its claims with the same claim-key fingerprint;
    GitLab and GitHub merge issues that share a fingerprint, so the file is mixed in,
    and an ordinal separates the rare findings that still coincide.
    """
    out: list[str] = []
    used: Counter = Counter()
    for f in findings:
        digest = hashlib.sha256(
            f"{f.rule}\x1f{base_fingerprint(f)}\x1f{f.path}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        used[digest] += 1
        out.append(digest if used[digest] == 1 else f"{digest}-{used[digest]}")
    return out


def summary_counts(result: CheckResult) -> dict:
    """The summary as reports show it: counts recomputed from the findings being shown."""
    findings = result.findings
    summary = result.summary
    return {
        "files": summary.files,
        "claims": summary.claims,
        "findings": len(findings),
        "by_severity": severity_counts(findings),
        "by_rule": rule_counts(findings),
    }
