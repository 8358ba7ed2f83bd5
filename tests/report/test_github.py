from factlint.report import render
from factlint.report.github import escape_data, escape_property

from tests.report.factories import DAILY, NOW, PORTAL, make_result, shenzhen_findings


def test_one_workflow_command_per_finding_with_severity_and_region(result):
    lines = render(result, "github").splitlines()
    assert len(lines) == 5
    assert lines[0] == (f"::notice file={PORTAL},line=6,endLine=6,col=13,endColumn=25,title=FL301 missing-source::"
                        "55.7 percent: no source in this sentence or paragraph")
    error = next(line for line in lines if line.startswith("::error "))
    assert f"file={DAILY},line=10,endLine=10,col=98,endColumn=114,title=FL201 conversion::" in error
    assert sum(line.startswith("::warning ") for line in lines) == 2


def test_message_escapes_percent_and_newlines_and_lists_the_other_value(result):
    lines = render(result, "github").splitlines()
    conflict = next(line for line in lines if f"file={DAILY},line=10,endLine=10,col=120" in line)
    message = conflict.split("::", 2)[2]
    assert "30.5%25 here but 30 percent" in message
    assert f"%0A{NOW}:6:60: 30 percent (2021; Shenzhen Municipal" in message
    assert "\n" not in message and "\r" not in message


def test_property_values_escape_colon_and_comma():
    finding = shenzhen_findings()[3].model_copy(update={
        "path": "corpus/notes, draft: v2%.md", "message": "55.7%: no source,\r\nsee desk notes", "claims": [], "related": []})
    line = render(make_result([finding]), "github").rstrip("\n")
    assert line.startswith("::notice file=corpus/notes%2C draft%3A v2%25.md,line=6,")
    assert line.endswith("::55.7%25: no source,%0D%0Asee desk notes")
    assert line.count("\n") == 0


def test_escape_functions():
    assert escape_data("100%\r\n: a, b") == "100%25%0D%0A: a, b"
    assert escape_property("100%\r\n: a, b") == "100%25%0D%0A%3A a%2C b"


def test_nothing_when_clean(empty):
    assert render(empty, "github") == ""


def test_deterministic(result, shuffled):
    assert render(result, "github") == render(shuffled, "github")
