"""Markdown: what a reader sees, blanked in place so offsets stay the file's.

Front matter, fenced and indented code blocks, code spans, HTML comments and
tags, and link targets are blanked. Block structure comes from markdown-it
(CommonMark), run only when the text could hold a code block, because the
common case (newswire prose) has none and the parser costs ~0.3 ms per KB.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from factlint.ingest.blank import Span, blank_spans
from factlint.ingest.frontmatter import read_front_matter

_FENCE_HINT = re.compile(r"(?m)^[ \t>\-*+0-9.)]*(?:```|~~~)")
# An indented line after a blank line: an indented code block in CommonMark.
# (Starts with a literal newline so the regex engine can skip ahead quickly.)
_INDENTED_AFTER_BLANK = re.compile(r"\n[ \t]*\n(?: {4}|[ ]{0,3}\t)[ \t]*\S")
_INDENTED_FIRST_LINE = re.compile(r"[ \t]*\n?(?: {4}|[ ]{0,3}\t)[ \t]*\S")
# An indented line right under a prose line: the paragraph indentation of
# newswire copy (Reuters indents every paragraph by four spaces). Writers who
# indent paragraphs do not mean the odd indented block after a blank line as code.
_PARAGRAPH_INDENT = re.compile(
    r"(?m)^(?![ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))[ ]{0,3}[^\s>][^\n]*\n(?: {4}|\t)[ \t]*\S")

_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_RAW_OPEN = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)
_LINK_TARGET = re.compile(
    r"\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)")
_REFERENCE_DEF = re.compile(r"(?m)^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$")
_HTML_TAGS = ("a abbr address article aside audio b bdi bdo big blockquote body br button caption center "
              "cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset "
              "figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img "
              "input ins kbd label legend li link main mark meta nav noscript object ol optgroup option "
              "output p param picture pre q rp rt ruby s samp section select small source span strike "
              "strong sub summary sup table tbody td template textarea tfoot th thead time tr track tt "
              "u ul var video wbr").split()
_HTML_TAG = re.compile(r"</?(?:" + "|".join(sorted(_HTML_TAGS, key=len, reverse=True))
                       + r")(?:\s[^<>]*)?/?>", re.IGNORECASE)
# Emphasis delimiters at word edges ("**114.4 trillion yuan**"), never inside a word
# or between digits ("snake_case", "1024*768").
_EMPHASIS = re.compile(r"(?<![\w*_\\])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_\\])[*_]{1,3}(?![\w*_])")
# Block quote and bullet markers: a leading ">" would read as "more than", a "-" as a minus.
_BLOCK_MARKERS = re.compile(r"(?m)^[ \t]{0,3}(?:>[ \t]?)+|^[ \t]*[-*+](?=[ \t]+\S)")
# Ordered list markers ("1. "), only where a list can start (after a blank line) or go on,
# so that a wrapped line opening with "1987." stays text.
_ORDERED_ITEM = re.compile(r"[ \t]{0,3}\d{1,9}[.)](?=[ \t]+\S)")
_ORDERED_ITEM_LINE = re.compile(r"\n([ \t]{0,3}\d{1,9}[.)])(?=[ \t]+\S)")
# A line that starts with a non-blank character: it ends a list (unless it is an item).
_LINE_OPENS_WITH_TEXT = re.compile(r"\n\S")

_ATX_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(\S[^\n]*?)(?:[ \t]+#+)?[ \t]*$")


@dataclass
class MarkdownParts:
    # raw with code blocks blanked (raw itself when there are none)
    text: str
    # front matter, code spans, comments, tags and link targets: for the caller to blank
    spans: list[Span] = field(default_factory=list)
    front_matter: dict = field(default_factory=dict)
    front_matter_end: int = 0
    heading: Optional[str] = None
    notices: list[str] = field(default_factory=list)


def _line_spans(text: str, first: int, last: int, line_starts: list[int]) -> Span:
    start = line_starts[first] if first < len(line_starts) else len(text)
    end = line_starts[last] if last < len(line_starts) else len(text)
    return start, end


def code_block_spans(text: str, start: int = 0) -> list[Span]:
    """Fenced (and, unless paragraphs are indented, indented) code blocks, as whole lines."""
    fenced = "```" in text or "~~~" in text
    if fenced:
        fenced = bool(_FENCE_HINT.search(text, start))
    indented = bool(_INDENTED_FIRST_LINE.match(text, start) or _INDENTED_AFTER_BLANK.search(text, start)) \
        and not _PARAGRAPH_INDENT.search(text, start)
    if not fenced and not indented:
        return []
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.core.ruler.disable(["inline", "text_join"], ignoreInvalid=True)
    # markdown-it must not read front matter as content, and it reads a lone \r
    # as a line break where Document.position counts only \n.
    source = blank_spans(text, [(0, start)]) if start else text
    tokens = md.parse(source.replace("\r", " "))
    line_starts = [0]
    pos = text.find("\n")
    while pos != -1:
        line_starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    spans: list[Span] = []
    for tok in tokens:
        if tok.map is None:
            continue
        if tok.type == "fence" or (tok.type == "code_block" and indented):
            spans.append(_line_spans(text, tok.map[0], tok.map[1], line_starts))
    return spans


def _code_span_spans(text: str, start: int) -> list[Span]:
    """CommonMark code spans: a backtick run closes at the next run of the same
    length in the same paragraph. Paired in one pass over the runs, as a regex
    with a lazy body would rescan the paragraph from every unmatched run."""
    runs = [m.span() for m in _BACKTICKS.finditer(text, start)]
    if len(runs) < 2:
        return []
    blank_lines = [m.start() for m in _BLANK_LINE.finditer(text, start)]
    by_length: dict[int, list[int]] = {}
    for index, (s, e) in enumerate(runs):
        by_length.setdefault(e - s, []).append(index)
    cursor = dict.fromkeys(by_length, 0)
    spans: list[Span] = []
    i = 0
    while i < len(runs):
        s, e = runs[i]
        same = by_length[e - s]
        p = cursor[e - s]
        while p < len(same) and same[p] <= i:
            p += 1
        cursor[e - s] = p
        if p == len(same):
            i += 1
            continue
        j = same[p]
        k = bisect.bisect_left(blank_lines, e)
        if k < len(blank_lines) and blank_lines[k] < runs[j][0]:
            i += 1  # the closer is in a later paragraph: this run is literal
            continue
        spans.append((s, runs[j][1]))
        i = j + 1
    return spans


def _comment_spans(text: str, start: int) -> list[Span]:
    # str.find, not a lazy regex: with many unclosed "<!--" a regex rescans to
    # the end of the file from each of them (quadratic).
    spans: list[Span] = []
    pos = text.find("<!--", start)
    while pos != -1:
        end = text.find("-->", pos + 4)
        if end == -1:
            break  # no later comment can close either
        spans.append((pos, end + 3))
        pos = text.find("<!--", end + 3)
    return spans


def _raw_block_spans(text: str, start: int) -> list[Span]:
    spans: list[Span] = []
    closers: dict[str, int] = {}
    pos = start
    while True:
        m = _RAW_OPEN.search(text, pos)
        if m is None:
            return spans
        name = m.group(1).lower()
        if closers.get(name) == -1:
            pos = m.end()
            continue
        close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, m.end())
        if close is None:
            closers[name] = -1  # never closed after here: stop looking for this one
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


def inline_spans(text: str, start: int = 0) -> list[Span]:
    """Code spans, comments, raw script/style, HTML tags and link targets."""
    spans: list[Span] = []
    if "`" in text:
        spans.extend(_code_span_spans(text, start))
    if "<" in text:
        spans.extend(_comment_spans(text, start))
        spans.extend(_raw_block_spans(text, start))
        spans.extend(m.span() for m in _HTML_TAG.finditer(text, start))
    if "](" in text:
        # keep the link text, blank "(url "title")"
        spans.extend((m.start() + 1, m.end()) for m in _LINK_TARGET.finditer(text, start))
    if text.find("]:", start) >= 0:
        spans.extend(m.span() for m in _REFERENCE_DEF.finditer(text, start))
    # The emphasis pattern opens with a lookbehind, which ``re`` cannot skip ahead
    # on: start it at the first delimiter (lookbehinds still see the text before).
    first = _first_of(text, "*_", start)
    if first >= 0:
        spans.extend(m.span() for m in _EMPHASIS.finditer(text, first))
    spans.extend(m.span() for m in _BLOCK_MARKERS.finditer(text, start))
    spans.extend(_ordered_list_markers(text, start))
    return spans


def _first_of(text: str, chars: str, start: int) -> int:
    """The first offset at or after ``start`` holding one of ``chars``, or -1."""
    found = [k for k in (text.find(c, start) for c in chars) if k >= 0]
    return min(found) if found else -1


def _ordered_list_markers(text: str, start: int) -> list[Span]:
    """Markers of lines that open an ordered list (after a blank line) or go on with one.
    Only lines that look like items are visited (found by a newline-led regex, which
    ``re`` skips ahead on): most documents have none."""
    spans: list[Span] = []
    last_item_end = -1          # end of the last accepted item line; -1: not in a list
    first = _ORDERED_ITEM.match(text, start)
    if first:
        spans.append(first.span())
        last_item_end = _line_end(text, start)
    for m in _ORDERED_ITEM_LINE.finditer(text, start):
        line_start = m.start() + 1
        in_list = last_item_end >= 0 and _LINE_OPENS_WITH_TEXT.search(text, last_item_end, m.start()) is None
        if not in_list:
            prev_start = max(text.rfind("\n", start, m.start()) + 1, start)
            if text[prev_start:m.start()].strip():
                last_item_end = -1
                continue
        spans.append(m.span(1))
        last_item_end = _line_end(text, line_start)
    return spans


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def first_heading(text: str, start: int = 0) -> Optional[str]:
    m = _ATX_HEADING.search(text, start)
    if m is None:
        return None
    return " ".join(m.group(1).split()) or None


def process_markdown(raw: str, where: str) -> MarkdownParts:
    fm = read_front_matter(raw, where)
    text = raw
    blocks = code_block_spans(raw, fm.end)
    if blocks:
        text = blank_spans(raw, blocks)
    spans = inline_spans(text, fm.end)
    if fm.end:
        spans.append((0, fm.end))
    heading = first_heading(text, fm.end) if "#" in text else None
    return MarkdownParts(text=text, spans=spans, front_matter=fm.data, front_matter_end=fm.end,
                         heading=heading, notices=fm.notices)
