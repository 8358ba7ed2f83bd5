from factlint.report import human_summary, render

from tests.report.factories import DAILY, NOW, PORTAL, make_result, shenzhen_findings


def test_one_ruff_like_line_per_finding_sorted_by_location(result):
    lines = render(result, "concise").splitlines()
    finding_lines = lines[:5]
    assert finding_lines[0] == f"{PORTAL}:6:13: FL301 [info] 55.7 percent: no source in this sentence or paragraph"
    assert finding_lines[2].startswith(f"{NOW}:6:60: FL101 [warning] Shenzhen's core digital economy share")
    assert finding_lines[3].startswith(f"{DAILY}:10:98: FL201 [error] US$128.8 billion")
    # same file: line 10 column 98 before column 120
    assert finding_lines[4].startswith(f"{DAILY}:10:120: FL101 [warning]")


def test_summary_counts_each_severity_and_ends_with_a_hint(result):
    out = render(result, "concise")
    assert "Found 5 findings (1 error, 2 warnings, 2 info) in 3 files, 14 claims; 1 file notice (listed by --format json)." in out
    assert out.rstrip().endswith("`factlint rule ID` explains a rule.")


def test_summary_counts_the_findings_shown_not_a_stale_summary(result):
    only_errors = result.model_copy(update={"findings": [f for f in result.findings if f.severity == "error"]})
    assert human_summary(only_errors).startswith("Found 1 finding (1 error) in 3 files")


def test_no_findings_says_so_without_hint(empty):
    out = render(empty, "concise")
    assert out == "No findings in 3 files, 14 claims.\n"


def test_a_message_with_a_newline_stays_on_one_line():
    finding = shenzhen_findings()[3].model_copy(update={"message": "55.7 percent:\nno source given"})
    lines = render(make_result([finding]), "concise").splitlines()
    assert lines[0].endswith("FL301 [info] 55.7 percent: no source given")


def test_plain_unless_colour_is_asked_for(result):
    assert "\x1b[" not in render(result, "concise")
    coloured = render(result, "concise", color=True)
    assert "\x1b[" in coloured
    assert "FL201" in coloured


def test_order_of_input_does_not_change_output(result, shuffled):
    assert render(result, "concise") == render(shuffled, "concise")
