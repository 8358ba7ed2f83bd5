"""The README shows what factlint prints on the sample corpus: keep it true."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _shown_after(intro: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```text\n", text.index(intro)) + len("```text\n")
    return text[start:text.index("```", start)]


def _run(args, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "argv", ["factlint", *args, "--no-cache"])
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().out


@pytest.mark.parametrize("intro, args, code", [
    ("`factlint check corpus/` prints (exit code 1):", ["check", "corpus/"], 1),
    ("`factlint check corpus/ --select FL102 --format full` shows the values side by side:",
     ["check", "corpus/", "--select", "FL102", "--format", "full"], 1),
])
def test_the_readme_shows_the_real_output(intro, args, code, capsys, monkeypatch):
    got_code, out = _run(args, capsys, monkeypatch)
    assert got_code == code
    assert out == _shown_after(intro)
