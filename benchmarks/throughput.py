"""Extraction throughput on a newswire archive, single process.

    python benchmarks/throughput.py [CORPUS_DIR] [--limit N]

    python benchmarks/throughput.py [CORPUS_DIR] --jobs N

CORPUS_DIR defaults to /tmp/corpora/reuters21578 (the unpacked Reuters corpus). Prints,
for the same documents: the quantity scanner alone (on each document's extraction text,
after ingest) and the full extraction (ingest + extract_claims), as MB/s and items/s,
by wall clock and by process CPU time (CPU time is steadier on a shared machine).

With --jobs N it also times what ``factlint claims``/``check`` run on a cold index: the
whole collection path (discovery, ingest, extraction in N worker processes, decoding the
results), by wall clock, with the claim index off.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

from _corpus import corpus_args, corpus_parser

from factlint.extract import extract_claims
from factlint.extract.quantities import scan_quantities
from factlint.ingest import load_document
from factlint.models import Document
from factlint.pipeline import collect



def _files(root: Path, limit: Optional[int]) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt", ".html", ".htm"))
    return files[:limit] if limit else files


def _line(label: str, mb: float, items: int, wall: float, cpu: float, what: str) -> str:
    return (f"{label:<28} {mb:7.2f} MB  wall {wall:6.2f}s {mb / wall:6.2f} MB/s {items / wall:9.0f} {what}/s"
            f"  | cpu {cpu:6.2f}s {mb / cpu:6.2f} MB/s")


def main(argv: Optional[list[str]] = None) -> int:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="also time collection with N worker processes")
    args = corpus_args(parser, argv)
    if args is None:
        return 2
    files = _files(args.corpus, args.limit)
    if not files:
        print(f"no documents under {args.corpus}", file=sys.stderr)
        return 2
    raw_bytes = sum(p.stat().st_size for p in files)
    mb = raw_bytes / 1e6
    scan_quantities("warm up 5 pct")        # load the unit tables outside the timings

    w0, c0 = time.perf_counter(), time.process_time()
    docs = [d for d in (load_document(p) for p in files) if isinstance(d, Document)]
    ingest_wall, ingest_cpu = time.perf_counter() - w0, time.process_time() - c0

    w0, c0 = time.perf_counter(), time.process_time()
    quantities = sum(len(scan_quantities(d.text)) for d in docs)
    scan_wall, scan_cpu = time.perf_counter() - w0, time.process_time() - c0

    w0, c0 = time.perf_counter(), time.process_time()
    claims = 0
    for p in files:
        doc = load_document(p)
        if isinstance(doc, Document):
            claims += len(extract_claims(doc))
    full_wall, full_cpu = time.perf_counter() - w0, time.process_time() - c0

    print(f"{len(files)} files, {len(docs)} documents, {mb:.2f} MB from {args.corpus}")
    print(_line("ingest only", mb, len(docs), ingest_wall, ingest_cpu, "docs"))
    print(_line("quantity scanner only", mb, quantities, scan_wall, scan_cpu, "quantities"))
    print(_line("ingest + extract_claims", mb, claims, full_wall, full_cpu, "claims"))
    if args.jobs:
        w0 = time.perf_counter()
        collected = collect(files, jobs=args.jobs, use_cache=False, quiet=True, root=args.corpus)
        wall = time.perf_counter() - w0
        found = sum(len(f.claims) for f in collected.files)
        print(f"{'collect, ' + str(args.jobs) + ' worker processes':<28} {mb:7.2f} MB  wall {wall:6.2f}s "
              f"{mb / wall:6.2f} MB/s {found / wall:9.0f} claims/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
