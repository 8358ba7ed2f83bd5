"""Findings by unit of work, so that a run after an edit recomputes only what the edit can change.

Every rule type declares what its findings depend on (``SCOPE`` in its module):

- DOCUMENT (missing-source, sanity, conversion, reference, derived): a finding
  stands in one document and depends on that document's claims only. Derived
  rates are the exception the rule type reports itself: a rate's implied base is
  also checked against population claims about its entity anywhere in the corpus
  (``dependencies`` and ``population_items`` in its module).
- ENTITY (conflict, unit-mismatch): a finding comes from a pair of claims in two
  documents. Comparison blocks are keyed on the canonical entity (then kind, unit
  dimension and period), metrics are matched only inside a block, the mutual best
  match and ``max_values`` look only at a claim's own pairs, so the findings about
  an entity depend only on the claims about that entity, wherever they stand.

So a corpus's findings are the findings of one ``DocUnit`` per document and one
``EntityUnit`` per entity (factlint.cache.units). ``compute_all`` computes every
unit in one pass over the corpus (the same comparisons a plain run makes, then
each finding filed under its unit); ``update`` recomputes the units of the
changed documents, of every entity their old or new claims are about, and of the
documents whose rates were checked against population claims that changed.
Assembling (``findings``) lists the units in a fixed order, so a result assembled
from stored and recomputed units equals one computed from scratch.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

import orjson

from factlint.cache.codec import encode_claims
from factlint.cache.units import DOC_PREFIX, ENTITY_PREFIX, DocUnit, EntityUnit
from factlint.compare.grouping import Item
from factlint.compare.matching import Matcher
from factlint.models import FileResult, Finding
from factlint.normalize.currency import RateTable
from factlint.rules.base import DOCUMENT, ENTITY, Context, Rule
from factlint.rules.engine import rule_order
from factlint.rules.registry import RULE_TYPES
from factlint.rules.ruleset import RuleSet

# Loads the current results of some files, by index key.
Loader = Callable[[Iterable[str]], dict[str, FileResult]]


@dataclass
class Update:
    """What ``update`` changed: the units to store and the ids of those to drop."""

    docs: dict[str, DocUnit]
    entities: dict[str, EntityUnit]
    changed: list[DocUnit | EntityUnit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class UnitEngine:
    """The selected rules of a rule set, run over whole corpora or over units of one."""

    def __init__(self, ruleset: RuleSet, selected: Callable[[str], bool], matcher: Matcher,
                 rates: Optional[RateTable] = None, facts: Sequence[Any] = ()):
        self.rules = rule_order(ruleset, selected)
        self.matcher = matcher
        self.rates = rates
        self.facts = facts
        self.memo: dict[str, Any] = {}  # indexes of the facts, shared by every context

    def _module(self, rule: Rule) -> ModuleType:
        return RULE_TYPES[rule.type]

    def _scoped(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if self._module(r).SCOPE == scope]

    def _context(self, files: Sequence[FileResult], verified: Optional[dict[str, str]] = None) -> Context:
        return Context(files=sorted(files, key=lambda f: f.meta.path), matcher=self.matcher, rates=self.rates,
                       facts=self.facts, memo=self.memo, verified=verified if verified is not None else {})

    def _entity(self, name: Optional[str]) -> Optional[str]:
        return self.matcher.entity(name)

    # One pass over a whole corpus ----------------------------------------------------------

    def compute_all(self, files: Sequence[FileResult], keys: Mapping[str, tuple[str, str]]
                    ) -> tuple[dict[str, DocUnit], dict[str, EntityUnit]]:
        """Every unit of a corpus. ``keys``: display path -> (index key, content hash)."""
        ctx = self._context(files)
        by_path: dict[str, list[Finding]] = defaultdict(list)
        by_entity: dict[str, list[Finding]] = defaultdict(list)
        for rule in self.rules:
            found = self._module(rule).check(rule, ctx)
            if self._module(rule).SCOPE == ENTITY:
                for f in found:
                    by_entity[self._entity(f.claims[0].entity)].append(f)  # type: ignore[index]
            else:
                for f in found:
                    by_path[f.path].append(f)
        docs = self._doc_units(ctx, ctx.files, keys, by_path)
        entities = {e: EntityUnit(e, found) for e, found in by_entity.items()}
        return docs, entities

    def _doc_units(self, ctx: Context, files: Iterable[FileResult], keys: Mapping[str, tuple[str, str]],
                   by_path: Mapping[str, list[Finding]]) -> dict[str, DocUnit]:
        verified: dict[str, dict[str, str]] = defaultdict(dict)
        for claim_id, label in ctx.verified.items():
            verified[ctx.by_id[claim_id].claim.path][claim_id] = label
        deps = self._dependencies(ctx)
        population = self._population(ctx)
        out: dict[str, DocUnit] = {}
        for f in files:
            path = f.meta.path
            key, file_hash = keys[path]
            entities = sorted({e for c in f.claims if (e := self._entity(c.entity)) is not None})
            out[key] = DocUnit(key=key, path=path, file_hash=file_hash, claims=len(f.claims),
                               entities=tuple(entities), population=population.get(path, {}),
                               deps=tuple(sorted(deps.get(path, ()))), directives=list(f.directives),
                               notices=list(f.notices), verified=dict(verified.get(path, {})),
                               findings=list(by_path.get(path, ())))
        return out

    def _dependencies(self, ctx: Context) -> dict[str, set[str]]:
        """Path -> population keys (entity and metric, see population_key) of the claims
        elsewhere that its findings depend on."""
        out: dict[str, set[str]] = defaultdict(set)
        for rule in self._scoped(DOCUMENT):
            depends = getattr(self._module(rule), "dependencies", None)
            if depends is not None:
                for path, keys in depends(rule, ctx).items():
                    out[path] |= {population_key(entity, metric) for entity, metric in keys}
        return out

    def _population_items(self, ctx: Context) -> list[Item]:
        seen: dict[int, Item] = {}
        for rule in self._scoped(DOCUMENT):
            items = getattr(self._module(rule), "population_items", None)
            if items is not None:
                for it in items(rule, ctx):
                    seen.setdefault(id(it), it)
        return list(seen.values())

    def _population(self, ctx: Context) -> dict[str, dict[str, str]]:
        """Path -> population key -> a digest of that document's population claims under it."""
        groups: dict[tuple[str, str], list[bytes]] = defaultdict(list)
        for it in self._population_items(ctx):
            row = encode_claims([it.claim])[0]
            groups[(it.claim.path, population_key(it.entity, it.metric))].append(orjson.dumps(row))
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for (path, key), rows in groups.items():
            out[path][key] = hashlib.sha256(b"\n".join(sorted(rows))).hexdigest()[:24]
        return out

    # Some units, after an edit --------------------------------------------------------------

    def update(self, docs: Mapping[str, DocUnit], entities: Mapping[str, EntityUnit],
               current: Mapping[str, tuple[str, str]], load: Loader) -> Update:
        """The units of a corpus whose files are now ``current`` (index key -> (display
        path, content hash)), given those computed before (``docs``, ``entities``)."""
        changed = [k for k, (path, digest) in current.items()
                   if k not in docs or docs[k].file_hash != digest or docs[k].path != path]
        removed = [k for k in docs if k not in current]
        out = Update(docs=dict(docs), entities=dict(entities))
        if not changed and not removed:
            return out
        results = load(changed)
        removed += [k for k in changed if k not in results]  # unreadable now: reported by the loader
        changed = [k for k in changed if k in results]
        keys = {current[k][0]: (k, current[k][1]) for k in current}
        # What the changed documents now hold, judged alone first: their entities, their
        # population claims and the entities their rates depend on.
        alone = self._context(list(results.values()))
        new_entities = {k: {e for c in r.claims if (e := self._entity(c.entity)) is not None}
                        for k, r in results.items()}
        new_population = self._population(alone)
        touched: set[str] = set()
        population_changed: set[str] = set()
        for k in changed + removed:
            old = docs.get(k)
            before = old.population if old is not None else {}
            after = new_population.get(results[k].meta.path, {}) if k in results else {}
            touched |= set(old.entities) if old is not None else set()
            touched |= new_entities.get(k, set())
            population_changed |= {e for e in set(before) | set(after) if before.get(e) != after.get(e)}
        dependents = [k for k, d in docs.items()
                      if k not in results and k in current and population_changed.intersection(d.deps)]
        results.update(load(dependents))
        redo = {k: results[k] for k in list(changed) + dependents if k in results}

        def members(wanted: set[str], skip: Iterable[str] = ()) -> list[str]:
            skipped = set(skip)
            out_keys = []
            for k in current:
                if k in skipped:
                    continue
                ents = new_entities[k] if k in new_entities else docs[k].entities if k in docs else ()
                if wanted.intersection(ents):
                    out_keys.append(k)
            return out_keys

        # Document units: the document alone, plus (for rules that ask) the claims about the
        # entities their rates depend on from the rest of the corpus.
        new_docs = self._documents(list(redo.values()), keys,
                                   lambda wanted: self._about(load(members(wanted, redo)).values(), wanted))
        for k in removed:
            if k in out.docs:
                del out.docs[k]
                out.dropped.append(DOC_PREFIX + k)
        for k, unit in new_docs.items():
            out.docs[k] = unit
            out.changed.append(unit)
        # Entity units: every claim about a touched entity, wherever it stands.
        if touched:
            member_keys = members(touched)
            loaded = {k: results[k] for k in member_keys if k in results}
            loaded.update(load([k for k in member_keys if k not in loaded]))
            recomputed = self._entities(self._about(loaded.values(), touched))
            for entity in sorted(touched):
                unit = recomputed.get(entity)
                if unit is not None:
                    out.entities[entity] = unit
                    out.changed.append(unit)
                elif entity in out.entities:
                    del out.entities[entity]
                    out.dropped.append(ENTITY_PREFIX + entity)
        return out

    def _about(self, files: Iterable[FileResult], wanted: set[str]) -> list[FileResult]:
        """The files, each with only its claims about the wanted entities."""
        out = []
        for f in files:
            claims = [c for c in f.claims if self._entity(c.entity) in wanted]
            if claims:
                out.append(f.model_copy(update={"claims": claims}))
        return out

    def _entities(self, files: Sequence[FileResult]) -> dict[str, EntityUnit]:
        ctx = self._context(files)
        by_entity: dict[str, list[Finding]] = defaultdict(list)
        for rule in self._scoped(ENTITY):
            for f in self._module(rule).check(rule, ctx):
                by_entity[self._entity(f.claims[0].entity)].append(f)  # type: ignore[index]
        return {e: EntityUnit(e, found) for e, found in by_entity.items()}

    def _documents(self, files: Sequence[FileResult], keys: Mapping[str, tuple[str, str]],
                   about: Callable[[set[str]], list[FileResult]]) -> dict[str, DocUnit]:
        if not files:
            return {}
        verified: dict[str, str] = {}
        ctx = self._context(files, verified)
        wanted = {entity_of(key) for keys in self._dependencies(ctx).values() for key in keys}
        paths = {f.meta.path for f in files}
        extra = [f for f in about(wanted) if f.meta.path not in paths] if wanted else []
        # Population claims only: the other rules must not see the rest of the corpus.
        wider = self._context(list(files) + self._population_only(extra), verified) if extra else ctx
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for rule in self._scoped(DOCUMENT):
            module = self._module(rule)
            found = module.check(rule, wider if hasattr(module, "population_items") else ctx)
            for f in found:
                if f.path in paths:
                    by_path[f.path].append(f)
        for claim_id in [c for c in verified if c not in ctx.by_id]:
            del verified[claim_id]
        return self._doc_units(ctx, files, keys, by_path)

    def _population_only(self, files: Sequence[FileResult]) -> list[FileResult]:
        if not files:
            return []
        wanted = {id(it.claim) for it in self._population_items(self._context(files))}
        out = []
        for f in files:
            claims = [c for c in f.claims if id(c) in wanted]
            if claims:
                out.append(f.model_copy(update={"claims": claims}))
        return out


def population_key(entity: Optional[str], metric: Optional[str]) -> str:
    return f"{entity}\x1f{metric}"


def entity_of(key: str) -> str:
    return key.split("\x1f", 1)[0]


def stale(docs: Mapping[str, DocUnit], current: Mapping[str, tuple[str, str]]) -> bool:
    """Whether any file changed, appeared or went away since ``docs`` were computed."""
    if len(docs) != len(current):
        return True
    for key, (path, digest) in current.items():
        unit = docs.get(key)
        if unit is None or unit.file_hash != digest or unit.path != path:
            return True
    return False


def findings(docs: Mapping[str, DocUnit], entities: Mapping[str, EntityUnit]) -> list[Finding]:
    """Every unit's findings, in a fixed order (documents by key, then entities)."""
    out: list[Finding] = []
    for key in sorted(docs):
        out.extend(docs[key].findings)
    for entity in sorted(entities):
        out.extend(entities[entity].findings)
    return out


def verified(docs: Mapping[str, DocUnit]) -> dict[str, str]:
    out: dict[str, str] = {}
    for unit in docs.values():
        out.update(unit.verified)
    return out
