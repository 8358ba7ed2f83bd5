"""Keys and similarity for entities and metrics, through the alias tables when present.

The alias module (``factlint.normalize.aliases``) maps names written differently
to one canonical form; this module wraps it with a plain fallback so that the
comparison stage works on its own too.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz

_WORD = re.compile(r"[\w%$€£¥]+", re.UNICODE)
# Words that carry no meaning for matching metrics ("share of the GDP" = "share GDP").
_STOPWORDS = frozenset("a an the of in on at for to and by its their city's country's".split())


def plain_key(text: str) -> str:
    words = [w for w in _WORD.findall(text.casefold().replace("’", "'")) if w not in _STOPWORDS]
    return " ".join(words)


def _plain_entity(name: str) -> str:
    key = " ".join(_WORD.findall(name.casefold().replace("’", "'")))
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=65536)
def _plain_similarity(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b)


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
        self._entity_cache: dict[str, str] = {}
        self._metric_cache: dict[str, str] = {}

    def entity(self, name: Optional[str]) -> Optional[str]:
        if not name:
            return None
        key = self._entity_cache.get(name)
        if key is None:
            canonical = name
            if self._aliases is not None:
                canonical = self._aliases.canonical_entity(name, self._tables) or name
            key = _plain_entity(canonical)
            self._entity_cache[name] = key
        return key or None

    def metric(self, text: Optional[str]) -> Optional[str]:
        if not text:
            return None
        key = self._metric_cache.get(text)
        if key is None:
            canonical = text
            if self._aliases is not None:
                canonical = self._aliases.canonical_metric(text, self._tables) or text
            key = plain_key(canonical)
            self._metric_cache[text] = key
        return key or None

    def similarity(self, a: str, b: str) -> float:
        """Similarity of two metric keys (already canonical) on a 0..100 scale."""
        if a == b:
            return 100.0
        if self._aliases is not None:
            return float(self._aliases.metric_similarity(a, b))
        return _plain_similarity(a, b)

    def scorer(self):
        """A rapidfuzz-compatible scorer for batch matching inside a block."""
        if self._aliases is not None:
            sim = self._aliases.metric_similarity
            return lambda a, b, **_: float(sim(a, b))
        return fuzz.token_sort_ratio
