"""`factlint claims`: the claims as `factlint check` sees them, in three formats."""

import csv
import io
import json
import subprocess
import sys

from factlint.models import ClaimsOutput

ARTICLE = """Shenzhen 5G network passes milestone
Now Shenzhen | January 24, 2022

Shenzhen had built 51,000 5G base stations by the end of 2021, the city's industry bureau said on Wednesday.

Officials said more than 40 million small firms were online nationwide.
"""

FACTS = """facts:
  - entity: Shenzhen
    metric: 5G base stations
    period: "2021-12-31"
    value: 51000
    unit: count
    source: "Shenzhen Municipal Industry and Information Technology Bureau"
"""


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "factlint", "claims", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def make_corpus(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "sz-5g.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.txt").write_text("Shenzhen had nearly 50,000 5G base stations.\n")
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "factlint.yaml").write_text("exclude: [drafts/]\nreference: [facts.yaml]\n", encoding="utf-8")


def test_json_claims_follow_the_schema_honour_excludes_and_show_verification(tmp_path):
    make_corpus(tmp_path)
    done = run(".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    claims = ClaimsOutput.model_validate_json(done.stdout).claims
    assert {c.path for c in claims} == {"news/sz-5g.txt"}, "the excluded draft must not be read"
    stations = next(c for c in claims if c.text.startswith("51,000"))
    assert (stations.line, stations.column) == (4, ARTICLE.splitlines()[3].index("51,000") + 1)
    assert stations.entity == "Shenzhen" and stations.unit == "count" and stations.value == 51000
    assert stations.period is not None and stations.period.end.isoformat() == "2021-12-31"
    assert stations.verified_by and "Industry and Information Technology Bureau" in stations.verified_by
    firms = next(c for c in claims if "40 million" in c.text)
    assert firms.verified_by is None and firms.low == 40_000_000 and firms.high is None


def test_csv_and_table_show_the_same_claims(tmp_path):
    make_corpus(tmp_path)
    as_csv = run("news", "--format", "csv", "--no-cache", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    as_json = json.loads(run("news", "--format", "json", "--no-cache", cwd=tmp_path).stdout)["claims"]
    assert [r["text"] for r in rows] == [c["text"] for c in as_json]
    table = run("news", "--no-cache", cwd=tmp_path)
    assert table.returncode == 0
    assert "51,000" in table.stdout and f"{len(rows)} claim(s)" in table.stdout
    assert "\x1b[" not in table.stdout, "no colour codes when stdout is not a terminal"


def test_output_file_is_written_and_a_missing_path_is_a_usage_error(tmp_path):
    make_corpus(tmp_path)
    done = run("news", "--format", "json", "-o", "claims.json", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads((tmp_path / "claims.json").read_text())["claims"]
    missing = run("nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nowhere" in missing.stderr and "Traceback" not in missing.stderr
