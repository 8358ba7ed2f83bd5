"""The claim index: one SQLite database under ``<corpus root>/.factlint_cache/``.

Each row holds one file's encoded FileResult, keyed by the file's path relative
to the corpus root, with what tells whether it is still valid: the file's
(mtime_ns, size) for the fast check, the hash of its bytes for the slow one, and
the extraction settings it was built with. Several factlint processes may use
the same index at once (WAL journal, busy timeout, one transaction per run's
writes), and a run that dies mid-write leaves the previous index as it was.

Nothing here raises into the caller: a database that cannot be opened or read
is rebuilt (or skipped) with a one-line notice, and the run goes on uncached.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from factlint import __version__
from factlint.cache.codec import SCHEMA_DIGEST

CACHE_DIR_NAME = ".factlint_cache"
DB_NAME = "index.sqlite3"
# Bump when the tables change shape; SCHEMA_DIGEST covers the models the rows encode.
TABLES_VERSION = "5"
SCHEMA = f"{TABLES_VERSION}:{SCHEMA_DIGEST}"
BUSY_TIMEOUT_S = 30.0
KEEP_RESULTS = 4
KEEP_SNAPSHOTS = 4
KEEP_PARSED = 64

CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

Notify = Callable[[str], None]


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back when it raises (or left
    alone when the block rolled back itself, as a write that finds itself outdated does)."""
    conn.execute(begin)
    try:
        yield
        if conn.in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@dataclass(frozen=True, slots=True)
class Entry:
    mtime_ns: int
    size: int
    file_hash: str
    settings: str


@dataclass(frozen=True, slots=True)
class Row:
    """One file's entry as written: the key, its validity data and the encoded result."""

    key: str
    mtime_ns: int
    size: int
    file_hash: str
    data: bytes
    entities: tuple[str, ...]


def cache_dir(root: Path) -> Path:
    return Path(root) / CACHE_DIR_NAME


def _write_if_missing(path: Path, text: str) -> None:
    if path.exists():
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prepare_dir(folder: Path) -> None:
    """Create the cache folder, tagged so backup tools and git leave it alone."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_if_missing(folder / "CACHEDIR.TAG", CACHEDIR_TAG)
    _write_if_missing(folder / ".gitignore", "# Created by factlint automatically.\n*\n")


def _remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


class ClaimIndex:
    """An open index. Use :meth:`open`; every method degrades to "no cache" on failure."""

    def __init__(self, db: Path, conn: sqlite3.Connection, settings: str, notify: Notify):
        self.db = db
        self.conn: Optional[sqlite3.Connection] = conn
        self.settings = settings
        self.notify = notify

    # Opening and recovery -------------------------------------------------------

    @classmethod
    def open(cls, root: Path, settings: str, notify: Notify) -> Optional["ClaimIndex"]:
        folder = cache_dir(root)
        db = folder / DB_NAME
        try:
            prepare_dir(folder)
        except OSError as exc:
            notify(f"cache disabled: cannot create {folder}: {exc.strerror or exc}")
            return None
        try:
            return cls(db, cls._connect(db, notify), settings, notify)
        except sqlite3.DatabaseError as exc:
            notify(f"cache at {db} is unreadable ({exc}); rebuilding it")
        try:
            _remove_db(db)
            return cls(db, cls._connect(db, notify), settings, notify)
        except (sqlite3.Error, OSError) as exc:
            notify(f"cache disabled: cannot rebuild {db}: {exc}")
            return None

    @staticmethod
    def _connect(db: Path, notify: Notify) -> sqlite3.Connection:
        conn = sqlite3.connect(str(db), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            with _transaction(conn):
                ClaimIndex._ensure_schema(conn, notify)
            return conn
        except BaseException:
            conn.close()
            raise

    @staticmethod
    def _ensure_schema(conn: sqlite3.Connection, notify: Notify) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("schema") == SCHEMA and meta.get("version") == __version__:
                return
            if meta.get("version") != __version__:
                notify(f"cache was built by factlint {meta.get('version', '?')}; rebuilding it for {__version__}")
            else:
                notify("cache has an older layout; rebuilding it")
        elif tables:
            notify("cache holds unknown tables; rebuilding it")
        for name in tables:
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("""CREATE TABLE files (
            path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
            file_hash TEXT NOT NULL, settings TEXT NOT NULL, data BLOB NOT NULL)""")
        conn.execute("CREATE TABLE entities (path TEXT NOT NULL, entity TEXT NOT NULL)")
        conn.execute("CREATE INDEX entities_by_entity ON entities (entity)")
        conn.execute("CREATE INDEX entities_by_path ON entities (path)")
        conn.execute("CREATE TABLE results (id TEXT PRIMARY KEY, used INTEGER NOT NULL, data BLOB NOT NULL)")
        conn.execute("CREATE TABLE listings (id TEXT PRIMARY KEY, data BLOB NOT NULL)")
        conn.execute("CREATE TABLE parsed (id TEXT PRIMARY KEY, data BLOB NOT NULL)")
        conn.execute("CREATE TABLE snapshots (id TEXT PRIMARY KEY, generation INTEGER NOT NULL, "
                     "used INTEGER NOT NULL, data BLOB NOT NULL)")
        conn.execute("CREATE TABLE units (snapshot TEXT NOT NULL, id TEXT NOT NULL, data BLOB NOT NULL, "
                     "claims BLOB NOT NULL, report BLOB NOT NULL, PRIMARY KEY (snapshot, id))")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA), ("version", __version__)])

    def _failed(self, doing: str, exc: Exception) -> None:
        """A database error mid-run: drop the corrupt file so the next run starts clean."""
        self.notify(f"cache at {self.db} failed while {doing} ({exc}); it will be rebuilt")
        self.close()
        try:
            _remove_db(self.db)
        except OSError:
            pass

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    # Reading ---------------------------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        """Validity data of every stored file, without the (large) encoded results."""
        if self.conn is None:
            return {}
        try:
            return {r[0]: Entry(r[1], r[2], r[3], r[4]) for r in
                    self.conn.execute("SELECT path, mtime_ns, size, file_hash, settings FROM files")}
        except sqlite3.DatabaseError as exc:
            self._failed("reading the file list", exc)
            return {}

    def blobs(self, keys: Iterable[str], everything: bool = False) -> Iterator[tuple[str, bytes]]:
        """(key, encoded result) for the given keys. With ``everything``, one sequential scan
        filtered here is cheaper than thousands of lookups."""
        if self.conn is None:
            return
        wanted = set(keys)
        try:
            if everything or len(wanted) > 500:
                cur = self.conn.execute("SELECT path, data FROM files")
                for key, data in cur:
                    if key in wanted:
                        yield key, data
            else:
                for key in sorted(wanted):
                    row = self.conn.execute("SELECT data FROM files WHERE path = ?", (key,)).fetchone()
                    if row is not None:
                        yield key, row[0]
        except sqlite3.DatabaseError as exc:
            self._failed("reading stored results", exc)

    def entity_names(self) -> list[str]:
        if self.conn is None:
            return []
        try:
            return [r[0] for r in self.conn.execute("SELECT DISTINCT entity FROM entities")]
        except sqlite3.DatabaseError as exc:
            self._failed("reading entities", exc)
            return []

    def keys_with_entities(self, entities: Iterable[str]) -> set[str]:
        if self.conn is None:
            return set()
        names = sorted(set(entities))
        out: set[str] = set()
        try:
            for i in range(0, len(names), 500):
                part = names[i:i + 500]
                marks = ",".join("?" * len(part))
                out.update(r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT path FROM entities WHERE entity IN ({marks})", part))
        except sqlite3.DatabaseError as exc:
            self._failed("reading entities", exc)
        return out

    # Writing ---------------------------------------------------------------------

    def update(self, rows: Iterable[Row], touched: Iterable[tuple[str, int, int]] = (),
               forget: Iterable[str] = ()) -> None:
        """Store new results, refresh the stat data of files whose bytes did not change,
        and drop files that are gone, all in one transaction."""
        if self.conn is None:
            return
        rows, touched, forget = list(rows), list(touched), list(forget)
        if not (rows or touched or forget):
            return
        conn = self.conn
        try:
            with _transaction(conn):
                stale = [(r.key,) for r in rows] + [(k,) for k in forget]
                conn.executemany("DELETE FROM entities WHERE path = ?", stale)
                conn.executemany("DELETE FROM files WHERE path = ?", [(k,) for k in forget])
                conn.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    [(r.key, r.mtime_ns, r.size, r.file_hash, self.settings, r.data) for r in rows])
                conn.executemany("INSERT INTO entities VALUES (?, ?)",
                                 [(r.key, e) for r in rows for e in r.entities])
                conn.executemany("UPDATE files SET mtime_ns = ?, size = ? WHERE path = ?",
                                 [(m, s, k) for k, m, s in touched])
        except sqlite3.OperationalError as exc:
            # Locked for longer than the busy timeout by another run: skip this write.
            self.notify(f"cache not updated: {exc}")
        except sqlite3.DatabaseError as exc:
            self._failed("writing results", exc)

    # Folder listings (see pipeline._listed) -----------------------------------------

    def _get_blob(self, table: str, key: str, what: str) -> Optional[bytes]:
        if self.conn is None:
            return None
        try:
            row = self.conn.execute(f"SELECT data FROM {table} WHERE id = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(what, exc)
            return None
        return row[0] if row else None

    def get_listing(self, listing_id: str) -> Optional[bytes]:
        return self._get_blob("listings", listing_id, "reading a folder listing")

    def put_listing(self, listing_id: str, data: bytes) -> None:
        if self.conn is None:
            return
        try:
            with self.conn:  # one statement, its own transaction
                self.conn.execute("INSERT OR REPLACE INTO listings VALUES (?, ?)", (listing_id, data))
        except sqlite3.OperationalError as exc:
            self.notify(f"cache not updated: {exc}")
        except sqlite3.DatabaseError as exc:
            self._failed("writing a folder listing", exc)

    # Whole-run results (see results.py) ------------------------------------------

    def get_result(self, result_id: str) -> Optional[bytes]:
        return self._get_blob("results", result_id, "reading a stored result")

    def put_result(self, result_id: str, data: bytes) -> None:
        """Store a run's result, keeping the few most recent (a corpus is checked with a
        handful of settings: whole, by pre-commit, with another format's options)."""
        if self.conn is None:
            return
        conn = self.conn
        try:
            with _transaction(conn):
                used = conn.execute("SELECT COALESCE(MAX(used), 0) + 1 FROM results").fetchone()[0]
                conn.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (result_id, used, data))
                conn.execute("DELETE FROM results WHERE used <= ?", (used - KEEP_RESULTS,))
        except sqlite3.OperationalError as exc:
            self.notify(f"cache not updated: {exc}")
        except sqlite3.DatabaseError as exc:
            self._failed("writing a result", exc)


    # Parsed YAML files (see factlint.yamlio.parsed_store) ------------------------------

    def parsed_store(self) -> "ParsedFiles":
        return ParsedFiles(self)

    # Findings per unit of work (see units.py and factlint.rules.units) ----------------
    #
    # A snapshot is the findings of every unit of one corpus under one set of settings.
    # Runs read a whole snapshot in one transaction and write their changes to it in
    # another, which fails (and is skipped) if the snapshot changed in between: two runs
    # that started from the same snapshot never mix their changes.

    def get_snapshot(self, snapshot_id: str) -> Optional[tuple[int, bytes, list[tuple[str, bytes, bytes, bytes]]]]:
        """(generation, settings data, [(unit id, data, claims, report)]) of a stored snapshot, or None."""
        if self.conn is None:
            return None
        conn = self.conn
        try:
            with _transaction(conn, "BEGIN"):  # one read transaction: the snapshot row and its units agree
                row = conn.execute("SELECT generation, data FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
                units = [] if row is None else \
                    conn.execute("SELECT id, data, claims, report FROM units WHERE snapshot = ?",
                                 (snapshot_id,)).fetchall()
        except sqlite3.OperationalError as exc:
            self.notify(f"cache not read: {exc}")
            return None
        except sqlite3.DatabaseError as exc:
            self._failed("reading stored findings", exc)
            return None
        return None if row is None else (row[0], row[1], units)

    def put_snapshot(self, snapshot_id: str, generation: Optional[int], data: bytes,
                     replace: Iterable[tuple[str, bytes, bytes, bytes]] = (), delete: Iterable[str] = (),
                     whole: bool = False) -> bool:
        """Write the changed units of a snapshot read at ``generation`` (None: it was not
        stored); ``whole`` replaces all its units, whatever happened meanwhile. False, and
        nothing written, when another run changed the snapshot since or the database is busy."""
        if self.conn is None:
            return False
        replace, delete = list(replace), list(delete)
        conn = self.conn
        try:
            with _transaction(conn):
                row = conn.execute("SELECT generation FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
                if not whole and (row[0] if row is not None else None) != generation:
                    conn.execute("ROLLBACK")  # another run changed it since we read it
                    return False
                used = conn.execute("SELECT COALESCE(MAX(used), 0) + 1 FROM snapshots").fetchone()[0]
                if whole:
                    conn.execute("DELETE FROM units WHERE snapshot = ?", (snapshot_id,))
                conn.executemany("DELETE FROM units WHERE snapshot = ? AND id = ?",
                                 [(snapshot_id, u) for u in delete])
                conn.executemany("INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?)",
                                 [(snapshot_id, *unit) for unit in replace])
                conn.execute("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?)",
                             (snapshot_id, (row[0] if row is not None else 0) + 1, used, data))
                # The few most recently written snapshots stay (a corpus is checked with a
                # handful of settings), however often each of them was written.
                old = [r[0] for r in conn.execute("SELECT id FROM snapshots WHERE id NOT IN "
                                                  "(SELECT id FROM snapshots ORDER BY used DESC LIMIT ?)",
                                                  (KEEP_SNAPSHOTS,))]
                conn.executemany("DELETE FROM units WHERE snapshot = ?", [(o,) for o in old])
                conn.executemany("DELETE FROM snapshots WHERE id = ?", [(o,) for o in old])
                return True
        except sqlite3.OperationalError as exc:
            self.notify(f"cache not updated: {exc}")
        except sqlite3.DatabaseError as exc:
            self._failed("writing stored findings", exc)
        return False


class ParsedFiles:
    """What factlint.yamlio keeps of the YAML files it parsed, in an open index."""

    def __init__(self, index: ClaimIndex):
        self.index = index
        self.pid = os.getpid()

    def get(self, key: str) -> Optional[bytes]:
        return self.index._get_blob("parsed", key, "reading a parsed table")

    def put(self, key: str, data: bytes) -> None:
        conn = self.index.conn
        if conn is None or os.getpid() != self.pid:
            return
        try:
            with conn:  # its own transaction
                conn.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?)", (key, data))
                conn.execute("DELETE FROM parsed WHERE rowid NOT IN "
                             "(SELECT rowid FROM parsed ORDER BY rowid DESC LIMIT ?)", (KEEP_PARSED,))
        except sqlite3.OperationalError as exc:
            self.index.notify(f"cache not updated: {exc}")
        except sqlite3.DatabaseError as exc:
            self.index._failed("writing a parsed table", exc)


def clean(root: Path) -> bool:
    """Remove the cache folder under ``root``; False when there was none."""
    import shutil

    folder = cache_dir(root)
    if not folder.is_dir():
        return False
    if not (folder / "CACHEDIR.TAG").is_file() and not (folder / DB_NAME).exists():
        raise OSError(f"{folder} does not look like a factlint cache; not removing it")
    shutil.rmtree(folder)
    return True
