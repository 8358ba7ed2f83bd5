"""`factlint check corpus/` makes the judgements of seed-facts.md and the planted findings, and nothing else.

The expectations live in tests/corpus_expected.yaml (explained in corpus/EXPECTED.md);
scripts/corpus_report.py matches factlint's JSON output against them. Each section is its
own test so a failure says which kind of judgement broke.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("corpus_report", ROOT / "scripts" / "corpus_report.py")
corpus_report = importlib.util.module_from_spec(_spec)
sys.modules["corpus_report"] = corpus_report
_spec.loader.exec_module(corpus_report)

SECTIONS = ["findings", "no_findings", "verified", "unresolved", "not_claims", "excluded"]


def factlint_json(*args):
    done = subprocess.run([sys.executable, "-m", "factlint", *args, "--format", "json", "--no-cache", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def outputs():
    expected = YAML(typ="safe").load((ROOT / "tests" / "corpus_expected.yaml").read_text(encoding="utf-8"))
    corpus = expected["corpus_root"]
    findings = factlint_json("check", corpus, "--exit-zero")["findings"]
    claims = factlint_json("claims", corpus)["claims"]
    return expected, findings, claims


def only(expected, section):
    return {"corpus_root": expected["corpus_root"], **{s: (expected.get(s) or [] if s == section else [])
                                                        for s in SECTIONS}}


@pytest.mark.parametrize("section", SECTIONS)
def test_corpus_expectations(outputs, section):
    expected, findings, claims = outputs
    report = corpus_report.evaluate(only(expected, section), findings, claims)
    unmet = [u for u in report.unmet if not u.startswith("unexpected")]
    assert report.met, f"no expectation in section {section}"
    assert not unmet, "\n".join(unmet)


def test_no_finding_beyond_the_expected_ones(outputs):
    expected, findings, claims = outputs
    report = corpus_report.evaluate(expected, findings, claims)
    unexpected = [u for u in report.unmet if u.startswith("unexpected")]
    assert not unexpected, "\n".join(unexpected)


def test_the_seed_judgements_are_all_there(outputs):
    """seed-facts.md judgements 1, 4 and 5 by name, on top of the expectation file."""
    _, findings, claims = outputs
    rounding = [f for f in findings if f["rule"] == "FL102"]
    assert any({c["text"] for c in f["claims"]} >= {"30.5%", "30 percent"} for f in rounding)
    unsourced = {c["text"] for f in findings if f["rule"] == "FL401" for c in f["claims"]}
    for text in ("55.7 percent", "75.1 percent", "more than 99 percent", "6.6ZB", "almost half"):
        assert any(t.startswith(text) for t in unsourced), text
    almost_half = next(c for c in claims if c["text"] == "almost half")
    assert almost_half["period"]["resolved"] is False
