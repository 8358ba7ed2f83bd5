"""Print a reproducible random sample of findings from a `factlint check -f json` report, with
each finding's claims (location, text, kind, entity, metric, period, source and sentence), for
reading by hand how many findings are right.

    python benchmarks/sample_findings.py REPORT.json [--rule FL101] [-n 20] [--seed 20261201]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Optional


def _claim_line(c: dict) -> str:
    p = c.get("period") or {}
    period = f"{p.get('text')}/{p.get('start')}..{p.get('end')}{' implied' if p.get('implied') else ''}"
    return (f"   [{c['path']}:{c['line']}] {c['text']!r} kind={c['kind']} entity={c['entity']} "
            f"metric={c['metric']} period={period} source={c['source']}\n"
            f"      {' '.join((c.get('sentence') or '').split())[:300]}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--rule", default=None, help="only findings of this rule id")
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args(argv)
    try:
        findings = json.loads(args.report.read_text(encoding="utf-8"))["findings"]
    except (OSError, ValueError, KeyError) as exc:
        print(f"{args.report}: not a factlint JSON report ({exc})", file=sys.stderr)
        return 2
    pool = [f for f in findings if args.rule is None or f["rule"] == args.rule]
    rng = random.Random(args.seed)
    for k, f in enumerate(rng.sample(pool, min(args.n, len(pool)))):
        print(f"#{k} {f['rule']} {' '.join(f['message'].split())[:300]}")
        for c in f["claims"][:3]:
            print(_claim_line(c))
    print(f"({min(args.n, len(pool))} of {len(pool)} findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
