"""Plain or coloured text from lines of styled parts.

Human formats build each line once as a tuple of parts: a plain ``str`` or a
``(text, style)`` pair with a rich style name. The plain rendering drops the
styles, so a pipe or a file never receives escape codes and the bytes do not
depend on the terminal; the coloured one asks rich for each style's escape
codes. (rich's Text and Console cost ~0.25 ms a line, too slow for an archive
with tens of thousands of findings.)
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import IO, Iterable, Tuple, Union

Part = Union[str, Tuple[str, str]]
Line = Tuple[Part, ...]

SEVERITY_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def plain(line: Line) -> str:
    return "".join(part if isinstance(part, str) else part[0] for part in line)


@lru_cache(maxsize=64)
def _ansi(style: str) -> tuple[str, str]:
    """Escape codes that open and close ``style`` (rich renders a marker we split on)."""
    from rich.color import ColorSystem
    from rich.style import Style

    rendered = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD)
    before, _, after = rendered.partition("\0")
    return before, after


def coloured(line: Line) -> str:
    out = []
    for part in line:
        if isinstance(part, str):
            out.append(part)
        elif part[1] and part[0]:
            before, after = _ansi(part[1])
            out.append(f"{before}{part[0]}{after}")
        else:
            out.append(part[0])
    return "".join(out)


def join_lines(lines: Iterable[Line], color: bool) -> str:
    render = coloured if color else plain
    return "".join(render(line) + "\n" for line in lines)


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
