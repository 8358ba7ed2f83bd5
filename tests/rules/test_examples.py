"""Every example of every rule, built-in and in corpus/'s own rule files, must hold.

A user who writes a rule tests it the same way: `examples:` with `expect:`.
"""

from pathlib import Path

import pytest

from factlint.config import load_config
from factlint.rules.examples import run_example
from factlint.rules.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _corpus_rule_files() -> list[Path]:
    if not (CORPUS / "factlint.yaml").is_file():
        return []
    return list(load_config([CORPUS]).rule_files)


RULESET = load_ruleset(_corpus_rule_files())
CASES = [(rule, i, ex) for rule in RULESET.rules for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("rule,index,example", CASES,
                         ids=[f"{rule.id}-{i + 1}" for rule, i, _ in CASES])
def test_rule_example(rule, index, example):
    result = run_example(rule, index, example, RULESET)
    assert result.ok, result.explain()


def test_every_rule_has_examples_both_ways():
    for rule in RULESET.rules:
        outcomes = {rule.id in ex.expect for ex in rule.examples}
        assert outcomes == {True, False}, rule.id


def test_the_runner_notices_a_wrong_expectation(tmp_path):
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "rules:\n"
        "  - id: FL799\n    name: any-share-over-100\n    type: sanity\n    severity: error\n"
        "    message: '{text}: {problem}'\n    description: Shares above 100 percent.\n"
        "    examples:\n"
        "      - text: 'Small firms made up 104 percent of market entities in 2021, the survey said.'\n"
        "        date: 2022-12-22\n        expect: []\n")
    ruleset = load_ruleset([wrong])
    rule = ruleset.get("FL799")
    result = run_example(rule, 0, rule.examples[0], ruleset)
    assert not result.ok
    assert "FL799" in result.fired
    assert "expected no finding" in result.explain()
