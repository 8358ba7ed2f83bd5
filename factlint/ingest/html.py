"""HTML: the visible text of a page, with a map from each character back to the file.

Built on the standard library's tolerant ``html.parser`` with character
references left unconverted, so every piece of text arrives with its position
in the file. Runs of whitespace collapse to one space; block elements become
line or paragraph breaks so sentence and paragraph detection work on the text.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Optional

# Not visible, or not part of the article.
SKIP_TAGS = frozenset({"script", "style", "nav", "noscript", "template", "head", "svg", "math",
                       "iframe", "object", "canvas", "select", "datalist"})
# What may stand inside <head>; any other element means the body has begun.
_HEAD_CONTENT = frozenset({"title", "meta", "link", "base", "style", "script", "noscript", "template"})
PARAGRAPH_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
LINE_TAGS = frozenset({"br", "td", "th", "option"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr"})

DATE_META = ("article:published_time", "og:article:published_time", "og:published_time",
             "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
             "publication_date", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
             "dcterms.date", "citation_publication_date", "parsely-pub-date", "sailthru.date",
             "article.published", "published_time", "article:modified_time", "og:updated_time",
             "datemodified", "lastmod")
OUTLET_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "source",
               "citation_publisher", "article:publisher")
TITLE_META = ("og:title", "twitter:title", "dc.title", "citation_title", "headline", "title")

_WS = frozenset(" \t\n\r\f")
_MULTI_WS = re.compile(r"[ \t\n\r\f]{2,}")
_WS_TRANSLATE = str.maketrans("\t\n\r\f", "    ")


class OffsetMap(Sequence):
    """text index -> raw offset, stored as runs instead of one int per character.

    A run either advances with the text (copied characters) or stays put
    (a decoded entity, an inserted break). A 50 MB page needs a few runs per
    whitespace gap instead of 50 million Python ints.
    """

    __slots__ = ("_text_starts", "_raw_starts", "_linear", "_length")

    def __init__(self) -> None:
        self._text_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._linear: list[bool] = []
        self._length = 0

    def add(self, length: int, raw_start: int, linear: bool) -> None:
        if length <= 0:
            return
        if self._text_starts and linear and self._linear[-1]:
            last = len(self._text_starts) - 1
            if self._raw_starts[last] + (self._length - self._text_starts[last]) == raw_start:
                self._length += length
                return
        self._text_starts.append(self._length)
        self._raw_starts.append(raw_start)
        self._linear.append(linear)
        self._length += length

    def __len__(self) -> int:
        return self._length

    def _at(self, index: int) -> int:
        k = bisect.bisect_right(self._text_starts, index) - 1
        if self._linear[k]:
            return self._raw_starts[k] + index - self._text_starts[k]
        return self._raw_starts[k]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        return self._at(index)

    def __iter__(self):
        for k, start in enumerate(self._text_starts):
            end = self._text_starts[k + 1] if k + 1 < len(self._text_starts) else self._length
            raw = self._raw_starts[k]
            if self._linear[k]:
                yield from range(raw, raw + end - start)
            else:
                for _ in range(end - start):
                    yield raw

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (OffsetMap, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"OffsetMap(len={self._length}, runs={len(self._text_starts)})"


@dataclass
class HtmlParts:
    text: str
    offsets: OffsetMap
    meta: dict[str, str] = field(default_factory=dict)
    title: Optional[str] = None
    h1: Optional[str] = None
    time: Optional[str] = None
    ld: list[dict] = field(default_factory=list)


class _VisibleText(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self._raw = raw
        self.defused = False
        self._line_starts = [0]
        pos = raw.find("\n")
        while pos != -1:
            self._line_starts.append(pos + 1)
            pos = raw.find("\n", pos + 1)
        self.parts: list[str] = []
        self.offsets = OffsetMap()
        self._skip: list[str] = []
        self._pending_break = 0
        self._break_at = 0
        self._pending_space: Optional[int] = None
        self._last_char = ""
        self.meta: dict[str, str] = {}
        self._title: Optional[list[str]] = None
        self.title: Optional[str] = None
        self._h1: Optional[list[str]] = None
        self.h1: Optional[str] = None
        self.time: Optional[str] = None
        self._ld: Optional[list[str]] = None
        self.ld: list[dict] = []

    # -- positions and output -------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _emit(self, s: str, raw: int, linear: bool = True) -> None:
        if self.parts:
            if self._pending_break:
                self.parts.append("\n" * self._pending_break)
                self.offsets.add(self._pending_break, self._break_at, False)
            elif self._pending_space is not None:
                self.parts.append(" ")
                self.offsets.add(1, self._pending_space, True)
        self._pending_break = 0
        self._pending_space = None
        self.parts.append(s)
        self.offsets.add(len(s), raw, linear)

    def _break(self, level: int) -> None:
        if level > self._pending_break:
            if not self._pending_break:
                self._break_at = self._offset()
            self._pending_break = level
        self._pending_space = None

    def _space(self, raw: int) -> None:
        if not self._pending_break and self._pending_space is None:
            self._pending_space = raw

    def _add_piece(self, piece: str, raw: int) -> None:
        if not piece:
            return
        piece = piece.translate(_WS_TRANSLATE)
        if piece[0] == " ":
            self._space(raw)
            piece = piece[1:]
            raw += 1
            if not piece:
                return
        trailing = piece[-1] == " "
        if trailing:
            piece = piece[:-1]
        if piece:
            self._emit(piece, raw)
        if trailing:
            self._space(raw + len(piece))

    def _text(self, data: str, raw: int) -> None:
        pos = 0
        for m in _MULTI_WS.finditer(data):
            self._add_piece(data[pos:m.start()], raw + pos)
            self._space(raw + m.start())
            pos = m.end()
        self._add_piece(data[pos:], raw + pos)

    def _capture(self, s: str) -> None:
        if self._title is not None:
            self._title.append(s)
        if self._h1 is not None:
            self._h1.append(s)
        if self._ld is not None:
            self._ld.append(s)

    # -- parser callbacks -----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if self._skip and self._skip[-1] == "head" and tag not in _HEAD_CONTENT:
            self._skip.pop()  # a body element closes an unclosed <head>
        if tag == "meta":
            self._read_meta(attrs)
        elif tag == "time" and self.time is None:
            value = dict(attrs).get("datetime")
            if value:
                self.time = value
        if tag == "title" and self.title is None:
            self._title = []
        elif tag == "h1" and self.h1 is None and not self._skip:
            self._h1 = []
        elif tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self._ld = []
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self._skip.append(tag)
            return
        if self._skip:
            return
        if tag in PARAGRAPH_TAGS:
            self._break(2)
        elif tag in LINE_TAGS:
            self._break(1)
        elif tag == "img":
            self._space(self._offset())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        # <br/>, <meta ... />, and XHTML-style <p/>: never leave anything open
        self.handle_starttag(tag, attrs)
        if tag in SKIP_TAGS and self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.title = _collapse("".join(self._title))
            self._title = None
        elif tag == "h1" and self._h1 is not None:
            self.h1 = _collapse("".join(self._h1))
            self._h1 = None
        elif tag == "script" and self._ld is not None:
            self._read_ld("".join(self._ld))
            self._ld = None
        if tag in self._skip:
            while self._skip:
                if self._skip.pop() == tag:
                    break
            return
        if self._skip:
            return
        if tag in PARAGRAPH_TAGS:
            self._break(2)
        elif tag in LINE_TAGS:
            self._break(1)

    def handle_data(self, data: str) -> None:
        raw = self._offset()
        if self.defused:
            data = self._raw[raw:raw + len(data)]  # undo the placeholders (same length)
        self._capture(data)
        if self._skip:
            return
        self._text(data, raw)

    def _reference(self, text: str) -> None:
        self._capture(text)
        if self._skip:
            return
        raw = self._offset()
        if text.isspace():
            self._space(raw)
        else:
            self._emit(text.replace("\xa0", " "), raw, linear=False)

    def handle_entityref(self, name: str) -> None:
        text = html.unescape(f"&{name};")
        if text == f"&{name};":
            # not an entity: keep exactly what was written ("AT&T", "R&D")
            end = self._offset() + 1 + len(name)
            text = f"&{name};" if self._raw.startswith(";", end) else f"&{name}"
        self._reference(text)

    def handle_charref(self, name: str) -> None:
        self._reference(html.unescape(f"&#{name};"))

    # -- metadata -------------------------------------------------------------
    def _read_meta(self, attrs: list[tuple[str, Optional[str]]]) -> None:
        values = {k.lower(): v for k, v in attrs if v is not None}
        content = values.get("content")
        if content is None:
            return
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = values.get(attr)
            if key:
                self.meta.setdefault(key.strip().lower(), html.unescape(content).strip())

    def _read_ld(self, source: str) -> None:
        try:
            data = json.loads(html.unescape(source))
        except (ValueError, RecursionError):
            return
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    self.ld.extend(g for g in graph if isinstance(g, dict))
                self.ld.append(item)


def _collapse(s: str) -> Optional[str]:
    s = " ".join(html.unescape(s).split())
    return s or None


_DEFUSED = "\ue000"
_SECTION_CLOSE = re.compile(r"\]\s*>")


def _defuse(raw: str) -> str:
    """``raw`` with the '<' of constructs that can never be closed replaced by a
    placeholder, at the same offsets.

    html.parser retries an unclosed construct ("<!--" with no "-->" after it, a
    tag start after the last '>') at every later '<' and scans to the end each
    time: quadratic, minutes for a few hundred KB of broken markup. A construct
    with no terminator anywhere after it is text anyway.
    """
    marks: list[int] = []
    last_gt = raw.rfind(">")
    pos = raw.find("<", last_gt + 1)
    while pos != -1:
        marks.append(pos)
        pos = raw.find("<", pos + 1)
    last_comment_end = max(raw.rfind("-->"), raw.rfind("--!>"))
    pos = raw.find("<!--", last_comment_end + 1)
    while pos != -1 and pos < last_gt:
        marks.append(pos)
        pos = raw.find("<!--", pos + 4)
    if "<![" in raw:
        last_section_end = -1
        for m in _SECTION_CLOSE.finditer(raw):
            last_section_end = m.start()
        pos = raw.find("<![", last_section_end + 1)
        while pos != -1 and pos < last_gt:
            marks.append(pos)
            pos = raw.find("<![", pos + 3)
    if not marks:
        return raw
    marks = sorted(set(marks))
    parts = []
    prev = 0
    for mark in marks:
        parts.append(raw[prev:mark])
        parts.append(_DEFUSED)
        prev = mark + 1
    parts.append(raw[prev:])
    return "".join(parts)


def extract_html(raw: str) -> HtmlParts:
    """Visible text, offsets and page metadata; never raises on malformed markup."""
    parser = _VisibleText(raw)
    source = _defuse(raw)
    parser.defused = source is not raw
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # noqa: BLE001
        # html.parser is tolerant, but some versions assert on malformed
        # declarations; keep what was read up to there rather than lose the file.
        pass
    text = "".join(parser.parts)
    return HtmlParts(text=text, offsets=parser.offsets, meta=parser.meta, title=parser.title,
                     h1=parser.h1, time=parser.time, ld=parser.ld)


def _ld_value(ld: list[dict], key: str) -> Any:
    for item in ld:
        value = item.get(key)
        if value:
            return value
    return None


def html_metadata(parts: HtmlParts) -> dict[str, Any]:
    """date (string), outlet and title from meta tags, JSON-LD, <time>, <title> and <h1>."""
    meta = parts.meta
    out: dict[str, Any] = {}
    date = next((meta[k] for k in DATE_META if meta.get(k)), None)
    date = date or _ld_value(parts.ld, "datePublished") or _ld_value(parts.ld, "dateCreated") or parts.time
    if isinstance(date, str):
        out["date"] = date
    outlet = next((meta[k] for k in OUTLET_META if meta.get(k) and "://" not in meta[k]), None)
    if outlet is None:
        publisher = _ld_value(parts.ld, "publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            outlet = publisher["name"]
        elif isinstance(publisher, str):
            outlet = publisher
    if outlet:
        out["outlet"] = outlet
    title = next((meta[k] for k in TITLE_META if meta.get(k)), None)
    if title is None:
        headline = _ld_value(parts.ld, "headline")
        title = headline if isinstance(headline, str) else None
    title = title or parts.h1 or parts.title
    if title:
        out["title"] = " ".join(title.split())
    return out
