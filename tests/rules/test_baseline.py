"""Baselines: record today's findings, hide them tomorrow even after lines move, show new ones."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factlint.errors import ConfigError
from factlint.models import Claim, Finding, Location, Period
from factlint.rules.base import fingerprint
from factlint.rules.baseline import (Baseline, build_baseline, filter_baseline, finding_fingerprint,
                                     load_baseline, write_baseline)

END_2021 = Period(start=dt.date(2021, 12, 31), end=dt.date(2021, 12, 31), text="as of the end of 2021", point=True)
SUBJECT = "Shenzhen · 5G base stations · as of 2021-12-31"


def claim(path: str, line: int, text: str, value: float, low=None, high=None, qualifier=None) -> Claim:
    sentence = f"Shenzhen had built {text} 5G base stations as of the end of 2021."
    return Claim(id=f"{path}:{line * 100}", path=path, line=line, column=20, end_line=line,
                 end_column=20 + len(text), offset=line * 100, end_offset=line * 100 + len(text),
                 text=text, sentence=sentence, value=value, unit="count", dimension="count",
                 low=low if low is not None else value - 500, high=high if high is not None else value + 500,
                 qualifier=qualifier, entity="Shenzhen", metric="5G base stations", period=END_2021)


def conflict(a: Claim, b: Claim, own_fingerprint: bool = True) -> Finding:
    """A conflict as the rules report it: at ``a``, with ``b`` related."""
    return Finding(rule="FL101", name="conflict", severity="error", path=a.path, line=a.line,
                   column=a.column, end_line=a.end_line, end_column=a.end_column,
                   message=f"{SUBJECT}: {a.text} ({a.path}) and {b.text} ({b.path}) disagree",
                   outcome="disagree", subject=SUBJECT, claims=[a, b],
                   related=[Location(path=b.path, line=b.line, column=b.column, end_line=b.end_line,
                                     end_column=b.end_column, text=b.text)],
                   fingerprint=fingerprint("FL101", SUBJECT, [a, b]) if own_fingerprint else "")


def findings_on(now_line: int, daily_line: int, own_fingerprint: bool = True) -> list[Finding]:
    now = claim("corpus/now-shenzhen.md", now_line, "51,000", 51000)
    daily = claim("corpus/shenzhen-daily.md", daily_line, "58,000", 58000)
    # Reported at each of its claims, as the conflict rule does.
    return [conflict(now, daily, own_fingerprint), conflict(daily, now, own_fingerprint)]


def test_round_trip_and_readable_context(tmp_path):
    path = tmp_path / "factlint-baseline.json"
    today = findings_on(6, 9)
    assert write_baseline(today, path) == 1          # one entry, counted twice
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    (entry,) = data["findings"]
    assert entry["rule"] == "FL101" and entry["count"] == 2
    assert entry["subject"] == SUBJECT
    assert entry["values"] == ["51,000", "58,000"]
    assert entry["paths"] == ["corpus/now-shenzhen.md", "corpus/shenzhen-daily.md"]
    assert "line" not in json.dumps(entry)           # nothing positional is recorded
    assert filter_baseline(today, path) == []
    assert load_baseline(path) == build_baseline(today)


@pytest.mark.parametrize("own_fingerprint", [True, False])
def test_moving_lines_does_not_resurrect_baselined_findings(tmp_path, own_fingerprint):
    path = tmp_path / "baseline.json"
    write_baseline(findings_on(6, 9, own_fingerprint), path)
    # An editor adds three paragraphs above the figure in one article and one in the other.
    moved = findings_on(9, 10, own_fingerprint)
    assert [f.line for f in moved] == [9, 10]
    assert filter_baseline(moved, path) == []


def test_new_and_changed_findings_show(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(findings_on(6, 9), path)
    now = claim("corpus/now-shenzhen.md", 6, "51,000", 51000)
    revised = claim("corpus/shenzhen-daily.md", 9, "60,000", 60000)     # the figure changed
    newcomer = claim("corpus/belt-and-road.md", 4, "over 50,000", 50000, low=50000, high=None, qualifier="over")
    fresh = [conflict(now, revised), conflict(newcomer, revised)]
    assert filter_baseline(fresh, path) == fresh


def test_counts_let_an_extra_copy_through(tmp_path):
    path = tmp_path / "baseline.json"
    first, _ = findings_on(6, 9)
    write_baseline([first], path)
    kept = filter_baseline([first, first.model_copy(update={"line": 20})], path)
    assert [f.line for f in kept] == [20]
    assert load_baseline(path).filter([first])[1] == 1


def test_fallback_fingerprint_ignores_positions_but_not_values():
    a, _ = findings_on(6, 9, own_fingerprint=False)
    moved, _ = findings_on(40, 2, own_fingerprint=False)
    assert finding_fingerprint(a) == finding_fingerprint(moved)
    other = conflict(claim("corpus/now-shenzhen.md", 6, "51,000", 51000),
                     claim("corpus/shenzhen-daily.md", 9, "59,000", 59000), own_fingerprint=False)
    assert finding_fingerprint(other) != finding_fingerprint(a)


def test_output_is_deterministic_whatever_the_order(tmp_path):
    many = findings_on(6, 9) + [conflict(claim("corpus/a.md", 3, "30 percent", 30),
                                         claim("corpus/b.md", 5, "30.5%", 30.5))]
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    write_baseline(many, one)
    write_baseline(list(reversed(many)), two)
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize("text, line, column, needle", [
    ('{"version": 1, "findings": [\n  {"rule": "FL101", "fingerprint": "ab"}\n  {"rule": "FL102"}\n]}\n',
     3, 3, "invalid baseline JSON"),
    ('{"version": 1,\n "findings": [\n  {"rule": "FL101", "fingerprint": "ab", "line": 12}\n]}\n',
     3, 42, "unknown key 'line'"),
    ('{"version": 1,\n "findings": [\n  {"rule": "conflict", "fingerprint": "ab"}\n]}\n',
     3, 4, "findings.0.rule"),
    ('[1, 2, 3]\n', 1, 1, "expected a JSON object"),
])
def test_malformed_baseline_is_a_config_error_with_position(tmp_path, text, line, column, needle):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        filter_baseline(findings_on(6, 9), path)
    err = info.value
    assert needle in err.message
    assert (err.line, err.column) == (line, column), str(err)


def test_missing_or_future_baseline(tmp_path):
    with pytest.raises(ConfigError, match="baseline file not found"):
        load_baseline(tmp_path / "nope.json")
    path = tmp_path / "future.json"
    path.write_text('{"version": 7, "findings": []}', encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline version 7 is not supported"):
        load_baseline(path)


def test_end_to_end_with_the_checker(tmp_path, monkeypatch):
    """Adopt factlint on an archive: record, edit lines, check again, add a new article."""
    from factlint.check import CheckOptions, run_check

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    now = corpus / "now-shenzhen.md"
    daily = corpus / "shenzhen-daily.md"
    now.write_text("---\ntitle: Shenzhen's digital economy\ndate: 2022-01-24\n---\n"
                   "Shenzhen had built 51,000 5G base stations as of the end of 2021.\n", encoding="utf-8")
    daily.write_text("---\ntitle: Shenzhen leads in 5G\ndate: 2022-12-09\n---\n"
                     "Shenzhen had built 58,000 5G base stations as of the end of 2021.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "baseline.json"
    options = CheckOptions(use_cache=False)
    first = run_check(["corpus"], options=options)
    assert first.findings, "the two articles should give at least one finding"
    write_baseline(options.unfiltered, baseline)

    # Lines move: a correction note above the figure.
    for path in (now, daily):
        head, body = path.read_text(encoding="utf-8").rsplit("---\n", 1)
        path.write_text(head + "---\nThis story has been corrected.\n\n" + body, encoding="utf-8")
    assert run_check(["corpus"], options=CheckOptions(use_cache=False, baseline=baseline)).findings == []

    (corpus / "belt-and-road.md").write_text(
        "---\ntitle: Digital cities\ndate: 2022-12-22\n---\n"
        "Shenzhen had built 45,000 5G base stations as of the end of 2021.\n", encoding="utf-8")
    later = run_check(["corpus"], options=CheckOptions(use_cache=False, baseline=baseline)).findings
    assert later and all(
        "belt-and-road" in f.path or any("belt-and-road" in r.path for r in f.related) for f in later)


def test_baseline_model_rejects_negative_counts():
    with pytest.raises(Exception):
        Baseline.model_validate({"version": 1, "findings": [{"rule": "FL101", "fingerprint": "x", "count": 0}]})
