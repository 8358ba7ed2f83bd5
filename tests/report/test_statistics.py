import json

from factlint.report import render_statistics

from tests.report.factories import make_result, shenzhen_findings


def test_counts_per_rule_most_frequent_first_then_by_id(result):
    assert render_statistics(result).splitlines() == [
        "2  FL101  conflict        [warning]",
        "2  FL301  missing-source  [info]",
        "1  FL201  conversion      [error]",
    ]


def test_json_statistics(result):
    rows = json.loads(render_statistics(result, "json"))
    assert rows == [
        {"rule": "FL101", "name": "conflict", "severity": "warning", "count": 2},
        {"rule": "FL301", "name": "missing-source", "severity": "info", "count": 2},
        {"rule": "FL201", "name": "conversion", "severity": "error", "count": 1},
    ]


def test_worst_severity_of_a_rule_is_shown_and_ids_sort_numerically():
    findings = shenzhen_findings()
    upgraded = findings[1].model_copy(update={"severity": "error"})
    numbered = findings[3].model_copy(update={"rule": "FL1001", "name": "house-style"})
    text = render_statistics(make_result([findings[0], upgraded, findings[2], numbered]))
    assert text.splitlines() == [
        "2  FL101   conflict     [error]",
        "1  FL201   conversion   [error]",
        "1  FL1001  house-style  [info]",
    ]


def test_nothing_to_count(empty):
    assert render_statistics(empty) == ""
    assert json.loads(render_statistics(empty, "json")) == []


def test_deterministic(result, shuffled):
    assert render_statistics(result) == render_statistics(shuffled)
