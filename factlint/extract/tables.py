"""Figures that stand in tables rather than in prose.

A table's figures are attributed by its caption, headline or source line, not
sentence by sentence: a newswire results table ("Shr 1.19 dlrs vs 1.46 dlrs"), a
Markdown pipe table, an HTML table cell, a newswire table laid out with spaces, a
table's footnote. The extractor reads results lines with
:func:`is_results_line`; rules that judge prose (a missing attribution) ask
:func:`is_table_text` of a claim's sentence, and a figure of a row laid out with
spaces or of a footnote gets no metric (which column it stands in, or which item of
the results it is part of, is not known).
"""

from __future__ import annotations

import re

_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                 r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b")
# A newswire results line: a short label, then its figures ("Shr 1.19 dlrs vs 1.46 dlrs",
# "Net 3,150,185 vs 2,665,284", "Oper shr loss five cts vs profit two cts").
RESULTS_LABEL = re.compile(r"\s*(?P<label>[A-Za-z][A-Za-z.'/&-]*(?:\s+(?!loss\b|profit\b|vs\b)(?!" + _NUMBER_WORDS
                           + r")[A-Za-z][A-Za-z.'/&-]*){0,3}?)\s+(?:loss\s+|profit\s+)?(?:[-(]?[$\d]|nil\b|"
                           + _NUMBER_WORDS + r")")
# Results lines are short; a paragraph longer than this is prose that happens to say "vs".
RESULTS_LINE_MAX = 160


# "Net 204,765 vsd 539,769" (a wire typo), "vs."; upper case only in a line in capitals
# ("Shr loss 6.48 DLS VS PROFIT 23 CTS"), not a product ("The VS 75E ... 64 users")
_VS = re.compile(r"\s(?:vs|vsd)\.?\s")
_VS_CAPS = re.compile(r"\sVS\.?\s")
# A results line of one figure ("Revs 45.6 mln", "Shr 24 cts", "Net loss 186,000"): a known
# label, the figure and its unit, nothing else
_SINGLE_RESULT = re.compile(
    r"\s*(?i:shr|shrs|avg\s+shrs|net|revs|revenues|sales|oper(?:ating)?\s+(?:net|shr)|qtly\s+div|qtrly\s+div"
    r"|loans|deposits|assets|turnover|pretax|pre-tax)(?:\s+(?i:loss|profit))?\s+"
    r"(?:\$?\d[\d,.]*|nil|" + _NUMBER_WORDS + r")(?:\s+(?:mln|billion|dlrs?|cts|pct|stg|marks|yen|francs|guilders))*"
    r"\s*$")
SINGLE_RESULT_MAX = 48


def _mostly_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) * 2 > len(letters)


def is_results_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a paragraph) is a line of a results table."""
    if end - start >= RESULTS_LINE_MAX:
        return False
    if _VS.search(text, start, end) is not None or (_VS_CAPS.search(text, start, end) is not None
                                                     and _mostly_capitals(text[start:end])):
        return RESULTS_LABEL.match(text, start, end) is not None
    return end - start < SINGLE_RESULT_MAX and _SINGLE_RESULT.match(text[start:end]) is not None


_NOTE = re.compile(r"(?i:notes?)\s*(?:\d+\s*)?[:.-]")
# A results table's footnote without the label: "Third qtr 1986 net includes a credit of ...",
# "Excludes extraordinary gains of 29 cts", "Net includes pretax loan loss provisions of ..."
_FOOTNOTE = re.compile(r"(?i)(?:(?:[\w-]+\s+){0,5}?(?:net|shr|oper(?:ating)?\s+net|revs|revenues|results|earnings|"
                       r"figures|loss|profit)(?:\s+(?:both|all|each|in|for|the|two|periods?|years?|quarters?))*\s+)?"
                       r"(?:includes?|excludes?|reflects?|restated)\b")
_FIGURE = re.compile(r"\d[\d,./-]*|\bnil\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def is_table_text(sentence: str, figure: str) -> bool:
    """Whether a claim's sentence is a table row or cell: a results line, a pipe-table row,
    a cell holding nothing but the figure, a table's footnote ("Note: 1986 net includes a
    gain of 26 cts", "Third qtr net includes a credit of 76,400 dlrs"), or a row of figures laid out with spaces ("CCC Stocks 950 950 602 602")."""
    s = sentence.strip()
    if not s or s == figure.strip():
        return True
    if s.count("|") >= 2 or is_footnote(s):
        return True
    if is_results_line(s, 0, len(s)):
        return True
    return is_figure_row(s)


def is_footnote(sentence: str) -> bool:
    """A results table's footnote ("Note: 1986 net includes a gain of 26 cts", "Excludes
    extraordinary gains of 29 cts"): what its figures are part of is the table's business."""
    return bool(_NOTE.match(sentence) or _FOOTNOTE.match(sentence))


def is_figure_row(sentence: str) -> bool:
    """A row of figures laid out with spaces ("Apr 149.00 149.00 149.25 ... May 147.75", "Maize
    158,400 189,000 272,700", "ARGENTINA nil 39,130"): at least three figures ("nil" is one) and
    as many as half its other words, a row of columns, not a sentence."""
    figures = _FIGURE.findall(sentence)
    words = [w for w in _WORD.findall(sentence) if w.lower() != "nil"]
    if len(figures) < 3 or len(figures) * 2 < len(words):
        return False
    # three figures make a row only without the words of a sentence ("In 1985 and 1986 it grew
    # 5 pct"); four or more are a row whatever words stand between ("30-273 days 5.00 pct ...")
    return len(figures) >= 4 or not any(len(w) > 3 and w.islower() for w in words)
