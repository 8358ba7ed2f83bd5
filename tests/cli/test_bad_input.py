"""End to end: a folder of whatever people saved costs the run nothing.

Each odd file becomes a one-line notice (or is read, with its figures found at the
right place) and the rest of the folder is checked as usual; nothing raises.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path

import pytest

from factlint.ingest import decode

from tests.cli.test_check_cmd import run_cli

GOOD = ("---\ntitle: Shenzhen builds out 5G\ndate: 2022-01-24\n---\n"
        "Shenzhen had 51,000 5G base stations at the end of 2021, the city's industry bureau said.\n")
UTF16 = ("A 5G milestone\r\nUpdated: 2022-02-10\r\n\r\n"
         "Shenzhen had 46,000 5G base stations at the end of 2021, the industry bureau said.\r\n")
SHARE_BOM = ("---\ndate: 2022-03-01\n---\nShenzhen’s core digital economy industries accounted for 30.5% of the "
             "city’s GDP in 2021, the bureau said.\n")
SHARE_NO_BOM = ("Digital economy\nUpdated: 2022-01-24\n\nShenzhen’s core digital economy industries accounted for "
                "30 percent of the city’s GDP in 2021, the bureau said.\n")
NEWSWIRE = ("BANK RESULTS\nParis, March 2, 1987\n\n"
            "Société Générale said its 1986 net profit rose 12.5 pct to 2.35 billion francs.\n")
BROKEN_HTML = ("<html><head><title>Milestone<body><p>Shenzhen had 52,000 5G base stations at the end of 2021, "
               "the bureau said.<div><table><tr><td>3 < 5 &bogus; <!-- never closed <script>var x = \"100%\";")


def make_desk(root: Path) -> Path:
    desk = root / "desk"
    desk.mkdir()
    (desk / "a-good.md").write_text(GOOD, encoding="utf-8")
    (desk / "b-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + UTF16.encode("utf-16-le"))
    (desk / "c-bom.md").write_bytes(codecs.BOM_UTF8 + SHARE_BOM.encode("utf-8"))
    (desk / "d-latin1.txt").write_bytes(NEWSWIRE.encode("latin-1"))
    (desk / "e-utf16-nobom.txt").write_bytes(SHARE_NO_BOM.encode("utf-16-le"))
    (desk / "f-mixed.txt").write_bytes("“Our share is 14.1%,” he said ".encode() + b"\x96 and rising.\n")
    (desk / "g-chart.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (desk / "h-empty.md").write_bytes(b"")
    (desk / "h-empty.html").write_bytes(b"")
    (desk / "i-bad-front-matter.md").write_text("---\ntitle: [unclosed\ndate: 2022-01-24\n---\n"
                                                 "Profits rose 5 pct, the firm said.\n", encoding="utf-8")
    (desk / "j-broken.html").write_text(BROKEN_HTML, encoding="utf-8")
    # (the same figure as a-good.md: when they are read, the findings grow but stay comparable)
    (desk / "m-vanishes.md").write_text(GOOD.replace("builds out", "expands"), encoding="utf-8")
    (desk / "n-locked.md").write_text(GOOD.replace("builds out", "finishes"), encoding="utf-8")
    if hasattr(os, "symlink"):
        (desk / "k-dangling.md").symlink_to(desk / "moved-away.md")
        (desk / "l-loop.md").symlink_to(desk / "l-loop.md")
        (desk / "sub").mkdir()
        (desk / "sub" / "up").symlink_to(desk, target_is_directory=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(desk / "o-pipe.md")
    return desk


@pytest.fixture
def desk_run(tmp_path, capsys, monkeypatch):
    make_desk(tmp_path)
    real_open = os.open

    def after_listing(target, flags, *args, **kwargs):
        # listed, then gone or locked by the time it is read (root reads anything: refuse as the OS would)
        name = os.path.basename(os.fspath(target))
        if name == "m-vanishes.md":
            raise FileNotFoundError(2, "No such file or directory", os.fspath(target))
        if name == "n-locked.md":
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real_open(target, flags, *args, **kwargs)

    monkeypatch.setattr(decode.os, "open", after_listing)

    def run(*args):
        return run_cli(["check", "desk", "--no-cache", "--jobs", "1", *args], capsys, monkeypatch, cwd=tmp_path)

    return run


def test_every_odd_file_is_a_one_line_notice_and_the_rest_is_checked(desk_run):
    code, out, err = desk_run("--format", "json")
    assert code == 1, err  # the conflicts below are errors
    assert "Traceback" not in err
    report = json.loads(out)
    notices = {n["path"].split("/", 1)[1]: (n["level"], n["message"]) for n in report["notices"]}
    expected = {
        "d-latin1.txt": ("info", "not valid UTF-8 (byte 0xe9 on line 4); bytes that are not UTF-8 were read as "
                                 "Windows-1252"),
        "e-utf16-nobom.txt": ("info", "no byte order mark; decoded as UTF-16-LE"),
        "f-mixed.txt": ("info", "not valid UTF-8 (byte 0x96 on line 1); bytes that are not UTF-8 were read as "
                                "Windows-1252"),
        "g-chart.txt": ("info", "binary file (NUL bytes near the start); skipped"),
        "i-bad-front-matter.md": ("warning", "line 3: malformed front matter ignored: invalid YAML: expected ',' or "
                                             "']', but got ':'"),
        "m-vanishes.md": ("warning", "file not found (it vanished or is a broken link); skipped"),
        "n-locked.md": ("warning", "permission denied; skipped"),
    }
    if hasattr(os, "symlink"):
        expected["k-dangling.md"] = ("warning", "broken or looping symbolic link; skipped")
        expected["l-loop.md"] = ("warning", "broken or looping symbolic link; skipped")
    assert notices == expected
    # every warning is one line on stderr, whatever the format; info notices are only counted
    assert sorted(err.splitlines()) == sorted(f"desk/{p}: {lvl}: {msg}" for p, (lvl, msg) in expected.items()
                                              if lvl == "warning")
    # the odd encodings were read: their figures are found at their own line and column
    found = {(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]}
    assert ("FL101", "desk/b-utf16.txt", 4, 14) in found                 # UTF-16 with BOM and CRLF
    assert ("FL102", "desk/c-bom.md", 4, 58) in found                    # UTF-8 with BOM vs BOM-less UTF-16
    assert ("FL101", "desk/j-broken.html", 1, 51) in found               # broken HTML
    claims = {c["path"].split("/", 1)[1]: c["text"] for f in report["findings"] for c in f["claims"]}
    assert claims["e-utf16-nobom.txt"] == "30 percent" and claims["a-good.md"] == "51,000 5G base stations"
    # read: good, UTF-16 (2), BOM, Latin-1, mixed, the two empty files, bad front matter, broken HTML
    assert report["summary"]["files"] == 10


def test_the_terminal_summary_counts_the_notices(desk_run):
    code, out, err = desk_run()
    assert code == 1 and "Traceback" not in err
    notices = 9 if hasattr(os, "symlink") else 7
    assert re.search(rf"in 10 files, \d+ claims; {notices} file notices \(listed by --format json\)\.", out), out


def test_the_newswire_and_mixed_files_keep_their_text_and_figures(desk_run, tmp_path, capsys, monkeypatch):
    code, out, err = run_cli(["claims", "desk/d-latin1.txt", "desk/f-mixed.txt", "-f", "json", "--no-cache"],
                             capsys, monkeypatch, cwd=tmp_path)
    assert code == 0 and err == ""
    claims = json.loads(out)["claims"]
    assert [c["text"] for c in claims] == ["12.5 pct", "2.35 billion francs", "14.1%"]
    assert claims[0]["sentence"].startswith("Société Générale said its 1986 net profit")
    assert claims[0]["source"] == "Société Générale"
    assert claims[2]["sentence"] == "“Our share is 14.1%,” he said – and rising."


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
@pytest.mark.parametrize("args, expected", [
    (["check", "desk/a-good.md", "desk/l-loop.md"], "desk/l-loop.md: broken or looping symbolic link"),
    (["claims", "desk/l-loop.md"], "desk/l-loop.md: broken or looping symbolic link"),
    (["claims", "desk/k-dangling.md"], "desk/k-dangling.md: broken or looping symbolic link"),
    (["check", "desk/a-good.md", "--config", "loop.yaml"], "loop.yaml: broken or looping symbolic link"),
    (["rules", "--config", "loop.yaml"], "loop.yaml: broken or looping symbolic link"),
    (["check", "ex"], "ex/factlint.yaml:1:1: extend: broken or looping symbolic link: base.yaml"),
])
def test_a_looping_link_named_on_the_command_line_is_a_usage_error_not_an_internal_one(tmp_path, capsys, monkeypatch,
                                                                                      args, expected):
    make_desk(tmp_path)
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "ex").mkdir()
    (tmp_path / "ex" / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ex" / "factlint.yaml").write_text("extend: base.yaml\n", encoding="utf-8")
    (tmp_path / "ex" / "base.yaml").symlink_to(tmp_path / "ex" / "base.yaml")
    code, _, err = run_cli([*args, "--no-cache"] if args[0] != "rules" else args, capsys, monkeypatch, cwd=tmp_path)
    assert code == 2
    assert err == f"factlint: error: {expected}\n"
