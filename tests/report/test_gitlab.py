import json

from factlint.report import render

from tests.report.factories import DAILY, PORTAL, make_result, shenzhen_findings

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_every_issue_has_the_fields_gitlab_requires(result):
    issues = json.loads(render(result, "gitlab"))
    assert len(issues) == 5
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"].startswith("FL")
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1


def test_severity_mapping_and_content(result):
    issues = json.loads(render(result, "gitlab"))
    by_rule = {}
    for issue in issues:
        by_rule.setdefault(issue["check_name"], []).append(issue)
    assert {i["severity"] for i in by_rule["FL201"]} == {"major"}     # error
    assert {i["severity"] for i in by_rule["FL101"]} == {"minor"}     # warning
    assert {i["severity"] for i in by_rule["FL301"]} == {"info"}      # info
    conversion = by_rule["FL201"][0]
    assert conversion["location"] == {"path": DAILY, "lines": {"begin": 10, "end": 10}}
    assert conversion["description"].startswith("FL201 (conversion): US$128.8 billion is 900 billion yuan")
    assert issues[0]["location"]["path"] == PORTAL  # sorted by location


def test_fingerprints_unique_and_stable_when_lines_move(result):
    before = [i["fingerprint"] for i in json.loads(render(result, "gitlab"))]
    assert len(set(before)) == len(before)  # both sides of the Shenzhen conflict stay separate issues
    moved = [f.model_copy(update={"line": f.line + 2, "end_line": f.end_line + 2}) for f in result.findings]
    after = [i["fingerprint"] for i in json.loads(render(result.model_copy(update={"findings": moved}), "gitlab"))]
    assert after == before


def test_identical_findings_still_get_distinct_fingerprints():
    finding = shenzhen_findings()[3]
    issues = json.loads(render(make_result([finding, finding]), "gitlab"))
    assert len({i["fingerprint"] for i in issues}) == 2


def test_empty_array_when_clean(empty):
    assert json.loads(render(empty, "gitlab")) == []


def test_deterministic(result, shuffled):
    assert render(result, "gitlab") == render(shuffled, "gitlab")
