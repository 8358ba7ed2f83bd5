"""Entity and metric alias tables, canonical names, and metric similarity.

The built-in tables live in ``rules/aliases.yaml``; users add files of the same
shape (config key ``aliases:``), merged over the built-in ones. Metric strings are
normalized the same way everywhere: lower case (acronyms such as "5G", "GDP" and
"MSMEs" keep theirs), plurals lemmatized, small words dropped, "added value of X"
turned head-last into "X added value"; shares keep the suffix " share of <base>"
and rates " per <N> <unit>". Canonicalizing a canonical metric returns it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz

from factlint.resources import builtin_rules_dir
from factlint.yamlio import load_model

EntityType = str
# What "the city", "the country", "the company"... in an article can resolve to.
ENTITY_TYPES = ("city", "country", "province", "region", "company", "organization")
PLACE_TYPES = frozenset(("city", "country", "province", "region"))


class AliasFile(BaseModel):
    """The shape of an alias table file."""

    model_config = ConfigDict(extra="forbid")

    entities: dict[str, list[str]] = Field(default_factory=dict)
    metrics: dict[str, list[str]] = Field(default_factory=dict)
    entity_types: dict[str, str] = Field(default_factory=dict)
    company_metrics: list[str] = Field(default_factory=list)

    @field_validator("entity_types")
    @classmethod
    def _known_types(cls, value: dict[str, str]) -> dict[str, str]:
        for name, kind in value.items():
            if kind.strip().lower() not in ENTITY_TYPES:
                raise ValueError(f"{name}: entity type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
        return value


@dataclass(eq=False)
class AliasTables:
    """Merged alias tables, ready for lookups."""

    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)   # canonical -> aliases
    entity_types: dict[str, EntityType] = field(default_factory=dict)
    metrics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    entity_lookup: dict[str, str] = field(default_factory=dict)   # casefolded name -> canonical
    metric_lookup: dict[str, str] = field(default_factory=dict)   # metric key -> canonical
    entity_names: dict[str, str] = field(default_factory=dict)    # name as written -> canonical
    entity_pattern: Optional[re.Pattern] = None                   # finds any name in running text
    name_index: dict[str, list[str]] = field(default_factory=dict)  # first two letters -> names, longest first
    company_metrics: set = field(default_factory=set)             # canonical metrics only a company reports

    def entity_type(self, canonical: Optional[str]) -> Optional[EntityType]:
        return self.entity_types.get(canonical) if canonical else None

    def is_place(self, canonical: Optional[str]) -> bool:
        return self.entity_type(canonical) in PLACE_TYPES


# ---------------------------------------------------------------- metric text

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’.-]*[A-Za-z0-9%]|[A-Za-z0-9%]")
STOPWORDS = frozenset(
    "a an the of in on at to for and or by with from as its their his her our this that these those "
    "also total some all such which who whose than into is are was were be been being has have had it between among "
    "city's country's company's nation's region's province's".split())
# Head nouns that say nothing on their own: "the number of MSMEs" is about MSMEs.
_GENERIC_HEADS = frozenset("number scale size amount volume total level figure value".split())
_NO_SINGULAR = frozenset(
    "news series species data gas bus plus yes less analysis basis crisis thesis chassis means economics "
    "statistics physics politics logistics mathematics always perhaps whereas status census canvas "
    "bonus campus virus corpus sales has was is this its".split())
_RATE_SUFFIX = re.compile(r"\s+per\s+((?:\d[\d,.]*\s+)?[A-Za-z-]+)\s*$", re.IGNORECASE)
_SHARE_SPLIT = re.compile(r"(?:^|\s+)share\s+of\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A plural noun's singular; anything else unchanged. Idempotent."""
    if len(word) <= 3:
        if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper():   # "ATMs"
            return word[:-1]
        return word
    if word[:-1].isupper() and word[-1] == "s":                           # "MSMEs", "SMEs"
        return word[:-1]
    low = word.lower()
    if low in _NO_SINGULAR or not low.isalpha() and "-" not in low:
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "'s", "’s")):
        return word[:-1]
    return word


def _is_acronym(token: str) -> bool:
    upper = sum(1 for ch in token if ch.isupper())
    return upper >= 2 or (any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token))


@lru_cache(maxsize=65536)
def _display(token: str) -> str:
    token = singular(token)
    return token if _is_acronym(token) else token.lower()


def _key_words(text: str) -> list[str]:
    words: list[str] = []
    for tok in _TOKEN.findall(text.replace("’", "'")):
        words.extend(_token_key_words(tok))
    return words


@lru_cache(maxsize=65536)
def _token_key_words(token: str) -> tuple[str, ...]:
    """The key words of one token (a hyphenated one gives each part); cached, as metric
    wordings are many but their words few."""
    words = []
    for part in token.split("-") if "-" in token and not _is_acronym(token) else (token,):
        low = singular(part).lower().strip(".")
        if low and low not in STOPWORDS:
            words.append(low)
    return tuple(words)


@lru_cache(maxsize=65536)
def metric_key(text: str) -> str:
    """Order-insensitive key of a metric wording: lower case, singular, small words dropped."""
    return " ".join(sorted(_key_words(text)))


def _phrase(text: str, tables: AliasTables) -> str:
    """Canonical form of a plain metric phrase (no share or rate suffix)."""
    found = tables.metric_lookup.get(metric_key(text))
    if found:
        return found
    # A named possessive is an owner (an entity), not what is measured; "the digital
    # economy's share" is the digital economy's.
    tokens = [t[:-2] if t.endswith("'s") and t[:1].islower() and t.lower() not in STOPWORDS else t
              for t in _TOKEN.findall(text.replace("’", "'"))]
    tokens = [t for t in tokens if not t.endswith("'s")]
    # Head-last order: "added value of core industries" -> "core industries added value".
    lowered = [t.lower() for t in tokens]
    if "of" in lowered:
        cut = lowered.index("of")
        left, right = tokens[:cut], tokens[cut + 1:]
        left = [t for t in left if t.lower() not in STOPWORDS]
        if left and right:
            if all(t.lower() in _GENERIC_HEADS for t in left):
                left = []
            tokens = right + left
    words = [_display(t) for t in tokens if t.lower() not in STOPWORDS and t.lower().strip(".")]
    if len(words) > 1 and words[-1] in _GENERIC_HEADS and words[-2] not in ("added",):
        words = words[:-1]
    phrase = " ".join(words)
    return tables.metric_lookup.get(metric_key(phrase), phrase)


def canonical_metric(text: Optional[str], tables: Optional[AliasTables] = None) -> str:
    """The canonical form of a metric wording ("" for none)."""
    if not text:
        return ""
    tables = tables or load_aliases()
    return _canonical_metric_cached(text, id(tables), tables)


@lru_cache(maxsize=65536)
def _canonical_metric_cached(text: str, _tables_id: int, tables: AliasTables) -> str:
    rate = ""
    # ASCII text without "per" or "share" (in any case) cannot match the regexes that look for them
    low = text.lower() if text.isascii() else None
    m = _RATE_SUFFIX.search(text) if low is None or "per" in low else None
    if m and any(ch.isdigit() for ch in m.group(1)) or (m and m.group(1).lower() == "capita"):
        rate = " per " + " ".join(m.group(1).split()).lower()
        text = text[:m.start()]
    parts = _SHARE_SPLIT.split(text, maxsplit=1) if low is None or "share" in low else [text]
    if len(parts) == 2:
        base = _phrase(parts[0], tables) if parts[0].strip() else ""
        denominator = _phrase(parts[1], tables)
        out = f"{base} share of {denominator}" if base else f"share of {denominator}"
    else:
        out = _phrase(text, tables)
    return (out + rate).strip()


def _similarity_words(text: str) -> str:
    return " ".join(_key_words(text))


@lru_cache(maxsize=65536)
def _similarity_cached(a: str, b: str) -> float:
    if a == b:
        return 100.0
    wa, wb = _similarity_words(a), _similarity_words(b)
    if wa == wb:
        return 100.0
    # A share and a plain figure, or figures per different bases, are different metrics.
    if (" share of " in a) != (" share of " in b) or bool(_RATE_SUFFIX.search(a)) != bool(_RATE_SUFFIX.search(b)):
        return min(50.0, float(fuzz.token_sort_ratio(wa, wb)))
    return float(fuzz.token_sort_ratio(wa, wb))


def metric_similarity(a: str, b: str, tables: Optional[AliasTables] = None) -> float:
    """How alike two metrics are, 0..100 (rapidfuzz token-sort ratio on normalized words).

    Word order, plurals and small words do not count; a word more or less does
    ("digital economy share of GDP" against "core digital economy industries added
    value share of GDP" scores about 70). With ``tables``, both are canonicalized first.
    """
    if tables is not None:
        a, b = canonical_metric(a, tables), canonical_metric(b, tables)
    return _similarity_cached(a, b)


# ---------------------------------------------------------------- entities

_LEGAL_SUFFIX = re.compile(
    r"(?:[\s,]+(?:Inc|Incorporated|Corp|Corporation|Co|Cos|Company|Ltd|Limited|Plc|PLC|LLC|L\.P|LP|AG|SA|S\.A|NV|N\.V"
    r"|SpA|BV|KK|Bhd|Pty|Pte|Group\s+Inc)\.?)+$", re.IGNORECASE)
_TICKER = re.compile(r"\s*<[^>]*>\s*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def _tidy_name(name: str) -> str:
    if "<" in name:
        name = _TICKER.sub(" ", name)
    name = " ".join(name.split()).strip(" ,.;:\"'“”")
    name = _POSSESSIVE.sub("", name)
    return _LEADING_THE.sub("", name)


def canonical_entity(name: Optional[str], tables: Optional[AliasTables] = None) -> str:
    """The canonical name of an entity ("Shenzhen's" -> "Shenzhen", "PRC" -> "China",
    "NIPPON LIGHT METAL CO LTD <NLGT.T>" -> "Nippon Light Metal"); "" for none."""
    if not name:
        return ""
    tables = tables or load_aliases()
    return _canonical_entity_cached(name, id(tables), tables)


# "Wells Fargo and Co", "W.R. Grace & Co.", "Merrill Lynch and Co Inc": the "and Co" is part of
# the legal form
_AND_CO = re.compile(r"\s+(?:and|&)\s+(?:Co|Cos|Company)\b\.?(?:,?\s+(?:Inc|Incorporated|Ltd|Limited|Plc|LLC)\b\.?)?"
                     r"(?:'s|’s)?$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _canonical_entity_cached(name: str, _tables_id: int, tables: AliasTables) -> str:
    tidy = _AND_CO.sub("", _tidy_name(name))
    if " and " in tidy:
        parts = [canonical_entity(p, tables) for p in tidy.split(" and ")]
        if all(parts):
            return " and ".join(parts)
    found = tables.entity_lookup.get(tidy.casefold()) or tables.entity_lookup.get(tidy.casefold() + ".")
    if found:
        return found
    bare = _LEGAL_SUFFIX.sub("", tidy).strip(" ,")
    found = tables.entity_lookup.get(bare.casefold())
    if found:
        return found
    if bare.isupper() and len(bare) > 5:
        bare = " ".join(w if len(w) <= 3 and w.isalpha() and w in ("USA", "UK", "EU") else w.capitalize()
                        for w in bare.split())
    if "-" in bare and bare.islower():              # newswire place slugs: "new-zealand"
        bare = " ".join(w.capitalize() for w in bare.split("-"))
        found = tables.entity_lookup.get(bare.casefold())
        if found:
            return found
    return bare or tidy


# ---------------------------------------------------------------- loading

def _merge(tables: AliasTables, data: AliasFile) -> None:
    for canonical, names in data.entities.items():
        canonical = canonical.strip()
        tables.entities[canonical] = tuple(dict.fromkeys(tables.entities.get(canonical, ()) + tuple(names)))
        tables.entity_lookup[canonical.casefold()] = canonical
        tables.entity_names[canonical] = canonical
        for n in names:
            if n.strip():
                tables.entity_lookup[n.strip().casefold()] = canonical
                tables.entity_names[n.strip()] = canonical
    for canonical, kind in data.entity_types.items():
        tables.entity_types[canonical.strip()] = kind.strip().lower()
    tables.company_metrics.update(m.strip() for m in data.company_metrics if m.strip())
    for canonical, names in data.metrics.items():
        canonical = canonical.strip()
        tables.metrics[canonical] = tuple(dict.fromkeys(tables.metrics.get(canonical, ()) + tuple(names)))
        tables.metric_lookup[metric_key(canonical)] = canonical
        for n in names:
            if n.strip():
                tables.metric_lookup[metric_key(n)] = canonical


def _compile_names(names: Iterable[str]) -> re.Pattern:
    ordered = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    body = "|".join(re.escape(n) for n in ordered)
    # Not inside a word, not a currency prefix ("US$"), optionally possessive.
    return re.compile(r"(?<![\w$])(?:" + body + r")(?:'s|’s)?(?![\w$]|-\w)")


def load_aliases(extra_paths: Iterable = ()) -> AliasTables:
    """The built-in alias tables merged with the given files (later files win).

    Loaded once per distinct list of paths. Raises ConfigError (file:line:col) for a
    malformed user file.
    """
    return _load_aliases(tuple(str(p) for p in extra_paths))


@lru_cache(maxsize=32)
def _load_aliases(extra_paths: tuple) -> AliasTables:
    tables = AliasTables()
    paths = [builtin_rules_dir() / "aliases.yaml"] + [Path(p) for p in extra_paths]
    for path in paths:
        if path == paths[0] and not path.is_file():
            continue
        _merge(tables, load_model(path, AliasFile))
    tables.entity_pattern = _compile_names(tables.entity_names)
    index: dict[str, list[str]] = {}
    for name in sorted(tables.entity_names, key=lambda n: (-len(n), n)):
        if name[:1].isupper() or name[:1].isdigit():
            index.setdefault(name[:2], []).append(name)
    tables.name_index = index
    return tables
