"""Whole-run results: the CheckResult of a corpus whose files and settings did not change.

Comparison and rules cost far more than loading claims (on the Reuters archive,
~1.5 s per 6,000 claims), so a run over an unchanged corpus with unchanged
settings reuses the previous run's result instead of recomputing it. The key
covers every file's content hash (see pipeline), the configuration digest (the
settings and every file they name), the built-in tables, the whole package's
code and every check option that is not about speed. Findings are encoded like
claims in codec.py: positional arrays, rebuilt without validation.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import orjson

import factlint
from factlint.cache.codec import SCHEMA_DIGEST, CodecError, decode_claims, encode_claims
from factlint.cache.keys import builtin_tables_digest
from factlint.models import CheckResult, Finding, IngestNotice, Location, RuleMeta, Summary, trusted

FINDING_FIELDS: tuple[str, ...] = tuple(Finding.model_fields)
LOCATION_FIELDS: tuple[str, ...] = tuple(Location.model_fields)
_FINDING_SET = set(FINDING_FIELDS)
_LOCATION_SET = set(LOCATION_FIELDS)
_CLAIMS_AT = FINDING_FIELDS.index("claims")
_RELATED_AT = FINDING_FIELDS.index("related")
RESULT_SCHEMA = hashlib.sha256(repr((SCHEMA_DIGEST, FINDING_FIELDS, LOCATION_FIELDS,
                                     tuple(CheckResult.model_fields), tuple(Summary.model_fields),
                                     tuple(RuleMeta.model_fields))).encode()).hexdigest()[:16]

# Bump when what cache/units.py stores changes shape.
UNITS_SCHEMA = "units-3"

# Options that change how fast a run is, not what it finds.
_SPEED_OPTIONS = {"jobs", "use_cache", "quiet", "unfiltered", "complete"}


@lru_cache(maxsize=1)
def package_digest() -> str:
    """Every source file of the package: any code change can change a result."""
    package = Path(factlint.__file__).resolve().parent
    h = hashlib.sha256(factlint.__version__.encode())
    for f in sorted(package.rglob("*.py")):
        h.update(f.relative_to(package).as_posix().encode() + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()


def _option_value(value: Any) -> str:
    if isinstance(value, (str, Path)) and value and Path(value).is_file():
        return f"file:{Path(value).resolve()}:{hashlib.sha256(Path(value).read_bytes()).hexdigest()}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_option_value(v) for v in value) + "]"
    if hasattr(value, "model_dump_json"):
        return value.model_dump_json()
    return repr(value)


def check_digest(config: Any, options: Any, leave_out: Iterable[str] = ()) -> str:
    """What a check's result depends on besides the files: config, options, tables, code
    (and not the options named in ``leave_out``)."""
    skipped = _SPEED_OPTIONS | set(leave_out)
    h = hashlib.sha256()
    for part in (RESULT_SCHEMA, package_digest(), builtin_tables_digest(), config.digest()):
        h.update(part.encode() + b"\0")
    if dataclasses.is_dataclass(options):
        for f in dataclasses.fields(options):
            if f.name not in skipped:
                h.update(f"{f.name}={_option_value(getattr(options, f.name))}\0".encode())
    return h.hexdigest()


# Applied when a result is assembled from stored findings (factlint.check), so changing
# them does not make the findings of every unit be computed again.
ASSEMBLY_OPTIONS = ("baseline", "suppress")


def snapshot_id(config: Any, options: Any, settings: str, root: str, paths: Iterable[str]) -> str:
    """Which stored findings per unit (cache/units.py) a whole-corpus run may use: those
    computed with the same settings, extraction settings, corpus root, listed paths and
    working folder (findings show paths relative to it)."""
    h = hashlib.sha256(check_digest(config, options, ASSEMBLY_OPTIONS).encode())
    for part in (UNITS_SCHEMA, settings, root, os.getcwd(), *sorted(paths)):
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def encode_findings(findings: list[Finding]) -> list[list]:
    rows = []
    for f in findings:
        row = [getattr(f, name) for name in FINDING_FIELDS]
        row[_CLAIMS_AT] = encode_claims(f.claims)
        row[_RELATED_AT] = [[getattr(loc, name) for name in LOCATION_FIELDS] for loc in f.related]
        rows.append(row)
    return rows


def encode_check(result: CheckResult, unfiltered: list[Finding]) -> bytes:
    same = unfiltered == result.findings
    return orjson.dumps({
        "findings": encode_findings(result.findings),
        "unfiltered": None if same else encode_findings(unfiltered),
        "notices": [n.model_dump(mode="json") for n in result.notices],
        "rules": [r.model_dump(mode="json") for r in result.rules],
        "summary": result.summary.model_dump(mode="json"),
    })


def decode_findings(rows: list) -> list[Finding]:
    """Rows of :func:`encode_findings` -> findings. The claims of all rows are decoded in
    one call: most findings of an archive carry one claim, and a call per finding would
    cost more than the claims themselves."""
    finding_set, location_set = _FINDING_SET, _LOCATION_SET
    n_finding, n_location = len(FINDING_FIELDS), len(LOCATION_FIELDS)
    claims_at, related_at, fields = _CLAIMS_AT, _RELATED_AT, FINDING_FIELDS
    flat: list = []
    for row in rows:
        if len(row) != n_finding:
            raise CodecError("finding row of the wrong length")
        flat.extend(row[claims_at])
    claims = decode_claims(flat)
    out = []
    append = out.append
    at = 0
    for row in rows:
        n = len(row[claims_at])
        row[claims_at] = claims[at:at + n]
        at += n
        if row[related_at]:
            related = []
            for loc in row[related_at]:
                if len(loc) != n_location:
                    raise CodecError("location row of the wrong length")
                related.append(trusted(Location, dict(zip(LOCATION_FIELDS, loc)), location_set))
            row[related_at] = related
        append(trusted(Finding, dict(zip(fields, row)), finding_set))
    return out


def decode_check(blob: bytes) -> tuple[CheckResult, list[Finding]]:
    """The stored result and the findings before the baseline filtered them."""
    was_enabled = gc.isenabled()
    gc.disable()  # as in pipeline._load: every object built here lives to the end of the run
    try:
        data = orjson.loads(blob)
        findings = decode_findings(data["findings"])
        unfiltered = list(findings) if data["unfiltered"] is None else decode_findings(data["unfiltered"])
        result = CheckResult.model_construct(
            findings=findings,
            notices=[IngestNotice.model_validate(n) for n in data["notices"]],
            rules=[RuleMeta.model_validate(r) for r in data["rules"]],
            summary=Summary.model_validate(data["summary"]))
        return result, unfiltered
    except CodecError:
        raise
    except Exception as exc:
        raise CodecError(f"undecodable result: {type(exc).__name__}") from exc
    finally:
        if was_enabled:
            gc.enable()
        # Long-lived from here on: keep the collector from rescanning them while the
        # report is built (as pipeline._load does for claims).
        gc.freeze()


def result_id(fingerprint: str, digest: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{digest}".encode()).hexdigest()


def corpus_fingerprint(root: str, files: list[tuple[str, str, str]], targets: Optional[set[str]]) -> str:
    """``files``: (index key, display path, content hash) of every file the run read."""
    h = hashlib.sha256(root.encode() + b"\0")
    for key, shown, digest in sorted(files):
        h.update(f"{key}\0{shown}\0{digest}\n".encode())
    h.update(b"targets\0" + ("*" if targets is None else "\0".join(sorted(targets))).encode())
    return h.hexdigest()
