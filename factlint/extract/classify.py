"""What kind of figure a quantity is: level, share, change, rate, rank or target.

Decided from the words right around the quantity ("accounting for 30.5% of",
"increased by over 80 percent year on year", "per 10,000 people") and from the
clause before it ("aims to", "plans to"); only short windows are searched, so
classifying costs a few regex matches per quantity. Rank claims ("ranking second
in the world", "among the top five") are found here too, since the quantity
scanner leaves ordinals alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_CHANGE_AFTER = re.compile(
    r"^\s*(?:year[-\s]on[-\s]year|y/y|yoy|from\s+a\s+year|over\s+the\s+(?:previous|same|prior)|on\s+the\s+year"
    r"|increase|rise|growth|gain|jump|decline|drop|fall|decrease|surge|hike|cut|higher|lower|up\b|down\b"
    r"|more\s+than\s+(?:a|the|in|last)|less\s+than\s+(?:a|the|in|last)|annual\s+(?:increase|growth|rise))",
    re.IGNORECASE)
_SHARE_AFTER = re.compile(r"^\s*(?:of|share\s+of|stake\s+in|of\s+all)\b", re.IGNORECASE)
_SHARE_BEFORE = re.compile(
    r"\b(?:account(?:s|ed|ing)?\s+for|made\s+up|makes?\s+up|making\s+up|represent(?:s|ed|ing)?|constitut(?:e|es|ed|ing)"
    r"|compris(?:e|es|ed|ing)|took\s+up|takes?\s+up|taking\s+up|a\s+share\s+of|cover(?:s|ed|ing)?|equal\s+to"
    r"|equivalent\s+to)\s*$", re.IGNORECASE)
_SHARE_SUBJECT = re.compile(
    r"\b(?:share|proportion|percentage|ratio|penetration|(?:popularity|adoption|penetration|coverage|utili[sz]ation"
    r"|usage|ownership|literacy|employment|enrol?ment|occupancy|vaccination)\s+rate|coverage)\b", re.IGNORECASE)
_TARGET_CUE = re.compile(
    r"\b(?:aims?|aimed|aiming|plans?|planned|planning|targets?|targeted|targeting|goal|seeks?|sought|expects?|expected"
    r"|expecting|forecasts?|forecasted|projected|projects|projections?|estimated\s+to|is\s+set\s+to|are\s+set\s+to"
    r"|will|shall|pledged|pledges?|vowed|vows?|intends?|intended|hopes?|hoped|is\s+likely\s+to|are\s+likely\s+to"
    r"|strive|strives|striving|envisages?|budgeted|outlook|would|should|could|might|(?:is|are|was|were)\s+bound\s+to)\b",
    re.IGNORECASE)
_NOT_TARGET = re.compile(r"\b(?:than|as)\s+(?:had\s+been\s+|was\s+|were\s+)?(?:expected|forecast|planned|projected|hoped)\b",
                         re.IGNORECASE)
_CLAUSE_CUT = re.compile(r";|,\s+(?:while|but|whereas|although|though)\b", re.IGNORECASE)
_RATE_AFTER = re.compile(r"^\s*(?:[A-Za-z0-9-]+\s+){0,3}?(?:per|for\s+every|for\s+each|every)\s+(?P<base>\d[\d,]*|a\s+hundred|hundred|thousand|million"
                         r"|capita|head|person|inhabitant|resident)\b(?:\s+(?P<unit>[a-z]+))?", re.IGNORECASE)

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
_COUNT_WORDS = {"three": 3, "five": 5, "ten": 10, "20": 20, "twenty": 20, "fifty": 50, "hundred": 100}
_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)|No\.\s*\d{1,3}|number\s+one"
_RANK = re.compile(
    r"\b(?P<verb>rank(?:s|ed|ing)?|placed|placing|places|came|comes|coming|stood|stands|was|is|remained|remains|finished)"
    r"\s+(?:(?:[A-Z][\w’'-]*|and|the)\s+){0,4}(?P<ord>" + _ORD + r")(?:[\s-]+(?:place|position|spot))?\b"
    r"|\b(?P<among>among)\s+the\s+(?:world['’]s\s+|global\s+|country['’]s\s+|nation['’]s\s+)?"
    r"top\s+(?P<top>\d{1,3}|three|five|ten|twenty|fifty|hundred)\b")
_RANK_FOLLOW = re.compile(r"[\s-]*(?:place|position|spot|in|among|worldwide|globally|nationwide|,|\.)")
_RANK_ORD = re.compile(r"(?P<n>\d{1,3})(?:st|nd|rd|th)|No\.\s*(?P<no>\d{1,3})", re.IGNORECASE)


@dataclass(slots=True)
class RankMention:
    start: int
    end: int
    text: str
    value: float
    low: float
    high: float


def find_ranks(text: str, start: int, end: int) -> list[RankMention]:
    """Rank claims in ``text[start:end]``: "ranking second in the world", "among the top five"."""
    out: list[RankMention] = []
    for m in _RANK.finditer(text, start, end):
        if m.group("top"):
            word = m.group("top").lower()
            n = int(word) if word.isdigit() else _COUNT_WORDS.get(word, 0)
            if n <= 0:
                continue
            out.append(RankMention(m.start("among"), m.end(), text[m.start("among"):m.end()], float(n), 1.0, float(n)))
            continue
        word = m.group("ord")
        verb = m.group("verb").lower()
        if verb in ("was", "is", "came", "comes", "coming", "stood", "stands", "remained", "remains", "finished"):
            # "was second", "came first": ranks only with no object between ("was first held in ...")
            between = text[m.end("verb"):m.start("ord")].strip()
            if between or not _RANK_FOLLOW.match(text, m.end(), m.end() + 12):
                continue
        low = word.lower()
        if low in _ORDINAL_WORDS:
            n = _ORDINAL_WORDS[low]
        elif low.startswith("number"):
            n = 1
        else:
            om = _RANK_ORD.match(word)
            if not om:
                continue
            n = int(om.group("n") or om.group("no"))
        if n <= 0:
            continue
        out.append(RankMention(m.start("ord"), m.end("ord"), word, float(n), float(n), float(n)))
    return out


def rate_after(text: str, end: int, limit: int) -> Optional[tuple[float, str]]:
    """A "per 10,000 people" or "for every 10,000 people" right after a quantity: (base, unit)."""
    found = rate_span(text, end, limit)
    return found[:2] if found else None


def rate_span(text: str, end: int, limit: int) -> Optional[tuple[float, str, int]]:
    """(base, unit, offset just past the rate phrase) of a rate right after a quantity."""
    window = text[end:min(limit, end + 60)]
    if window.isascii():
        # the rate's keyword ("per", "every", "for each") must be in the window
        low = window.lower()
        if "per" not in low and "every" not in low and "each" not in low:
            return None
    m = _RATE_AFTER.match(window)
    if not m:
        return None
    base = m.group("base").lower().replace(",", "")
    value = {"a hundred": 100.0, "hundred": 100.0, "thousand": 1000.0, "million": 1e6}.get(base)
    if value is None:
        value = float(base) if base.isdigit() else 1.0
    unit = (m.group("unit") or ("people" if base in ("capita", "head", "person", "inhabitant", "resident") else "")).lower()
    return value, unit, end + m.end()


_CHANGE_VERBS = frozenset(
    "rose rise rises risen rising grew grow grows growing grown increased increase increases increasing jumped jump "
    "jumps surged surge surges climbed climbs gained gain gains fell fall falls falling fallen dropped drop drops "
    "declined decline declines decreased decrease decreases slipped slid plunged plunge plunges tumbled soared "
    "expanded expand expands shrank shrunk contracted up down higher lower cut raised raise raises lifted boosted "
    "reduced added lost widened narrowed slumped eased advanced "
    # market reports: "Inco firmed 1/8 to 21-7/8", "Siemens shed 12.50 to 716.50"
    "firmed shed improved dipped rallied rebounded retreated weakened softened plummeted".split())
_CHANGE_FILLERS = frozenset("by a an annual average estimated further some another year-on-year".split())
_CHANGE_NOUNS = frozenset(
    "increase increases rise growth gain jump decline drop fall decrease surge expansion contraction change hike "
    "cut reduction slump rebound".split())
_NOT_A_RISE = frozenset("made make makes making took take takes taking set sets setting open opened".split())
_SHARE_VERBS = frozenset(
    "represented represents representing represent constitute constitutes constituted constituting comprise "
    "comprises comprised comprising cover covers covered covering".split())
_SHARE_HINTS = ("share", "proportion", "percentage", "ratio", "penetration", "coverage", "rate")
_TARGET_HINTS = ("aim", "plan", "target", "goal", "seek", "sought", "expect", "forecast", "project", "estimated to",
                 "set to", "will", "shall", "pledg", "vow", "intend", "hope", "likely to", "striv", "envisag",
                 "budget", "outlook", "would", "should", "could", "might", "bound to")


_TARGET_REACH = 48


def _tail_words(text: str, lo: int, hi: int) -> list[str]:
    return text[lo:hi].lower().replace("’", "'").split()[-6:]


def change_before(words: list[str]) -> bool:
    """"rose", "increased by", "up", "a year-on-year increase of" right before the figure."""
    if len(words) >= 2 and words[-1] in ("of", "by", "at") and (
            words[-2] in _CHANGE_NOUNS or (words[-2] == "rate" and len(words) >= 3 and words[-3] == "growth")):
        return True
    # "a December increase in durables orders of 1.5 pct": the noun, what changed, then "of"
    if words and words[-1] == "of" and any(words[i] in _CHANGE_NOUNS and words[i + 1] == "in"
                                           for i in range(len(words) - 3)):
        return True
    w = list(words)
    while w and w[-1] in _CHANGE_FILLERS:
        w.pop()
    if not w:
        return False
    last = w[-1].strip(",;:")
    if last not in _CHANGE_VERBS:
        return False
    return not (last == "up" and len(w) >= 2 and w[-2] in _NOT_A_RISE)


def share_before(words: list[str]) -> bool:
    """"accounting for", "made up", "representing", "equal to", "a share of" right before the figure."""
    if not words:
        return False
    last = words[-1]
    prev = words[-2] if len(words) >= 2 else ""
    if last == "for":
        return prev.startswith("account")
    if last == "up":
        return prev in _NOT_A_RISE
    if last == "to":
        return prev in ("equal", "equivalent")
    if last == "of":
        return prev == "share" and len(words) >= 3 and words[-3] in ("a", "the")
    return last in _SHARE_VERBS


def clause_before(text: str, sent_start: int, q_start: int) -> int:
    """Start of the clause the quantity sits in, for target cues (after "; " or ", while")."""
    cut = text.rfind(";", sent_start, q_start) + 1 or sent_start
    comma = text.rfind(", ", cut, q_start)
    while comma != -1:
        if _CLAUSE_CUT.match(text, comma):
            return _CLAUSE_CUT.match(text, comma).end()
        comma = text.rfind(", ", cut, comma)
    return cut


TARGET_WORDS = frozenset(
    "aim aims aimed aiming plan plans planned planning target targets targeted targeting goal seek seeks sought "
    "expect expects expected expecting forecast forecasts forecasted projected projects projection projections "
    "estimated set will shall pledged pledge pledges vowed vow vows intend intends intended hope hopes hoped likely "
    "strive strives striving envisage envisages budgeted outlook would should could might bound".split())
SHARE_WORDS = frozenset("share shares proportion percentage ratio penetration coverage rate".split())


def is_target(text: str, sent_start: int, q_start: int, future_period: bool, words: Optional[set] = None) -> bool:
    """A forecast or goal: "aims to", "plans to", "expected to", "will", or a period after publication.
    ``words``: the sentence's lower-cased word set, to skip sentences with no cue at all."""
    if future_period:
        return True
    if words is not None and TARGET_WORDS.isdisjoint(words):
        return False
    # the cue must sit close before the figure, in its clause: "will be used to redeem the
    # 300 mln dlrs of 7.65 pct debentures" plans an action, it forecasts no coupon
    lo = max(clause_before(text, sent_start, q_start), q_start - _TARGET_REACH)
    window = text[lo:q_start]
    low = window.lower()
    if not any(h in low for h in _TARGET_HINTS) or "actual" in low[-14:]:
        return False
    m = None
    for m in _TARGET_CUE.finditer(window):
        pass
    if m is None:
        return False
    return not _NOT_TARGET.search(window, max(0, m.start() - 30), m.end())


# "a cut in base rates to 9-1/2 pct was bound to occur", "a deficit of some 800 mln dlrs was
# expected": the figure is what a forecast in its clause is about. A few words may come
# between ("250 mln dlrs each are planned"), but no new clause ("fell 0.7 pct and is forecast
# to", "traded at 5-15/16 pct late Friday and are expected to") nor comparison ("more than
# was expected")
_FORECAST_AFTER = re.compile(
    r"(?:\s+(?!(?:and|but|or|which|that|who|it|they|this|he|she|we|than|as)\b)[a-z][a-z'-]*){0,3}?"
    r"\s+(?:is|are|was|were|(?:has|have|had)\s+been)\s+(?:(?:now|also|still|widely|generally|originally)\s+)?"
    r"(?:expected|forecast|projected|planned|targeted|budgeted|likely\s+to|bound\s+to)\b"
    r"(?:\s+to\s+(?P<verb>[a-z]+))?")
_FORECAST_FROM_VERBS = _CHANGE_VERBS | frozenset(
    "slow ease accelerate improve shrink widen narrow recover rebound climb".split())
_FORECAST_AFTER_HINTS = ("expected", "forecast", "projected", "planned", "targeted", "budgeted", "likely", "bound")
# "the two countries are likely to", "its 900 mln dlrs debt is likely to": a known thing, no forecast
_REFERENCE_BEFORE = frozenset("the all both its their these those his her our this past last previous "
                              "original".split())


def forecast_after(text: str, q_start: int, q_end: int, sent_end: int, exact_count: bool) -> bool:
    """The figure is the subject of a forecast after it: "... to 9-1/2 pct was bound to occur".
    ``exact_count``: a count with no qualifier, which names a group more often than it forecasts
    one ("five Thai commercial banks are expected to meet"; "about 10 banks are likely to" forecasts)."""
    if exact_count:
        return False
    low = text[q_end:min(sent_end, q_end + 60)].lower()
    if not any(h in low for h in _FORECAST_AFTER_HINTS):
        return False
    m = _FORECAST_AFTER.match(low)
    if m is None or m.group("verb") in _FORECAST_FROM_VERBS:
        return False     # "growth of 5 pct is expected to slow": 5 pct is where the forecast starts
    before = text[(q_start - 12 if q_start > 12 else 0):q_start].lower().replace("’", "'").split()
    return not (before and (before[-1] in _REFERENCE_BEFORE or before[-1].endswith("'s")))


def classify(text: str, sent_start: int, sent_end: int, q_start: int, q_end: int, dimension: str,
             has_rate_base: bool, target: bool, words: Optional[set] = None) -> str:
    """The kind of the quantity at ``text[q_start:q_end]`` of one sentence."""
    if target:
        return "target"
    if dimension == "rank":
        return "rank"
    if has_rate_base:
        return "rate"
    if dimension == "pp":
        return "change"
    tail = _tail_words(text, max(sent_start, q_start - 60), q_start)
    after = text[q_end:min(sent_end, q_end + 40)]
    if change_before(tail) or _CHANGE_AFTER.match(after):
        return "change"
    if dimension == "percent":
        if _SHARE_AFTER.match(after) or share_before(tail):
            return "share"
        if words is not None and SHARE_WORDS.isdisjoint(words):
            return "level"
        lo = clause_before(text, sent_start, q_start)
        low = text[lo:q_start].lower()
        if any(h in low for h in _SHARE_HINTS) and _SHARE_SUBJECT.search(text, lo, q_start):
            return "share"
    return "level"
