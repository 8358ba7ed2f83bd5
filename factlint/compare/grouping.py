"""Find pairs of claims about the same thing without comparing every pair.

Claims are blocked on exact keys (entity, kind, unit dimension, period bucket);
metrics are matched fuzzily only inside a block, one rapidfuzz batch call per
distinct metric, so the cost grows with the number of claims and the size of
the largest block, not with the square of the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Optional, Sequence

from rapidfuzz import process

from factlint.compare.matching import Matcher
from factlint.compare.periods import DEFAULT_POLICY, PeriodPolicy, bucket, same_time, visitor_buckets
from factlint.models import Claim, FileResult

# Kinds whose values are never compared with each other's (a rank is not a quantity).
UNCOMPARABLE_KINDS = frozenset({"rank"})


@dataclass(slots=True)
class Item:
    """A claim with the keys comparison needs, computed once."""

    claim: Claim
    index: int                  # position in the corpus order (path, offset): the tie-breaker
    entity: Optional[str]
    metric: Optional[str]
    published: Optional[dt.date]
    bucket: tuple

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
    if claim.dimension == "currency":
        return "currency"
    return f"{claim.dimension}:{claim.unit}" if claim.dimension not in ("data",) else "data"


def build_items(files: Sequence[FileResult], matcher: Matcher) -> list[Item]:
    items: list[Item] = []
    ordered = sorted(files, key=lambda f: f.meta.path)
    for f in ordered:
        published = f.meta.date
        for claim in sorted(f.claims, key=lambda c: (c.offset, c.end_offset)):
            items.append(Item(claim=claim, index=len(items), entity=matcher.entity(claim.entity),
                              metric=matcher.metric(claim.metric), published=published,
                              bucket=bucket(claim.period, claim.path)))
    return items


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.path == b.path and bool(a.sentence) and a.sentence == b.sentence and \
        abs(a.offset - b.offset) <= max(len(a.sentence), 1)


def _linked(a: Claim, b: Claim) -> bool:
    """One is the bracketed equivalent of the other: the same claim twice."""
    return a.equivalent_of == b.id or b.equivalent_of == a.id


def find_pairs(items: Iterable[Item], block_key: Callable[[Item], Optional[Hashable]], matcher: Matcher,
               threshold: float, policy: PeriodPolicy = DEFAULT_POLICY,
               allow_same_sentence: bool = False,
               accept: Optional[Callable[[Item, Item], bool]] = None) -> list[Pair]:
    """Pairs of claims in the same block whose metrics match and whose periods refer to the same time.

    ``block_key`` returns the exact part of the key (without the period bucket,
    which is added here) or None to leave a claim out.
    """
    members: dict[tuple, list[Item]] = defaultdict(list)
    visitors: dict[tuple, list[Item]] = defaultdict(list)
    for it in items:
        if not it.comparable:
            continue
        key = block_key(it)
        if key is None:
            continue
        members[(key, it.bucket)].append(it)
        for vb in visitor_buckets(it.claim.period, policy):
            visitors[(key, vb)].append(it)

    pairs: list[Pair] = []
    seen: set[tuple[int, int]] = set()
    exact = threshold >= 100
    scorer = matcher.scorer()
    for block, block_members in members.items():
        block_visitors = visitors.get(block, ())
        by_metric: dict[str, list[tuple[Item, bool]]] = defaultdict(list)
        for it in block_members:
            by_metric[it.metric].append((it, False))
        for it in block_visitors:
            by_metric[it.metric].append((it, True))
        metrics = sorted(by_metric)
        if exact:
            similar = [(i, i, 100.0) for i in range(len(metrics))]
        else:
            similar = []
            for i, m in enumerate(metrics):
                similar.append((i, i, 100.0))
                rest = metrics[i + 1:]
                if not rest:
                    continue
                # The first pass is looser than the threshold: it only has to keep every candidate.
                for _, _, j in process.extract(m, rest, scorer=scorer, score_cutoff=max(threshold - 10, 0),
                                               limit=None):
                    score = matcher.similarity(m, rest[j])
                    if score >= threshold:
                        similar.append((i, i + 1 + j, score))
        for i, j, score in similar:
            left = by_metric[metrics[i]]
            right = by_metric[metrics[j]]
            for x, (ia, a_visits) in enumerate(left):
                start = x + 1 if i == j else 0
                for ib, b_visits in right[start:]:
                    if a_visits and b_visits:
                        continue
                    if ia.index == ib.index:
                        continue
                    a, b = (ia, ib) if ia.index < ib.index else (ib, ia)
                    key = (a.index, b.index)
                    if key in seen:
                        continue
                    ca, cb = a.claim, b.claim
                    if _linked(ca, cb):
                        continue
                    if not allow_same_sentence and _same_sentence(ca, cb):
                        continue
                    if not same_time(ca.period, cb.period, policy):
                        continue
                    if accept is not None and not accept(a, b):
                        continue
                    seen.add(key)
                    pairs.append(Pair(a, b, score))
    pairs.sort(key=lambda p: (p.a.index, p.b.index))
    return pairs


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
