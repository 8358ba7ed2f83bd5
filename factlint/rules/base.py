"""What every rule type shares: the loaded rule, the run context, and finding construction."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence

from pydantic import BaseModel, ConfigDict

from factlint.compare.grouping import Item, Pair, build_items, find_pairs
from factlint.compare.matching import Matcher
from factlint.compare.periods import DEFAULT_POLICY, PeriodPolicy, is_dated, rate_date
from factlint.models import Claim, FileResult, Finding, Location, Severity
from factlint.normalize.currency import RateTable


# What a rule type's findings depend on (its module's ``SCOPE``; see factlint.rules.units):
# DOCUMENT: the claims of the one document a finding stands in; ENTITY: the claims, in any
# document, about the canonical entity of the finding's claims.
DOCUMENT = "document"
ENTITY = "entity"


class Options(BaseModel):
    """Base of every rule type's options model: unknown keys are errors."""

    # strict: "tolerance: yes" or "tolerance: '0.01'" is a mistake, not 1.0 or 0.01
    model_config = ConfigDict(extra="forbid", strict=True)


# Placeholders every message template may use (the primary claim's).
COMMON_PLACEHOLDERS = frozenset({"subject", "entity", "metric", "period", "text", "value", "unit",
                                 "path", "line", "source"})


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    type: str
    severity: Severity
    message: str
    description: str
    options: Any                     # the rule type's options model instance
    raw_options: dict = field(default_factory=dict)
    examples: tuple = ()
    origin: str = ""                 # the rule file it came from


@dataclass
class Context:
    """Everything rules read during one run; comparisons are computed once and shared."""

    files: Sequence[FileResult]
    matcher: Matcher
    rates: Optional[RateTable] = None
    facts: Sequence[Any] = ()        # factlint.rules.reference.ReferenceFact
    policy: PeriodPolicy = DEFAULT_POLICY
    items: list[Item] = field(default_factory=list)
    verified: dict[str, str] = field(default_factory=dict)   # claim id -> reference that confirms it
    memo: dict[str, Any] = field(default_factory=dict)         # per-run indexes rules build lazily
    _pairs: dict[tuple, list[Pair]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.items:
            self.items = build_items(self.files, self.matcher)
        self.published: dict[str, Optional[dt.date]] = {f.meta.path: f.meta.date for f in self.files}
        self.by_id: dict[str, Item] = {it.claim.id: it for it in self.items}

    def pairs(self, name: str, block_key, threshold: float, max_values: int = 0, worth=None) -> list[Pair]:
        """Pairs of claims about the same thing (see factlint.compare.grouping), computed once per key.

        ``max_values`` > 0 leaves out subjects with more different values than that across the corpus;
        ``worth`` skips blocks that cannot hold a pair the caller wants (the name must then say so)."""
        key = (name, threshold, max_values)
        found = self._pairs.get(key)
        if found is None:
            found = find_pairs(self.items, block_key, self.matcher, threshold, self.policy, max_values=max_values,
                               worth=worth)
            self._pairs[key] = found
        return found

    def rate_between(self, a: Item, b: Item) -> Optional[float]:
        """Units of a's currency per unit of b's, each at the rate of its own date."""
        ca, cb = a.claim, b.claim
        if ca.unit == cb.unit:
            return 1.0
        if self.rates is None:
            return None
        da, db = rate_date(ca.period, a.published), rate_date(cb.period, b.published)
        if da is None or db is None:
            return None
        ra = self.rates.average_rate(ca.unit, *da)
        rb = self.rates.average_rate(cb.unit, *db)
        if ra is None or rb is None:
            return None
        return ra / rb


# Describing claims in messages -------------------------------------------------------

KIND_LABELS = {"share": "share", "change": "change", "rate": "rate", "rank": "rank", "target": "target"}


def period_label(claims: Iterable[Claim]) -> str:
    """The period a group of claims is about: a written one rather than a publication date."""
    claims = list(claims)
    for c in claims:
        if c.period is not None and is_dated(c.period) and not c.period.implied:
            return c.period.label()
    for c in claims:
        if c.period is not None:
            if c.period.implied and c.period.end:
                return f"as of {c.period.end.isoformat()} (publication date)"
            return c.period.label()
    return "no period"


def subject_label(claims: Sequence[Claim]) -> str:
    """"Shenzhen · core digital economy industries added value · share of GDP · 2021"."""
    first = claims[0]
    parts = [first.entity or "?", first.metric or "?"]
    kind = KIND_LABELS.get(first.kind)
    metric = (first.metric or "").casefold()
    if kind == "share" and "share" not in metric and "percent" not in metric:
        parts.append("share")
    elif kind and kind not in ("share",) and kind not in metric:
        parts.append(kind)
    parts.append(period_label(claims))
    return " · ".join(parts)


def place(c: Claim) -> str:
    return f"{c.path}:{c.line}"


def describe(c: Claim) -> str:
    """'30 percent (c.txt:5)'."""
    return f"{c.text} ({place(c)})"


def source_note(c: Claim) -> str:
    return f"source: {c.source}" if c.source else "no source"


def related_location(c: Claim, note: Optional[str] = None) -> Location:
    return Location(path=c.path, line=c.line, column=c.column, end_line=c.end_line, end_column=c.end_column,
                    text=c.text, note=note or f"{c.text} ({source_note(c)})")


_VERB_QUALIFIER = re.compile(r"^(?:exceeded|exceeding|exceeds|topped|topping|surpassed|surpassing)\s+", re.IGNORECASE)


def figure_text(c: Claim) -> str:
    """The figure as a message quotes it: a verb the scanner read as its qualifier is said as
    "over" ("exceeded 900 billion yuan" -> "over 900 billion yuan")."""
    return _VERB_QUALIFIER.sub("over ", c.text, count=1)


def number_text(c: Claim) -> str:
    """The figure's digits as written, without qualifier or unit ("30" of "30 percent")."""
    m = re.search(r"\d[\d,.]*\d|\d", c.text)
    return m.group(0) if m else c.text


def fmt_number(x: float) -> str:
    """A readable figure: 17.9 million, 6.99, 128.8 billion."""
    ax = abs(x)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= scale:
            return f"{x / scale:.3g} {word}"
    if ax >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(template: str, values: dict[str, Any]) -> str:
    # Templates are checked at load time (template_fields), so only plain names reach here.
    return template.format_map(_SafeDict(values))


def template_fields(template: str) -> list[str]:
    """Placeholder names in a message template; ValueError if the template is malformed."""
    names = []
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            if not name.isidentifier():
                raise ValueError(f"placeholder {{{name}}} is not a plain name")
            names.append(name)
    return names


_CLAIM_VALUES = {
    "entity": lambda c: c.entity or "?", "metric": lambda c: c.metric or "?",
    "period": lambda c: c.period.label() if c.period else "no period",
    "text": lambda c: c.text, "value": lambda c: f"{c.value:g}", "unit": lambda c: c.unit,
    "path": lambda c: c.path, "line": lambda c: c.line, "source": lambda c: c.source or "no source",
}


def claim_values(c: Claim, names: Optional[Iterable[str]] = None) -> dict[str, Any]:
    """The primary claim's placeholders (only ``names`` of them when given)."""
    wanted = _CLAIM_VALUES if names is None else [n for n in names if n in _CLAIM_VALUES]
    return {name: _CLAIM_VALUES[name](c) for name in wanted}


@lru_cache(maxsize=256)
def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(template_fields(template))


def fingerprint(rule_id: str, subject: str, claims: Sequence[Claim]) -> str:
    """Stable across runs and line moves: rule, subject and the claims' paths, texts and values."""
    h = hashlib.sha256()
    h.update(rule_id.encode())
    h.update(b"\x1f" + " ".join(subject.casefold().split()).encode())
    for part in sorted(f"{c.path}\x1e{c.text}\x1e{c.value!r}\x1e{c.unit}" for c in claims):
        h.update(b"\x1f" + part.encode())
    return h.hexdigest()[:20]


def make_finding(rule: Rule, primary: Claim, values: dict[str, Any], *, subject: str,
                 claims: Sequence[Claim], outcome: Optional[str] = None,
                 related: Sequence[Location] = ()) -> Finding:
    merged = claim_values(primary, _placeholders(rule.message))
    merged["subject"] = subject
    merged.update(values)
    # Every field is built here from checked values: no validation needed (tens of
    # thousands of findings on a newswire archive).
    return Finding.model_construct(
        rule=rule.id, name=rule.name, severity=rule.severity,
        path=primary.path, line=primary.line, column=primary.column,
        end_line=primary.end_line, end_column=primary.end_column,
        message=render_message(rule.message, merged), outcome=outcome, subject=subject,
        claims=list(claims), related=list(related),
        fingerprint=fingerprint(rule.id, subject, claims),
    )
