"""Files -> per-file results (claims, metadata, directives), through the claim index.

``collect`` reads the files under some paths; ``collect_corpus`` reads a few
target files plus, from the index, what the rest of the corpus needs to be
compared with them. Both:

1. list the files (ingest), stat them, and ask the index which ones it holds
   unchanged: same (mtime_ns, size), or same bytes after hashing when those
   differ, built with the same extraction settings;
2. extract the others, in worker processes when there are enough of them
   (paths go out, compact encoded results come back: what the index stores);
3. store the new results in one transaction and return everything sorted by
   path, so the result is the same whatever ``jobs`` is and whatever the cache
   held.
"""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

import orjson

from factlint.cache.codec import CodecError, decode_file, encode_file, with_display_path
from factlint.cache.keys import extraction_key
from factlint.cache.results import check_digest, corpus_fingerprint, decode_check, encode_check, result_id
from factlint.cache.store import ClaimIndex, Entry, Row
from factlint.errors import FactlintError
from factlint.ingest import discover_files, display_path, load_document
from factlint.models import CheckResult, Document, DocumentMeta, FileResult, Finding, IngestNotice
from factlint.rules.suppress import parse_directives
from factlint.workers import die_with_parent
from factlint.yamlio import parsed_store

PathLike = Union[str, Path]
EntityKey = Callable[[Optional[str]], Optional[str]]

# Below this many files to extract, starting worker processes costs more than it saves.
MIN_PARALLEL_FILES = 48
CHUNK_FILES = 32
# Progress is shown only when there is enough to extract for a run to take a moment.
MIN_PROGRESS_FILES = 200


@dataclass
class Collected:
    files: list[FileResult] = field(default_factory=list)
    notices: list[IngestNotice] = field(default_factory=list)
    # Display paths of the files asked about in an incremental run; None: every file is one.
    targets: Optional[set[str]] = None
    stats: dict[str, int] = field(default_factory=dict)  # cached / extracted / hashed counts
    # A stored whole-run result for exactly these files and settings (then ``files`` is empty).
    cached_result: Optional[bytes] = None
    # Where this run's result can be stored: (corpus root, extraction settings, result id).
    result_slot: Optional[tuple[str, str, str]] = None

    @property
    def claims(self):
        return [c for f in self.files for c in f.claims]


def extract_claims(doc: Document):
    # Imported here: a run answered from the index never needs the extraction stack.
    from factlint.extract import extract_claims as extract

    return extract(doc)


# Problems the author of a file must fix (its metadata or a suppression was lost) are
# warnings, shown on stderr; how a file was decoded or skipped is info, counted only.
AUTHOR_PROBLEMS = ("front matter", "factlint-", "directive")


def notice_level(message: str) -> str:
    return "warning" if any(marker in message for marker in AUTHOR_PROBLEMS) else "info"


def process_document(doc: Document) -> FileResult:
    meta = DocumentMeta(path=doc.path, date=doc.date, outlet=doc.outlet, title=doc.title, format=doc.format)
    digest = hashlib.sha256(doc.raw.encode("utf-8", "surrogatepass")).hexdigest()
    directives = parse_directives(doc)  # first: a malformed directive adds to doc.notices
    notices = [IngestNotice(path=doc.path, level=notice_level(m), message=m) for m in doc.notices]
    return FileResult(meta=meta, content_hash=digest, claims=extract_claims(doc),
                      directives=directives, notices=notices)


def notify_stderr(message: str) -> None:
    print(f"factlint: {message}", file=sys.stderr, flush=True)


# Sources: a file to read, under which name, under which index key --------------------

@dataclass(frozen=True, slots=True)
class Source:
    path: str                 # absolute, normalized
    display: str              # the path findings show
    key: Optional[str]        # POSIX path relative to the corpus root; None outside it (not cached)


def _index_key(absolute: str, root: Optional[str]) -> Optional[str]:
    if root is None:
        return None
    rel = os.path.relpath(absolute, root)
    if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


def _folder_stamps(root: str) -> dict[str, int]:
    """mtime_ns of every folder under ``root`` that discovery can enter (hidden ones and
    links to folders are never entered). Adding, removing or renaming an entry changes
    the mtime of the folder holding it."""
    stamps: dict[str, int] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            stamps[folder] = os.stat(folder).st_mtime_ns
            with os.scandir(folder) as it:
                stack.extend(e.path for e in it if not e.name.startswith(".") and e.is_dir(follow_symlinks=False))
        except OSError:
            stamps[folder] = -1
    return stamps


def _listed(paths: Sequence[PathLike], exclude: Sequence[str], root: Optional[str],
            problems: list[IngestNotice], index: Optional[ClaimIndex]) -> list[str]:
    """Absolute paths of the files discovery finds. Listing the whole corpus is kept in the
    index with the mtimes of its folders: when none changed, the files are the same and
    the walk (a second per 20,000 files) is skipped."""
    whole = index is not None and root is not None and [os.path.abspath(p) for p in paths] == [root]
    if not whole:
        return [os.path.normpath(os.path.abspath(p)) for p in discover_files(paths, exclude, problems)]
    listing_id = hashlib.sha256(orjson.dumps([root, os.getcwd(), list(exclude)])).hexdigest()
    stored = index.get_listing(listing_id)  # type: ignore[union-attr]
    if stored is not None:
        try:
            data = orjson.loads(stored)
            if all(_mtime_ns(folder) == stamp for folder, stamp in data["folders"].items()):
                return list(data["files"])
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    stamps = _folder_stamps(root)  # before the walk: a change during it shows next time
    before = len(problems)
    files = [os.path.normpath(os.path.abspath(p)) for p in discover_files(paths, exclude, problems)]
    if len(problems) == before and -1 not in stamps.values():
        index.put_listing(listing_id, orjson.dumps({"folders": stamps, "files": files}))  # type: ignore[union-attr]
    return files


def _mtime_ns(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def _sources(paths: Sequence[PathLike], exclude: Sequence[str], root: Optional[str],
             problems: list[IngestNotice], index: Optional[ClaimIndex] = None) -> list[Source]:
    # ingest.display_path's rule (relative to the working folder when under it), with
    # string operations: pathlib costs a second per 20,000 files here.
    cwd = os.getcwd()
    cwd_prefix = cwd.rstrip(os.sep) + os.sep
    root_prefix = root.rstrip(os.sep) + os.sep if root is not None else None
    out = []
    for absolute in _listed(paths, exclude, root, problems, index):
        if absolute.startswith(cwd_prefix):
            shown = absolute[len(cwd_prefix):].replace(os.sep, "/")
        else:
            shown = display_path(absolute)
        if root_prefix is not None and absolute.startswith(root_prefix):
            key: Optional[str] = absolute[len(root_prefix):].replace(os.sep, "/")
        else:
            key = _index_key(absolute, root)
        out.append(Source(absolute, shown, key))
    return out


def _file_hash(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def _stat(path: str) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


# Extraction, in this process or in workers ---------------------------------------------

@dataclass(frozen=True, slots=True)
class Extracted:
    """What extracting one file gives back: an encoded result or a notice."""

    source: Source
    stat: Optional[tuple[int, int]]
    file_hash: Optional[str]
    data: Optional[bytes] = None
    notice: Optional[IngestNotice] = None


def extract_one(source: Source) -> Extracted:
    # Stat and hash before reading: if the file changes meanwhile, the next run sees a
    # different stat, re-hashes, and re-extracts, so a stale entry is never trusted.
    stat = _stat(source.path)
    file_hash = _file_hash(source.path)
    try:
        item = load_document(Path(source.path), source.display)
        if isinstance(item, IngestNotice):
            return Extracted(source, stat, file_hash, notice=item)
        return Extracted(source, stat, file_hash, data=encode_file(process_document(item)))
    except Exception as exc:
        # A bug met on one file must not cost the user the rest of the run.
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        message = f"internal error while reading this file, skipped: {type(exc).__name__}: {exc}"
        return Extracted(source, stat, None, notice=IngestNotice(path=source.display, level="error",
                                                                 message=message.splitlines()[0]))


def _extract_chunk(sources: list[Source]) -> list[Extracted]:
    return [extract_one(s) for s in sources]


def _progress(total: int, quiet: bool):
    """A rich progress bar on stderr, or None when nobody is watching."""
    if quiet or total < MIN_PROGRESS_FILES or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    return progress


def extract_all(sources: Sequence[Source], jobs: Optional[int] = None, quiet: bool = False) -> list[Extracted]:
    """Extract every source; the order of the result is the order of ``sources``."""
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    progress = _progress(len(sources), quiet)
    task = progress.add_task("extract", total=len(sources)) if progress else None
    results: list[Extracted] = []
    try:
        if progress:
            progress.start()
        if jobs == 1 or len(sources) < MIN_PARALLEL_FILES:
            for s in sources:
                results.append(extract_one(s))
                if progress:
                    progress.advance(task)
            return results
        # Enough chunks for an even spread, small enough for a live progress bar.
        size = max(1, min(CHUNK_FILES, len(sources) // (jobs * 4) or 1))
        chunks = [list(sources[i:i + size]) for i in range(0, len(sources), size)]
        done: dict[int, list[Extracted]] = {}
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            pending = {pool.submit(_extract_chunk, c): i for i, c in enumerate(chunks)}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    done[i] = fut.result()
                    if progress:
                        progress.advance(task, len(done[i]))
        for i in range(len(chunks)):
            results.extend(done[i])
        return results
    finally:
        if progress:
            progress.stop()


# The index -----------------------------------------------------------------------------

@dataclass
class _Plan:
    fresh: list[Source] = field(default_factory=list)       # the index holds them unchanged
    stale: list[Source] = field(default_factory=list)       # to extract
    touched: list[tuple[str, int, int]] = field(default_factory=list)  # same bytes, new stat
    hashed: int = 0


def _plan(sources: Iterable[Source], entries: dict[str, Entry], settings: str) -> _Plan:
    plan = _Plan()
    for s in sources:
        entry = entries.get(s.key) if s.key is not None else None
        if entry is None or entry.settings != settings:
            plan.stale.append(s)
            continue
        stat = _stat(s.path)
        if stat is None:
            plan.stale.append(s)  # gone or unreadable: extraction reports it
        elif stat == (entry.mtime_ns, entry.size):
            plan.fresh.append(s)
        else:
            plan.hashed += 1
            if stat[1] == entry.size and _file_hash(s.path) == entry.file_hash:
                plan.fresh.append(s)
                plan.touched.append((s.key, stat[0], stat[1]))
            else:
                plan.stale.append(s)
    return plan


def _load(index: ClaimIndex, sources: Sequence[Source], everything: bool) -> tuple[list[FileResult], list[Source]]:
    """Decode stored results; entries that do not decode come back to be extracted."""
    results, lost = _load_keyed(index, sources, everything)
    return list(results.values()), lost


def _load_keyed(index: ClaimIndex, sources: Sequence[Source], everything: bool
                ) -> tuple[dict[str, FileResult], list[Source]]:
    by_key = {s.key: s for s in sources}
    results: dict[str, FileResult] = {}
    # Decoding builds hundreds of thousands of objects that all live to the end of the
    # run: the cyclic collector would rescan them again and again for nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for key, data in index.blobs(by_key, everything=everything):
            source = by_key.pop(key)
            try:
                result = decode_file(data)
            except CodecError:
                by_key[key] = source
                continue
            results[key] = with_display_path(result, source.display)
        lost = list(by_key.values())
    finally:
        if was_enabled:
            gc.enable()
    if len(results) > 1000:
        gc.freeze()
    if lost:
        index.notify(f"cache: {len(lost)} unreadable entr{'y' if len(lost) == 1 else 'ies'}; re-extracting")
    return results, lost


def _entities(result: FileResult) -> tuple[str, ...]:
    return tuple(sorted({c.entity for c in result.claims if c.entity}))


def _finish(extracted: Sequence[Extracted], index: Optional[ClaimIndex], touched, forget,
            out: Collected, hashes: Optional[dict[str, str]] = None) -> list[FileResult]:
    """Decode extraction results, queue them for the index, collect notices; the content
    hash of each file read goes into ``hashes`` (by index key)."""
    return _extracted_pairs(extracted, index, out, hashes, touched, forget)[1]


def _extracted_pairs(extracted: Sequence[Extracted], index: Optional[ClaimIndex], out: Collected,
                     hashes: Optional[dict[str, str]] = None, touched=(), forget=()
                     ) -> tuple[list[Extracted], list[FileResult]]:
    """:func:`_finish`, with the extraction each result came from."""
    done: list[Extracted] = []
    results: list[FileResult] = []
    rows: list[Row] = []
    for e in extracted:
        if e.notice is not None:
            out.notices.append(e.notice)
            continue
        result = decode_file(e.data)  # type: ignore[arg-type]
        done.append(e)
        results.append(result)
        if hashes is not None and e.source.key is not None and e.file_hash:
            hashes[e.source.key] = e.file_hash
        if index is not None and e.source.key is not None and e.stat is not None and e.file_hash:
            rows.append(Row(e.source.key, e.stat[0], e.stat[1], e.file_hash, e.data, _entities(result)))  # type: ignore[arg-type]
    if index is not None:
        index.update(rows, touched, forget)
    return done, results


def _open_index(root: Optional[PathLike], tables: Iterable[PathLike], use_cache: bool,
                notify: Callable[[str], None]) -> Optional[ClaimIndex]:
    if not use_cache or root is None:
        return None
    return ClaimIndex.open(Path(root), extraction_key([Path(t) for t in tables]), notify)


def _default_root(paths: Sequence[PathLike]) -> str:
    folders = []
    for p in paths:
        a = os.path.abspath(p)
        folders.append(a if os.path.isdir(a) else os.path.dirname(a))
    return os.path.commonpath(folders) if folders else os.getcwd()


def collect(paths: Iterable[PathLike], exclude: Iterable[str] = (), jobs: Optional[int] = None,
            use_cache: bool = True, quiet: bool = False, *, root: Optional[PathLike] = None,
            tables: Iterable[PathLike] = (), notify: Callable[[str], None] = notify_stderr,
            result_key: Optional[str] = None, before_work: Optional[Callable[[], None]] = None) -> Collected:
    """Every file under ``paths``, from the index where it is unchanged.

    ``root`` is the corpus root the index lives under (default: the paths' common
    folder); ``tables`` are user alias/rate tables whose content keys the index.
    With ``result_key`` (a check's settings digest), a stored result for the same
    files and settings comes back in ``cached_result`` instead of the files;
    ``before_work`` runs first when there is work to do (the caller's own checks).
    """
    paths = list(paths)
    root_s = os.path.abspath(root) if root is not None else _default_root(paths)
    out = Collected()
    index = _open_index(root_s, tables, use_cache, notify)
    try:
        sources = _sources(paths, list(exclude), root_s, out.notices, index)
        if index is None:
            if before_work is not None:
                before_work()
            out.files = _finish(extract_all(sources, jobs, quiet), None, (), (), out)
            out.stats = {"cached": 0, "extracted": len(sources), "hashed": 0}
        else:
            entries, plan, forget, hashes = _planned(index, sources, paths, root_s)
            if _reuse_result(index, out, root_s, sources, hashes, None, result_key, plan, forget):
                return out
            if before_work is not None:
                before_work()
            loaded, lost = _load(index, plan.fresh, everything=len(plan.fresh) > len(entries) // 2)
            for s in lost:
                hashes.pop(s.key, None)
            stale = plan.stale + lost
            extracted = _finish(extract_all(stale, jobs, quiet), index, plan.touched, forget, out, hashes)
            out.files = loaded + extracted
            out.stats = {"cached": len(loaded), "extracted": len(stale), "hashed": plan.hashed}
            out.result_slot = _slot(index, root_s, sources, hashes, None, result_key)
    finally:
        if index is not None:
            index.close()
    out.files.sort(key=lambda f: f.meta.path)
    for f in out.files:
        out.notices.extend(f.notices)
    return out


def _vanished(entries: dict[str, Entry], sources: Sequence[Source], paths: Sequence[PathLike],
              root: str) -> list[str]:
    """Index keys of files that no longer exist, when this run listed the whole corpus."""
    if not any(os.path.abspath(p) == root for p in paths):
        return []
    seen = {s.key for s in sources}
    return [k for k in entries if k not in seen and not os.path.exists(os.path.join(root, k))]


def _planned(index: ClaimIndex, sources: Sequence[Source], paths: Sequence[PathLike], root: str
             ) -> tuple[dict[str, Entry], _Plan, list[str], dict[str, str]]:
    """The index's entries, what to extract or reuse, the keys of vanished files, and the
    stored content hashes of the files reused."""
    entries = index.entries()
    plan = _plan(sources, entries, index.settings)
    return entries, plan, _vanished(entries, sources, paths, root), {s.key: entries[s.key].file_hash
                                                                     for s in plan.fresh}


# Incremental runs: some files against the indexed corpus ------------------------------

def collect_corpus(targets: Iterable[PathLike], root: PathLike, *, exclude: Iterable[str] = (),
                   jobs: Optional[int] = None, use_cache: bool = True, quiet: bool = False,
                   tables: Iterable[PathLike] = (), entity_key: Optional[EntityKey] = None,
                   notify: Callable[[str], None] = notify_stderr, result_key: Optional[str] = None,
                   before_work: Optional[Callable[[], None]] = None) -> Collected:
    """The target files, plus what the rest of the corpus under ``root`` needs for comparison.

    With ``entity_key`` (the comparison stage's entity canonicalizer), other files
    contribute only their claims whose canonical entity some target claim shares,
    read from the index without decoding the rest: comparison only ever pairs
    claims about the same entity. Without it, every file comes back whole.
    ``Collected.targets`` holds the targets' display paths.
    """
    targets = list(targets)
    exclude = list(exclude)
    root_s = os.path.abspath(root)
    out = Collected()
    index = _open_index(root_s, tables, use_cache, notify)
    try:
        target_sources = _sources(targets, exclude, root_s, out.notices)
        target_paths = {s.path for s in target_sources}
        corpus_sources = [s for s in _sources([root_s], exclude, root_s, out.notices, index)
                          if s.path not in target_paths]
        out.targets = {s.display for s in target_sources}
        entries = index.entries() if index is not None else {}
        settings = index.settings if index is not None else ""
        t_plan = _plan(target_sources, entries, settings)
        c_plan = _plan(corpus_sources, entries, settings)
        stale = t_plan.stale + c_plan.stale
        every = target_sources + corpus_sources
        forget = _vanished(entries, every, [root_s], root_s)
        hashes = {s.key: entries[s.key].file_hash for s in t_plan.fresh + c_plan.fresh}
        if index is not None and _reuse_result(index, out, root_s, every, hashes, out.targets, result_key,
                                               _Plan(stale=stale, touched=t_plan.touched + c_plan.touched),
                                               forget):
            return out
        if before_work is not None:
            before_work()
        extracted = _finish(extract_all(stale, jobs, quiet), index, t_plan.touched + c_plan.touched, forget, out,
                            hashes)
        fresh_targets, lost = _load(index, t_plan.fresh, everything=False) if index is not None else ([], [])
        if lost:
            extracted += _finish(extract_all(lost, jobs, quiet), index, (), (), out, hashes)
        target_results = [r for r in extracted if r.meta.path in out.targets] + fresh_targets
        others = [r for r in extracted if r.meta.path not in out.targets]
        if entity_key is None:
            if index is not None:
                more, lost = _load(index, c_plan.fresh, everything=True)
                others += more + _finish(extract_all(lost, jobs, quiet), index, (), (), out, hashes)
        else:
            wanted = {k for r in target_results for c in r.claims if (k := entity_key(c.entity)) is not None}
            others = [r for r in (_only_entities(r, wanted, entity_key) for r in others) if r is not None]
            if index is not None and wanted:
                names = [n for n in index.entity_names() if entity_key(n) in wanted]
                keys = index.keys_with_entities(names)
                related = [s for s in c_plan.fresh if s.key in keys]
                more, lost = _load(index, related, everything=False)
                more += _finish(extract_all(lost, jobs, quiet), index, (), (), out, hashes)
                others += [r for r in (_only_entities(r, wanted, entity_key) for r in more) if r is not None]
        out.files = sorted(target_results + others, key=lambda f: f.meta.path)
        out.stats = {"cached": len(t_plan.fresh) + len(c_plan.fresh), "extracted": len(stale),
                     "hashed": t_plan.hashed + c_plan.hashed}
        if index is not None:
            out.result_slot = _slot(index, root_s, every, hashes, out.targets, result_key)
    finally:
        if index is not None:
            index.close()
    # Problems elsewhere in the corpus are not what was asked about.
    out.notices = [n for n in out.notices if n.path in out.targets]
    for f in out.files:
        if f.meta.path in out.targets:
            out.notices.extend(f.notices)
    return out


def _only_entities(result: FileResult, wanted: set[str], entity_key: EntityKey) -> Optional[FileResult]:
    claims = [c for c in result.claims if entity_key(c.entity) in wanted]
    if not claims:
        return None
    return result.model_copy(update={"claims": claims})


def involves(finding: Finding, targets: set[str]) -> bool:
    """Whether a finding is about one of the target files: its location, a related
    location or one of its claims lies in one."""
    return finding.path in targets or any(r.path in targets for r in finding.related) \
        or any(c.path in targets for c in finding.claims)


def covers_corpus(paths: Iterable[PathLike], root: PathLike) -> bool:
    """Whether ``paths`` include the corpus root itself or a folder above it (a full run)."""
    root_s = os.path.abspath(root)
    for p in paths:
        a = os.path.abspath(p)
        if a == root_s or root_s.startswith(a.rstrip(os.sep) + os.sep):
            return True
    return False


def changed_files(ref: str, cwd: Optional[PathLike] = None) -> list[Path]:
    """Files changed since git ``ref`` that still exist: committed on this branch since it
    left ``ref`` (``git diff REF...``), changed in the working tree, or new and not ignored."""
    cwd = Path(cwd or os.getcwd())

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise FactlintError("--diff-base needs git, which was not found on PATH") from None
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or ["git failed"])[-1]
            if "not a git repository" in done.stderr:
                raise FactlintError(f"--diff-base: {cwd} is not inside a git repository")
            raise FactlintError(f"--diff-base {ref}: {detail}")
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    base = git("merge-base", ref, "HEAD").strip()
    names = git("diff", "--name-only", "-z", base, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/").split("\0")
    return sorted({top / n for n in names if n and (top / n).is_file()})


def collect_for_check(paths: Sequence[PathLike], config, *, jobs: Optional[int] = None, use_cache: bool = True,
                      quiet: bool = False, diff_base: Optional[str] = None,
                      entity_key: Optional[EntityKey] = None, result_key: Optional[str] = None,
                      before_work: Optional[Callable[[], None]] = None) -> Collected:
    """What `factlint check` reads, given its paths and :class:`factlint.config.Config`.

    A run over the corpus root (or above it), or without a configuration file, reads
    the paths. Otherwise the paths are targets checked against the indexed corpus
    (``config.corpus``), as are the files changed since ``diff_base``.
    """
    from factlint.ingest import SUFFIXES

    tables = list(config.alias_files) + ([config.rates_file] if config.rates_file else [])
    exclude = config.exclude_patterns()
    paths = list(paths) or [config.corpus]
    common = dict(jobs=jobs, use_cache=use_cache, quiet=quiet, tables=tables, result_key=result_key,
                  before_work=before_work)
    if diff_base is not None:
        scopes = [os.path.abspath(p) for p in paths]
        changed = [p for p in changed_files(diff_base, config.corpus)
                   if p.suffix.lower() in SUFFIXES and any(_within(str(p), s) for s in scopes)]
        if not changed:
            return Collected(targets=set())
        return collect_corpus(changed, config.corpus, exclude=exclude, entity_key=entity_key, **common)
    if config.path is None or covers_corpus(paths, config.corpus):
        return collect(paths, exclude=exclude, root=config.corpus, **common)
    return collect_corpus(paths, config.corpus, exclude=exclude, entity_key=entity_key, **common)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


# Full runs that load files only when asked -------------------------------------------

@dataclass
class Corpus:
    """A whole-corpus run through the index: the files listed, the changed ones extracted,
    and the others loaded only when :meth:`load` asks for them (see factlint.rules.units).
    Use :func:`open_corpus`; :meth:`close` when done."""

    root: str
    paths: list[str]                     # what was listed (absolute)
    index: ClaimIndex
    # Index key -> (display path, content hash) of every file this run has a result for.
    current: dict[str, tuple[str, str]]
    notices: list[IngestNotice]          # problems listing or reading files
    stats: dict[str, int]
    _extracted: dict[str, FileResult]
    _fresh: dict[str, Source]
    _jobs: Optional[int] = None
    _quiet: bool = True
    _context: Optional[ExitStack] = None

    def load(self, keys: Iterable[str]) -> dict[str, FileResult]:
        """Results of these files (by index key); a file that can no longer be read is left
        out (and its notice added to ``notices``)."""
        out: dict[str, FileResult] = {}
        sources = []
        for k in dict.fromkeys(keys):
            if k in self._extracted:
                out[k] = self._extracted[k]
            elif k in self._fresh:
                sources.append(self._fresh[k])
        if not sources:
            return out
        loaded, lost = _load_keyed(self.index, sources, everything=len(sources) > 500)
        out.update(loaded)
        if lost:
            into = Collected()
            hashes: dict[str, str] = {}
            done, results = _extracted_pairs(extract_all(lost, self._jobs, self._quiet), self.index, into, hashes)
            for e, result in zip(done, results):
                key = e.source.key
                out[key] = self._extracted[key] = result  # type: ignore[index]
                self.current[key] = (e.source.display, hashes.get(key) or result.content_hash)  # type: ignore[index]
            for s in lost:
                self._fresh.pop(s.key, None)  # type: ignore[arg-type]
                if s.key not in out:
                    self.current.pop(s.key, None)  # type: ignore[arg-type]
            self.notices.extend(into.notices)
        return out

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
        self.index.close()


def open_corpus(paths: Sequence[PathLike], root: PathLike, *, exclude: Iterable[str] = (),
                jobs: Optional[int] = None, quiet: bool = False, tables: Iterable[PathLike] = (),
                notify: Callable[[str], None] = notify_stderr,
                before_work: Optional[Callable[[], None]] = None) -> Optional[Corpus]:
    """List the files under ``paths`` (a whole corpus under ``root``), extract those the
    index does not hold unchanged and store them; None when there is no index to read
    the others from, or a file lies outside ``root`` (then :func:`collect` does it all)."""
    paths = list(paths)
    root_s = os.path.abspath(root)
    index = _open_index(root_s, tables, True, notify)
    if index is None:
        return None
    context = ExitStack()
    try:
        # The tables this run reads (units, aliases, rules, rates) parsed once, kept in the index.
        context.enter_context(parsed_store(index.parsed_store()))
        out = Collected()
        sources = _sources(paths, list(exclude), root_s, out.notices, index)
        if any(s.key is None for s in sources):
            context.close()
            index.close()
            return None
        _, plan, forget, hashes = _planned(index, sources, paths, root_s)
        if plan.stale and before_work is not None:
            before_work()
        pairs = _extracted_pairs(extract_all(plan.stale, jobs, quiet), index, out, hashes, plan.touched, forget)
    except BaseException:
        context.close()
        index.close()
        raise
    done: dict[str, FileResult] = {e.source.key: result for e, result in zip(*pairs)}  # type: ignore[misc]
    fresh = {s.key: s for s in plan.fresh}
    current: dict[str, tuple[str, str]] = {}
    for s in sources:  # failed extractions have a notice instead
        if s.key in done:
            current[s.key] = (s.display, hashes.get(s.key) or done[s.key].content_hash)  # type: ignore[index]
        elif s.key in fresh:
            current[s.key] = (s.display, hashes[s.key])  # type: ignore[index]
    return Corpus(root=root_s, paths=[os.path.abspath(p) for p in paths], index=index, current=current,
                  notices=out.notices,
                  stats={"cached": len(plan.fresh), "extracted": len(plan.stale), "hashed": plan.hashed},
                  _extracted=done, _fresh=fresh, _jobs=jobs, _quiet=quiet, _context=context)  # type: ignore[arg-type]


# Whole-run results ----------------------------------------------------------------------

def _slot(index: ClaimIndex, root: str, sources: Sequence[Source], hashes: dict[str, str],
          targets: Optional[set[str]], result_key: Optional[str]) -> Optional[tuple[str, str, str]]:
    """Where the result of a run over exactly these file contents is stored; None when some
    file has no known content hash (outside the root, unreadable) or results are not wanted."""
    if result_key is None:
        return None
    files = []
    for s in sources:
        digest = hashes.get(s.key) if s.key is not None else None
        if digest is None:
            return None
        files.append((s.key, s.display, digest))
    return root, index.settings, result_id(corpus_fingerprint(root, files, targets), result_key)


def _reuse_result(index: ClaimIndex, out: Collected, root: str, sources: Sequence[Source],
                  hashes: dict[str, str], targets: Optional[set[str]], result_key: Optional[str],
                  plan: _Plan, forget: list[str]) -> bool:
    """Fill ``out.cached_result`` when nothing changed since a run with the same settings."""
    if result_key is None or plan.stale:
        return False
    slot = _slot(index, root, sources, hashes, targets, result_key)
    blob = index.get_result(slot[2]) if slot is not None else None
    if blob is None:
        return False
    index.update((), plan.touched, forget)
    out.cached_result, out.result_slot = blob, slot
    out.notices = []  # the stored result has its own
    out.stats = {"cached": len(sources), "extracted": 0, "hashed": plan.hashed, "result": 1}
    return True


def remember_result(collected: Collected, data: bytes, notify: Callable[[str], None] = notify_stderr) -> None:
    if collected.result_slot is None:
        return
    root, settings, rid = collected.result_slot
    index = ClaimIndex.open(Path(root), settings, notify)
    if index is not None:
        try:
            index.put_result(rid, data)
        finally:
            index.close()


def check_with_index(paths: Sequence[PathLike], config, options, compute: Callable[[Collected], "CheckResult"],
                     *, entity_key: Optional[EntityKey] = None,
                     prepare: Optional[Callable[[], None]] = None,
                     units: Optional[Callable[[Corpus], "CheckResult"]] = None) -> "CheckResult":
    """`factlint check` through the index: the stored result when neither the files nor
    anything else that decides the result changed, else ``compute(collected)``, stored.
    ``prepare`` (loading and validating the rule set) runs before any extraction unless
    the stored result is used.

    With ``units``, a run over the whole corpus is ``units(corpus)`` instead: it reads the
    files it needs from the :class:`Corpus` and keeps findings per unit in the index.

    ``options`` is a factlint.check.CheckOptions (jobs, use_cache, quiet, diff_base, unfiltered).
    """
    if units is not None and options.use_cache and options.diff_base is None \
            and (config.path is None or covers_corpus(list(paths) or [config.corpus], config.corpus)):
        tables = list(config.alias_files) + ([config.rates_file] if config.rates_file else [])
        corpus = open_corpus(list(paths) or [config.corpus], config.corpus, exclude=config.exclude_patterns(),
                             jobs=options.jobs, quiet=options.quiet, tables=tables, before_work=prepare)
        if corpus is not None:
            try:
                return units(corpus)
            finally:
                corpus.close()
    common = dict(jobs=options.jobs, use_cache=options.use_cache, quiet=options.quiet,
                  diff_base=options.diff_base, entity_key=entity_key, before_work=prepare)
    digest = check_digest(config, options) if options.use_cache else None
    collected = collect_for_check(paths, config, result_key=digest, **common)
    if collected.cached_result is not None:
        try:
            result, options.unfiltered = decode_check(collected.cached_result)
            return result
        except CodecError:
            collected = collect_for_check(paths, config, **common)
    result = compute(collected)
    if collected.result_slot is not None:
        remember_result(collected, encode_check(result, list(options.unfiltered)))
    return result
