"""`derived`: a rate against the count and base it was computed from.

"51,000 5G base stations ... 28.5 stations per 10,000 people" implies about
17.9 million people. That implied base is checked against reference facts
(entity, a metric naming the base such as "population", the same time) and
against population-like claims elsewhere in the corpus. Both figures are
rounded, so the check uses their rounding intervals plus a tolerance.
"""

from __future__ import annotations

import bisect

import re
from typing import Optional

from pydantic import Field

from factlint.compare.outcomes import Interval, rounding_interval
from factlint.compare.periods import document_bound, same_time
from factlint.compare.grouping import Item
from factlint.models import Claim, Finding
from factlint.rules.base import (COMMON_PLACEHOLDERS, DOCUMENT, Context, Options, Rule, describe, fmt_number,
                                 make_finding, related_location, subject_label)
from factlint.rules.reference import fact_index

TYPE = "derived"
# A rate and its count stand in one document; the population claims it is checked against
# may stand anywhere, which `dependencies` and `population_items` tell an incremental run.
SCOPE = DOCUMENT
PLACEHOLDERS = COMMON_PLACEHOLDERS | {"count", "rate", "implied", "base_unit", "expected", "reference",
                                      "deviation"}

_WORD = re.compile(r"[a-z]+")


class DerivedOptions(Options):
    tolerance: float = Field(0.05, ge=0, le=1, description="relative tolerance on the implied base")
    base_metrics: dict[str, list[str]] = Field(
        default_factory=lambda: {
            "people": ["population", "residents", "people", "inhabitants", "permanent residents"],
            "residents": ["population", "residents", "permanent residents"],
            "inhabitants": ["population", "inhabitants"],
            "households": ["households"],
        },
        description="for each denominator noun, the metrics a reference fact or a claim may use for it")
    similarity: float = Field(90.0, ge=0, le=100)
    reach: int = Field(400, ge=0, description="how many characters before a rate's sentence its count may "
                                              "stand (0: the same sentence only)")


OPTIONS = DerivedOptions


def _head(noun: Optional[str]) -> Optional[str]:
    words = _WORD.findall((noun or "").casefold())
    if not words:
        return None
    word = words[-1]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _count_for(rate: Claim, candidates: list[Claim], *, strict: bool = False) -> Optional[Claim]:
    """The count the rate was computed from: a count counting the same thing.

    ``strict`` (counts from earlier sentences): both must name what they count,
    and the same thing, at the same time.
    """
    head = _head(rate.counted) or _head(rate.metric)
    best = None
    for c in candidates:
        if c.dimension != "count" or c.kind == "rate" or c.rate_base or c.kind == "rank":
            continue
        c_head = _head(c.counted) or _head(c.metric)
        if head and c_head and head != c_head:
            continue
        if strict and not (head and c_head and _same_period(c, rate)):
            continue
        if best is None or abs(c.offset - rate.offset) < abs(best.offset - rate.offset):
            best = c
    return best


def _same_period(a: Claim, b: Claim) -> bool:
    if a.period is None or b.period is None:
        return a.period is None and b.period is None
    return a.period.start == b.period.start and a.period.end == b.period.end


class _ByOffset:
    """A document's claims, with the ones starting in an offset window found by bisection
    (a scan of the whole document per rate made a long file quadratic)."""

    __slots__ = ("claims", "offsets", "order")

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        self.order = sorted(range(len(claims)), key=lambda i: claims[i].offset)
        self.offsets = [claims[i].offset for i in self.order]

    def starting_in(self, low: int, high: int) -> list[Claim]:
        """Claims whose offset is in [low, high], in the document's claim order."""
        a = bisect.bisect_left(self.offsets, low)
        b = bisect.bisect_right(self.offsets, high)
        return [self.claims[i] for i in sorted(self.order[a:b])]


def _same_sentence(rate: Claim, in_document: _ByOffset) -> list[Claim]:
    """The other claims of the rate's sentence: the same sentence text, near the rate (a
    sentence repeated elsewhere in a long file is another sentence). The window is wide
    because offsets count markup in HTML."""
    reach = 8 * len(rate.sentence or "") + 200
    return [c for c in in_document.starting_in(rate.offset - reach, rate.offset + reach)
            if c is not rate and c.sentence == rate.sentence]


def _earlier_counts(rate: Claim, in_document: _ByOffset, reach: int) -> list[Claim]:
    """Claims of the sentences just before the rate's ("... 2.31 million 5G base stations ...
    That works out to 25.1 for every 10,000 people"), at most ``reach`` characters back."""
    return [c for c in in_document.starting_in(rate.offset - reach, rate.offset)
            if c.sentence != rate.sentence and c.end_offset <= rate.offset]


def implied_base(count: Claim, rate: Claim) -> tuple[float, Interval]:
    """The denominator the two figures imply, and the range their rounding allows."""
    base = rate.rate_base or 1.0
    value = count.value / rate.value * base
    cr, rr = rounding_interval(count), rounding_interval(rate)
    low = cr.low / rr.high * base if rr.high not in (0, float("inf")) else 0.0
    high = cr.high / rr.low * base if rr.low > 0 else float("inf")
    return value, Interval(min(low, value), max(high, value))


def _rate_text(rate: Claim) -> str:
    """The rate with its base, as a reader says it ("25.1 5G base stations per 10,000 people"),
    also when the article wrote the base apart ("... for every 10,000 people")."""
    if " per " in f" {rate.text} " or rate.rate_base is None:
        return rate.text
    base = f"{rate.rate_base:,.0f} " if rate.rate_base != 1 else ""
    return f"{rate.text} per {base}{rate.rate_unit or 'people'}"


def _checked_rates(ctx: Context, opts: DerivedOptions):
    """(rate, count, canonical entity) for every rate whose count is found: what ``check`` judges."""
    rates = [it.claim for it in ctx.items
             if it.claim.rate_base and it.claim.value and it.claim.value > 0 and it.claim.sentence]
    if not rates:
        return
    with_rates = {c.path for c in rates}
    by_path: dict[str, list[Claim]] = {}
    for it in ctx.items:
        c = it.claim
        if c.path in with_rates:
            by_path.setdefault(c.path, []).append(c)
    by_offset = {path: _ByOffset(claims) for path, claims in by_path.items()}
    for rate in rates:
        count = _count_for(rate, _same_sentence(rate, by_offset[rate.path]))
        if count is None and opts.reach:
            count = _count_for(rate, _earlier_counts(rate, by_offset[rate.path], opts.reach), strict=True)
        if count is None or count.value <= 0:
            continue
        yield rate, count, ctx.matcher.entity(rate.entity or count.entity)


def check(rule: Rule, ctx: Context) -> list[Finding]:
    opts: DerivedOptions = rule.options
    findings: list[Finding] = []
    population_claims = None
    for rate, count, entity in _checked_rates(ctx, opts):
        if population_claims is None:
            population_claims = _population_claims(ctx, opts)
        value, span = implied_base(count, rate)
        base_noun = (rate.rate_unit or "people").casefold()
        names = opts.base_metrics.get(base_noun, [base_noun])
        verdict = _against_facts(ctx, opts, entity, names, rate, value, span)
        if verdict is None:
            verdict = _against_claims(ctx, opts, entity, names, rate, value, span, population_claims)
        if verdict is None:
            continue
        expected, where, related, confirms = verdict
        if confirms:
            ctx.verified.setdefault(rate.id, f"implies {fmt_number(value)} {base_noun}, "
                                              f"consistent with {where}")
            continue
        claims = [rate, count] + ([related] if related is not None else [])
        values = {
            "count": count.text, "rate": _rate_text(rate), "implied": fmt_number(value), "base_unit": base_noun,
            "expected": fmt_number(expected), "reference": where,
            "deviation": f"{value / expected - 1:+.1%}" if expected else "n/a",
        }
        rel = [related_location(count, f"{count.text} (the count)")]
        if related is not None:
            rel.append(related_location(related, f"{related.text} ({base_noun})"))
        findings.append(make_finding(rule, rate, values, subject=subject_label([rate]), claims=claims,
                                     outcome="derived-mismatch", related=rel))
    return findings


# What an incremental run needs to know (see factlint.rules.units) ------------------------

def dependencies(rule: Rule, ctx: Context) -> dict[str, set[tuple[str, str]]]:
    """Path -> (canonical entity, metric) of the population claims, anywhere in the corpus,
    that the rates of that document are checked against. Only the document decides it."""
    opts: DerivedOptions = rule.options
    wanted = _population_metrics(ctx, opts)
    out: dict[str, set[tuple[str, str]]] = {}
    for rate, _count, entity in _checked_rates(ctx, opts):
        if not entity:
            continue
        base_noun = (rate.rate_unit or "people").casefold()
        for name in opts.base_metrics.get(base_noun, [base_noun]):
            metric = ctx.matcher.metric(name)
            if metric in wanted:
                out.setdefault(rate.path, set()).add((entity, metric))
    return out


def population_items(rule: Rule, ctx: Context) -> list[Item]:
    """The claims of ``ctx`` that ``check`` may compare a rate's implied base with."""
    return [it for group in _population_claims(ctx, rule.options).values() for it in group]


def _agrees(span: Interval, expected: float, tolerance: float) -> bool:
    return span.widened(tolerance, expected).contains(expected) or \
        Interval(expected, expected).widened(tolerance, expected).overlaps(span)


def _against_facts(ctx: Context, opts: DerivedOptions, entity, names, rate: Claim, value: float, span: Interval):
    if not ctx.facts or not entity:
        return None
    index = fact_index(ctx)
    first = None
    for name in names:
        for fact in index.candidates(entity, ctx.matcher.metric(name), rate.period, opts.similarity, ctx.policy):
            if fact.unit != "count":
                continue
            tol = opts.tolerance + fact.tolerance
            where = fact.source
            if _agrees(span, fact.value, tol):
                return fact.value, where, None, True
            if first is None:
                first = (fact.value, where, None, False)
    return first


def _population_metrics(ctx: Context, opts: DerivedOptions) -> set[Optional[str]]:
    return {ctx.matcher.metric(n) for names in opts.base_metrics.values() for n in names}


def _population_claims(ctx: Context, opts: DerivedOptions) -> dict[tuple[str, str], list[Item]]:
    wanted = _population_metrics(ctx, opts)
    out: dict[tuple[str, str], list[Item]] = {}
    for it in ctx.items:
        c = it.claim
        if it.entity and it.metric in wanted and c.dimension == "count" and c.kind == "level" and not c.rate_base:
            out.setdefault((it.entity, it.metric), []).append(it)
    return out


def _against_claims(ctx: Context, opts: DerivedOptions, entity, names, rate: Claim, value: float,
                    span: Interval, population: dict):
    if not entity:
        return None
    first = None
    for name in names:
        for it in population.get((entity, ctx.matcher.metric(name)), ()):
            c = it.claim
            if not same_time(c.period, rate.period, ctx.policy):
                continue
            if c.path != rate.path and (document_bound(c.period) or document_bound(rate.period)):
                continue             # "no period" in two stories is no shared time
            claim_span = rounding_interval(c).widened(opts.tolerance, c.value)
            where = describe(c)
            if claim_span.overlaps(span):
                return c.value, where, c, True
            if first is None:
                first = (c.value, where, c, False)
    return first

