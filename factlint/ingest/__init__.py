"""Ingest stage: files on disk -> documents.

PLACEHOLDER: plain text only, no metadata; the real readers (Markdown with front
matter, HTML, header lines, encodings) replace these bodies, keeping the signatures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from factlint.models import Document, IngestNotice

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def document_from_text(text: str, path: str = "<text>", format: str = "text",
                       date: Optional[dt.date] = None) -> Document:
    """Build a document from already-decoded text (the Python API and tests use this)."""
    doc = Document(path=path, raw=text, text=text, format=format)
    if date is not None:
        doc.date = date
    return doc


def discover_files(paths: Iterable[Union[str, Path]], exclude: Iterable[str] = ()) -> list[Path]:
    """Files to read under the given paths, sorted, hidden folders and excludes skipped."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            found.append(p)
    return sorted(set(found))


def load_document(path: Path, display_path: Optional[str] = None) -> Union[Document, IngestNotice]:
    """Read and decode one file; a problem becomes an IngestNotice, never an exception."""
    name = display_path or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return IngestNotice(path=name, message=f"cannot read: {exc}")
    fmt = SUFFIXES.get(path.suffix.lower(), "text")
    return document_from_text(text, path=name, format=fmt)


def iter_documents(paths: Iterable[Union[str, Path]], exclude: Iterable[str] = ()) -> Iterator[Union[Document, IngestNotice]]:
    for f in discover_files(paths, exclude):
        yield load_document(f)
