"""`factlint init`: a commented starter config that loads, and never an overwrite."""

from __future__ import annotations

import sys

import pytest

from factlint.cli import main
from factlint.config import ConfigFile, load_config


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["factlint", *args])
    with pytest.raises(SystemExit) as info:
        main()
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def test_init_writes_a_commented_config_that_loads(tmp_path, monkeypatch, capsys):
    (tmp_path / "corpus").mkdir()
    code, out, _ = run(monkeypatch, capsys, "init", str(tmp_path))
    target = tmp_path / "factlint.yaml"
    assert code == 0 and "wrote" in out and target.is_file()
    text = target.read_text(encoding="utf-8")
    for key in ConfigFile.keys():          # every key is shown and explained
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) > 30
    config = load_config([tmp_path / "corpus"])
    assert config.path == target.resolve()
    assert config.fail_level == "error" and config.select is None and config.ignore == []


def test_init_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    target = tmp_path / "factlint.yaml"
    target.write_text("fail-level: warning\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "init", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1 and "already exists" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "fail-level: warning\n"


def test_init_in_the_current_folder_and_to_a_named_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(monkeypatch, capsys, "init")[0] == 0
    assert (tmp_path / "factlint.yaml").is_file()
    assert run(monkeypatch, capsys, "init", "ci-strict.yaml")[0] == 0
    assert load_config([], tmp_path / "ci-strict.yaml").path == (tmp_path / "ci-strict.yaml").resolve()


def test_init_into_a_missing_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "init", str(tmp_path / "newsroom"))
    assert code == 2 and "no such folder" in err
    code, _, err = run(monkeypatch, capsys, "init", str(tmp_path / "newsroom" / "factlint.yaml"))
    assert code == 2 and "does not exist" in err
    assert list(tmp_path.iterdir()) == []
