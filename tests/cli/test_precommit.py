"""The real pre-commit framework runs this repository's `factlint` hook on a newsroom repository.

pre-commit clones this repository at its HEAD commit, builds a virtualenv and
pip-installs factlint into it (PyPI access needed the first time; the
environments are kept under the system temp dir so later runs at the same
commit reuse them). Then a commit that brings a conflicting figure is stopped
and a clean one goes through.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# FACTLINT_HOOK_REPO: another clone to install the hook from (e.g. a snapshot of a work in progress).
REPO = Path(os.environ.get("FACTLINT_HOOK_REPO") or Path(__file__).resolve().parents[2])

ARTICLE_5G = """\
---
title: Shenzhen builds out 5G
date: 2022-01-24
outlet: Shenzhen Daily
---
Shenzhen had 51,000 5G base stations at the end of 2021, according to the Shenzhen Municipal
Industry and Information Technology Bureau.
"""

ARTICLE_THAI = """\
---
title: Thailand's digital push
date: 2022-03-01
outlet: Bangkok Wire
---
Thailand's digital economy accounted for 12 percent of GDP in 2021, according to the Digital
Economy Promotion Agency.
"""

CONFLICTING = """\
---
title: A 5G milestone for Shenzhen
date: 2022-02-10
outlet: Now Shenzhen
---
Shenzhen had 46,000 5G base stations at the end of 2021, according to the city's industry bureau.
"""

AGREEING = CONFLICTING.replace("46,000", "more than 50,000")


def _have(tool: str) -> bool:
    return shutil.which(tool) is not None


def _head(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.slow
@pytest.mark.skipif(not _have("git") or not (REPO / ".git").exists(), reason="needs git and this repository")
@pytest.mark.skipif(not (REPO / ".pre-commit-hooks.yaml").is_file(), reason="no hook definitions")
def test_commit_with_conflicting_figure_is_stopped_and_clean_one_passes(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(Path(tempfile.gettempdir()) / "factlint-tests-pre-commit")
    env.update(GIT_AUTHOR_NAME="Desk", GIT_AUTHOR_EMAIL="desk@example.com",
               GIT_COMMITTER_NAME="Desk", GIT_COMMITTER_EMAIL="desk@example.com")
    env.pop("FACTLINT_DEBUG", None)
    newsroom = tmp_path / "newsroom"
    corpus = newsroom / "corpus"
    corpus.mkdir(parents=True)

    try:
        _scenario(newsroom, corpus, env)
    finally:
        # Every commit of this repository gets its own environment: drop those whose
        # config is gone (earlier runs), or the store grows by ~60 MB per commit.
        subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=env, capture_output=True, timeout=120)


def _scenario(newsroom: Path, corpus: Path, env: dict) -> None:
    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(list(args), cwd=newsroom, env=env, capture_output=True, text=True, timeout=600)
        if check and done.returncode != 0:
            pytest.fail(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done

    (newsroom / "factlint.yaml").write_text("corpus: corpus\n", encoding="utf-8")
    (corpus / "2022-01-24-shenzhen-5g.md").write_text(ARTICLE_5G, encoding="utf-8")
    (corpus / "2022-03-01-thailand.md").write_text(ARTICLE_THAI, encoding="utf-8")
    (newsroom / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {REPO}\n  rev: {_head(REPO)}\n  hooks:\n  - id: factlint\n"
        "  - id: factlint-all\n    stages: [manual]\n", encoding="utf-8")
    run("git", "init", "-q", "-b", "main")
    run("git", "add", ".")
    run("git", "commit", "-q", "--no-verify", "-m", "corpus")
    run(sys.executable, "-m", "pre_commit", "install")

    new = corpus / "2022-02-10-shenzhen-milestone.md"
    new.write_text(CONFLICTING, encoding="utf-8")
    run("git", "add", str(new))
    stopped = run("git", "commit", "-m", "5G milestone", check=False)
    output = stopped.stdout + stopped.stderr
    assert stopped.returncode != 0, output
    assert "FL101" in output and "46,000" in output and "51,000" in output, output
    assert "Traceback" not in output
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"
    # The whole-corpus hook (pass_filenames: false) sees the same conflict.
    whole = run(sys.executable, "-m", "pre_commit", "run", "factlint-all", "--hook-stage", "manual", check=False)
    assert whole.returncode != 0 and "FL101" in whole.stdout, whole.stdout + whole.stderr

    new.write_text(AGREEING, encoding="utf-8")
    run("git", "add", str(new))
    passed = run("git", "commit", "-m", "5G milestone, figure checked", check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "factlint" in passed.stderr + passed.stdout and "Passed" in passed.stderr + passed.stdout
    assert run("git", "rev-list", "--count", "HEAD").stdout.strip() == "2"
    whole = run(sys.executable, "-m", "pre_commit", "run", "factlint-all", "--hook-stage", "manual", check=False)
    assert whole.returncode == 0, whole.stdout + whole.stderr
    # The index the hook built lives at the corpus root and is ignored by git.
    assert (corpus / ".factlint_cache" / "CACHEDIR.TAG").is_file()
    assert run("git", "status", "--porcelain").stdout.strip() == ""
