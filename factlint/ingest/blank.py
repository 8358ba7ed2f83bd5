"""Blanking: hide regions of the text from extraction without moving anything.

Skipped regions are overwritten with spaces but keep their newlines, so the
text stays as long as the file and every offset, line and column stays exact.
Also the boilerplate all formats share: URLs, copyright and licence lines,
screen-resolution banners, media file names.
"""

from __future__ import annotations

import re
from typing import Iterable

Span = tuple[int, int]

def blank_spans(text: str, spans: Iterable[Span]) -> str:
    """``text`` with every span replaced by spaces, newlines kept."""
    ordered = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    if not ordered:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in ordered:
        if end <= pos:
            continue
        start = max(start, pos)
        parts.append(text[pos:start])
        chunk = text[start:end]
        if "\n" in chunk:
            # split/join run in C; a regex with a Python callback per line costs more
            parts.append("\n".join(" " * len(line) for line in chunk.split("\n")))
        else:
            parts.append(" " * len(chunk))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def line_bounds(text: str, index: int) -> Span:
    """(start, end) of the line holding ``index``, end excluding the newline."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, len(text) if end == -1 else end


def iter_lines(text: str, start: int = 0, end: int | None = None):
    """Yield (line_start, line_end) for each line of text[start:end]."""
    stop = len(text) if end is None else end
    pos = start
    while pos <= stop:
        nl = text.find("\n", pos, stop)
        if nl == -1:
            if pos < stop:
                yield pos, stop
            return
        yield pos, nl
        pos = nl + 1


# Numbers inside addresses are not claims ("/2022/12/09/51000.html").
URL_RE = re.compile(r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'`]+""", re.IGNORECASE)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Footer and banner lines of news sites carry numbers that are never claims.
_COPYRIGHT = (r"\bcopyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b|of\b)|©\s*(?:\d{4}|[A-Z])|\(c\)\s*\d{4}"
              r"|\ball rights reserved\b")
_LICENCE = (r"\blicen[cs]e\s+(?:for\b|no\b|no\.|number\b|#)|\bregistration\s+(?:no\b|no\.|number\b)"
            r"|ICP\s*[备证]|公网安备|备案号|许可证")
_BANNER = (r"\bbest\s+viewed\b|\bscreen\s+resolution\b|\b\d{3,4}\s*[*×]\s*\d{3,4}\b"
           r"|\b(?:view|display|resolution|browser)\b[^\n]{0,40}\b\d{3,4}\s*x\s*\d{3,4}\b")
BOILERPLATE_RE = re.compile(f"{_COPYRIGHT}|{_LICENCE}|{_BANNER}", re.IGNORECASE)
# Plain substrings (of the lower-cased text) one of which every boilerplate match
# contains: str.find is far faster than the regex, and most articles have none.
_BOILERPLATE_HINTS = ("copyright", "©", "(c)", "rights reserved", "licen", "registration", "icp",
                      "公网安备", "备案号", "许可证", "viewed", "resolution", "*", "×")
# A long line that mentions copyright is prose about copyright, not a footer.
BOILERPLATE_MAX_LINE = 300

_MEDIA_EXT_RE = re.compile(r"\.(?:mp4|m4v|mov|avi|wmv|flv|webm|mkv|mp3|wav|jpe?g|png|gif|webp|tiff?)\b",
                           re.IGNORECASE)
_MEDIA_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.()[]")
# A caption slot holding only a file name, spaces allowed ("Shenzhen 5G tour 2022.mp4").
MEDIA_LINE_MAX = 150
_SENTENCE_PUNCT = re.compile(r"[.,;:!?]\s")


def _media_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _MEDIA_EXT_RE.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1] in _MEDIA_NAME_CHARS or text[start - 1].isalnum()):
            start -= 1
        if start == m.start():
            continue  # ".png" alone is not a file name
        spans.append((start, m.end()))
        line_start, line_end = line_bounds(text, start)
        if line_end - line_start <= MEDIA_LINE_MAX and not text[m.end():line_end].strip():
            prefix = text[line_start:start]
            # a caption sentence that happens to end in a file name keeps its words
            if len(prefix.split()) <= 8 and not _SENTENCE_PUNCT.search(prefix):
                spans.append((line_start, line_end))
    return spans


# The wire's end-of-text control code left as the last line ("&#3;", or "3;" once the
# entity was half decoded): Reuters stories end "Reuter\n&#3;". Never a figure.
_END_CODE_RE = re.compile(r"[ \t]*(?:&#\d{1,2};|\d;)[ \t\r]*")


def _end_code_span(text: str) -> list[Span]:
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    if 0 < end - start <= 8 and _END_CODE_RE.fullmatch(text, start, end):
        return [(start, end)]
    return []


def boilerplate_spans(text: str) -> list[Span]:
    """Spans of URLs, media file names and footer/banner lines, anywhere in the text."""
    spans: list[Span] = _end_code_span(text)
    if "://" in text or "www." in text or "WWW." in text:
        spans.extend(m.span() for m in URL_RE.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in EMAIL_RE.finditer(text))
    if "." in text:
        spans.extend(_media_spans(text))
    lower = text.lower()
    if len(lower) != len(text):
        # a few characters lower-case to two ("İ"): positions would not line up
        last_line_end = -1
        for m in BOILERPLATE_RE.finditer(text):
            if m.start() >= last_line_end:
                start, last_line_end = line_bounds(text, m.start())
                if last_line_end - start <= BOILERPLATE_MAX_LINE:
                    spans.append((start, last_line_end))
        return spans
    checked: set[int] = set()
    for hint in _BOILERPLATE_HINTS:
        # Find lines by their plain hints, then test just those lines: the
        # regex alone crawls over a whole article at a few MB/s.
        pos = lower.find(hint)
        while pos != -1:
            start, end = line_bounds(text, pos)
            if start not in checked:
                checked.add(start)
                if end - start <= BOILERPLATE_MAX_LINE and BOILERPLATE_RE.search(text, start, end):
                    spans.append((start, end))
            pos = lower.find(hint, end)
    return spans


def has_boilerplate_hint(text: str) -> bool:
    lower = text.lower()
    for hint in _BOILERPLATE_HINTS:
        if hint in lower:
            return True
    return False


def is_boilerplate_line(line: str) -> bool:
    return has_boilerplate_hint(line) and bool(BOILERPLATE_RE.search(line))
