"""Who a sentence's figures come from: "according to X", "X said", "data released by X
showed", "a report by X", "X shows that", quotes closed by "he said".

:func:`find_attribution` reads one sentence. Pronouns ("he said") and anaphors ("The
data also showed", "the bureau said") are marked so that :func:`resolve_sources`
can bind them to a source named earlier; a sentence with no attribution takes one
from its paragraph only when the paragraph clearly states one for the same figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

_VERBS = (r"said|says|say|told|added|noted|stated|stressed|explained|announced|reported|reports|estimated"
          r"|estimates|shows|showed|show|shown|revealed|reveals|indicated|indicates|found|finds|predicted|predicts"
          r"|projected|projects|forecast|forecasts|calculated|disclosed|confirmed|expects|expected|declared")
_DATA_NOUNS = (r"[Dd]ata|[Ff]igures|[Ss]tatistics|[Nn]umbers|[Rr]eports?|[Ss]urvey|[Ss]tudy|[Rr]esearch|[Ff]indings"
               r"|[Ww]hite\s+paper|[Cc]ensus")

_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<src>[^,;:.“”\"()]+(?:\.[A-Z][^,;:“”\"()]*)*)")
_DATA_BY = re.compile(
    r"\b(?P<lead>(?:the\s+|The\s+)?(?:latest\s+|new\s+|official\s+)?(?:" + _DATA_NOUNS + r"))\s+"
    r"(?:(?:released|published|issued|compiled|provided|made\s+public|unveiled|put\s+out)\s+)?(?:[A-Z]\w+day\s+|on\s+\w+\s+\d*\s*)?"
    r"(?:by|from)\s+(?P<src>[^,;:.“”\"()]+?)"
    r"(?=\s+(?:on|in|last|this|earlier)\s|\s+(?:" + _VERBS + r"|put|puts|placed|ranked|ranks?|rated|listed)\b|\s*[,;:.]|\s*$)")
_REPORT_BY = re.compile(
    r"\b(?:(?:an?|the|The|A|An)\s+)?(?:\d{4}\s+)?(?:[a-z]+\s+){0,2}(?:[Rr]eports?|[Ss]tudy|[Ss]urvey|analysis|paper|white\s+paper|review)"
    r"\s+(?:(?:released|published|issued|compiled)\s+)?(?:(?:on\s+)?[A-Z]\w+day\s+|on\s+\w+\s+\d+\s+)?(?:by|from)\s+(?P<src>[^,;:.“”\"()]+?)"
    r"(?=\s+(?:on|in|last|this|earlier|showed|shows|said|says|found|finds|rank|ranks|ranked|placed|put)\b|\s*[,;:.]|\s*$)")
# "a 2022 research report placed Beijing among ...": a document as the subject of a ranking verb
_REPORT_SUBJECT = re.compile(
    r"\b(?P<src>(?:an?|the|An?|The)\s+(?:\d{4}\s+)?(?:[a-z]+\s+){0,2}(?:report|study|survey|ranking|index|assessment))"
    r"\s+(?:placed|puts?|ranked|ranks?|rated|listed|named)\b")
# "X said", "X shows that": X is the clause before the verb.
_SUBJECT_VERB = re.compile(r"\b(?P<verb>" + _VERBS + r")\b(?!\s+(?:to|by)\b|\s+in\s+\d)")
# Inverted: ", said Li Wei, head of the bureau."
_VERB_SUBJECT_TAIL = r"(?:said|says|added|noted|told\s+\w+)\s+(?P<src>(?!that\b|it\b|on\b|in\b)[A-Za-z][^.;“”\"]*)"
_VERB_SUBJECT = re.compile(r"(?:[,“”\"]\s*|^)" + _VERB_SUBJECT_TAIL)
# The same past the text's first character, where "^" cannot match: opening with the quote or
# comma lets the regex engine skip ahead to one.
_VERB_SUBJECT_INSIDE = re.compile(r"[,“”\"]\s*" + _VERB_SUBJECT_TAIL)
_PRONOUN = re.compile(r"^(?:he|she|they|He|She|They|we|We|I|it|It)$")
_ANAPHOR = re.compile(
    r"^(?:the|The)\s+(?:(?:latest|same|new)\s+)?(?:data|figures|statistics|numbers|report|survey|study|bureau|ministry"
    r"|department|office|agency|administration|commission|company|firm|group|bank|sources?|officials?|official|spokesman"
    r"|academy|center|centre|university|regulator|committee|customs|paper|white\s+paper|researcher|analyst"
    r"|spokeswoman|spokesperson|government|authorities|authority|institute|association|council|minister|ambassador)$")
_LEAD_IN_VERB = re.compile(
    r"\b(?:presented|introduced|walked\s+[\w\s]{0,20}through|outlined|shared|briefed|listed|highlighted|detailed"
    r"|gave\s+an?\s+(?:overview|account|briefing)|described|reviewed|summed\s+up|went\s+through|cited)\b")
_LEAD_IN_WORDS = ("presented", "introduced", "walked", "outlined", "shared", "briefed", "listed", "highlighted",
                  "detailed", "gave", "described", "reviewed", "summed", "went", "cited")
_CLAUSE_BREAK = re.compile(r"[,;:“”\"]\s*")
_APPOSITIVE = re.compile(r",[^,]*,[\"”’']?\s*$")       # the one right before the verb
_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Attribution:
    start: int              # span of the attribution phrase in the text (offsets)
    end: int
    source: Optional[str]   # the source as written; None until resolved for pronouns/anaphors
    kind: str               # explicit, pronoun, anaphor
    head: str = ""          # last word of an anaphor ("bureau"), for resolution


def _tidy(src: str, limit: int = 12) -> str:
    src = " ".join(src.split()).strip(" ,;:-—–\"'“”’")
    # "..., and union leaders said": the conjunction opens the clause, not the source
    for conjunction in ("and ", "but ", "while ", "whereas "):
        if src.startswith(conjunction):
            src = src[len(conjunction):]
            break
    if src.startswith(("the ", "The ")):
        src = src[4:]
    words = src.split()
    if len(words) > limit:
        src = " ".join(words[:limit])
    # "Thailand's ambassador to China, Arthayudh Srisamoot" -> the title part
    if "," in src:
        first = src.split(",", 1)[0].strip()
        if len(first.split()) >= 2:
            src = first
    return src


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause that ends at ``pos`` (after the last comma, quote or semicolon)."""
    best = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, pos):
        best = m.end()
    return best


def _subject_of(text: str, lo: int, verb_start: int) -> tuple[int, str]:
    start = _clause_start(text, lo, verb_start)
    subject = text[start:verb_start].strip()
    if not subject:
        # "X, released at the summit, shows", "Zambia Consolidated Copper Mines, ZCCM, said":
        # skip one appositive back
        seg = text[lo:verb_start]
        m = _APPOSITIVE.search(seg)
        if m is not None:
            start = _clause_start(text, lo, lo + m.start())
            subject = text[start:lo + m.start()].strip()
    return start, subject


_SOURCE_NOUNS = frozenset(
    "official officials source sources analyst analysts economist economists banker bankers trader traders dealer "
    "dealers data figures statistics report reports survey study ministry bureau department office agency company "
    "firm bank government spokesman spokeswoman spokesperson minister ambassador director chairman president "
    "professor index census industry association institute commission council authority authorities executive "
    "executives expert experts researchers he she they we i paper newspaper agency statement academy center centre "
    "university regulator committee customs administration tribunal court observatory group corporation concern "
    "utility airline carrier maker automaker carmaker brewer producer exporter importer refiner insurer lender retailer "
    "prospectus filing release manager managers strategist strategists broker brokers leader leaders".split())
_DATA_VERBS = frozenset("shows showed show revealed reveals indicated indicates found finds".split())


_TRAILING_ADVERBS = re.compile(r"(?:\s+[a-z]+ly)+$")
_AUXILIARY_END = re.compile(r"\s+(?:had|have|has|would\s+have|had\s+earlier)$")
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())


def _names_a_reporter(subject: str) -> bool:
    """Whether the words before "reported"/"forecast" are someone reporting ("Acme Corp
    reported net income of", "The company earlier reported", "It reported") rather than
    a determiner of an adjective ("its reported net profit", "the added value")."""
    words = _TRAILING_ADVERBS.sub("", _ADVERBS.sub("", " ".join(subject.split()))).split()
    if not words or words[-1].lower() in _DETERMINERS or words[-1].lower() in ("is", "are", "was", "were", "be"):
        return False
    if words[0][:1].isupper() or words[0].lower() in ("it", "he", "she", "they", "we"):
        return True
    # "Earlier, the company reported a loss": a source noun after its article
    return words[0].lower() in ("the", "a") and words[-1].lower() in _SOURCE_NOUNS


@lru_cache(maxsize=16384)
def _plausible_source(subject: str, verb: str) -> bool:
    words = subject.replace("’", "'").split()
    if not words or len(words) > 14:
        return False
    low = [w.lower().strip(",.'\"") for w in words]
    if all(w in ("the", "a", "an", "this", "that", "its", "their") for w in low):
        return False
    if low[0] in ("this", "that", "which", "what", "there") and len(words) == 1:
        return False
    if low[0] == "it" and len(words) == 1:
        return verb in ("said", "says", "added", "noted", "told", "reported", "estimated", "announced", "projected",
                        "projects", "forecast", "forecasts", "predicted", "predicts", "expects", "expected", "declared")
    if any(w in _SOURCE_NOUNS or w.rstrip("s") in _SOURCE_NOUNS for w in low):
        return True
    if verb in _DATA_VERBS:
        # "The China Internet Development Report 2022 shows": a titled document
        return any(w[:1].isupper() for w in words[1:]) and any(w in ("report", "index", "survey", "paper", "study",
                                                                       "yearbook", "bulletin", "outlook", "prospectus",
                                                                       "filing", "statement") for w in low)
    return words[0][:1].isupper() or any(w[:1].isupper() for w in words[1:])


# Cheap substring tests that decide which patterns can match at all.
_DOC_HINTS = ("data", "figures", "statistic", "report", "survey", "study", "research", "finding", "paper", "census",
              "numbers", "index", "ranking", "assessment")
_VERB_HINTS = ("said", "says", "say ", "told", "added", "noted", "stated", "stress", "explain", "announc", "report",
               "estimat", "show", "reveal", "indicat", "found", "finds", "predict", "project", "forecast", "calculat",
               "disclos", "confirm", "expect", "declared")
_THAT = re.compile(r"\s+that\b")
# Whom a speaker told: part of the attribution, not of what the figure measures ("told the
# Securities and Exchange Commission it has acquired 44,600 shares")
_TOLD_WHOM = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.&'-]*(?:\s+(?:and|of|&|for)\s+|\s+)?)*[A-Z][\w.&'-]*"
                        r"|\s+(?:reporters|journalists|shareholders|analysts|investors|a\s+(?:news|press)\s+conference)\b")
_REPORTING_NEXT = re.compile(r"\s*(?:[.,;:“”\"]|$|that\b|on\s|in\s+a\b|yesterday|today|last\b)")
# "The Financial Times quoted VW chairman Carl Hahn as saying": the one quoted
_QUOTED = re.compile(r"\bquoted\s+(?P<src>(?!him\b|her\b|them\b)[^,;.“”\"]{2,80}?)\s+(?:as\s+)?say(?:ing|s)\b")
_SAID_BY = re.compile(r"\b(?:was|were|is|are)\s+said\s+by\s+(?P<src>[^,;.]+?)(?=\s+to\b|[,;.]|$)")


_VERB_WORDS = frozenset(
    "said says say told added adds noted notes stated states stressed stresses explained explains announced announces "
    "reported reports estimated estimates shows showed show revealed reveals indicated indicates found finds "
    "predicted predicts projected projects forecast forecasts calculated disclosed confirmed expects expected "
    "declared".split())
_DOC_WORDS = frozenset(
    "data figures statistics report reports survey study research findings paper census numbers index ranking "
    "assessment".split())


def find_attribution(text: str, start: int, end: int, words: Optional[set] = None) -> Optional[Attribution]:
    """The attribution stated in the sentence ``text[start:end]``, if any (``words``: the
    sentence's lower-cased word set, when the caller has it)."""
    low = text[start:end].lower()
    if words is not None:
        has_verb = not _VERB_WORDS.isdisjoint(words)
        has_doc = not _DOC_WORDS.isdisjoint(words)
        has_according = "according" in words
    else:
        has_verb = any(h in low for h in _VERB_HINTS)
        has_doc = any(h in low for h in _DOC_HINTS)
        has_according = "ccording" in low
    if not (has_verb or has_doc or has_according or "quoted" in low):
        return None
    if "quoted" in low:
        q = _QUOTED.search(text, start, end)
        if q:
            return _classify(q.group("src"), q.start(), q.end())
    m = _ACCORDING.search(text, start, end) if has_according else None
    if m:
        src = m.group("src")
        inner = _REPORT_BY.search(src) or _DATA_BY.search(src)
        if inner:
            src = inner.group("src")
        return _classify(src, m.start(), m.end())
    m = r = None
    if has_doc:
        # both need "by" or "from" (as written)
        seg = text[start:end]
        if "by" in seg or "from" in seg:
            m = _DATA_BY.search(text, start, end) or _REPORT_BY.search(text, start, end)
        r = _REPORT_SUBJECT.search(text, start, end)
    if r and (m is None or r.start() < m.start()):
        return Attribution(r.start(), r.end(), _tidy(r.group("src")), "explicit")
    if m:
        verb = _SUBJECT_VERB.search(text, m.end(), min(end, m.end() + 40))
        stop = verb.end() if verb else m.end()
        return _classify(m.group("src"), m.start(), stop)
    if not has_verb:
        return None
    m = (_VERB_SUBJECT_INSIDE if start else _VERB_SUBJECT).search(text, start, end) \
        if ("said " in low or "says " in low or "added " in low or "noted " in low or "told " in low) else None
    # "Paul Mlotok, analyst for Salomon, said oil prices rose 5 pct": what follows "said" is
    # what was said when it holds a figure; the speaker stands before
    if m and m.start() > start and not any(c.isdigit() for c in m.group("src").split(",", 1)[0]):
        src = m.group("src")
        return _classify(src, m.start(), m.end())
    for v in _SUBJECT_VERB.finditer(text, start, end):
        if v.group("verb") == "shown":
            continue
        sub_start, subject = _subject_of(text, start, v.start())
        if v.group("verb") in ("added", "reported", "found", "estimated", "projected", "forecast", "expected",
                               "declared") and \
                not _REPORTING_NEXT.match(text, v.end(), end) and not _names_a_reporter(subject):
            continue                     # "the added value", "its reported net profit of": not a source
        if _TRAILING_ADVERBS.sub("", subject.lower()).endswith((" was", " were", " is", " are", " be")):
            continue                     # "was said by officials" is handled below; "are provisionally estimated at" is passive
        if v.group("verb") == "expected" and subject.lower().endswith((" than", " as", " been")):
            continue                     # "lower than expected": no one's forecast
        subject = _AUXILIARY_END.sub("", subject)     # "Analysts had expected", "officials have said"
        if _plausible_source(subject, v.group("verb")):
            stop = v.end()
            if v.group("verb") == "told":
                whom = _TOLD_WHOM.match(text, stop, end)
                if whom:
                    stop = whom.end()
            tail = _THAT.match(text, stop, stop + 6)
            if tail:
                stop = tail.end()
            return _classify(subject, sub_start, stop)
    m = _SAID_BY.search(text, start, end) if "said by" in low else None
    if m:
        return _classify(m.group("src"), m.start(), m.end())
    return None


_ADVERBS = re.compile(r"(?:\s+(?:also|further|additionally|meanwhile|then|again|separately|however|previously"
                      r"|earlier|recently|yesterday|today|on\s+\w+day))+$")


def find_attributions(text: str, start: int, end: int, words: Optional[set] = None) -> list[Attribution]:
    """Every attribution in the sentence, in order ("Reports by X rank ..., and a report by Y placed ...")."""
    out: list[Attribution] = []
    pos = start
    while pos < end:
        found = find_attribution(text, pos, end, words if pos == start else None)
        if found is None or found.end <= pos:
            break
        out.append(found)
        pos = found.end
    out.sort(key=lambda a: a.start)
    return out


_HEADS = (r"ambassador|minister|president|chairman|chairwoman|director|professor|spokesman|spokeswoman|spokesperson"
          r"|official|secretary|governor|mayor|economist|analyst|CEO|chief\s+executive|head|founder|researcher|envoy"
          r"|consul|commissioner|chief")
_SPEAKER = re.compile(
    r"(?:[A-Z][^,.;]{0,30},\s+)?(?P<sp>(?:(?:Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Minister|President|Chairman|Ambassador"
    r"|Governor|Mayor)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
    r"|(?:(?:[A-Z][\w’'-]*|[a-z]+)\s+){0,4}(?:" + _HEADS + r")"
    r"(?:\s+(?:to|of|at|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?)\b")


_SPEAKER_WORDS = frozenset(
    "ambassador minister president chairman chairwoman director professor prof dr mr ms mrs spokesman spokeswoman "
    "spokesperson official secretary governor mayor economist analyst ceo chief executive head founder researcher "
    "envoy consul commissioner".split())


def find_speaker(text: str, start: int, end: int, words: Optional[set] = None) -> Optional[Attribution]:
    """A person named as a sentence's subject ("Thailand's ambassador to China opened the
    discussion ..."), which a later "he said" may refer to."""
    if words is not None and _SPEAKER_WORDS.isdisjoint(words):
        return None
    m = _SPEAKER.match(text, start, end)
    if not m:
        return None
    return Attribution(m.start("sp"), m.end("sp"), _tidy(m.group("sp")), "speaker")


def _classify(src: str, start: int, end: int) -> Optional[Attribution]:
    found = _classify_source(src)
    if found is None:
        return None
    source, kind, head = found
    return Attribution(start, end, source, kind, head)


@lru_cache(maxsize=16384)
def _classify_source(src: str) -> Optional[tuple[Optional[str], str, str]]:
    """(source, kind, head) of an attribution's source as written; cached, since a few
    ("he", "It", "The company") make up much of a newswire's attributions."""
    src = _ADVERBS.sub("", " ".join(src.split()))
    if not src:
        return None
    if _PRONOUN.match(src):
        return None, "pronoun", src.lower()
    if _ANAPHOR.match(src):
        return _tidy(src), "anaphor", src.split()[-1].lower()
    return _tidy(src), "explicit", ""


def is_lead_in(text: str, start: int, end: int) -> bool:
    """A paragraph that hands over to the next one: "Professor Zhang then walked the
    audience through what the city has achieved", or one ending with a colon."""
    body = text[start:end].rstrip()
    if body.endswith(":"):
        return True
    # the regex needs one of its verbs written as is; most paragraphs hold none
    return any(verb in body for verb in _LEAD_IN_WORDS) and bool(_LEAD_IN_VERB.search(text, start, end))


_PERSON_HEADS = frozenset(
    "he she they spokesman spokeswoman spokesperson minister ambassador official officials director chairman "
    "president secretary professor governor mayor analyst analysts economist economists chief head".split())


def resolve_sources(found: Sequence[Attribution], earlier: Sequence[Attribution] = ()) -> list[Optional[str]]:
    """The source of each attribution (in text order), resolving pronouns and anaphors
    against earlier ones and against speakers named before them (``earlier``: those of the
    paragraphs before, oldest first). Speakers get no source of their own (None)."""
    history: list[Attribution] = list(earlier)
    out: list[Optional[str]] = []
    for att in found:
        if att.kind == "speaker":
            history.append(att)
            out.append(None)
            continue
        source = att.source
        if att.kind == "pronoun":
            source = None
            for prev in reversed(history):
                if prev.kind in ("explicit", "speaker") and prev.source:
                    source = prev.source
                    break
        elif att.kind == "anaphor":
            for prev in reversed(history):
                if prev.kind != "explicit" or not prev.source:
                    continue
                words = prev.source.lower().split()
                if att.head in ("data", "figures", "statistics", "numbers", "findings") or \
                        (words and (words[-1] == att.head or att.head in words)):
                    source = prev.source
                    break
                if att.head in _PERSON_HEADS and words and words[-1] in _PERSON_HEADS:
                    source = prev.source
                    break
        out.append(source)
        if source is None and att.kind == "anaphor":
            source = att.source
        if source:
            history.append(Attribution(att.start, att.end, source, "explicit"))
    return out
