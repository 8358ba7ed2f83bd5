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
from typing import Iterable, Sequence

import orjson

from factlint.cache.codec import CodecError
from factlint.cache.results import decode_findings, encode_findings
from factlint.models import Directive, Finding, IngestNotice

DOC_PREFIX = "d:"
ENTITY_PREFIX = "e:"


@dataclass
class DocUnit:
    """One document: its findings from document-scope rules and what assembling needs."""

    key: str                                  # index key (path relative to the corpus root)
    path: str                                 # the path findings show
    file_hash: str                            # content hash of the version these were computed from
    claims: int = 0                           # how many claims it has (the summary counts them)
    entities: tuple[str, ...] = ()            # canonical entities its claims are about
    population: dict[str, str] = field(default_factory=dict)  # entity -> digest of its population claims
    deps: tuple[str, ...] = ()                # entities whose population claims its rates were checked against
    directives: list[Directive] = field(default_factory=list)
    notices: list[IngestNotice] = field(default_factory=list)
    verified: dict[str, str] = field(default_factory=dict)   # claim id -> what confirms it
    findings: list[Finding] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return DOC_PREFIX + self.key


@dataclass
class EntityUnit:
    """The findings of entity-scope rules (comparisons across documents) about one entity."""

    entity: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return ENTITY_PREFIX + self.entity


def encode_doc(unit: DocUnit) -> bytes:
    return orjson.dumps([
        unit.key, unit.path, unit.file_hash, unit.claims, list(unit.entities), unit.population, list(unit.deps),
        [d.model_dump(mode="json") for d in unit.directives], [n.model_dump(mode="json") for n in unit.notices],
        unit.verified, encode_findings(unit.findings)])


def encode_entity(unit: EntityUnit) -> bytes:
    return orjson.dumps([unit.entity, encode_findings(unit.findings)])


def decode_units(blobs: Sequence[tuple[str, bytes]]) -> tuple[dict[str, DocUnit], dict[str, EntityUnit]]:
    """(unit id, blob) pairs -> doc units by key and entity units by entity.

    One JSON parse and one pass over all findings, whatever the number of units:
    a newswire archive has tens of thousands of them."""
    was_enabled = gc.isenabled()
    gc.disable()  # everything built here lives to the end of the run (see pipeline._load)
    try:
        rows = orjson.loads(b"[" + b",".join(blob for _, blob in blobs) + b"]")
        docs: dict[str, DocUnit] = {}
        entities: dict[str, EntityUnit] = {}
        spans: list[tuple[object, int, int]] = []
        flat: list = []
        for (unit_id, _), row in zip(blobs, rows):
            if unit_id.startswith(DOC_PREFIX):
                key, path, file_hash, claims, ents, population, deps, directives, notices, verified, found = row
                if not (isinstance(key, str) and isinstance(path, str) and isinstance(file_hash, str)
                        and isinstance(claims, int) and isinstance(population, dict)
                        and isinstance(verified, dict)) or unit_id != DOC_PREFIX + key:
                    raise CodecError("document unit of the wrong shape")
                unit: object = DocUnit(key, path, file_hash, claims, tuple(ents), population, tuple(deps),
                                       [Directive.model_validate(d) for d in directives],
                                       [IngestNotice.model_validate(n) for n in notices], verified)
                docs[key] = unit  # type: ignore[assignment]
            elif unit_id.startswith(ENTITY_PREFIX):
                entity, found = row
                if not isinstance(entity, str) or unit_id != ENTITY_PREFIX + entity:
                    raise CodecError("entity unit of the wrong shape")
                unit = entities[entity] = EntityUnit(entity)
            else:
                raise CodecError(f"unknown unit {unit_id!r}")
            spans.append((unit, len(flat), len(flat) + len(found)))
            flat.extend(found)
        decoded = decode_findings(flat)
        for unit, start, end in spans:
            unit.findings = decoded[start:end]  # type: ignore[attr-defined]
        return docs, entities
    except CodecError:
        raise
    except Exception as exc:  # malformed JSON, wrong shapes: not ours
        raise CodecError(f"undecodable unit: {type(exc).__name__}") from exc
    finally:
        if was_enabled:
            gc.enable()


def encode_units(units: Iterable[DocUnit | EntityUnit]) -> list[tuple[str, bytes]]:
    return [(u.unit_id, encode_doc(u) if isinstance(u, DocUnit) else encode_entity(u)) for u in units]
