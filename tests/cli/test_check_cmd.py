"""`factlint check` end to end: seed-style articles written for this test, exit codes,
selection, fail level, statistics, formats and errors."""

from __future__ import annotations

import json
import sys

import pytest

from factlint.cli import main

# Five short articles in the shapes of the seed articles (our own wording, seed figures).
ARTICLE_A = """\
Home > News > Shenzhen
Shenzhen shows off its digital economy at forum
Writer: Li Wen | Editor: Zhao Min | From: Shenzhen Daily | Updated: 2022-12-09

Thailand is keen to learn from Shenzhen, Thailand’s ambassador told the forum on Sunday. “Our digital economy was 14.1% of GDP in 2021,” he said.

According to reports by national authorities, the added value of Shenzhen’s core digital economy industries exceeded 900 billion yuan (US$128.8 billion) last year, accounting for 30.5% of the city’s GDP.

SZD_digital_forum_20221204.mp4

The city had built over 50,000 5G base stations as of 2021, the reports showed.
"""

ARTICLE_B = """\
China’s digital economy keeps growing
Updated: December 22, 2022 Source: Belt and Road Portal

China’s digital economy reached 45.5 trillion yuan in 2021, accounting for 39.8 percent of GDP, the China Internet Development Report 2022 released at the 2022 World Internet Conference shows.

As of June, 55.7 percent of key processes in large industrial firms were digitally controlled, and the popularity rate of digital R&D tools reached 75.1 percent.

China has more than 40 million micro, small and medium-sized enterprises, which make up more than 99 percent of the country’s market entities.

China’s data output reached 6.6ZB in 2021, up 29.4 percent year on year, ranking second in the world.
"""

ARTICLE_C = """\
Shenzhen’s digital economy takes off
Now Shenzhen | January 24, 2022

The added value of Shenzhen’s core digital economy industries accounted for 30 percent of the city’s GDP, data released Wednesday by the Shenzhen Municipal Industry and Information Technology Bureau showed.

According to a report by the bureau, Shenzhen had 51,000 5G base stations at the end of 2021, or 28.5 base stations per 10,000 people. The city also had 15,000 multifunctional intelligent poles.

The city will carry out a four-year programme to upgrade its networks.

Article from: SHENZHEN DAILY
"""

ARTICLE_D = """\
CHINA DAILY | Global Edition
Beijing bets on digital firms
By Wang Hao | | Updated: 2023-12-06 20:27

More than half of China’s companies on the Forbes list of the top 100 digital companies are based in Beijing, a city official said in a speech.

The city follows a "1+3+N" framework and a "3+3" action plan, and its New Intelligent Manufacturing 100 project was launched in Sept. 7, 2021.

Copyright 1995 - 2023. All rights reserved. Registration Number: 130349. Best viewed at 1024*768 or above.
"""

ARTICLE_E = """\
China and ASEAN deepen digital ties
China and ASEAN deepen digital ties

Currently, almost half of the people in China and the ten ASEAN countries use mobile internet.
"""

# A dated article about the same thing as E, with another value: never compared with E.
ARTICLE_F = """\
Mobile internet in the region
Updated: 2022-11-30

In 2022, 30 percent of the people in China and the ten ASEAN countries used mobile internet, according to the GSM Association.
"""


@pytest.fixture
def seed_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in {"a-shenzhen-daily.txt": ARTICLE_A, "b-belt-and-road.txt": ARTICLE_B,
                       "c-now-shenzhen.txt": ARTICLE_C, "d-china-daily.txt": ARTICLE_D,
                       "e-undated.txt": ARTICLE_E, "f-gsma.txt": ARTICLE_F}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_cli(args, capsys, monkeypatch, cwd=None):
    if cwd is not None:
        monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["factlint", *map(str, args)])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    return done.value.code, out, err


def check_json(folder, capsys, monkeypatch, *extra):
    code, out, err = run_cli(["check", folder, "--format", "json", "--no-cache", *extra], capsys, monkeypatch,
                             cwd=folder.parent)
    return code, json.loads(out), err


def line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the judgements of seed-facts.md ----------------------------------------------------------

def test_seed_judgements(seed_corpus, capsys, monkeypatch):
    code, report, _ = check_json(seed_corpus, capsys, monkeypatch)
    findings = report["findings"]
    by_rule: dict[str, list[dict]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)

    # 1. C's 30 percent against A's 30.5%: agree only if rounded, both places linked.
    rounding = by_rule.get("FL102", [])
    assert len(rounding) == 1, findings
    f = rounding[0]
    assert f["outcome"] == "rounding" and f["severity"] == "warning"
    places = {(f["path"], f["line"])} | {(r["path"], r["line"]) for r in f["related"]}
    assert places == {("corpus/a-shenzhen-daily.txt", line_of(ARTICLE_A, "30.5%")),
                      ("corpus/c-now-shenzhen.txt", line_of(ARTICLE_C, "30 percent"))}
    assert "agree only if 30 is a rounded figure" in f["message"]
    assert f["subject"].startswith("Shenzhen · ") and f["subject"].endswith(" · 2021")

    # 2. over 50,000 and 51,000 agree: no conflict about 5G stations at all.
    assert not [f for f in by_rule.get("FL101", []) if "5G" in (f["subject"] or "")]
    assert "FL101" not in by_rule

    # 3. 900 billion yuan = US$128.8 billion is right for December 2022.
    assert "FL301" not in by_rule

    # 4. Unattributed levels and shares in B and E.
    # (A claim's text may run on into its counted noun: "more than 40 million micro...".)
    missing = sorted((f["path"], f["claims"][0]["text"]) for f in by_rule.get("FL401", []))
    expected = sorted([
        ("corpus/b-belt-and-road.txt", "55.7 percent"), ("corpus/b-belt-and-road.txt", "6.6ZB"),
        ("corpus/b-belt-and-road.txt", "75.1 percent"), ("corpus/b-belt-and-road.txt", "more than 40 million"),
        ("corpus/b-belt-and-road.txt", "more than 99 percent"), ("corpus/e-undated.txt", "almost half")])
    assert len(missing) == len(expected), missing
    for (path, text), (want_path, want_text) in zip(missing, expected):
        assert path == want_path and text.startswith(want_text), (missing, expected)

    # 5. E's "almost half" is unresolved and never compared with F's dated 30 percent.
    assert not [f for f in findings if f["rule"].startswith("FL1")
                and any(c["path"] == "corpus/e-undated.txt" for c in f["claims"])]

    # 6. Nothing from D's framework names, dates, copyright, registration or resolution numbers.
    assert not [f for f in findings if f["path"] == "corpus/d-china-daily.txt"]

    assert set(by_rule) == {"FL102", "FL401"}, sorted(by_rule)
    assert code == 0  # FL102 and FL401 are warnings; the default fail level is error
    assert report["summary"]["by_rule"] == {"FL102": 1, "FL401": 6}


def test_judgement_5_unresolved_period_is_marked_in_the_claims(seed_corpus):
    from factlint.pipeline import collect

    claims = [c for f in collect([seed_corpus], use_cache=False).files for c in f.claims
              if c.path.endswith("e-undated.txt") and c.text == "almost half"]
    assert len(claims) == 1 and claims[0].period is not None and not claims[0].period.resolved


def test_judgement_6_non_claim_numbers_make_no_claims(seed_corpus):
    from factlint.pipeline import collect

    texts = [c.text for f in collect([seed_corpus], use_cache=False).files for c in f.claims
             if c.path.endswith(("d-china-daily.txt", "c-now-shenzhen.txt"))]
    for non_claim in ("1+3+N", "3+3", "100", "1995", "2023", "130349", "1024", "768", "four", "2021", "7"):
        assert not [t for t in texts if t == non_claim or t.startswith(non_claim + " ")], (non_claim, texts)


# --- exit codes, selection, fail level, statistics, formats, errors ------------------------------

CONFLICT_A = """\
Updated: 2022-12-09

Shenzhen had 51,000 5G base stations at the end of 2021, the city’s industry bureau said.
"""
CONFLICT_B = """\
Updated: 2022-12-20

Shenzhen had nearly 50,000 5G base stations at the end of 2021, according to the city’s industry bureau.

Small firms accounted for 104 percent of market entities in 2021, the survey found.
"""


@pytest.fixture
def conflict_corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(CONFLICT_A, encoding="utf-8")
    (folder / "b.txt").write_text(CONFLICT_B, encoding="utf-8")
    return folder


def test_errors_exit_1_and_the_report_names_both_places(conflict_corpus, capsys, monkeypatch):
    code, out, _ = run_cli(["check", "news", "--no-cache"], capsys, monkeypatch, cwd=conflict_corpus.parent)
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("news/b.txt:3:") and "FL101" in line and "news/a.txt:3" in line for line in lines), out
    assert any(line.startswith("news/b.txt:5:") and "FL601" in line for line in lines), out
    assert "Found 2 findings (2 errors)" in out


def test_select_and_ignore_take_prefixes(conflict_corpus, capsys, monkeypatch):
    code, report, _ = check_json(conflict_corpus, capsys, monkeypatch, "--select", "FL1")
    assert [f["rule"] for f in report["findings"]] == ["FL101"] and code == 1
    code, report, _ = check_json(conflict_corpus, capsys, monkeypatch, "--ignore", "FL1,FL6")
    assert report["findings"] == [] and code == 0
    code, report, _ = check_json(conflict_corpus, capsys, monkeypatch, "--select", "fl6", "--select", "FL101")
    assert sorted(f["rule"] for f in report["findings"]) == ["FL101", "FL601"]


def test_fail_level_and_exit_zero(seed_corpus, conflict_corpus, capsys, monkeypatch):
    # The seed corpus has warnings only: they fail the run only at --fail-level warning.
    assert check_json(seed_corpus, capsys, monkeypatch)[0] == 0
    assert check_json(seed_corpus, capsys, monkeypatch, "--fail-level", "warning")[0] == 1
    assert check_json(seed_corpus, capsys, monkeypatch, "--fail-level", "info", "--select", "FL4")[0] == 1
    assert check_json(conflict_corpus, capsys, monkeypatch, "--exit-zero")[0] == 0


def test_fail_level_from_the_config(seed_corpus, capsys, monkeypatch):
    (seed_corpus / "factlint.yaml").write_text("fail-level: warning\n")
    assert check_json(seed_corpus, capsys, monkeypatch)[0] == 1
    assert check_json(seed_corpus, capsys, monkeypatch, "--fail-level", "error")[0] == 0


def test_statistics(seed_corpus, capsys, monkeypatch):
    code, out, _ = run_cli(["check", "corpus", "--statistics", "--no-cache"], capsys, monkeypatch,
                           cwd=seed_corpus.parent)
    rows = [line.split() for line in out.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert rows[:2] == [["6", "FL401", "missing-source", "[warning]"], ["1", "FL102", "rounding", "[warning]"]]
    assert code == 0


def test_output_file_gets_the_format_and_the_terminal_the_summary(conflict_corpus, capsys, monkeypatch):
    code, out, _ = run_cli(["check", "news", "--format", "sarif", "-o", "report.sarif", "--no-cache"], capsys,
                           monkeypatch, cwd=conflict_corpus.parent)
    assert code == 1
    sarif = json.loads((conflict_corpus.parent / "report.sarif").read_text())
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["FL101", "FL601"]
    assert "report.sarif" in out and "Found 2 findings" in out
    assert "FL101" not in out.replace("report.sarif", "")


def test_json_output_carries_what_the_issue_asks_for(conflict_corpus, capsys, monkeypatch):
    _, report, _ = check_json(conflict_corpus, capsys, monkeypatch, "--select", "FL101")
    f = report["findings"][0]
    for key in ("rule", "name", "severity", "path", "line", "column", "end_line", "end_column", "message",
                "claims", "related", "outcome", "subject", "fingerprint"):
        assert key in f, key
    assert f["outcome"] == "disagree" and len(f["claims"]) == 2
    assert f["related"][0]["path"] == "news/a.txt" and f["related"][0]["line"] == 3
    assert report["summary"]["findings"] == 1


def test_output_is_the_same_on_every_run(conflict_corpus, seed_corpus, capsys, monkeypatch):
    first = run_cli(["check", "corpus", "--format", "json", "--no-cache"], capsys, monkeypatch,
                    cwd=seed_corpus.parent)[1]
    second = run_cli(["check", "corpus", "--format", "json", "--no-cache", "--jobs", "1"], capsys, monkeypatch,
                     cwd=seed_corpus.parent)[1]
    assert first == second


@pytest.mark.parametrize("config,expected", [
    ("fail-level: fatal\n", "factlint.yaml:1:"),
    ("rules: [house.yaml]\n", "house.yaml"),
    ("options:\n  FL101: {tolerence: 0.1}\n", "factlint.yaml:2:11: unknown key 'tolerence'"),
    ("options:\n  FL101:\n    tolerance: lots\n", "factlint.yaml:3:5: options.FL101.tolerance"),
    ("severity: {FL101: error, FL999: info}\n", "factlint.yaml:1:26: severity: 'FL999' matches no rule"),
    ("ignore: [FL7]\n", "factlint.yaml:1:10: ignore: 'FL7' matches no rule"),
])
def test_configuration_errors_exit_2_with_one_line(conflict_corpus, capsys, monkeypatch, config, expected):
    (conflict_corpus / "factlint.yaml").write_text(config)
    code, out, err = run_cli(["check", "news", "--no-cache"], capsys, monkeypatch, cwd=conflict_corpus.parent)
    assert code == 2
    assert expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_broken_rule_file_exits_2_naming_line_and_column(conflict_corpus, capsys, monkeypatch):
    (conflict_corpus / "factlint.yaml").write_text("rules: [house.yaml]\n")
    (conflict_corpus / "house.yaml").write_text(
        "rules:\n  - id: FL701\n    name: x\n    type: sanity\n    severity: error\n    message: m\n"
        "    description: d\n    options: {max_share: 100, maximum: 3}\n")
    code, _, err = run_cli(["check", "news", "--no-cache"], capsys, monkeypatch, cwd=conflict_corpus.parent)
    assert code == 2
    assert "house.yaml:8:31: unknown key 'maximum'" in err


@pytest.mark.parametrize("args,expected", [
    (["check", "missing-folder"], "missing-folder: no such file or folder"),
    (["check", "news", "--select", "XYZ"], "'XYZ' is not a rule id or prefix"),
    (["check", "news", "--no-cache", "--select", "FL1,FL909"], "--select: 'FL909' matches no rule"),
    (["check", "news", "--format", "yaml"], "yaml"),
    (["check", "news", "--fail-level", "fatal"], "fatal"),
    (["check", "news", "--config", "nope.yaml"], "nope.yaml"),
])
def test_usage_errors_exit_2(conflict_corpus, capsys, monkeypatch, args, expected):
    code, _, err = run_cli(args, capsys, monkeypatch, cwd=conflict_corpus.parent)
    assert code == 2
    assert expected in err and "Traceback" not in err


def test_baseline_hides_known_findings_and_shows_new_ones(conflict_corpus, capsys, monkeypatch):
    code, out, _ = run_cli(["check", "news", "--write-baseline", "base.json", "--no-cache"], capsys, monkeypatch,
                           cwd=conflict_corpus.parent)
    assert code == 0 and "base.json" in out
    code, out, _ = run_cli(["check", "news", "--baseline", "base.json", "--no-cache", "--format", "json"], capsys,
                           monkeypatch, cwd=conflict_corpus.parent)
    assert code == 0 and json.loads(out)["findings"] == []
    (conflict_corpus / "c.txt").write_text("Updated: 2023-01-02\n\nShenzhen had 61,000 5G base stations at the "
                                           "end of 2021, the bureau said.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "news", "--baseline", "base.json", "--no-cache", "--format", "json"], capsys,
                           monkeypatch, cwd=conflict_corpus.parent)
    assert code == 1
    assert {f["path"] for f in json.loads(out)["findings"]} == {"news/c.txt"}


def test_rules_and_rule_commands(capsys, monkeypatch, tmp_path):
    code, out, _ = run_cli(["rules"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()][:3] == ["FL101", "FL102", "FL201"]
    code, out, _ = run_cli(["rule", "fl102"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 0
    assert out.startswith("FL102 rounding (conflict, warning)")
    assert "Example 1 (triggers FL102):" in out and "outcomes: [\"rounding\"]" in out
    code, out, _ = run_cli(["rule", "FL301", "--format", "json"], capsys, monkeypatch, cwd=tmp_path)
    info = json.loads(out)
    assert info["id"] == "FL301" and {o["name"] for o in info["options"]} == {"tolerance", "date"}
    code, _, err = run_cli(["rule", "FL999"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 2 and "no rule 'FL999'" in err


def test_a_folder_without_articles_passes_with_a_warning(tmp_path, capsys, monkeypatch):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    code, out, err = run_cli(["check", str(tmp_path)], capsys, monkeypatch)
    assert code == 0
    assert "No findings" in out
    assert "warning: no articles" in err and str(tmp_path) in err
