"""JUnit output, read back with junitparser and validated against the Jenkins xUnit XSD."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from junitparser import Failure, JUnitXml

from factlint.report import render

from tests.report.factories import DAILY, NOW, SCHEMAS, make_result, shenzhen_findings

XSD = SCHEMAS / "junit.xsd"


def parse(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text.encode("utf-8"))


def cases(xml: JUnitXml):
    return [case for suite in xml for case in suite]


def test_one_failing_testcase_per_finding_grouped_by_rule(result):
    xml = parse(render(result, "junit"))
    suites = list(xml)
    assert [s.name for s in suites] == ["FL101 conflict", "FL201 conversion", "FL301 missing-source"]
    assert [s.tests for s in suites] == [2, 1, 2]
    assert [s.failures for s in suites] == [2, 1, 2]
    assert all(s.errors == 0 and s.skipped == 0 for s in suites)
    root = ET.fromstring(render(result, "junit"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "5", "0")
    for case in cases(xml):
        assert len(case.result) == 1 and isinstance(case.result[0], Failure)


def test_names_carry_rule_and_location_and_classname_has_no_dots(result):
    names = [(c.classname, c.name) for c in cases(parse(render(result, "junit")))]
    assert ("FL101 conflict", f"FL101 {DAILY}:10:120") in names
    assert ("FL101 conflict", f"FL101 {NOW}:6:60") in names
    assert len(set(names)) == len(names)
    assert all("." not in classname for classname, _ in names)


def test_file_and_line_attributes_and_full_failure_text(result):
    root = ET.fromstring(render(result, "junit"))
    case = root.find(f".//testcase[@name='FL101 {DAILY}:10:120']")
    assert case.get("file") == DAILY and case.get("line") == "10"
    failure = case.find("failure")
    assert failure.get("type") == "FL101"
    assert failure.get("message").startswith("Shenzhen's core digital economy share of GDP for 2021 is 30.5%")
    text = failure.text
    assert "subject: Shenzhen · core digital economy industries added value · share of GDP · 2021" in text
    assert "agree only if rounded" in text
    assert f"{NOW}:6:60" in text and "Shenzhen Municipal Industry and Information Technology Bureau" in text


def test_same_rule_at_the_same_place_twice_keeps_both_cases():
    """A claim that conflicts with two others: GitLab would drop a duplicate name."""
    first = shenzhen_findings()[0]
    second = first.model_copy(update={"message": first.message.replace("30 percent in", "31 percent in"),
                                      "fingerprint": "other-pair"})
    xml = parse(render(make_result([first, second]), "junit"))
    names = [c.name for c in cases(xml)]
    assert names == [f"FL101 {DAILY}:10:120", f"FL101 {DAILY}:10:120 (2)"]


def test_no_findings_gives_one_passing_testcase(empty):
    xml = parse(render(empty, "junit"))
    all_cases = cases(xml)
    assert len(all_cases) == 1
    assert all_cases[0].is_passed
    assert all_cases[0].classname == "factlint"
    suite = list(xml)[0]
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (1, 0, 0, 0)


def test_characters_xml_cannot_hold_are_replaced():
    finding = shenzhen_findings()[3]
    finding = finding.model_copy(update={"message": "55.7 percent\x0b: no source \x00here <b>&</b>"})
    text = render(make_result([finding]), "junit")
    case = cases(parse(text))[0]
    assert case.result[0].message == "55.7 percent\ufffd: no source \ufffdhere <b>&</b>"


def test_deterministic_whatever_the_input_order(result, shuffled):
    assert render(result, "junit") == render(shuffled, "junit")
    assert 'time="0"' in render(result, "junit")


def strip_file_and_line(text: str) -> str:
    """The XSD predates the testcase file/line attributes GitLab reads; validate the rest."""
    root = ET.fromstring(text)
    for case in root.iter("testcase"):
        case.attrib.pop("file", None)
        case.attrib.pop("line", None)
    return ET.tostring(root, encoding="unicode")


@pytest.mark.skipif(not XSD.is_file(), reason="shared JUnit schema folder is absent")
@pytest.mark.parametrize("which", ["result", "empty"])
def test_valid_against_the_jenkins_junit_xsd_once_file_and_line_are_stripped(which, request):
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(XSD))
    text = render(request.getfixturevalue(which), "junit")
    schema.validate(io.StringIO(strip_file_and_line(text)))
    # and the unstripped report differs from the schema only by those attributes
    errors = list(schema.iter_errors(io.StringIO(text)))
    assert all(re.search(r"'(file|line)'", str(e.reason)) for e in errors)
    assert bool(errors) == (which == "result")
