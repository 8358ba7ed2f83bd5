"""End-to-end speed of `factlint check` on the Reuters-21578 archive.

    python benchmarks/run.py [--corpus-tar ../shared/corpora/reuters21578-md.tar.gz | --corpus-dir DIR]
                             [--sizes 1000 5000 all] [--jobs N] [--repeat N] [--json FILE] [--work-dir DIR]

For each size, the first N stories (in path order: the archive as it grew) are
copied to <work dir>/<N>/ (default /tmp/factlint-bench) with a factlint.yaml, and `factlint check` runs
in a subprocess four times:

- cold: no claim index;
- warm: nothing changed;
- one changed (incremental): one story edited, `factlint check <that story>`
  against the indexed rest (what the pre-commit hook does);
- one changed (full): the whole corpus again after another edit.

Each run writes its report to the same file (as a CI job's `-o report.json` does), and the
page cache is flushed (os.sync) before each run, so that the kernel writing back one run's
output (the cold run's 130 MB index) is not billed to the next. With ``--repeat N`` this is
done N times per size, each time from no index, and the median of each run is shown (the
machine may be shared: timings are noisy).

Each run's wall time and peak RSS (os.wait4 on that child) are recorded, with
documents/s, MB/s and claims/s, and the time ratio between the largest and the
smallest size. A table goes to stdout and the figures to a JSON file
(benchmarks/results/, git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TAR = HERE.parent.parent / "shared" / "corpora" / "reuters21578-md.tar.gz"
UNPACKED = Path("/tmp/corpora/reuters21578")
WORK = Path("/tmp/factlint-bench")
EDIT = "\nA ministry spokesman said exports rose 7.4 pct to 1.23 billion dlrs in the month.\n"


def unpack(tar_path: Path) -> Path:
    if UNPACKED.is_dir() and any(UNPACKED.iterdir()):
        return UNPACKED
    UNPACKED.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tar_path) as tar:
        tar.extractall(UNPACKED.parent, filter="data")
    return UNPACKED


def stories(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if p.is_file())


def prepare(files: list[Path], corpus: Path, size_label: str, work: Path = WORK) -> Path:
    """A copy of the first stories with a config; reused when it already matches."""
    target = work / size_label
    stamp = target / ".bench-stamp"
    want = f"{len(files)} {files[-1].relative_to(corpus)}"
    if stamp.is_file() and stamp.read_text() == want:
        return target
    shutil.rmtree(target, ignore_errors=True)
    for f in files:
        dest = target / f.relative_to(corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, dest)
    (target / "factlint.yaml").write_text("# benchmark corpus\ncorpus: .\n", encoding="utf-8")
    stamp.write_text(want)
    return target


def run_check(args: list[str], cwd: Path) -> dict:
    """One `factlint check` in a subprocess: wall time, peak RSS, summary.

    The report goes to the same file every run, beside the corpus copy, as a CI job's `-o
    report.json` does: a new file each run, unlinked afterwards, and the index the cold run
    had just written still being flushed made the kernel's share of the next run two to four
    times larger (0.4-0.7 s instead of 0.15 s on the whole archive)."""
    report = cwd.parent / f"report-{cwd.name}.json"
    os.sync()  # what earlier runs wrote (the cold run's 130 MB index) is flushed now, not during this run
    cmd = [sys.executable, "-m", "factlint", "check", *args, "--quiet", "--exit-zero",
           "--format", "json", "-o", str(report)]
    # stderr goes to a file: a pipe read only at the end would block a chatty run.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    summary = _summary(report)
    if proc.returncode != 0:
        raise SystemExit(f"factlint failed ({proc.returncode}): {' '.join(cmd)}\n{stderr}")
    return {"wall_s": round(wall, 3), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "user_s": round(usage.ru_utime, 3), "sys_s": round(usage.ru_stime, 3), "files": summary.get("files"),
            "claims": summary.get("claims"), "findings": summary.get("findings"),
            "stderr_lines": len(stderr.splitlines())}


def _summary(report: Path) -> dict:
    """The report's "summary" object, read from the file's tail (it is written last):
    parsing the whole report of the archive (37 MB) would cost this process a second and
    some hundreds of MB per run."""
    try:
        with report.open("rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 65536))
            tail = fh.read()
        at = tail.rfind(b'"summary":')
        if at < 0:
            return {}
        value, _ = json.JSONDecoder().raw_decode(tail[at + len(b'"summary":'):].decode("utf-8").lstrip())
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


RUNS = ("cold", "warm", "one_changed_incremental", "one_changed_full")


def bench_size(folder: Path, jobs: list[str], repeat: int = 1) -> dict:
    articles = sorted(p for p in folder.rglob("*.md") if ".factlint_cache" not in p.parts)
    mb = sum(p.stat().st_size for p in articles) / 1e6
    victim = articles[len(articles) // 2]
    original = victim.read_bytes()
    samples: dict[str, list[dict]] = {name: [] for name in RUNS}
    for _ in range(repeat):  # each round from no index at all
        shutil.rmtree(folder / ".factlint_cache", ignore_errors=True)
        try:
            samples["cold"].append(run_check([".", *jobs], folder))
            samples["warm"].append(run_check([".", *jobs], folder))
            victim.write_bytes(original + EDIT.encode())
            samples["one_changed_incremental"].append(run_check([str(victim.relative_to(folder)), *jobs], folder))
            victim.write_bytes(original + EDIT.replace("7.4", "7.9").encode())
            samples["one_changed_full"].append(run_check([".", *jobs], folder))
        finally:
            victim.write_bytes(original)
    runs = {name: median_run(found) for name, found in samples.items()}
    claims = runs["cold"]["claims"] or 0
    for name, r in runs.items():
        docs = len(articles) if name != "one_changed_incremental" else 1
        r["docs_per_s"] = round(docs / r["wall_s"], 1)
        r["mb_per_s"] = round((mb if docs > 1 else len(original) / 1e6) / r["wall_s"], 3)
        r["claims_per_s"] = round((claims if docs > 1 else (r["claims"] or 0)) / r["wall_s"], 1)
    return {"stories": len(articles), "mb": round(mb, 2), "claims": claims, "runs": runs}


def median_run(found: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one of an even number), with
    every run's wall time in ``samples_s``."""
    ordered = sorted(found, key=lambda r: r["wall_s"])
    out = dict(ordered[(len(ordered) - 1) // 2])
    out["samples_s"] = [r["wall_s"] for r in found]
    return out


def table(results: dict) -> str:
    head = f"{'stories':>7} {'run':<24} {'wall s':>7} {'docs/s':>8} {'MB/s':>7} {'claims/s':>9} {'RSS MB':>7} {'user s':>6} {'sys s':>6}"
    if results.get("repeat", 1) > 1:
        head += "  runs (s)"
    lines = [head, "-" * len(head)]
    for size in results["sizes"]:
        for name, r in size["runs"].items():
            line = (f"{size['stories']:>7} {name:<24} {r['wall_s']:>7.2f} {r['docs_per_s']:>8.0f} "
                    f"{r['mb_per_s']:>7.2f} {r['claims_per_s']:>9.0f} {r['peak_rss_mb']:>7.0f} "
                    f"{r.get('user_s', 0):>6.2f} {r.get('sys_s', 0):>6.2f}")
            if len(r.get("samples_s", ())) > 1:
                line += "  " + " ".join(f"{t:.2f}" for t in r["samples_s"])
            lines.append(line)
    for name, ratio in results.get("ratios", {}).items():
        lines.append(f"time ratio largest/smallest ({name}): {ratio}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--corpus-tar", type=Path, help="the Reuters tarball (unpacked into /tmp/corpora)")
    src.add_argument("--corpus-dir", type=Path, help="an unpacked corpus folder")
    ap.add_argument("--sizes", nargs="+", default=["1000", "5000", "all"])
    ap.add_argument("--jobs", type=int, help="passed to factlint check --jobs (default: its own)")
    ap.add_argument("--json", type=Path, help="where to write the figures (default: benchmarks/results/)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds per size (each from no index); the table shows each run's median")
    ap.add_argument("--work-dir", type=Path, default=WORK,
                    help=f"where the corpus copies go, one folder per size (default: {WORK})")
    args = ap.parse_args(argv)

    if args.corpus_dir:
        corpus = args.corpus_dir
    elif args.corpus_tar or not UNPACKED.is_dir():
        tar = args.corpus_tar or DEFAULT_TAR
        if not tar.is_file():
            ap.error(f"no corpus: {tar} not found (give --corpus-tar or --corpus-dir)")
        corpus = unpack(tar)
    else:
        corpus = UNPACKED
    everything = stories(corpus)
    if not everything:
        ap.error(f"no .md stories under {corpus}")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    results: dict = {"date": dt.datetime.now().isoformat(timespec="seconds"), "corpus": str(corpus),
                     "cpus": os.cpu_count(), "python": platform.python_version(), "jobs": args.jobs,
                     "repeat": args.repeat, "load_before": os.getloadavg(), "sizes": []}
    for label in args.sizes:
        n = len(everything) if label == "all" else min(int(label), len(everything))
        folder = prepare(everything[:n], corpus, str(n), args.work_dir)
        print(f"benchmarking {n} stories in {folder} ...", file=sys.stderr, flush=True)
        results["sizes"].append(bench_size(folder, jobs, max(1, args.repeat)))
    sizes = results["sizes"]
    if len(sizes) > 1:
        small, large = min(sizes, key=lambda s: s["stories"]), max(sizes, key=lambda s: s["stories"])
        results["ratios"] = {run: round(large["runs"][run]["wall_s"] / small["runs"][run]["wall_s"], 2)
                             for run in ("cold", "warm")}
        results["ratios"]["stories"] = round(large["stories"] / small["stories"], 2)
    results["load_after"] = os.getloadavg()
    print(table(results))
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}".format(
        *results["load_before"], *results["load_after"]))
    out = args.json or HERE / "results" / f"run-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
