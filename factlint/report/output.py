"""Deliver a report: to the terminal, or to the ``-o`` file with a summary on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Optional, Union

from factlint.models import CheckResult
from factlint.report import HUMAN_FORMATS, human_summary, render, render_statistics
from factlint.report._styled import want_color


def report_text(result: CheckResult, fmt: str, *, statistics: bool = False, color: bool = False) -> str:
    """What ``factlint check`` prints: the findings, or with ``--statistics`` the counts per rule."""
    if statistics:
        table = render_statistics(result, "json" if fmt in ("json", "json-lines") else "text")
        if fmt in HUMAN_FORMATS:
            table += human_summary(result) + "\n"
        return table
    return render(result, fmt, color=color)


def emit(result: CheckResult, fmt: str = "concise", *, output: Optional[Union[str, Path]] = None,
         statistics: bool = False, stream: Optional[IO[str]] = None) -> None:
    """Print the report, or write it atomically to ``output`` and print the human summary.

    The file never gets colour; the terminal gets colour only when it is a TTY.
    """
    stream = stream if stream is not None else sys.stdout
    if output is None:
        stream.write(report_text(result, fmt, statistics=statistics, color=want_color(stream)))
        stream.flush()
        return
    write_atomic(Path(output), report_text(result, fmt, statistics=statistics))
    stream.write(f"{human_summary(result)} Report ({fmt}) written to {output}.\n")
    stream.flush()


def write_atomic(path: Path, text: str) -> None:
    try:
        from factlint.fileio import write_atomic as shared_write_atomic
    except ImportError:  # the shared helper has not landed; keep the same guarantee locally
        shared_write_atomic = _write_atomic
    shared_write_atomic(path, text)


def _write_atomic(path: Path, text: str) -> None:
    import os
    import tempfile

    from factlint.errors import FactlintError

    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    except OSError as exc:
        raise FactlintError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; a report is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FactlintError(f"cannot write {path}: {exc.strerror or exc}") from None
