"""Whole-run results: an unchanged corpus with unchanged settings is not compared again."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import factlint.check as check_module
from factlint.cache.results import decode_check, encode_check
from factlint.cache.store import CACHE_DIR_NAME, DB_NAME
from factlint.check import CheckOptions, run_check
from tests.cache.corpuskit import write_corpus

REPO = Path(__file__).resolve().parents[2]

ARTICLES = {
    "2022-01-24-5g.md": "---\ntitle: Shenzhen builds out 5G\ndate: 2022-01-24\noutlet: Shenzhen Daily\n---\n"
                        "Shenzhen had 51,000 5G base stations at the end of 2021, according to the Shenzhen "
                        "Municipal Industry and Information Technology Bureau.\n",
    "2022-02-10-5g.md": "---\ntitle: A 5G milestone\ndate: 2022-02-10\noutlet: Now Shenzhen\n---\n"
                        "Shenzhen had 46,000 5G base stations at the end of 2021, the city's industry "
                        "bureau said.\n\nThe city's digital economy grew 9.6 percent last year.\n",
    "2022-03-01-thai.md": "---\ntitle: Thai digital economy\ndate: 2022-03-01\noutlet: Bangkok Wire\n---\n"
                          "Thailand's digital economy accounted for 12 percent of GDP in 2021.\n",
}


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch) -> Path:
    return write_corpus(tmp_path, monkeypatch, ARTICLES)


class Counting:
    """Counts how often comparison actually runs: check_files (a run over some files) and
    the unit engine (a run over the whole corpus, computing all units or the changed ones)."""

    def __init__(self, monkeypatch):
        from factlint.rules.units import UnitEngine

        self.calls = 0
        for owner, name in ((check_module, "check_files"), (UnitEngine, "compute_all"), (UnitEngine, "update")):
            monkeypatch.setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, real):
        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        return counted


def run(corpus: Path, **options):
    opts = CheckOptions(jobs=1, **options)
    result = run_check([corpus], options=opts)
    return result, opts


def test_unchanged_corpus_reuses_the_stored_result(corpus: Path, monkeypatch) -> None:
    counter = Counting(monkeypatch)
    first, opts1 = run(corpus)
    assert first.findings, "the corpus was written to produce findings"
    second, opts2 = run(corpus)
    assert counter.calls == 1
    assert second.model_dump_json() == first.model_dump_json()
    assert [f.model_dump() for f in opts2.unfiltered] == [f.model_dump() for f in opts1.unfiltered]


def test_a_changed_article_is_compared_again(corpus: Path, monkeypatch) -> None:
    counter = Counting(monkeypatch)
    first, _ = run(corpus)
    article = corpus / "2022-03-01-thai.md"
    article.write_text(article.read_text().replace("12 percent", "13 percent"), encoding="utf-8")
    second, _ = run(corpus)
    assert counter.calls == 2
    assert any("13 percent" in c.text for f in second.findings for c in f.claims) or \
        second.model_dump_json() != first.model_dump_json()


def test_changed_settings_or_options_are_compared_again(corpus: Path, monkeypatch) -> None:
    counter = Counting(monkeypatch)
    run(corpus)
    run(corpus, select=["FL1"])
    assert counter.calls == 2
    (corpus / "factlint.yaml").write_text("fail-level: warning\nseverity: {FL101: warning}\n", encoding="utf-8")
    changed, _ = run(corpus)
    assert counter.calls == 3
    assert all(f.severity == "warning" for f in changed.findings if f.rule == "FL101")
    run(corpus, use_cache=False)
    assert counter.calls == 4
    run(corpus)
    assert counter.calls == 4


def test_baseline_content_decides_the_result(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from factlint.rules.baseline import write_baseline

    first, opts = run(corpus)
    baseline = tmp_path / "baseline.json"
    write_baseline(opts.unfiltered, baseline)
    hidden, _ = run(corpus, baseline=baseline)
    assert hidden.findings == []
    write_baseline(opts.unfiltered[:1], baseline)
    counter = Counting(monkeypatch)
    partial, _ = run(corpus, baseline=baseline)
    assert len(partial.findings) == len(first.findings) - 1
    # The baseline filters the stored findings of a whole-corpus run: nothing is compared again.
    assert counter.calls == 0


def test_baseline_content_is_part_of_the_key_of_an_incremental_run(corpus: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    from factlint.rules.baseline import write_baseline

    target = corpus / "2022-02-10-5g.md"
    opts = CheckOptions(jobs=1)
    first = run_check([target], options=opts)
    assert first.findings
    baseline = tmp_path / "baseline.json"
    write_baseline(opts.unfiltered, baseline)
    assert run_check([target], options=CheckOptions(jobs=1, baseline=baseline)).findings == []
    write_baseline([], baseline)
    counter = Counting(monkeypatch)
    again = run_check([target], options=CheckOptions(jobs=1, baseline=baseline))
    assert counter.calls == 1 and again.model_dump_json() == first.model_dump_json()


def test_incremental_runs_store_results_per_target(corpus: Path, monkeypatch) -> None:
    counter = Counting(monkeypatch)
    a = run_check([corpus / "2022-01-24-5g.md"], options=CheckOptions(jobs=1))
    b = run_check([corpus / "2022-03-01-thai.md"], options=CheckOptions(jobs=1))
    again = run_check([corpus / "2022-01-24-5g.md"], options=CheckOptions(jobs=1))
    assert counter.calls == 2
    assert again.model_dump_json() == a.model_dump_json()
    assert b.model_dump_json() != again.model_dump_json()


@pytest.mark.parametrize("garbage", [b'["x", [[1, 2]]]', b"not json", b"[]"])
def test_corrupt_stored_findings_are_recomputed(corpus: Path, monkeypatch, capsys, garbage: bytes) -> None:
    first, _ = run(corpus)
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        assert conn.execute("UPDATE units SET data = ?", (garbage,)).rowcount >= 1
    capsys.readouterr()
    counter = Counting(monkeypatch)
    second, _ = run(corpus)
    assert counter.calls == 1 and second.model_dump_json() == first.model_dump_json()
    assert capsys.readouterr().err.count("\n") == 1  # a one-line notice
    third, _ = run(corpus)
    assert counter.calls == 1 and third.model_dump_json() == first.model_dump_json()


def test_corrupt_stored_result_of_an_incremental_run_is_recomputed(corpus: Path, monkeypatch) -> None:
    target = [corpus / "2022-02-10-5g.md"]
    first = run_check(target, options=CheckOptions(jobs=1))
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        assert conn.execute("UPDATE results SET data = ?", (b'{"findings": [[1, 2]]}',)).rowcount >= 1
    counter = Counting(monkeypatch)
    second = run_check(target, options=CheckOptions(jobs=1))
    assert counter.calls == 1 and second.model_dump_json() == first.model_dump_json()


@pytest.mark.skipif(not (REPO / "corpus" / "factlint.yaml").is_file(), reason="sample corpus not present")
def test_result_codec_round_trips_the_sample_corpus(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns(CACHE_DIR_NAME))
    opts = CheckOptions(jobs=1, use_cache=False)
    result = run_check([tmp_path / "corpus"], options=opts)
    decoded, unfiltered = decode_check(encode_check(result, opts.unfiltered))
    assert decoded.model_dump_json() == result.model_dump_json()
    assert [f.model_dump() for f in unfiltered] == [f.model_dump() for f in opts.unfiltered]


def test_a_broken_rule_file_is_reported_before_any_extraction(corpus: Path) -> None:
    from factlint.errors import ConfigError

    (corpus / "house.yaml").write_text("rules:\n  - id: FL777\n    nme: typo\n", encoding="utf-8")
    (corpus / "factlint.yaml").write_text("rules: [house.yaml]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="house.yaml"):
        run(corpus)
    db = corpus / CACHE_DIR_NAME / DB_NAME
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 0
