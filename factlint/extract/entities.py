"""Bind each quantity to the entity it is about and to what it measures.

The entity comes from the sentence (a possessive next to the figure, the subject,
"in X", "of X's GDP"), from anaphors resolved against the paragraph and the
document ("the city" is the article's main city), or from the document's main
entity (title, first paragraph, newswire dateline and places). Names go through the
alias tables. The metric is the noun phrase the figure measures: the subject of
the verb before it, the counted noun after it, or the figure's neighbour in the same
sentence for participle clauses ("..., accounting for 30.5% of GDP"); it is
canonicalized with :func:`factlint.normalize.aliases.canonical_metric`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator, Optional, Sequence, Union

from factlint.normalize.aliases import AliasTables, canonical_entity, canonical_metric, metric_key

_COMPANY = re.compile(
    r"(?P<name>(?:[A-Z][\w&'.-]*\s+){0,5}?(?:[A-Z][\w&'.-]*)\s+(?:Inc|Corp|Corporation|Co|Ltd|Plc|PLC|LLC|AG|SA|NV|Group"
    r"|Holdings|Industries|Technologies|Bancorp|Cos)\b\.?(?:,?\s+(?:Inc|Ltd|Co|Corp|Plc)\b\.?)?)(?:\s*<[^>]+>)?"
    r"|(?P<ticker_name>(?:[A-Z][\w&'.-]*\s+(?:(?:for|of|and|de)\s+(?=[A-Z]))?){1,5})<(?P<ticker>[A-Z][A-Z0-9.]*)>")
_POSSESSIVE = re.compile(r"(?<![\w’'])(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?:'s|’s)(?!\w)")
_ANAPHOR = re.compile(
    r"\b(?:the|The)\s+(?P<head>city|country|nation|kingdom|company|firm|group|province|region|municipality|bank"
    r"|state|island|metropolis|corporation|carrier|operator|bloc|automaker|airline|retailer|utility|insurer|lender"
    r"|refiner|brewer)(?P<poss>'s|’s)?\b"
    r"|\b(?P<pron>its|Its|our|Our|their|Their)\b")
_ANAPHOR_TYPE = {
    "city": "city", "municipality": "city", "metropolis": "city", "country": "country", "nation": "country",
    "kingdom": "country", "state": "country", "island": "country", "company": "company", "firm": "company",
    "group": "company", "bank": "company", "corporation": "company", "carrier": "company", "operator": "company",
    "automaker": "company", "airline": "company", "retailer": "company", "utility": "company", "insurer": "company",
    "lender": "company", "refiner": "company", "brewer": "company",
    "unit": "unit", "subsidiary": "unit", "division": "unit",
    "province": "province", "region": "region", "bloc": "region",
}
_NOT_NAMES = frozenset(
    "The A An It This That These Those In On At As For By With From Last This Next Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December Today Yesterday Year World Internet GDP".split())

_MEASURE_VERB = re.compile(
    r"\b(?:reached|reach(?:es|ing)?|exceeded|exceed(?:s|ing)?|surpassed|topped|tops|totall?ed|totals?|totall?ing"
    r"|amounted\s+to|amounts?\s+to|stood\s+at|stands\s+at|hit|hits|rose|rises?|risen|grew|grows?|grown|increased"
    r"|increases?|climbed|jumped|surged|fell|falls?|fallen|dropped|declined|decreased|slipped|gained|was|were|is|are"
    r"|accounted\s+for|accounts?\s+for|accounting\s+for|made\s+up|makes?\s+up|making\s+up|represented|represents?"
    r"|representing|had|has|have|having|built|registered|recorded|posted|reported|saw|sees?|held|holds?|employ(?:s|ed)?"
    r"|produced|produces?|exported|imported|sold|earned|generated|achieved|attracted|covered|covers?|cover|came\s+to"
    r"|comes\s+to|numbered|remained|remains|stayed|soared|expanded|shrank|contracted|cut|raised|help|helps|helped"
    r"|benefit(?:s|ed|ted)?|connect(?:s|ed)?|serve[sd]?|rank(?:s|ed|ing)?|placed|put)\b")
_PARTICIPLE_START = re.compile(
    r"\s*(?:accounting|making|representing|ranking|bringing|taking|putting|reaching|exceeding|giving|leaving"
    r"|raising|lifting|pushing|cutting|lowering|boosting|with|up|down"
    r"|compared|against|from|vs|versus|while\s+(?:up|down|off|rising|falling)"
    r"|an?\s+(?:[\w-]+\s+){0,2}?(?:increase|rise|decrease|drop|decline|jump|growth|gain))\b",
    re.IGNORECASE)
# "rose 1.89 billion, after rising 305 mln", "rose to 292 mln after January's 29 mln": the same
# measure earlier (searched up to the figure)
_EARLIER_FIGURE_BEFORE = re.compile(
    r"\b(?:after|following)\s+(?:(?:a|an|the|its|their|revised|previous|\w+ing|\w+(?:'s|’s))\s+){0,2}"
    r"(?:(?:in|during)\s+(?-i:[A-Z][a-z]+)\s+(?:by\s+)?)?$",
    re.IGNORECASE)
# tickers, brackets and currency signs are no part of what is measured
_NOISE = re.compile(r"<[^>]*>(?:'s|’s)?|\([^)]*\)?|\b(?:US|HK|NZ|A|C|S)?\$|\b(?:RMB|CNY|USD)\b|[¥€£]")
_NOISE_MARKS = ("<", "(", "$", "RMB", "CNY", "USD", "¥", "€", "£")    # one of these is in any _NOISE match
_OWNER_GAP = re.compile(r"\b(?:of|in|at|for|across)\s+(?:the\s+)?$")
_TIME_WORD = re.compile(r"\b(?:first|days?|weeks?|months?|quarters?|half|year)\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"\s*(?:of|share\s+of)\s+")
_WHOLE_END = re.compile(r"[,;:.“”\"()]|\s(?:in|during|for|at|on|since|as|and|while|last|this|that|which|who|are|is|were"
                        r"|was|to|from|with|by|use|used|have|has|had)\s")
_WHOLE_REST = re.compile(r"[^,;:.“”\"()]*?(?=\s(?:are|is|were|was|use|used|have|has|had)\s)")
_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|said)\b")
_FOLLOWING = re.compile(r"\s+((?:[A-Za-z0-9][\w&-]*\s+){0,3}?[a-z][\w-]*)(?=\s+(?:in|of|on|at|for|per|and|or|to|with"
                        r"|by|from|as|was|were|is|are|have|has|had|that|which|will|would|could|can|across|last|this)\b"
                        r"|[,.;:)]|$)")
# A subject further back than this from its figure is not one we would read reliably.
_SUBJECT_REACH = 140
_REPORT_VERBS = frozenset(
    "said says showed shows show found finds announced reported noted added estimated revealed indicated stated "
    "believe believes expect expects think thinks".split())
_VERB_WORDS = frozenset(
    "reached reach reaches reaching exceeded exceed exceeds exceeding surpassed topped tops totaled totalled total "
    "totals totaling totalling amounted amounts stood stands hit hits rose rise rises risen grew grow grows grown "
    "increased increase increases climbed jumped surged fell fall falls fallen dropped declined decreased slipped "
    "gained was were is are accounted account accounts accounting made make makes making represented represents "
    "represent representing had has have having built registered recorded posted reported saw see sees held hold "
    "holds employ employs employed produced produce produces exported imported sold earned generated achieved "
    "attracted covered covers cover came comes numbered remained remains stayed soared expanded shrank contracted "
    "cut raised help helps helped benefit benefits benefited benefitted connect connects connected serve serves "
    "served rank ranks ranked ranking placed put narrowed narrows narrow widened widens widen showed shows show "
    "stood stand reached slid slipped eased firmed edged dipped plunged tumbled rebounded recovered "
    "bought buy buys sell sells selling buying purchased ordered paid pay pays spent spend lent borrowed "
    "issued".split())
# words right after a verb of measure ("narrowed to", "put at")
_VERB_FOLLOW = frozenset("to at by from of about around nearly almost some over more less just only an a in on after "
                         "during".split())
_POSSESSIVE_VERBS = frozenset("has have had having".split())
_TOKEN = re.compile(r"[\w’'-][\w’'-]*")      # [\w’'-]+, written so that the regex engine scans ahead (see _PP_CUT)
_ADVERB_BEFORE = re.compile(r"\b[a-z]+ly\s+$")
_POSSESS_VERB = re.compile(r"\b(?:has|have|had|having|holds?|held|owns?|owned|with)\b")
_CLAUSE_SPLIT = re.compile(r"[,;:“”\"()]|\b(?:said|says|showed|shows|show|found|finds|announced|reported|noted|added"
                           r"|estimated|revealed|indicated|stated|believes?|expects?|thinks?)\s+that\b")
_CLAUSE_BREAK_CHAR = re.compile(r"[,;:“”\"()]")        # _CLAUSE_SPLIT's first branch
_RELATIVE = re.compile(r"\s*(?:which|who|that|and|or|but|while)\b")
_QUALIFIER_WORDS = frozenset(
    "over more than about around nearly almost some roughly approximately at least up to under less fewer just only "
    "a an the by to of for total estimated average annual year-on-year year on year record further another "
    "increase rise growth gain jump decline drop fall decrease surge expansion rate worth valued estimated put "
    "between among equal equivalent along against versus vs compared unchanged steady flat stable left kept "
    "revised seasonally adjusted unadjusted non-seasonally provisionally provisional preliminary final "
    "annualised annualized slightly marginally sharply much far above below beyond within".split())
_STRIP_WORDS = frozenset(
    "the a an of in on at to for and or by with from as its their his her our this that these those also now "
    "currently still already new total some all such which who whose than into is are was were be been being has "
    "have had it there then up down over more less nearly almost about around roughly approximately among between "
    "against versus vs compared unchanged steady after before than but left today tomorrow yesterday tonight "
    "overnight will would shall should might could must while whereas".split())
_GENERIC = frozenset("number scale size amount volume total level figure".split())
# Words that open a time expression ("166.3 billion dlrs last year"): what follows a figure
# there is its period, not what it counts.
_TIME_OPENERS = frozenset("last next this previous prior past year month week quarter today tomorrow yesterday "
                          "tonight earlier ago".split())
# A subject with a modal or a time word is a predicate ("The Bank of Japan will sell tomorrow
# 500 billion yen"), not the name of what is measured.
_PREDICATE_WORDS = frozenset("will would shall should may might can could must to today tomorrow yesterday "
                             "tonight".split())
_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.%-]*")


def is_predicate(words_before: str) -> bool:
    """Whether the words before a figure hold a modal or a time word (see _PREDICATE_WORDS)."""
    return not _PREDICATE_WORDS.isdisjoint(words_before.lower().split())
# (\s\s* rather than \s+: the regex engine only scans ahead for a pattern's first character when the
# pattern opens with a plain character or class, not with a repeat or a lookbehind)
_PP_CUT = re.compile(r"\s\s*(?:in|during|for|over|at|on|since|across|through|throughout|as\s+of|by|from|under|compared)\s+")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str                    # canonical
    type: Optional[str]
    possessive: bool = False
    anaphor: Optional[str] = None   # the type an anaphor asks for ("city"), or "pronoun"


@dataclass
class DocEntities:
    """The document's main entities: overall and per type."""

    main: Optional[str] = None
    by_type: dict[str, str] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)     # named in the title or lead, not only in metadata


def _is_possessive(text: str, end: int) -> bool:
    return text[end - 2:end] in ("'s", "’s")


# A capitalised word: not preceded by a word character. Written capital first, the check on the
# character before it as a lookbehind over both, so that the regex engine scans ahead to the
# next capital letter (with a leading lookbehind it tries the whole pattern at every position).
_CAPS = re.compile(r"[A-Z](?<![\w$’'&.-][A-Z])[\w’'&.-]*")
_COMPANY_SUFFIX = frozenset(
    "Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Plc PLC LLC AG SA NV Group Holdings Industries "
    "Technologies Bancorp Cos Cos. Pte Bhd Pty".split())
_ANAPHOR_HEADS = tuple(_ANAPHOR_TYPE)
# "the city", "the company's": one pass over the lower-cased sentence finds every anaphor
# (no head is a prefix of another, so the alternation's order does not matter)
# (any one whitespace: a wire story wraps its lines anywhere, "the\ncompany said")
_THE_HEAD = re.compile(r"the\s(?:" + "|".join(_ANAPHOR_HEADS) + r")")
_LEADING_NOISE = frozenset(
    "The A An In On At As For By With From Last This Next And But Its To Of Or Into Over Says Said Sees Plans Sets "
    "Buys Sells Gets Wins Unit Units Shares Net Qtr Year Offer Bid Stake Sale Raises Cuts Lifts".split())


def _run_start(text: str, caps: list[tuple[int, int]], k: int) -> int:
    """Index of the first capitalised word of the run of adjacent ones ending at ``k``."""
    first = k
    while first > 0 and text[caps[first - 1][1]:caps[first][0]] in (" ", " & ") and \
            text[caps[first - 1][0]:caps[first - 1][1]] not in _LEADING_NOISE:
        first -= 1
    while first < k and text[caps[first][0]:caps[first][1]] in _LEADING_NOISE:
        first += 1
    return first


def _across_and(text: str, caps: list[tuple[int, int]], first: int, k: int) -> int:
    """"Wells Fargo and Co", "Public Service Electric and Gas Co": a short run closing a
    company name after "and" belongs to the words before it."""
    if k - first <= 1 and 0 < first <= k and text[caps[first - 1][1]:caps[first][0]] == " and ":
        before = _run_start(text, caps, first - 1)
        if text[caps[before][0]:caps[before][1]] not in _LEADING_NOISE:
            return before
    return first


def _across_of(text: str, caps: list[tuple[int, int]], first: int, k: int, tables: AliasTables) -> int:
    """"General Motors of Canada Ltd", "Bank of Tokyo Ltd": a place between "of" and the legal
    form closing a name is part of the company's name, not the company itself."""
    if k - first != 1 or first == 0 or text[caps[first - 1][1]:caps[first][0]] != " of ":
        return first
    if not tables.is_place(canonical_entity(text[caps[first][0]:caps[first][1]], tables)):
        return first
    before = _run_start(text, caps, first - 1)
    if text[caps[before][0]:caps[before][1]] in _LEADING_NOISE:
        return first
    return before


_DEMONYM_ENDS = ("an", "ese", "ish", "ian")
# "Chinese Premier Li", "the U.S. Government": still the country speaking
_OFFICE_WORDS = frozenset("Premier President Prime Minister Ministry Foreign Finance Trade Ambassador Embassy "
                          "Government Cabinet Parliament Congress Senate Treasury Commerce Agriculture".split())
_CURRENCY_AFTER = re.compile(r"\s+(?:dlrs?|dollars?|cents?|cts|currency)\b")


def _inside_name(text: str, caps: list[tuple[int, int]], k: int, stop: int, end: int, adjective: bool) -> bool:
    """Whether a known name at ``caps[k]`` only opens a company's name ("American Video Group Inc",
    "China Steel Corp") or qualifies a currency ("200,000 U.S. dlrs"): no mention of its own."""
    if _CURRENCY_AFTER.match(text, stop, min(end, stop + 12)):
        return True
    # "the U.S. Army Engineer District", "American Video convertible debentures": the place
    # word opens another body's name
    if stop + 2 < end and text[stop] in " \n" and text[stop + 1].isupper():
        a = caps[k][0]
        word = text[a:stop]
        if text[max(0, a - 4):a] in ("the ", "The ") or (adjective and word.endswith(_DEMONYM_ENDS)):
            nxt = text[stop + 1:stop + 16].split(None, 1)[0].rstrip(".,;:'’s")
            return nxt not in _OFFICE_WORDS
    j = k
    while j + 1 < len(caps) and j - k < 5 and caps[j + 1][0] - caps[j][1] <= 1:
        j += 1
        if caps[j][0] >= stop and text[caps[j][0]:caps[j][1]].rstrip(".,") in _COMPANY_SUFFIX:
            return True
    return False


@lru_cache(maxsize=32)
def _third_chars(tables: AliasTables) -> dict[str, Optional[frozenset]]:
    """Per key of the name index, the third letters its names go on with (None when a name
    is no longer than the key); the tables are hashed by identity."""
    return {key: None if any(len(name) <= len(key) for name in names) else frozenset(name[2] for name in names)
            for key, names in tables.name_index.items()}


_BASED = re.compile(r"-based\s+(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})")


# "<Royal Bank of Canada>": the wire brackets the name of a company it has no ticker for
_BRACKET_NAME = re.compile(r"<(?P<name>[A-Z][\w&'.,-]*(?:\s+[\w&'.,-]+){0,7})>")


def _bracketed_company(named: re.Match, found: list[Mention], tables: AliasTables) -> list[Mention]:
    """The bracket's company as one mention, in place of the names inside it (the "Canada" of
    "<Royal Bank of Canada>"); a mention that already spans the name is kept."""
    a, b = named.span("name")
    if any(m.start <= a and m.end >= b for m in found):
        return found
    raw = " ".join(named.group("name").split())
    name = canonical_entity(raw, tables)
    if not name or tables.is_place(name):
        name = raw
    kept = [m for m in found if not a <= m.start < b]
    kept.append(Mention(a, b, name, tables.entity_type(name) or "company", False))
    return kept


def find_mentions(text: str, start: int, end: int, tables: AliasTables) -> list[Mention]:
    """Entity mentions in ``text[start:end]``, in order, joint names ("Beijing and Shenzhen") merged."""
    found: list[Mention] = []
    index = tables.name_index
    names = tables.entity_names
    third_of = _third_chars(tables)
    caps = [m.span() for m in _CAPS.finditer(text, start, end)]
    taken_until = -1
    for k, (a, b) in enumerate(caps):
        if a < taken_until:
            continue
        key = text[a:a + 2]
        candidates = index.get(key)
        if candidates:
            thirds = third_of[key]
            if thirds is not None and text[a + 2:a + 3] not in thirds:
                candidates = None       # "The" is no "Thailand": no name goes on with this letter
        if candidates:
            hit = None
            for name in candidates:
                # a name wrapped at the end of a line ("the United\nStates") is still the name
                if text.startswith(name, a) or (" " in name and "\n" in text[a:a + len(name)]
                                                and text[a:a + len(name)].replace("\n", " ") == name):
                    stop = a + len(name)
                    if stop >= end or not (text[stop].isalnum() or text[stop] == "$" or
                                           (text[stop] == "-" and text[stop + 1:stop + 2].isalpha())):
                        hit = name
                        break
                    if text[stop] in "'’" and text.startswith("s", stop + 1):
                        hit = name
                        break
            # "Japan" is the name itself; "Japanese", "American" are adjectives of one
            if hit is not None and _inside_name(text, caps, k, a + len(hit), end, names[hit] != hit):
                hit = None
            if hit is not None:
                stop = a + len(hit)
                poss = text.startswith("'s", stop) or text.startswith("’s", stop)
                canonical = names[hit]
                found.append(Mention(a, stop + 2 if poss else stop, canonical, tables.entity_type(canonical), poss))
                taken_until = stop + (2 if poss else 0)
                continue
        last = text[b - 1]
        if last == "s" and text[b - 2] in "'’":
            first = _run_start(text, caps, k)
            if first == k and text[a:b - 2] in _NOT_NAMES:
                continue
            joined = _across_and(text, caps, first, k)
            if not any(m.start <= caps[joined][0] < m.end for m in found):
                first = joined
            raw = text[caps[first][0]:b - 2]
            name = canonical_entity(raw, tables)
            if name:
                found.append(Mention(caps[first][0], b, name, tables.entity_type(name), True))
                taken_until = b
            continue
        if text[a:b].rstrip(".,") in _COMPANY_SUFFIX and k > 0:
            nxt = text[b:b + 6]
            if nxt.startswith((" Ltd", " Inc", " Corp", " Plc")):
                continue                # "Co Ltd": let the last suffix close the name
            first = _run_start(text, caps, k)
            joined = _across_and(text, caps, first, k)
            if not any(m.start <= caps[joined][0] < m.end for m in found):
                first = joined
            while first < k and text[caps[first][0]:caps[first][1]].rstrip(".,") in _COMPANY_SUFFIX:
                first += 1
            named = _across_of(text, caps, first, k, tables)
            if named != first:
                # "General Motors" alone was only the start of the name
                found = [m for m in found if not caps[named][0] <= m.start < caps[first][0]]
                first = named
            if first < k and not any(m.start <= caps[first][0] < m.end for m in found):
                raw = text[caps[first][0]:b]
                name = canonical_entity(raw, tables)
                found.append(Mention(caps[first][0], b, name, tables.entity_type(name) or "company",
                                     raw.endswith(("'s", "’s"))))
                taken_until = b
    # "Nippon Light Metal Co Ltd <NLGT.T>": a ticker marks a company name
    pos = text.find("<", start, end)
    while pos != -1:
        named = _BRACKET_NAME.match(text, pos, min(end, pos + 80))
        if named is not None and not named.group("name").isupper():
            found = _bracketed_company(named, found, tables)
            pos = text.find("<", named.end(), end)
            continue
        close = text.find(">", pos, min(end, pos + 14))
        if close != -1 and not any(m.start <= pos - 2 < m.end for m in found):
            prev = [c for c in caps if c[1] <= pos and pos - c[1] <= 3]
            if prev:
                k = caps.index(prev[-1])
                first = k
                while first > 0 and caps[first - 1][1] + 1 == caps[first][0] and \
                        text[caps[first - 1][0]:caps[first - 1][1]] not in _LEADING_NOISE:
                    first -= 1
                if text[caps[first][0]:caps[first][1]] in _LEADING_NOISE:
                    first += 1
                first = _across_and(text, caps, first, k)
                if first <= k:
                    raw = text[caps[first][0]:caps[k][1]]
                    name = canonical_entity(raw, tables)
                    found.append(Mention(caps[first][0], close + 1, name, tables.entity_type(name) or "company",
                                         False))
        pos = text.find("<", (close if close != -1 else pos) + 1, end)
    # "Lisle, Ill.-based Amphenol had 1986 sales of": whatever is based somewhere is an organisation
    if "-based " in text[start:end]:
        for based in _BASED.finditer(text, start, end):
            a, b = based.span("name")
            if not any(m.start <= a < m.end or a <= m.start < b for m in found):
                raw = based.group("name")
                name = canonical_entity(raw, tables)
                if name:
                    found.append(Mention(a, b, name, tables.entity_type(name) or "company",
                                         raw.endswith(("'s", "’s"))))
    low = text[start:end].lower()
    if "the " in low or "the\n" in low:
        for the_head in _THE_HEAD.finditer(low):
            pos, stop = the_head.span()
            head = low[pos + 4:stop]
            if stop >= len(low) or not low[stop].isalpha() or low.startswith("'s", stop) or \
                    low.startswith("’s", stop):
                poss = low.startswith("'s", stop) or low.startswith("’s", stop)
                at = start + pos
                # "The Bank of Tokyo Ltd": the head opens a name
                if not any(m.start <= at + 4 < m.end for m in found):
                    found.append(Mention(at, start + stop + (2 if poss else 0), "", None, poss,
                                         _ANAPHOR_TYPE[head]))
    found.sort(key=lambda x: x.start)
    return _join_pairs(text, found)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch == "-"


def word_run_spans(text: str, low: str, words: Sequence[str], start: int, end: int,
                   initial: str = "") -> list[tuple[int, int]]:
    r"""Where ``words`` (lower case) stand in ``text[start:end]`` in any letter case, one after the
    other across whitespace and not inside a longer word: what the case-insensitive regex
    ``(?<![\w-])w1\s+w2...(?![\w-])`` finds, without compiling one per document. ``low`` is
    ``text.lower()``; both must be ASCII (letter case then keeps every offset). ``initial``: the
    first character as it must be written."""
    spans: list[tuple[int, int]] = []
    first = words[0]
    pos = low.find(first, start, end)
    while pos != -1:
        stop = -1
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (not initial or text[pos] == initial):
            at = pos + len(first)
            for word in words[1:]:
                gap = at
                while at < end and text[at].isspace():
                    at += 1
                if at == gap or not low.startswith(word, at, end):
                    break
                at += len(word)
            else:
                if at >= end or not _is_word_char(text[at]):
                    stop = at
        if stop != -1:
            spans.append((pos, stop))
            pos = low.find(first, stop, end)
        else:
            pos = low.find(first, pos + 1, end)
    return spans


def _join_pairs(text: str, found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(found):
        cur = found[i]
        if i + 1 < len(found) and not cur.anaphor and not found[i + 1].anaphor and not cur.possessive \
                and text[cur.end:found[i + 1].start] == " and ":
            nxt = found[i + 1]
            out.append(Mention(cur.start, nxt.end, f"{cur.name} and {nxt.name}", cur.type, nxt.possessive))
            i += 2
            continue
        out.append(cur)
        i += 1
    return out


_TITLE_TICKER = re.compile(r"<([^<>]{1,60})>")
# Some wire headlines bracket the ticker or the name in parentheses; these words in
# parentheses flag the story instead.
_TITLE_PAREN = re.compile(r"\(([A-Z][A-Z0-9.&'/ -]{0,58})\)")
_TITLE_FLAGS = frozenset("RPT REPEAT CORRECTED CORRECTION AMENDED UPDATE UPDATED REFILED REFILE".split())
# Words that end a newswire headline's company name read backwards from its ticker
# ("UNIT TO BUY ACME CORP <ACM>" names Acme, not the buyer).
_HEADLINE_BREAKS = frozenset(
    "TO BUY BUYS BOUGHT SELL SELLS SOLD SAYS SAID SEES SEE SET SETS IN FOR BY ON AT WITH FROM UNIT UNITS STAKE BID "
    "BIDS MAKES MAKE GETS GET HAS HAVE IS ARE WAS WILL WINS AGREES AGREE ACQUIRE ACQUIRES ACQUIRED MERGE MERGER "
    "OFFER OFFERS RAISES CUTS - : ,".split())


_NAME_LINKS = frozenset(("FOR", "OF"))
_LINKED_HEADS = frozenset("BANK FUND SOCIETY INSTITUTION FOUNDATION TRUST ASSOCIATION".split())


def _title_bracket(title: Optional[str]) -> Optional[re.Match]:
    """The headline's bracket that holds its company's ticker or name."""
    if not title:
        return None
    m = _TITLE_TICKER.search(title) if "<" in title else None
    if m is None and "(" in title:
        # "CALIFORNIA FIRST BANK (CFBK.O) 3RD QTR NET", "(POLORON PRODUCTS INC) YEAR OPER NET"
        m = next((p for p in _TITLE_PAREN.finditer(title) if p.group(1).strip() not in _TITLE_FLAGS), None)
    return m


def title_ticker(title: Optional[str]) -> Optional[tuple[str, str]]:
    """(the headline before its ticker, upper-cased; the ticker): "MARINE CORP <MCRP.O> 3RD QTR
    NET" -> ("MARINE CORP ", "MCRP.O"); None without a ticker (a bracket may hold the name)."""
    m = _title_bracket(title) if title else None
    if m is None:
        return None
    inner = m.group(1).strip()
    if " " in inner or any(c.islower() for c in inner):
        return None
    return m.string[:m.start()].upper(), inner


def title_company(title: Optional[str], tables: AliasTables, lead: str = "") -> Optional[str]:
    """The company a newswire headline is about, from its ticker: "AMERICAN EXPRESS <AXP> 1ST QTR NET"
    -> "American Express", "<ROYAL GOLD AND SILVER CORP> 1ST QTR NET" -> "Royal Gold and Silver";
    None when the headline carries no ticker. ``lead``: the story's opening words, which confirm
    where the name starts."""
    m = _title_bracket(title)
    if m is None:
        return None
    inner = m.group(1).strip()
    if " " in inner or any(c.islower() for c in inner):
        name = inner               # "<ROYAL GOLD AND SILVER CORP>": the bracket holds the name
    else:
        words = title[:m.start()].split()
        kept: list[str] = []
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            if len(kept) == 6:
                break
            # "APPLE BANK FOR SAVINGS <APPL.O>": a name's "for", not the headline's
            if w.upper() in _HEADLINE_BREAKS and not (w.upper() in _NAME_LINKS and kept and i
                                                       and words[i - 1].upper() in _LINKED_HEADS):
                break
            kept.append(w)
        kept.reverse()
        # "INVESTMENT FIRM BOOSTS AMERFORD <AMRF> STAKE": headline words the story's lead
        # does not use are no part of the name
        ascii_lead = lead.isascii()
        low_lead = lead.lower() if ascii_lead else ""

        def in_lead(word: str) -> bool:
            if ascii_lead and word.isascii():
                # first letter as written, the rest in any case
                return bool(word_run_spans(lead, low_lead, [word.lower()], 0, len(lead), initial=word[:1]))
            return re.search(r"(?<![\w-])" + re.escape(word[:1]) + r"(?i:" + re.escape(word[1:]) + r")(?![\w-])",
                             lead) is not None

        if lead and len(kept) > 1 and any(in_lead(w) for w in kept):
            while not in_lead(kept[0]):
                kept.pop(0)
        name = " ".join(kept)
    # the lead's spelling of the name ("3COM" -> "3Com")
    if lead and name:
        at = lead.lower().find(name.lower())
        if at != -1 and (at == 0 or not lead[at - 1].isalnum()):
            name = lead[at:at + len(name)]
    if name[:4].upper() == "THE ":
        name = name[4:]
    if not name or not name[:1].isalnum():
        return None
    tidy = _TITLE_AND.sub(" & ", name) if " AND " in name.upper() else name
    found = canonical_entity(tidy, tables)
    if not found:
        return None
    words = found.replace(" & ", " and ").split()
    return " ".join(w.lower() if i and w in ("Of", "And", "The", "For") else w for i, w in enumerate(words))


_TITLE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


_EXCLUDING_BEFORE = re.compile(r"\b(?:outside|excluding|except|ex|non)(?:\s+the)?[\s-]+$", re.IGNORECASE)


def doc_entities(title: Optional[str], lead: str, extra: Sequence[str], tables: AliasTables) -> DocEntities:
    """Main entities from the title (counted thrice), the lead paragraphs and metadata
    such as a newswire dateline or place list."""
    counts: Counter = Counter()
    types: dict[str, Optional[str]] = {}
    order: dict[str, int] = {}
    written: set[str] = set()

    excluded: set[str] = set()

    def add(text: str, weight: int, headline: bool = False) -> None:
        for m in find_mentions(text, 0, len(text), tables):
            if m.anaphor or not m.name:
                continue
            if headline and _EXCLUDING_BEFORE.search(text, max(0, m.start - 14), m.start):
                excluded.add(m.name)        # "COPPER STOCKS OUTSIDE U.S.": the story is not about it
            if m.name in excluded:
                continue
            names = m.name.split(" and ") if " and " in m.name else [m.name]
            for n in names:
                written.add(n)
                counts[n] += weight
                types.setdefault(n, tables.entity_type(n) or m.type)
                order.setdefault(n, len(order))

    if title:
        t = title
        if title.isupper():
            t = " ".join(w.capitalize() if len(w) > 3 or w not in ("US", "UK", "EU") else w for w in title.split())
        add(t, 3, headline=True)
    add(lead, 2)
    for item in extra:
        name = canonical_entity(item, tables)
        if name:
            counts[name] += 2
            types.setdefault(name, tables.entity_type(name))
            order.setdefault(name, len(order))
    out = DocEntities(written=written)
    unit = _named_unit(lead, tables)
    if unit:
        out.by_type["unit"] = unit
    for name in excluded:
        counts.pop(name, None)
    if not counts:
        return out
    ranked = sorted(counts, key=lambda n: (-counts[n], order[n]))
    out.main = ranked[0]
    for n in ranked:
        t = types.get(n)
        if t and t not in out.by_type:
            out.by_type[t] = n
    return out


# "its MPB Corp unit", "Allied-Signal's Neptune International unit"
_UNIT_NAMED = re.compile(r"(?:\bits|'s|’s)\s+<?(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})>?\s+"
                         r"(?:unit|subsidiary|division)\b")


def may_name_unit(lead: str) -> bool:
    """Whether a lead may name a unit at all (a cheap check before _UNIT_NAMED)."""
    return "unit" in lead or "subsidiary" in lead or "division" in lead


def _named_unit(lead: str, tables: AliasTables) -> Optional[str]:
    """The unit of a company the story's lead is about, which "the unit" stands for."""
    if not may_name_unit(lead):
        return None
    m = _UNIT_NAMED.search(lead)
    if m is None:
        return None
    name = canonical_entity(m.group("name"), tables)
    return name if name and not tables.is_place(name) else None


def resolve_anaphor(kind: str, before: Sequence[Mention], doc: DocEntities) -> Optional[str]:
    """"the city" -> the latest city named before it, else the document's main city."""
    for m in reversed(before):
        if m.anaphor or not m.name:
            continue
        if kind == "pronoun" or m.type == kind or (m.type is None and kind == "company"):
            return m.name
    if kind == "pronoun":
        return doc.main
    if kind == "unit":
        return doc.by_type.get("unit")      # never the parent: its figures are not the unit's
    return doc.by_type.get(kind) or (doc.main if kind not in doc.by_type and not doc.by_type else None) or doc.main


def _splits_clause(text: str, start: int, end: int) -> bool:
    """Whether _CLAUSE_SPLIT matches in ``text[start:end]``: a break character (found by a regex
    the engine scans quickly), else a reporting verb's "that" (only tried when "that" is there)."""
    return bool(_CLAUSE_BREAK_CHAR.search(text, start, end)) or \
        ("that" in text[start:end] and bool(_CLAUSE_SPLIT.search(text, start, end)))


def bind_entity(q_start: int, q_end: int, mentions: Sequence[Mention], text: str, sent_end: int,
                skip: Sequence[tuple[int, int]], context: Callable[[], Sequence[Mention]],
                doc: Union[DocEntities, Callable[[], DocEntities]],
                rank: bool = False, carried: Optional[str] = None) -> Optional[str]:
    """The entity of the quantity at ``q_start``.

    ``skip`` holds the attribution spans (names there are sources, not subjects, though they
    may be what an anaphor points back to: "Huawei's chairman said the company ...");
    ``context()`` gives the mentions of the paragraph's earlier sentences (computed only when needed).
    """
    def skipped(m: Mention) -> bool:
        return any(a <= m.start < b for a, b in skip)

    def docs() -> DocEntities:
        return doc() if callable(doc) else doc

    if skip:
        usable = [m for m in mentions if not skipped(m)]
        sources = [m for m in mentions if skipped(m) and not m.anaphor]
    else:
        usable, sources = mentions, []
    before = [m for m in usable if m.end <= q_start]

    def name_of(m: Mention) -> Optional[str]:
        if m.anaphor:
            earlier = list(context()) + sources + [x for x in usable if x.end <= m.start]
            return resolve_anaphor(m.anaphor, earlier, docs())
        return m.name

    def same_clause(m: Mention) -> bool:
        return not _splits_clause(text, m.end, q_start)

    # a ranked name: "rank Shenzhen first", "placed Beijing and Shenzhen among the top five"
    if rank:
        for m in reversed(before):
            if not m.anaphor and same_clause(m):
                return m.name
    # 1. a possessive in the figure's own clause ("Shenzhen's ... exceeded 900 billion")
    for m in reversed(before):
        if m.possessive and m.anaphor != "pronoun" and same_clause(m):
            name = name_of(m)
            if name:
                return name
    # 1b. a possessive pronoun in the figure's clause ("American Motors Corp said its February
    #     U.S. car production declined to 2,978"): the name before it, speaker included; the
    #     names after it ("U.S.") only qualify what it owns
    pron = None
    for pron in _POSS_PRONOUN.finditer(text, max(0, q_start - _PRONOUN_REACH), q_start):
        pass
    if pron is not None and not _CLAUSE_SPLIT.search(text, pron.end(), q_start):
        owners = [m for m in mentions if m.end <= pron.start() and (m.name or m.anaphor)]
        # "Nissan Motor Corp in U.S.A. said its ...": a company speaking owns what "its" names
        owners.sort(key=lambda m: m.type == "company")
        for m in reversed(owners):
            name = name_of(m) if m.anaphor != "pronoun" else None
            if name:
                return name
    # 2. the owner named right after the figure ("30 percent of Shenzhen's GDP", "in Shenzhen",
    #    "of the population of China and ASEAN")
    for m in usable:
        if m.start < q_end:
            continue
        gap = text[q_end:m.start]
        if len(gap) > 45 or _splits_clause(gap, 0, len(gap)):
            break
        if _OWNER_GAP.search(gap):
            name = name_of(m)
            if name:
                return name
        break
    # A company that reports the figure owns it rather than the market it names ("Mazda Motor
    # Corp reported car sales in the U.S. of 10,049"): the place only qualifies the sales.
    # Only a company that is the speaker itself: not an analyst's firm ("Paul Mlotok, analyst
    # for Salomon Brothers Inc, said") nor a lead manager ("lead manager Nikko Securities said").
    reporter = next((m.name for m in sources if m.type == "company" and m.name and _speaks(text, m, skip)), None)
    if reporter is None and skip and any(m.anaphor == "company" and skipped(m) for m in mentions):
        reporter = docs().by_type.get("company")        # "..., the automaker said": the story's company
    # 3. the sentence's subject: its first name or anaphor before the figure
    for m in before:
        if m.anaphor == "pronoun":
            continue
        name = name_of(m)
        if m.anaphor == "unit" and same_clause(m):
            return name         # "Allied-Signal said the unit had sales": the unit's, named or not
        if name:
            if reporter is not None and not m.anaphor and m.type != "company" and not m.possessive:
                return reporter
            return name
    # 4. a name after it in the sentence ("... based in Beijing"), but not an agent ("offering of
    #    four mln shares through underwriters led by Merrill Lynch")
    after = next((m for m in usable if m.start >= q_end and not m.anaphor
                  and not _splits_clause(text, q_end, m.start)), None)
    if after is not None and not _AGENT_BEFORE.search(text, max(0, after.start - 4), after.start):
        return after.name
    # 4b. the owner of the sentence's figure before it, when nothing else is named ("Ford said
    #     its car sales rose 5.9 pct ... while truck sales gained by 12.6 pct")
    if carried is not None:
        return carried
    # 4c. the company that reports it ("Lomas Mortgage Corp said it has filed for an offering of ...")
    if reporter is not None:
        return reporter
    # 5. the paragraph's subject so far, else the document's; an agent ("rated B-1 by
    #    Moody's", "co-managed by Salomon") is no subject
    for m in reversed(context()):
        if not m.anaphor and m.name and not _AGENT_BEFORE.search(text, max(0, m.start - 4), m.start):
            return m.name
    return docs().main


_AGENT_BEFORE = re.compile(r"\bby\s+$")


def _speaks(text: str, mention: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the name opens the attribution it stands in ("Lomas Mortgage Corp said")."""
    for a, b in spans:
        if a <= mention.start < b:
            return text[a:mention.start].strip(" \t\n<\"'“") in ("", "the", "The")
    return False


_POSS_PRONOUN = re.compile(r"\b(?:its|their|Its|Their)\b")
# How far before its figure a possessive pronoun may stand ("its February U.S. car production").
_PRONOUN_REACH = 80


# ------------------------------------------------------------------ metrics

def _clean_phrase(text: str, start: int, end: int, remove: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the given spans (names, periods, numbers) cut out."""
    cuts = [(a if a > start else start, b if b < end else end) for a, b in remove if a < end and b > start]
    if not cuts:
        return text[start:end]
    cuts.sort()
    parts = []
    pos = start
    for a, b in cuts:
        if a > pos:
            parts.append(text[pos:a])
        # "above this year's eight pct", "December's increased": the possessive goes with its period or name
        if text.startswith(("'s", "’s", '"s'), b) and b + 2 <= end and (b + 2 == end or not text[b + 2].isalnum()):
            b += 2
        pos = max(pos, b)
    parts.append(text[pos:end])
    return " ".join(parts)


@lru_cache(maxsize=65536)
def _content(phrase: str) -> str:
    """The words of a phrase that say something: noise (tickers, brackets, currency signs) and
    small words at either end removed. Cached: the phrases between a verb and its figure
    repeat (" to ", " at ")."""
    if not phrase or phrase.isspace():
        return ""
    if any(mark in phrase for mark in _NOISE_MARKS):
        phrase = _NOISE.sub(" ", phrase)
    # "the previous week's M-1 level" with the period taken out: its possessive stays behind
    stripped = phrase.lstrip()
    if stripped.startswith(("'s ", "’s ")):
        phrase = stripped[3:]
    # drop prepositional tails that carried a name or a period ("in the city", "in 2021")
    words = [w for w in _WORDS.findall(phrase)]
    # 'Ecuador"s OPEC quota' cut at its quote: the possessive's "s" is no word
    while words and (words[0].lower() in _STRIP_WORDS or words[0] == "s"):
        words.pop(0)
    while words and (words[-1].lower() in _STRIP_WORDS or words[-1].lower().endswith(("'s", "’s"))):
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=32768)
def _cut_dangling(phrase: str) -> str:
    """Cut a trailing prepositional phrase left empty once names and periods are gone."""
    parts = _PP_CUT.split(" " + phrase + " ")
    if len(parts) > 1:
        head = parts[0].strip()
        rest = " ".join(p for p in parts[1:])
        rest_content = _content(rest)
        if not rest_content or len(rest_content.split()) <= 1 and rest_content.lower() in _GENERIC:
            return head
        if head and len(rest_content.split()) <= 2 and _TIME_WORD.search(rest):
            return head
    return phrase


def _verb_candidates_backwards(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
    """``reversed(_verb_candidates(text, lo, hi))``, read lazily from the figure backwards:
    its verb is usually a word or two before it, and often the only one needed."""
    seg = text[lo:hi]
    if not seg.isascii():           # lower-casing may move offsets: the plain loop
        yield from reversed(_verb_candidates(text, lo, hi))
        return
    low = seg.lower()
    words = _TOKEN.findall(low)
    if "ed" not in low and _VERB_WORDS.isdisjoint(words):
        return
    stop = len(low)
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        # the word's offset: its last occurrence before the next word (tokens are separated
        # by characters that are in no token, so no later occurrence can straddle them)
        stop = low.rfind(word, 0, stop)
        if k and words[k - 1].endswith("ly"):
            continue
        if word in _VERB_WORDS or (word.endswith("ed") and "-" not in word and len(word) > 4 and
                                   (k + 1 == len(words) or words[k + 1] in _VERB_FOLLOW)):
            yield lo + stop, lo + stop + len(word), word


def _verb_candidates(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) of the words in ``text[lo:hi]`` that may be the figure's verb:
    known verbs of measure, and past tenses followed by a preposition ("rallied in", "slumped to");
    none right after an adverb in -ly ("sharply reduced")."""
    candidates = []
    previous = ""
    tokens = list(_TOKEN.finditer(text, lo, hi))
    for k, m in enumerate(tokens):
        word = m.group().lower()
        if not previous.endswith("ly"):
            if word in _VERB_WORDS:
                candidates.append((m.start(), m.end(), word))
            elif word.endswith("ed") and "-" not in word and len(word) > 4 and \
                    (k + 1 == len(tokens) or tokens[k + 1].group().lower() in _VERB_FOLLOW):
                candidates.append((m.start(), m.end(), word))
        previous = word
    return candidates


def subject_phrase(text: str, clause_lo: int, q_start: int, remove: Sequence[tuple[int, int]],
                   verb_in_quantity: bool = False) -> tuple[str, bool]:
    """The noun phrase a figure measures, read from the clause before it.

    Returns (phrase, participle): ``participle`` is True when the figure sits in a
    participle or comparison clause ("..., accounting for 30.5%") that has no subject
    of its own, so the caller takes the metric of the figure before it. ``verb_in_quantity``:
    the quantity as scanned opens with its verb ("exceeded 900 billion yuan").
    """
    lo = max(clause_lo, q_start - _SUBJECT_REACH)
    # the clause starts after the last comma, semicolon, colon or quote before the figure
    k = max(text.rfind(",", lo, q_start), text.rfind(";", lo, q_start), text.rfind(":", lo, q_start),
            text.rfind("“", lo, q_start), text.rfind("”", lo, q_start), text.rfind('"', lo, q_start))
    if k != -1:
        lo = k + 1
    k = text.rfind(" that ", lo, q_start)
    if k != -1:
        prev = text[max(lo, k - 12):k].rsplit(None, 1)
        if prev and prev[-1].lower() in _REPORT_VERBS:
            lo = k + 6
    if _PARTICIPLE_START.match(text, lo, q_start) or _EARLIER_FIGURE_BEFORE.search(text, max(lo, q_start - 40), q_start):
        return "", True
    rel = _RELATIVE.match(text, lo, q_start)
    if rel:
        lo = rel.end()
    # Verbs before the figure: known ones, and past tenses followed by a preposition
    # ("rallied in", "slumped to"). The last is the figure's; the subject lies between it
    # and the verb before it ("the drop was smaller than expected after Gulf exports rallied").
    backwards = _verb_candidates_backwards(text, lo, q_start)
    verb = next(backwards, None)
    if verb is None:
        between = _content(_clean_phrase(text, lo, q_start, remove))
        if len(between.split()) > 3 and not verb_in_quantity:
            return "", False         # no verb found: the words before are no subject we can trust
        if any(w.lower() in _PREDICATE_WORDS for w in between.split()):
            return "", False
        return (between if _has_content(between) else ""), False
    # "has an Opec quota of 4.133 mln bpd": the object between the verb and the figure
    verb_start, verb_end, _ = verb
    between = _content(_clean_phrase(text, verb_end, q_start, remove))
    if _has_content(between):
        return _cut_dangling(between), False
    earlier = list(backwards)           # the verbs before the figure's, nearest first
    if earlier:
        _, before_end, before_word = earlier[0]
        near = _content(_clean_phrase(text, before_end, verb_start, remove))
        if _has_content(near) and before_word not in _POSSESSIVE_VERBS:
            return _cut_dangling(near), False
        lo_subject = earlier[-1][0]
        first = _content(_clean_phrase(text, lo, lo_subject, remove))
        if _has_content(first):
            return _cut_dangling(first), False
    sub_lo = lo
    inner = None
    for inner in _POSSESS_VERB.finditer(text, lo, verb_start):
        pass
    if inner is not None:
        obj = _content(_clean_phrase(text, inner.end(), verb_start, remove))
        if _has_content(obj):
            return _cut_dangling(obj), False
    subject = _content(_clean_phrase(text, sub_lo, verb_start, remove))
    return _cut_dangling(subject), False


_TRADE_WORDS = frozenset("surplus deficit export exports import imports trade shipments".split())
_PARTNER_LINK = re.compile(r"\b(with|to|from)\s+(?:the\s+)?$")


def trade_partner(text: str, metric: str, mentions: Sequence[Mention], lo: int, hi: int,
                  entity: Optional[str]) -> Optional[str]:
    """The other country of a trade figure ("Japan's trade surplus with the United States",
    "a 5.9 billion dlr surplus with Britain"): "with United States", or None. A surplus with one
    partner and the overall surplus are different figures."""
    if not _TRADE_WORDS.intersection(metric.lower().split()):
        return None
    for m in mentions:
        if lo <= m.start < hi and not m.anaphor and m.name and m.name != entity:
            link = _PARTNER_LINK.search(text, max(lo, m.start - 10), m.start)
            if link:
                return f"{link.group(1)} {m.name}"
    return None


_DEAL_WORDS = frozenset("sale sales sold bonus credit credits guarantee guarantees purchase purchases "
                        "shipment shipments cargo cargoes delivery deliveries export exports".split())
# where in the clause the deal is written, as it may be written
_DEAL_STEMS = ("sale", "sold", "bonus", "credit", "guarantee", "purchase", "shipment", "cargo",
               "deliver", "export", "Sale", "Export", "Shipment", "Credit", "Cargo", "Deliver")
_DESTINATION = re.compile(r"(?<!according )(?<!due )(?<!owing )(?<!compared )(?<!up )"
                          r"\b(?:to|destined\s+for|bound\s+for)\s+(?:the\s+)?(?=[A-Z])")
_COUNTED_AT = re.compile(r"\bat\s+(?:the\s+)?(?=[A-Z])")
# A name the gazetteer lacks ("the Canary Islands", "New Orleans"): its capitalised words
_NAME_RUN = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\b(?![-(]|\s+(?:of|for)\b)")
_NOT_PLACES = frozenset("January February March April May June July August September October November "
                        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This "
                        "Reuters".split())


def deal_place(text: str, metric: str, counted: bool, mentions: Sequence[Mention], lo: int, hi: int,
               entity: Optional[str]) -> Optional[str]:
    """Where a deal goes or where a count is taken ("the sale of 13 head of dairy cattle to
    Morocco": "to Morocco"; "six grain ships loading at Portland": "at Portland"), or None. Two
    sales to two buyers, or ships counted at two ports, are different figures."""
    # most figures' clauses have no link word: checked before the metric is split
    linked = text.find(" to ", lo, hi) >= 0 or text.find(" for ", lo, hi) >= 0
    counted_at = counted and text.find(" at ", lo, hi) >= 0
    if not linked and not counted_at:
        return None
    said = metric.lower().replace(".", "").split()
    if linked and not _DEAL_WORDS.isdisjoint(said):
        # "a letter to Congressmen that ... sales worth": only a name the deal goes to
        window = text[lo:hi]
        deal = min((window.find(w) for w in _DEAL_STEMS if w in window), default=-1)
        if deal >= 0:
            return _linked_place(text, _DESTINATION, "to", mentions, lo + deal, hi, entity, said)
    if counted_at:
        return _linked_place(text, _COUNTED_AT, "at", mentions, lo, hi, entity, said)
    return None


def _linked_place(text: str, link: re.Pattern, word: str, mentions: Sequence[Mention], lo: int, hi: int,
                  entity: Optional[str], said: Sequence[str]) -> Optional[str]:
    # the first name linked only: "exports to the U.S. fell ... and those to Europe" go to the U.S.
    found = link.search(text, lo, hi)
    if found is None:
        return None
    place = _place_at(text, found.end(), hi, mentions)
    if not place or place[0] == entity or any(_names_all(p, said) for p in place):
        return None
    return f"{word} {place[0]}"


def _names_all(place: str, said: Sequence[str]) -> bool:
    return all(w in said for w in place.lower().replace(".", "").split())


def _place_at(text: str, pos: int, hi: int, mentions: Sequence[Mention]) -> Optional[tuple[str, str]]:
    """(the name at pos, as written): "exports to the U.S." may keep "U.S" in their metric."""
    for m in mentions:
        if m.start == pos:
            return None if m.anaphor or m.possessive else (m.name, text[m.start:m.end])
    run = _NAME_RUN.match(text, pos, hi)
    if run is None or run.group().split()[0] in _NOT_PLACES or text.startswith("'s", run.end()):
        return None
    name = " ".join(run.group().split())
    return name, name


_EXCLUDING = re.compile(r"\b(?:[Ee]xcluding|[Ee]xcept(?:\s+for)?)\s+(?:the\s+|its\s+)?(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
                        r"(?=\s*[,;)]|\s+(?:and|were|was|is|are|fell|rose|dropped|increased|decreased|grew)\b)")


def excluded_part(text: str, lo: int, hi: int) -> Optional[str]:
    """What a figure leaves out, when its clause says so ("Excluding defense orders, factory
    orders fell 5.2 pct"): "excluding defense orders". The total and the total less a part are
    different figures."""
    if "xcluding" not in text[lo:hi] and "xcept" not in text[lo:hi]:
        return None
    m = _EXCLUDING.search(text, lo, hi)
    return f"excluding {' '.join(m.group('what').split())}" if m else None


def _has_content(phrase: str) -> bool:
    if not phrase:
        return False
    return any(w.lower() not in _QUALIFIER_WORDS and w.lower() not in _STRIP_WORDS for w in phrase.split())


def share_base(text: str, q_end: int, sent_end: int, remove: Sequence[tuple[int, int]]) -> Optional[str]:
    """The whole a share is taken of: "30.5% of the city's GDP" -> "GDP"."""
    found = share_parts(text, q_end, sent_end, remove)
    return found[0] if found else None


_COMPLEMENT = re.compile(
    r"\s*(?:are|were|is|was|use|used|have|had|own|owned)\s+(?!based\b|located\b|headquartered\b)"
    r"(?P<np>(?:[\w-]+\s+){0,3}?[\w-]+?)(?=\s*[,.;:]|\s+(?:and|in|at|by|with|who|which|that|while|as|from|on)\b|\s*$)")
_BASED_IN = re.compile(r"\b(?:are|is|were|was)\s+(?:based|located|headquartered|registered)\s+in\s+")


def share_numerator(text: str, base_end: int, sent_end: int) -> Optional[str]:
    """What a subject share counts: "almost half of the population ... are mobile internet users"."""
    m = _COMPLEMENT.match(text, base_end, sent_end)
    return m.group("np") if m else None


def located_in(text: str, q_end: int, sent_end: int, mentions: Sequence[Mention]) -> Optional[str]:
    """"... of the Chinese companies on the list are based in Beijing" -> Beijing."""
    m = _BASED_IN.search(text, q_end, sent_end)
    if not m:
        return None
    for men in mentions:
        if men.start == m.end() and not men.anaphor:
            return men.name
    return None


def share_parts(text: str, q_end: int, sent_end: int, remove: Sequence[tuple[int, int]]) -> Optional[tuple[str, int]]:
    """(the whole a share is taken of, where that phrase ends)."""
    m = _SHARE_OF.match(text, q_end, min(sent_end, q_end + 80))
    if not m:
        return None
    lo = m.end()
    stop = _WHOLE_END.search(text[lo:min(sent_end, lo + 60)] + " ")
    hi = lo + (stop.start() if stop else min(sent_end - lo, 60))
    phrase = _content(_clean_phrase(text, lo, hi, remove))
    words = phrase.split()[-4:]
    if not words:
        return None
    # the rest of the noun phrase ("of the population of China and ASEAN") ends where a verb starts
    rest = _WHOLE_REST.match(text, hi, min(sent_end, hi + 80))
    return " ".join(words), (rest.end() if rest else hi)


_ACRONYM_AFTER = re.compile(r"[\w\s,-]{0,60}?\((?P<acr>[A-Z][A-Za-z]{1,9})\)")


def acronym_after(text: str, end: int, sent_end: int) -> Optional[str]:
    """The acronym defined right after a counted noun: "40 million micro, small and medium-sized
    enterprises (MSMEs)" -> "MSMEs"."""
    m = _ACRONYM_AFTER.match(text, end, min(sent_end, end + 80))
    if not m or _VERBISH.search(m.group(0)):
        return None
    return m.group("acr")


def counted_like(counted: str, previous: Optional[str], tables: AliasTables) -> str:
    """A counted noun that repeats part of the previous figure's metric ("base stations"
    after "51,000 5G base stations") takes that metric whole."""
    if previous:
        mine = set(metric_key(counted).split())
        theirs = set(metric_key(previous).split())
        if mine and mine <= theirs:
            return previous
    return canonical_metric(counted, tables)


_AMOUNT_STOPS = r"(?:to|from|in|at|for|on|by|with|or|of|and|was|were|is|are|has|had|which|that)\b"
_AMOUNT_WORD = r"(?!" + _AMOUNT_STOPS + r")[a-z]+(?:-[a-z]+)*"
# "of medium- and long-term debt": "medium- and long-" joins two words into one
_AMOUNT_OF = re.compile(r"\s+of\s+(?:its\s+|their\s+|the\s+)?(?P<what>" + _AMOUNT_WORD + r"(?:(?:\s+|-\s+and\s+)"
                        + _AMOUNT_WORD + r"){0,4})(?=\s*(?:[,;.:()]|$)|\s+" + _AMOUNT_STOPS + r")")
_NOT_WHAT = frozenset("which that this these those a an about around some each every all its their".split())


def amount_of(text: str, q_end: int, sent_end: int) -> Optional[str]:
    """What a sum of money is of: "68 billion dlrs of medium- and long-term debt" -> the debt."""
    m = _AMOUNT_OF.match(text, q_end, min(sent_end, q_end + 70))
    if not m:
        return None
    what = m.group("what")
    first = what.split(None, 1)[0]
    if first in _NOT_WHAT or first in _STRIP_WORDS or first in _TIME_OPENERS:
        return None
    return what


_CHANGE_IN = re.compile(r"\s+(?:rise|increase|decline|fall|drop|gain|jump|decrease|cut|reduction|advance|slide|climb"
                        r"|dip|surge|plunge)s?\s+in\s+(?:its\s+|their\s+|the\s+)?")
_CHANGE_IN_END = re.compile(r"[,;:()\"]|\.(?:\s|$)|\s(?:" + _AMOUNT_STOPS + r"|[a-z]{3,}ed\b|due|came|hit|led|reflects?"
                            r"|helped|will|would)\b")


def changed_in(text: str, q_end: int, sent_end: int, remove: Sequence[tuple[int, int]]) -> Optional[str]:
    """What a change written as a noun changed: "a 1.7 pct rise in non-durables" -> non-durables,
    "a 13.3 pct jump in non-interest expense to 471.3 mln dlrs" -> non-interest expense."""
    m = _CHANGE_IN.match(text, q_end, min(sent_end, q_end + 30))
    if not m:
        return None
    lo = m.end()
    window = text[lo:min(sent_end, lo + 60)]
    stop = _CHANGE_IN_END.search(window)
    hi = lo + (stop.start() if stop else len(window))
    words = _content(_clean_phrase(text, lo, hi, remove)).split()
    return " ".join(words[-4:]) if words else None


# "this year's five pct inflation target", "an eight pct target for M-4": the figure is the target
# the words next to it name (a bare "target" names none: a growth and an inflation target differ)
_TARGET_NAMED = re.compile(
    r"\s+(?P<what>(?:[A-Za-z][\w-]*\s+){0,3}?)targets?\b(?!\s+(?:price|prices|company|companies|zone|zones)\b)"
    r"(?:\s+for\s+(?:the\s+)?(?P<for>[A-Z][A-Z]*-?\d\w*|[A-Z]{2,}\w*|[a-z][\w-]*(?:\s+[a-z][\w-]*)?))?")
_NOT_TARGET_NAMES = frozenset("while year years month months week weeks period quarter half whole time set".split())


def target_named_after(text: str, q_end: int, sent_end: int) -> Optional[str]:
    """"five pct inflation target" -> "inflation target", "eight pct target for M-4" -> "M-4 target"."""
    if text.find("target", q_end, min(sent_end, q_end + 50)) < 0:
        return None
    m = _TARGET_NAMED.match(text, q_end, sent_end)
    if m is None:
        return None
    what = (m.group("what") or "").split()
    if any(_no_target_name(w) for w in what):
        return None                  # "2.5 billion francs below target", "11 months above target"
    named_for = (m.group("for") or "").split()
    if named_for and not any(_no_target_name(w) for w in named_for):
        what += named_for            # not "for the year", "for the whole of"
    return " ".join(what + ["target"]) if what else None


def _no_target_name(word: str) -> bool:
    low = word.lower()
    return low in _STRIP_WORDS or low in _QUALIFIER_WORDS or low in _NOT_TARGET_NAMES


def following_noun(text: str, q_end: int, sent_end: int) -> Optional[str]:
    """The noun phrase right after a count, for scanners that leave ``counted`` empty."""
    m = _FOLLOWING.match(text[q_end:min(sent_end, q_end + 60)])
    if not m:
        return None
    phrase = m.group(1)
    words = phrase.split()
    first = words[0].lower()
    if first in _STRIP_WORDS or first in _TIME_OPENERS or first in ("mln", "bln", "billion", "million", "pct", "percent"):
        return None
    return phrase
