"""Find pairs of claims about the same thing without comparing every pair.

Claims are blocked on exact keys (entity, kind, unit dimension, period bucket);
metrics are matched fuzzily only inside a block, one rapidfuzz batch call per
distinct metric, so the cost grows with the number of claims and the size of
the largest block, not with the square of the corpus.

Three rules keep tables and breakdowns from passing for contradictions:

- claims are compared across documents, not within one (an article that gives
  two values for what looks like one subject is giving a series: a table, a
  "rose to X from Y" the period detection did not split);
- such claims are *ambiguous* in their document and are not compared at all:
  which of the two values would the other article be contradicting?
- a claim is paired only with its best metric match in each other document,
  and only if that match's best is the claim itself (mutual best match), so
  the rows "production" and "production import" of two tables pair row by row;
- optionally (``max_values``, a rule option), a subject the corpus gives more
  than that many different values for is taken for several subjects the keys
  could not tell apart, and is left out;
- a one-word metric the alias tables do not know ("jobs", "tax") is too vague
  to tie two articles together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Optional, Sequence

from rapidfuzz import fuzz, process

from factlint.compare.matching import Matcher
from factlint.compare.periods import DEFAULT_POLICY, PeriodPolicy, bucket, same_time, visitor_buckets
from factlint.extract.entities import title_ticker
from factlint.models import Claim, FileResult

# Kinds whose values are never compared with each other's (a rank is not a quantity).
UNCOMPARABLE_KINDS = frozenset({"rank"})
# No limit on how many different values one subject may have across the corpus (see below).
NO_LIMIT = 0
# Blocks with this many distinct metrics are scored as one matrix (one C call) rather than row by row.
BATCH_FROM = 64


@dataclass(slots=True)
class Item:
    """A claim with the keys comparison needs, computed once."""

    claim: Claim
    index: int                  # position in the corpus order (path, offset): the tie-breaker
    entity: Optional[str]
    metric: Optional[str]
    published: Optional[dt.date]
    bucket: tuple
    ambiguous: bool = False     # its document states other values for the same subject
    specific: bool = True       # its metric says enough to match other documents' (see Matcher.is_specific)
    period_label: Optional[str] = None
    visits: tuple = ()          # other period buckets it is compared in (see periods.visitor_buckets)
    ticker: Optional[str] = None  # its story's headline ticker, when the claim is about the headline company

    @property
    def comparable(self) -> bool:
        return self.entity is not None and self.metric is not None


@dataclass(frozen=True, slots=True)
class Pair:
    a: Item   # a.index < b.index
    b: Item
    score: float


def dimension_class(claim: Claim) -> str:
    """Units that can be converted into each other share a class (all currencies)."""
    return "currency" if claim.dimension == "currency" else claim.dimension


def _subject_in_document(it: Item) -> tuple:
    c = it.claim
    return (c.path, it.entity, it.metric, c.kind, dimension_class(c), it.period_label, c.rate_base)


def _value_key(c: Claim) -> tuple:
    return (c.unit, round(c.value, 9), c.qualifier)


def mark_ambiguous(items: Sequence[Item]) -> None:
    """Flag claims whose document gives several values for one subject."""
    values: dict[tuple, set] = defaultdict(set)
    keyed = [(it, _subject_in_document(it)) for it in items if it.comparable and it.claim.equivalent_of is None]
    for it, key in keyed:
        values[key].add(_value_key(it.claim))
    for it, key in keyed:
        it.ambiguous = len(values[key]) > 1


def build_items(files: Sequence[FileResult], matcher: Matcher) -> list[Item]:
    items: list[Item] = []
    ordered = sorted(files, key=lambda f: f.meta.path)
    entity, metric_of = matcher.entity, matcher.metric
    specific: dict[Optional[str], bool] = {}
    visits_by_end: dict[tuple, tuple] = {}
    for f in ordered:
        published = f.meta.date
        tickers: dict[Optional[str], Optional[str]] = {}
        for claim in sorted(f.claims, key=lambda c: (c.offset, c.end_offset)):
            ent = entity(claim.entity)
            ticker = tickers.get(claim.entity, "")
            if ticker == "":
                ticker = tickers[claim.entity] = headline_ticker(f.meta.title, claim.entity) if ent else None
            # A claim without an entity is never compared: its metric is not worth canonicalizing.
            metric = metric_of(claim.metric) if ent is not None else None
            spec = specific.get(metric)
            if spec is None:
                spec = specific[metric] = matcher.is_specific(metric)
            period = claim.period
            visits = ()
            if period is not None and period.implied:
                # Half a newswire's claims are undated (implied by the publication date):
                # their extra buckets depend only on that date.
                key = (period.end, period.resolved, period.start is None)
                visits = visits_by_end.get(key)
                if visits is None:
                    visits = visits_by_end[key] = visitor_buckets(period)
            items.append(Item(claim, len(items), ent, metric, published, bucket(period, claim.path),
                              specific=spec, period_label=period.label() if period is not None else None,
                              visits=visits, ticker=ticker))
    mark_ambiguous(items)
    return items


def headline_ticker(title: Optional[str], entity: Optional[str]) -> Optional[str]:
    """The ticker of the company a headline names before it, when that is ``entity``: two
    "Marine Corp" with tickers MCRP.O and MCOR.O are two companies of one name."""
    found = title_ticker(title)
    if found is None or not entity:
        return None
    named, ticker = found
    return ticker if all(w in named for w in entity.upper().split()) else None


def _other_issuers(a: Item, b: Item) -> bool:
    return a.ticker is not None and b.ticker is not None and a.ticker != b.ticker


def _linked(a: Claim, b: Claim) -> bool:
    """One is the bracketed equivalent of the other: the same claim twice."""
    return a.equivalent_of == b.id or b.equivalent_of == a.id


def _misread_repeat(a: Claim, b: Claim) -> bool:
    """Two figures at different places of one sentence repeated in two articles (a story
    run twice): whatever the keys say, the sentence says they are different figures."""
    return bool(a.sentence) and a.sentence == b.sentence and a.text != b.text


def _similar_metrics(metrics: list[str], matcher: Matcher, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i <= j) of metric indexes at least ``threshold`` alike, each metric with itself included."""
    similar = [(i, i, 100.0) for i in range(len(metrics))]
    if threshold >= 100 or len(metrics) < 2:
        return similar
    # The first pass (C code) is looser than the threshold: it only has to keep every
    # candidate; matcher.similarity decides.
    cutoff = max(threshold - 15, 0)
    for i, j in _candidate_pairs(metrics, matcher, cutoff):
        score = matcher.similarity(metrics[i], metrics[j])
        if score >= threshold:
            similar.append((i, j, score))
    return similar


def _candidate_pairs(metrics: list[str], matcher: Matcher, cutoff: float) -> Iterable[tuple[int, int]]:
    # Plain ratio on words put in order is the token-sort ratio, computed by rapidfuzz's
    # fastest scorer; a matrix of it costs a fraction of the per-pair scorers.
    keys = [" ".join(sorted(m.split())) for m in metrics]
    if len(keys) >= BATCH_FROM:
        try:
            import numpy as np
        except ImportError:  # rapidfuzz's matrix needs numpy; the loop below does not
            pass
        else:
            matrix = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
            rows, cols = np.nonzero(np.triu(matrix, k=1))
            return zip(rows.tolist(), cols.tolist())
    out = []
    for i, key in enumerate(keys[:-1]):
        rest = keys[i + 1:]
        out.extend((i, i + 1 + j) for _, _, j in process.extract(key, rest, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                                  limit=None))
    return out


def find_pairs(items: Iterable[Item], block_key: Callable[[Item], Optional[Hashable]], matcher: Matcher,
               threshold: float, policy: PeriodPolicy = DEFAULT_POLICY,
               accept: Optional[Callable[[Item, Item], bool]] = None,
               max_values: int = NO_LIMIT,
               worth: Optional[Callable[[Sequence[Item]], bool]] = None) -> list[Pair]:
    """Pairs of claims in different documents, in the same block, whose metrics match
    (mutual best match per document pair) and whose periods refer to the same time.

    ``block_key`` returns the exact part of the key (without the period bucket,
    which is added here) or None to leave a claim out. ``worth``, given the claims
    of two matching metrics of a block (or one), says whether they can hold a pair
    the caller wants (a unit check needs two units); others are not paired at all.
    """
    members: dict[tuple, list[Item]] = defaultdict(list)
    visitors: dict[tuple, list[Item]] = defaultdict(list)
    for it in items:
        if not it.comparable or it.ambiguous or not it.specific:
            continue
        key = block_key(it)
        if key is None:
            continue
        members[(key, it.bucket)].append(it)
        for vb in (it.visits if policy == DEFAULT_POLICY else visitor_buckets(it.claim.period, policy)):
            visitors[(key, vb)].append(it)

    candidates: dict[tuple[int, int], Pair] = {}
    for block, block_members in members.items():
        block_visitors = visitors.get(block, ())
        if not block_visitors and not _several_documents(block_members):
            continue  # one document alone: nothing to compare across documents
        by_metric: dict[str, list[tuple[Item, bool]]] = defaultdict(list)
        for it in block_members:
            by_metric[it.metric].append((it, False))
        for it in block_visitors:
            by_metric[it.metric].append((it, True))
        metrics = sorted(by_metric)
        for i, j, score in _similar_metrics(metrics, matcher, threshold):
            left, right = by_metric[metrics[i]], by_metric[metrics[j]]
            if worth is not None and not worth([it for it, _ in (left if i == j else left + right)]):
                continue
            for x, (ia, a_visits) in enumerate(left):
                for ib, b_visits in (right[x + 1:] if i == j else right):
                    if (a_visits and b_visits) or ia.claim.path == ib.claim.path:
                        continue
                    a, b = (ia, ib) if ia.index < ib.index else (ib, ia)
                    key = (a.index, b.index)
                    if key in candidates or _linked(a.claim, b.claim) or _misread_repeat(a.claim, b.claim) \
                            or _other_issuers(a, b):
                        continue
                    if not same_time(a.claim.period, b.claim.period, policy):
                        continue
                    if accept is not None and not accept(a, b):
                        continue
                    candidates[key] = Pair(a, b, score)

    # Mutual best match: for each claim and each other document, only the best-scoring partners.
    best: dict[tuple[int, str], float] = {}
    for p in candidates.values():
        for it, other in ((p.a, p.b), (p.b, p.a)):
            k = (it.index, other.claim.path)
            if p.score > best.get(k, -1.0):
                best[k] = p.score
    pairs = [p for p in candidates.values()
             if p.score >= best[(p.a.index, p.b.claim.path)] and p.score >= best[(p.b.index, p.a.claim.path)]]
    if max_values > 0:
        pairs = _drop_crowded_subjects(pairs, max_values)
    pairs.sort(key=lambda p: (p.a.index, p.b.index))
    return pairs


def _several_documents(block: Sequence[Item]) -> bool:
    path = block[0].claim.path
    return any(it.claim.path != path for it in block)


def _drop_crowded_subjects(pairs: list[Pair], max_values: int) -> list[Pair]:
    """Drop the pairs of subjects the corpus gives more than ``max_values`` different values for.

    A fact stated across articles has one value, or two or three when some are
    wrong, rounded or revised; a "subject" with many values ("United States · net
    income · 1986" across a hundred company reports) is several subjects the
    extracted keys could not tell apart, and its disagreements are noise.
    """
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in pairs:
        ra, rb = root(p.a.index), root(p.b.index)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    values: dict[int, set] = defaultdict(set)
    for p in pairs:
        r = root(p.a.index)
        values[r].add(_value_key(p.a.claim))
        values[r].add(_value_key(p.b.claim))
    return [p for p in pairs if len(values[root(p.a.index)]) <= max_values]


def comparison_key(it: Item) -> Optional[Hashable]:
    """Block key for value comparisons: same entity, kind and convertible unit."""
    c = it.claim
    if c.kind in UNCOMPARABLE_KINDS or c.equivalent_of is not None:
        return None
    return (it.entity, c.kind, dimension_class(c))


def subject_key(it: Item) -> Optional[Hashable]:
    """Block key for unit checks: same entity whatever the unit (metrics must then match exactly)."""
    c = it.claim
    if c.kind in UNCOMPARABLE_KINDS or c.equivalent_of is not None:
        return None
    return (it.entity,)
