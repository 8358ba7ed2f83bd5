"""`junit`: JUnit XML as Jenkins, GitLab and GitHub report actions read it.

Layout (chosen for how CI systems display and key test cases):

- one ``<testsuite>`` per rule that has findings, named ``FL101 conflict``, in
  rule order, under a ``<testsuites name="factlint">`` root;
- one ``<testcase>`` per finding, named ``FL101 corpus/a.md:12:5``. GitLab keys
  cases by classname + name and drops duplicates, so the location is in the name
  and a second finding of the same rule at the same place gets `` (2)``;
- ``classname`` is ``FL101 conflict``: Jenkins splits a classname at its last dot
  into package and class, so dots are replaced (``a.md`` would be mangled);
- ``file`` and ``line`` on the test case (GitLab, action-junit-report);
- ``<failure message=... type=rule id>`` holding the full text: the message,
  the subject, the outcome and every value with its location and source;
- no findings: a single passing test case, because Jenkins rejects a report
  without test cases ("None of the test reports contained any result").

Times are a fixed ``0`` so the same findings give byte-identical XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from factlint.models import CheckResult, Finding
from factlint.report._common import TOOL_NAME, one_line, rule_sort_key, sorted_findings
from factlint.report.full import finding_block

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, non-characters).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

NO_FINDINGS_NAME = "factlint: no findings"


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def classname(f: Finding) -> str:
    return xml_safe(f"{f.rule} {f.name}".replace(".", "_"))


def case_names(findings: list[Finding]) -> list[str]:
    """Unique per classname: ``FL101 corpus/a.md:12:5``, then `` (2)``... on a repeat."""
    seen: dict[tuple[str, str], int] = {}
    names = []
    for f in findings:
        base = xml_safe(f"{f.rule} {f.path}:{f.line}:{f.column}")
        key = (classname(f), base)
        seen[key] = seen.get(key, 0) + 1
        names.append(base if seen[key] == 1 else f"{base} ({seen[key]})")
    return names


def _counts(element: ET.Element, tests: int, failures: int, with_skipped: bool = True) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    if with_skipped:
        element.set("skipped", "0")
    element.set("time", "0")


def _testcase(parent: ET.Element, name: str, cls: str, f: Finding | None) -> None:
    case = ET.SubElement(parent, "testcase", {"name": name, "classname": cls})
    if f is None:
        case.set("time", "0")
        return
    case.set("file", xml_safe(f.path))
    case.set("line", str(f.line))
    case.set("time", "0")
    failure = ET.SubElement(case, "failure", {"message": xml_safe(one_line(f.message)), "type": xml_safe(f.rule)})
    failure.text = xml_safe(finding_block(f))


def build(result: CheckResult) -> ET.Element:
    findings = sorted(sorted_findings(result), key=lambda f: rule_sort_key(f.rule))  # stable: by location within a rule
    root = ET.Element("testsuites", {"name": TOOL_NAME})
    _counts(root, max(len(findings), 1), len(findings), with_skipped=False)
    if not findings:
        suite = ET.SubElement(root, "testsuite", {"name": TOOL_NAME})
        _counts(suite, 1, 0)
        _testcase(suite, NO_FINDINGS_NAME, TOOL_NAME, None)
        return root
    names = iter(case_names(findings))
    for rule, group in groupby(findings, key=lambda f: f.rule):
        members = list(group)
        suite = ET.SubElement(root, "testsuite", {"name": classname(members[0])})
        _counts(suite, len(members), len(members))
        for f in members:
            _testcase(suite, next(names), classname(f), f)
    return root


def render(result: CheckResult) -> str:
    root = build(result)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
