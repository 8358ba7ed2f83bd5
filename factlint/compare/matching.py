"""Keys and similarity for entities and metrics, through the alias tables when present.

The alias module (``factlint.normalize.aliases``) maps names written differently
to one canonical form and scores metric similarity; this module wraps it, adds
the guard that numbered words must match ("5G" is not "4G"), and falls back to
plain rapidfuzz matching if the module is unavailable.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz

_WORD = re.compile(r"[\w%$€£¥]+", re.UNICODE)
_NUMBERED = re.compile(r"\w*\d\w*")
# Words that carry no meaning for matching metrics ("share of the GDP" = "share GDP").
_STOPWORDS = frozenset("a an the of in on at for to and by its their city's country's".split())


def plain_key(text: str) -> str:
    words = [w for w in _WORD.findall(text.casefold().replace("’", "'")) if w not in _STOPWORDS]
    return " ".join(words)


def _plain_entity(name: str) -> str:
    key = " ".join(_WORD.findall(name.casefold().replace("’", "'")))
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=65536)
def numbered_words(text: str) -> frozenset[str]:
    return frozenset(w.replace(",", "") for w in _NUMBERED.findall(text.casefold()))


_NEGATED = re.compile(r"\bnon[-\s]?(\w+)")


def negated_words(text: str) -> frozenset[str]:
    """The words a metric negates: "non-defense capital goods orders" -> {"defense"}."""
    return frozenset(_NEGATED.findall(text.casefold())) if "non" in text.casefold() else frozenset()


class Matcher:
    """Canonical entity and metric keys plus metric similarity (0..100)."""

    def __init__(self, alias_paths: Iterable[str] = ()):
        self._aliases = None
        self._tables = None
        try:
            aliases = importlib.import_module("factlint.normalize.aliases")  # owned by the context engineer
        except ModuleNotFoundError as exc:
            if exc.name != "factlint.normalize.aliases":
                raise
        else:
            self._aliases = aliases
            self._tables = aliases.load_aliases(tuple(str(p) for p in alias_paths))
        self._entity_cache: dict[str, Optional[str]] = {}
        self._metric_cache: dict[str, Optional[str]] = {}

    def entity(self, name: Optional[str]) -> Optional[str]:
        """A key equal for every way of writing one entity ("PRC", "China's" -> "china")."""
        if not name:
            return None
        try:
            return self._entity_cache[name]
        except KeyError:
            pass
        canonical = name
        if self._aliases is not None:
            canonical = self._aliases.canonical_entity(name, self._tables) or name
        key = _plain_entity(canonical) or None
        self._entity_cache[name] = key
        return key

    def metric(self, text: Optional[str]) -> Optional[str]:
        """The canonical metric (alias tables applied), the unit of fuzzy matching."""
        if not text:
            return None
        try:
            return self._metric_cache[text]
        except KeyError:
            pass
        if self._aliases is not None:
            key = self._aliases.canonical_metric(text, self._tables).casefold() or None
        else:
            key = plain_key(text) or None
        self._metric_cache[text] = key
        return key

    def is_specific(self, metric_key: Optional[str]) -> bool:
        """Whether a metric says enough to tie two articles' figures together: two or more
        words ("net income", "5G base stations"), or one word the alias tables know ("GDP").
        A lone "jobs", "seats" or "tax" fits too many different figures."""
        if not metric_key:
            return False
        if len(metric_key.split()) >= 2:
            return True
        return metric_key in self._known_metrics()

    def _known_metrics(self) -> frozenset[str]:
        known = getattr(self, "_known", None)
        if known is None:
            names = set(self._tables.metrics) if self._tables is not None else set()
            known = self._known = frozenset(filter(None, (self.metric(n) for n in names)))
        return known

    def similarity(self, a: str, b: str) -> float:
        """Similarity of two metric keys (already canonical) on a 0..100 scale."""
        if a == b:
            return 100.0
        # "5G base stations" and "4G base stations" are as close as strings get and
        # still different things: words carrying digits must be the same.
        if numbered_words(a) != numbered_words(b):
            return 0.0
        # "non-defense capital goods orders" is the rest of "defense capital goods orders"
        if negated_words(a) != negated_words(b):
            return 0.0
        if self._aliases is not None:
            return float(self._aliases.metric_similarity(a, b))
        return float(fuzz.token_sort_ratio(a, b))
