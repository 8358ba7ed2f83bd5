"""Report stage: findings -> text in the formats people and CI systems read.

``render(result, fmt)`` is the one entry point; ``FORMATS`` maps each
``--format`` choice to its renderer (one module per format). Every renderer
sorts the findings itself, so output does not depend on the order the checker
produced them in, and none writes a time or an absolute path it was not given.
"""

from __future__ import annotations

from typing import Callable

from factlint.errors import FactlintError
from factlint.models import CheckResult
from factlint.report import concise, full, github, gitlab, json_format, jsonlines, junit, sarif
from factlint.report.concise import human_summary
from factlint.report.statistics import render_statistics

Renderer = Callable[[CheckResult], str]

FORMATS: dict[str, Renderer] = {
    "concise": concise.render,
    "full": full.render,
    "json": json_format.render,
    "json-lines": jsonlines.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
}

# Formats meant for a person: they may be coloured, and they end with the summary line.
HUMAN_FORMATS = frozenset({"concise", "full"})

__all__ = ["FORMATS", "HUMAN_FORMATS", "Renderer", "render", "render_statistics", "human_summary"]


# Formats that read no claims or related locations (json copies what the index kept of
# each finding, see json_format.render_bytes): the others need a complete result.
PARTIAL_FORMATS = frozenset({"concise", "json"})


def render(result: CheckResult, fmt: str, *, color: bool = False) -> str:
    """The report in format ``fmt``; ``color`` adds ANSI styles to the human formats only."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise FactlintError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None
    if fmt not in PARTIAL_FORMATS:
        result.complete()
    if color and fmt in HUMAN_FORMATS:
        return renderer(result, color=True)  # type: ignore[call-arg]
    return renderer(result)
