"""Claims built by hand, as the extractor would build them from seed-style sentences.

Comparison and rule tests use these so that they test their own logic whatever
the state of extraction; end-to-end tests in tests/cli run the real extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from factlint.models import Claim, DocumentMeta, FileResult, Period

DIMENSIONS = {"count": "count", "percent": "percent", "pp": "pp", "ZB": "data", "EB": "data"}


def year(y: int, text: Optional[str] = None) -> Period:
    return Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), text=text or str(y))


def as_of(d: dt.date, text: str = "as of") -> Period:
    return Period(start=d, end=d, text=text, point=True)


def implied(published: dt.date) -> Period:
    return Period(start=published, end=published, point=True, implied=True)


def unresolved(text: str) -> Period:
    return Period(text=text, resolved=False)


def _half_unit(text: str, value: float) -> float:
    m = re.search(r"(\d[\d,]*)(?:\.(\d+))?", text)
    if not m:
        return 0.0
    digits = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
    scale = value / digits if digits else 1.0
    decimals = len(m.group(2) or "")
    return 0.5 * 10 ** (-decimals) * scale


def make_claim(text: str, value: float, unit: str = "count", *, path: str = "a.txt", line: int = 1,
               column: int = 1, offset: Optional[int] = None, qualifier: Optional[str] = None,
               low: Optional[float] = None, high: Optional[float] = None, kind: str = "level",
               entity: Optional[str] = "Shenzhen", metric: Optional[str] = "5G base stations",
               period: Optional[Period] = None, source: Optional[str] = "the bureau",
               sentence: Optional[str] = None, equivalent_of: Optional[str] = None,
               rate_base: Optional[float] = None, rate_unit: Optional[str] = None,
               counted: Optional[str] = None, claim_id: Optional[str] = None, **extra) -> Claim:
    dimension = "currency" if unit in ("CNY", "USD", "EUR", "GBP", "JPY", "HKD") else DIMENSIONS.get(unit, unit)
    low_inc = high_inc = True
    if low is None and high is None:
        half = _half_unit(text, value)
        if qualifier is None:
            low, high = value - half, value + half
        elif qualifier == "over":
            low, high, low_inc = value, None, False
        elif qualifier == "at_least":
            low, high = value, None
        elif qualifier == "nearly":
            low, high, high_inc = value * 0.9, value, False
        elif qualifier == "under":
            low, high, high_inc = None, value, False
        elif qualifier == "about":
            low, high = value * 0.95, value * 1.05
    if offset is None:
        offset = (line - 1) * 200 + column - 1
    return Claim(
        id=claim_id or f"{path}:{offset}", path=path, line=line, column=column, end_line=line,
        end_column=column + len(text), offset=offset, end_offset=offset + len(text), text=text,
        sentence=sentence if sentence is not None else f"sentence with {text} in {path}:{line}",
        value=value, unit=unit, dimension=dimension, low=low, high=high, low_inclusive=low_inc,
        high_inclusive=high_inc, qualifier=qualifier, kind=kind, entity=entity, metric=metric,
        period=period if period is not None else year(2021), source=source, equivalent_of=equivalent_of,
        rate_base=rate_base, rate_unit=rate_unit, counted=counted, **extra)


def file_result(path: str, claims: list[Claim], date: Optional[dt.date] = None, directives=(),
                title: Optional[str] = None) -> FileResult:
    return FileResult(meta=DocumentMeta(path=path, date=date, title=title), content_hash=path, claims=claims,
                      directives=list(directives))


def check(files, select=None, facts=(), config=None, extra_rules=()):
    """Run the rule engine over hand-built files, as `factlint check` would."""
    from pathlib import Path

    from factlint.check import CheckOptions, check_files
    from factlint.config import Config
    from factlint.rules.ruleset import configured_ruleset

    config = config or Config.default(Path.cwd())
    if select is not None:
        config = config.with_overrides(select=select)
    ruleset = configured_ruleset(config, extra_rules)
    return check_files(files, config, ruleset, options=CheckOptions(facts=list(facts)))
