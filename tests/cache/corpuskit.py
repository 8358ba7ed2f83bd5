"""A small corpus on disk for the index tests: articles, a factlint.yaml, the working folder set."""

from __future__ import annotations

from pathlib import Path


def write_corpus(tmp_path: Path, monkeypatch, articles: dict[str, str]) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "factlint.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    return folder
