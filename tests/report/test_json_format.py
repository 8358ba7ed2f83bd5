import json

import pytest

from factlint.models import CheckResult, Finding
from factlint.report import render

from tests.report.factories import DAILY, NOW, make_result, shenzhen_findings

REQUIRED = ["rule", "name", "severity", "path", "line", "column", "end_line", "end_column", "message", "outcome",
            "subject", "claims", "related", "fingerprint"]


def test_findings_and_summary_with_every_required_field(result):
    data = json.loads(render(result, "json"))
    assert list(data) == ["findings", "summary", "notices"]
    assert len(data["findings"]) == 5
    for finding in data["findings"]:
        assert list(finding) == REQUIRED
    assert data["summary"] == {"files": 3, "claims": 14, "findings": 5,
                               "by_severity": {"error": 1, "warning": 2, "info": 2},
                               "by_rule": {"FL101": 2, "FL201": 1, "FL301": 2}}
    assert data["notices"] == [{"path": "corpus/photo-caption.jpg", "level": "info",
                                "message": "binary file skipped"}]


def test_conflict_carries_both_full_claims_and_the_other_location(result):
    data = json.loads(render(result, "json"))
    conflict = next(f for f in data["findings"] if f["rule"] == "FL101" and f["path"] == DAILY)
    assert conflict["outcome"] == "rounding"
    assert conflict["subject"].startswith("Shenzhen · core digital economy")
    assert [c["text"] for c in conflict["claims"]] == ["30.5%", "30 percent"]
    assert conflict["claims"][1]["source"] == "Shenzhen Municipal Industry and Information Technology Bureau"
    assert conflict["claims"][0]["period"]["start"] == "2021-01-01"
    assert conflict["related"] == [{"path": NOW, "line": 6, "column": 60, "end_line": 6, "end_column": 70,
                                    "text": "30 percent", "note": None}]


def test_round_trips_through_the_models(result):
    back = CheckResult.model_validate_json(render(result, "json"))
    assert sorted(back.findings, key=lambda f: (f.path, f.line, f.column)) == \
        sorted(result.findings, key=lambda f: (f.path, f.line, f.column))
    assert back.notices == result.notices
    assert back.summary.by_rule == {"FL101": 2, "FL201": 1, "FL301": 2}


def test_deterministic_whatever_the_input_order(result, shuffled):
    first = render(result, "json")
    assert first == render(result, "json")
    assert first == render(shuffled, "json")


def test_summary_keys_are_ordered_even_if_the_checker_counted_in_another_order(result):
    stale = result.model_copy(update={"summary": result.summary.model_copy(
        update={"by_rule": {"FL301": 2, "FL101": 2, "FL201": 1}})})
    assert render(stale, "json") == render(result, "json")


def test_no_findings(empty):
    data = json.loads(render(empty, "json"))
    assert data["findings"] == []
    assert data["summary"]["findings"] == 0
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 0, "info": 0}


def test_non_finite_values_still_give_valid_json():
    finding = shenzhen_findings()[4]
    huge = finding.claims[0].model_copy(update={"value": float("inf"), "high": None})
    out = render(make_result([finding.model_copy(update={"claims": [huge]})]), "json")
    assert json.loads(out)["findings"][0]["claims"][0]["value"] is None


def test_json_lines_one_finding_per_line(result, shuffled):
    out = render(result, "json-lines")
    lines = out.splitlines()
    assert len(lines) == 5 and out.endswith("\n")
    findings = [Finding.model_validate_json(line) for line in lines]
    assert findings == sorted(result.findings, key=lambda f: (f.path, f.line, f.column))
    assert out == render(shuffled, "json-lines")


def test_json_lines_empty_when_clean(empty):
    assert render(empty, "json-lines") == ""


# The fast encoder against pydantic's ------------------------------------------------------

def _odd_claim(**update):
    import datetime as dt

    from factlint.models import Claim, Period

    values = dict(id="corpus/a.md:0", path="corpus/a.md", line=1, column=1, end_line=1, end_column=5, offset=0,
                  end_offset=4, text="x\u0000\u001f\u007f\u2028 é 中文 \"\\ \t\n\r\b\f😀", sentence="s", value=5,
                  unit="count", dimension="count", low=float("-inf"), high=float("nan"), rate_base=10000,
                  period=Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), text="2021"))
    values.update(update)
    return Claim.model_construct(**values)


def _with_claims(result, *claims):
    first = result.findings[0]
    odd = first.model_copy(update={"claims": list(claims), "message": "ümlaut \u0007 bell", "related": []})
    return result.model_copy(update={"findings": result.findings + [odd]})


def test_the_fast_encoder_writes_what_pydantic_writes(result, empty):
    from factlint.report.json_format import reference_bytes, render_bytes, report_model

    odd = _with_claims(result, _odd_claim(), _odd_claim(value=1e21, low=1.5e-7, high=0.1 + 0.2, rate_base=None),
                       _odd_claim(value=-0.0, low=123456789012345.6, high=None, period=None))
    for r in (result, empty, odd):
        assert render_bytes(r) == reference_bytes(report_model(r))
    assert b'"value": 5.0,' in render_bytes(odd)  # an int where the model says float


def test_what_the_fast_encoder_refuses_goes_through_pydantic(result):
    from factlint.report.json_format import reference_bytes, render_bytes, report_model

    odd = _with_claims(result, _odd_claim(text="lone \udc80 surrogate"))
    try:
        expected = reference_bytes(report_model(odd))
    except Exception as exc:  # pydantic refuses it too: so must we
        with pytest.raises(type(exc)):
            render_bytes(odd)
    else:
        assert render_bytes(odd) == expected
