"""write_atomic: the target holds the old text or the new text, never a mix, and no temp file stays."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys

import pytest

from factlint.errors import FactlintError
from factlint.fileio import write_atomic

REPORT = '{"findings": [{"rule": "FL101", "path": "corpus/now-shenzhen.md", "line": 6}]}\n'


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, REPORT)
    assert target.read_text(encoding="utf-8") == REPORT
    write_atomic(target, "second run\n")
    assert target.read_text(encoding="utf-8") == "second run\n"
    write_atomic(target, b"\x00binary\r\n")
    assert target.read_bytes() == b"\x00binary\r\n"      # bytes are written as they are
    write_atomic(target, "Zhōngguó 中国\n")
    assert target.read_bytes() == "Zhōngguó 中国\n".encode("utf-8")
    assert leftovers(tmp_path) == []


def test_new_files_get_normal_permissions_and_replacements_keep_theirs(tmp_path):
    target = tmp_path / "report.sarif"
    write_atomic(target, REPORT)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask   # not a private temp file's 0600
    os.chmod(target, 0o640)
    write_atomic(target, "again\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_keeps_the_old_file_whole(tmp_path, monkeypatch, failing):
    target = tmp_path / "junit.xml"
    target.write_text("<testsuites/>\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(FactlintError, match="cannot write .*junit.xml: No space left on device"):
        write_atomic(target, REPORT * 1000)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "<testsuites/>\n"
    assert leftovers(tmp_path) == []


def test_an_interrupt_keeps_the_old_file_and_removes_the_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, REPORT)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_no_overwrite_mode(tmp_path):
    target = tmp_path / "factlint.yaml"
    write_atomic(target, "fail-level: warning\n", overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, "fail-level: info\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "fail-level: warning\n"
    assert leftovers(tmp_path) == []


def test_bad_targets_are_one_line_errors(tmp_path):
    with pytest.raises(FactlintError) as info:
        write_atomic(tmp_path / "missing" / "report.json", REPORT)
    assert "No such file or directory" in str(info.value) and "\n" not in str(info.value)
    (tmp_path / "out").mkdir()
    with pytest.raises(FactlintError):
        write_atomic(tmp_path / "out", REPORT)
    assert (tmp_path / "out").is_dir() and leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_while_writing_keeps_the_old_file_and_removes_the_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.sarif"
    target.write_text("previous report\n", encoding="utf-8")
    real_fsync = os.fsync

    def terminated(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)  # as a cancelled CI job is stopped

    monkeypatch.setattr(os, "fsync", terminated)
    with pytest.raises(SystemExit) as done:
        write_atomic(target, REPORT * 1000)
    monkeypatch.undo()
    assert done.value.code == 128 + signal.SIGTERM
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # only the write was guarded


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_a_check_terminated_while_writing_its_report_leaves_the_previous_report(tmp_path):
    """End to end: `factlint check -o` gets SIGTERM in the middle of writing the report."""
    (tmp_path / "a.md").write_text("---\ndate: 2022-01-24\n---\nShenzhen had 51,000 5G base stations at the end "
                                   "of 2021, the bureau said.\n", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"previous": true}\n', encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "import factlint.fileio as fileio\n"
        "real = os.fsync\n"
        "def fsync(fd):\n"
        "    real(fd)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "fileio.os.fsync = fsync\n"
        "from factlint.cli import main\n"
        "sys.argv = ['factlint', 'check', 'a.md', '--no-cache', '-f', 'json', '-o', 'report.json']\n"
        "main()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == '{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".factlint_cache") == ["a.md", "report.json"]
