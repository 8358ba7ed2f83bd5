"""The claim index: hits, misses, invalidation, corruption recovery, concurrent writers, clean."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factlint.cache import store
from factlint.cache.codec import decode_file, encode_file
from factlint.cache.store import CACHE_DIR_NAME, DB_NAME
from factlint.pipeline import collect

ARTICLES = {
    "2022-01-24-5g.md": """\
        ---
        title: Shenzhen builds out 5G
        date: 2022-01-24
        outlet: Shenzhen Daily
        ---
        Shenzhen had 51,000 5G base stations at the end of 2021, the city's industry bureau said.
        The digital economy's core industries added 948.5 billion yuan (US$146.6 billion), or 30.5% of GDP.
        """,
    "1987-03-02-cocoa.txt": """\
        COCOA EXPORTS RISE
        Ivory Coast cocoa exports rose 12.5 pct to 545,000 tonnes in the 1986/87 season, up from
        484,000 tonnes a year earlier, the ministry said. Prices fell 3.2 pct to 1,850 stg a tonne.
        """,
    "2023-01-20-milestone.html": """\
        <html><head><title>5G milestone</title><meta name="date" content="2023-01-20"></head>
        <body><p>Shenzhen had more than 51,000 5G base stations, or 28.5 per 10,000 people.</p>
        <script>var n = 999;</script></body></html>
        """,
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def dump(collected) -> list[dict]:
    return [f.model_dump(mode="json") for f in collected.files]


def silent(messages: list[str]):
    return messages.append


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_corpus(tmp_path / "corpus")


def test_first_run_extracts_and_second_run_reads_the_index(corpus: Path) -> None:
    notes: list[str] = []
    cold = collect([corpus], root=corpus, notify=notes.append)
    assert cold.stats["extracted"] == 3 and cold.stats["cached"] == 0
    assert sum(len(f.claims) for f in cold.files) >= 6
    warm = collect([corpus], root=corpus, notify=notes.append)
    assert warm.stats == {"cached": 3, "extracted": 0, "hashed": 0}
    assert dump(warm) == dump(cold)
    assert notes == []
    folder = corpus / CACHE_DIR_NAME
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert [p.name for p in folder.iterdir() if p.name.startswith(DB_NAME)]


def test_stored_result_round_trips_exactly(corpus: Path) -> None:
    cold = collect([corpus], root=corpus, use_cache=False)
    for result in cold.files:
        assert decode_file(encode_file(result)) == result


def test_changed_content_is_extracted_again(corpus: Path) -> None:
    collect([corpus], root=corpus)
    article = corpus / "1987-03-02-cocoa.txt"
    article.write_text(article.read_text().replace("545,000", "575,000"), encoding="utf-8")
    again = collect([corpus], root=corpus)
    assert again.stats["extracted"] == 1 and again.stats["cached"] == 2
    texts = [c.text for f in again.files if f.meta.path.endswith("cocoa.txt") for c in f.claims]
    assert any("575,000" in t for t in texts) and not any("545,000" in t for t in texts)


def test_touched_but_unchanged_file_is_hashed_not_extracted(corpus: Path) -> None:
    collect([corpus], root=corpus)
    article = corpus / "2022-01-24-5g.md"
    st = article.stat()
    os.utime(article, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    again = collect([corpus], root=corpus)
    assert again.stats == {"cached": 3, "extracted": 0, "hashed": 1}
    # The new mtime was recorded: the next run does not hash it again.
    assert collect([corpus], root=corpus).stats["hashed"] == 0


def test_new_and_deleted_files(corpus: Path) -> None:
    collect([corpus], root=corpus)
    (corpus / "1987-03-02-cocoa.txt").unlink()
    (corpus / "new.txt").write_text("Exports rose 4.1 pct to 2.3 billion dlrs in January.\n", encoding="utf-8")
    again = collect([corpus], root=corpus)
    assert sorted(Path(f.meta.path).name for f in again.files) == \
        ["2022-01-24-5g.md", "2023-01-20-milestone.html", "new.txt"]
    assert again.stats["extracted"] == 1
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        keys = sorted(r[0] for r in conn.execute("SELECT path FROM files"))
    assert keys == ["2022-01-24-5g.md", "2023-01-20-milestone.html", "new.txt"]


def test_alias_table_change_invalidates_every_entry(corpus: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("entities:\n  Shenzhen: [SZ]\n", encoding="utf-8")
    collect([corpus], root=corpus, tables=[aliases])
    assert collect([corpus], root=corpus, tables=[aliases]).stats["cached"] == 3
    aliases.write_text("entities:\n  Shenzhen: [SZ, Pengcheng]\n", encoding="utf-8")
    assert collect([corpus], root=corpus, tables=[aliases]).stats == {"cached": 0, "extracted": 3, "hashed": 0}
    # and a run without the table is another setting again
    assert collect([corpus], root=corpus).stats["extracted"] == 3


def test_builtin_table_change_invalidates(corpus: Path, monkeypatch) -> None:
    from factlint.cache import keys

    collect([corpus], root=corpus)
    monkeypatch.setattr(keys, "builtin_tables_digest", lambda: "a different units table")
    assert collect([corpus], root=corpus).stats["extracted"] == 3


def test_version_change_rebuilds_with_one_notice(corpus: Path, monkeypatch) -> None:
    collect([corpus], root=corpus)
    monkeypatch.setattr(store, "__version__", "99.0")
    notes: list[str] = []
    again = collect([corpus], root=corpus, notify=notes.append)
    assert again.stats["extracted"] == 3
    assert len(notes) == 1 and "99.0" in notes[0] and "rebuilding" in notes[0]


def test_garbage_database_is_rebuilt_with_a_notice(corpus: Path) -> None:
    cold = collect([corpus], root=corpus)
    db = corpus / CACHE_DIR_NAME / DB_NAME
    db.write_bytes(b"\x00garbage, not SQLite\xff" * 2000)
    notes: list[str] = []
    again = collect([corpus], root=corpus, notify=notes.append)
    assert dump(again) == dump(cold)
    assert again.stats["extracted"] == 3
    assert len(notes) == 1 and "rebuilding" in notes[0] and "\n" not in notes[0]
    assert collect([corpus], root=corpus, notify=notes.append).stats["cached"] == 3
    assert len(notes) == 1


def test_wrong_schema_is_rebuilt(corpus: Path) -> None:
    cold = collect([corpus], root=corpus)
    db = corpus / CACHE_DIR_NAME / DB_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE meta")
        conn.execute("CREATE TABLE meta (k TEXT)")
    notes: list[str] = []
    again = collect([corpus], root=corpus, notify=notes.append)
    assert dump(again) == dump(cold) and len(notes) == 1


def test_undecodable_entry_is_extracted_again(corpus: Path) -> None:
    cold = collect([corpus], root=corpus)
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        conn.execute("UPDATE files SET data = ? WHERE path = ?", (b'[["x"], 1, 2]', "2022-01-24-5g.md"))
    notes: list[str] = []
    again = collect([corpus], root=corpus, notify=notes.append)
    assert dump(again) == dump(cold)
    assert again.stats["cached"] == 2 and len(notes) == 1
    assert collect([corpus], root=corpus, notify=notes.append).stats["cached"] == 3


def test_no_cache_neither_reads_nor_writes(corpus: Path) -> None:
    result = collect([corpus], root=corpus, use_cache=False)
    assert result.stats["extracted"] == 3
    assert not (corpus / CACHE_DIR_NAME).exists()


def test_unwritable_cache_folder_degrades_to_no_cache(corpus: Path) -> None:
    (corpus / CACHE_DIR_NAME).write_text("a file where the folder should be", encoding="utf-8")
    notes: list[str] = []
    result = collect([corpus], root=corpus, notify=notes.append)
    assert result.stats["extracted"] == 3 and len(notes) == 1 and "cache disabled" in notes[0]


def test_display_path_follows_the_working_folder(corpus: Path, monkeypatch) -> None:
    collect([corpus], root=corpus)
    monkeypatch.chdir(corpus)
    inside = collect(["."], root=".")
    assert inside.stats["cached"] == 3
    claim = next(c for f in inside.files for c in f.claims)
    assert not claim.path.startswith("corpus/") and claim.id.startswith(claim.path + ":")
    assert inside.files[0].meta.path == claim.path or claim.path in {f.meta.path for f in inside.files}


WRITER = """
import sys
from pathlib import Path
from factlint.pipeline import collect
corpus = Path(sys.argv[1])
for round in range(int(sys.argv[2])):
    target = corpus / f"w{sys.argv[3]}-{round}.txt"
    target.write_text(f"Exports rose {round}.5 pct to {round + 2} billion dlrs.\\n", encoding="utf-8")
    collect([corpus], root=corpus, quiet=True, jobs=1)
"""


def test_concurrent_writers_never_corrupt_the_index(corpus: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(corpus), "6", str(i)],
                              stderr=subprocess.PIPE, text=True) for i in range(2)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert all("Traceback" not in e for e in errors)
    with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    final = collect([corpus], root=corpus)
    assert final.stats["extracted"] == 0 and len(final.files) == 3 + 12


def test_clean_command_removes_the_index(corpus: Path, tmp_path: Path) -> None:
    from factlint.cli.cache_cmd import cache_folders

    collect([corpus], root=corpus)
    assert cache_folders(tmp_path) == [(corpus / CACHE_DIR_NAME).resolve()]
    done = subprocess.run([sys.executable, "-m", "factlint", "clean", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "removed" in done.stderr and not (corpus / CACHE_DIR_NAME).exists()
    again = subprocess.run([sys.executable, "-m", "factlint", "clean", str(tmp_path)],
                           capture_output=True, text=True)
    assert again.returncode == 0 and "no factlint cache" in again.stderr
    assert sorted(p.name for p in corpus.iterdir()) == sorted(ARTICLES)


def test_clean_refuses_a_folder_that_is_not_a_cache(tmp_path: Path) -> None:
    impostor = tmp_path / CACHE_DIR_NAME
    impostor.mkdir()
    (impostor / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OSError):
        store.clean(tmp_path)
    assert (impostor / "notes.txt").exists()


KILLED = """
import sys
from pathlib import Path
from factlint.pipeline import collect
collect([Path(sys.argv[1])], root=Path(sys.argv[1]), quiet=True, jobs=1)
"""


def test_a_killed_run_leaves_a_whole_index(corpus: Path) -> None:
    import signal
    import time

    for i in range(40):
        (corpus / f"extra-{i:02d}.txt").write_text(
            f"Exports rose {i}.5 pct to {i + 2} billion dlrs, the ministry said.\n", encoding="utf-8")
    collect([corpus], root=corpus)
    for i in range(40):
        (corpus / f"extra-{i:02d}.txt").write_text(
            f"Imports fell {i}.5 pct to {i + 3} billion dlrs, the ministry said.\n", encoding="utf-8")
    for delay in (0.3, 0.8, 1.5):
        proc = subprocess.Popen([sys.executable, "-c", KILLED, str(corpus)])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(corpus / CACHE_DIR_NAME / DB_NAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert dump(collect([corpus], root=corpus)) == dump(collect([corpus], root=corpus, use_cache=False))


def test_folder_listing_is_reused_until_a_folder_changes(corpus: Path, monkeypatch) -> None:
    from factlint import pipeline

    (corpus / "1987" / "03").mkdir(parents=True)
    (corpus / "1987" / "03" / "01.txt").write_text("Exports rose 4.1 pct.\n", encoding="utf-8")
    (corpus / "empty").mkdir()
    first = collect([corpus], root=corpus)
    walks = []
    real = pipeline.discover_files

    def counted(*args, **kwargs):
        walks.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "discover_files", counted)
    again = collect([corpus], root=corpus)
    assert walks == [] and dump(again) == dump(first)
    # a file added to a folder that held none, deep down
    (corpus / "empty" / "new.txt").write_text("Imports fell 2.5 pct.\n", encoding="utf-8")
    added = collect([corpus], root=corpus)
    assert len(walks) == 1 and len(added.files) == len(first.files) + 1
    # a removal in a subfolder
    (corpus / "1987" / "03" / "01.txt").unlink()
    removed = collect([corpus], root=corpus)
    assert len(walks) == 2 and len(removed.files) == len(first.files)
    assert collect([corpus], root=corpus).stats["cached"] == len(first.files) and len(walks) == 2
    # another exclude list is another listing
    collect([corpus], root=corpus, exclude=["empty/"])
    assert len(walks) == 3
