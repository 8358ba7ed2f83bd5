"""Find quantities in text: number, scale, unit, qualifier, with exact spans.

A quantity is a numeral (:mod:`factlint.extract.numbers`) grown outwards: a currency
sign or code and a qualifier on the left; a scale, a unit, a postfix qualifier, a range's
second end, a counted noun and a rate base on the right. Numerals that are not claims
(years, dates, times, identifiers, "5G", "COVID-19", "1+3+N", names such as "Top 100",
adjectival compounds such as "four-year") are dropped here.

Choices worth knowing (see also :mod:`factlint.normalize.intervals`):

- Values are in the canonical unit: currencies in whole units of their ISO code (cents
  are 0.01 USD), data in bytes (decimal multiples: 1 ZB = 1e21 bytes), percentages as
  written (30.5 for "30.5%"), fractions of a whole ("more than half", "almost half",
  "a third of") as percentages, since they state shares.
- Ranks: an ordinal after a ranking verb ("ranking second") and "top N" after "among the"
  become quantities with unit ``rank`` (value N; "among the top five" is up_to 5).
  Other ordinals ("the second half", "first quarter") are not quantities.
- A bracketed amount in another currency right after an amount ("900 billion yuan
  (US$128.8 billion)", "1.2 billion yen, or 8.3 mln dlrs") is its own quantity with
  ``equivalent_of`` set to the index of the first. Brackets never make a number negative.
- A bare number right after "vs"/"from"/"against" takes the unit of the amount just
  before it in newswire tables ("3.58 billion dlrs from 1.94 billion"), and so does a new
  level after a change in whole currency units ("rose 3.30 billion francs to 33.94 billion").
- A dash between two numbers is a range ("5-7 pct"); "to" is a range unless a verb of
  change comes before and the second number is far above the first ("fell 195 mln dlrs
  to 65.06 billion", "rose 0.1 pct to 54.2 pct", "slid 1-1/2 to 58-1/2" are a change and
  a level; "expand by 25 to 30 pct" and "rose to 340 to 350" stay ranges), or a past
  result writes the change with its scale ("fell 840.5 mln francs to 941.5 mln"), or the
  change is written "from X to Y".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Optional

from factlint.extract.numbers import WORDS, NumberToken, lower_same_length, scan_numbers
from factlint.normalize.intervals import bounds, range_bounds
from factlint.normalize.units import UnitDef, UnitTables, default_tables

# Larger magnitudes are nonsense in prose (and risk inf in arithmetic): dropped.
MAX_MAGNITUDE = 1e30


@dataclass(slots=True)
class Quantity:
    """A quantity found in text. Cheap on purpose: an archive yields hundreds of thousands."""

    start: int                  # offset of the first character (qualifier included) in the text
    end: int                    # offset just past the last character (unit included)
    text: str                   # text[start:end]
    value: float                # stated value in the base unit (scale applied)
    unit: str                   # canonical unit: percent, pp, CNY, USD, count, byte, kg, rank, ...
    dimension: str              # percent, pp, currency, count, data, mass, length, rank, ...
    low: Optional[float]        # interval its precision and qualifier allow; None when open
    high: Optional[float]
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: Optional[str] = None     # over, at_least, nearly, about, up_to, under, range
    number_start: int = 0       # span of the digits / number words alone
    number_end: int = 0
    rate_base: Optional[float] = None   # "per 10,000 people" -> 10000
    rate_unit: Optional[str] = None     # "people"
    counted: Optional[str] = None       # "5G base stations"
    equivalent_of: Optional[int] = None  # index (in the returned list) of the quantity this one converts
    precision: float = 0.0      # half a unit of the last written digit, in the base unit (0: exact)
    scale: float = 1.0          # the scale written with the number ("billion" -> 1e9)
    words: bool = False         # the number is written in words
    unit_factor: float = 1.0    # canonical units per written unit (0.01 for "cts")


# ---------------------------------------------------------------- context patterns
_MONTH_WORDS = frozenset("""jan january feb february mar march apr april may jun june jul july aug
august sep sept september oct october nov november dec december""".split())
_TIME_WORDS = frozenset("a.m. p.m am pm gmt utc est edt bst cet hrs o'clock".split())
_ID_WORDS = frozenset("""no nos number vol p pp page pages art article section sec chapter room flight
route highway exit ref tel phone fax icp code id isbn issn item line rule form regulation resolution
licence license registration reg case docket""".split())
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_BEFORE_RE = re.compile(r"(?<![\w])(?:" + _MONTHS + r")\.?,?[^\S\n]*$")
_MONTH_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?[^\S\n]*(?:of[^\S\n]+)?(?:" + _MONTHS + r")(?![\w])")
# "December 31, 1986", "Dec. 31 1986": the year of a month-day date (searched before the year)
_MONTH_DAY_BEFORE_RE = re.compile(r"(?<![\w])(?:" + _MONTHS + r")\.?[^\S\n]+\d{1,2}(?:st|nd|rd|th)?,?[^\S\n]*$")
_TIME_AFTER_RE = re.compile(r"[^\S\n]*(?:a\.m\.|p\.m\.|am|pm|gmt|utc|est|edt|bst|cet|hrs|o'clock)(?![\w])")
_ID_BEFORE_RE = re.compile(
    r"(?<![\w])(?:no|nos|number|vol|p|pp|page|pages|art|article|section|sec|chapter|room|flight|"
    r"route|highway|exit|ref|tel|phone|fax|icp|code|id|isbn|issn|item|line|rule|form|"
    r"regulation|resolution|licen[cs]e|registration|reg|case|docket)\.?[^\S\n]*(?:[:#][^\S\n]*)?$")
# A verb of change before "X to Y" may make a change and a level ("rose 0.1 pct to 54.2 pct").
# Not the nouns ("growth", "a fall of five to 10 pct", "an increase of 25 to 30 pct"),
# nor "from"/"off" before a word ("imports from Cuba", "off the Texas coast").
# The market-report verbs ("Northern Telecom slid 1-1/2 to 58-1/2", "Inco firmed 1/8 to
# 21-7/8", "the Index shed 10.69 to 1,713.81") are spelt out: "firms", "sliding scale",
# "recoveries of", "east", "easily" are no verbs of change.
_CHANGE_VERB_RE = re.compile(
    r"(?<![\w])(?:(?:ris(?:e|es|ing)|rose|risen|f[ae]ll(?:s|ing|en)?|up|down|increas\w*|decreas\w*|cut\w*|"
    r"rais\w*|lower\w*|revis\w*|gr[eo]w(?:s|n|ing)?|climb\w*|jump\w*|drop\w*|declin\w*|reduc\w*|boost\w*|"
    r"lift\w*|widen\w*|narrow\w*|chang\w*|mov\w*|went|slip\w*|eas(?:e|ed|es|ing)|gain\w*|surg\w*|plung\w*|"
    r"soar\w*|slump\w*|shr[ai]nk\w*|expand\w*|advanc\w*|lost|los[ei]\w*|add\w*|"
    r"slid|slides?|shed|sheds|shedding|firmed|firming|improv(?:e|ed|es|ing)|dip(?:s|ped|ping)?|"
    r"s[ai]nk(?:s|ing)?|sunk|tumbl\w*|rall(?:y|ied|ies|ying)|recover(?:s|ed|ing)?|rebound\w*|retreat\w*|"
    r"weaken\w*|strengthen\w*|soften\w*|plummet\w*|edg(?:ed|ing)|trim(?:s|med|ming)?|slash\w*|"
    r"hik(?:e|ed|es|ing)|depressed|leap(?:s|t|ed)?)(?![\w])(?!\s+of(?![\w]))"
    r"|(?:off|from)(?![\w])(?!\s+[a-z]))")
# "a current range of 28.35 to 28.50", "primes range from 16.25 to 17.5 pct": a range whatever came before
_RANGE_NOUN_BEFORE_RE = re.compile(r"(?<![\w])rang(?:e|es|ed|ing)\s+(?:of|from|between)?\s*$")
# After a verb of change, "X to Y" is a change and the new level when the level is far
# above the change ("fell 195 mln dlrs to 65.06 billion", "rose 0.1 pct to 54.2 pct"),
# and a range when its ends are alike ("expand by 25 to 30 pct", "lose 30 to 50 mln dlrs").
_CHANGE_LEVEL_RATIO = 2.5
_CHANGE_OF_LEVEL_RATIO = 10.0
_RANGE_CONN_RE = re.compile(r"[^\S\n]*(?:(?P<dash>[-\u2013\u2014~])|(?P<word>to|through|thru|and))[^\S\n]*")
_BETWEEN_RE = re.compile(r"(?<![\w])(?:between|from)\s+$")     # also at the end of a wrapped line
_INHERIT_RE = re.compile(r"(?<![\w])(?:vs\.?|versus|from|against|compared[^\S\n]+(?:with|to))[^\S\n]+$")
_LEVEL_AFTER_CHANGE_RE = re.compile(r"\s+to\s+")
_EQUIV_RE = re.compile(r"^(?:[^\S\n]*\([^\S\n]*|,?[^\S\n]+or[^\S\n]+)$")
_SIGN_WORD_RE = re.compile(r"(?<![\w])(?:minus|negative)[^\S\n]+$")
_PERCENT_OF_RE = re.compile(r"(?<![\w])(?:percents?|per[^\S\n]?cent|percentage)[^\S\n]+of[^\S\n]+$")
_CAP_WORD_BEFORE_RE = re.compile(r"(?<![\w&'\u2019-])([A-Z][\w&'\u2019.-]*)[ \u00a0]$")
_RATE_RE = re.compile(
    r"[^\S\n]*(?:(?P<per>per|a|an)[^\S\n]+|/[^\S\n]*)"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|ten|a[^\S\n]+hundred|hundred|a[^\S\n]+thousand|"
    r"one[^\S\n]+thousand|ten[^\S\n]+thousand|thousand|one[^\S\n]+million|a[^\S\n]+million|million)"
    r"(?P<sc>[^\S\n]+(?:thousand|million|mln))?[^\S\n]+)?"
    r"(?P<noun>[a-z][a-z\-]*)(?P<noun2>[^\S\n]+[a-z][a-z\-]*)?")
_RATE_NUMS = {"one": 1.0, "ten": 10.0, "a hundred": 100.0, "hundred": 100.0, "a thousand": 1e3,
              "one thousand": 1e3, "ten thousand": 1e4, "thousand": 1e3, "one million": 1e6,
              "a million": 1e6, "million": 1e6}
_NOT_RATE_AFTER = frozenset({"earlier", "ago", "before", "after", "later", "end", "high", "low",
                             "earlier's", "previously", "when", "from", "in", "and", "or"})
_W1 = r"[^\S\n]+([^\W_][\w\-\u2019']*)"
_WORDS4_RE = re.compile(_W1 + "(?:" + _W1 + "(?:" + _W1 + "(?:" + _W1 + ")?)?)?")
_RANK_RE = re.compile(
    r"(?:rank(?:s|ed|ing)?|placed|placing|came|comes|finished|finishing|stood|stands)"
    r"[^\S\n]+(?:(?:the|in|at|as)[^\S\n]+){0,2}"
    r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))(?![\w])")
_TOP_RE = re.compile(r"top[^\S\n]+(?P<n>\d{1,3}|three|five|ten|twenty|fifty|hundred|one[^\S\n]+hundred)(?![\w])")
_TOP_BEFORE_RE = re.compile(r"(?<![\w])(?:among|in|into|within|inside|of|to|made|entered|joined|ranked|ranks|"
                            r"ranking|rank|remained|stayed)[^\S\n]+the[^\S\n]+$")
_RANK_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
               "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "three": 3, "five": 5, "ten": 10,
               "twenty": 20, "fifty": 50, "hundred": 100}
_PERIOD_ORDINAL_BEFORE_RE = re.compile(r"(?<![\w])(?:first|second|third|fourth|last|latter|other|"
                                       r"past|next|final|each|every)[^\S\n]+$")
_URL_HINT = ("://", "www.", "@")
# Words that end a counted noun phrase: function words and common verbs.
_STOP = frozenset("""a an the this that these those of in on at by for from to with without into onto
over under above below than as and or but nor so yet if then vs vs. versus per via about around
after before since until during while between among against including include includes included
is are was were be been being has have had will would shall should can could may might must do
does did said says say told reported showed shows show according announced added rose fell
increased decreased grew declined dropped jumped climbed gained lost up down year-on-year
compared which who whom whose where when what it its their his her our your my we they he she
you i them him us also only just more most less least than each every all both some any no not
plus minus through thru due held died sold worth off today yesterday tomorrow currently now
year years month months week weeks day days quarter quarters time times percent pct
yr yrs mth mths wk wks qtr qtrs
last next previous earlier ago later this that
""".split())
_DATE_NOUNS = frozenset("""figures figure data report reports level levels result results budget
crop season plan plans target targets census election elections edition quarter quarters survey
estimate estimates forecast forecasts period value values output total totals average rate rates
figures' onwards onward and or to through levels' fiscal financial calendar model version
world summit conference games olympics expo cup edition law act study studies paper poll review
analysis ranking rankings list net profit profits loss losses earnings income revenue revenues revs sales
turnover dividend dividends payout hours prices periods business equals""".split())
# Plural nouns without a plural "s": "1500 people", "2000 head" of cattle.
_UNMARKED_PLURALS = frozenset("""people staff police personnel head cattle sheep swine livestock children men
women fish deer aircraft crew""".split())
# Determiners before a year make it a modifier: "a 2022 research report", "its 1987 budget".
_YEAR_DETERMINERS = frozenset("a an its their his her our this that these those whose".split())
_LABELS = frozenset("""Shr Shrs Net Revs Rev Sales Loss Profit Oper Avg Qtr Qtly Div Dividend Year
Mths Months Nine Six Three Assets Deposits Loans Earnings Income Revenue Revenues Turnover Pay Prior
Payable Record Total Gross Tax Pretax Vs About Over Some Nearly Almost Around More Less Up Down
Only Just Another Of In At By For To From With The A An And Or But To On Than""".split())
_NAME_WORDS = frozenset("""Top Partner Group Section Article Chapter Phase Level Class Type Version
Model Series Windows Room Vol Volume Part Step Round Stage Title Grade Form Rule Figure Table Appendix
Annex Exhibit Lot Unit Block Building Floor Gate Terminal Platform Track Route Highway Road Street
Flight Channel Manufacturing Intelligent Boeing Airbus Apollo Formula Covid COVID Industry Agenda
Vision Plan Initiative Project Programme Program Index""".split())
_TRAIL = ".,;:!?)]}>\"'\u201d\u2019\u00bb"     # punctuation that may follow a word
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_ADDEND_WORDS = WORDS | {"a", "an"}
_SIGNS = "$€£¥￥₹₩₽₡₾₭฿元"


@dataclass(slots=True)
class _Core:
    """A numeral with its currency/scale/unit, before qualifiers, ranges and nouns."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float               # signed, scale and unit factor applied
    precision: float           # in base units
    unit: Optional[UnitDef]
    scale: float
    has_scale: bool
    currency_before: bool
    token: NumberToken


class _Scan:
    __slots__ = ("text", "low", "n", "tables", "switch_cache", "all_numbers", "out", "blocked",
                 "ranks")

    def __init__(self, text: str, tables: UnitTables, all_numbers: bool):
        self.text = text
        self.low = lower_same_length(text)
        self.n = len(text)
        self.tables = tables
        self.switch_cache: dict[tuple, bool] = {}
        self.all_numbers = all_numbers
        self.out: list[Quantity] = []
        self.blocked: list[tuple[int, int]] = []
        self.ranks: list[Quantity] = []

    def resolve(self, unit: UnitDef) -> UnitDef:
        """Switch an ambiguous sign ("¥") by what the text mentions."""
        if unit.switch is None:
            return unit
        code, words = unit.switch
        hit = self.switch_cache.get(unit.switch)
        if hit is None:
            pattern = r"(?<![\w])(?:" + "|".join(re.escape(w.lower()) for w in words) + r")(?![\w])"
            hit = bool(re.search(pattern, self.low))
            self.switch_cache[unit.switch] = hit
        return UnitDef(code, unit.dimension, unit.factor) if hit else unit


# ---------------------------------------------------------------- public API
def scan_quantities(text: str, tables: Optional[UnitTables] = None, *,
                    all_numbers: bool = False) -> list[Quantity]:
    """Quantities in ``text``, in order, non-overlapping, with exact spans.

    ``tables`` defaults to the built-in ``rules/units.yaml``. ``all_numbers`` keeps the
    numerals a claim scan drops (years, dates, identifiers, names): for measuring number
    recognition and for debugging, never for claims.
    """
    if not text:
        return []
    sc = _Scan(text, tables or default_tables(), all_numbers)
    if not all_numbers:
        _scan_ranks(sc)
    tokens = scan_numbers(text, sc.low, claims=not all_numbers)
    blocked = sc.blocked
    before_codes = sc.tables.before_last_words
    b = 0
    consumed = 0
    i = 0
    ntok = len(tokens)
    while i < ntok:
        tok = tokens[i]
        if tok.start < consumed:
            i += 1
            continue
        while b < len(blocked) and blocked[b][1] <= tok.start:
            b += 1
        if b < len(blocked) and blocked[b][0] <= tok.start < blocked[b][1]:
            i += 1
            continue
        if not all_numbers and not tok.words and tok.start:
            p = text[tok.start - 1]
            if p.isalpha() and sc.low[tok.start - 3 if tok.start > 3 else 0:tok.start] not in before_codes:
                i += 1
                continue     # "G20", "COVID19", "a1b2": a letter glued to the digits
        q, next_i = _quantity(sc, tokens, i)
        i = max(next_i, i + 1)
        if q is None:
            continue
        consumed = q.end
        sc.out.append(q)
    if len(sc.out) > 1:
        _merge_bounds(sc)
    if sc.blocked:
        _merge_ranks(sc)
    return sc.out


_LOWER = frozenset({"over", "at_least"})
_UPPER = frozenset({"under", "up_to"})
_BOUNDS = _LOWER | _UPPER
_JOIN_RE = re.compile(r"^[^\S\n]*(?:,[^\S\n]*)?(?:and|but|,)?[^\S\n]*$")


def _merge_bounds(sc: _Scan) -> None:
    """'more than 10 but less than 20', 'at most 100 and at least 20': one two-sided range."""
    out: list[Quantity] = []
    remap: dict[int, int] = {}
    qs = sc.out
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs) and a.qualifier in _BOUNDS and qs[i + 1].qualifier in _BOUNDS:
            b = qs[i + 1]
            pair = {a.qualifier, b.qualifier}
            if a.unit == b.unit and len(pair & _LOWER) == 1 and len(pair & _UPPER) == 1 \
                    and a.equivalent_of is None and b.equivalent_of is None \
                    and _JOIN_RE.match(sc.text[a.end:b.start]) and b.start - a.end <= 8:
                lo, hi = (a, b) if a.qualifier in _LOWER else (b, a)
                if lo.low is not None and hi.high is not None and lo.low < hi.high:
                    merged = replace(a, end=b.end, text=sc.text[a.start:b.end], value=(lo.low + hi.high) / 2,
                                     low=lo.low, high=hi.high, low_inclusive=lo.low_inclusive,
                                     high_inclusive=hi.high_inclusive, qualifier="range",
                                     number_end=b.number_end, counted=a.counted or b.counted)
                    remap[i] = remap[i + 1] = len(out)
                    out.append(merged)
                    i += 2
                    continue
        remap[i] = len(out)
        out.append(a)
        i += 1
    if len(out) != len(qs):
        for q in out:
            if q.equivalent_of is not None:
                q.equivalent_of = remap[q.equivalent_of]
        sc.out = out


_TAG_OPEN_RE = re.compile(r"<[\w.&-]{1,14}$")


# ---------------------------------------------------------------- one quantity
def _quantity(sc: _Scan, tokens: list[NumberToken], i: int) -> tuple[Optional[Quantity], int]:
    tok = tokens[i]
    core = _core(sc, tok)
    if core is None:
        return None, i + 1
    text, low = sc.text, sc.low
    next_i = i + 1
    start = core.start
    qualifier = None
    qual_start = start
    m = None
    pw = low[(start - 16 if start > 16 else 0):start].split()
    if pw:
        last = pw[-1].lstrip("([{\"'\u201c")
        if last and (last in sc.tables.qualifier_last_words or last[-1] in "<>~=\u2264\u2265"):
            m = sc.tables.qualifier_before_re.search(low, (start - 40 if start > 40 else 0), start)
    elif start and text[start - 1] in "<>~\u2264\u2265":
        m = sc.tables.qualifier_before_re.search(low, (start - 40 if start > 40 else 0), start)
    if m and m.group("sign") and m.group("sign")[0] == ">" and _TAG_OPEN_RE.search(low, max(0, m.start() - 16),
                                                                                   m.start()):
        m = None         # the close of a ticker or tag ("U.S. Tobacco <UBO> 7/8 to 27"), not "more than"
    if m:
        name = m.group("word") or m.group("sign")
        qualifier = sc.tables.qualifiers_before.get(_squash(name))
        if qualifier:
            qual_start = m.start()

    # the second end of a range
    rng = _range(sc, tokens, i, core, qual_start)
    if rng is not None:
        core_lo, core_hi, next_i, range_start = rng
        return _finish(sc, core_lo, core_hi, range_start, "range"), next_i

    minor = _minor_units(sc, tokens, i, core)
    if minor is not None:
        core, next_i = minor
    end = core.end
    # postfix qualifier: "500 or more", "50,000+" (it says more than "about" before it)
    if qualifier is None or qualifier == "about":
        pq = _postfix_qualifier(sc, end)
        if pq is not None:
            qualifier, end = pq
    core.end = end
    return _finish(sc, core, None, qual_start if qualifier else start, qualifier), next_i


_AND_RE = re.compile(r"[^\S\n]+(?:and[^\S\n]+)?")


def _minor_units(sc: _Scan, tokens: list[NumberToken], i: int, core: _Core):
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents': one amount."""
    unit = core.unit
    if unit is None or unit.dimension != "currency" or unit.factor != 1.0 or i + 1 >= len(tokens):
        return None
    m = _AND_RE.match(sc.low, core.end)
    nt = tokens[i + 1]
    if m is None or nt.start != m.end() or nt.fraction or nt.value >= 100 or nt.value != int(nt.value):
        return None
    end = nt.end
    um = _unit_after(sc, end)
    if um is not None:
        if um[0].dimension != "currency" or um[0].factor != 0.01:
            return None
        end = um[1]
    elif not (end == sc.n or sc.text[end] in ".,;!?" or sc.low.startswith(" and", end)):
        return None
    value = core.value + math.copysign(nt.value * 0.01 * unit.factor, core.value or 1.0)
    return replace(core, value=round(value, 10), end=end, precision=0.005 * unit.factor), i + 2


def _squash(name: str) -> str:
    return " ".join(name.split())


def _finish(sc: _Scan, core: _Core, hi: Optional[_Core], start: int, qualifier: Optional[str]) -> Optional[Quantity]:
    text = sc.text
    last = hi or core
    unit = last.unit if last.unit is not None else core.unit
    end = last.end
    counted = rate_base = rate_unit = None
    tok = core.token
    # a fraction of a whole ("two thirds", "3/4") counts nothing; "six and two-thirds
    # innings" and "a quarter of a million people" do
    part = tok.fraction and tok.value < 1
    if unit is None and not part:
        c = _counted(sc, end)
        if c is not None:
            counted, end = c
    r = _rate(sc, end)
    if r is not None and not (r[3] and unit is None and counted is None):
        # "2.454 a year" (a bare figure) is no rate; "50,000 dlrs a year" is
        rate_base, rate_unit, end = r[0], r[1], r[2]
    elif unit is not None and unit.per is not None:
        rate_base, rate_unit = 1.0, unit.per     # "3.8 mln bpd": barrels per day
    value = core.value
    precision = core.precision
    unit_name = unit.unit if unit else "count"
    dimension = unit.dimension if unit else "count"
    factor = unit.factor if unit else 1.0

    if not sc.all_numbers:
        # fractions of a whole state shares: "more than half", "a third of"
        if tok.words and part and unit is None and not core.has_scale and not tok.scaled:
            if not _share_fraction(sc, core, qualifier, end):
                return None
            value, precision, unit_name, dimension = value * 100.0, 0.0, "percent", "percent"
            if hi is not None:       # "between a third and a half of"
                hi = replace(hi, value=hi.value * 100.0, precision=0.0)
        elif unit is None and hi is None and not core.has_scale and not core.currency_before:
            if not _plain_number_ok(sc, core, qualifier, counted, rate_base):
                return None
    if unit is None and hi is None and counted is None and rate_base is None:
        inherited = _inherit_unit(sc, core)
        if inherited is not None:
            unit, factor = inherited
            unit_name, dimension = unit.unit, unit.dimension
            value *= factor
            precision *= factor
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return None

    if hi is not None:
        mid, bd = range_bounds(value, precision, hi.value, hi.precision)
        value = mid
        precision = max(precision, hi.precision)
    else:
        bd = bounds(value, precision, qualifier, sc.tables.delta(qualifier) if qualifier else 0.1, dimension)
    q = Quantity(start=start, end=end, text=text[start:end], value=value, unit=unit_name,
                 dimension=dimension, low=bd.low, high=bd.high, low_inclusive=bd.low_inclusive,
                 high_inclusive=bd.high_inclusive, qualifier=qualifier, number_start=core.number_start,
                 number_end=last.number_end, rate_base=rate_base, rate_unit=rate_unit, counted=counted,
                 precision=precision, scale=core.scale if hi is None else hi.scale, words=tok.words,
                 unit_factor=factor)
    if dimension == "currency" and sc.out:
        _link_equivalent(sc, q)
    return q


# ---------------------------------------------------------------- the numeral and its unit
def _core(sc: _Scan, tok: NumberToken, tail: bool = False) -> Optional[_Core]:
    """The numeral with its currency, sign, scale and unit; None when it is not a quantity.
    ``tail`` is set for the second end of a range ("5k-20k"), whose left side is the dash."""
    text, low, n = sc.text, sc.low, sc.n
    s, e = tok.start, tok.end
    prev = text[s - 1] if s else ""
    if tail and prev in "-\u2013\u2014~":
        prev = " "
    nxt = text[e] if e < n else ""
    strict = not sc.all_numbers
    value = tok.value
    sign = 1.0
    start = s
    # ---- left side: sign, currency
    currency: Optional[UnitDef] = None
    if prev and (prev in _SIGNS or prev.isalpha() or prev in " \u00a0"):
        pw = low[(s - 10 if s > 10 else 0):s].split()
        m = None
        if pw and pw[-1].lstrip("([{\"'\u201c") in sc.tables.before_last_words or prev in _SIGNS \
                or (pw and pw[-1][-1] in _SIGNS):
            m = sc.tables.before_currency_re.search(low, (s - 10 if s > 10 else 0), s)
        elif pw and prev.isalpha():
            chunk = pw[-1].lstrip("([{\"'\u201c")
            if chunk[-3:] in sc.tables.before_last_words:
                m = sc.tables.before_currency_re.search(low, (s - 10 if s > 10 else 0), s)
        if m:
            currency = sc.resolve(sc.tables.before_currency[_squash(m.group("name"))])
            start = m.start()
            prev = text[start - 1] if start else ""
    if strict and prev and prev not in " \t\n\u00a0([$\u2212-" and _in_url(text, start):
        return None
    if strict and currency is None and prev:
        if prev.isalpha() or prev in "#№_@" or prev in "+*×^":
            return None
        if prev == "x" and s >= 2 and text[s - 2].isdigit():
            return None
        if prev in "/:.," and s >= 2 and text[s - 2].isalnum():
            return None
        if prev in "-\u2010\u2011" and s >= 2 and text[s - 2].isalpha():
            return None      # "COVID-19", "F-16"
    if prev and prev in "-\u2212" and (start < 2 or text[start - 2] in " \t\n([\"'<>=~") and not tok.words:
        if not _dash_is_range_tail(sc, start - 1):
            sign = -1.0
            start -= 1
    elif (tok.words or prev == " ") and low.endswith(("minus ", "negative "), (start - 10 if start > 10 else 0), start):
        m = _SIGN_WORD_RE.search(low, (start - 10 if start > 10 else 0), start)
        if m:
            sign = -1.0
            start = m.start()
    # ---- right side: scale, unit
    if strict and nxt:
        if nxt in "+*×^" and e + 1 < n and (text[e + 1].isalnum() or text[e + 1] == "("):
            return None      # "1+3+N", "1024*768"
        if nxt == "x" and e + 1 < n and text[e + 1].isdigit():
            return None
        if nxt in ":/" and e + 1 < n and text[e + 1].isdigit():
            return None      # times, dates
        if nxt in ".," and e + 1 < n and text[e + 1].isdigit():
            return None      # "192.168.1.2", "1.2.3", a malformed group
    end = e
    scale = 1.0
    has_scale = False
    if nxt and (nxt in " \u00a0\t\n"):
        # the next word decides which tables can match (each regex costs more than a lookup)
        nw = low[e:e + 24].split(None, 1)
        maybe_scale = maybe_unit = False
        if nw:
            tables = sc.tables
            w1, w2 = nw[0].rstrip(_TRAIL), nw[0].split("-")[0]
            if w1 in tables.after_first_words or w2 in tables.after_first_words:
                maybe_scale = w1 in tables.scale_first_words or w2 in tables.scale_first_words
                maybe_unit = w1 in tables.unit_first_words or w2 in tables.unit_first_words
    else:
        maybe_scale = maybe_unit = bool(nxt) and not nxt.isdigit() and nxt not in ",.;:)"
    if maybe_scale and (not tok.fraction or tok.words):
        sm = _scale_after(sc, end, currency is not None)
        if sm is not None:
            scale, end = sm
            has_scale = True
            maybe_unit = True        # the unit would follow the scale: look there
            sm2 = _scale_after(sc, end, True)
            if sm2 is not None and sm2[0] > 1:
                scale *= sm2[0]
                end = sm2[1]
    half = 0.0
    if has_scale and not tok.words and low.startswith(" and ", end):
        hm = _AND_HALF_RE.match(low, end)
        if hm is not None:
            half = _HALVES[hm.group(1)]      # "3 million and a half": 3.5 million
            end = hm.end()
    unit = currency
    um = None
    if unit is None:
        um = _unit_after(sc, end) if maybe_unit else None
        if um is None and has_scale is False and end < n and text[end] == "-" and not tok.words:
            um = _unit_after(sc, end + 1, attached=True)
            if um is not None and um[0].dimension not in ("currency", "percent"):
                um = None if strict else um
        elif um is None and end < n and text[end] == "-" and tok.words:
            um = _unit_after(sc, end + 1, attached=True)
            if um is not None and um[0].dimension != "currency":
                um = None
        if um is not None:
            unit, end = um
    else:
        # "US$5 dollars": a repeated unit after the number is part of the quantity
        um = _unit_after(sc, end) if maybe_unit else None
        if um is not None and um[0].unit == unit.unit and um[0].factor == unit.factor:
            end = um[1]
    if not strict and end == e and e < n and not tok.words and low.startswith(_ORDINAL_SUFFIXES, e) \
            and not (e + 2 < n and text[e + 2].isalnum()):
        return None          # "4th", "21st": ordinals also when every numeral is wanted (a claim scan drops them below)
    if strict and end == e and e < n:
        after = text[e]
        if after.isalpha():
            return None      # "5G", "3D", "1st", "10am"
        if after in "-\u2010\u2011" and e + 1 < n and text[e + 1].isalpha():
            return None      # "360-degree", "four-year"
    if unit is None and not has_scale and low.find("of", (start - 4 if start > 4 else 0), start) >= 0:
        pm = _PERCENT_OF_RE.search(low, (start - 25 if start > 25 else 0), start)
        if pm:
            unit = sc.tables.units_ci.get("percent")
            start = pm.start()
    factor = unit.factor if unit else 1.0
    value = sign * (value + half) * scale * factor
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return None
    precision = (half / 2 if half else tok.precision) * scale * factor
    if scale != 1.0 or factor != 1.0:
        # 128.8 * 1e9 is 128800000000.00002 in binary: keep what was written
        value = float(f"{value:.15g}")
        precision = float(f"{precision:.15g}")
    if tok.words and has_scale and tok.precision == 0 and not tok.fraction:
        precision = 0.5 * scale * factor
    return _Core(start, end, s, e, value, precision, unit, scale,
                 has_scale or tok.scaled, currency is not None, tok)


# after a scale: "3 million and a half", "two billion and a quarter" (not "... and a quarter of")
_AND_HALF_RE = re.compile(r" and[^\S\n]+(?:an?|one)[^\S\n]+(half|quarter|third)(?![\w-])(?![^\S\n]+of(?![\w]))")
_HALVES = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}


def _dash_is_range_tail(sc: _Scan, dash: int) -> bool:
    """A '-' after "5 " in "5 - 7" joins a range; it is not a minus sign."""
    j = dash - 1
    while j >= 0 and sc.text[j] in " \t":
        j -= 1
    return j >= 0 and (sc.text[j].isdigit() or sc.text[j] in "%")


def _scale_after(sc: _Scan, pos: int, currency: bool) -> Optional[tuple[float, int]]:
    t = sc.tables
    for m, table in ((t.scale_cs_re.match(sc.text, pos), t.scales_cs),
                     (t.scale_ci_re.match(sc.low, pos), t.scales_ci)):
        if m is None:
            continue
        name = m.group("name")
        entry = table.get(name if table is t.scales_cs else _squash(name))
        if entry is None:
            continue
        gap = m.group("gap")
        if entry.attached and gap:
            continue
        if "\n" in gap and len(name) < 3:
            continue
        if entry.currency_only and not currency:
            um = _unit_after(sc, m.end())
            if um is None or um[0].dimension != "currency":
                continue
        return entry.factor, m.end()
    return None


def _unit_after(sc: _Scan, pos: int, attached: bool = False) -> Optional[tuple[UnitDef, int]]:
    t = sc.tables
    best = None
    m = t.unit_cs_re.match(sc.text, pos)
    if m is not None:
        name = m.group("name")
        gap = m.group("gap")
        if not (gap and (len(name) == 1 or attached)):
            unit = t.units_cs.get(name)
            if unit is not None:
                best = (unit, m.end())
    m = t.unit_ci_re.match(sc.low, pos)
    if m is not None and (best is None or m.end() > best[1]):
        name = m.group("name")
        gap = m.group("gap")
        if not (gap and attached) and not ("\n" in gap and len(name) < 3):
            unit = t.units_ci.get(_squash(name))
            if unit is not None:
                best = (unit, m.end())
    if best is not None:
        return sc.resolve(best[0]), best[1]
    return None


def _postfix_qualifier(sc: _Scan, pos: int) -> Optional[tuple[str, int]]:
    text = sc.text
    if pos < sc.n and text[pos] == "+":
        if pos + 1 >= sc.n or not (text[pos + 1].isalnum() or text[pos + 1] in "(+"):
            return "over", pos + 1
        return None
    nw = sc.low[pos:pos + 12].split(None, 1)
    if not nw or nw[0].rstrip(_TRAIL) not in sc.tables.after_first_words:
        return None
    m = sc.tables.qualifier_after_re.match(sc.low, pos)
    if m is None:
        return None
    name = _squash(m.group("name"))
    if name in ("plus", "+"):
        rest = sc.low[m.end():m.end() + 16].lstrip()
        if not rest or rest[0].isdigit() or rest.split(None, 1)[0].split("-")[0].rstrip(_TRAIL) in _ADDEND_WORDS:
            return None      # "0.03 plus zero point zero eight", "50 plus twenty": a sum
    q = sc.tables.qualifiers_after.get(name)
    return (q, m.end()) if q else None


# ---------------------------------------------------------------- filters
def _plain_number_ok(sc: _Scan, core: _Core, qualifier: Optional[str], counted: Optional[str],
                     rate_base: Optional[float]) -> bool:
    """A number with no unit, scale or currency: is it a claim or a year, date, name, id?"""
    tok = core.token
    text, low = sc.text, sc.low
    s, e = core.number_start, core.number_end
    if tok.words:
        # "the two", "one of the": small word numbers count only with a noun or qualifier
        return bool(counted or qualifier or rate_base) and tok.value != 1 or bool(counted and qualifier)
    v = tok.value
    if tok.digits >= 7 and not tok.grouped and tok.decimals == 0:
        return False         # phone, licence and registration numbers
    if tok.leading_zero and tok.decimals == 0:
        return False
    pw = low[(s - 16 if s > 16 else 0):s].split()
    nw = low[e:e + 16].split(None, 1)
    prev_word = pw[-1].rstrip(".,:#") if pw else ""
    next_word = nw[0].rstrip(_TRAIL) if nw else ""
    if prev_word in _MONTH_WORDS or next_word in _MONTH_WORDS or next_word in _TIME_WORDS:
        return False
    if next_word == "of" and len(nw) > 1 and nw[1].split(None, 1)[0].rstrip(".,;:") in _MONTH_WORDS:
        return False
    if prev_word in _ID_WORDS or any(w[:1] == "+" and w[1:2].isdigit() for w in pw[-3:]):
        return False         # "No. 5", "+86 1065 2237"
    if e < sc.n and text[e] in "-\u2013/" and e + 1 < sc.n and text[e + 1].isdigit():
        return False         # "2023-12-06", "1985-86", "222-2222" (ranges were taken already)
    if s >= 2 and text[s - 1] in "-\u2013" and text[s - 2].isdigit():
        return False
    if _in_url(text, s):
        return False
    if prev_word == "top":
        return False         # "the Forbes top 100 list" (ranks were taken already)
    year_like = tok.digits == 4 and not tok.grouped and tok.decimals == 0 and 1000 <= v <= 2100
    if year_like:
        if _MONTH_DAY_BEFORE_RE.search(low, (s - 24 if s > 24 else 0), s):
            return False     # "December 31, 1986 narrowed": the year of a date
        if qualifier:
            return True      # "above 1000", "over 2000 workers": thresholds, not years
        if counted is None or counted[0].isupper() or prev_word in _YEAR_DETERMINERS:
            return False     # "a 2022 research report": a year as a modifier
        words = counted.lower().split()
        if any(w in _DATE_NOUNS for w in words):
            return False
        if not words[-1].endswith("s") and words[-1] not in _UNMARKED_PLURALS:
            return False     # "1987 growth", "1986 shr": 1,000 and more of a thing is plural
        if prev_word in ("in", "since", "by", "from", "until", "till", "to", "of", "for",
                                     "before", "after", "during", "year", "fiscal", "early", "late",
                                     "mid", "the", "and", "or", "copyright", "\u00a9", "(c)"):
            return False
        return True
    if qualifier is None and tok.decimals == 0 and not tok.grouped:
        m = _CAP_WORD_BEFORE_RE.search(text, (s - 30 if s > 30 else 0), s)
        if m:
            word = m.group(1)
            if word in _NAME_WORDS:
                return False
            if word not in _LABELS and not _sentence_start(text, m.start(1)):
                return False     # "Manufacturing 100", "Partner 2 Connect", "Boeing 747"
    return True


def _sentence_start(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0\"'\u201c\u2018(":
        j -= 1
    return j < 0 or text[j] in ".!?:;\n"


def _in_url(text: str, s: int) -> bool:
    """Inside a web address or e-mail: '?q=30%25'. Found with C-level searches only."""
    lo = s - 300 if s > 300 else 0
    for hint in _URL_HINT:
        k = text.rfind(hint, lo, s)
        if k >= 0 and len(text[k:s].split(None, 1)) == 1:
            return True
    return False


def _share_fraction(sc: _Scan, core: _Core, qualifier: Optional[str], end: int) -> bool:
    """'more than half', 'almost half of', 'a third of': a share. 'the second half': a period."""
    s = core.start
    if _PERIOD_ORDINAL_BEFORE_RE.search(sc.low, (s - 12 if s > 12 else 0), s):
        return False
    if end < sc.n and sc.text[end] in "-\u2010":
        return False     # "half-year"
    after = sc.low[end:end + 8]
    if qualifier is not None:
        return True
    return after.startswith((" of ", " the ", " its ", " their ", " all ", " his ", " her "))


def _inherit_unit(sc: _Scan, core: _Core) -> Optional[tuple[UnitDef, float]]:
    """'3.58 billion dlrs from 1.94 billion', 'Shr 44 cts vs 16': the unit carries over."""
    if not sc.out:
        return None
    prev = sc.out[-1]
    if prev.dimension in ("count", "rank"):
        return None
    s = core.start
    if _LEVEL_AFTER_CHANGE_RE.fullmatch(sc.low, prev.end, s):
        # the new level after a change ("shed 23 marks to 1,022", "fell 840.5 mln francs to
        # 941.5 mln"); not in cents or pence, which a level is seldom quoted in ("fell five cts
        # to 1.05"), nor after a rate ("by 10,000 yen per tonne to 260,000")
        if prev.dimension != "currency" or prev.unit_factor != 1.0 or prev.rate_base is not None:
            return None
    else:
        m = _INHERIT_RE.search(sc.low, max(prev.end, s - 20), s)
        if m is None or sc.text[prev.end:m.start()].strip():
            return None
    if (prev.scale > 1) != core.has_scale and not (prev.dimension == "currency" and core.has_scale):
        return None
    return UnitDef(prev.unit, prev.dimension, prev.unit_factor), prev.unit_factor


def _link_equivalent(sc: _Scan, q: Quantity) -> None:
    prev = sc.out[-1]
    if prev.dimension != "currency" or prev.unit == q.unit:
        return
    gap = sc.text[prev.end:q.start]
    if len(gap) > 12 or not _EQUIV_RE.match(gap):
        return
    root = len(sc.out) - 1
    if prev.equivalent_of is not None:
        root = prev.equivalent_of
    q.equivalent_of = root


# ---------------------------------------------------------------- ranges
def _range(sc: _Scan, tokens: list[NumberToken], i: int, core: _Core, qual_start: int):
    if i + 1 >= len(tokens):
        return None
    head = sc.low[core.end:core.end + 3].lstrip(" \t\u00a0")
    if not head or head[0] not in "-\u2013\u2014~ta":
        return None
    m = _RANGE_CONN_RE.match(sc.low, core.end)
    if m is None:
        return None
    nxt = tokens[i + 1]
    conn_end = m.end()
    if nxt.start < conn_end:
        return None
    if nxt.start > conn_end:
        # a currency sign before the second end: "$5 to $7"
        gap = sc.low[conn_end:nxt.start]
        if len(gap) > 5 or not sc.tables.before_currency_re.search(sc.low, conn_end, nxt.start):
            return None
    word = m.group("word")
    dash = m.group("dash")
    between = _BETWEEN_RE.search(sc.low, (core.start - 10 if core.start > 10 else 0), core.start)
    if word == "and" and not (between and between.group(0).startswith("between")):
        return None
    if dash and core.token.words:
        return None
    hi = _core(sc, nxt, tail=True)
    if hi is None:
        return None
    if core.unit is None and hi.unit is None and \
            (core.token.words and core.token.fraction) != (hi.token.words and hi.token.fraction):
        return None          # "half to 1": a share of a whole and a plain number make no range
    lo = replace(core)
    # units: the first end takes the second's ("5-7 pct", "340 to 350 dlrs")
    if lo.unit is not None and hi.unit is not None:
        if lo.unit.unit != hi.unit.unit or lo.unit.factor != hi.unit.factor:
            return None
    elif hi.unit is None and lo.unit is not None:
        if lo.unit.dimension not in ("currency",):
            return None
        f = lo.unit.factor
        hi = replace(hi, value=hi.value * f, precision=hi.precision * f, unit=lo.unit)
    elif lo.unit is None and hi.unit is not None:
        f = hi.unit.factor
        lo = replace(lo, value=lo.value * f, precision=lo.precision * f, unit=hi.unit)
    if not lo.has_scale and hi.has_scale and not (lo.token.words and lo.token.fraction) \
            and lo.token.value < hi.token.value:
        lo = replace(lo, value=lo.value * hi.scale, precision=lo.precision * hi.scale, scale=hi.scale,
                     has_scale=True)
    if hi.value < lo.value:
        return None
    if lo.unit is None and (lo.token.leading_zero or hi.token.leading_zero
                            or _TIME_AFTER_RE.match(sc.low, hi.end)):
        return None          # clock times: "(0315 to 0530 GMT)", "between 0800 and 0830 GMT"
    if dash:
        if lo.unit is None and all(t.digits == 4 and not t.grouped and t.decimals == 0 and 1000 <= t.value <= 2100
                                   for t in (lo.token, hi.token)):
            return None      # "2021-2025" is a period
        if lo.unit is None and (lo.token.leading_zero or hi.token.leading_zero
                                or (lo.token.digits, hi.token.digits) in ((3, 4), (3, 3), (4, 4))
                                and not lo.token.grouped and hi.end < sc.n and sc.text[hi.end] in "-/"):
            return None
        if hi.token.digits >= 7 and not hi.token.grouped:
            return None
    if word in ("to", "through", "thru"):
        before_from = between is not None and between.group(0).startswith("from")
        verb_end = between.start() if before_from else qual_start
        if _change_and_level(sc, core, lo, hi, qual_start, verb_end, before_from):
            return None      # "rose 0.1 pct to 54.2 pct", "raised it from 7.25 pct to 7.5 pct"
        if lo.unit is None and hi.unit is None and not sc.all_numbers:
            y = (lo.token, hi.token)
            if all(t.digits == 4 and not t.grouped and 1000 <= t.value <= 2100 for t in y):
                return None
    start = between.start() if between else qual_start
    j = i + 2
    while j < len(tokens) and tokens[j].start < hi.end:
        j += 1
    return lo, hi, j, start


def _change_and_level(sc: _Scan, written_lo: _Core, lo: _Core, hi: _Core, qual_start: int, verb_end: int,
                      before_from: bool) -> bool:
    """Whether "X to Y" after a verb of change is a change X and a new level Y."""
    look = (qual_start - 40 if qual_start > 40 else 0)
    window = sc.low[look:qual_start]
    # the clause ends at ". ", ", " or a hard line break (a new paragraph or table row is
    # indented); a bare newline is a wrapped line ("Atlantic Richfield rose\n1-3/4 to 77")
    cut = max(window.rfind(". ") + 2, window.rfind(", ") + 2, window.rfind(".\n") + 2,
              window.rfind(",\n") + 2, window.rfind("\n ") + 1, window.rfind("\n\n") + 1,
              window.rfind("\n\t") + 1)
    if cut > 1:          # 1 is "nothing found" (or a line break at the window's start)
        look += cut
    verb = None
    for verb in _CHANGE_VERB_RE.finditer(sc.low, look, verb_end):
        pass
    if verb is None or _RANGE_NOUN_BEFORE_RE.search(sc.low, (verb_end - 16 if verb_end > 16 else 0), verb_end):
        return False
    if before_from:
        return True
    gap = sc.low[verb.end():verb_end].split()
    last = gap[-1] if gap else ""
    if last in ("to", "at"):
        return False     # "prices rose to 340 to 350": a range of levels
    # after "of" only a level very far above is one ("a rise in reserves of 400 mln to 87.0
    # billion"; "rallied to hold gains of one cent to three cents" is a range of changes)
    ratio = _CHANGE_LEVEL_RATIO if last != "of" else _CHANGE_OF_LEVEL_RATIO
    if not (0 < lo.value and hi.value <= ratio * lo.value):
        return True
    if last == "of":
        return False
    # ends alike: a range of changes ("cattle rose 1.00 to 1.50 dlr", "is expected to fall by
    # 15 billion to 20 billion dlrs") unless a result states its change in full, scale and
    # all ("funds fell 840.5 mln francs to 941.5 mln", "revenue dropped 97 mln dlrs to 233.6 mln")
    return written_lo.has_scale and hi.has_scale and _stated_result(sc, verb, gap)


# a forecast's verb: "is expected to fall by", "would lose", "will be reduced by"
_NOT_RESULT_BEFORE = frozenset("to will would could may might should can must shall be".split())
_PAST_IRREGULAR = frozenset("rose risen fell fallen grew grown went lost shed slid sank sunk shrank shrunk "
                            "cut up down off leapt".split())
_RESULT_FILLERS = frozenset("by some about another a an further adjusted unadjusted nearly almost around over "
                            "just".split())


def _stated_result(sc: _Scan, verb: re.Match, gap: list[str]) -> bool:
    """The verb of change right before the figure reports a result; it is no forecast."""
    word = verb.group(0)
    if not (word.endswith("ed") or word in _PAST_IRREGULAR) or not _RESULT_FILLERS.issuperset(gap):
        return False
    before = sc.low[(verb.start() - 12 if verb.start() > 12 else 0):verb.start()].split()
    return not (before and before[-1] in _NOT_RESULT_BEFORE)


# ---------------------------------------------------------------- nouns and rates
def _counted(sc: _Scan, pos: int) -> Optional[tuple[str, int]]:
    m = _WORDS4_RE.match(sc.text, pos)
    if m is None:
        return None
    words: list[str] = []
    end = pos
    lower_seen = False
    for g in (1, 2, 3, 4):
        w = m.group(g)
        if w is None:
            break
        lw = w.lower()
        if lw in _STOP or lw.rstrip("'\u2019s") in _STOP:
            break
        if w[0].isdigit() and (not any(c.isalpha() for c in w)
                               or (lw.endswith(_ORDINAL_SUFFIXES) and lw[:-2].isdigit())):
            break            # the next number, or an ordinal: "1986 4th qtr"
        if lw in WORDS:
            break            # the next number: "0.08 equals nought point one"
        if words and len(lw) > 4 and (lw.endswith("ed") or lw.endswith("ing")):
            break
        if w[0].isupper() and lower_seen:
            break
        if w.endswith(("'s", "\u2019s")):
            break
        if w[0].islower():
            lower_seen = True
        stripped = w.rstrip("-'\u2019")
        if not stripped:
            break
        words.append(stripped)
        end = m.start(g) + len(stripped)
        if stripped != w:
            break
    if not words:
        return None
    return " ".join(words), end


def _rate(sc: _Scan, pos: int) -> Optional[tuple[float, str, int, bool]]:
    """(base, base unit, end, written with "a"/"an") of "per 10,000 people", "a tonne"."""
    head = sc.low[pos:pos + 5].lstrip(" \t\u00a0")
    if not head.startswith(("per ", "a ", "an ", "/", "per\t", "per\u00a0")):
        if not (head.startswith("pe") or head.startswith("a") or head[:1] == "/"):
            return None
    m = _RATE_RE.match(sc.low, pos)
    if m is None:
        return None
    per = m.group("per")
    noun = m.group("noun")
    noun2 = m.group("noun2")
    num = m.group("num")
    if noun in _STOP and noun not in ("day", "year", "month", "week", "quarter"):
        return None
    if per in ("a", "an"):
        if num is not None:
            return None
        key = noun if noun in sc.tables.rate_nouns else noun.rstrip("s")
        if key not in sc.tables.rate_nouns:
            if noun2 is None or f"{noun} {noun2.strip()}" not in sc.tables.rate_nouns:
                return None
        if noun2 is not None and noun2.strip() in _NOT_RATE_AFTER:
            return None
        if noun in ("year", "month", "week", "day", "quarter") and noun2 is not None and noun2.strip() in ("earlier", "ago", "before"):
            return None
    if per is None and num is None and noun in ("yr", "year"):
        pass
    base = 1.0
    if num is not None:
        if num[0].isdigit():
            try:
                base = float(num.replace(",", ""))
            except ValueError:
                return None
        else:
            base = _RATE_NUMS.get(" ".join(num.split()), 1.0)
        if m.group("sc"):
            base *= {"thousand": 1e3, "million": 1e6, "mln": 1e6}[m.group("sc").strip()]
    end = m.end("noun")
    if sc.text[end:end + 1] in ("$", "\u20ac", "\u00a3", "\u00a5"):
        return None  # "10 cents per HK$1 share": the noun begins the next figure's currency
    unit = sc.text[m.start("noun"):end]
    if noun2 is not None:
        w2 = noun2.strip()
        if w2 not in _STOP and w2 not in _NOT_RATE_AFTER and not w2.endswith(("ed", "ing")) and num is not None:
            end = m.end("noun2")
            unit = sc.text[m.start("noun"):end]
    if base <= 0:
        return None
    return base, " ".join(unit.split()), end, per in ("a", "an")


# ---------------------------------------------------------------- ranks
def _scan_ranks(sc: _Scan) -> None:
    low = sc.low
    found: list[tuple[int, int, Quantity]] = []
    for key in ("rank", "placed", "placing", "came", "comes", "finish", "stood", "stands"):
        pos = low.find(key)
        while pos >= 0:
            if pos == 0 or not low[pos - 1].isalnum():
                m = _RANK_RE.match(low, pos)
                if m:
                    word = m.group("ord")
                    n = _RANK_WORDS.get(word)
                    if n is None:
                        n = int(word[:-2])
                    s, e = m.start("ord"), m.end("ord")
                    q = Quantity(s, e, sc.text[s:e], float(n), "rank", "rank", float(n), float(n),
                                 number_start=s, number_end=e)
                    found.append((s, e, q))
            pos = low.find(key, pos + 1)
    pos = low.find("top")
    while pos >= 0:
        if (pos == 0 or not low[pos - 1].isalnum()) and _TOP_BEFORE_RE.search(low, (pos - 24 if pos > 24 else 0), pos):
            m = _TOP_RE.match(low, pos)
            if m:
                word = " ".join(m.group("n").split())
                n = float(word) if word[0].isdigit() else float(_RANK_WORDS.get(word.split()[-1], 0))
                if n >= 1:
                    s, e = pos, m.end()
                    q = Quantity(s, e, sc.text[s:e], n, "rank", "rank", 1.0, n, qualifier="up_to",
                                 number_start=m.start("n"), number_end=e)
                    found.append((s, e, q))
        pos = low.find("top", pos + 1)
    found.sort(key=lambda f: f[0])
    sc.blocked = [(s, e) for s, e, _ in found]
    sc.ranks = [q for _, _, q in found]


def _merge_ranks(sc: _Scan) -> None:
    ranks = sc.ranks
    if not ranks:
        return
    merged = sorted(list(zip(sc.out, range(len(sc.out)))) + [(q, None) for q in ranks], key=lambda p: p[0].start)
    remap: dict[int, int] = {}
    out: list[Quantity] = []
    for q, old in merged:
        if old is not None:
            remap[old] = len(out)
        out.append(q)
    for q in out:
        if q.equivalent_of is not None:
            q.equivalent_of = remap[q.equivalent_of]
    sc.out = out
