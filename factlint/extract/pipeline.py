"""Turn one document into claims: scan quantities, then bind each to its context.

Per document: quantities (and rank mentions) are found in the whole text, then
only the paragraphs that hold one are split into sentences; for each such sentence
the periods, the attribution and the entity mentions are read once and shared by
its quantities. Claims are built without validation (the extractor is the hot loop
of a run over an archive).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from factlint.extract import attribution as attr
from factlint.extract.classify import TARGET_WORDS, classify, find_ranks, forecast_after, is_target, rate_span
from factlint.extract.entities import (DocEntities, Mention, _clean_phrase, _content, acronym_after, amount_of,
                                       bind_entity, changed_in, counted_like, deal_place, doc_entities,
                                       excluded_part, find_mentions, following_noun, is_predicate, located_in,
                                       may_name_unit, share_numerator, share_parts, subject_phrase,
                                       target_named_after, title_company, trade_partner, word_run_spans)
from factlint.extract.periods import (PeriodMatch, Slot, _period, assign_periods, carryable, find_periods,
                                      implied_period, market_snapshot, prior_period, running_lead, running_periods,
                                      sentence_words, RUNNING_WORDS)
from factlint.extract.quantities import Quantity, scan_quantities
from factlint.extract.sentences import clean, paragraph_spans, split_sentences
from factlint.extract.tables import RESULTS_LABEL, is_figure_row, is_footnote, is_results_line
from factlint.models import Claim, Document, Period, trusted
from factlint.normalize.aliases import AliasTables, canonical_entity, canonical_metric, load_aliases

_COMPARED = re.compile(r"(?:\bfrom|\bvs\.?|\bversus|\bagainst|\bcompared\s+(?:with|to)|\bup\s+from|\bdown\s+from)"
                       r"\s+(?:an?\s+|the\s+)?"
                       # "from December's 1.5 pct", "against last year's 4.2 billion"
                       r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december"
                       r"|last\s+year|last\s+month|last\s+week|the\s+previous\s+(?:year|month|week|quarter))(?:'s|’s)\s+)?"
                       r"(?:(?:net\s+)?(?P<result>profit|loss|income|earnings)\s+(?:of\s+)?)?$",
                       re.IGNORECASE)
# "a loss of 140.8 mln dlrs, compared with a profit of 682.4 mln": the compared figure's own result
_RESULT_FLIP = {"profit": "net income", "income": "net income", "earnings": "net income", "loss": "net loss"}
_VS = re.compile(r"\b(?:vs\.?|versus)\s+(?:an?\s+|the\s+)?(?:profit\s+|loss\s+)?$", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"\b(?:YEAR|FY)\s+(?:NET|LOSS|PROFIT|EARNINGS|RESULTS|OPER)\b")
_RESULTS_HEADING = re.compile(
    r"\s*(?:(?:4th|fourth|3rd|third|2nd|second|1st|first)\s+(?:qtr|quarter)|qtr|quarter|year|full\s+year|(?:three|six"
    r"|nine|twelve|3|6|9|12)\s+(?:mths|months)|(?:first|second|1st|2nd)\s+half|half[-\s]year|fiscal\s+\d{4})\s*$",
    re.IGNORECASE)
_ENDED_HEADING = re.compile(r"\s*(?:(?P<unit>[A-Za-z0-9]+(?:\s+[A-Za-z]+)?)\s+)?(?:ended|ends|ending)\s+(?P<rest>\S.*)$",
                            re.IGNORECASE)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}
_MONTHS_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:months?|mths?)\b")
_QUARTER_WORDS = re.compile(r"\b(?:quarter|qtr)s?\b")
_HALF_WORDS = re.compile(r"\b(?:half|half-year)\b")
_YEAR_WORDS = re.compile(r"\b(?:year|fiscal)\b")
_CAPTION = re.compile(r"\bPhoto(?:\s+by|:)|\.(?:mp4|mov|jpg|jpeg|png|gif|webm)\b|^\W*$", re.IGNORECASE)
_MEDIA_EXTENSIONS = (".mp4", ".mov", ".jpg", ".jpeg", ".png", ".gif", ".webm")
_RANK_TABLE = re.compile(r"[^,;.]{0,40}?\b(?:in|for|on|of)\s+(?:the\s+)?(?P<what>[^,;.]+)")
_RANK_SCOPE = re.compile(r"^(?:world|globe|country|nation|region|Asia|China|list|ranking)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:]\s")
_METRIC_ANAPHORS = frozenset("sector industry figure total it they this field segment business market".split())
_INHERITED = "\x00"     # marks a metric taken from the figure before it in the sentence
# How far back an antecedent ("the city") and forward or back a paragraph's attribution
# are looked for, in sentences: news paragraphs are short, and a bound keeps a pathological
# one-paragraph megabyte linear.
_CONTEXT_SENTENCES = 4
_SOURCE_REACH = 6
# Counted nouns that say how something is counted, not what: the subject says what.
_GENERIC_COUNTED = frozenset(
    "people persons units tonnes tons tonne ton barrels barrel bpd ounces ounce shares share dlrs dollars yuan "
    "ringgit rupiah baht pesos peso marks francs yen pounds lire bushels acres hectares kilometres kilometers km "
    "miles cents pct times head".split())
# A "metric" of nothing but these words says what a figure is compared with or when, not what
# it measures ("off", "month earlier", "previous month", "higher", "off per day"), or that it was
# revised ("previously reported as"), or how far from the figure compared with it stands ("5.9 pct
# above 1985's 67 mln tons", "slightly up on January's 456 mln")
_EMPTY_METRIC_WORDS = frozenset(
    "month months year years week weeks day days earlier ago previous prior before after off up down higher "
    "lower from against compared versus vs same period last this next a an the by to of at in on was were is "
    "are per it its they them their those these which that previously originally initially first reported "
    "revised as above below over under beyond within since than slightly much far double".split())


def _says_nothing(metric: Optional[str]) -> bool:
    return bool(metric) and _EMPTY_METRIC_WORDS.issuperset((metric or "").lower().split())


_AND = re.compile(r"[^,;.]{0,40}?(?:,\s*|\s+)and\s+|\s*,\s*")
# The basis a sentence states for its figures, when it is not the one figures of the name
# usually have: money of the day (not real, inflation-adjusted terms), figures not seasonally
# adjusted. Such a figure measures something else than the same name written plainly.
# (A customs-cleared trade balance is no such basis: rules/aliases.yaml makes it the trade
# balance, which monthly trade figures usually are.)
_BASES = (
    ("nominal", frozenset({"current", "nominal", "money"}),
     re.compile(r"\b(?:(?:at|in|on\s+an?)\s+current[-\s]prices?(?:\s+basis)?|in\s+(?:nominal|money|current)\s+terms"
                r"|nominal\s+(?:terms|basis))\b")),
    ("unadjusted", frozenset({"unadjusted", "non-seasonally", "not", "non"}),
     re.compile(r"\b(?:(?:non-?|not\s+)seasonally[-\s]adjusted|unadjusted)\b")),
)


def _stated_basis(low: str, words: set) -> Optional[str]:
    """The basis the lower-cased sentence states for its figures (see _BASES), if any."""
    for name, hints, pattern in _BASES:
        if not hints.isdisjoint(words) and pattern.search(low):
            return name
    return None


_TICKER = re.compile(r"\s*<[^<>]{1,14}>")
_ITS_AFTER = re.compile(r"\s+(?:that\s+)?(?:its|their)\b")
_NAME_JOINERS = frozenset({"and", "of", "&", "de", "du", "von"})
# capitalised sources that are no name ("Officials said their ...", "Analysts said its ...")
_NOT_SPEAKER_NAMES = frozenset("officials official analysts analyst sources source traders dealers bankers economists "
                               "industry company government he she they it we".split())
_QUANTITY_VERBS = frozenset("exceed exceeds exceeding topped tops surpassed reached hit hits totalled totaled".split())
_TITLE_SMALL_WORDS = frozenset("AND OF THE FOR TO IN ON AT BY A AN OR AS UP".split())
_KEEP_CASE = re.compile(r"<[^>]*>|[A-Z]{1,3}")
_LEAD_ADVERB = re.compile(r"\s+(?:then|also|later|first|briefly)\s*$")
_FIELDS = frozenset(Claim.model_fields)


def _construct(values: dict) -> Claim:
    """``Claim.model_construct`` without its per-call field loop (values must name every field)."""
    return trusted(Claim, values, set(_FIELDS))


@dataclass(slots=True)
class _Sent:
    start: int
    end: int
    periods: list[PeriodMatch]
    attribution: Optional[attr.Attribution]
    mentions: Optional[list[Mention]]      # None until first asked for
    items: list[int] = field(default_factory=list)   # indexes into the quantity list
    default: Optional[Period] = None
    sources: list = field(default_factory=list)      # (Attribution, resolved source) in order


def _is_caption(text: str, a: int, b: int) -> bool:
    """A photo credit or a media file name, or a first paragraph with no words."""
    seg = text[a:b]
    if a and seg.isascii():
        # the regex needs one of these in any letter case
        low = seg.lower()
        if "photo" not in low and not any(ext in low for ext in _MEDIA_EXTENSIONS):
            return False
    return bool(_CAPTION.search(text, a, b))


def _may_compare(lead: str) -> bool:
    """False when _VS and _COMPARED cannot match in ``lead``: ASCII text without any of the
    words they need (most leads hold none)."""
    if not lead.isascii():
        return True
    low = lead.lower()
    return "vs" in low or "from" in low or "versus" in low or "against" in low or "compared" in low


def _compared(lead: str) -> tuple[bool, bool]:
    """(vs, compared) for the words before a figure: "vs 1.46 dlrs", "from 5.0 pct"."""
    if not _may_compare(lead):
        return False, False
    vs = bool(_VS.search(lead))
    return vs, vs or bool(_COMPARED.search(lead))


def _compared_result(metric: str, lead: str) -> str:
    """The metric of a compared figure: its partner's, unless the words before it name the other
    side of a result ("a loss of 140.8 mln dlrs, compared with a profit of 682.4 mln")."""
    if metric not in ("net income", "net loss") or not _may_compare(lead):
        return metric
    m = _COMPARED.search(lead)
    named = m.group("result") if m else None
    return _RESULT_FLIP[named.lower()] if named else metric


def _rank_quantities(text: str, quantities: list[Quantity]) -> list[Quantity]:
    if not ("rank" in text or "among the top" in text or "placed" in text or "placing" in text):
        return quantities
    ranks = find_ranks(text, 0, len(text))
    if not ranks:
        return quantities
    def overlaps(q, r) -> bool:
        return r.start <= q.start < r.end or q.start <= r.start < q.end

    # The scanner's own ranks win; a plain number inside one of ours ("top five") gives way.
    ranks = [r for r in ranks if not any(q.unit == "rank" and overlaps(q, r) for q in quantities)]
    if not ranks:
        return quantities
    out = [q for q in quantities if not any(overlaps(q, r) for r in ranks)]
    for r in ranks:
        out.append(Quantity(start=r.start, end=r.end, text=r.text, value=r.value, unit="rank", dimension="rank",
                            low=r.low, high=r.high, qualifier="up_to" if r.high != r.low else None,
                            number_start=r.start, number_end=r.end))
    out.sort(key=lambda q: (q.start, q.end))
    if len(out) != len(quantities) or any(q.equivalent_of is not None for q in quantities):
        # equivalent_of indexes the scanner's list: remap them onto the merged list
        index = {id(q): i for i, q in enumerate(out)}
        for q in out:
            if q.equivalent_of is not None:
                target = quantities[q.equivalent_of]
                q.equivalent_of = index.get(id(target))
    return out


_CAPITAL_AFTER = re.compile(r"[ \t\n]+[A-Z]")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w&.-]*[ \t\n]+$")


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-&"


class _LazyContext:
    """The mentions of a paragraph's sentences before sentence ``idx``, found only if asked for."""

    __slots__ = ("extractor", "sents", "idx", "value")

    def __init__(self, extractor: "_DocExtractor", sents: list[_Sent], idx: int):
        self.extractor, self.sents, self.idx, self.value = extractor, sents, idx, None

    def __call__(self) -> list[Mention]:
        if self.value is None:
            out: list[Mention] = []
            for sent in self.sents[max(0, self.idx - _CONTEXT_SENTENCES):self.idx]:
                out.extend(m for m in self.extractor._mentions(sent)
                           if not any(a.start <= m.start < a.end for a, _ in sent.sources))
            self.value = out
        return self.value


def _title_case(title: Optional[str]) -> Optional[str]:
    if title and title.isupper():
        return " ".join(w if _KEEP_CASE.fullmatch(w) and w not in _TITLE_SMALL_WORDS else w.capitalize()
                        for w in title.split())
    return title


def _lead_in_source(text: str, start: int, end: int) -> Optional[str]:
    """The speaker of a hand-over paragraph ("Professor Zhang Hui ... walked the audience through")."""
    if not attr.is_lead_in(text, start, end):
        return None
    found = attr.find_attribution(text, start, end)
    if found is not None and found.kind == "explicit":
        return found.source
    m = attr._LEAD_IN_VERB.search(text, start, end)
    if m is None:
        return None
    subject = text[start:m.start()].split(",")[0]
    subject = _LEAD_ADVERB.sub("", subject.strip())
    words = subject.split()
    if not words or len(words) > 10 or not words[0][:1].isupper():
        return None
    return " ".join(words)


class _DocExtractor:
    def __init__(self, doc: Document, tables: AliasTables):
        self.doc = doc
        self.text = doc.text
        self.tables = tables
        self.date = doc.date
        self.implied = implied_period(doc.date)
        self._title_periods: Optional[list[PeriodMatch]] = None
        self.paras = paragraph_spans(self.text)
        self._attr_cache: dict[int, list[list[attr.Attribution]]] = {}
        self.last_metric: Optional[str] = None
        self._words_cache: dict[int, tuple[str, set]] = {}
        self._label_cache: dict[str, str] = {}
        self.offsets = doc.offsets
        self.path = doc.path
        self.line_starts: Optional[list[int]] = None
        self._sent_cache: dict[int, list[tuple[int, int]]] = {}
        self._entities: Optional[DocEntities] = None
        self._company: Optional[str] = None
        self._company_re: Optional[re.Pattern] = None     # only for text that is not ASCII
        self._company_low: Optional[str] = None
        self._company_words: list[str] = []
        self._lead_has_unit: Optional[bool] = None    # whether the lead may name a unit (cheap check)
        self._fiscal_section = False      # a results table's section dated by an "ended" heading

    # ---------------------------------------------------------------- document level

    def _get_entities(self) -> DocEntities:
        return self.entities

    @property
    def entities(self) -> DocEntities:
        """The document's main entities, found the first time a claim needs them."""
        if self._entities is None:
            self._entities = self._doc_entities()
        return self._entities

    def _doc_entities(self) -> DocEntities:
        lead = self.text[self.paras[0][0]:self.paras[0][1]][:300] if self.paras else ""
        fm = self.doc.front_matter or {}
        extra: list[str] = []
        places = fm.get("places")
        if isinstance(places, list):
            extra += [str(p) for p in places[:2]]
        found = doc_entities(_title_case(self.doc.title), lead, extra, self.tables)
        # A headline ticker names the story's company: it outranks a dateline country
        # and the fragments ("Corp", "Enterprises") the title words give on their own.
        company = self.company
        if company:
            found.main = company
            found.by_type["company"] = company
        return found

    def _as_main(self, entity: str) -> str:
        """"Paralax Video Enterprises" in a story headlined "PARALAX <VIDO> ...": the headline's company."""
        main = self.company
        if main and (entity.startswith(main + " ") or main.startswith(entity + " ")) and " and " not in entity:
            return main
        return entity

    @property
    def company(self) -> Optional[str]:
        if self._company is None:
            lead = self.text[self.paras[0][0]:self.paras[0][1]][:400] if self.paras else ""
            self._company = title_company(self.doc.title, self.tables, lead) or ""
        return self._company

    def sentences(self, p: int) -> list[tuple[int, int]]:
        got = self._sent_cache.get(p)
        if got is None:
            a, b = self.paras[p]
            got = split_sentences(self.text, a, b)
            self._sent_cache[p] = got
        return got

    def attributions(self, p: int) -> list[list[attr.Attribution]]:
        """Per sentence of paragraph ``p``: its speaker (if it opens with one) and attributions."""
        got = self._attr_cache.get(p)
        if got is None:
            got = []
            for s, e in self.sentences(p):
                words = self.words(s, e)[1]
                found = attr.find_attributions(self.text, s, e, words)
                speaker = attr.find_speaker(self.text, s, e, words)
                if speaker is not None and not any(a.start <= speaker.start < a.end for a in found):
                    found.insert(0, speaker)
                got.append(found)
            self._attr_cache[p] = got
        return got

    def words(self, s: int, e: int) -> tuple[str, set]:
        got = self._words_cache.get(s)
        if got is None:
            got = self._words_cache[s] = sentence_words(self.text, s, e)
        return got

    def _earlier_attributions(self, p: int) -> list[attr.Attribution]:
        out: list[attr.Attribution] = []
        for q in range(max(0, p - 3), p):
            for found in self.attributions(q):
                out.extend(a for a in found if a.kind in ("explicit", "speaker"))
        return out

    def _lead_in(self, p: int) -> Optional[str]:
        q = p - 1
        while q >= 0 and q >= p - 3:
            a, b = self.paras[q]
            if self.text[b - 1] not in ".!?:\"”’" or _is_caption(self.text, a, b):
                q -= 1
                continue
            return _lead_in_source(self.text, a, b)
        return None

    # ---------------------------------------------------------------- per paragraph

    def run(self) -> list[Claim]:
        text = self.text
        quantities = _rank_quantities(text, scan_quantities(text))
        if not quantities:
            return []
        para_starts = [a for a, _ in self.paras]
        by_para: dict[int, list[int]] = {}
        for i, q in enumerate(quantities):
            p = bisect.bisect_right(para_starts, q.start) - 1
            if p < 0 or q.start >= self.paras[p][1]:
                continue
            by_para.setdefault(p, []).append(i)
        claims: dict[int, Claim] = {}
        results = {p for p in by_para if self._is_results_line(p)}
        section: Optional[Period] = self._title_period() if results else None
        for p in range(len(self.paras)):
            a, b = self.paras[p]
            if results and b - a < 30 and _RESULTS_HEADING.match(text, a, b):
                months = _heading_months(text[a:b].lower())
                headline = self._title_period()
                if months and section is not None and section.end is not None and not section.point \
                        and self._fiscal_section:
                    # "Year" after "Quarter ended Feb 28": the fiscal year to that date
                    section = _months_to(section.end, months, " ".join(text[a:b].split()))
                elif months and months > 3 and headline is not None and not headline.point \
                        and _span_months(headline) in (3, 6):
                    # "12 mths" in a "3RD QTR NET" story: the twelve months to the quarter's end
                    section = _months_to(headline.end, months, " ".join(text[a:b].split()))
                else:
                    section = self._heading_period(a, b) or section
                continue
            if results and b - a < 45 and p not in results:
                ended = self._ended_heading(a, b)
                if ended is not None:
                    section = ended
                    self._fiscal_section = True
                    continue
            items = by_para.get(p)
            if not items:
                continue
            if p in results:
                # a results line whose reporting period neither the headline nor a heading
                # gives has none: the publication date says nothing of the quarter it reports
                self._results_line(p, items, quantities, claims, section)
            else:
                self._paragraph(p, items, quantities, claims, None)
        for i, q in enumerate(quantities):
            c = claims.get(i)
            if c is not None and q.equivalent_of is not None:
                primary = claims.get(q.equivalent_of)
                if primary is not None:
                    c.equivalent_of = primary.id
                    for name in ("kind", "entity", "metric", "period", "source"):
                        c.__dict__[name] = primary.__dict__[name]
        return [claims[i] for i in sorted(claims)]

    def _results_line(self, p: int, items: list[int], quantities: list[Quantity], claims: dict[int, Claim],
                      period: Optional[Period]) -> None:
        """A newswire results line ("Shr 1.19 dlrs vs 1.46 dlrs"): the company of the story,
        the line's label as metric, the section's period, and the year-ago period after "vs"."""
        text = self.text
        a, b = self.paras[p]
        m = RESULTS_LABEL.match(text, a, b)
        label = m.group("label") if m else ""
        metric = self._label_cache.get(label)
        if metric is None:
            metric = self._label_cache[label] = canonical_metric(label, self.tables) if label else ""
        entities = self.entities
        # A results table is a company's: with no company named, a place known only from
        # the dateline or the place list (the 'usa' of every US earnings story) is no owner.
        entity = entities.by_type.get("company") or (entities.main if entities.main in entities.written else None)
        if entity is not None and metric in self.tables.company_metrics and self.tables.is_place(entity):
            entity = None            # a country's "Net 12.3 mln vs 10.1 mln" is some company's
        sentence = clean(text[a:b])
        prior = None
        prev_end = a
        loss_metric = None
        for i in items:
            q = quantities[i]
            lo = max(prev_end, q.start - 12)
            if _may_compare(text[lo:q.start]) and _VS.search(text, lo, q.start):
                prior = prior or (prior_period(period) if period is not None else None)
                this = prior
            else:
                this = period
            prev_end = q.end
            mine = metric
            # "Net loss 836,327 vs profit 34,926": a loss is its own metric, not a negative profit
            if text[max(a, q.start - 5):q.start].lower().endswith("loss "):
                if loss_metric is None:
                    loss_metric = canonical_metric(f"{label} loss", self.tables)
                mine = loss_metric
            claims[i] = self._claim(q, sentence, "level", entity, mine or None, this, None)

    def _is_results_line(self, p: int) -> bool:
        a, b = self.paras[p]
        return is_results_line(self.text, a, b)

    def _title_period(self) -> Optional[Period]:
        if self._title_periods is None:
            title = _title_case(self.doc.title)
            self._title_periods = find_periods(title, 0, len(title), self.date) if title else []
        for pm in self._title_periods:
            if pm.period is not None and pm.kind != "target":
                return pm.period
        # "PAGURIAN CORP LTD YEAR NET": the fiscal year just reported
        if self.doc.title and self.date is not None and _TITLE_YEAR.search(self.doc.title):
            year = self.date.year - 1
            return _period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text="year",
                           point=False, resolved=True, implied=False)
        return None

    def _ended_heading(self, a: int, b: int) -> Optional[Period]:
        """A results table's "Quarter ended Feb 28", "Periods ended February 28", "ended January 31":
        the span of the section's length (from the heading, else the headline) to that date."""
        m = _ENDED_HEADING.match(self.text, a, b)
        if m is None:
            return None
        found = [pm for pm in find_periods(self.text, m.start("rest"), b, self.date)
                 if pm.period is not None and pm.period.end is not None]
        if not found:
            return None
        last = found[-1].period.end
        unit = (m.group("unit") or "").lower()
        months = _heading_months(unit) or _heading_months((self.doc.title or "").lower())
        if not months:
            base = self._title_period()
            if base is not None and base.start is not None and base.end is not None and not base.point:
                months = (base.end.year - base.start.year) * 12 + base.end.month - base.start.month + 1
        label = " ".join(self.text[a:b].split())
        if not months:
            return _period(start=last, end=last, text=label, point=True, resolved=True, implied=False)
        return _months_to(last, months, label)

    def _heading_period(self, a: int, b: int) -> Optional[Period]:
        word = self.text[a:b].strip().lower()
        if word in ("year", "full year"):
            base = self._title_period()
            year = None
            if base is not None and base.end is not None:
                year = base.end.year
            elif self.date is not None:
                year = self.date.year - 1
            if year is None:
                return None
            return _period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=word,
                           point=False, resolved=True, implied=False)
        if word in ("qtr", "quarter"):
            return self._title_period()
        found = find_periods(self.text, a, b, self.date)
        return found[0].period if found and found[0].period is not None else None

    def _paragraph(self, p: int, items: list[int], quantities: list[Quantity], claims: dict[int, Claim],
                   section: Optional[Period]) -> None:
        text = self.text
        spans = self.sentences(p)
        per_sent = self.attributions(p)
        flat = [a for found in per_sent for a in found]
        # only pronouns and anaphors ("he said", "the bureau said") look at earlier paragraphs
        needs_history = any(a.kind in ("pronoun", "anaphor") for a in flat)
        resolved = attr.resolve_sources(flat, self._earlier_attributions(p) if needs_history else ())
        source_of = {id(a): src for a, src in zip(flat, resolved)}
        starts = [s for s, _ in spans]
        sents: list[_Sent] = []
        for (s, e), found in zip(spans, per_sent):
            sent = _Sent(s, e, find_periods(text, s, e, self.date, self.words(s, e)), None, None)
            sent.sources = [(a, source_of[id(a)]) for a in found if a.kind != "speaker"]
            sents.append(sent)
        for i in items:
            k = max(0, bisect.bisect_right(starts, quantities[i].start) - 1)
            sents[k].items.append(i)
        # drop quantities whose number is part of a time expression ("the first three quarters",
        # "first quarter 1986 sales of 549,950": 1986 is no count of sales)
        for sent in sents:
            if sent.periods:
                sent.items = [i for i in sent.items
                              if not any(pm.start <= quantities[i].number_start and quantities[i].number_end <= pm.end
                                         for pm in sent.periods)]
        carried: Optional[Period] = section
        lead_source: Optional[str] = None
        lead_checked = False
        for idx, sent in enumerate(sents):
            own = [pm for pm in sent.periods if carryable(pm, text, sent.start)]
            sent.default = carried or self.implied
            if own:
                # the sentence's leading period (its main clause's), not one of a compared figure
                carried = own[0].period if section is None else section
            if not sent.items:
                continue
            self._mentions(sent)
            fallback = None
            if not any(src for _, src in sent.sources):
                fallback = self._earlier_source(idx, sents)
                if fallback is None:
                    if not lead_checked:
                        lead_source, lead_checked = self._lead_in(p), True
                    fallback = lead_source
                if fallback is None:
                    fallback = self._later_source(idx, sents)
            context = _LazyContext(self, sents, idx)
            self._sentence(sent, quantities, claims, fallback, context, section is not None)

    def _mentions(self, sent: _Sent) -> list[Mention]:
        if sent.mentions is None:
            sent.mentions = find_mentions(self.text, sent.start, sent.end, self.tables)
            if self.company:
                self._company_mentions(sent)
            self._speaker_mentions(sent)
            self._unit_mentions(sent)
        return sent.mentions

    def _unit_mentions(self, sent: _Sent) -> None:
        """"Allied-Signal said Neptune produces ...": the unit the lead named ("its Neptune
        International unit"), called by the first word of its name, is a mention of it."""
        if self._lead_has_unit is None:
            lead = self.text[self.paras[0][0]:self.paras[0][1]][:300] if self.paras else ""
            self._lead_has_unit = may_name_unit(lead)
        unit = self.entities.by_type.get("unit") if self._lead_has_unit else None
        if not unit:
            return
        word = unit.split()[0]
        text = self.text
        pos = text.find(word, sent.start, sent.end)
        while pos != -1:
            stop = pos + len(unit) if text.startswith(unit, pos) else pos + len(word)
            poss = text.startswith(("'s", "’s"), stop)
            # the word alone, not the start or end of another name ("Western Gear", "Southern Pacific")
            alone = stop == pos + len(unit) or not (_CAPITAL_AFTER.match(text, stop, sent.end) or
                                                    _CAPITAL_BEFORE.search(text, max(sent.start, pos - 30), pos))
            if alone and (pos == 0 or not _is_name_char(text[pos - 1])) and \
                    (stop >= len(text) or not _is_name_char(text[stop])) and \
                    not any(m.start < stop and pos < m.end for m in sent.mentions):
                mention = Mention(pos, stop + (2 if poss else 0), unit, "company", poss)
                sent.mentions = sorted(sent.mentions + [mention], key=lambda m: m.start)
            pos = text.find(word, stop, sent.end)

    def _speaker_mentions(self, sent: _Sent) -> None:
        """"Ford said its car sales rose": a named speaker is what its "its" points back to,
        also when the gazetteer does not know the name. "Labatt earlier reported profits ...":
        the story's company speaking by a short name reports its own figures."""
        for a, src in sent.sources:
            if a.kind != "explicit" or not src:
                continue
            words = src.split()
            if len(words) > 5 or not all(w[:1].isupper() or w in _NAME_JOINERS for w in words) \
                    or words[0].lower() in _NOT_SPEAKER_NAMES or "'s" in src or "’s" in src:
                continue
            start = self.text.find(src, a.start, a.end)
            if start == -1 or any(m.start < start + len(src) and start < m.end for m in sent.mentions):
                continue             # a name the gazetteer found already
            # last: the story's company is worked out only for a speaker that may be it
            story = self._story_company_named(src)
            if story is None and not _ITS_AFTER.match(self.text, a.end, sent.end):
                continue
            bare = _TICKER.sub("", src).strip()
            name = canonical_entity(bare, self.tables) or bare
            company = self.company
            main = company or self.entities.main
            if story is not None:
                name = story
            elif company and sent.start < self.paras[0][1]:
                name = company       # the lead's "General Public Utilities Corp said its" is the headline's GPU
            elif main and name.split()[0].lower() == main.split()[0].lower():
                name = main          # "Sarlen and Associates Inc said its" in a story on Sarlen
            sent.mentions = sorted(sent.mentions + [Mention(start, start + len(src), name, "company", False)],
                                   key=lambda m: m.start)

    def _story_company_named(self, src: str) -> Optional[str]:
        """The story's company when a speaker's name is it or a run of its words ("Labatt" for
        John Labatt)."""
        story = self.company or self.entities.by_type.get("company")
        if not story or not src[:1].isupper():
            return None
        mine = _TICKER.sub("", src).lower().split()
        theirs = story.lower().split()
        if mine and any(theirs[i:i + len(mine)] == mine for i in range(len(theirs) - len(mine) + 1)):
            return story
        return None

    def _company_mentions(self, sent: _Sent) -> None:
        """The headline company written out in the sentence ("9.9 pct of American Savings") is a
        mention of it, whatever the gazetteer makes of its words."""
        for a, b in self._company_spans(sent.start, sent.end):
            poss = self.text.startswith(("'s", "’s"), b)
            kept = [x for x in sent.mentions if x.end <= a or x.start >= b + (2 if poss else 0)]
            if len(kept) != len(sent.mentions) and any(x.start < a or x.end > b + 2 for x in sent.mentions
                                                       if x not in kept):
                continue             # part of a longer name ("American Savings and Loan Association")
            kept.append(Mention(a, b + (2 if poss else 0), self.company, "company", poss))
            kept.sort(key=lambda x: x.start)
            sent.mentions = kept

    def _company_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        if self._company_low is None:
            ascii_text = self.text.isascii() and self.company.isascii()
            self._company_low = self.text.lower() if ascii_text else ""
            self._company_words = self.company.lower().split()
            if not ascii_text:
                words = self.company.split()
                self._company_re = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])",
                                              re.IGNORECASE)
        if self._company_re is not None:
            return [m.span() for m in self._company_re.finditer(self.text, start, end)]
        return word_run_spans(self.text, self._company_low, self._company_words, start, end)

    @staticmethod
    def _earlier_source(idx: int, sents: list[_Sent]) -> Optional[str]:
        """The paragraph's attribution stated before this sentence, which its later
        sentences go on reporting."""
        for j in range(idx - 1, max(-1, idx - 1 - _SOURCE_REACH), -1):
            for _, src in reversed(sents[j].sources):
                if src:
                    return src
        return None

    @staticmethod
    def _later_source(idx: int, sents: list[_Sent]) -> Optional[str]:
        for j in range(idx + 1, min(len(sents), idx + 1 + _SOURCE_REACH)):
            for _, src in sents[j].sources:
                if src:
                    return src
        return None

    # ---------------------------------------------------------------- per sentence

    def _sentence(self, sent: _Sent, quantities: list[Quantity], claims: dict[int, Claim],
                  fallback_source: Optional[str], context: "_LazyContext", results: bool) -> None:
        text = self.text
        items = sent.items
        slots = []
        prev_end = sent.start
        for i in items:
            q = quantities[i]
            lead = text[max(prev_end, q.start - 30):q.start]
            vs, compared = _compared(lead)
            # "against 2.31 billion in January and 2.57 billion in February": the list goes on
            if not compared and slots and slots[-1].compared and _AND.fullmatch(text, prev_end, q.start):
                compared = True
            slots.append(Slot(q.start, q.end, compared, vs))
            prev_end = q.end
        periods = assign_periods(slots, sent.periods, sent.default or self.implied, sent.end, text)
        skip = [(a.start, a.end) for a, _ in sent.sources]
        remove = [(m.start, m.end) for m in sent.mentions] + [(pm.start, pm.end) for pm in sent.periods] + \
                 [(quantities[i].start, quantities[i].end) for i in items] + skip
        sentence_text = clean(text[sent.start:sent.end])
        results_label = None
        if results:
            m = RESULTS_LABEL.match(text, sent.start, sent.end)
            results_label = canonical_metric(m.group("label"), self.tables) if m else None
        prev_metric: Optional[str] = None
        prev_full: Optional[str] = None
        prev_kind: Optional[str] = None
        prev_entity: Optional[str] = None
        # (kind, metric, entity) of the latest figure of each (dimension, rate or not): a compared
        # figure's partner ("244.4 mln dlrs, or 1.78 dlrs a share, compared with 219.7 mln dlrs":
        # the 219.7 is the 244.4's year-ago figure, not the per-share one's)
        partners: dict[tuple, tuple] = {}
        prev_q_end = sent.start
        target_period = next((pm.period for pm in sent.periods if pm.kind == "target"), None)
        low, words = self.words(sent.start, sent.end)
        based = "based in" in low or "located in" in low or "headquartered in" in low or "registered in" in low
        rate_end = -1
        snapshot: Optional[bool] = None
        may_run = not RUNNING_WORDS.isdisjoint(words)
        for_season = running_periods(sent.periods, text, sent.start, words, self.date) if may_run else set()
        ran = False         # the latest uncompared figure was a running total
        may_target = not TARGET_WORDS.isdisjoint(words)     # else no figure of the sentence is a target
        basis = _stated_basis(low, words)
        # Only a headline company renames an entity (_as_main); with one, it is also the
        # document's main entity, so the main entities are not computed just for this.
        company = self.company
        # "Apr 149.00 149.00 149.25 ...": which column a figure stands in is not known;
        # "1986 net includes a gain of 26 cts": which item of the results is not either
        figure_row = not results and ((len(items) >= 4 and is_figure_row(sentence_text)) or is_footnote(sentence_text))
        for n, i in enumerate(items):
            q = quantities[i]
            if q.start < rate_end:
                continue
            period = periods[n]
            if period is self.implied and period.resolved:
                if snapshot is None:
                    snapshot = market_snapshot(low)
                if snapshot:
                    period = None        # a market's figure of the moment: the hour is not known
            if may_run:
                period, ran = self._running(q, slots[n].compared, period, ran, for_season, sent)
            source = self._source_for(q.start, sent) or fallback_source
            if q.equivalent_of is not None and q.equivalent_of in claims:
                claims[i] = self._claim(q, sentence_text, "level", None, None, period, source)
                continue
            rate = (q.rate_base, q.rate_unit) if q.rate_base is not None else None
            if rate is None and q.dimension not in ("rank", "percent", "pp"):
                found = rate_span(text, q.end, sent.end)
                if found is not None:
                    rate = found[:2]
                    rate_end = found[2]          # "for every 10,000 people" is no claim of its own
            key = (q.dimension, rate is not None)
            # what a compared figure takes its kind, entity and metric from
            ref_kind, ref_metric, ref_entity = partners.get(key) or (prev_kind, prev_metric, prev_entity)
            future = bool(period is not None and period.resolved and period.start is not None
                          and self.date is not None and period.start > self.date and not period.implied)
            target = future or (may_target and (is_target(text, sent.start, q.start, False, words)
                                                or forecast_after(text, q.start, q.end, sent.end,
                                                                  q.dimension == "count" and q.qualifier is None)))
            kind = classify(text, sent.start, sent.end, q.start, q.end, q.dimension, rate is not None, target, words)
            if slots[n].compared and ref_kind is not None:
                kind = ref_kind
            if kind == "target" and target_period is not None:
                period = target_period       # "announced in November ... by 2025": the goal's date
            # entity
            located = None
            if results:
                entity = self.entities.by_type.get("company") or self.entities.main
            else:
                if q.dimension == "percent" and based:
                    located = located_in(text, q.end, sent.end, sent.mentions)
                if slots[n].compared and ref_entity is not None and \
                        not any(prev_q_end <= m.start < q.start for m in sent.mentions):
                    # "declined to 2,978 units from 3,808": the earlier figure of the same subject
                    entity = ref_entity
                else:
                    entity = located or bind_entity(q.start, q.end, sent.mentions, text, sent.end, skip, context,
                                                    self._get_entities, rank=q.dimension == "rank",
                                                    carried=prev_entity)
            # metric
            clause_lo = max([b for a, b in skip if b <= q.start], default=sent.start) if skip else sent.start
            changed = changed_in(text, q.end, sent.end, remove) if text.startswith(" ", q.end) else None
            named_target = None if results_label else target_named_after(text, q.end, sent.end)
            if results_label:
                metric = results_label
            elif named_target:
                metric = canonical_metric(named_target, self.tables)
            elif changed:
                metric = canonical_metric(changed, self.tables)
            elif slots[n].compared and ref_metric:
                metric = _compared_result(ref_metric, text[max(sent.start, q.start - 30):q.start])
            else:
                metric = self._metric(q, sent, clause_lo, remove, prev_metric)
                if metric and metric.startswith(_INHERITED):
                    metric = metric[1:]
                    # "41.5 percent of GDP, up 1.7 percentage points": the change of the share
                    if kind == "change" and prev_kind == "share" and prev_full:
                        metric = prev_full
            base_metric = metric
            if kind == "share" or (kind == "target" and q.dimension == "percent"):
                parts = share_parts(text, q.end, sent.end, remove)
                if parts is not None:
                    whole, whole_end = parts
                    if metric is None:
                        numerator = share_numerator(text, whole_end, sent.end)
                        metric = canonical_metric(f"{numerator or ''} share of {whole}", self.tables)
                    elif " share of " not in metric:
                        metric = canonical_metric(f"{metric} share of {whole}", self.tables)
            if kind == "rate" and rate is not None and metric is not None:
                base = rate[0]
                base_text = "" if base == 1 else (f"{base:,.0f} " if base == int(base) else f"{base:g} ")
                metric = f"{metric} per {base_text}{rate[1]}".strip()
            if entity is not None and company:
                entity = self._as_main(entity)
            if metric and kind != "share":
                clause_hi = _CLAUSE_END.search(text, q.end, sent.end)
                hi = clause_hi.start() if clause_hi else sent.end
                partner = trade_partner(text, metric, sent.mentions, clause_lo, hi, entity)
                if partner is None and not _says_nothing(metric):
                    partner = deal_place(text, metric, q.dimension == "count", sent.mentions, clause_lo, hi,
                                         entity)
                if partner:
                    metric = f"{metric} {partner}"
                left_out = excluded_part(text, sent.start, q.start)
                if left_out and left_out not in metric:
                    metric = f"{metric} {left_out}"
            if _says_nothing(metric):
                metric = base_metric = None
            if metric and basis and basis not in metric:
                metric = f"{basis} {metric}"
            if figure_row:
                metric = None
            elif entity is not None and metric in self.tables.company_metrics and self.tables.is_place(entity):
                entity = None        # "Air Canada ... net profit", "a Dutch bank's net": not the country's
            claim = self._claim(q, sentence_text, kind, entity, metric, period, source)
            if rate is not None and q.rate_base is None:
                claim.__dict__["rate_base"], claim.__dict__["rate_unit"] = rate[0], rate[1] or None
            claims[i] = claim
            prev_q_end = q.end
            if not slots[n].compared and not named_target:
                # a target named ("its five pct inflation target") is no measure the next figure shares
                prev_entity = entity
                prev_metric = base_metric or metric or prev_metric
                prev_full = metric or prev_full
                prev_kind = kind if kind != "target" else prev_kind
                partners[key] = (prev_kind, base_metric or metric, entity)
                self.last_metric = base_metric or metric or self.last_metric

    def _running(self, q: Quantity, compared: bool, period: Optional[Period], ran: bool, for_season: set[int],
                 sent: _Sent) -> tuple[Optional[Period], bool]:
        """A running total's period: the publication day (see periods.RUNNING_WORDS)."""
        written = {id(pm.period) for pm in sent.periods}
        if compared:
            # "to 469.0 mln dlrs from 466.0 mln": the level of some earlier day, not known;
            # "from 1.3 billion in 1986" says its own
            return (None if ran and id(period) not in written else period), ran
        if q.dimension != "currency" and id(period) in for_season:
            return self.implied, True
        if running_lead(self.text, sent.start, q.start, period, self.date):
            return self.implied, True
        return period, False

    @staticmethod
    def _source_for(pos: int, sent: _Sent) -> Optional[str]:
        """The sentence's attribution nearest before the figure, else its first one after it."""
        best = None
        for a, src in sent.sources:
            if src is None:
                continue
            if a.start <= pos:
                best = src
            elif best is None:
                return src
        return best

    def _metric(self, q: Quantity, sent: _Sent, clause_lo: int, remove: Sequence[tuple[int, int]],
                prev_metric: Optional[str]) -> Optional[str]:
        text = self.text
        if q.counted and q.counted.lower() not in _GENERIC_COUNTED:
            acronym = acronym_after(text, q.end, sent.end)
            if acronym:
                return canonical_metric(acronym, self.tables)
            return counted_like(q.counted, prev_metric, self.tables)
        if q.dimension == "rank":
            # "ranking second in the world" ranks the figure before it; "first in the information
            # society index" names its own table
            m = _RANK_TABLE.match(text, q.end, sent.end)
            if m:
                cleaned = _content(_clean_phrase(text, m.start("what"), m.end("what"), remove))
                if cleaned and not _RANK_SCOPE.match(cleaned):
                    return canonical_metric(cleaned, self.tables)
            return prev_metric
        if q.dimension == "currency":
            # "suspended interest payments on 68 billion dlrs of medium- and long-term debt"; not
            # what a modal clause plans ("will sell tomorrow 500 billion yen of financing bills")
            what = amount_of(text, q.end, sent.end)
            if what and not is_predicate(text[max(clause_lo, sent.start):q.start]):
                return canonical_metric(what, self.tables)
        first = q.text.split(None, 1)[0].lower() if q.text else ""
        verb_in_q = first.endswith("ed") or first in _QUANTITY_VERBS
        phrase, participle = subject_phrase(text, max(clause_lo, sent.start), q.start, remove, verb_in_q)
        if participle:
            if prev_metric:
                return _INHERITED + prev_metric
            phrase = ""
        if not phrase and q.counted:
            return counted_like(q.counted, prev_metric, self.tables)
        if not phrase and not prev_metric:
            noun = following_noun(text, q.end, sent.end)
            if noun:
                return counted_like(noun, prev_metric, self.tables)
        if not phrase:
            return _INHERITED + prev_metric if prev_metric else None
        metric = canonical_metric(phrase, self.tables)
        if _says_nothing(metric):
            # "off 1.8 pct", "from a month earlier to 57.4": what is compared, not what is measured
            return _INHERITED + prev_metric if prev_metric else None
        if metric in _METRIC_ANAPHORS:
            # "The sector accounted for 41.5 percent": the sector last written about
            return prev_metric or self.last_metric or metric
        return metric or prev_metric

    def _line_starts(self) -> list[int]:
        starts = self.line_starts
        if starts is None:
            starts = self.line_starts = self.doc._line_starts()
        return starts

    def _claim(self, q: Quantity, sentence: str, kind: str, entity: Optional[str], metric: Optional[str],
               period: Optional[Period], source: Optional[str]) -> Claim:
        # (raw offset, 1-based line and column) of the first and last character, as Document.position
        last = max(q.end - 1, q.start)
        if self.offsets is None:
            raw_start, raw_last = q.start, last
        else:
            raw_start, raw_last = self.doc.raw_offset(q.start), self.doc.raw_offset(last)
        starts = self.line_starts or self._line_starts()
        line = bisect.bisect_right(starts, raw_start)
        # most quantities end on the line they start on
        if starts[line - 1] <= raw_last and (line == len(starts) or raw_last < starts[line]):
            end_line = line
        else:
            end_line = bisect.bisect_right(starts, raw_last)
        col = raw_start - starts[line - 1] + 1
        end_col = raw_last - starts[end_line - 1] + 1
        return _construct({
            "id": f"{self.path}:{raw_start}", "path": self.path, "line": line, "column": col,
            "end_line": end_line, "end_column": end_col + 1, "offset": raw_start,
            "end_offset": raw_last + 1, "text": q.text, "sentence": sentence, "value": q.value,
            "unit": q.unit, "dimension": q.dimension, "low": q.low, "high": q.high,
            "low_inclusive": q.low_inclusive, "high_inclusive": q.high_inclusive, "qualifier": q.qualifier,
            "kind": kind, "entity": entity, "metric": metric or None, "period": period, "source": source,
            "equivalent_of": None, "rate_base": q.rate_base, "rate_unit": q.rate_unit, "counted": q.counted,
            "verified_by": None,
        })


def _heading_months(words: str) -> Optional[int]:
    """The length in months a results heading or headline names ("quarter", "nine mths", "two months")."""
    m = _MONTHS_WORDS.search(words)
    if m:
        n = m.group(1)
        return int(n) if n.isdigit() else _COUNT_WORDS.get(n)
    if _QUARTER_WORDS.search(words):
        return 3
    if _HALF_WORDS.search(words):
        return 6
    if _YEAR_WORDS.search(words):
        return 12
    return None


def _span_months(period: Period) -> Optional[int]:
    """How many whole calendar months a span covers (None when it is no run of whole months)."""
    start, end = period.start, period.end
    if start is None or end is None or start.day != 1 or end != _month_end(end):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _months_to(last: dt.date, months: int, label: str) -> Period:
    """The ``months`` months ending on ``last`` (whole calendar months when it is a month's end)."""
    if last == _month_end(last):
        index = last.year * 12 + last.month - months
        start = dt.date(index // 12, index % 12 + 1, 1)
    else:
        start = _shift_months(last, -months) + dt.timedelta(days=1)
    return _period(start=start, end=last, text=label, point=False, resolved=True, implied=False)


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    first = dt.date(index // 12, index % 12 + 1, 1)
    return min(first.replace(day=min(day.day, 28)) if day.day > 28 else first.replace(day=day.day), _month_end(first))


def _same(a: Period, b: Period) -> bool:
    return a.start == b.start and a.end == b.end


def extract_claims(doc: Document, aliases: Optional[AliasTables] = None) -> list[Claim]:
    """The claims of one document, in text order."""
    return _DocExtractor(doc, aliases or load_aliases()).run()


def extract_text(text: str, path: str = "<text>", date: Optional[dt.date] = None,
                 format: str = "text", aliases: Optional[AliasTables] = None) -> list[Claim]:
    """Extract claims from a string, as if it were a file's content."""
    from factlint.ingest import document_from_text

    return extract_claims(document_from_text(text, path=path, format=format, date=date), aliases)
