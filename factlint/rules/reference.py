"""`reference`: claims checked against a user's reference facts file.

A claim about the same entity, metric and time as a fact either agrees with it
(its interval contains the fact's value, within the fact's tolerance): the claim
is marked verified (``Claim.verified_by``), or it contradicts it: a finding.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Optional, Sequence, Union

from pydantic import Field, field_validator

from factlint.compare.matching import Matcher
from factlint.compare.outcomes import DISAGREE, interval_agrees_with_value
from factlint.compare.periods import PeriodPolicy, rate_date, same_time
from factlint.models import Claim, ClaimKind, Finding, Period, Strict
from factlint.normalize.currency import RateTable
from factlint.normalize.units import check_claim_unit
from factlint.rules.base import (COMMON_PLACEHOLDERS, DOCUMENT, Context, Options, Rule, fmt_number, make_finding,
                                 subject_label)
from factlint.yamlio import load_model

TYPE = "reference"
# Judged claim by claim, against the reference facts.
SCOPE = DOCUMENT
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"expected", "reference", "url", "fact_period", "deviation"}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

DateLike = Union[str, int, dt.date]


def _first_and_last(value: DateLike) -> tuple[dt.date, dt.date, bool]:
    """(first day, last day, is a point) of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value, True
    m = _DATE.match(str(value).strip())
    if not m:
        raise ValueError(f"{value!r} is not a period: write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    try:
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day, True
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), False
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date ({exc})") from None
    return dt.date(year, 1, 1), dt.date(year, 12, 31), False


class PeriodSpan(Strict):
    start: DateLike
    end: DateLike


class ReferenceFact(Strict):
    entity: str
    metric: str
    period: Union[PeriodSpan, DateLike]
    value: float = Field(strict=True)  # not "51000" or yes: a number
    unit: str = Field(description="canonical unit as in claims: count, percent, pp, CNY, USD, byte, ...")
    kind: Optional[ClaimKind] = None
    tolerance: float = Field(0.0, ge=0, le=1, strict=True,
                             description="relative tolerance on top of the claim's rounding")
    source: str
    url: Optional[str] = None
    aliases: list[str] = Field(
        default_factory=list,
        description="other names of the same metric in articles (\"permanent population\" for a population "
                    "counted as permanent residents)")

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError(f"a fact's value must be a finite number (got {value})")
        return value

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        return check_claim_unit(value)

    @field_validator("period")
    @classmethod
    def _valid_period(cls, value):
        cls._to_period(value)  # raises ValueError with a readable message
        return value

    @staticmethod
    def _to_period(value) -> Period:
        if isinstance(value, PeriodSpan):
            start, _, _ = _first_and_last(value.start)
            _, end, _ = _first_and_last(value.end)
            if end < start:
                raise ValueError("period end is before its start")
            return Period(start=start, end=end, text=f"{value.start}..{value.end}")
        start, end, point = _first_and_last(value)
        return Period(start=start, end=end, point=point, text=str(value))

    def as_period(self) -> Period:
        return self._to_period(self.period)

    def label(self) -> str:
        where = f"{self.source}, {self.url}" if self.url else self.source
        return f"{self.entity} {self.metric} {self.as_period().label()}: {fmt_number(self.value)} {self.unit} ({where})"


class ReferenceFile(Strict):
    facts: list[ReferenceFact] = Field(default_factory=list)


def load_reference(path: Union[str, Path]) -> list[ReferenceFact]:
    """Load a reference facts file (ConfigError with file:line:col when it is wrong)."""
    return load_model(path, ReferenceFile).facts


class ReferenceOptions(Options):
    similarity: float = Field(90.0, ge=0, le=100, description="how alike a claim's metric and the fact's must be")
    tolerance: float = Field(0.0, ge=0, le=1, description="relative tolerance added to each fact's own")
    conversion_tolerance: float = Field(0.02, ge=0, le=1,
                                        description="extra tolerance when a currency conversion is involved")


OPTIONS = ReferenceOptions


class FactIndex:
    """Facts by canonical entity, with the lookups rules need."""

    def __init__(self, facts: Sequence[ReferenceFact], matcher: Matcher):
        self.matcher = matcher
        self.by_entity: dict[str, list[tuple[ReferenceFact, tuple[str, ...], Period]]] = defaultdict(list)
        for f in facts:
            ent = matcher.entity(f.entity)
            names = tuple(dict.fromkeys(filter(None, (matcher.metric(m) for m in [f.metric, *f.aliases]))))
            if ent and names:
                self.by_entity[ent].append((f, names, f.as_period()))

    def candidates(self, entity: Optional[str], metric: Optional[str], period: Optional[Period],
                   similarity: float, policy: PeriodPolicy, kind: Optional[str] = None):
        """Facts about this entity, metric (fuzzy) and time, best metric match first."""
        if not entity or not metric:
            return []
        found = []
        for fact, names, fper in self.by_entity.get(entity, ()):
            if kind is not None and fact.kind is not None and fact.kind != kind:
                continue
            score = max(self.matcher.similarity(metric, name) for name in names)
            if score < similarity:
                continue
            if not same_time(fper, period, policy):
                continue
            found.append((score, fact))
        found.sort(key=lambda sf: -sf[0])
        return [f for _, f in found]


def fact_index(ctx: Context) -> FactIndex:
    index = ctx.memo.get("facts")
    if index is None:
        index = ctx.memo["facts"] = FactIndex(ctx.facts, ctx.matcher)
    return index


def _factor(claim: Claim, fact: ReferenceFact, published: Optional[dt.date], rates: Optional[RateTable]
            ) -> Optional[float]:
    """Units of the claim's unit per unit of the fact's; None when they cannot be related."""
    if claim.unit == fact.unit:
        return 1.0
    if claim.dimension != "currency" or rates is None or fact.unit not in rates.currencies():
        return None
    when = rate_date(fact.as_period(), published)
    if when is None:
        return None
    r_claim = rates.average_rate(claim.unit, *when)
    r_fact = rates.average_rate(fact.unit, *when)
    if r_claim is None or r_fact is None:
        return None
    return r_claim / r_fact


def judge_against_facts(ctx: Context, claim: Claim, published: Optional[dt.date], opts: ReferenceOptions):
    """(outcome, fact, expected value in the claim's unit) for the best matching fact, or None."""
    if claim.equivalent_of is not None or claim.kind == "rank":
        return None
    index = fact_index(ctx)
    verdict = None
    for fact in index.candidates(ctx.matcher.entity(claim.entity), ctx.matcher.metric(claim.metric),
                                 claim.period, opts.similarity, ctx.policy, claim.kind):
        factor = _factor(claim, fact, published, ctx.rates)
        if factor is None:
            continue
        tol = fact.tolerance + opts.tolerance + (opts.conversion_tolerance if factor != 1.0 else 0.0)
        expected = fact.value * factor
        outcome = interval_agrees_with_value(claim, expected, tol)
        if outcome != DISAGREE:
            return outcome, fact, expected
        if verdict is None:
            verdict = (outcome, fact, expected)
    return verdict


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: ReferenceOptions = rule.options
    if not ctx.facts:
        return []
    findings: list[Finding] = []
    for it in ctx.items:
        if not it.comparable:
            continue
        verdict = judge_against_facts(ctx, it.claim, it.published, opts)
        if verdict is None:
            continue
        outcome, fact, expected = verdict
        claim = it.claim
        if outcome != DISAGREE:
            ctx.verified[claim.id] = fact.label()
            continue
        deviation = claim.value / expected - 1 if expected else float("inf")
        values = {
            "expected": f"{fmt_number(expected)} {claim.unit}", "reference": fact.source, "url": fact.url or "",
            "fact_period": fact.as_period().label(), "deviation": f"{deviation:+.1%}",
        }
        findings.append(make_finding(rule, claim, values, subject=subject_label([claim]), claims=[claim],
                                     outcome="contradicts-reference"))
    return findings
