"""scripts/corpus_report.py's matching: what counts as meeting an expectation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("corpus_report", ROOT / "scripts" / "corpus_report.py")
corpus_report = importlib.util.module_from_spec(_spec)
sys.modules["corpus_report"] = corpus_report  # dataclasses look their module up there
_spec.loader.exec_module(corpus_report)

A = "2022-12-09-sz-digital-economy-forum.txt"
C = "2022-01-24-sz-digital-economy-data.txt"

EXPECTED = {
    "corpus_root": "corpus",
    "findings": [{"rule": "FL102", "path": C, "line": 4, "claim": "30 percent",
                  "related": [{"path": A, "line": 13, "claim": "30.5%"}]}],
    "no_findings": [{"path": A, "line": 13, "claim": "over 50,000", "rules": ["FL101", "FL102"]}],
    "verified": [{"path": C, "line": 10, "claim": "51,000"}],
    "unresolved": [],
    "not_claims": [{"path": C, "line": 10, "text": "5G base stations"}],
    "excluded": [{"path": "drafts/shenzhen-5g-draft.md"}],
}


def claim(path, line, column, text, **extra):
    return {"path": f"corpus/{path}", "line": line, "end_line": line, "column": column,
            "end_column": column + len(text), "text": text, **extra}


def finding(rule, primary, *others):
    return {"rule": rule, "path": primary["path"], "line": primary["line"], "message": "m",
            "claims": [primary, *others], "related": []}


THIRTY = claim(C, 4, 71, "30 percent")
THIRTY_FIVE = claim(A, 13, 135, "30.5%")
STATIONS = claim(C, 10, 37, "51,000 5G base stations", verified_by="Shenzhen 5G base stations")


def test_a_finding_matches_whichever_claim_is_primary():
    for f in (finding("FL102", THIRTY, THIRTY_FIVE), finding("FL102", THIRTY_FIVE, THIRTY)):
        report = corpus_report.evaluate(EXPECTED, [f], [THIRTY, THIRTY_FIVE, STATIONS])
        assert report.unmet == []


def test_wrong_rule_missing_finding_and_extra_finding_are_all_reported():
    extra = finding("FL101", claim(A, 13, 196, "over 50,000"), STATIONS)
    report = corpus_report.evaluate(EXPECTED, [finding("FL101", THIRTY, THIRTY_FIVE), extra],
                                    [THIRTY, THIRTY_FIVE, STATIONS])
    text = "\n".join(report.unmet)
    assert "finding FL102" in text            # the rounding finding is missing
    assert text.count("unexpected FL101") == 2
    assert "no finding for" in text and "over 50,000" in text


def test_unverified_claims_and_non_claims_are_caught():
    five = claim(C, 10, 44, "5")  # "5G" read as a number
    plain = dict(STATIONS, verified_by=None)
    report = corpus_report.evaluate(EXPECTED, [finding("FL102", THIRTY, THIRTY_FIVE)], [plain, five])
    assert any(u.startswith("verified") for u in report.unmet)
    assert any(u.startswith("not a claim") and "'5'" in u for u in report.unmet)


def test_pairwise_findings_may_cover_a_three_way_conflict():
    j = claim("2022-09-19-china-asean-expo.md", 10, 9, "39.2 trillion yuan")
    b = claim("2022-12-22-internet-development-report.txt", 4, 162, "45.5 trillion yuan")
    g = claim("2023-04-28-digital-economy-white-paper.md", 10, 153, "45.5 trillion yuan")
    expected = dict(EXPECTED, findings=[{"rule": "FL101", "path": j["path"][7:], "line": 10,
                                         "claim": "39.2 trillion yuan",
                                         "related": [{"path": b["path"][7:], "line": 4, "claim": "45.5 trillion yuan"},
                                                     {"path": g["path"][7:], "line": 10, "claim": "45.5 trillion yuan"}]}],
                    verified=[], not_claims=[], no_findings=[])
    both = [finding("FL101", b, j), finding("FL101", g, j)]
    assert corpus_report.evaluate(expected, both, []).unmet == []
    assert any(u.startswith("finding FL101") for u in corpus_report.evaluate(expected, both[:1], []).unmet)
