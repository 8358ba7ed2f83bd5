"""Stored findings per unit of incremental work (see factlint.rules.units), and their encoding.

A run over the whole corpus keeps, in the index, the findings of every document
(``DocUnit``: the findings of the rules judging one document, plus what a whole
result needs from the file) and of every entity (``EntityUnit``: the findings of
the rules comparing claims about one entity across documents). A later run
recomputes only the units an edit can change and assembles the rest from here.

Units are encoded like claims in codec.py (positional arrays, rebuilt without
validation); a blob that does not decode raises CodecError and the caller
recomputes everything.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import orjson

from factlint.cache.codec import CodecError
from factlint.cache.results import _FINDING_SET, FINDING_FIELDS, decode_findings, encode_findings
from factlint.models import Directive, Finding, IngestNotice, trusted

DOC_PREFIX = "d:"
ENTITY_PREFIX = "e:"


@dataclass(slots=True)
class DocUnit:
    """One document: its findings from document-scope rules and what assembling needs."""

    key: str                                  # index key (path relative to the corpus root)
    path: str                                 # the path findings show
    file_hash: str                            # content hash of the version these were computed from
    claims: int = 0                           # how many claims it has (the summary counts them)
    entities: tuple[str, ...] = ()            # canonical entities its claims are about
    # For rates checked against population claims elsewhere (factlint.rules.derived), by
    # "entity\x1fmetric": digests of its own population claims, and the keys it depends on.
    population: dict[str, str] = field(default_factory=dict)
    deps: tuple[str, ...] = ()
    directives: list[Directive] = field(default_factory=list)
    notices: list[IngestNotice] = field(default_factory=list)
    verified: dict[str, str] = field(default_factory=dict)   # claim id -> what confirms it
    findings: list[Finding] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return DOC_PREFIX + self.key


@dataclass(slots=True)
class EntityUnit:
    """The findings of entity-scope rules (comparisons across documents) about one entity."""

    entity: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return ENTITY_PREFIX + self.entity


# Encoding ---------------------------------------------------------------------------------
#
# A unit is stored as three blobs, so that a run reads only what it needs:
#
# - ``data``: the unit's own fields and, per finding, its row (codec.py) with empty claims
#   and related locations (the rest is what ordering, suppressions, the baseline, the
#   summary and the concise report read), the ids of its claims and the lengths of its
#   parts in the two blobs below;
# - ``claims``: per finding, its claims and related locations (codec.py rows), decoded
#   only when a report needs them (StoredFindings.complete);
# - ``report``: per finding, its object in the JSON report exactly as
#   factlint.report.json_format writes it there, which that report copies as it is.

Blobs = tuple[bytes, bytes, bytes]

_CLAIMS_AT = FINDING_FIELDS.index("claims")
_RELATED_AT = FINDING_FIELDS.index("related")
assert _RELATED_AT == _CLAIMS_AT + 1, "claims and related are stored apart from the rest, side by side"


def _encode_findings(findings: Sequence[Finding]) -> tuple[list, bytes, bytes]:
    from factlint.report.json_format import finding_fragment

    light, heavy, report = [], [], []
    for f, row in zip(findings, encode_findings(list(findings))):
        part = orjson.dumps([row[_CLAIMS_AT], row[_RELATED_AT]])
        fragment = finding_fragment(f)
        row[_CLAIMS_AT], row[_RELATED_AT] = [], []  # in the claims blob
        light.append(row + [[c.id for c in f.claims], len(part), len(fragment)])
        heavy.append(part)
        report.append(fragment)
    return light, b"".join(heavy), b"".join(report)


def encode_doc(unit: DocUnit) -> Blobs:
    light, heavy, report = _encode_findings(unit.findings)
    return orjson.dumps([
        unit.key, unit.path, unit.file_hash, unit.claims, list(unit.entities), unit.population, list(unit.deps),
        [d.model_dump(mode="json") for d in unit.directives], [n.model_dump(mode="json") for n in unit.notices],
        unit.verified, light]), heavy, report


def encode_entity(unit: EntityUnit) -> Blobs:
    light, heavy, report = _encode_findings(unit.findings)
    return orjson.dumps([unit.entity, light]), heavy, report


def encode_units(units: Iterable[DocUnit | EntityUnit]) -> list[tuple[str, bytes, bytes, bytes]]:
    out = []
    for u in units:
        data, heavy, report = encode_doc(u) if isinstance(u, DocUnit) else encode_entity(u)
        out.append((u.unit_id, data, heavy, report))
    return out


# Decoding -----------------------------------------------------------------------------------

class StoredFindings:
    """The findings of stored units: every field but claims and related locations decoded,
    those two decoded by :meth:`complete`, and each finding's JSON report object kept.
    A finding that is to change (a claim marked verified) must be completed and
    :meth:`forget` first, so that its stored report object is not used."""

    def __init__(self) -> None:
        self._parts: list[tuple[list[Finding], bytes, list[int]]] = []  # findings, claims blob, lengths
        self._report: dict[int, tuple[memoryview, int, int]] = {}      # id(finding) -> (blob, start, end)
        self._claim_ids: dict[int, list[str]] = {}
        self._kept: list[Finding] = []  # keeps the ids above valid

    def claim_ids(self, finding: Finding) -> Optional[list[str]]:
        """The ids of a stored finding's claims (None: not a stored finding)."""
        return self._claim_ids.get(id(finding))

    def report_object(self, finding: Finding) -> Optional[bytes]:
        """The finding's object in the JSON report, for a stored finding not forgotten."""
        where = self._report.get(id(finding))
        return bytes(where[0][where[1]:where[2]]) if where is not None else None

    def report_objects(self, findings: Sequence[Finding]) -> list[Optional[memoryview]]:
        """:meth:`report_object` of each finding, as views into the stored blobs (no copies);
        stored findings without one are completed."""
        reports, ids = self._report, self._claim_ids
        missing = [f for f in findings if id(f) not in reports and id(f) in ids]
        if missing:
            self.complete(missing)
        out: list[Optional[bytes]] = []
        append = out.append
        for f in findings:
            where = reports.get(id(f))
            append(where[0][where[1]:where[2]] if where is not None else None)
        return out

    def forget(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self._report.pop(id(f), None)

    def complete(self, only: Optional[Iterable[Finding]] = None) -> None:
        """Decode the claims and related locations of the stored findings (of ``only``'s units)."""
        wanted = None if only is None else {id(f) for f in only}
        rest = []
        for part in self._parts:
            findings, heavy, lengths = part
            if wanted is not None and not any(id(f) in wanted for f in findings):
                rest.append(part)
                continue
            try:
                rows, at = [], 0
                for n in lengths:
                    rows.append(_heavy_row(*orjson.loads(heavy[at:at + n])))
                    at += n
                decoded = decode_findings(rows)
            except CodecError:
                raise
            except Exception as exc:  # not what _encode_findings wrote
                raise CodecError(f"undecodable stored claims: {type(exc).__name__}") from exc
            for f, full in zip(findings, decoded):
                f.__dict__["claims"] = full.claims
                f.__dict__["related"] = full.related
        self._parts = rest


def _heavy_row(claims: list, related: list) -> list:
    row: list = [None] * len(FINDING_FIELDS)
    row[_CLAIMS_AT], row[_RELATED_AT] = claims, related
    return row


def _light_findings(rows: list, stored: "StoredFindings", heavy: bytes, report: bytes) -> list[Finding]:
    """Findings of light rows (their claims and related locations wait as empty lists), added
    to ``stored`` with the unit's claims and report blobs."""
    n = len(FINDING_FIELDS)
    fields, fields_set = FINDING_FIELDS, _FINDING_SET
    reports, claim_ids = stored._report, stored._claim_ids
    findings, lengths = [], []
    at_report = 0
    view = memoryview(report)
    for row in rows:
        if len(row) != n + 3:
            raise CodecError("finding row of the wrong length")
        f = trusted(Finding, dict(zip(fields, row)), fields_set)    # row[n:] are the unit's own columns
        findings.append(f)
        claim_ids[id(f)] = row[n]
        lengths.append(row[n + 1])
        size = row[n + 2]
        if size:
            end = at_report + size
            if report[at_report] != 0x7B or report[end - 1] != 0x7D:  # each one is a JSON object
                raise CodecError("stored report object of the wrong shape")
            reports[id(f)] = (view, at_report, end)
        at_report += size
    if at_report != len(report) or sum(lengths) != len(heavy):
        raise CodecError("stored findings of the wrong length")
    if findings:
        stored._parts.append((findings, heavy, lengths))
        stored._kept.extend(findings)
    return findings


def _json_array(items: Iterable[bytes]) -> bytes:
    """``[a,b,...]`` in one join (concatenating the brackets would copy it twice more)."""
    pieces = [b"["]
    for item in items:
        pieces.append(item)
        pieces.append(b",")
    if len(pieces) > 1:
        pieces[-1] = b"]"
    else:
        pieces.append(b"]")
    return b"".join(pieces)


def decode_units(blobs: Sequence[tuple[str, bytes, bytes, bytes]]
                 ) -> tuple[dict[str, DocUnit], dict[str, EntityUnit], StoredFindings]:
    """(unit id, data, claims, report) rows -> doc units by key, entity units by entity, and
    their findings' encoded parts. One JSON parse for all units: an archive has tens of
    thousands of them."""
    was_enabled = gc.isenabled()
    gc.disable()  # everything built here lives to the end of the run (see pipeline._load)
    try:
        rows = orjson.loads(_json_array(blob[1] for blob in blobs))
        docs: dict[str, DocUnit] = {}
        entities: dict[str, EntityUnit] = {}
        stored = StoredFindings()
        for (unit_id, _, heavy, report), row in zip(blobs, rows):
            if unit_id.startswith(DOC_PREFIX):
                key, path, file_hash, claims, ents, population, deps, directives, notices, verified, found = row
                if not (isinstance(key, str) and isinstance(path, str) and isinstance(file_hash, str)
                        and isinstance(claims, int) and isinstance(population, dict)
                        and isinstance(verified, dict)) or unit_id != DOC_PREFIX + key:
                    raise CodecError("document unit of the wrong shape")
                unit: DocUnit | EntityUnit = DocUnit(
                    key, path, file_hash, claims, tuple(ents), population, tuple(deps),
                    [Directive.model_validate(d) for d in directives] if directives else [],
                    [IngestNotice.model_validate(n) for n in notices] if notices else [], verified)
                docs[key] = unit  # type: ignore[assignment]
            elif unit_id.startswith(ENTITY_PREFIX):
                entity, found = row
                if not isinstance(entity, str) or unit_id != ENTITY_PREFIX + entity:
                    raise CodecError("entity unit of the wrong shape")
                unit = entities[entity] = EntityUnit(entity)
            else:
                raise CodecError(f"unknown unit {unit_id!r}")
            unit.findings = _light_findings(found, stored, heavy, report)
        return docs, entities, stored
    except CodecError:
        raise
    except Exception as exc:  # malformed JSON, wrong shapes: not ours
        raise CodecError(f"undecodable unit: {type(exc).__name__}") from exc
    finally:
        if was_enabled:
            gc.enable()
