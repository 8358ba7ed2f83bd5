"""The sample corpus, its expectations file and the built-in rate table agree with each other.

These tests check the data, not factlint's judgements (the end-to-end test does that):
every claim text that tests/corpus_expected.yaml names stands on the line it names,
every file it names exists, and rules/rates.yaml carries the figures the corpus relies on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from factlint.normalize.currency import load_rates
from factlint.resources import builtin_rules_dir

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = YAML(typ="safe").load((ROOT / "tests" / "corpus_expected.yaml").read_text(encoding="utf-8"))
CORPUS = ROOT / EXPECTED["corpus_root"]
NOTES = {"EXPECTED.md"}  # about the corpus, excluded by its factlint.yaml


def _articles(with_drafts: bool = True) -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*")
                  if p.suffix in {".txt", ".md", ".html"} and p.name not in NOTES
                  and (with_drafts or "drafts" not in p.parts))


def _line(path: str, line: int) -> str:
    lines = (CORPUS / path).read_text(encoding="utf-8").splitlines()
    assert 1 <= line <= len(lines), f"{path} has no line {line}"
    return lines[line - 1]


def _named_claims():
    for section in ("findings", "no_findings", "verified", "unresolved"):
        for entry in EXPECTED[section]:
            if entry.get("claim"):
                yield section, entry["path"], entry["line"], entry["claim"]
            for rel in entry.get("related", []):
                yield section, rel["path"], rel["line"], rel["claim"]


@pytest.mark.parametrize("section,path,line,text", list(_named_claims()))
def test_each_named_claim_is_on_its_line(section, path, line, text):
    assert text in _line(path, line), f"{section}: {text!r} not on {path}:{line}"


@pytest.mark.parametrize("entry", EXPECTED["not_claims"], ids=lambda e: f"{e['path']}:{e['line']}:{e['text']}")
def test_each_non_claim_is_on_its_line(entry):
    assert entry["text"] in _line(entry["path"], entry["line"])


def test_unused_suppression_points_at_a_directive():
    (entry,) = [e for e in EXPECTED["findings"] if e["rule"] == "FL901"]
    assert _line(entry["path"], entry["line"]).strip().startswith("<!-- factlint-ignore")


def test_every_rule_id_is_planned_and_every_file_is_in_the_corpus():
    ids = {e["rule"] for e in EXPECTED["findings"]}
    assert ids == {"FL101", "FL102", "FL201", "FL301", "FL302", "FL401", "FL501", "FL601", "FL901"}
    articles = {p.relative_to(CORPUS).as_posix() for p in _articles()}
    named = {path for _, path, _, _ in _named_claims()} | {e["path"] for e in EXPECTED["excluded"]}
    assert named <= articles
    # every article but the excluded draft is covered by at least one expectation
    assert articles - named == set()


def test_corpus_has_the_formats_and_size_the_issue_asks_for():
    files = _articles(with_drafts=False)
    assert len(files) >= 8
    assert sum(p.suffix == ".md" for p in files) >= 2
    assert sum(p.suffix == ".html" for p in files) >= 1
    for md in (p for p in files if p.suffix == ".md"):
        assert md.read_text(encoding="utf-8").startswith("---\n"), f"{md.name} lacks front matter"


def test_rate_table_matches_the_seed_conversion():
    table = load_rates(builtin_rules_dir() / "rates.yaml")
    december_2022 = table.rate("CNY", dt.date(2022, 12, 9))
    # "900 billion yuan (US$128.8 billion)" implies 6.99 yuan per dollar
    assert 6.95 <= december_2022 <= 7.02
    assert abs(900 / 128.8 - december_2022) / december_2022 < 0.01
    for ccy in ("CNY", "EUR", "GBP", "JPY", "HKD"):
        assert table.rate(ccy, dt.date(2015, 1, 15)) is not None
        assert table.rate(ccy, dt.date(2014, 12, 31)) is None
    assert "European Central Bank" in table.source


def test_rate_table_supports_the_planted_conversion_finding():
    table = load_rates(builtin_rules_dir() / "rates.yaml")
    may_2023 = table.rate("CNY", dt.date(2023, 5, 16))
    implied = 3.24e12 / 510e9  # "3.24 trillion yuan (US$510 billion)"
    assert abs(implied - may_2023) / may_2023 > 0.05
    for when, yuan, dollars in [(dt.date(2022, 1, 18), 114.4e12, 18e12), (dt.date(2023, 4, 28), 50.2e12, 7.3e12),
                                (dt.date(2022, 9, 19), 39.2e12, 5.6e12)]:
        rate = table.rate("CNY", when)
        assert abs(yuan / dollars - rate) / rate < 0.02, when


def test_corpus_config_names_its_rules_facts_and_excludes_drafts():
    from factlint.config.loader import load_config
    from factlint.rules.reference import load_reference
    from factlint.rules.ruleset import load_rule_file

    config = load_config([CORPUS])
    assert config.path == CORPUS / "factlint.yaml"
    assert config.rule_files == [CORPUS / "house-rules.yaml"]
    assert config.reference_files == [CORPUS / "reference-facts.yaml"]
    assert config.is_excluded(CORPUS / "drafts" / "shenzhen-5g-draft.md")
    assert config.is_excluded(CORPUS / "EXPECTED.md")  # notes about the corpus, not an article
    assert not config.is_excluded(CORPUS / "2022-01-24-sz-digital-economy-data.txt")

    (rule,) = load_rule_file(CORPUS / "house-rules.yaml")
    assert rule.id == "FL701" and rule.type == "missing-source"
    assert {tuple(e.expect) for e in rule.examples} == {("FL701",), ()}

    facts = load_reference(CORPUS / "reference-facts.yaml")
    keys = {(f.entity, f.metric, str(f.period)) for f in facts}
    assert ("Shenzhen", "5G base stations", "2021-12-31") in keys
    assert len(keys) == len(facts)  # no fact stated twice


def test_rate_table_is_what_make_rates_generates(tmp_path):
    """rules/rates.yaml is generated, not hand-edited: regenerating it changes nothing."""
    # currencyconverter is a test extra (a generation-time tool, not a runtime dependency)
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("make_rates", ROOT / "scripts" / "make_rates.py")
    make_rates = importlib.util.module_from_spec(spec)
    sys.modules["make_rates"] = make_rates
    spec.loader.exec_module(make_rates)
    out = tmp_path / "rates.yaml"
    assert make_rates.main(["-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (builtin_rules_dir() / "rates.yaml").read_text(encoding="utf-8")
