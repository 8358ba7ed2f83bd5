"""What a run leaves behind: only the claim index and the -o file, the same bytes every time.

The sample corpus is small enough to stay in-process; tests/test_pipeline.py shows the
process pool gives the same results as a single process.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def factlint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file():
            out[rel] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
        else:
            out[rel] = ("dir", path.stat().st_mode)
    return out


def copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "desk"
    for path in CORPUS.rglob("*"):
        if ".factlint_cache" in path.parts:
            continue
        dest = target / path.relative_to(CORPUS)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
    return target


def test_a_check_writes_only_its_index_and_the_report(tmp_path):
    desk = copy_corpus(tmp_path)
    before = snapshot(desk)
    done = factlint("check", ".", "--format", "sarif", "-o", "report.sarif", cwd=desk)
    assert done.returncode == 1, done.stderr  # the sample corpus has planted errors
    after = snapshot(desk)
    added = sorted(set(after) - set(before))
    changed = sorted(k for k in before if after.get(k) != before[k])
    assert not changed, f"factlint changed {changed}"
    assert all(p == "report.sarif" or p.split("/")[0] == ".factlint_cache" for p in added), added
    assert "report.sarif" in added and ".factlint_cache/CACHEDIR.TAG" in added
    leftovers = [p for p in os.listdir(desk) if p.startswith(".") and p not in (".factlint_cache",)]
    assert not leftovers, f"temporary files left behind: {leftovers}"


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_reports_are_byte_identical_with_any_jobs_and_cache_state(tmp_path, fmt):
    desk = copy_corpus(tmp_path)
    outputs = []
    for args in (["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"], ["--jobs", "2"], ["--jobs", "2"]):
        done = factlint("check", ".", "--format", fmt, "--quiet", *args, cwd=desk)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] and all(o == outputs[0] for o in outputs)


@pytest.mark.parametrize("args", [
    ["check", ".", "--format", "json", "-o", "2023-03-03-internet-users.md"],
    ["check", "--format", "sarif", "-o", "web/2023-01-20-5g-milestone.html"],
    ["check", ".", "--write-baseline", "china-asean-digital-ties.txt"],
    ["claims", "2023-03-03-internet-users.md", "-f", "json", "-o", "./2023-03-03-internet-users.md"],
])
def test_a_report_is_never_written_over_an_article_the_run_reads(tmp_path, args, capsys, monkeypatch):
    from tests.cli.test_check_cmd import run_cli

    desk = copy_corpus(tmp_path)
    before = snapshot(desk)
    code, out, err = run_cli(args + ["--no-cache"], capsys, monkeypatch, cwd=desk)
    assert code == 2
    assert err.count("\n") == 1 and "refusing to write over an article this run reads" in err
    assert snapshot(desk) == before


def test_a_report_may_replace_an_excluded_file_or_its_own_previous_version(tmp_path, capsys, monkeypatch):
    from tests.cli.test_check_cmd import run_cli

    desk = copy_corpus(tmp_path)
    (desk / "drafts").mkdir(exist_ok=True)
    (desk / "drafts" / "report.txt").write_text("yesterday's report\n", encoding="utf-8")
    code, out, _ = run_cli(["check", ".", "--no-cache", "-o", "drafts/report.txt"], capsys, monkeypatch, cwd=desk)
    assert code == 1 and "written to drafts/report.txt" in out  # the sample config excludes drafts/**
    assert "FL101" in (desk / "drafts" / "report.txt").read_text(encoding="utf-8")
    for _ in range(2):
        code, _, _ = run_cli(["check", ".", "--no-cache", "-f", "json", "-o", "report.json"], capsys, monkeypatch,
                             cwd=desk)
        assert code == 1
