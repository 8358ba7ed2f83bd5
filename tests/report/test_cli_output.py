"""End to end: `factlint check --format F -o FILE` as a CI job runs it."""

import json
import subprocess
import sys

import pytest
from junitparser import JUnitXml

DAILY = """---
title: Shenzhen shows its digital economy to visiting diplomats
date: 2022-12-09
---
Last year the added value of Shenzhen's core digital economy industries was 30.5% of the city's GDP.
"""
NOW = """---
title: Digital economy keeps Shenzhen growing
date: 2022-01-24
---
In 2021 the added value of Shenzhen's core digital economy industries was 30 percent of the city's GDP, data from the Shenzhen Municipal Industry and Information Technology Bureau showed.
"""


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "shenzhen-daily.md").write_text(DAILY, encoding="utf-8")
    (root / "now-shenzhen.md").write_text(NOW, encoding="utf-8")
    return root


def factlint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "factlint", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_report_file_gets_the_format_and_the_terminal_only_the_summary(corpus):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    run = factlint("corpus", "--no-cache", "--format", "junit", "-o", "report.xml", cwd=corpus.parent)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1 and lines[0].endswith("Report (junit) written to report.xml.")
    xml = JUnitXml.fromfile(str(corpus.parent / "report.xml"))
    cases = [case for suite in xml for case in suite]
    assert cases and all(case.name for case in cases)
    assert len({(c.classname, c.name) for c in cases}) == len(cases)
    # factlint wrote nothing into the corpus but its cache, and left no temporary file behind
    assert {p.name: p.read_bytes() for p in corpus.iterdir() if p.name in before} == before
    assert sorted(p.name for p in corpus.parent.iterdir()) == ["corpus", "report.xml"]


def test_json_output_is_byte_identical_across_runs(corpus):
    first = factlint("corpus", "--no-cache", "--format", "json", cwd=corpus.parent)
    second = factlint("corpus", "--no-cache", "--format", "json", cwd=corpus.parent)
    assert first.returncode in (0, 1), first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert {"findings", "summary"} <= set(data)
    assert data["summary"]["files"] == 2
