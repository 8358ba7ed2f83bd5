"""A compact, fast encoding of FileResult for the claim index and for worker results.

A warm run loads every claim of the archive (hundreds of thousands), so each
claim is stored as a JSON array of its field values in declaration order and
rebuilt without per-field validation: pydantic validation of the whole archive
costs several seconds, this costs a fraction. The bytes only ever come from
:func:`encode_file` (the index stores nothing else); anything that does not
decode to the expected shape raises :class:`CodecError` and the caller treats
the entry as corrupt. The field lists are part of :data:`SCHEMA_DIGEST`, so a
model change makes old entries unreadable rather than misread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterable, Optional

import orjson

from factlint.models import Claim, Directive, DocumentMeta, FileResult, IngestNotice, Period, trusted

CLAIM_FIELDS: tuple[str, ...] = tuple(Claim.model_fields)
PERIOD_FIELDS: tuple[str, ...] = tuple(Period.model_fields)
META_FIELDS: tuple[str, ...] = tuple(DocumentMeta.model_fields)
_PERIOD_AT = CLAIM_FIELDS.index("period")
_DATE_FIELDS_PERIOD = tuple(i for i, f in enumerate(PERIOD_FIELDS) if f in ("start", "end"))
_DATE_AT_META = META_FIELDS.index("date")

# pydantic's fields-set of a model built with every field; one shared set per model is
# safe (assignment only adds names already in it) and saves building one per object.
_CLAIM_SET = set(CLAIM_FIELDS)
_PERIOD_SET = set(PERIOD_FIELDS)

SCHEMA_DIGEST = hashlib.sha256(repr((
    CLAIM_FIELDS, PERIOD_FIELDS, META_FIELDS, tuple(Directive.model_fields), tuple(IngestNotice.model_fields),
    tuple(FileResult.model_fields))).encode()).hexdigest()[:16]

_new = object.__new__
_set = object.__setattr__
_fromiso = dt.date.fromisoformat


class CodecError(ValueError):
    """Stored bytes that are not what encode_file wrote."""


def _period_row(p: Optional[Period]) -> Optional[list]:
    if p is None:
        return None
    return [getattr(p, f) for f in PERIOD_FIELDS]  # dates become ISO strings in orjson


def encode_claims(claims: Iterable[Claim]) -> list[list]:
    rows = []
    for c in claims:
        d = c.__dict__
        row = [d.get(f) for f in CLAIM_FIELDS]
        row[_PERIOD_AT] = _period_row(row[_PERIOD_AT])
        rows.append(row)
    return rows


def encode_file(result: FileResult) -> bytes:
    meta = [getattr(result.meta, f) for f in META_FIELDS]
    return orjson.dumps([
        meta,
        result.content_hash,
        encode_claims(result.claims),
        [d.model_dump(mode="json") for d in result.directives],
        [n.model_dump(mode="json") for n in result.notices],
    ])


def decode_claims(rows: list) -> list[Claim]:
    # The hot loop of a warm run: _built is inlined and names are bound locally.
    n_claim, n_period = len(CLAIM_FIELDS), len(PERIOD_FIELDS)
    claim_fields, period_fields = CLAIM_FIELDS, PERIOD_FIELDS
    claim_set, period_set = _CLAIM_SET, _PERIOD_SET
    period_at, date_at = _PERIOD_AT, _DATE_FIELDS_PERIOD
    # models.trusted, inlined: a call per claim would cost more than the claims themselves
    new, put, fromiso, claim_cls, period_cls = _new, _set, _fromiso, Claim, Period
    out = []
    append = out.append
    for row in rows:
        if len(row) != n_claim:
            raise CodecError("claim row of the wrong length")
        p = row[period_at]
        if p is not None:
            if len(p) != n_period:
                raise CodecError("period row of the wrong length")
            for i in date_at:
                if p[i] is not None:
                    p[i] = fromiso(p[i])
            period = new(period_cls)
            put(period, "__dict__", dict(zip(period_fields, p)))
            put(period, "__pydantic_fields_set__", period_set)
            put(period, "__pydantic_extra__", None)
            put(period, "__pydantic_private__", None)
            row[period_at] = period
        claim = new(claim_cls)
        put(claim, "__dict__", dict(zip(claim_fields, row)))
        put(claim, "__pydantic_fields_set__", claim_set)
        put(claim, "__pydantic_extra__", None)
        put(claim, "__pydantic_private__", None)
        append(claim)
    return out


def decode_file(blob: bytes) -> FileResult:
    try:
        meta, content_hash, claims, directives, notices = orjson.loads(blob)
        if len(meta) != len(META_FIELDS):
            raise CodecError("metadata of the wrong length")
        if meta[_DATE_AT_META] is not None:
            meta[_DATE_AT_META] = _fromiso(meta[_DATE_AT_META])
        return trusted(FileResult, {
            "meta": trusted(DocumentMeta, dict(zip(META_FIELDS, meta)), set(META_FIELDS)),
            "content_hash": content_hash,
            "claims": decode_claims(claims),
            # Rare and small: validate them properly.
            "directives": [Directive.model_validate(d) for d in directives],
            "notices": [IngestNotice.model_validate(n) for n in notices],
        }, set(FileResult.model_fields))
    except CodecError:
        raise
    except Exception as exc:  # malformed JSON, wrong shapes, bad dates: all mean "not ours"
        raise CodecError(f"undecodable entry: {type(exc).__name__}") from exc


def with_display_path(result: FileResult, path: str) -> FileResult:
    """The same result as if the file had been read under another name.

    Claim ids are '<path>:<offset>' (see Claim.id), so ids and links move too.
    """
    old = result.meta.path
    if old == path:
        return result
    prefix = old + ":"

    def moved(value: Optional[str]) -> Optional[str]:
        return path + ":" + value[len(prefix):] if value is not None and value.startswith(prefix) else value

    claims = []
    for c in result.claims:
        d = dict(c.__dict__)
        d["path"] = path if d["path"] == old else d["path"]
        d["id"] = moved(d["id"])
        d["equivalent_of"] = moved(d["equivalent_of"])
        claims.append(trusted(Claim, d, set(CLAIM_FIELDS)))
    return result.model_copy(update={
        "meta": result.meta.model_copy(update={"path": path}),
        "claims": claims,
        "notices": [n.model_copy(update={"path": path}) if n.path == old else n for n in result.notices],
    })
