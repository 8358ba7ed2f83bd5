"""Run the `examples:` of rules: texts that must, or must not, trigger them.

An example passes when the rule under test fires exactly when its id is in
``expect``, and every other id in ``expect`` fires too (rules not named are
free to fire or not). Examples run in memory through the same extraction and
rule engine as `factlint check`, with every rule of the rule set selected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from factlint.models import Finding
from factlint.rules.base import Rule
from factlint.rules.ruleset import Example, RuleSet

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass
class ExampleResult:
    rule: str
    index: int
    expect: list[str]
    fired: list[str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        fired = set(self.fired)
        if (self.rule in fired) != (self.rule in self.expect):
            return False
        return set(self.expect) <= fired

    def explain(self) -> str:
        lines = [f"{self.rule} example {self.index + 1}: expected {self.expect or 'no finding'}, "
                 f"got {self.fired or 'no finding'}"]
        lines += [f"  {f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in self.findings]
        return "\n".join(lines)


def run_example(rule: Rule, index: int, example: Example, ruleset: RuleSet,
                root: Optional[Path] = None) -> ExampleResult:
    from factlint.check import CheckOptions, check_files
    from factlint.config import Config
    from factlint.ingest import document_from_text
    from factlint.pipeline import process_document

    files = []
    for doc in example.documents():
        fmt = FORMATS.get(Path(doc.path).suffix.lower(), "text")
        document = document_from_text(doc.text, path=doc.path, format=fmt, date=doc.date)
        files.append(process_document(document))
    config = Config.default(root or Path.cwd())
    result = check_files(files, config, ruleset, options=CheckOptions(facts=list(example.reference)))
    fired = sorted({f.rule for f in result.findings})
    return ExampleResult(rule=rule.id, index=index, expect=list(example.expect), fired=fired,
                         findings=result.findings)


def run_examples(ruleset: RuleSet, rule_ids: Optional[set[str]] = None) -> list[ExampleResult]:
    results = []
    for rule in ruleset.rules:
        if rule_ids is not None and rule.id not in rule_ids:
            continue
        for i, example in enumerate(rule.examples):
            results.append(run_example(rule, i, example, ruleset))
    return results
