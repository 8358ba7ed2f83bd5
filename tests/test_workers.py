"""Worker processes end with the run that started them, even when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = """
import os, sys, time
from factlint import pipeline
from tests.test_pipeline import newswire_corpus

def stuck(sources):           # a worker that would take minutes
    time.sleep(120)
    return []

pipeline._extract_chunk = stuck
corpus = newswire_corpus(__import__("pathlib").Path(sys.argv[1]), pipeline.MIN_PARALLEL_FILES + 4)
print("ready", flush=True)
pipeline.collect([corpus], jobs=2, use_cache=False, quiet=True)
"""


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(t) for t in text)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="the parent-death signal and /proc/PID/task/TID/children are Linux's")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_the_run_is_killed(tmp_path, how):
    root = Path(__file__).resolve().parents[1]
    run = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path / "wire")], cwd=root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    try:
        assert run.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = {p for p in children(run.pid) if alive(p)}
            time.sleep(0.05)
        assert len(workers) == 2, "the pool did not start"
        os.kill(run.pid, how)
        run.wait(timeout=30)
        deadline = time.monotonic() + 30   # generous: only a worker left sleeping for minutes fails
        while any(alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in workers if alive(p)], "workers outlived the killed run"
    finally:
        for p in workers | {run.pid}:
            try:
                os.kill(p, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        run.wait(timeout=30)
