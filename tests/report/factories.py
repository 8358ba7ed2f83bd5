"""Realistic check results for the report tests, built from articles written for them.

Positions (line, column, offsets) are computed from the article text, so every
claim's location really points at its text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path


from factlint.models import CheckResult, Claim, Finding, IngestNotice, Location, Period, RuleMeta, Summary

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMAS = SHARED / "schemas"

DAILY = "corpus/shenzhen-daily-2022-12-09.md"
DAILY_TEXT = """---
title: Shenzhen shows its digital economy to visiting diplomats
date: 2022-12-09
outlet: Shenzhen Daily
---
Home > News > City

Professor Li walked the ambassadors through what the city has achieved.

Last year the added value of Shenzhen's core digital economy industries passed 900 billion yuan (US$128.8 billion), or 30.5% of the city's GDP.

By the end of 2021 the city had built over 50,000 5G stations.
"""

NOW = "corpus/now-shenzhen-2022-01-24.md"
NOW_TEXT = """---
title: Digital economy keeps Shenzhen growing
date: 2022-01-24
outlet: Now Shenzhen
---
The added value of core digital economy industries made up 30 percent of Shenzhen's GDP, data released Wednesday by the Shenzhen Municipal Industry and Information Technology Bureau showed.

By the end of 2021 the city had 51,000 5G base stations, or 28.5 per 10,000 people.
"""

PORTAL = "corpus/belt-and-road-portal-2022-12-22.md"
PORTAL_TEXT = """---
title: China's digital economy in figures
date: 2022-12-22
outlet: Belt and Road Portal
---
As of June, 55.7 percent of the key processes of large industrial firms were digitally controlled.

China's data output reached 6.6ZB in 2021, up 29.4 percent year on year.
"""

TEXTS = {DAILY: DAILY_TEXT, NOW: NOW_TEXT, PORTAL: PORTAL_TEXT}
YEAR_2021 = Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), text="Last year")
SUBJECT = "Shenzhen · core digital economy industries added value · share of GDP · 2021"


def locate(path: str, snippet: str, occurrence: int = 1) -> dict:
    text = TEXTS[path]
    start = -1
    for _ in range(occurrence):
        start = text.index(snippet, start + 1)
    end = start + len(snippet)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence = text[sentence_start:text.index("\n", end)]
    return dict(id=f"{path}:{start}", path=path, line=line, column=column, end_line=end_line,
                end_column=end_column, offset=start, end_offset=end, text=snippet, sentence=sentence)


def claim(path: str, snippet: str, **fields) -> Claim:
    return Claim(**locate(path, snippet), **fields)


def at(c: Claim, note: str | None = None) -> Location:
    return Location(path=c.path, line=c.line, column=c.column, end_line=c.end_line, end_column=c.end_column,
                    text=c.text, note=note)


def key_fingerprint(*claims: Claim) -> str:
    """Like the checker's: from claim keys and values, never line numbers."""
    key = "|".join(sorted(f"{c.entity}/{c.metric}/{c.text}/{c.value}" for c in claims))
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def finding_at(rule: str, name: str, severity: str, primary: Claim, message: str, claims: list[Claim],
               outcome: str | None = None, subject: str | None = None, fingerprint: str | None = None) -> Finding:
    related = [at(c) for c in claims if c is not primary]
    return Finding(rule=rule, name=name, severity=severity, path=primary.path, line=primary.line,
                   column=primary.column, end_line=primary.end_line, end_column=primary.end_column,
                   message=message, outcome=outcome, subject=subject, claims=claims, related=related,
                   fingerprint=fingerprint if fingerprint is not None else key_fingerprint(*claims))


RULES = [
    RuleMeta(id="FL101", name="conflict", type="conflict", severity="error",
             description="Two claims about the same entity, metric and period state values that cannot both "
                         "be true. Values are compared as the intervals their wording allows.",
             message="{subject}: {value} here, {other_value} at {other_location}"),
    RuleMeta(id="FL201", name="conversion", type="conversion", severity="error",
             description="A bracketed currency equivalent does not match the exchange rate of the "
                         "publication month.",
             message="{value} is not {equivalent} at {rate}"),
    RuleMeta(id="FL301", name="missing-source", type="missing-source", severity="info",
             description="A statistic with no attribution in its sentence or paragraph.",
             message="{value}: no source in this sentence or paragraph"),
    RuleMeta(id="FL501", name="sanity", type="sanity", severity="error",
             description="An impossible value, such as a share above 100 percent.",
             message="{value} is impossible"),
]


def shenzhen_claims() -> dict[str, Claim]:
    share_daily = claim(DAILY, "30.5%", value=30.5, unit="percent", dimension="percent", low=30.45, high=30.55,
                        kind="share", entity="Shenzhen", metric="core digital economy industries added value",
                        period=YEAR_2021)
    share_now = claim(NOW, "30 percent", value=30.0, unit="percent", dimension="percent", low=29.5, high=30.5,
                      kind="share", entity="Shenzhen", metric="core digital economy industries added value",
                      period=Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), text=None, implied=True),
                      source="Shenzhen Municipal Industry and Information Technology Bureau")
    yuan = claim(DAILY, "passed 900 billion yuan", value=9e11, unit="CNY", dimension="currency", low=9e11, high=None,
                 low_inclusive=False, qualifier="over", entity="Shenzhen",
                 metric="core digital economy industries added value", period=YEAR_2021)
    dollars = claim(DAILY, "US$128.8 billion", value=1.288e11, unit="USD", dimension="currency", low=1.2875e11,
                    high=1.2885e11, entity="Shenzhen", metric="core digital economy industries added value",
                    period=YEAR_2021, equivalent_of=yuan.id)
    processes = claim(PORTAL, "55.7 percent", value=55.7, unit="percent", dimension="percent", low=55.65,
                      high=55.75, kind="share", entity="China", metric="key processes digitally controlled",
                      period=Period(start=dt.date(2022, 6, 30), end=dt.date(2022, 6, 30), text="As of June",
                                    point=True))
    data = claim(PORTAL, "6.6ZB", value=6.6, unit="ZB", dimension="data", low=6.55, high=6.65, entity="China",
                 metric="data output", period=Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31),
                                                     text="in 2021"))
    return dict(share_daily=share_daily, share_now=share_now, yuan=yuan, dollars=dollars, processes=processes,
                data=data)


def shenzhen_findings() -> list[Finding]:
    c = shenzhen_claims()
    pair = [c["share_daily"], c["share_now"]]
    fp = key_fingerprint(*pair)
    conflict_msg = ("Shenzhen's core digital economy share of GDP for 2021 is 30.5% here but 30 percent in "
                    f"{NOW}; they agree only if 30 percent was rounded")
    return [
        finding_at("FL101", "conflict", "warning", c["share_daily"], conflict_msg, pair, outcome="rounding",
                   subject=SUBJECT, fingerprint=fp),
        finding_at("FL101", "conflict", "warning", c["share_now"],
                   f"Shenzhen's core digital economy share of GDP for 2021 is 30 percent here but 30.5% in {DAILY}; "
                   "they agree only if 30 percent was rounded", pair, outcome="rounding", subject=SUBJECT,
                   fingerprint=fp),
        finding_at("FL201", "conversion", "error", c["dollars"],
                   "US$128.8 billion is 900 billion yuan at 6.99 CNY/USD, but the December 2022 rate is 6.97",
                   [c["yuan"], c["dollars"]], outcome="conversion",
                   subject="Shenzhen · core digital economy industries added value · 2021"),
        finding_at("FL301", "missing-source", "info", c["processes"],
                   "55.7 percent: no source in this sentence or paragraph", [c["processes"]],
                   outcome="missing-source", subject="China · key processes digitally controlled · as of 2022-06-30"),
        finding_at("FL301", "missing-source", "info", c["data"], "6.6ZB: no source in this sentence or paragraph",
                   [c["data"]], outcome="missing-source", subject="China · data output · 2021"),
    ]


def make_result(findings: list[Finding], notices: list[IngestNotice] | None = None) -> CheckResult:
    by_sev: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return CheckResult(findings=findings, notices=notices or [], rules=RULES,
                       summary=Summary(files=3, claims=14, findings=len(findings), by_severity=by_sev,
                                       by_rule=by_rule))
