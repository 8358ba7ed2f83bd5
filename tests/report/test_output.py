"""Delivering a report: terminal output, the -o file, and the registry of formats."""

import io
import json
import os

import pytest

from factlint.errors import FactlintError
from factlint.report import FORMATS, render
from factlint.report.output import emit


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_registry_has_every_format():
    assert set(FORMATS) == {"concise", "full", "json", "json-lines", "junit", "sarif", "github", "gitlab"}


def test_unknown_format_is_a_one_line_usage_error(result):
    with pytest.raises(FactlintError, match="unknown output format 'xml'; choose one of: concise, full"):
        render(result, "xml")


def test_colour_is_ignored_by_machine_formats(result):
    assert render(result, "sarif", color=True) == render(result, "sarif")


def test_output_file_gets_the_format_and_the_terminal_the_summary(result, tmp_path):
    target = tmp_path / "factlint.sarif"
    terminal = io.StringIO()
    emit(result, "sarif", output=target, stream=terminal)
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert target.read_text(encoding="utf-8") == render(result, "sarif")
    assert terminal.getvalue() == (f"Found 5 findings (1 error, 2 warnings, 2 info) in 3 files, 14 claims; "
                                   f"1 file notice (listed by --format json). Report (sarif) written to {target}.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["factlint.sarif"]  # no temporary file left


def test_output_file_replaces_an_old_report_and_never_gets_colour(result, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    target = tmp_path / "report.txt"
    target.write_text("old report\n", encoding="utf-8")
    emit(result, "full", output=target, stream=Terminal())
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "old report" not in text
    assert text == render(result, "full")


def test_failed_write_keeps_the_previous_file_and_says_why(result, tmp_path):
    missing = tmp_path / "no-such-folder" / "report.xml"
    with pytest.raises(FactlintError, match="cannot write"):
        emit(result, "junit", output=missing, stream=io.StringIO())
    assert not missing.parent.exists()


def test_colour_only_on_a_terminal(result, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    piped, tty = io.StringIO(), Terminal()
    emit(result, "concise", stream=piped)
    emit(result, "concise", stream=tty)
    assert "\x1b[" not in piped.getvalue()
    assert "\x1b[" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    no_colour = Terminal()
    emit(result, "concise", stream=no_colour)
    assert no_colour.getvalue() == piped.getvalue()


def test_statistics_replace_the_finding_list(result):
    terminal = io.StringIO()
    emit(result, "concise", statistics=True, stream=terminal)
    lines = terminal.getvalue().splitlines()
    assert lines[0] == "2  FL101  conflict        [warning]"
    assert lines[-1].startswith("Found 5 findings")
    as_json = io.StringIO()
    emit(result, "json", statistics=True, stream=as_json)
    assert json.loads(as_json.getvalue())[0]["count"] == 2


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_report_file_gets_ordinary_permissions(result, tmp_path):
    target = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        emit(result, "json", output=target, stream=io.StringIO())
    finally:
        os.umask(old)
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_file_notices_of_warning_level_go_to_stderr_in_any_format(result):
    from factlint.models import IngestNotice

    notices = result.notices + [IngestNotice(path="corpus/broken.html", level="warning",
                                             message="invalid UTF-8 at byte 112; decoded as cp1252")]
    out, err = io.StringIO(), io.StringIO()
    emit(result.model_copy(update={"notices": notices}), "sarif", stream=out, errors=err)
    assert err.getvalue() == "corpus/broken.html: warning: invalid UTF-8 at byte 112; decoded as cp1252\n"
    assert json.loads(out.getvalue())["version"] == "2.1.0"
