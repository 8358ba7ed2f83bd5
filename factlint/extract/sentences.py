"""Paragraph and sentence segmentation with character offsets.

Built for two shapes of text: web articles (one paragraph per line, blank lines
between paragraphs) and newswire (hard-wrapped lines, each paragraph opened by an
indented line). Only offsets are produced; callers slice the text themselves, so
segmenting costs little more than the regex scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A blank line, an indented line (newswire), a list item or a heading starts a paragraph.
_PARA_BREAK = re.compile(
    r"\n[ \t]*(?:\n[ \t\n]*|(?=[ \t]{2,}\S)|(?=[-*+•][ \t]|\d{1,2}[.)][ \t]|#{1,6}[ \t]))")
# A single newline also ends a paragraph after a sentence end (articles written one
# paragraph per line) or after a short unpunctuated line (headline, byline, caption).
_LINE_END = re.compile(r"\n(?=[ \t]*[\"'“‘(\[]?[A-Z0-9])")
_SENTENCE_END_CHARS = frozenset('.!?"”’\')]')
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or but as that which who its their his her "
    "this these those than into over under about per vs".split())

_CANDIDATE = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s)")      # [.!?]+..., so that the engine skips ahead
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]?)([A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.&'-]*)$")

# Abbreviations that never end a sentence when followed by a name or a number.
_TITLES = frozenset("mr mrs ms dr prof st sen rep gov gen lt col maj capt sgt rev messrs hon pres supt insp".split())
# Abbreviations followed by a number or a name but which may end a sentence otherwise.
_BEFORE_NUMBER = frozenset(
    "no nos jan feb mar apr jun jul aug sep sept oct nov dec art sec fig vol pp p ch ca approx est".split())
_ALWAYS = frozenset("e.g i.e etc.al cf vs v viz".split())
_ORG_SUFFIX = frozenset("inc corp co ltd plc bros cos llc intl".split())
# Words that usually open a new sentence after an abbreviation such as "U.S." or "Corp.".
_STARTERS = frozenset(
    "The A An It He She They We I This That These Those But And In On At As For However Its Their "
    "His Her Our Earlier Later Last Next There Analysts Officials Shares".split())


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int          # index of its paragraph in the document


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    index: int
    sentences: list[Sentence] = field(default_factory=list)


def _short_unpunctuated(text: str, line_start: int, line_end: int) -> bool:
    line = text[line_start:line_end].strip()
    if not line or line[-1] in _SENTENCE_END_CHARS or line[-1] in ",;:-–—":
        return False
    words = line.split()
    if len(words) >= 8:
        return False
    last = words[-1]
    return not (last.islower() and last in _FUNCTION_WORDS)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, leading and trailing blanks trimmed."""
    cuts = [m.start() for m in _PARA_BREAK.finditer(text)]
    # Newswire opens paragraphs with an indent and wraps lines anywhere: single newlines
    # there never end a paragraph.
    indented = text.count("\n    ") + text.count("\n\t")
    for m in (_LINE_END.finditer(text) if indented < 2 else ()):
        pos = m.start()
        line_start = text.rfind("\n", 0, pos) + 1
        prev = text[line_start:pos].rstrip()
        if prev and (prev[-1] in ".!?" or (prev[-1] in "\"”’'" and len(prev) > 1 and prev[-2] in ".!?")
                     or _short_unpunctuated(text, line_start, pos)):
            cuts.append(pos)
    cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut <= start:
            continue
        seg = text[start:cut]
        stripped = seg.strip()
        if stripped:
            a = start + len(seg) - len(seg.lstrip())
            spans.append((a, a + len(stripped)))
        start = cut
    return spans


def _ends_sentence(text: str, start: int, dot: int, after: int) -> bool:
    """Whether the punctuation at ``dot`` (a period) ends a sentence."""
    m = _WORD_BEFORE.search(text, max(start, dot - 30), dot)
    if not m:
        return True
    word = m.group(1)
    low = word.lower().rstrip(".")
    nxt = _NEXT_START.match(text, after)
    next_word = ""
    if nxt:
        end = nxt.end()
        while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
            end += 1
        next_word = text[nxt.start(2):end]
    next_is_number = bool(next_word) and next_word[0].isdigit()
    if low in _TITLES:
        return False
    if low in _ALWAYS:
        return False
    if low in _BEFORE_NUMBER:
        return not next_is_number
    if len(word) == 1 and word.isupper():       # an initial: "J. Smith"
        return next_word in _STARTERS
    if "." in word or low in _ORG_SUFFIX:       # "U.S.", "Corp."
        return next_word in _STARTERS
    return True


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (a paragraph)."""
    out: list[tuple[int, int]] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        after = m.end()
        if not _NEXT_START.match(text, after) or after >= end:
            continue
        if m.group(0).rstrip("\"'”’)]") == "." and not _ends_sentence(text, sent_start, m.start(), after):
            continue
        out.append((sent_start, after))
        sent_start = after
        while sent_start < end and text[sent_start].isspace():
            sent_start += 1
    if sent_start < end:
        out.append((sent_start, end))
    return out


def segment(text: str) -> list[Paragraph]:
    """Every paragraph of the text with its sentences."""
    paragraphs: list[Paragraph] = []
    for index, (a, b) in enumerate(paragraph_spans(text)):
        para = Paragraph(a, b, index)
        para.sentences = [Sentence(s, e, index) for s, e in split_sentences(text, a, b)]
        paragraphs.append(para)
    return paragraphs


def clean(text: str) -> str:
    """A span as one line: wrapped lines and indentation collapsed to single spaces."""
    return " ".join(text.split())
