import re

from factlint.models import Location
from factlint.report import render
from factlint.report.full import finding_block

from tests.report.factories import DAILY, NOW, SUBJECT, make_result, shenzhen_findings


def block_for(out: str, header_prefix: str) -> str:
    blocks = out.split("\n\n")
    return next(b for b in blocks if b.startswith(header_prefix))


def test_conflict_names_the_subject_and_the_outcome(result):
    block = block_for(render(result, "full"), f"{DAILY}:10:120:")
    lines = block.splitlines()
    assert lines[0] == f"{DAILY}:10:120: FL101 [warning] conflict"
    assert f"  subject: {SUBJECT}" in lines
    assert "  outcome: agree only if rounded" in lines


def test_every_value_side_by_side_with_location_interval_period_and_source(result):
    block = block_for(render(result, "full"), f"{DAILY}:10:120:")
    rows = [line for line in block.splitlines() if DAILY + ":10:120" in line or NOW + ":6:60" in line]
    assert len(rows) == 3  # header line, then one row per claim
    daily_row, now_row = rows[1], rows[2]
    assert daily_row.lstrip().startswith(">")  # the finding's own claim is marked
    assert re.search(r"30\.5%\s+\[30\.45, 30\.55\] percent\s+2021\s+no source$", daily_row)
    assert re.search(r"30 percent\s+\[29\.5, 30\.5\] percent\s+2021\s+"
                     r"Shenzhen Municipal Industry and Information Technology Bureau$", now_row)
    # columns line up: the "as written" cells start at the same place
    assert daily_row.index("30.5%") == now_row.index("30 percent")
    header = block.splitlines()[4]
    assert header.split() == ["location", "as", "written", "interval", "period", "source"]


def test_open_interval_and_large_currency_values_read_naturally(result):
    block = block_for(render(result, "full"), f"{DAILY}:10:98:")
    assert "outcome: conversion does not match the exchange rate" in block
    assert "passed 900 billion yuan" in block
    assert "(900 billion, inf) CNY" in block
    assert "[128.75 billion, 128.85 billion] USD" in block


def test_related_location_without_a_claim_is_listed_as_see_also():
    finding = shenzhen_findings()[3]
    fact = Location(path="reference/facts.yaml", line=4, column=3, end_line=4, end_column=20,
                    note="reference fact: 55.2 percent")
    out = finding_block(finding.model_copy(update={"related": [fact]}))
    assert "  see also: reference/facts.yaml:4:3 reference fact: 55.2 percent" in out.splitlines()


def test_ends_with_the_summary_and_has_no_escape_codes(result):
    out = render(result, "full")
    assert "\x1b[" not in out
    assert out.splitlines()[-1].startswith("Found 5 findings (1 error, 2 warnings, 2 info)")
    assert "--format full" not in out       # no hint to ask for what is shown


def test_colour_only_when_asked(result):
    coloured = render(result, "full", color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(result, "full")


def test_no_findings(empty):
    assert render(empty, "full") == "No findings in 3 files, 14 claims.\n"


def test_unresolved_period_and_missing_claims_are_shown_plainly():
    finding = shenzhen_findings()[4]
    claim = finding.claims[0].model_copy(update={"period": finding.claims[0].period.model_copy(
        update={"resolved": False, "text": "currently", "start": None, "end": None})})
    out = render(make_result([finding.model_copy(update={"claims": [claim]})]), "full")
    assert "unresolved (currently)" in out
    bare = finding.model_copy(update={"claims": [], "related": [], "subject": None, "outcome": None})
    out = render(make_result([bare]), "full")
    assert "subject:" not in out and "location" not in out
    assert "6.6ZB: no source in this sentence or paragraph" in out


def test_a_subject_with_nothing_known_is_not_shown():
    finding = shenzhen_findings()[4].model_copy(update={"subject": "? · ? · no period"})
    assert "subject:" not in finding_block(finding)
    partly = finding.model_copy(update={"subject": "China · ? · no period"})
    assert "  subject: China · ? · no period" in finding_block(partly).splitlines()
