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
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from factlint.compare.matching import Matcher
from factlint.config import Config, load_config
from factlint.models import CheckResult, FileResult, Finding, IngestNotice, RuleMeta, Summary
from factlint.normalize.currency import RateTable, builtin_rates, load_rates
from factlint.rules.base import Context
from factlint.rules.engine import run_rules
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


def finding_sort_key(f: Finding) -> tuple:
    return (f.path, f.line, f.column, f.rule, f.end_line, f.end_column, f.fingerprint, f.message)


def load_facts(config: Config, extra: Iterable[ReferenceFact] = ()) -> list[ReferenceFact]:
    facts: list[ReferenceFact] = []
    for path in config.reference_files:
        facts.extend(load_reference(path))
    facts.extend(extra)
    return facts


def load_rate_table(config: Config) -> Optional[RateTable]:
    return load_rates(config.rates_file) if config.rates_file else builtin_rates()


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
    if options.suppress:
        from factlint.rules.suppress import apply_suppressions

        findings, unused = apply_suppressions(findings, files, config)
        findings = findings + _with_rule_settings(unused, ruleset)
    if targets is not None:
        from factlint.pipeline import involves

        findings = [f for f in findings if involves(f, targets)]
        files = [f for f in files if f.meta.path in targets]
    findings.sort(key=finding_sort_key)
    options.unfiltered = list(findings)
    if options.baseline is not None:
        from factlint.rules.baseline import filter_baseline

        findings = filter_baseline(findings, options.baseline)
        findings.sort(key=finding_sort_key)
    return CheckResult(findings=findings, notices=sorted(notices, key=lambda n: (n.path, n.message)),
                       rules=_rule_meta(ruleset, config), summary=summarize(files, findings))


def _with_rule_settings(findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Unused-suppression findings get the name the rule set gives their id."""
    out = []
    for f in findings:
        rule = ruleset.get(f.rule)
        out.append(f.model_copy(update={"name": rule.name}) if rule is not None else f)
    return out


def _rule_meta(ruleset: RuleSet, config: Config) -> list[RuleMeta]:
    return [m for m in ruleset.meta() if config.is_selected(m.id)]


def summarize(files: Sequence[FileResult], findings: Sequence[Finding]) -> Summary:
    by_severity = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    return Summary(files=len(files), claims=sum(len(f.claims) for f in files), findings=len(findings),
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

    return check_with_index(paths, config, options, compute, prepare=ruleset,
                            entity_key=lambda name: matcher().entity(name))


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
