"""Files -> per-file results (claims, metadata, directives).

PLACEHOLDER sequential version; the cache and parallel workers plug in here,
keeping ``collect``'s signature.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from factlint.extract import extract_claims
from factlint.ingest import discover_files, load_document
from factlint.models import Document, DocumentMeta, FileResult, IngestNotice
from factlint.rules.suppress import parse_directives


@dataclass
class Collected:
    files: list[FileResult] = field(default_factory=list)
    notices: list[IngestNotice] = field(default_factory=list)

    @property
    def claims(self):
        return [c for f in self.files for c in f.claims]


def process_document(doc: Document) -> FileResult:
    meta = DocumentMeta(path=doc.path, date=doc.date, outlet=doc.outlet, title=doc.title, format=doc.format)
    digest = hashlib.sha256(doc.raw.encode("utf-8", "surrogatepass")).hexdigest()
    directives = parse_directives(doc)  # first: a malformed directive adds to doc.notices
    notices = [IngestNotice(path=doc.path, level="info", message=m) for m in doc.notices]
    return FileResult(meta=meta, content_hash=digest, claims=extract_claims(doc),
                      directives=directives, notices=notices)


def collect(paths: Iterable[Union[str, Path]], exclude: Iterable[str] = (), jobs: Optional[int] = None,
            use_cache: bool = True, quiet: bool = False) -> Collected:
    out = Collected()
    for path in discover_files(paths, exclude):
        item = load_document(path)
        if isinstance(item, IngestNotice):
            out.notices.append(item)
            continue
        result = process_document(item)
        out.notices.extend(result.notices)
        out.files.append(result)
    return out
