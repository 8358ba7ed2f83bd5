"""`factlint check`: collect claims, compare them, apply the rule set, filter, sort.

    run_check(paths, config, options) -> CheckResult

The pipeline: pipeline.collect -> compare + rules (factlint.rules.engine) ->
suppressions and per-path ignores -> baseline -> sorted findings and summary.
The result is the same whatever the order files were read in.
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, Union

from factlint.compare.matching import Matcher
from factlint.config import Config, load_config
from factlint.models import CheckResult, FileResult, Finding, IngestNotice, RuleMeta, Summary
from factlint.normalize.currency import RateTable, builtin_rates, builtin_rates_path, load_rates
from factlint.rules.base import Context
from factlint.rules.engine import mark_verified, run_rules
from factlint.rules.reference import ReferenceFact, load_reference
from factlint.rules.ruleset import RuleSet, configured_ruleset

PathLike = Union[str, Path]


@dataclass
class CheckOptions:
    """Command-line settings layered over the configuration."""

    select: Optional[list[str]] = None       # replaces the config's select
    ignore: Optional[list[str]] = None       # adds to the config's ignore
    fail_level: Optional[str] = None
    jobs: Optional[int] = None
    use_cache: bool = True
    quiet: bool = True
    baseline: Optional[PathLike] = None      # hide findings recorded in this baseline
    extra_rules: Sequence[PathLike] = ()     # rule files on top of the config's
    facts: Sequence[ReferenceFact] = ()      # reference facts on top of the config's files
    suppress: bool = True
    diff_base: Optional[str] = None          # check the files changed since this git ref
    unfiltered: list[Finding] = field(default_factory=list)  # filled: findings before the baseline
    # False: findings read from the index may keep their claims encoded until a report
    # needs them (CheckResult.complete); the command line leaves that to the report.
    complete: bool = True


# (path, line, column, rule, end_line, end_column, fingerprint, message), in C.
finding_sort_key = attrgetter("path", "line", "column", "rule", "end_line", "end_column", "fingerprint", "message")


def load_facts(config: Config, extra: Iterable[ReferenceFact] = ()) -> list[ReferenceFact]:
    facts: list[ReferenceFact] = []
    for path in config.reference_files:
        facts.extend(load_reference(path))
    facts.extend(extra)
    return facts


def load_rate_table(config: Config, deferred: bool = False) -> Optional[RateTable]:
    """The configured rate table; with ``deferred``, the built-in one is read only when a
    rule first asks for a rate (most runs over a few changed units never do). A user's
    table is always read at once, so that its errors are reported whatever runs."""
    if config.rates_file:
        return load_rates(config.rates_file)
    if deferred and builtin_rates_path().is_file():
        return _DeferredRates()  # type: ignore[return-value]
    return builtin_rates()


class _DeferredRates:
    """Stands for the built-in rate table and reads it on first use."""

    def __init__(self) -> None:
        self._table: Optional[RateTable] = None

    def __getattr__(self, name: str):
        if self._table is None:
            self._table = builtin_rates()
        return getattr(self._table, name)


def check_files(files: Sequence[FileResult], config: Config, ruleset: RuleSet, *,
                notices: Sequence[IngestNotice] = (), options: Optional[CheckOptions] = None,
                targets: Optional[set[str]] = None) -> CheckResult:
    """Compare and judge already collected files (the examples runner and tests start here).

    With ``targets`` (display paths), only findings that involve those files are kept
    and the summary counts those files only (an incremental run).
    """
    options = options or CheckOptions()
    with _no_cyclic_gc():
        return _check_files(files, config, ruleset, notices, options, targets)


@contextmanager
def _no_cyclic_gc():
    """The cyclic collector off while comparing: the run allocates hundreds of thousands of
    small acyclic objects (keys, pairs, findings) next to a heap of millions of claim
    fields, and every collection would walk that heap again (a third of the run's time
    on a newswire archive). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_files(files: Sequence[FileResult], config: Config, ruleset: RuleSet, notices: Sequence[IngestNotice],
                 options: CheckOptions, targets: Optional[set[str]]) -> CheckResult:
    files = sorted(files, key=lambda f: f.meta.path)
    ctx = Context(files=files, matcher=Matcher(config.alias_files), rates=load_rate_table(config),
                  facts=load_facts(config, options.facts))
    findings = run_rules(ruleset, ctx, config.is_selected)
    directives = {f.meta.path: f.directives for f in files}
    if targets is not None:
        files = [f for f in files if f.meta.path in targets]
    return finish_result(findings, directives, config, options, notices=notices, rules=_rule_meta(ruleset, config),
                         names=_rule_names(ruleset), files=len(files), claims=sum(len(f.claims) for f in files),
                         targets=targets)


def finish_result(findings: list[Finding], directives: dict[str, list], config: Config, options: CheckOptions, *,
                  notices: Sequence[IngestNotice], rules: list[RuleMeta], names: dict[str, str], files: int,
                  claims: int, targets: Optional[set[str]] = None) -> CheckResult:
    """Findings of every rule (verified claims marked) -> the result: suppressions and
    per-path ignores, the targets of an incremental run, order, the baseline, the summary."""
    if options.suppress:
        from factlint.rules.suppress import suppress_findings

        findings, unused = suppress_findings(findings, directives, config)
        findings = findings + [f.model_copy(update={"name": names[f.rule]}) if f.rule in names else f
                               for f in unused]
    if targets is not None:
        from factlint.pipeline import involves

        findings = [f for f in findings if involves(f, targets)]
    findings.sort(key=finding_sort_key)
    options.unfiltered = list(findings)
    if options.baseline is not None:
        from factlint.rules.baseline import filter_baseline

        findings = filter_baseline(findings, options.baseline)
        findings.sort(key=finding_sort_key)
    return CheckResult.model_construct(findings=findings, notices=sorted(notices, key=lambda n: (n.path, n.message)),
                                       rules=rules, summary=summarize_counts(files, claims, findings))


def _rule_names(ruleset: RuleSet) -> dict[str, str]:
    """Unused-suppression findings get the name the rule set gives their id."""
    return {r.id: r.name for r in ruleset.rules}


def _rule_meta(ruleset: RuleSet, config: Config) -> list[RuleMeta]:
    return [m for m in ruleset.meta() if config.is_selected(m.id)]


def summarize(files: Sequence[FileResult], findings: Sequence[Finding]) -> Summary:
    return summarize_counts(len(files), sum(len(f.claims) for f in files), findings)


def summarize_counts(files: int, claims: int, findings: Sequence[Finding]) -> Summary:
    by_severity = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    return Summary(files=files, claims=claims, findings=len(findings),
                   by_severity={k: by_severity[k] for k in ("error", "warning", "info") if by_severity[k]},
                   by_rule=dict(sorted(by_rule.items())))


def resolve_config(paths: Sequence[PathLike], config: Optional[Config], config_file: Optional[PathLike],
                   options: CheckOptions) -> Config:
    if config is None:
        config = load_config(list(paths), config_file)
    return config.with_overrides(select=options.select, ignore=options.ignore,
                                 fail_level=options.fail_level)  # type: ignore[arg-type]


def run_check(paths: Sequence[PathLike], config: Optional[Config] = None,
              options: Optional[CheckOptions] = None, *, config_file: Optional[PathLike] = None) -> CheckResult:
    """Check the files under ``paths``: the whole of `factlint check` but the output."""
    from functools import cache

    from factlint.pipeline import check_with_index

    options = options or CheckOptions()
    config = resolve_config(paths, config, config_file, options)
    # Loaded only when the index has no stored result for these files and settings, and
    # then before any extraction, so that rule-file errors come first.
    ruleset = cache(lambda: configured_ruleset(config, options.extra_rules))
    matcher = cache(lambda: Matcher(config.alias_files))

    def compute(collected) -> CheckResult:
        return check_files(collected.files, config, ruleset(), notices=collected.notices, options=options,
                           targets=collected.targets)

    def engine():
        from factlint.rules.units import UnitEngine

        return UnitEngine(ruleset(), config.is_selected, matcher(), load_rate_table(config, deferred=True),
                          load_facts(config, options.facts))

    def by_units(corpus) -> CheckResult:
        return check_corpus(corpus, config, options, engine, ruleset)

    result = check_with_index(paths, config, options, compute, prepare=ruleset,
                              entity_key=lambda name: matcher().entity(name), units=by_units)
    return result.complete() if options.complete else result


def check_corpus(corpus, config: Config, options: CheckOptions, engine: Callable[[], Any],
                 ruleset: Callable[[], RuleSet]) -> CheckResult:
    """A whole-corpus check (a factlint.pipeline.Corpus) from the findings stored per unit
    (factlint.rules.units): only the units the changed files can change are computed, the
    rest come from the index, and the result is what computing everything would give.
    Stored findings that turn out unreadable are computed again, with a one-line notice."""
    from factlint.cache.codec import CodecError
    from factlint.cache.results import snapshot_id

    sid = snapshot_id(config, options, corpus.index.settings, corpus.root, corpus.paths)
    stored = corpus.index.get_snapshot(sid)
    with _no_cyclic_gc():
        if stored is not None:
            try:
                return _from_snapshot(corpus, sid, stored, config, options, engine)
            except CodecError:
                corpus.index.notify("cache: stored findings are unreadable; computing them again")
        return _from_scratch(corpus, sid, stored[0] if stored else None, config, options, engine, ruleset)


def _from_scratch(corpus, sid: str, generation: Optional[int], config: Config, options: CheckOptions,
                  engine: Callable[[], Any], ruleset: Callable[[], RuleSet]) -> CheckResult:
    import orjson

    from factlint.cache.units import StoredFindings, encode_units

    rs = ruleset()
    rules, names = _rule_meta(rs, config), _rule_names(rs)
    meta = orjson.dumps({"rules": [r.model_dump(mode="json") for r in rules], "names": names})
    loaded = corpus.load(list(corpus.current))
    keys = {path: (k, digest) for k, (path, digest) in corpus.current.items()}
    docs, entities = engine().compute_all(list(loaded.values()), keys)
    corpus.index.put_snapshot(sid, generation, meta, encode_units([*docs.values(), *entities.values()]), whole=True)
    return _assembled(corpus, docs, entities, StoredFindings(), rules, names, config, options)


def _from_snapshot(corpus, sid: str, stored: tuple, config: Config, options: CheckOptions,
                   engine: Callable[[], Any]) -> CheckResult:
    import orjson

    from factlint.cache.codec import CodecError
    from factlint.cache.units import decode_units, encode_units
    from factlint.rules import units

    generation, meta_blob, blobs = stored
    docs, entities, kept = decode_units(blobs)
    try:
        meta = orjson.loads(meta_blob)
        rules = [RuleMeta.model_validate(r) for r in meta["rules"]]
        names = dict(meta["names"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CodecError(f"undecodable snapshot settings: {type(exc).__name__}") from exc
    gc.freeze()  # all of it lives to the end of the run: keep the collector from rescanning it
    if options.complete:
        kept.complete()  # here, where damaged stored claims can still be computed again
    if units.stale(docs, corpus.current):
        update = engine().update(docs, entities, corpus.current, corpus.load)
        docs, entities = update.docs, update.entities
        corpus.index.put_snapshot(sid, generation, meta_blob, encode_units(update.changed), update.dropped)
    return _assembled(corpus, docs, entities, kept, rules, names, config, options)


def _assembled(corpus, docs: dict, entities: dict, kept, rules: list[RuleMeta], names: dict[str, str],
               config: Config, options: CheckOptions) -> CheckResult:
    """The result from every unit's findings: marks, suppressions, order, baseline, summary."""
    from factlint.rules import units

    findings = units.findings(docs, entities)
    verified = units.verified(docs)
    if verified:  # stored findings whose claims are to be marked: decoded, and written afresh
        marked = [f for f in findings if any(i in verified for i in kept.claim_ids(f) or ())]
        kept.complete(marked)
        kept.forget(marked)
        mark_verified(findings, verified)
    if options.baseline is not None:
        kept.complete()  # a baseline entry may match on claims
    notices = list(corpus.notices) + [n for d in docs.values() for n in d.notices]
    result = finish_result(findings, {d.path: d.directives for d in docs.values()}, config, options,
                           notices=notices, rules=rules, names=names, files=len(docs),
                           claims=sum(d.claims for d in docs.values()))
    result._stored = kept
    return result


def verified_claims(files: Sequence[FileResult], config: Config) -> dict[str, str]:
    """Claim id -> what confirms it (a reference fact, a derived figure), for `factlint claims`.

    Runs only the rules that confirm claims (reference and derived), not the whole set.
    """
    from factlint.rules.registry import RULE_TYPES

    ruleset = configured_ruleset(config)
    ctx = Context(files=sorted(files, key=lambda f: f.meta.path), matcher=Matcher(config.alias_files),
                  rates=load_rate_table(config), facts=load_facts(config))
    for rule in ruleset.rules:
        if rule.type in ("reference", "derived") and config.is_selected(rule.id):
            RULE_TYPES[rule.type].check(rule, ctx)
    return dict(ctx.verified)
