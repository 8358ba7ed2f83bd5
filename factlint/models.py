"""Data that crosses pipeline stage boundaries.

ingest -> Document -> extract -> Claim -> compare/rules -> Finding -> report.

Claims are built in the hot extraction loop, so the extractor creates them with
``Claim.model_construct`` (no validation); they are validated where they enter
from outside (the cache, a baseline, the JSON schema a user reads).
"""

from __future__ import annotations

import bisect
import itertools
import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Severity = Literal["error", "warning", "info"]
ClaimKind = Literal["level", "share", "change", "rate", "rank", "target"]
DocumentFormat = Literal["text", "markdown", "html"]

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


def trusted(cls: type, values: dict, fields_set: set) -> Any:
    """An instance of the model ``cls`` from values known to be valid (``values`` names every
    field), without validation: what pydantic's own unpickling does. For the extractor's hot
    loop and for what the index stored, which was validated when it was written."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Period(Strict):
    """The time a claim refers to: a date interval, a point in time or a span."""

    start: Optional[dt.date] = Field(None, description="first day of the period; null when unresolved")
    end: Optional[dt.date] = Field(None, description="last day of the period; null when unresolved")
    text: Optional[str] = Field(None, description="the period as written; null when implied by the publication date")
    point: bool = Field(False, description="true for a point in time ('as of the end of 2021'), false for a span")
    resolved: bool = Field(True, description="false when a relative expression had no document date to resolve against")
    implied: bool = Field(False, description="true when no period was written and it was taken from the publication date")

    def label(self) -> str:
        if not self.resolved:
            return f"unresolved ({self.text})" if self.text else "unresolved"
        if self.start and self.end:
            if self.start.year == self.end.year and self.start.month == 1 and self.start.day == 1 \
                    and self.end.month == 12 and self.end.day == 31:
                return str(self.start.year)
            if self.point or self.start == self.end:
                return f"as of {self.end.isoformat()}"
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        return self.text or "?"


class Claim(Strict):
    """One numeric claim found in a document."""

    id: str = Field(description="stable within a run: '<path>:<offset>'")
    path: str
    line: int = Field(description="1-based line of the first character")
    column: int = Field(description="1-based column of the first character")
    end_line: int
    end_column: int = Field(description="1-based column just past the last character (as SARIF)")
    offset: int = Field(description="0-based character offset in the decoded file")
    end_offset: int
    text: str = Field(description="the quantity as written, with its qualifier and unit")
    sentence: str
    value: float = Field(description="the stated value in the base unit")
    unit: str = Field(description="canonical unit: percent, pp, CNY, USD, count, ZB, ...")
    dimension: str = Field(description="what the unit measures: percent, pp, currency, count, data, ...")
    low: Optional[float] = Field(None, description="lower bound its precision and qualifier allow; null when open")
    high: Optional[float] = Field(None, description="upper bound its precision and qualifier allow; null when open")
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: Optional[str] = Field(None, description="canonical qualifier: over, at_least, nearly, about, up_to, under, range")
    kind: ClaimKind = "level"
    entity: Optional[str] = None
    metric: Optional[str] = None
    period: Optional[Period] = None
    source: Optional[str] = Field(None, description="the attribution as written, or null")
    equivalent_of: Optional[str] = Field(None, description="id of the claim this one is a bracketed equivalent of")
    rate_base: Optional[float] = Field(None, description="for rates: the denominator ('per 10,000 people' -> 10000)")
    rate_unit: Optional[str] = Field(None, description="for rates: what the denominator counts ('people')")
    counted: Optional[str] = Field(None, description="the counted noun ('5G base stations')")
    verified_by: Optional[str] = Field(None, description="the reference fact that confirms this claim, if any")

    @property
    def subject(self) -> str:
        parts = [self.entity or "?", self.metric or "?"]
        parts.append(self.period.label() if self.period else "no period")
        return " · ".join(parts)


class Location(Strict):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: Optional[str] = None
    note: Optional[str] = None


class Finding(Strict):
    rule: str = Field(description="rule id, e.g. FL101")
    name: str = Field(description="rule name, e.g. conflict")
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    outcome: Optional[str] = Field(None, description="disagree, rounding, unit-mismatch, ...")
    subject: Optional[str] = Field(None, description="entity · metric · period the claims are about")
    claims: list[Claim] = Field(default_factory=list)
    related: list[Location] = Field(default_factory=list)
    fingerprint: str = Field("", description="stable across runs and line moves: from claim keys and values")


class Document(BaseModel):
    """A decoded input file and the text the extractor reads.

    ``text`` is what extraction sees: for Markdown and plain text it has the same
    length as ``raw`` with skipped regions (front matter, code, comments) blanked
    to spaces; for HTML it is the visible text, and ``offsets`` maps each of its
    characters back to an offset in ``raw``.
    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    path: str
    raw: str
    text: str
    format: DocumentFormat
    offsets: Optional[list[int]] = None
    date: Optional[dt.date] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    front_matter: dict = Field(default_factory=dict)
    notices: list[str] = Field(default_factory=list)

    _line_starts_cache: Optional[list[int]] = PrivateAttr(None)

    def raw_offset(self, text_offset: int) -> int:
        if self.offsets is None:
            return text_offset
        if not self.offsets:
            return 0
        if text_offset >= len(self.offsets):
            return min(len(self.raw), self.offsets[-1] + (text_offset - len(self.offsets) + 1))
        return self.offsets[text_offset]

    def _line_starts(self) -> list[int]:
        starts = self._line_starts_cache
        if starts is None:
            # split + accumulate run in C: a 50 MB file is indexed in a fraction of a second
            starts = [0, *itertools.accumulate(len(line) + 1 for line in self.raw.split("\n")[:-1])]
            self._line_starts_cache = starts
        return starts

    def position(self, text_offset: int) -> tuple[int, int]:
        """1-based (line, column) in the raw file of a character of ``text``."""
        raw = self.raw_offset(text_offset)
        starts = self._line_starts()
        index = bisect.bisect_right(starts, raw) - 1
        return index + 1, raw - starts[index] + 1


class IngestNotice(Strict):
    """A problem with one input file that does not stop the run."""

    path: str
    level: Severity = "warning"
    message: str


class RuleMeta(Strict):
    """What reports need to know of a rule (SARIF driver.rules, `factlint rules`)."""

    id: str
    name: str
    type: str
    severity: Severity
    description: str
    message: str


class Summary(Strict):
    files: int = 0
    claims: int = 0
    findings: int = 0
    by_severity: dict[str, int] = Field(default_factory=dict)
    by_rule: dict[str, int] = Field(default_factory=dict)


class CheckResult(Strict):
    findings: list[Finding] = Field(default_factory=list)
    notices: list[IngestNotice] = Field(default_factory=list)
    rules: list[RuleMeta] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    # Findings read from the index whose claims and related locations are still encoded
    # (factlint.cache.units.StoredFindings): a report that needs them calls complete().
    _stored: Any = PrivateAttr(None)

    def complete(self) -> "CheckResult":
        """Decode whatever the findings still hold encoded; returns self."""
        stored, self._stored = self._stored, None
        if stored is not None:
            stored.complete()
        return self


class ClaimsOutput(Strict):
    """`factlint claims --format json` writes this."""

    claims: list[Claim]


class Directive(Strict):
    """A suppression comment or front-matter setting found in a file."""

    action: Literal["disable", "enable", "ignore-next-line", "disable-file"]
    rules: list[str] = Field(default_factory=list, description="rule ids or prefixes; empty means all")
    line: int = Field(description="1-based line where the directive stands")
    end_line: Optional[int] = Field(None, description="for ignore-next-line: the last line it covers")
    column: Optional[int] = Field(None, description="1-based column where the directive starts")
    text: Optional[str] = Field(None, description="the directive as written (for unused-suppression reports)")


class DocumentMeta(Strict):
    path: str
    date: Optional[dt.date] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    format: DocumentFormat = "text"


class FileResult(Strict):
    """Everything later stages need from one file; what the cache stores per file."""

    meta: DocumentMeta
    content_hash: str
    claims: list[Claim] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    notices: list[IngestNotice] = Field(default_factory=list)
