"""Which files a run reads: recursion, hidden entries, excludes, links, order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint.errors import FactlintError
from factlint.ingest import discover_files, display_path, iter_documents
from factlint.models import Document, IngestNotice


def make_tree(root: Path) -> None:
    files = {
        "2022-12-09-forum.txt": "Forum\n",
        "news/2022-01-24-5g.md": "# 5G\n",
        "news/web/milestone.html": "<p>5G</p>",
        "news/web/old.htm": "<p>old</p>",
        "news/notes.markdown": "notes\n",
        "news/chart.png": "not an article",
        "news/data.csv": "a,b\n",
        "drafts/shenzhen-draft.md": "draft\n",
        "drafts/deep/inner.md": "inner\n",
        ".git/HEAD.md": "hidden folder\n",
        "news/.hidden.md": "hidden file\n",
        "archive/1987/wire.txt": "wire\n",
    }
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def rels(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folders_recursively_known_suffixes_hidden_skipped_sorted(tmp_path: Path):
    make_tree(tmp_path)
    found = discover_files([tmp_path])
    assert rels(found, tmp_path) == [
        "2022-12-09-forum.txt",
        "archive/1987/wire.txt",
        "drafts/deep/inner.md",
        "drafts/shenzhen-draft.md",
        "news/2022-01-24-5g.md",
        "news/notes.markdown",
        "news/web/milestone.html",
        "news/web/old.htm",
    ]


def test_order_does_not_depend_on_argument_order_or_duplicates(tmp_path: Path):
    make_tree(tmp_path)
    a = discover_files([tmp_path / "news", tmp_path / "drafts", tmp_path / "news" / "notes.markdown"])
    b = discover_files([tmp_path / "drafts", tmp_path / "news"])
    assert a == b
    assert len(a) == len(set(a))


def test_exclude_globs_relative_to_the_folder(tmp_path: Path):
    make_tree(tmp_path)
    found = rels(discover_files([tmp_path], exclude=["drafts/**", "*.htm", "archive/"]), tmp_path)
    assert "drafts/shenzhen-draft.md" not in found and "drafts/deep/inner.md" not in found
    assert "news/web/old.htm" not in found
    assert "archive/1987/wire.txt" not in found
    assert "news/web/milestone.html" in found and "2022-12-09-forum.txt" in found


def test_double_star_in_the_middle(tmp_path: Path):
    make_tree(tmp_path)
    found = rels(discover_files([tmp_path], exclude=["news/**/*.html"]), tmp_path)
    assert "news/web/milestone.html" not in found
    assert "news/web/old.htm" in found


def test_exclude_also_matches_paths_relative_to_the_current_directory(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    # a pattern written from the repository root works when the corpus folder is named
    found = [p.as_posix() for p in discover_files(["corpus"], exclude=["corpus/drafts/**"])]
    assert "corpus/drafts/shenzhen-draft.md" not in found
    assert "corpus/news/2022-01-24-5g.md" in found
    # and a hook passing file names explicitly gets the same exclusion
    explicit = discover_files(["corpus/drafts/shenzhen-draft.md", "corpus/news/notes.markdown"],
                              exclude=["corpus/drafts/**"])
    assert [p.as_posix() for p in explicit] == ["corpus/news/notes.markdown"]


def test_explicit_files_are_read_whatever_their_suffix(tmp_path: Path):
    make_tree(tmp_path)
    csv = tmp_path / "news" / "data.csv"
    hidden = tmp_path / "news" / ".hidden.md"
    assert discover_files([csv, hidden]) == sorted([csv, hidden])
    docs = list(iter_documents([csv]))
    assert isinstance(docs[0], Document) and docs[0].format == "text"


def test_missing_path_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FactlintError, match="no-such-folder: no such file or directory"):
        discover_files([tmp_path / "no-such-folder"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_do_not_hang_or_crash(tmp_path: Path):
    make_tree(tmp_path)
    (tmp_path / "news" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "news" / "self.md").symlink_to(tmp_path / "news" / "self.md")
    (tmp_path / "news" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    problems: list[IngestNotice] = []
    found = rels(discover_files([tmp_path], problems=problems), tmp_path)
    assert len(found) == 8 and len(set(found)) == 8
    assert not any("loop" in f or "self" in f or "dangling" in f for f in found)
    # the links to articles that cannot be read are named; the folder link is simply not followed
    assert sorted((p.path.rsplit("/", 1)[-1], p.message) for p in problems) == [
        ("dangling.md", "broken or looping symbolic link; skipped"),
        ("self.md", "broken or looping symbolic link; skipped")]
    assert discover_files([tmp_path], exclude=["news/*.md"], problems=(excluded := [])) and excluded == []
    with pytest.raises(FactlintError, match="broken or looping symbolic link"):
        discover_files([tmp_path / "news" / "self.md"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_file_symlinks_are_read(tmp_path: Path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "shared" / "facts.md").write_text("# Facts\n", encoding="utf-8")
    (tmp_path / "corpus" / "facts.md").symlink_to(tmp_path / "shared" / "facts.md")
    assert rels(discover_files([tmp_path / "corpus"]), tmp_path) == ["corpus/facts.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifos_found_while_walking_are_skipped(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "real.md").write_text("# Real\n", encoding="utf-8")
    assert rels(discover_files([tmp_path]), tmp_path) == ["real.md"]


def test_unlistable_folder_becomes_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    make_tree(tmp_path)
    locked = tmp_path / "drafts"
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr("factlint.ingest.discover.os.scandir", scandir)
    items = list(iter_documents([tmp_path]))
    notices = [i for i in items if isinstance(i, IngestNotice)]
    assert len(notices) == 1 and "cannot list folder" in notices[0].message
    assert notices[0].path.endswith("drafts")
    assert sum(isinstance(i, Document) for i in items) == 6


def test_display_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path / "corpus")
    assert display_path(tmp_path / "corpus" / "a.md") == "a.md"
    assert display_path("sub/../b.md") == "b.md"
    assert display_path(Path("x") / "y.md") == "x/y.md"
    outside = tmp_path / "elsewhere" / "c.md"
    assert display_path(outside) == outside.as_posix()
    assert display_path("../elsewhere/c.md") == "../elsewhere/c.md"


def test_documents_carry_display_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths = [d.path for d in iter_documents([tmp_path / "news"])]
    assert paths == ["news/2022-01-24-5g.md", "news/notes.markdown", "news/web/milestone.html",
                     "news/web/old.htm"]
