"""Ingest stage: files on disk -> documents.

``raw`` is the decoded file; ``text`` is what extraction reads. For plain text
and Markdown, ``text`` is ``raw`` with skipped regions (front matter, code,
comments, link targets, metadata and boilerplate lines) blanked to spaces, so
offsets, lines and columns are the file's own. For HTML, ``text`` is the
visible text and ``Document.offsets`` maps each character back into ``raw``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from factlint.errors import FactlintError
from factlint.ingest.blank import blank_spans, boilerplate_spans
from factlint.ingest.dates import coerce_date
from factlint.ingest.decode import ReadProblem, read_text
from factlint.ingest.discover import SUFFIXES, discover_files, format_for
from factlint.ingest.discover import display_path as _display_path
from factlint.ingest.headers import clean_name, scan_headers
from factlint.ingest.html import extract_html, html_metadata
from factlint.ingest.markdown import process_markdown
from factlint.models import Document, IngestNotice

__all__ = ["SUFFIXES", "discover_files", "display_path", "document_from_text", "iter_documents",
           "load_document"]

_FORMATS = {"text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown",
            "html": "html", "htm": "html"}
_DATE_KEYS = ("date", "published", "publish_date", "pubdate", "published_at")
_OUTLET_KEYS = ("outlet", "source", "publisher")


def display_path(path: Union[str, Path]) -> str:
    """POSIX path relative to the current directory when under it, else as given."""
    return _display_path(path)


def _first(data: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = data.get(key)
        if value not in (None, ""):
            return value
    return None


def _name_value(value: Any) -> Optional[str]:
    return clean_name(value) if isinstance(value, str) else None


def _title_value(value: Any) -> Optional[str]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def document_from_text(text: str, path: str = "<text>", format: str = "text",
                       date: Optional[dt.date] = None) -> Document:
    """Build a document from already-decoded text, as if it were a file's content.

    Runs the same format-specific processing as files get; an explicit ``date``
    overrides one found in the text.
    """
    fmt = _FORMATS.get(str(format).lower())
    if fmt is None:
        raise FactlintError(f"unknown document format {format!r}; expected text, markdown or html")
    found_date: Optional[dt.date] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    front_matter: dict = {}
    notices: list[str] = []
    offsets = None
    if fmt == "markdown":
        parts = process_markdown(text, path)
        body, front_matter, notices = parts.text, parts.front_matter, parts.notices
        spans = parts.spans
        found_date = coerce_date(_first(front_matter, _DATE_KEYS))
        outlet = _name_value(_first(front_matter, _OUTLET_KEYS))
        title = _title_value(front_matter.get("title"))
        header = scan_headers(body, want_title=title is None and parts.heading is None,
                              start=parts.front_matter_end)
        title = title or parts.heading or header.title
    elif fmt == "html":
        page = extract_html(text)
        meta = html_metadata(page)
        body, offsets, spans = page.text, page.offsets, []
        found_date = coerce_date(meta.get("date"))
        outlet = _name_value(meta.get("outlet"))
        title = meta.get("title")
        header = scan_headers(body, want_title=title is None)
        title = title or header.title
    else:
        body, spans = text, []
        header = scan_headers(body)
        title = header.title
    found_date = found_date or header.date
    outlet = outlet or header.outlet
    spans.extend(header.spans)
    spans.extend(boilerplate_spans(body))
    body = blank_spans(body, spans)
    doc = Document(path=path, raw=text, text=body, format=fmt, date=date or found_date,
                   outlet=outlet, title=title, front_matter=front_matter, notices=notices)
    if offsets is not None:
        # A run-length OffsetMap (a read-only sequence of ints) rather than a
        # list: a 50 MB page would need 50 million Python ints.
        doc.offsets = offsets  # type: ignore[assignment]
    return doc


def load_document(path: Union[str, Path], display_path: Optional[str] = None) -> Union[Document, IngestNotice]:
    """Read and decode one file; a problem becomes an IngestNotice, never an exception."""
    name = display_path or _display_path(path)
    decoded = read_text(path)
    if isinstance(decoded, ReadProblem):
        return IngestNotice(path=name, level=decoded.level, message=decoded.message)  # type: ignore[arg-type]
    try:
        doc = document_from_text(decoded.text, path=name, format=format_for(path))
    except Exception as exc:  # noqa: BLE001 - one odd file must not end the run
        return IngestNotice(path=name, level="error",
                            message=f"could not be processed ({type(exc).__name__}: {exc}); skipped")
    doc.notices[:0] = decoded.notices
    return doc


def iter_documents(paths: Iterable[Union[str, Path]], exclude: Iterable[str] = ()) -> Iterator[Union[Document, IngestNotice]]:
    """Documents (or notices for files that could not be read), in sorted path order."""
    problems: list[IngestNotice] = []
    files = discover_files(paths, exclude, problems=problems)
    yield from problems
    for f in files:
        yield load_document(f)
