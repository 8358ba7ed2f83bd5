"""`json`: ``{"findings": [...], "summary": {...}, "notices": [...]}``.

Findings keep the field order of :class:`factlint.models.Finding` (rule first,
readable), are sorted by location, and the summary counts are recomputed from
the findings written, so the file is self-consistent and reads back into a
:class:`factlint.models.CheckResult`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

import orjson
from pydantic import BaseModel, Field

from factlint.models import CheckResult, Finding, IngestNotice, Strict, Summary
from factlint.report._common import sorted_findings, summary_counts


class JsonReport(Strict):
    findings: list[Finding] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    notices: list[IngestNotice] = Field(default_factory=list)


def report_model(result: CheckResult) -> JsonReport:
    notices = sorted(result.notices, key=lambda n: (n.path, n.level, n.message))
    # Built from validated parts: no need to validate tens of thousands of findings again.
    return JsonReport.model_construct(findings=sorted_findings(result), summary=Summary(**summary_counts(result)),
                                      notices=notices)


def render(result: CheckResult) -> str:
    return render_bytes(result).decode("utf-8")


def render_bytes(result: CheckResult) -> bytes:
    """The report as UTF-8. orjson writes the same bytes as pydantic's model_dump_json
    (field order, two-space indent, ISO dates, shortest round-trip floats, non-finite floats
    as null) about three times as fast, given floats where the models say float; anything
    orjson refuses (a lone surrogate, an integer beyond 64 bits) goes through pydantic.

    Findings read from the index (``result._stored``, see factlint.cache.units) come with
    their object in this report already written: the findings are then joined from those
    objects (and the others written as they would stand there) into the rest of the report."""
    report = report_model(result)
    stored = result._stored
    try:
        if stored is None or not report.findings:
            return orjson.dumps(report, default=_fields, option=orjson.OPT_INDENT_2) + b"\n"
        parts = [_item(f) if obj is None else obj
                 for f, obj in zip(report.findings, stored.report_objects(report.findings))]
        frame = orjson.dumps({"findings": [orjson.Fragment(_ITEMS)], "summary": report.summary,
                              "notices": report.notices}, default=_fields, option=orjson.OPT_INDENT_2)
        before, after = frame.split(_ITEMS)
        # one join: joining the findings first and then the frame would copy the whole
        # report (tens of MB on an archive) twice
        pieces = [before]
        for part in parts:
            pieces.append(part)
            pieces.append(_SEPARATOR)
        pieces[-1] = after
        pieces.append(b"\n")
        return b"".join(pieces)
    except (orjson.JSONEncodeError, TypeError):
        result.complete()
        return reference_bytes(report)


# Where the findings go in the frame of the report (NUL never stands in orjson's output),
# and what stands between two of them.
_ITEMS = b"\0factlint findings\0"
_SEPARATOR = b",\n    "


def _item(finding: Finding) -> bytes:
    """The finding's object as an item of the report's ``"findings"``, indented accordingly."""
    return orjson.dumps(finding, default=_fields, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n    ")


def finding_fragment(finding: Finding) -> bytes:
    """:func:`_item`, or b"" when orjson cannot write it (the report then goes through pydantic)."""
    try:
        return _item(finding)
    except (orjson.JSONEncodeError, TypeError):
        return b""


def reference_bytes(report: JsonReport) -> bytes:
    # model_dump_json writes non-finite floats as null, so the output is always valid JSON.
    return (report.model_dump_json(indent=2) + "\n").encode("utf-8")


def _fields(obj: Any) -> dict:
    """A model's field values in declaration order, as pydantic serializes them."""
    if not isinstance(obj, BaseModel):
        raise TypeError(f"{type(obj).__name__} is not a model")
    values = obj.__dict__
    floats = _float_fields(type(obj))
    if floats and any(type(values[name]) is int for name in floats):
        values = dict(values)
        for name in floats:
            if type(values[name]) is int:
                values[name] = float(values[name])  # pydantic writes 5.0 for a float field holding 5
    return values


@lru_cache(maxsize=None)
def _float_fields(cls: type) -> tuple[str, ...]:
    return tuple(name for name, f in cls.model_fields.items() if f.annotation in (float, Optional[float]))
