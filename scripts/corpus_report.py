#!/usr/bin/env python3
"""How far `factlint check corpus/` is from tests/corpus_expected.yaml.

Runs factlint's `check` and `claims` commands (JSON output) on the sample corpus and
compares them with the expectations, printing one line per expectation that is not met
and a summary. Exit code 0 when everything is met, 1 otherwise. Matching rules are the
ones described at the top of tests/corpus_expected.yaml; an end-to-end test can import
`evaluate()` and assert that it returns no problems.

    python scripts/corpus_report.py            # from the repository root
    python scripts/corpus_report.py --verbose  # also list what is met
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_FILE = ROOT / "tests" / "corpus_expected.yaml"
COMPARISON_RULES = {"FL101", "FL102", "FL201"}


@dataclass
class Report:
    met: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)

    def check(self, ok: bool, label: str) -> None:
        (self.met if ok else self.unmet).append(label)


def run_json(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "factlint", *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factlint {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def _rel(path: str, corpus_root: str) -> str:
    prefix = corpus_root.rstrip("/") + "/"
    return path[len(prefix):] if path.startswith(prefix) else path


def _same_text(written: str, expected: str) -> bool:
    a, b = " ".join(written.casefold().split()), " ".join(expected.casefold().split())
    return bool(a) and (b in a or a in b)


def _locations(finding: dict, root: str) -> list[tuple[str, int, str]]:
    """Every (path, line, text) a finding involves: its claims, related places and itself."""
    out = [(_rel(c["path"], root), c["line"], c.get("text") or "") for c in finding.get("claims", [])]
    out += [(_rel(r["path"], root), r["line"], r.get("text") or "") for r in finding.get("related", [])]
    out.append((_rel(finding["path"], root), finding["line"], ""))
    return out


def _involves(finding: dict, want: dict, root: str) -> bool:
    for path, line, text in _locations(finding, root):
        if path == want["path"] and line == want["line"]:
            if want.get("claim") is None or _same_text(text, want["claim"]):
                return True
    return False


def _claim_matches(claim: dict, want: dict, root: str) -> bool:
    return (_rel(claim["path"], root) == want["path"] and claim["line"] == want["line"]
            and _same_text(claim["text"], want["claim"]))


def evaluate(expected: dict, findings: list[dict], claims: list[dict]) -> Report:
    root = expected["corpus_root"]
    report = Report()
    matched: set[int] = set()

    for want in expected["findings"]:
        parts = [want] + list(want.get("related", []))
        # One finding naming every part, or several pairwise findings (B-J, G-J) that
        # together cover them; a finding that drags in an unexpected claim does not count.
        hits = [i for i, f in enumerate(findings)
                if f["rule"] == want["rule"] and any(_involves(f, p, root) for p in parts)
                and all(any(_claim_matches(c, p, root) for p in parts) for c in f.get("claims", []))]
        covered = all(any(_involves(findings[i], p, root) for i in hits) for p in parts)
        if covered:
            matched.update(hits)
        report.check(covered, f"finding {want['rule']} {want['path']}:{want['line']} {want.get('claim') or ''}")
    for i, f in enumerate(findings):
        if i not in matched:
            report.check(False, f"unexpected {f['rule']} {_rel(f['path'], root)}:{f['line']}: {f['message']}")

    for want in expected["no_findings"]:
        rules = set(want.get("rules") or [])
        bad = [f["rule"] for f in findings if (not rules or f["rule"] in rules) and _involves(f, want, root)]
        report.check(not bad, f"no finding for {want['path']}:{want['line']} {want['claim']!r}"
                               + (f" (got {', '.join(sorted(set(bad)))})" if bad else ""))

    for want in expected["verified"]:
        ok = any(_claim_matches(c, want, root) and c.get("verified_by") for c in claims)
        report.check(ok, f"verified {want['path']}:{want['line']} {want['claim']!r}")

    for want in expected["unresolved"]:
        found = [c for c in claims if _claim_matches(c, want, root)]
        unresolved = any(c.get("period") and c["period"].get("resolved") is False for c in found)
        compared = any(f["rule"] in COMPARISON_RULES and _involves(f, want, root) for f in findings)
        report.check(unresolved and not compared,
                     f"unresolved {want['path']}:{want['line']} {want['claim']!r}"
                     + ("" if found else " (not extracted)") + (" (compared)" if compared else ""))

    for want in expected["not_claims"]:
        line_text = (ROOT / root / want["path"]).read_text(encoding="utf-8").splitlines()[want["line"] - 1]
        spans, start = [], line_text.find(want["text"])
        while start >= 0:
            spans.append((start + 1, start + 1 + len(want["text"])))
            start = line_text.find(want["text"], start + 1)
        hit = [c["text"] for c in claims
               if _rel(c["path"], root) == want["path"] and c["line"] == want["line"] == c["end_line"]
               and any(s <= c["column"] < end for s, end in spans)]
        report.check(not hit, f"not a claim {want['path']}:{want['line']} {want['text']!r}"
                              + (f" (extracted {hit})" if hit else ""))

    for want in expected["excluded"]:
        leaked = [f["rule"] for f in findings if _rel(f["path"], root) == want["path"]]
        report.check(not leaked, f"excluded {want['path']}" + (f" (findings {leaked})" if leaked else ""))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    expected = YAML(typ="safe").load(EXPECTED_FILE.read_text(encoding="utf-8"))
    corpus = expected["corpus_root"]
    findings = run_json("check", corpus, "--format", "json", "--exit-zero")["findings"]
    claims = run_json("claims", corpus, "--format", "json")["claims"]
    report = evaluate(expected, findings, claims)
    if args.verbose:
        for label in report.met:
            print(f"ok    {label}")
    for label in report.unmet:
        print(f"NOT   {label}")
    print(f"{len(report.met)} expectations met, {len(report.unmet)} not met "
          f"({len(findings)} findings, {len(claims)} claims)")
    return 0 if not report.unmet else 1


if __name__ == "__main__":
    raise SystemExit(main())
