"""Report stage: findings -> text in the formats people and CI systems read."""

from __future__ import annotations

from typing import Callable

from factlint.models import CheckResult

Renderer = Callable[[CheckResult], str]


def _json(result: CheckResult) -> str:
    return result.model_dump_json(indent=2, include={"findings", "summary"}) + "\n"


def _concise(result: CheckResult) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}" for f in result.findings]
    lines.append(f"Found {result.summary.findings} finding(s).")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Renderer] = {"concise": _concise, "json": _json}


def render(result: CheckResult, fmt: str) -> str:
    return FORMATS[fmt](result)
