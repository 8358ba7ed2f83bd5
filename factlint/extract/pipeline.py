"""Turn one document into claims: scan quantities, then bind each to its context.

PLACEHOLDER context binding: sentence, kind, period, entity, metric and source
are filled in by the modules of this package as they are written.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from factlint.extract.quantities import scan_quantities
from factlint.models import Claim, Document


def extract_claims(doc: Document) -> list[Claim]:
    quantities = scan_quantities(doc.text)
    claims: list[Claim] = []
    ids: list[str] = []
    for q in quantities:
        raw_start = doc.raw_offset(q.start)
        line, col = doc.position(q.start)
        end_line, end_col = doc.position(max(q.end - 1, q.start))
        claim_id = f"{doc.path}:{raw_start}"
        ids.append(claim_id)
        claims.append(Claim.model_construct(
            id=claim_id, path=doc.path, line=line, column=col, end_line=end_line,
            end_column=end_col + 1, offset=raw_start, end_offset=doc.raw_offset(max(q.end - 1, q.start)) + 1,
            text=q.text, sentence="", value=q.value, unit=q.unit, dimension=q.dimension,
            low=q.low, high=q.high, low_inclusive=q.low_inclusive, high_inclusive=q.high_inclusive,
            qualifier=q.qualifier, kind="level", entity=None, metric=None, period=None,
            source=None, equivalent_of=None, rate_base=q.rate_base, rate_unit=q.rate_unit,
            counted=q.counted, verified_by=None))
    for claim, q in zip(claims, quantities):
        if q.equivalent_of is not None:
            claim.equivalent_of = ids[q.equivalent_of]
    return claims


def extract_text(text: str, path: str = "<text>", date: Optional[dt.date] = None,
                 format: str = "text") -> list[Claim]:
    """Extract claims from a string, as if it were a file's content."""
    from factlint.ingest import document_from_text

    return extract_claims(document_from_text(text, path=path, format=format, date=date))
