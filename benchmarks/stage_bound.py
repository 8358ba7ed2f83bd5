"""How fast extraction could be if whole stages cost nothing: an upper bound, measured.

    python benchmarks/stage_bound.py [CORPUS_DIR] [--limit N]

Runs ingest + extract_claims over the same documents several times, each in a fresh
process, with more and more of the extraction's analysis replaced by functions that
return nothing at once:

1. nothing replaced (the real extraction);
2. periods, entity mentions, attributions and subject phrases (the sentence scans a
   shared tokenisation could merge);
3. and entity binding and metrics;
4. and every other analysis step (kinds, targets, rates, shares, document entities,
   headline companies, results tables, metric aliases): what is left is ingest, the
   quantity scanner, paragraph and sentence splitting and the claim records.

The claims of runs 2-4 are wrong by design; only their CPU time means anything. No
rewrite of a replaced stage can make extraction faster than the run that replaces it,
so run 4 bounds any extractor built on this ingest and this scanner.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Optional

from _corpus import corpus_args, corpus_parser

RUNS = [
    ("real extraction", ""),
    ("- periods, mentions, attributions, subjects", "scans"),
    ("- and entity binding, metrics", "scans,binding"),
    ("- and all other analysis", "scans,binding,rest"),
]

TIMING = r"""
import sys, time
from pathlib import Path
import factlint.extract.pipeline as P
from factlint.extract import attribution as attr
from factlint.ingest import load_document
from factlint.models import Document

def nothing(value):
    return lambda *args, **kwargs: value

def replace(module, **stubs):
    for name, stub in stubs.items():
        if not hasattr(module, name):
            raise SystemExit(f"{module.__name__} has no {name}: update benchmarks/stage_bound.py")
        setattr(module, name, stub)

groups = set(filter(None, sys.argv[3].split(",")))
if "scans" in groups:
    replace(P, find_periods=nothing([]), find_mentions=nothing([]), subject_phrase=nothing(("", False)))
    replace(attr, find_attributions=nothing([]), find_speaker=nothing(None))
if "binding" in groups:
    replace(P, bind_entity=nothing(None))
    replace(P._DocExtractor, _metric=nothing(None))
if "rest" in groups:
    replace(P, classify=nothing("level"), is_target=nothing(False), rate_span=nothing(None),
            share_parts=nothing(None), market_snapshot=nothing(False), trade_partner=nothing(None),
            excluded_part=nothing(None), title_company=nothing(None), is_results_line=nothing(False),
            canonical_metric=nothing(None), is_figure_row=nothing(False), is_footnote=nothing(False),
            doc_entities=lambda *args, **kwargs: P.DocEntities())

files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt", ".html", ".htm"))
limit = int(sys.argv[2])
files = files[:limit] if limit else files
mb = sum(p.stat().st_size for p in files) / 1e6
P.extract_claims(load_document(files[0]))      # load the tables outside the timing
t = time.process_time()
claims = 0
for p in files:
    doc = load_document(p)
    if isinstance(doc, Document):
        claims += len(P.extract_claims(doc))
cpu = time.process_time() - t
print(f"{mb:.3f} {cpu:.3f} {claims}")
"""


def main(argv: Optional[list[str]] = None) -> int:
    args = corpus_args(corpus_parser(__doc__.splitlines()[0]), argv)
    if args is None:
        return 2
    for label, groups in RUNS:
        out = subprocess.run([sys.executable, "-c", TIMING, str(args.corpus), str(args.limit), groups],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{label}: failed\n{out.stderr.strip()}", file=sys.stderr)
            return 1
        mb, cpu, claims = out.stdout.split()
        print(f"{label:<46} cpu {float(cpu):6.2f}s {float(mb) / float(cpu):5.2f} MB/s  ({claims} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
