"""Publication metadata from the header and footer lines of an article.

News pages saved as text carry their date and outlet in short lines around the
headline, in a handful of shapes::

    Updated: 2022-12-09
    Updated: December 22, 2022 Source: Belt and Road Portal
    Now Shenzhen | January 24, 2022
    Writer: Zhang Wei | Editor: Li Na | From: Shenzhen Daily | Updated: 2022-12-09
    By LIU MING | | Updated: 2023-12-06 20:27
    Article from: SHENZHEN DAILY            (last line)

A line counts as metadata only when every part of it is a labelled field, a
byline, a date, or (beside a date) a short name; anything else is prose and is
left alone. The lines used are returned so the caller can blank them: their
numbers are dates and registration codes, not claims.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from factlint.ingest.blank import Span, has_boilerplate_hint, is_boilerplate_line
from factlint.ingest.dates import parse_date

# How far into the text the header may reach, and how far back the footer.
HEADER_LINES = 8
FOOTER_LINES = 6
MAX_META_LINE = 250
# A line this long is body text: the header zone ends there.
PROSE_WORDS = 25
PROSE_CHARS = 100  # no line of 25 words is shorter

_DATE_LABELS = {"updated", "published", "posted", "released", "date", "time", "updated on",
                "published on", "posted on", "release date", "publication date"}
_SOURCE_LABELS = {"source", "from", "article from", "article source", "outlet"}

_LABEL_RE = re.compile(
    r"(?<![\w])(article\s+from|article\s+source|release\s+date|publication\s+date"
    r"|(?:updated|published|posted)(?:\s+on)?|released|date|time|source|from|outlet"
    r"|by|writers?|authors?|editors?|reporters?|photos?|photographers?|translators?"
    r"|contributors?|editor-in-charge|chief\s+editor|editor\s+in\s+charge)\s*[:：]",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"\s*[|｜丨]\s*")
# "By LIU MING", "By Zhang Wei and Li Na"; a capital or CJK after "By" keeps "By 2025, ..." out.
_BYLINE_RE = re.compile(r"^(?:By|BY|by)\s+(?=[A-Z\u4e00-\u9fff])[^\d|:;.!?]{1,80}$")
# "Home > News > Tech", "Home » Business", "News / China"
_BREADCRUMB_RE = re.compile(r"^(?:home\b\s*(?:>|»|›|/|\|)|[^\n]*?(?:\s(?:>|»|›)\s[^\n]*?){2,})",
                            re.IGNORECASE)
_META_HINT = re.compile(r"[:：|｜丨]|^(?:By|BY|by)\s")
# Every date line has a four-digit year.
_YEAR_HINT = re.compile(r"\d{4}")
# "Wednesday, January 24, 2022 10:30 a.m. BJT" is as long as a bare date line gets.
BARE_DATE_WORDS = 8
# A bare date or "Name | date" line counts only this close to the top.
BARE_META_LINES = 4
# A line of this many short '|'-separated names is a site's navigation bar.
NAV_SEGMENTS = 3
# A headline below the byline is short and has no full stop.
TITLE_WORDS = 20
_NONEMPTY_LINE = re.compile(r"(?m)^[^\S\n]*\S[^\n]*")
# Metadata and breadcrumb lines all have one of these; most body lines have none.
_HINT_CHAR_RE = re.compile(r"[:：|｜丨>»›]")
_YEAR_RE = re.compile(r"[0-9]{4}")
_HINT_WORDS = frozenset({"by ", "by\t", "home"})

_CRUMB_SEPARATORS = (">", "»", "›", "/", "|")
_SENTENCE_END = re.compile(r"[.!?。]$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SPACES = re.compile(r"\s+")


@dataclass
class MetaLine:
    date: Optional[dt.date] = None
    outlet: Optional[str] = None
    strong_outlet: bool = False
    # a label ("Updated:", "From:") or a byline, not just a bare date and name
    labelled: bool = False


@dataclass
class HeaderInfo:
    date: Optional[dt.date] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    # lines to blank: metadata, breadcrumbs, a repeated headline
    spans: list[Span] = field(default_factory=list)


def clean_name(value: str) -> Optional[str]:
    name = _SPACES.sub(" ", value).strip().strip("\"'“”‘’").strip(" .,;:-–—").strip()
    if not name or len(name) > 80:
        return None
    if name.isupper() and len(name.split()) >= 2:
        name = name.title()
    return name


def _short_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and len(text) <= 60 and not _SENTENCE_END.search(text) \
        and not any(ch.isdigit() for ch in text)


def parse_meta_line(line: str) -> Optional[MetaLine]:
    """What a header/footer line says, or None when it is not a metadata line."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_META_LINE:
        return None
    if not _META_HINT.search(stripped) and (len(stripped.split()) > BARE_DATE_WORDS
                                            or not _YEAR_HINT.search(stripped)):
        return None  # no label, separator or byline, and not a bare date: prose
    info = MetaLine()
    recognised = False
    dated = False
    names: list[str] = []
    for segment in _SEPARATOR_RE.split(stripped):
        if not segment:
            continue
        labels = list(_LABEL_RE.finditer(segment))
        lead = segment[:labels[0].start()] if labels else segment
        pieces = [(None, lead)]
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(segment)
            pieces.append((_SPACES.sub(" ", m.group(1).lower()), segment[m.end():end]))
        for label, value in pieces:
            value = value.strip()
            if label is None:
                if not value:
                    continue
                date = parse_date(value) if value[-1] not in ".,;" else None
                if date is not None:
                    info.date = info.date or date
                    recognised = dated = True
                elif _BYLINE_RE.match(value):
                    recognised = info.labelled = True
                elif _short_name(value):
                    names.append(value)
                else:
                    return None
            elif label in _DATE_LABELS:
                date = parse_date(value)
                if date is None and value:
                    return None
                info.date = info.date or date
                recognised = dated = info.labelled = True
            elif label in _SOURCE_LABELS:
                name = clean_name(value)
                if value and (name is None or len(name.split()) > 8):
                    return None
                if name and not info.strong_outlet:
                    info.outlet, info.strong_outlet = name, True
                recognised = info.labelled = True
            else:
                # writer, editor, photographer: a person's name, never a number worth checking
                if len(value) > 80:
                    return None
                recognised = info.labelled = True
    if not recognised:
        return None
    if names:
        # "Now Shenzhen | January 24, 2022": a bare name is only trusted beside a date
        if not dated or len(names) > 1:
            return None
        if info.outlet is None:
            info.outlet = clean_name(names[0])
    return info


def _is_breadcrumb(line: str) -> bool:
    if len(line) > 200 or not any(sep in line for sep in _CRUMB_SEPARATORS):
        return False
    return bool(_BREADCRUMB_RE.match(line.strip()))


def _is_nav_bar(line: str) -> bool:
    segments = [seg for seg in _SEPARATOR_RE.split(line.strip()) if seg]
    return len(segments) >= NAV_SEGMENTS and all(_short_name(seg) for seg in segments)


def _never(line: str) -> bool:
    return False


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip().casefold()


def _title_text(line: str) -> Optional[str]:
    m = _MD_HEADING.match(line)
    title = m.group(1) if m else line
    title = _SPACES.sub(" ", title).strip()
    if not title or len(title) > 200:
        return None
    return title


def _nonempty_lines(text: str, limit: int, start: int = 0) -> list[Span]:
    """Up to ``limit`` non-empty lines of text[start:], as (start, end) spans."""
    out: list[Span] = []
    for m in _NONEMPTY_LINE.finditer(text, start):
        out.append(m.span())
        if len(out) >= limit:
            break
    return out


def _line_hinted(line: str) -> bool:
    return bool(_HINT_CHAR_RE.search(line) or _YEAR_RE.search(line)
                or line.lstrip()[:4].lower() in _HINT_WORDS)


def _lines_from_end(text: str, limit: int, start: int):
    """Up to ``limit`` non-empty lines of text[start:], last first."""
    end = len(text)
    found = 0
    while end > start and found < limit:
        line_start = max(text.rfind("\n", 0, end) + 1, start)
        if line_start < end and not text[line_start:end].isspace():
            found += 1
            yield line_start, end
        end = line_start - 1


def _hinted_lines(text: str, lines: list[Span]) -> set[int]:
    """Indexes of the lines (in text order) that could be metadata: each has a
    label colon, a separator, a four-digit year, or starts with "By"/"Home".
    Two character-class scans over the zone, not a regex per line: this runs
    for every article of a corpus."""
    hinted: set[int] = set()
    if not lines:
        return hinted
    starts = [s for s, _ in lines]
    stop = lines[-1][1]
    for rx in (_HINT_CHAR_RE, _YEAR_RE):
        pos = lines[0][0]
        while True:
            m = rx.search(text, pos, stop)
            if m is None:
                break
            index = bisect.bisect_right(starts, m.start()) - 1
            if index >= 0 and m.start() < lines[index][1]:
                hinted.add(index)
                pos = lines[index][1]
            else:
                pos = m.start() + 1
    for index, (start, _) in enumerate(lines):
        if text[start:start + 12].lstrip()[:4].lower() in _HINT_WORDS:
            hinted.add(index)
    return hinted


def scan_headers(text: str, want_title: bool = True, start: int = 0) -> HeaderInfo:
    """Date, outlet and title from the first and last lines of ``text[start:]``."""
    info = HeaderInfo()
    strong = False
    banner_outlet: Optional[str] = None
    header = _nonempty_lines(text, HEADER_LINES, start=start)
    # one look at the header zone instead of one per line (most zones have no footer words)
    zone = text[header[0][0]:header[-1][1]] if header else ""
    is_boilerplate = is_boilerplate_line if has_boilerplate_hint(zone) else _never
    hinted = _hinted_lines(text, header)
    kinds: list[str] = []  # per header line: meta, crumb, boiler, line, prose
    for index, (start, end) in enumerate(header):
        if end - start > PROSE_CHARS and len(text[start:end].split()) > PROSE_WORDS:
            kinds.append("prose")
            break
        if index not in hinted:
            kinds.append("boiler" if is_boilerplate is not _never and is_boilerplate(text[start:end])
                         else "line")
            continue
        line = text[start:end]
        meta = parse_meta_line(line)
        if meta is not None and (meta.labelled or index < BARE_META_LINES):
            kinds.append("meta")
            info.spans.append((start, end))
            info.date = info.date or meta.date
            if meta.outlet and (info.outlet is None or (meta.strong_outlet and not strong)):
                info.outlet, strong = meta.outlet, meta.strong_outlet
        elif _is_breadcrumb(line):
            kinds.append("crumb")
            info.spans.append((start, end))
        elif _is_nav_bar(line):
            # "CHINA DAILY | Global Edition | China | Business": a site banner,
            # which starts with the site's name
            kinds.append("crumb")
            info.spans.append((start, end))
            if index == 0:
                banner_outlet = clean_name(_SEPARATOR_RE.split(line.strip())[0])
        elif is_boilerplate(line):
            kinds.append("boiler")
        else:
            kinds.append("line")

    header_spans = set(header[:len(kinds)])
    body_start = header[0][0] if header else len(text)
    # Footer lines are few and the walk up usually stops at the first one, so
    # they are looked at one by one.
    for start, end in _lines_from_end(text, FOOTER_LINES, body_start):
        if (start, end) in header_spans:
            break
        line = text[start:end]
        meta = parse_meta_line(line) if _line_hinted(line) else None
        if meta is None or not meta.labelled:
            if is_boilerplate_line(line):
                continue
            break
        info.spans.append((start, end))
        info.date = info.date or meta.date
        if meta.outlet and (info.outlet is None or (meta.strong_outlet and not strong)):
            info.outlet, strong = meta.outlet, meta.strong_outlet

    info.outlet = info.outlet or banner_outlet
    if want_title:
        _find_title(text, header, kinds, info)
    return info


def _find_title(text: str, header: list[Span], kinds: list[str], info: HeaderInfo) -> None:
    lines = [(span, kind) for span, kind in zip(header, kinds)]
    first_meta = next((i for i, (_, kind) in enumerate(lines) if kind == "meta"), None)
    candidates = [i for i, (_, kind) in enumerate(lines) if kind == "line"]
    if not candidates:
        return
    # The headline sits just above the byline; a site banner may sit above it.
    if first_meta is not None and first_meta <= 6:
        before = [i for i in candidates if i < first_meta]
        if before:
            chosen = before[-1]
        else:
            # metadata first: a headline may follow it, a body sentence is no title
            chosen = candidates[0]
            line = text[slice(*lines[chosen][0])].strip()
            if _SENTENCE_END.search(line) or len(line.split()) > TITLE_WORDS:
                return
        # a headline printed twice: take the first copy
        while chosen - 1 in before and _norm(text[slice(*lines[chosen - 1][0])]) == \
                _norm(text[slice(*lines[chosen][0])]):
            chosen -= 1
    else:
        chosen = candidates[0]
    span = lines[chosen][0]
    info.title = _title_text(text[span[0]:span[1]])
    # Blank later copies of the headline so its figures are not counted twice.
    key = _norm(text[span[0]:span[1]])
    for i in range(chosen + 1, len(lines)):
        other, kind = lines[i]
        if kind == "line" and _norm(text[other[0]:other[1]]) == key:
            info.spans.append(other)
        elif kind in ("line", "prose"):
            break
