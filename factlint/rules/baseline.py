"""Baselines: adopt factlint on an existing archive and see only new problems.

``--write-baseline FILE`` records today's findings by rule and fingerprint (the
claim keys and values, never line numbers, so editing an article above a known
problem does not bring it back) together with readable context, in a JSON file
written atomically. ``--baseline FILE`` drops findings recorded there. Each entry
counts its occurrences, so a second copy of a known problem still shows.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Union

from pydantic import Field, ValidationError

from factlint.errors import ConfigError
from factlint.fileio import write_atomic
from factlint.models import Finding, Strict
from factlint.yamlio import not_utf8, parse_yaml, validation_error

BASELINE_VERSION = 1

PathLike = Union[str, Path]


class BaselineEntry(Strict):
    rule: str = Field(pattern=r"^FL\d{3}$")
    fingerprint: str = Field(min_length=1)
    count: int = Field(1, ge=1, description="how many findings share this rule and fingerprint")
    subject: Optional[str] = Field(None, description="for people reading the file; not matched")
    values: list[str] = Field(default_factory=list, description="the claims as written; not matched")
    paths: list[str] = Field(default_factory=list, description="files involved; not matched")
    message: Optional[str] = Field(None, description="the finding's message; not matched")


class Baseline(Strict):
    version: int = Field(description="baseline format version")
    findings: list[BaselineEntry] = Field(default_factory=list)

    def counts(self) -> Counter:
        out: Counter = Counter()
        for e in self.findings:
            out[(e.rule, e.fingerprint)] += e.count
        return out

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were matched by it."""
        remaining = self.counts()
        kept, matched = [], 0
        for f in findings:
            key = baseline_key(f)
            if remaining[key] > 0:
                remaining[key] -= 1
                matched += 1
            else:
                kept.append(f)
        return kept, matched


def finding_fingerprint(finding: Finding) -> str:
    """The finding's own fingerprint, or one derived the same way (claims, not lines)."""
    if finding.fingerprint:
        return finding.fingerprint
    parts = [finding.rule, finding.subject or "", finding.outcome or ""]
    if finding.claims:
        keys = sorted(
            "\x1f".join([c.path, c.entity or "", c.metric or "", c.period.label() if c.period else "",
                         c.kind, c.text, repr(c.value), c.unit])
            for c in finding.claims)
        parts.extend(keys)
    else:
        parts.extend([finding.path, finding.message])
    return hashlib.sha256("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def baseline_key(finding: Finding) -> tuple[str, str]:
    return finding.rule, finding_fingerprint(finding)


def build_baseline(findings: Iterable[Finding]) -> Baseline:
    """Entries per rule and fingerprint; their context is merged so that the order
    findings arrive in never changes the file."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault(baseline_key(f), []).append(f)
    entries = []
    for (rule, fp), group in groups.items():
        paths = {p for f in group for p in (f.path, *(c.path for c in f.claims), *(r.path for r in f.related))}
        entries.append(BaselineEntry(
            rule=rule, fingerprint=fp, count=len(group),
            subject=min((f.subject for f in group if f.subject), default=None),
            values=sorted({c.text for f in group for c in f.claims}), paths=sorted(paths),
            message=min(f.message for f in group)))
    entries.sort(key=lambda e: (e.rule, e.subject or "", e.fingerprint))
    return Baseline(version=BASELINE_VERSION, findings=entries)


def write_baseline(findings: Iterable[Finding], path: PathLike) -> int:
    """Record the findings in a baseline file (atomically); return how many entries."""
    baseline = build_baseline(findings)
    data = baseline.model_dump(mode="json", exclude_defaults=False)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(path, text)
    return len(baseline.findings)


def load_baseline(path: PathLike) -> Baseline:
    """Read a baseline file; any problem is a ConfigError naming the file, line and column."""
    where = str(path)
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(where, None, None, "baseline file not found (create it with --write-baseline)") from None
    except UnicodeDecodeError as exc:
        raise not_utf8(where, data, exc) from None
    except OSError as exc:
        raise ConfigError(where, None, None, f"cannot read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(where, exc.lineno, exc.colno, f"invalid baseline JSON: {exc.msg}") from None
    except RecursionError:
        raise ConfigError(where, 1, 1, "invalid baseline JSON: nesting too deep") from None
    if not isinstance(data, dict):
        raise ConfigError(where, 1, 1, "expected a JSON object with 'version' and 'findings'")
    if data.get("version") not in (None, BASELINE_VERSION) and isinstance(data.get("version"), int):
        raise ConfigError(where, None, None, f"baseline version {data['version']} is not supported "
                                             f"(this factlint reads version {BASELINE_VERSION})")
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        # Positions only matter on this error path; JSON is YAML, so the YAML reader finds them.
        try:
            _, positions = parse_yaml(text, where)
        except ConfigError:
            positions = {}
        raise validation_error(exc, where, positions) from None


def filter_baseline(findings: Iterable[Finding], path: PathLike) -> list[Finding]:
    """The findings that are not recorded in the baseline file at ``path``."""
    kept, _ = load_baseline(path).filter(findings)
    return kept
