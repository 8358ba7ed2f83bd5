"""Numerals in text: digits (separators, decimals, fractions, exponents) and number words.

This is the layer under the quantity scanner: it finds every numeral, including the
years, dates and identifiers that :mod:`factlint.extract.quantities` later drops, and
says how precisely each was written (half a unit in its last written digit).

Speed matters (an archive is tens of MB): digits and number words are found by two
regular expressions whose first character is a literal set, which ``re`` scans fast;
everything else is a dictionary lookup.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

# Digits with optional thousands groups (comma or a no-break/thin space), decimals and
# an exponent. The pattern is deliberately loose (it starts with a literal set and never
# backtracks, so ``re`` runs it at tens of MB/s and a megabyte of "123,456,..." stays
# linear); :func:`_split_groups` then enforces groups of exactly three digits.
_SEP = ",\u00a0\u202f\u2009"
DIGITS_RE = re.compile(r"\d[\d" + _SEP + r"]*(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?![\w.]))?")
# A simple fraction or a mixed number: "3/4", "7 3/4", "9-1/2".
FRACTION_RE = re.compile(r"(?:(\d{1,4})[ -])?(\d{1,2})/(\d{1,3})(?![\d/])")
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100})

CARDINALS: dict[str, int] = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Denominators written as words. "half" and "quarter" are fractions only; the
# ordinal-like ones (third, fifth, ...) are fractions only with a numerator
# ("two thirds", "a fifth"), otherwise they are ordinals ("the third quarter").
FRACTIONS: dict[str, float] = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4, "third": 3, "thirds": 3,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "twentieth": 20, "twentieths": 20, "thirtieth": 30, "thirtieths": 30,
    "fortieth": 40, "fortieths": 40, "fiftieth": 50, "fiftieths": 50, "sixtieth": 60, "sixtieths": 60,
    "seventieth": 70, "seventieths": 70, "eightieth": 80, "eightieths": 80, "ninetieth": 90,
    "ninetieths": 90, "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
    "millionth": 1e6, "millionths": 1e6, "billionth": 1e9, "billionths": 1e9,
    "trillionth": 1e12, "trillionths": 1e12,
}
# The last word of a compound ordinal after a tens word: "twenty-first", "thirty-fifths".
# ("second" is left out: "twenty seconds" is a duration.) They only continue a run.
ORDINAL_UNITS: dict[str, int] = {
    "first": 1, "firsts": 1, "third": 3, "thirds": 3, "fourth": 4, "fourths": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}
_OTHER = ("hundred", "hundreds", "dozen", "dozens")
# after a whole number of them, these count periods or parts
_PERIODS_AND_PARTS = frozenset({"quarter", "quarters", "half", "halves"})
WORDS: frozenset[str] = frozenset(CARDINALS) | frozenset(TENS) | frozenset(SCALE_WORDS) \
    | frozenset(FRACTIONS) | frozenset(_OTHER)


def _alternation(words) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


def _trie(words) -> str:
    from factlint.normalize.units import _trie_regex     # one trie builder for all word lists

    return _trie_regex(words)


_W = _trie(WORDS)
_W_NEXT = _trie(WORDS | {"first", "firsts"})     # "twenty-first" continues a run, never starts one
# A run of number words, matched on lower-cased text with one leading separator
# character (the literal set lets ``re`` skip ahead fast). "and", "a"/"an" (in
# "and a half") and "point" (decimals) may join words.
# Words join across spaces and a wrapped line, never across a hard line break (a newline
# and indentation: a new paragraph or table row); "two-and-a-half" joins by hyphens.
_J = r"(?:[^\S\n]*\n(?!\s)|[^\S\n]+)"
WORDS_RE = re.compile(
    r"[\s(\[\"'\u2018\u201c/-](?P<run>" + _W + r"(?:(?:-and-(?:an?-)?|" + _J + r"?-" + _J + r"?|" + _J + r"(?:and" + _J
    + r")?(?:an?" + _J + r")?|" + _J + r"point" + _J + r")"
    + _W_NEXT + r")*(?:" + _J + r"point(?:" + _J + _W + r")+)?)(?![\w])")
_TOKEN_RE = re.compile(r"[a-z]+")


@dataclass(slots=True)
class NumberToken:
    """A numeral: its span, value, and half a unit of its last written digit."""

    start: int
    end: int
    value: float
    precision: float            # 0.0 when exact (number words without a scale)
    words: bool = False         # written in words
    grouped: bool = False       # has thousands separators
    decimals: int = 0
    digits: int = 0             # integer digits as written (for years and identifiers)
    scaled: bool = False        # number words that include a scale ("one million")
    fraction: bool = False      # "3/4", "two thirds", "half"
    leading_zero: bool = False


def parse_digits(s: str) -> tuple[float, int, int, bool]:
    """'155,221' -> (155221.0, 0 decimals, 6 integer digits, grouped); raises ValueError."""
    grouped = False
    for sep in _SEP + " ":
        if sep in s:
            s = s.replace(sep, "")
            grouped = True
    mantissa, _, exponent = s.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    value = float(s)
    return value, len(frac), len(whole), grouped


# A whole number ending in a zero group ("51,000", "4,403,000") may be rounded to the
# thousand, so its precision is half a thousand. Never wider: "50,000" and "51,000" still
# disagree, since one of them would have been rounded by a thousand or more.
ROUNDED_THOUSANDS = 500.0


def _integer_precision(raw: str, value: float) -> float:
    return ROUNDED_THOUSANDS if value >= 1000 and raw.endswith("000") and value % 1000 == 0 else 0.5


def digit_token(text: str, start: int, end: int) -> Optional[NumberToken]:
    raw = text[start:end]
    if raw.isdigit() and raw.isascii():       # the common case, kept cheap
        n = end - start
        value = float(raw)
        if n > 300 and not math.isfinite(value):
            return None      # 500-digit numbers overflow a float
        return NumberToken(start, end, value, _integer_precision(raw, value), digits=n,
                           leading_zero=n > 1 and raw[0] == "0")
    try:
        value, decimals, digits, grouped = parse_digits(raw)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    exponent = 0
    low = raw.lower()
    if "e" in low:
        exponent = int(low.partition("e")[2])
        if exponent - decimals > 300:
            return None          # "1,000e900": beyond a float, like a 500-digit number
    precision = 0.5 * 10.0 ** (exponent - decimals)
    if decimals == 0 and exponent == 0:
        precision = _integer_precision(raw, value)
    return NumberToken(start, end, value, precision, grouped=grouped, decimals=decimals,
                       digits=digits, leading_zero=raw[0] == "0" and digits > 1)


def _word_tokens(run: str, offset: int) -> list[tuple[str, int, int, bool]]:
    """(word, start, end, joined to the previous word by a hyphen)."""
    out = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(run):
        out.append((m.group(0), offset + m.start(), offset + m.end(), "-" in run[prev_end:m.start()]))
        prev_end = m.end()
    return out


def parse_word_run(run: str, offset: int, preceded_by_article: bool, mixed: bool = True) -> list[NumberToken]:
    """Split a run of number words into numbers: 'one hundred and sixty-one' -> 161,
    'two thirds' -> 0.667, 'three nought four' -> 3, 0, 4. ``mixed`` allows a whole
    number and a fraction joined by "and" ("six and two-thirds"); it is off after
    "between", where "between one and two thirds" names two ends."""
    toks = _word_tokens(run, offset)
    out: list[NumberToken] = []
    i = 0
    article = preceded_by_article
    while i < len(toks):
        tok = _parse_one(toks, i, article, mixed)
        article = False
        if tok is None:
            i += 1
            continue
        number, i = tok
        out.append(number)
    return out


def _and_fraction(toks, k: int) -> Optional[tuple[float, int]]:
    """A proper fraction at toks[k], after "and": 'a half', 'one-half', 'two thirds',
    'fifty-four hundredths'. Returns (value, index after it) or None."""
    n = len(toks)
    if k >= n:
        return None
    w = toks[k][0]
    if w in ("a", "an"):
        num, k = 1, k + 1
    elif w in TENS:
        num, k = TENS[w], k + 1
        if k < n and 0 < CARDINALS.get(toks[k][0], 0) < 10:
            num, k = num + CARDINALS[toks[k][0]], k + 1
    elif CARDINALS.get(w, 0) > 0:
        num, k = CARDINALS[w], k + 1
    else:
        return None
    den = FRACTIONS.get(toks[k][0]) if k < n else None
    if den is None or num >= den:
        return None
    return num / den, k + 1


def _parse_one(toks, i: int, article: bool, mixed: bool = True):
    """Parse the longest number starting at toks[i]; return (token, next index) or None."""
    start = toks[i][1]
    total = 0.0
    group = 0.0
    last = None            # kind of the previous word
    last_scale = 0.0
    used_scale = 0.0       # the smallest scale word used (sets the precision)
    after_scale_words = False
    end = toks[i][2]
    j = i
    n = len(toks)
    seen_any = False
    pending_and = False
    before_and = None      # (total, scale) when "and" follows a scale word: "six million and two thirds"
    and_value = None       # the value before the last "and": "one hundred and three quarters"
    while j < n:
        w = toks[j][0]
        if w == "and" or w in ("a", "an"):
            if not seen_any or last not in ("hundred", "scale", "unit", "teen", "tens"):
                break
            if w == "and" and mixed and last != "scale":
                # a mixed number: "six and two-thirds", "one hundred and three and two thirds"
                fr = _and_fraction(toks, j + 1)
                if fr is not None:
                    frac, k = fr
                    return _finish_fraction(toks, i, k, start, toks[k - 1][2], total + group + frac)
            if w == "and" and last == "scale" and group == 0:
                before_and = (total, last_scale)
            if w == "and":
                and_value = total + group
            pending_and = True
            j += 1
            continue
        if w == "point":
            break
        if w in CARDINALS:
            v = CARDINALS[w]
            if last in ("unit", "teen") or (last == "tens" and v >= 10) or (last == "tens" and v == 0):
                break
            if last == "tens" or last is None or last in ("hundred", "scale"):
                group += v
            kind = "unit" if v < 10 else "teen"
        elif w in TENS:
            if last in ("unit", "teen", "tens"):
                break
            group += TENS[w]
            kind = "tens"
        elif w in ("hundred", "hundreds"):
            if last == "hundred" or group >= 100:
                break
            if last is None and not article:
                break
            group = (group or 1) * 100
            kind = "hundred"
        elif w in SCALE_WORDS:
            f = SCALE_WORDS[w]
            if last is None and not article:
                break
            if group == 0 and total == 0:
                group = 1.0
            if last_scale and f > last_scale:
                total = (total + group) * f
            else:
                total += group * f
            group = 0.0
            last_scale = f
            used_scale = f
            after_scale_words = False
            kind = "scale"
        else:
            break           # fractions and dozens are handled below
        if kind != "scale" and used_scale:
            after_scale_words = True
        pending_and = False
        seen_any = True
        last = kind
        end = toks[j][2]
        j += 1
    value = total + group
    # compound ordinals: "one twenty-fifth", "a thirty-fifth", "three twenty-firsts" are
    # fractions; "the twenty-first century", "the two hundred twenty-first session" are not numbers
    if j < n and seen_any and not pending_and:
        compound = _compound_ordinal(toks, i, j, value, last, article)
        if compound is not None:
            return compound if compound != () else None
    # "and a half", "two thirds", "a quarter", "half"
    if j < n:
        w = toks[j][0]
        den = FRACTIONS.get(w)
        if den is not None:
            if before_and is not None and not pending_and and 0 < group < den:
                # "six million and two thirds", "two million and one half": of the scale
                base, unit = before_and
                end, j = toks[j][2], j + 1
                if j < n and toks[j][0] in SCALE_WORDS:     # "one billion and three quarters million"
                    unit, end, j = SCALE_WORDS[toks[j][0]], toks[j][2], j + 1
                return NumberToken(start, end, base + group / den * unit, 0.0, words=True,
                                   scaled=True, fraction=True), j
            if seen_any and not pending_and and not and_value and value >= den and w in _PERIODS_AND_PARTS:
                # "six quarters behind", "the two halves of the country": a count, not 6/4 or 2/2;
                # the word is the counted noun's and no fraction of its own
                return NumberToken(start, end, value, 0.0, words=True), j + 1
            elif seen_any and not pending_and and not and_value and den >= 100 and value != 1 and w[-1] != "s":
                # "the two millionth visitor" is the 2,000,000th, not 2e-6 ("two millionths" is)
                return NumberToken(start, end, value, 0.0, words=True), j
            elif seen_any and not pending_and and (not used_scale or (w[-1] == "s" and value < den)):
                # numerator: "two thirds", "twenty-three fifths"; after "and" only what
                # follows it: "one hundred and three quarters" is 100.75
                numerator = value - and_value if and_value else value
                value = and_value + numerator / den if and_value and 0 < numerator < den else value / den
                end = toks[j][2]
                j += 1
                return _finish_fraction(toks, i, j, start, end, value)
            # "half", and any fraction before a scale: "quarter million"
            bare_ok = article or w in ("half", "halves") or (j + 1 < n and toks[j + 1][0] in SCALE_WORDS)
            if (pending_and and toks[j - 1][0] in ("a", "an")) or (not seen_any and bare_ok):
                frac = 1.0 / den
                base = value if seen_any else 0.0
                end = toks[j][2]
                j += 1
                if used_scale and not after_scale_words:
                    # "one million and a half": half a million; "one billion and a half million"
                    k = j
                    if k < n and toks[k][0] in SCALE_WORDS:
                        return NumberToken(start, toks[k][2], base + frac * SCALE_WORDS[toks[k][0]], 0.0,
                                           words=True, scaled=True, fraction=True), k + 1
                    return NumberToken(start, end, base + frac * last_scale, 0.0, words=True,
                                       scaled=True, fraction=True), j
                return _finish_fraction(toks, i, j, start, end, base + frac)
        elif w in ("dozen", "dozens") and (seen_any or article):
            value = (value or 1) * 12
            end = toks[j][2]
            j += 1
            seen_any = True
    if not seen_any:
        return None
    # decimals in words: "two hundred point zero three", "nine point nought four"
    if j < n and toks[j][0] == "point":
        digits = []
        k = j + 1
        while k < n:
            w = toks[k][0]
            if w in CARDINALS and CARDINALS[w] < 10:
                digits.append(str(CARDINALS[w]))
            elif w in CARDINALS or w in TENS:
                v = CARDINALS.get(w) or TENS[w]
                if w in TENS and k + 1 < n and toks[k + 1][0] in CARDINALS and CARDINALS[toks[k + 1][0]] < 10:
                    v += CARDINALS[toks[k + 1][0]]
                    k += 1
                digits.append(str(v))
            else:
                break
            end = toks[k][2]
            k += 1
        if digits:
            value = float(f"{int(value)}.{''.join(digits)}")
            j = k
            return NumberToken(start, end, value, 0.5 * 10.0 ** -len("".join(digits)), words=True), j
    precision = 0.0
    if used_scale and not after_scale_words:
        precision = 0.5 * used_scale
    return NumberToken(start, end, value, precision, words=True, scaled=bool(used_scale)), j


def _compound_ordinal(toks, i: int, j: int, value: float, last, article: bool):
    """A compound ordinal ("twenty-fifth") at toks[j] (the tens word, when the number
    before it cannot take it: "one twenty-fifth") or ending at toks[j] (its unit word,
    the tens word read into ``value``: "a twenty-first", "one hundred thirty-fifths").
    Returns (token, next index) for a fraction, () for an ordinal (no number), or None
    when this is no compound ordinal."""
    n = len(toks)
    w = toks[j][0]
    if w in TENS and j + 1 < n and toks[j + 1][0] in ORDINAL_UNITS:
        # the tens word follows a complete numerator: "one twenty-fifth", "twenty twenty fifths"
        den = TENS[w] + ORDINAL_UNITS[toks[j + 1][0]]
        numerator, end_j = value, j + 1
        if numerator != 1 and toks[end_j][0][-1] != "s":
            return None      # "three twenty-fifth ...": three, then an ordinal
    elif w in ORDINAL_UNITS and last == "tens" and j > i:
        plural = w[-1] == "s"
        if plural and w != "firsts" and not toks[j][3]:
            return None      # "one hundred thirty fifths" reads as 130 fifths (only a hyphen binds)
        den = TENS[toks[j - 1][0]] + ORDINAL_UNITS[w]
        numerator, end_j = value - TENS[toks[j - 1][0]], j
        if numerator == 0:
            if not article:
                return ()    # "the twenty-first century": an ordinal
            numerator = 1.0  # "a twenty-first"
    else:
        return None
    plural = toks[end_j][0][-1] == "s"
    if not plural and numerator != 1:
        return ()            # "two hundred twenty-first": an ordinal
    start = toks[i][1]
    return _finish_fraction(toks, i, end_j + 1, start, toks[end_j][2], numerator / den)


def _finish_fraction(toks, i, j, start, end, value):
    # "half a million", "two thirds of a million", "one and a half billion"
    n = len(toks)
    k = j
    if k < n and toks[k][0] in ("a", "an"):
        k += 1
    if k < n and toks[k][0] in ("dozen", "dozens"):      # "half a dozen": a count of six
        return NumberToken(start, toks[k][2], value * 12, 0.0, words=True), k + 1
    if k < n and toks[k][0] in SCALE_WORDS:
        f = SCALE_WORDS[toks[k][0]]
        return NumberToken(start, toks[k][2], value * f, 0.0, words=True, scaled=True, fraction=True), k + 1
    return NumberToken(start, end, value, 0.0, words=True, fraction=True), j


_ARTICLE_RE = re.compile(r"(?<![\w])an?\s+$")


# Three or more numbers chained by punctuation with no space: dates, times, versions,
# addresses, phone numbers ("2023-12-06", "20:27:05", "192.168.1.2", "010-6499-6421").
_CHAIN_RE = re.compile(r"\d+(?:[-/:.*x+]\d+){2,}")
MAX_RAW = 64          # a longer run of digits and separators is never a figure


def scan_numbers(text: str, low: Optional[str] = None, *, claims: bool = False) -> list[NumberToken]:
    """Every numeral in ``text`` in order, non-overlapping. ``low`` is ``text.lower()``
    when the caller already has it (it must have the same length). ``claims`` drops,
    early and cheaply, what can never be part of a claim: digits glued to a letter,
    chains such as dates and addresses, and absurdly long digit runs."""
    if low is None:
        low = lower_same_length(text)
    out: list[NumberToken] = []
    n = len(text)
    skip_until = -1
    for m in DIGITS_RE.finditer(text):
        s, e = m.start(), m.end()
        if s < skip_until:
            continue
        raw = m.group(0)
        if claims:
            if e - s > MAX_RAW:
                continue
            if s and text[s - 1].isalpha() and not text[s - 1].isupper():
                continue     # "a1", "covid19"; "USD115" and "RMB10" stay for the currency check
            if e < n and text[e] in "-/:.*x+" and e + 1 < n and text[e + 1].isdigit():
                chain = _CHAIN_RE.match(text, s)
                if chain and not (text[e] == "-" and _is_mixed_fraction(text, s, chain.end())):
                    skip_until = chain.end()
                    continue
        if not raw[-1].isdigit() or (not raw.isdigit() and _needs_split(raw)):
            _split_groups(text, s, raw, out)
            continue
        if s and text[s - 1] == "." and (s == 1 or text[s - 2] in " \t\n(-$"):
            s -= 1           # ".08"
        # a fraction or a space-grouped number needs a digit (or "/") right after the separator
        if e + 1 < n and text[e] in "/ -" and (text[e] == "/" or text[e + 1].isdigit()):
            fm = FRACTION_RE.match(text, s)
            if fm and "." not in raw:
                tok = _fraction_token(fm, s)
                if tok is not None:
                    out.append(tok)
                    continue
            if text[e] == " " and e - s <= 3:
                e = _space_groups(text, s, e)
        tok = digit_token(text, s, e)
        if tok is not None:
            out.append(tok)
    if not text.isascii():
        _vulgar_fractions(text, out)
    out.extend(_scan_words(low))
    out.sort(key=_start)
    out = _drop_overlaps(out)
    if not claims and len(out) > 1:
        out = _join_ratios(low, out)
    if not claims and "^" in text:
        _powers(text, out)
    return out


# "1.1^23", "2.5^-1", "1.3x10^6", "6.23x10^-4": read only when every numeral is wanted
# (a claim scan drops "1024*768"-like figures next to operators)
_POWER_RE = re.compile(r"(x10)?\^([+-]?\d{1,3})(?![\d.])")


def _powers(text: str, tokens: list[NumberToken]) -> None:
    for k, tok in enumerate(tokens):
        if tok.words or tok.fraction:
            continue
        m = _POWER_RE.match(text, tok.end)
        if m is None:
            continue
        exp = int(m.group(2))
        try:
            value = tok.value * 10.0 ** exp if m.group(1) else tok.value ** exp
        except (OverflowError, ZeroDivisionError):
            continue
        if not math.isfinite(value):
            continue
        drop = k + 1       # "10" of "x10" was read as a numeral of its own
        while drop < len(tokens) and tokens[drop].start < m.end():
            drop += 1
        tokens[k] = NumberToken(tok.start, m.end(), value, 0.0, digits=tok.digits)
        del tokens[k + 1:drop]


_RATIO_WORDS = frozenset({"over", "out of", "in"})
_PART_OF = frozenset({"out of", "in"})
# "$2000 over 3 years", "5 in 10 days": a period, not a denominator
_PERIOD_AFTER_RE = re.compile(r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?|"
                              r"sessions?|seasons?|games?|matches|innings)(?![\w])")
_MONEY_SIGNS = "$\u20ac\u00a3\u00a5"


def _join_ratios(low: str, tokens: list[NumberToken]) -> list[NumberToken]:
    """'one over three', '1 out of 3', '1 in twenty-one': one numeral, their quotient.
    Only when every numeral is wanted: in a claim scan "rose 5 over 3 years" and
    "one in three households" are read by the quantity scanner instead. A part of a
    whole is no larger than the whole ("12 out of 10" are two numbers), an amount of
    money is no numerator, and a period after the second number is no denominator."""
    out: list[NumberToken] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        if i + 1 < len(tokens):
            b = tokens[i + 1]
            gap = low[a.end:b.start]
            word = " ".join(gap.split()) if len(gap) <= 10 else ""
            if word in _RATIO_WORDS and gap[:1].isspace() \
                    and gap[-1:].isspace() and not a.fraction and not b.fraction and a.decimals == 0 \
                    and b.decimals == 0 and b.value > 0 and a.value == int(a.value) \
                    and (a.value <= b.value or word not in _PART_OF) \
                    and not (a.start and low[a.start - 1] in _MONEY_SIGNS) \
                    and _PERIOD_AFTER_RE.match(low, b.end) is None:
                out.append(NumberToken(a.start, b.end, a.value / b.value, 0.0, words=a.words or b.words,
                                       fraction=True, digits=a.digits))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_GROUPED_RE = re.compile(r"\d{1,3}(?:[" + _SEP + r"]\d{3})+(?:\.\d+)?(?:[eE][-+]?\d{1,3})?$")
_SEP_SPLIT_RE = re.compile("[" + _SEP + "]")


def _needs_split(raw: str) -> bool:
    """True when separators do not form groups of three ('22,24,26', '12345,678')."""
    head = raw.split(".", 1)[0].split("e", 1)[0].split("E", 1)[0]
    if head.isdigit():
        return False
    return _GROUPED_RE.match(raw) is None


# Inside a loosely matched run: a correctly grouped number, or one chunk between separators.
# The lookahead sits inside each group (never after the run), so a failing group ends the
# match instead of backtracking through all the groups before it.
_CHUNK_RE = re.compile(r"\d{1,3}(?:[" + _SEP + r"]\d{3}(?!\d))+(?:\.\d+)?|[^" + _SEP + r"]+")


def _split_groups(text: str, s: int, raw: str, out: list) -> None:
    """Emit the valid numbers inside a loosely matched run: '22,24,26' -> 22, 24, 26;
    '123,456,1234' -> 123,456 and 1234; '5,' -> 5."""
    for m in _CHUNK_RE.finditer(raw.rstrip(_SEP)):
        tok = digit_token(text, s + m.start(), s + m.end())
        if tok is not None:
            out.append(tok)


def _start(t: NumberToken) -> int:
    return t.start


def _space_groups(text: str, s: int, e: int) -> int:
    """Extend '1 234 567' (plain spaces between groups of three digits)."""
    if not text[s:e].isdigit():
        return e
    n = len(text)
    while e + 4 <= n and text[e] == " " and text[e + 1:e + 4].isdigit() and text[e + 1:e + 4].isascii() \
            and (e + 4 == n or not (text[e + 4].isdigit() or (text[e + 4] in ".," and e + 5 < n and text[e + 5].isdigit()))):
        e += 4
    return e


VULGAR_FRACTIONS: dict[str, float] = {
    "\u00bc": 1 / 4, "\u00bd": 1 / 2, "\u00be": 3 / 4, "\u2150": 1 / 7, "\u2151": 1 / 9, "\u2152": 1 / 10,
    "\u2153": 1 / 3, "\u2154": 2 / 3, "\u2155": 1 / 5, "\u2156": 2 / 5, "\u2157": 3 / 5, "\u2158": 4 / 5,
    "\u2159": 1 / 6, "\u215a": 5 / 6, "\u215b": 1 / 8, "\u215c": 3 / 8, "\u215d": 5 / 8, "\u215e": 7 / 8,
}
_VULGAR_RE = re.compile("[" + "".join(VULGAR_FRACTIONS) + "]")


def _vulgar_fractions(text: str, out: list[NumberToken]) -> None:
    """'¾', and '2½' glued to a whole number (``out`` holds the digit tokens, in order)."""
    by_end = None
    for m in _VULGAR_RE.finditer(text):
        p = m.start()
        frac = VULGAR_FRACTIONS[m.group(0)]
        if p and text[p - 1].isdigit():
            if by_end is None:
                by_end = {t.end: k for k, t in enumerate(out)}
            k = by_end.get(p)
            if k is not None and not out[k].fraction and not out[k].grouped and out[k].decimals == 0:
                t = out[k]
                out[k] = NumberToken(t.start, p + 1, t.value + frac, 0.0, fraction=True, digits=t.digits)
                continue
        if p + 1 < len(text) and text[p + 1].isdigit():
            continue         # "½2": not a number we can read
        out.append(NumberToken(p, p + 1, frac, 0.0, fraction=True, digits=1))


def _is_mixed_fraction(text: str, s: int, end: int) -> bool:
    """'7-3/4', '9-13/16' (newswire prices and rates) look like a chain but are one number."""
    fm = FRACTION_RE.match(text, s)
    return fm is not None and fm.end() == end and fm.group(1) is not None and _fraction_token(fm, s) is not None


def _fraction_token(fm: re.Match, s: int) -> Optional[NumberToken]:
    whole, num, den = fm.group(1), int(fm.group(2)), int(fm.group(3))
    if den not in FRACTION_DENOMINATORS or num == 0 or num >= den:
        return None
    value = num / den + (int(whole) if whole else 0)
    return NumberToken(s, fm.end(), value, 0.0, fraction=True, digits=len(whole or "0"))


_PRONOUN_ONE_RE = re.compile(r"(?<![\w])(?:the|this|that|which|each|every|any|no)\s+$")
_PRONOUN_ONE_AFTER_RE = re.compile(
    r"\s*(?:$|[^\w\s]|(?:is|was|are|were|be|do|does|did|you|i|we|they|he|she|it|that|which|who|can|"
    r"will|would|should|could|has|have|had)(?![\w]))")


# "two thirds of a million", "a quarter of a billion": a fraction of the scale
_OF_A_SCALE_RE = re.compile(r"[^\S\n]+of[^\S\n]+an?[^\S\n]+(thousand|million|billion|trillion)(?![\w-])")


def _scan_words(low: str) -> list[NumberToken]:
    out: list[NumberToken] = []
    padded = " " + low        # lets a run start at offset 0
    for m in WORDS_RE.finditer(padded):
        rs = m.start("run") - 1
        run = m.group("run")
        article = bool(_ARTICLE_RE.search(low, max(0, rs - 4), rs))
        if run == "one" and _PRONOUN_ONE_RE.search(low, max(0, rs - 7), rs) \
                and _PRONOUN_ONE_AFTER_RE.match(low, m.end("run")):
            continue         # "the one you mentioned", "which one?": a pronoun ("that one mile" stays)
        mixed = " and " not in run or not low.endswith("between ", max(0, rs - 8), rs)
        for tok in parse_word_run(run, rs, article, mixed):
            if article and tok.start == rs:
                # "a hundred", "a third": the article is part of the number
                a = low.rfind("a", max(0, rs - 4), rs)
                if a >= 0:
                    tok.start = a
            if tok.fraction and not tok.scaled:
                sm = _OF_A_SCALE_RE.match(low, tok.end)
                if sm is not None:
                    tok.value *= SCALE_WORDS[sm.group(1)]
                    tok.end, tok.scaled = sm.end(), True
            out.append(tok)
    return out


def _drop_overlaps(tokens: list[NumberToken]) -> list[NumberToken]:
    out: list[NumberToken] = []
    last_end = -1
    for t in tokens:
        if t.start >= last_end:
            out.append(t)
            last_end = t.end
    return out


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping offsets: characters whose lower case is longer stay as they are."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
