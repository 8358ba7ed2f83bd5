"""collect / collect_corpus: parallel extraction, incremental runs, --diff-base."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from factlint import pipeline
from factlint.errors import FactlintError
from factlint.models import Finding, Location
from factlint.pipeline import (MIN_PARALLEL_FILES, changed_files, collect, collect_corpus, covers_corpus,
                               involves)

REPO = Path(__file__).resolve().parents[1]

NEWSWIRE = [
    "Ivory Coast cocoa exports rose {a}.5 pct to {b},000 tonnes in the 1986/87 season, the ministry said.",
    "Net profit was {b}.3 mln dlrs, or {a} cts a share, vs {c}.1 mln dlrs a year earlier, the company said.",
    "Japan's trade surplus widened to {b}.2 billion dlrs in February from {c}.9 billion in January.",
    "The central bank injected {c} billion marks into the money market at a rate of {a}.25 pct.",
]


def newswire_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = [t.format(a=i % 9 + 1, b=10 + i, c=3 + i % 7) for t in NEWSWIRE[i % 2:]]
        text = f"---\ntitle: STORY {i}\ndate: 1987-03-{i % 28 + 1:02d}\noutlet: Reuters\n---\n" + "\n\n".join(lines)
        (folder / f"{i:05d}.md").write_text(text + "\n", encoding="utf-8")
    return folder


def dump(collected) -> list[dict]:
    return [f.model_dump(mode="json") for f in collected.files]


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_parallel_results_are_identical_to_a_single_process_run(in_tmp: Path, monkeypatch) -> None:
    corpus = newswire_corpus(in_tmp / "wire", MIN_PARALLEL_FILES + 12)
    single = collect([corpus], jobs=1, use_cache=False)
    used_pool = []
    real_pool = pipeline.ProcessPoolExecutor

    def spy(*args, **kwargs):
        used_pool.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", spy)
    double = collect([corpus], jobs=2, use_cache=False)
    assert used_pool == [2]
    assert dump(double) == dump(single)
    assert [f.meta.path for f in double.files] == sorted(f.meta.path for f in double.files)
    assert sum(len(f.claims) for f in single.files) > 3 * len(single.files)
    # and through the index, warm, with the other job count
    assert dump(collect([corpus], jobs=2)) == dump(single)
    assert dump(collect([corpus], jobs=1)) == dump(single)


def test_small_inputs_stay_in_process(in_tmp: Path, monkeypatch) -> None:
    corpus = newswire_corpus(in_tmp / "wire", 3)

    def refuse(*args, **kwargs):
        raise AssertionError("a pool was started for three files")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", refuse)
    assert len(collect([corpus], jobs=4, use_cache=False).files) == 3


def test_no_progress_bar_without_a_terminal_or_with_quiet(in_tmp: Path, capfd, monkeypatch) -> None:
    corpus = newswire_corpus(in_tmp / "wire", 5)
    monkeypatch.setattr(pipeline, "MIN_PROGRESS_FILES", 2)
    assert pipeline._progress(500, quiet=False) is None  # stderr is captured, not a TTY
    collect([corpus], jobs=1, use_cache=False)
    assert capfd.readouterr().err == ""
    monkeypatch.setattr(pipeline.sys.stderr, "isatty", lambda: True, raising=False)
    assert pipeline._progress(500, quiet=False) is not None
    assert pipeline._progress(500, quiet=True) is None
    assert pipeline._progress(1, quiet=False) is None  # too little to be worth a bar


def test_a_crash_on_one_file_is_a_notice_and_the_run_goes_on(in_tmp: Path, monkeypatch) -> None:
    corpus = newswire_corpus(in_tmp / "wire", 3)
    real = pipeline.extract_claims

    def flaky(doc):
        if doc.path.endswith("00001.md"):
            raise RecursionError("deeply nested brackets")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_claims", flaky)
    out = collect([corpus], jobs=1)
    assert [Path(f.meta.path).name for f in out.files] == ["00000.md", "00002.md"]
    assert [(Path(n.path).name, n.level) for n in out.notices] == [("00001.md", "error")]
    assert "RecursionError" in out.notices[0].message
    # not cached: the next run tries again
    monkeypatch.setattr(pipeline, "extract_claims", real)
    assert len(collect([corpus], jobs=1).files) == 3


# Incremental runs ------------------------------------------------------------------------

ARTICLES = {
    "a.md": "---\ndate: 2022-01-24\n---\nShenzhen had 51,000 5G base stations at the end of 2021.\n\n"
            "Thailand's digital economy was 12 percent of GDP.\n",
    "b.md": "---\ndate: 2022-02-10\n---\nShenzhen had 46,000 5G base stations at the end of 2021.\n\n"
            "Beijing added 1,500 stations in 2021.\n",
    "c.md": "---\ndate: 2022-03-01\n---\nIvory Coast cocoa exports rose 12.5 pct to 545,000 tonnes.\n",
}


def entity_binder(real):
    """The extractor with a stand-in entity binder (the capitalized word a line starts with),
    so these tests pin the pipeline's contract whatever the real binder does today."""

    def extract(doc):
        claims = real(doc)
        lines = doc.raw.splitlines()
        for c in claims:
            m = re.match(r"([A-Z][a-z]+(?: Coast)?)", lines[c.line - 1])
            c.entity = m.group(1) if m else None
        return claims
    return extract


@pytest.fixture()
def small_corpus(in_tmp: Path, monkeypatch) -> Path:
    corpus = in_tmp / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract_claims", entity_binder(pipeline.extract_claims))
    return corpus


def entities(collected) -> dict[str, set]:
    return {Path(f.meta.path).name: {c.entity for c in f.claims} for f in collected.files}


def test_targets_come_whole_and_the_rest_only_where_entities_meet(small_corpus: Path) -> None:
    for cache in (False, True, True):  # cold without index, cold building it, warm from it
        out = collect_corpus([small_corpus / "a.md"], small_corpus, entity_key=str.lower, jobs=1,
                             use_cache=cache)
        assert out.targets == {"corpus/a.md"}
        assert entities(out) == {"a.md": {"Shenzhen", "Thailand"}, "b.md": {"Shenzhen"}}
    assert out.stats["extracted"] == 0


def test_without_entity_key_the_whole_corpus_comes_back(small_corpus: Path) -> None:
    collect([small_corpus], root=small_corpus, jobs=1)
    out = collect_corpus([small_corpus / "c.md"], small_corpus, jobs=1)
    assert sorted(entities(out)) == ["a.md", "b.md", "c.md"] and out.targets == {"corpus/c.md"}


def test_a_changed_file_elsewhere_in_the_corpus_is_read_fresh(small_corpus: Path) -> None:
    collect_corpus([small_corpus / "a.md"], small_corpus, entity_key=str.lower, jobs=1)
    b = small_corpus / "b.md"
    b.write_text(b.read_text().replace("46,000", "47,000"), encoding="utf-8")
    out = collect_corpus([small_corpus / "a.md"], small_corpus, entity_key=str.lower, jobs=1)
    assert out.stats["extracted"] == 1
    texts = " | ".join(c.text for f in out.files for c in f.claims)
    assert "47,000" in texts and "46,000" not in texts


def test_involves_looks_at_location_related_locations_and_claims() -> None:
    def finding(path: str, related: list[str]) -> Finding:
        return Finding(rule="FL101", name="conflict", severity="error", path=path, line=1, column=1,
                       end_line=1, end_column=5, message="Shenzhen 5G base stations disagree",
                       related=[Location(path=r, line=2, column=1, end_line=2, end_column=4) for r in related])

    assert involves(finding("corpus/a.md", []), {"corpus/a.md"})
    assert involves(finding("corpus/b.md", ["corpus/a.md"]), {"corpus/a.md"})
    assert not involves(finding("corpus/b.md", ["corpus/c.md"]), {"corpus/a.md"})


def test_covers_corpus(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    assert covers_corpus([root], root) and covers_corpus([tmp_path], root)
    assert not covers_corpus([root / "a.md"], root)
    assert not covers_corpus([tmp_path / "corpus-old"], root)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_files_since_a_ref(small_corpus: Path, in_tmp: Path) -> None:
    _git(in_tmp, "init", "-q", "-b", "main")
    _git(in_tmp, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".")
    _git(in_tmp, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "corpus")
    assert changed_files("main", small_corpus) == []
    (small_corpus / "b.md").write_text("Shenzhen had 47,000 5G base stations.\n", encoding="utf-8")
    (small_corpus / "d.md").write_text("Exports rose 4 pct.\n", encoding="utf-8")
    (small_corpus / "a.md").unlink()
    assert changed_files("main", small_corpus) == [small_corpus / "b.md", small_corpus / "d.md"]
    with pytest.raises(FactlintError, match="no-such-ref"):
        changed_files("no-such-ref", small_corpus)


def test_changed_files_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FactlintError, match="not inside a git repository"):
        changed_files("main", tmp_path)


# Through `factlint check` ----------------------------------------------------------------

@pytest.mark.skipif(not (REPO / "corpus" / "factlint.yaml").is_file(), reason="sample corpus not present")
def test_incremental_check_reports_what_a_full_run_reports_about_the_file(in_tmp: Path) -> None:
    from factlint.check import CheckOptions, run_check

    corpus = in_tmp / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns(".factlint_cache"))
    full = run_check([corpus], options=CheckOptions(jobs=1))
    assert full.findings
    for article in sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt", ".html"))[:4]:
        shown = f"corpus/{article.relative_to(corpus).as_posix()}"
        expected = [f.model_dump() for f in full.findings if involves(f, {shown})]
        for _ in range(2):  # building the index, then reading it
            part = run_check([article], options=CheckOptions(jobs=1))
            assert [f.model_dump() for f in part.findings] == expected, shown
            assert part.summary.files == (1 if "EXPECTED" not in shown else 0)


def test_check_command_with_diff_base(small_corpus: Path, in_tmp: Path) -> None:
    from factlint.check import CheckOptions, run_check

    (in_tmp / "factlint.yaml").write_text("corpus: corpus\n", encoding="utf-8")
    _git(in_tmp, "init", "-q", "-b", "main")
    _git(in_tmp, "add", ".")
    _git(in_tmp, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "corpus")
    nothing = run_check([], options=CheckOptions(jobs=1, diff_base="main"))
    assert nothing.findings == [] and nothing.summary.files == 0
    (small_corpus / "c.md").write_text(ARTICLES["c.md"] + "\nPrices fell 3.2 pct.\n", encoding="utf-8")
    some = run_check([], options=CheckOptions(jobs=1, diff_base="main"))
    assert some.summary.files == 1
    assert {f.path for f in some.findings} <= {"corpus/c.md"}


def test_json_report_is_byte_identical_with_any_jobs_and_from_the_index(in_tmp: Path) -> None:
    import sys

    corpus = newswire_corpus(in_tmp / "wire", MIN_PARALLEL_FILES + 4)
    (in_tmp / "wire" / "factlint.yaml").write_text("fail-level: error\n", encoding="utf-8")
    outputs = []
    for extra in (["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"], ["--jobs", "2"], ["--jobs", "1"]):
        report = in_tmp / f"report-{len(outputs)}.json"
        done = subprocess.run([sys.executable, "-m", "factlint", "check", str(corpus), "--quiet", "--exit-zero",
                               "--format", "json", "-o", str(report), *extra], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(report.read_bytes())
    assert b'"findings"' in outputs[0]
    assert all(o == outputs[0] for o in outputs[1:])


def test_an_authors_problem_is_a_warning_and_decoding_is_info(tmp_path):
    from factlint.pipeline import collect

    (tmp_path / "bad-header.md").write_text("---\ntitle: [unclosed\n---\nSales rose 5 pct, the firm said.\n")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 sales rose 5 pct, the firm said.\n".encode("latin-1"))
    notices = {n.path.rsplit("/", 1)[-1]: n.level for n in collect([tmp_path], use_cache=False, quiet=True).notices}
    assert notices == {"bad-header.md": "warning", "latin.txt": "info"}
