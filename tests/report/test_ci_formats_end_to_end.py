"""End to end: `factlint check` on the sample corpus in every CI format, read back as CI reads it.

The SARIF is validated against the official SARIF 2.1.0 schema and the JUnit XML against the
Jenkins xUnit XSD, both from ../shared/schemas (published standards, not copied into this
repository; the validations skip where that folder is absent, as the README there asks).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from junitparser import Failure, JUnitXml

from tests.cli.test_check_cmd import run_cli
from tests.cli.test_side_effects import copy_corpus
from tests.report.factories import SCHEMAS

SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
JUNIT_XSD = SCHEMAS / "junit.xsd"
FORMATS = ["concise", "full", "json", "json-lines", "junit", "sarif", "github", "gitlab"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    return copy_corpus(tmp_path_factory.mktemp("ci"))


@pytest.fixture
def check(desk, capsys, monkeypatch):
    """`factlint check . ARGS` in the corpus copy, through the claim index (the first run fills it)."""
    def run(*args):
        return run_cli(["check", ".", "--quiet", *args], capsys, monkeypatch, cwd=desk)
    return run


def findings(check) -> list[dict]:
    code, out, _ = check("--format", "json")
    assert code == 1
    return json.loads(out)["findings"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_o_writes_exactly_the_report_and_the_terminal_keeps_the_summary(check, desk, fmt):
    code, printed, _ = check("--format", fmt)
    assert code == 1 and printed
    target = desk.parent / f"report-{fmt}.out"
    code, summary, err = check("--format", fmt, "-o", str(target))
    assert code == 1 and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == printed
    found = next(line for line in check("--format", "concise")[1].splitlines() if line.startswith("Found "))
    assert re.fullmatch(r"Found \d+ findings \(\d+ errors, \d+ warnings, \d+ info\) in 12 files, \d+ claims\.", found)
    assert summary == f"{found} Report ({fmt}) written to {target}.\n"


def test_sarif_has_what_github_code_scanning_requires_and_matches_the_schema(check, desk):
    code, out, _ = check("--format", "sarif")
    log = json.loads(out)
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)] == []
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "factlint"
    for rule in rules:
        assert re.fullmatch(r"FL\d{3}", rule["id"])
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
    expected = findings(check)
    assert len(run["results"]) == len(expected) >= 10
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not uri.startswith(("/", "file:")) and (desk / uri).is_file(), uri  # repo-relative
        region = location["region"]
        assert all(isinstance(region[k], int) and region[k] >= 1
                   for k in ("startLine", "startColumn", "endLine", "endColumn"))
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["factlint/v1"])
    prints = [r["partialFingerprints"]["factlint/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprints_survive_lines_moving_in_the_article(check, desk):
    def prints():
        log = json.loads(check("--format", "sarif")[1])
        return {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]):
                r["partialFingerprints"]["factlint/v1"] for r in log["runs"][0]["results"]
                if r["ruleId"] != "FL901"}

    article = desk / "2023-05-16-shenzhen-economy-2022.md"
    original = article.read_text(encoding="utf-8")
    before = prints()
    head, sep, body = original.partition("\n---\n")
    article.write_text(head + sep + "\n\n\n" + body, encoding="utf-8")  # three lines pushed down
    try:
        moved = json.loads(check("--format", "json")[1])["findings"]
        after = prints()
    finally:
        article.write_text(original, encoding="utf-8")
    lines = {f["line"] for f in moved if f["path"] == article.name}
    assert lines and before == after


def junit_text(check) -> str:
    code, out, _ = check("--format", "junit")
    return out


def test_junit_one_named_testcase_per_finding_with_file_line_and_the_full_message(check):
    text = junit_text(check)
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    cases = [case for suite in xml for case in suite]
    expected = findings(check)
    assert len(cases) == len(expected) >= 10
    assert len({(c.classname, c.name) for c in cases}) == len(cases)  # GitLab keeps them all
    by_name = {c.name: c for c in cases}
    root = ET.fromstring(text)
    for f in expected:
        name = f"{f['rule']} {f['path']}:{f['line']}:{f['column']}"
        case = by_name.get(name) or by_name[name + " (2)"]
        assert case.classname.startswith(f["rule"] + " ") and "." not in case.classname
        element = root.find(f".//testcase[@name='{case.name}']")
        assert element.get("file") == f["path"] and element.get("line") == str(f["line"])
        failure = case.result[0]
        assert isinstance(failure, Failure) and failure.type == f["rule"]
        assert f["message"] in failure.text  # the full message, not only the attribute
    if JUNIT_XSD.is_file():
        xmlschema = pytest.importorskip("xmlschema")
        schema = xmlschema.XMLSchema(str(JUNIT_XSD))
        for element in root.iter("testcase"):
            element.attrib.pop("file", None)
            element.attrib.pop("line", None)
        schema.validate(io.StringIO(ET.tostring(root, encoding="unicode")))  # the rest is what Jenkins reads


def test_junit_for_a_clean_corpus_is_one_passing_testcase_valid_as_it_is(tmp_path, capsys, monkeypatch):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.md").write_text("---\ndate: 2022-01-24\n---\nShenzhen had 51,000 5G base stations at the end of "
                                "2021, the city's industry bureau said.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "clean", "--no-cache", "--format", "junit"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 0
    cases = [case for suite in JUnitXml.fromstring(out.encode("utf-8")) for case in suite]
    assert len(cases) == 1 and cases[0].is_passed
    if JUNIT_XSD.is_file():
        xmlschema = pytest.importorskip("xmlschema")
        xmlschema.XMLSchema(str(JUNIT_XSD)).validate(io.StringIO(out))


def test_gitlab_code_quality_has_every_field_gitlab_requires(check, desk):
    issues = json.loads(check("--format", "gitlab")[1])
    assert len(issues) == len(findings(check)) >= 10
    for issue in issues:
        assert issue["description"].startswith(issue["check_name"] + " (")
        assert re.fullmatch(r"FL\d{3}", issue["check_name"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert (desk / issue["location"]["path"]).is_file()
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_github_one_workflow_command_per_finding(check, desk):
    lines = check("--format", "github")[1].splitlines()
    expected = findings(check)
    assert len(lines) == len(expected)
    command = re.compile(r"::(error|warning|notice) file=([^,]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),"
                         r"title=(FL\d{3}) [a-z-]+::(.+)")
    for line, f in zip(lines, expected):
        m = command.fullmatch(line)
        assert m, line
        level = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert (m.group(1), m.group(2), int(m.group(3)), int(m.group(5)), m.group(7)) == \
            (level, f["path"], f["line"], f["column"], f["rule"])
        assert "\n" not in m.group(8)


def test_reports_of_a_folder_of_odd_files_are_valid_too(tmp_path, capsys, monkeypatch):
    """Notices (binary, undecodable, broken links) go into the SARIF run's notifications."""
    from tests.cli.test_bad_input import make_desk

    make_desk(tmp_path)
    if (tmp_path / "desk" / "o-pipe.md").exists():
        (tmp_path / "desk" / "o-pipe.md").unlink()
    code, out, _ = run_cli(["check", "desk", "--no-cache", "--format", "sarif"], capsys, monkeypatch, cwd=tmp_path)
    log = json.loads(out)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes} >= {
        "desk/g-chart.txt", "desk/d-latin1.txt", "desk/i-bad-front-matter.md"}
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        assert [e.message for e in validator.iter_errors(log)] == []
    code, out, _ = run_cli(["check", "desk", "--no-cache", "--format", "junit"], capsys, monkeypatch, cwd=tmp_path)
    cases = [c for s in JUnitXml.fromstring(out.encode("utf-8")) for c in s]
    assert len(cases) == len(log["runs"][0]["results"]) >= 4
    assert {c.name for c in cases} >= {"FL101 desk/b-utf16.txt:4:14", "FL102 desk/c-bom.md:4:58"}


def test_json_sarif_and_junit_are_byte_identical_with_any_jobs_and_from_the_index(tmp_path, monkeypatch):
    """Through the worker pool, with odd files among the articles, cold and warm."""
    from factlint import pipeline
    from factlint.check import CheckOptions, run_check
    from factlint.report import render
    from tests.cli.test_bad_input import make_desk
    from tests.test_pipeline import newswire_corpus

    monkeypatch.chdir(tmp_path)
    wire = newswire_corpus(tmp_path / "wire", pipeline.MIN_PARALLEL_FILES + 4)
    make_desk(wire)
    pools = []
    real_pool = pipeline.ProcessPoolExecutor

    def spy(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", spy)
    reports = []
    for jobs, use_cache in ((1, False), (2, False), (2, True), (1, True)):
        result = run_check([wire], options=CheckOptions(jobs=jobs, use_cache=use_cache))
        reports.append(tuple(render(result, fmt) for fmt in ("json", "sarif", "junit")))
    assert pools == [2, 2]  # the second cold run and the one that filled the index used workers
    assert json.loads(reports[0][0])["notices"] and json.loads(reports[0][0])["findings"]
    assert all(r == reports[0] for r in reports[1:])
