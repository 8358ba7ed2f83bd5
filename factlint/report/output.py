"""Deliver a report: to the terminal, or to the ``-o`` file with a summary on the terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Optional, Union

from factlint.fileio import write_atomic
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


def report_bytes(result: CheckResult, fmt: str, *, statistics: bool = False) -> bytes:
    """:func:`report_text` as UTF-8 (for a file); the JSON encoder writes bytes directly."""
    if fmt == "json" and not statistics:
        from factlint.report.json_format import render_bytes

        return render_bytes(result)
    return report_text(result, fmt, statistics=statistics).encode("utf-8")


def _writes_utf8_as_is(stream: IO[str]) -> bool:
    """Whether bytes written to the stream's buffer are what writing the text would give."""
    encoding = (getattr(stream, "encoding", None) or "").replace("_", "-").lower()
    return hasattr(stream, "buffer") and encoding in ("utf-8", "utf8") and os.linesep == "\n"


def emit(result: CheckResult, fmt: str = "concise", *, output: Optional[Union[str, Path]] = None,
         statistics: bool = False, stream: Optional[IO[str]] = None, errors: Optional[IO[str]] = None) -> None:
    """Print the report, or write it atomically to ``output`` and print the human summary.

    The file never gets colour; the terminal gets colour only when it is a TTY.
    File notices at warning level and above go to ``errors`` (stderr), one line
    each, whatever the format; info notices (an archive can have thousands) are
    only counted in the summary and listed in the JSON and SARIF reports.
    """
    stream = stream if stream is not None else sys.stdout
    errors = errors if errors is not None else sys.stderr
    for notice in sorted(result.notices, key=lambda n: (n.path, n.message)):
        if notice.level != "info":
            errors.write(f"{notice.path}: {notice.level}: {notice.message}\n")
    if output is None:
        if fmt == "json" and not statistics and _writes_utf8_as_is(stream):
            stream.flush()
            stream.buffer.write(report_bytes(result, fmt))  # type: ignore[attr-defined]
            stream.buffer.flush()  # type: ignore[attr-defined]
            return
        stream.write(report_text(result, fmt, statistics=statistics, color=want_color(stream)))
        stream.flush()
        return
    write_atomic(Path(output), report_bytes(result, fmt, statistics=statistics))
    stream.write(f"{human_summary(result)} Report ({fmt}) written to {output}.\n")
    stream.flush()
