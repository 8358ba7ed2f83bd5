"""What compiling the quantity scanner with mypyc would gain, measured, without changing the project.

    pip install mypy setuptools      # mypyc comes with mypy; both only for this probe
    python benchmarks/mypyc_probe.py [CORPUS_DIR] [--limit N]

Copies `factlint/` to a temporary folder, marks the lines mypy rejects in the scanner's two
modules (`extract/numbers.py`, `extract/quantities.py`) with `# type: ignore`, compiles those two
modules with mypyc, then runs the scanner over the same documents with the pure-Python and the
compiled modules (one process each) and prints both CPU times, the ratio, and whether the two
found the same quantities. The rest of extraction is not compiled: its modules hold about a
hundred lines mypy rejects, which would need fixing first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

from _corpus import corpus_args, corpus_parser

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["factlint/extract/numbers.py", "factlint/extract/quantities.py"]
_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error:")

TIMING = r"""
import hashlib, sys, time
from pathlib import Path
import factlint.extract.quantities as q
from factlint.ingest import load_document
from factlint.models import Document
files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in (".md", ".txt", ".html", ".htm"))
limit = int(sys.argv[2])
files = files[:limit] if limit else files
docs = [d for d in (load_document(p) for p in files) if isinstance(d, Document)]
q.scan_quantities("warm up 5 pct")
t = time.process_time()
found = [q.scan_quantities(d.text) for d in docs]
cpu = time.process_time() - t
digest = hashlib.sha256(repr([[(x.start, x.end, x.value, x.unit) for x in f] for f in found]).encode()).hexdigest()
print(q.__file__.endswith(".so"), sum(map(len, found)), f"{cpu:.3f}", digest[:16])
"""


def _run(cmd: list[str], cwd: Path, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def _mark_rejected_lines(work: Path) -> int:
    (work / "mypy.ini").write_text("[mypy]\nfollow_imports = silent\nignore_missing_imports = True\n")
    out = _run([sys.executable, "-m", "mypy", *MODULES], work)
    marked = 0
    for line in out.stdout.splitlines():
        m = _ERROR.match(line)
        if not m:
            continue
        path = work / m.group("path")
        lines = path.read_text(encoding="utf-8").split("\n")
        n = int(m.group("line")) - 1
        if "# type: ignore" not in lines[n]:
            lines[n] += "  # type: ignore"
            marked += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    return marked


def _time(pythonpath: Path, corpus: Path, limit: int) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    out = _run([sys.executable, "-c", TIMING, str(corpus), str(limit)], pythonpath, env)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "timing run failed")
    return out.stdout.split()


def main(argv: Optional[list[str]] = None) -> int:
    args = corpus_args(corpus_parser(__doc__.splitlines()[0]), argv)
    if args is None:
        return 2
    if _run([sys.executable, "-m", "mypyc", "--help"], ROOT).returncode != 0:
        print("mypyc not found: pip install mypy setuptools", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="factlint-mypyc-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "factlint", work / "factlint", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "rules", work / "rules")           # the tables the package reads
        marked = _mark_rejected_lines(work)
        built = _run([sys.executable, "-m", "mypyc", *MODULES], work)
        if built.returncode != 0:
            print("mypyc failed:\n" + (built.stdout + built.stderr)[-2000:], file=sys.stderr)
            return 1
        pure = _time(ROOT, args.corpus, args.limit)
        compiled = _time(work, args.corpus, args.limit)
    print(f"lines marked '# type: ignore' for mypyc: {marked}")
    print(f"pure Python : compiled={pure[0]} quantities={pure[1]} scanner CPU {pure[2]} s")
    print(f"mypyc       : compiled={compiled[0]} quantities={compiled[1]} scanner CPU {compiled[2]} s")
    print(f"ratio {float(pure[2]) / float(compiled[2]):.2f}x; same quantities: {pure[3] == compiled[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
