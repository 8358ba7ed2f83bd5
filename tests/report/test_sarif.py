import json

import pytest

from factlint.report import render

from tests.report.factories import DAILY, NOW, PORTAL, SCHEMAS, make_result, shenzhen_findings

SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"


def sarif(result) -> dict:
    return json.loads(render(result, "sarif"))


@pytest.mark.skipif(not SCHEMA.is_file(), reason="shared SARIF schema folder is absent")
@pytest.mark.parametrize("which", ["result", "empty"])
def test_valid_against_the_official_sarif_schema(which, request):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(sarif(request.getfixturevalue(which)))]
    assert errors == []


def test_driver_lists_rules_with_descriptions_help_and_level(result):
    log = sarif(result)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "factlint" and driver["version"] and "informationUri" not in driver  # no published home page to point at
    rules = {r["id"]: r for r in driver["rules"]}
    assert list(rules) == ["FL101", "FL201", "FL301", "FL501"]
    conflict = rules["FL101"]
    assert conflict["name"] == "conflict"
    assert conflict["shortDescription"]["text"] == ("Two claims about the same entity, metric and period state "
                                                    "values that cannot both be true.")
    assert conflict["fullDescription"]["text"].endswith("the intervals their wording allows.")
    assert "factlint rule FL101" in conflict["help"]["text"]
    assert conflict["defaultConfiguration"]["level"] == "error"
    assert rules["FL301"]["defaultConfiguration"]["level"] == "note"


def test_results_point_at_repo_relative_regions_with_levels(result):
    run = sarif(result)["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == 5
    for r in results:
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
    conversion = next(r for r in results if r["ruleId"] == "FL201")
    assert conversion["level"] == "error"
    assert conversion["message"]["text"].startswith("US$128.8 billion is 900 billion yuan at 6.99 CNY/USD")
    location = conversion["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": DAILY, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 10, "startColumn": 98, "endLine": 10, "endColumn": 114}
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_other_claims_become_related_locations_linked_from_the_message(result):
    results = sarif(result)["runs"][0]["results"]
    conflict = next(r for r in results if r["ruleId"] == "FL101" and
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == DAILY)
    related = conflict["relatedLocations"]
    assert len(related) == 1
    assert related[0]["id"] == 1
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == NOW
    assert related[0]["physicalLocation"]["region"]["startLine"] == 6
    assert "Shenzhen Municipal Industry and Information Technology Bureau" in related[0]["message"]["text"]
    assert f"[{NOW}:6:60](1)" in conflict["message"]["text"]
    assert conflict["properties"] == {"subject": "Shenzhen · core digital economy industries added value · "
                                                 "share of GDP · 2021", "outcome": "rounding"}


def test_fingerprints_unique_per_result_and_stable_when_lines_move(result):
    def prints(res):
        return [r["partialFingerprints"]["factlint/v1"] for r in sarif(res)["runs"][0]["results"]]

    before = prints(result)
    assert len(set(before)) == 5  # the two sides of one conflict do not collide
    moved = [f.model_copy(update={"line": f.line + 3, "end_line": f.end_line + 3}) for f in result.findings]
    assert prints(result.model_copy(update={"findings": moved})) == before


def test_paths_are_percent_encoded_uris_and_absolute_paths_become_file_uris():
    finding = shenzhen_findings()[3]
    spaced = finding.model_copy(update={"path": "corpus/belt and road/portal #1.md", "claims": [], "related": []})
    absolute = finding.model_copy(update={"path": "/srv/archive/portal.md", "claims": [], "related": []})
    windows = finding.model_copy(update={"path": "corpus\\web\\5g.html", "claims": [], "related": []})
    drive = finding.model_copy(update={"path": "C:\\archive\\portal.md", "claims": [], "related": []})
    results = sarif(make_result([spaced, absolute, windows, drive]))["runs"][0]["results"]
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    assert uris == ["corpus/belt%20and%20road/portal%20%231.md", "corpus/web/5g.html", "file:///C:/archive/portal.md",
                    "file:///srv/archive/portal.md"]


def test_a_rule_missing_from_the_rule_list_still_gets_a_descriptor(result):
    only_some = result.model_copy(update={"rules": [r for r in result.rules if r.id != "FL301"]})
    run = sarif(only_some)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "FL301" in ids
    for r in run["results"]:
        assert ids[r["ruleIndex"]] == r["ruleId"]


def test_notices_become_tool_notifications_and_no_run_times(result):
    text = render(result, "sarif")
    invocation = json.loads(text)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "binary file skipped"
    assert "TimeUtc" not in text


def test_deterministic_whatever_the_input_order(result, shuffled):
    assert render(result, "sarif") == render(shuffled, "sarif")


def test_no_findings_is_an_empty_result_list(empty):
    assert sarif(empty)["runs"][0]["results"] == []


def test_region_never_invalid_for_a_file_level_finding():
    finding = shenzhen_findings()[3].model_copy(update={"path": PORTAL, "line": 0, "column": 0, "end_line": 0,
                                                         "end_column": 0, "claims": [], "related": []})
    region = sarif(make_result([finding]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
