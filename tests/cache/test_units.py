"""Findings stored per unit: after any edit, a cached whole-corpus run equals a cold one.

Each step edits the corpus, runs `factlint check` through the index (which
recomputes only the units the edit can change) and with --no-cache, and compares
the reports byte for byte in several formats. Each step also checks that the edit
did what it was meant to (a finding appeared or went away) and that the cached run
really was incremental, so that neither a no-op edit nor a silent full
recomputation could make the comparison pass.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factlint.cache.store import CACHE_DIR_NAME, DB_NAME
from factlint.check import CheckOptions, run_check
from factlint.report import render
from factlint.report.output import report_bytes
from factlint.rules.units import UnitEngine
from tests.cache.corpuskit import write_corpus

FORMATS = ("json", "sarif", "junit", "concise", "full")

FRONT = "---\ntitle: {title}\ndate: {date}\n---\n"
ARTICLES = {
    "a.md": FRONT.format(title="Shenzhen builds out 5G", date="2022-12-09")
    + "Shenzhen had 51,000 5G base stations at the end of 2021, the city's industry bureau said.\n",
    "b.md": FRONT.format(title="A 5G milestone", date="2022-12-20")
    + "Shenzhen had 46,000 5G base stations at the end of 2021, according to the city's industry bureau.\n",
    "c.md": FRONT.format(title="Stations per head", date="2023-01-05")
    + "Shenzhen had 51,000 5G base stations at the end of 2021, or 28.5 stations for every 10,000 people, "
      "the bureau said.\n",
    "d.md": FRONT.format(title="Shenzhen population", date="2022-03-01")
    + "Shenzhen had 13.5 million permanent residents at the end of 2021.\n",  # no source: FL401
    "e.md": FRONT.format(title="Thai digital economy", date="2022-03-01")
    + "Thailand's digital economy accounted for 120 percent of GDP in 2021.\n",
}
CONFLICTING = "\nShenzhen had 60,000 5G base stations at the end of 2021, the bureau said.\n"


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch) -> Path:
    return write_corpus(tmp_path, monkeypatch, ARTICLES)


class Spy:
    """Which way the unit engine computed the last cached run: everything, or an update."""

    def __init__(self, monkeypatch):
        self.calls: list[str] = []
        for name in ("compute_all", "update"):
            real = getattr(UnitEngine, name)
            monkeypatch.setattr(UnitEngine, name, self._spying(name, real))

    def _spying(self, name, real):
        def spied(engine, *args, **kwargs):
            self.calls.append(name)
            return real(engine, *args, **kwargs)

        return spied

    def take(self) -> list[str]:
        calls, self.calls = self.calls, []
        return calls


def reports(corpus: Path, use_cache: bool, jobs: int = 1) -> dict[str, str]:
    """Each format from a run of its own, as the command line makes it: findings read from
    the index keep their claims encoded until the report needs them."""
    out = {}
    for fmt in FORMATS:
        result = run_check([corpus], options=CheckOptions(jobs=jobs, use_cache=use_cache, complete=False))
        out[fmt] = render(result, fmt)
        assert report_bytes(result, fmt) == out[fmt].encode("utf-8")
    return out


def findings(report: dict[str, str]) -> list[str]:
    """'path rule' of each finding, from the concise report."""
    lines = [line for line in report["concise"].splitlines() if ": FL" in line]
    return [f"{line.split(':')[0]} {line.split(' ')[1]}" for line in lines]


def same_as_cold(corpus: Path, spy: Spy, expect: list[str]) -> dict[str, str]:
    cached = reports(corpus, use_cache=True)
    assert spy.take() == expect  # in the first format's run; the others find everything stored
    cold = reports(corpus, use_cache=False)
    spy.take()
    for fmt in FORMATS:
        assert cached[fmt] == cold[fmt], f"{fmt} differs from a cold run"
    return cached


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_starting_point(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    report = same_as_cold(corpus, spy, ["compute_all"])
    assert findings(report) == ["corpus/b.md FL101", "corpus/c.md FL101", "corpus/c.md FL302",
                                "corpus/d.md FL401", "corpus/e.md FL401", "corpus/e.md FL601"]
    assert same_as_cold(corpus, spy, []) == report  # nothing changed: nothing computed


def test_adding_changing_and_removing_a_conflicting_figure(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    before = same_as_cold(corpus, spy, ["compute_all"])
    e = corpus / "e.md"
    e.write_text(e.read_text(encoding="utf-8") + CONFLICTING, encoding="utf-8")
    added = same_as_cold(corpus, spy, ["update"])
    # e.md is the oldest story: the findings stand on the three later ones it contradicts.
    assert added["concise"].count("60,000 5G base stations (corpus/e.md:7) disagree") == 3
    assert len(findings(added)) == len(findings(before)) + 3

    edit(e, "60,000", "51,000")  # now it agrees with a.md and c.md, and still not with b.md
    changed = same_as_cold(corpus, spy, ["update"])
    assert "60,000" not in changed["concise"]
    assert changed["concise"].count("(corpus/e.md:7)") == 1
    assert "46,000 5G base stations (corpus/b.md:5) and 51,000 5G base stations (corpus/e.md:7)" \
        in changed["concise"]

    e.write_text(ARTICLES["e.md"], encoding="utf-8")
    removed = same_as_cold(corpus, spy, ["update"])
    assert findings(removed) == findings(before)
    assert "corpus/e.md:7" not in removed["concise"]


def test_deleting_and_adding_files(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    same_as_cold(corpus, spy, ["compute_all"])
    (corpus / "b.md").unlink()
    without_b = same_as_cold(corpus, spy, ["update"])
    assert not any(f.endswith("FL101") for f in findings(without_b))
    assert "Found 4 findings" in without_b["concise"] and "in 4 files" in without_b["concise"]

    (corpus / "f.md").write_text(FRONT.format(title="Analysts count masts", date="2023-02-01")
                                 + "Shenzhen had 40,000 5G base stations at the end of 2021, an analyst said.\n",
                                 encoding="utf-8")
    with_f = same_as_cold(corpus, spy, ["update"])
    assert [f for f in findings(with_f) if f.endswith("FL101")] == ["corpus/f.md FL101", "corpus/f.md FL101"]


def test_population_claims_elsewhere_are_followed(corpus: Path, monkeypatch) -> None:
    """c.md's rate is checked against d.md's population: editing d.md alone changes c.md's findings."""
    spy = Spy(monkeypatch)
    before = same_as_cold(corpus, spy, ["compute_all"])
    assert "corpus/c.md FL302" in findings(before)
    edit(corpus / "d.md", "13.5 million", "17.9 million")
    after = same_as_cold(corpus, spy, ["update"])
    assert "corpus/c.md FL302" not in findings(after)
    edit(corpus / "d.md", "17.9 million", "12 million")
    again = same_as_cold(corpus, spy, ["update"])
    assert "12 million permanent residents (corpus/d.md:5) gives 12 million" in again["concise"]
    edit(corpus / "c.md", "28.5 stations", "29.5 stations")  # the rate's document, against d.md's claim
    rate = same_as_cold(corpus, spy, ["update"])
    assert "implies 17.3 million people, but 12 million" in rate["concise"]
    assert findings(rate).count("corpus/d.md FL401") == 1


def test_suppressions_follow_edits(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    same_as_cold(corpus, spy, ["compute_all"])
    edit(corpus / "b.md", "Shenzhen had 46,000", "<!-- factlint-ignore FL101 -->\nShenzhen had 46,000")
    suppressed = same_as_cold(corpus, spy, ["update"])
    assert "corpus/b.md FL101" not in findings(suppressed)
    edit(corpus / "b.md", "46,000", "51,000")  # nothing left to suppress there
    unused = same_as_cold(corpus, spy, ["update"])
    assert "corpus/b.md FL901" in findings(unused) and "corpus/c.md FL101" not in findings(unused)


def test_changed_settings_are_computed_afresh(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    same_as_cold(corpus, spy, ["compute_all"])
    (corpus / "factlint.yaml").write_text("fail-level: warning\nseverity: {FL101: warning}\nignore: [FL401]\n",
                                          encoding="utf-8")
    report = same_as_cold(corpus, spy, ["compute_all"])
    assert "FL101 [warning]" in report["concise"] and "FL401" not in report["concise"]
    (corpus / "factlint.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    back = same_as_cold(corpus, spy, [])  # the first settings' findings are still stored
    assert "FL101 [error]" in back["concise"]


def test_jobs_and_edits_between_settings(corpus: Path, monkeypatch) -> None:
    """An edit made while the other settings were in use reaches the first settings' findings."""
    spy = Spy(monkeypatch)
    same_as_cold(corpus, spy, ["compute_all"])
    run_check([corpus], options=CheckOptions(jobs=1, select=["FL1"]))  # other settings, same index
    spy.take()
    e = corpus / "e.md"
    e.write_text(e.read_text(encoding="utf-8") + CONFLICTING, encoding="utf-8")
    run_check([corpus], options=CheckOptions(jobs=1, select=["FL1"]))  # indexes e.md's new claims
    assert spy.take() == ["update"]
    cached = reports(corpus, use_cache=True, jobs=2)
    assert spy.take() == ["update"]  # the first format's run; the others find its findings stored
    assert cached == reports(corpus, use_cache=False, jobs=2)
    assert "corpus/e.md:7" in cached["concise"]


def test_a_snapshot_changed_by_another_run_is_not_overwritten(corpus: Path, monkeypatch) -> None:
    from factlint.cache.store import ClaimIndex

    run_check([corpus], options=CheckOptions(jobs=1))
    index = ClaimIndex.open(corpus, "settings", lambda message: None)
    assert index is not None
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        sid, generation = conn.execute("SELECT id, generation FROM snapshots").fetchone()
    assert index.put_snapshot(sid, generation, b"{}", [("e:x", b"[]", b"", b"")])
    assert not index.put_snapshot(sid, generation, b"{}", [("e:y", b"[]", b"", b"")])  # read before the first write
    index.close()
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        ids = {r[0] for r in conn.execute("SELECT id FROM units WHERE snapshot = ?", (sid,))}
    assert "e:x" in ids and "e:y" not in ids


def test_the_findings_of_a_few_settings_are_kept_however_often_one_is_written(corpus: Path, monkeypatch) -> None:
    spy = Spy(monkeypatch)
    same_as_cold(corpus, spy, ["compute_all"])
    e = corpus / "e.md"
    for i in range(6):  # many writes under other settings
        e.write_text(ARTICLES["e.md"] + f"\nShenzhen had {60 + i},000 5G base stations at the end of 2021.\n",
                     encoding="utf-8")
        run_check([corpus], options=CheckOptions(jobs=1, select=["FL1"]))
    spy.take()
    cached = reports(corpus, use_cache=True)
    assert spy.take() == ["update"]  # the first settings' findings were kept, and brought up to date
    assert cached == reports(corpus, use_cache=False)


@pytest.mark.parametrize("column, same_length", [("claims", False), ("claims", True), ("report", False),
                                                 ("report", True)])
@pytest.mark.parametrize("fmt", ["json", "sarif", "concise"])
def test_damaged_stored_parts_are_computed_again(corpus: Path, capsys, column: str, same_length: bool,
                                                 fmt: str) -> None:
    before = reports(corpus, use_cache=True)
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        rows = conn.execute(f"SELECT rowid, length({column}) FROM units WHERE length({column}) > 0").fetchall()
        assert rows
        for rowid, size in rows:
            conn.execute(f"UPDATE units SET {column} = ? WHERE rowid = ?",
                         (b"x" * (size if same_length else size + 1), rowid))
    capsys.readouterr()
    result = run_check([corpus], options=CheckOptions(jobs=1, complete=fmt == "sarif"))
    assert render(result, fmt) == before[fmt]
    notices = capsys.readouterr().err
    # Damage is found where it would matter: lengths always, the claims when a report reads them,
    # each stored report object's shape always. Then everything is computed again, with a notice.
    if not same_length or column == "report" or fmt == "sarif":
        assert notices.count("\n") == 1 and "computing them again" in notices
    else:
        assert notices == ""
