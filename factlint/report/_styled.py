"""Plain or coloured text from rich ``Text`` lines.

Human formats build their lines once as styled ``Text``; the plain rendering
drops the styles, so a pipe or a file never receives escape codes and the
bytes do not depend on the terminal's width.
"""

from __future__ import annotations

import io
import os
from typing import IO, Iterable

from rich.text import Text

SEVERITY_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def join_lines(lines: Iterable[Text], color: bool) -> str:
    lines = list(lines)
    if not lines:
        return ""
    if not color:
        return "".join(line.plain + "\n" for line in lines)
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", width=10_000,
                      highlight=False, markup=False, emoji=False, soft_wrap=True)
    for line in lines:
        console.print(line, soft_wrap=True)
    return buf.getvalue()


def want_color(stream: IO) -> bool:
    """Colour only for a terminal, honouring the NO_COLOR and FORCE_COLOR conventions."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False
