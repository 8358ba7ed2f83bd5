"""The unit, scale, currency and qualifier tables (``rules/units.yaml`` plus user tables).

The YAML is validated with pydantic (a bad user table fails with file:line:col) and
compiled once into lookup dicts and trie-shaped regular expressions the scanner uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factlint.resources import builtin_rules_dir
from factlint.yamlio import load_plain, load_yaml, model_from_data, shown

QualifierName = Literal["over", "at_least", "nearly", "about", "up_to", "under"]
QUALIFIERS: tuple[str, ...] = ("over", "at_least", "nearly", "about", "up_to", "under", "range")
DEFAULT_DELTA = 0.1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _non_empty(names: list[str]) -> list[str]:
    for name in names:
        if not name.strip():
            raise ValueError("names must not be empty strings")
    return names


class ScaleSpec(_Strict):
    factor: float = Field(gt=0, description="multiplier: 1e6 for million")
    names: list[str] = Field(default_factory=list, description="matched ignoring case")
    exact: list[str] = Field(default_factory=list, description="matched with their case")
    attached: bool = Field(False, description="only right after the digits: '10k'")
    currency_only: bool = Field(False, description="only when a currency is written: '$5m'")

    _check = field_validator("names", "exact")(_non_empty)


class UnitSpec(_Strict):
    unit: str = Field(min_length=1, description="canonical unit: percent, pp, byte, kg, m, ...")
    dimension: str = Field(min_length=1)
    factor: float = Field(1.0, gt=0, description="canonical units per one of these")
    names: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    per: Optional[str] = Field(None, min_length=1,
                               description="a rate written as one word: 'bpd' is barrels per 'day'")

    _check = field_validator("names", "exact")(_non_empty)


class MentionSwitch(_Strict):
    code: str = Field(min_length=3, max_length=3)
    words: list[str] = Field(min_length=1)


class CurrencySpec(_Strict):
    code: str = Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")
    factor: float = Field(1.0, gt=0, description="0.01 for cents, pence")
    before: list[str] = Field(default_factory=list, description="written before the number: 'US$', 'RMB'")
    after: list[str] = Field(default_factory=list, description="written after the number: 'yuan', 'dlrs'")
    when_text_mentions: Optional[MentionSwitch] = None

    _check = field_validator("before", "after")(_non_empty)


class QualifierSpec(_Strict):
    delta: Optional[float] = Field(None, ge=0, lt=1, description="relative width for about/nearly")
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)

    _check = field_validator("before", "after")(_non_empty)


class UnitTableFile(_Strict):
    """The shape of ``rules/units.yaml`` and of a user's extra unit table."""

    scales: list[ScaleSpec] = Field(default_factory=list)
    units: list[UnitSpec] = Field(default_factory=list)
    currencies: list[CurrencySpec] = Field(default_factory=list)
    qualifiers: dict[QualifierName, QualifierSpec] = Field(default_factory=dict)
    rate_nouns: list[str] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Scale:
    factor: float
    attached: bool = False
    currency_only: bool = False


@dataclass(frozen=True, slots=True)
class UnitDef:
    unit: str
    dimension: str
    factor: float = 1.0
    switch: Optional[tuple[str, tuple[str, ...]]] = None   # (other code, words) for "¥"
    per: Optional[str] = None    # the rate base a one-word rate implies: "bpd" -> "day"


def _trie_regex(names: Iterable[str]) -> str:
    """One regex alternative per name, shaped as a trie so a failing position is cheap.

    Longer names win (a node tries its children before ending), a name ending in a
    word character must not run on into a word, and a space matches any whitespace.
    """
    root: dict = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict, last: str) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch], ch))
        if "" in node:
            branches.append(r"(?!\w)" if (last.isalnum() or last == "_") else "")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root, "") if root else r"(?!x)x"


@dataclass(frozen=True)
class UnitTables:
    """Compiled tables; build with :func:`load_units`."""

    scales_ci: dict[str, Scale]
    scales_cs: dict[str, Scale]
    units_ci: dict[str, UnitDef]
    units_cs: dict[str, UnitDef]
    before_currency: dict[str, UnitDef]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    deltas: dict[str, float]
    rate_nouns: frozenset[str]
    scale_ci_re: re.Pattern = field(repr=False)
    scale_cs_re: re.Pattern = field(repr=False)
    unit_ci_re: re.Pattern = field(repr=False)
    unit_cs_re: re.Pattern = field(repr=False)
    before_currency_re: re.Pattern = field(repr=False)
    qualifier_before_re: re.Pattern = field(repr=False)
    qualifier_after_re: re.Pattern = field(repr=False)
    # cheap gates: the scanner runs a regex only when a neighbouring word could start one
    after_first_words: frozenset = frozenset()     # first words of scale, unit and postfix names
    before_last_words: frozenset = frozenset()     # last words of currency signs/codes written before
    qualifier_last_words: frozenset = frozenset()  # last words of qualifier phrases
    scale_first_words: frozenset = frozenset()     # first words of scale names
    unit_first_words: frozenset = frozenset()      # first words of unit and currency names after

    def delta(self, qualifier: str) -> float:
        return self.deltas.get(qualifier, DEFAULT_DELTA)


_GAP = r"[^\S\n]*\n?[^\S\n]*"      # spaces, at most one line break
# "or more", "and over" after a number qualify it, unless they begin the next figure:
# "0 and more than 10", "5 and over 10" (the second number has the qualifier).
_NOT_BEFORE_ANOTHER = r"(?!" + _GAP + r"(?:than\b|[\d$€£¥]))"


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip())


def compile_tables(files: Iterable[UnitTableFile]) -> UnitTables:
    scales_ci: dict[str, Scale] = {}
    scales_cs: dict[str, Scale] = {}
    units_ci: dict[str, UnitDef] = {}
    units_cs: dict[str, UnitDef] = {}
    before: dict[str, UnitDef] = {}
    q_before: dict[str, str] = {}
    q_after: dict[str, str] = {}
    deltas: dict[str, float] = {}
    rate_nouns: set[str] = set()
    for table in files:      # later tables override earlier ones name by name
        for s in table.scales:
            scale = Scale(s.factor, s.attached, s.currency_only)
            for n in s.names:
                scales_ci[_norm(n).lower()] = scale
            for n in s.exact:
                scales_cs[_norm(n)] = scale
        for u in table.units:
            unit = UnitDef(u.unit, u.dimension, u.factor, per=u.per)
            for n in u.names:
                units_ci[_norm(n).lower()] = unit
            for n in u.exact:
                units_cs[_norm(n)] = unit
        for c in table.currencies:
            switch = None
            if c.when_text_mentions:
                switch = (c.when_text_mentions.code, tuple(c.when_text_mentions.words))
            unit = UnitDef(c.code, "currency", c.factor, switch)
            for n in c.after:
                units_ci[_norm(n).lower()] = unit
            for n in c.before:
                before[_norm(n).lower()] = unit
        for name, q in table.qualifiers.items():
            if q.delta is not None:
                deltas[name] = q.delta
            for p in q.before:
                q_before[_norm(p).lower()] = name
            for p in q.after:
                q_after[_norm(p).lower()] = name
        rate_nouns.update(_norm(n).lower() for n in table.rate_nouns)

    def after_re(names: Iterable[str], flags: int = 0) -> re.Pattern:
        return re.compile(r"(?P<gap>" + _GAP + r")(?P<name>" + _trie_regex(names) + ")", flags)

    # Currency signs and codes written before the number, possibly with one space:
    # searched in a short window that must end where the number starts.
    before_re = re.compile(r"(?<![\w$€£¥])(?P<name>" + _trie_regex(before) + r")[ \u00a0]?$")
    # Qualifier phrases end with whitespace unless they are signs ("~30", ">10").
    q_words = [p for p in q_before if p[-1].isalnum() or p[-1] == "."]
    q_signs = [p for p in q_before if p not in q_words]
    qualifier_before_re = re.compile(
        r"(?:(?<![\w])(?P<word>" + _trie_regex(q_words) + r")\s+|(?P<sign>"
        + _trie_regex(q_signs) + r")[^\S\n]*)$")
    def first_word(name: str) -> str:
        return name.lower().split(" ")[0].rstrip(".,")

    def last_word(name: str) -> str:
        return name.lower().split(" ")[-1]

    after_first = {first_word(n) for n in list(scales_ci) + list(scales_cs) + list(units_ci) + list(units_cs)
                   + list(q_after)}
    return UnitTables(
        after_first_words=frozenset(after_first),
        scale_first_words=frozenset(first_word(n) for n in list(scales_ci) + list(scales_cs)),
        unit_first_words=frozenset(first_word(n) for n in list(units_ci) + list(units_cs)),
        before_last_words=frozenset(last_word(n) for n in before),
        qualifier_last_words=frozenset(last_word(n) for n in q_before),
        scales_ci=scales_ci, scales_cs=scales_cs, units_ci=units_ci, units_cs=units_cs,
        before_currency=before, qualifiers_before=q_before, qualifiers_after=q_after,
        deltas=deltas, rate_nouns=frozenset(rate_nouns),
        scale_ci_re=after_re(scales_ci), scale_cs_re=after_re(scales_cs),
        unit_ci_re=after_re(units_ci), unit_cs_re=after_re(units_cs),
        before_currency_re=before_re, qualifier_before_re=qualifier_before_re,
        qualifier_after_re=re.compile(after_re(q_after).pattern + _NOT_BEFORE_ANOTHER))


def read_table(path: Union[str, Path]) -> UnitTableFile:
    """Load and validate one unit table; errors carry file:line:col."""
    data, positions = load_yaml(path)
    return model_from_data(data, positions, UnitTableFile, shown(path))


def builtin_table_path() -> Path:
    return builtin_rules_dir() / "units.yaml"


@lru_cache(maxsize=1)
def _builtin_table() -> UnitTableFile:
    """The shipped table, read with ruamel's plain safe parser (no positions, about three
    times faster than the round-trip one; every process of a parallel check loads it).
    The file is ours and tested; any problem falls back to the positioned loader."""
    path = builtin_table_path()
    try:
        return UnitTableFile.model_validate(load_plain(path))
    except Exception:  # noqa: BLE001 - the careful loader reports it with file:line:col
        return read_table(path)


@lru_cache(maxsize=16)
def _load(paths: tuple[str, ...]) -> UnitTables:
    files = [_builtin_table()]
    files.extend(read_table(p) for p in paths)
    return compile_tables(files)


def load_units(extra_paths: Iterable[Union[str, Path]] = ()) -> UnitTables:
    """The built-in tables extended by the user's tables (in order; later names win). Cached."""
    return _load(tuple(str(Path(p)) for p in extra_paths))


def default_tables() -> UnitTables:
    return _load(())


# Units claims can carry besides those of the unit table: plain counts and rankings.
PLAIN_UNITS = ("count", "rank")


@lru_cache(maxsize=1)
def claim_units() -> tuple[frozenset[str], dict[str, str]]:
    """The canonical units a claim can have with the built-in table, and each way of
    writing one (``%``, ``pct``, ``yuan``) mapped to its canonical unit (for suggestions)."""
    table = _builtin_table()
    canonical = set(PLAIN_UNITS)
    written: dict[str, str] = {}
    for unit in table.units:
        canonical.add(unit.unit)
        for name in [*unit.names, *unit.exact]:
            written.setdefault(name.casefold(), unit.unit)
    for currency in table.currencies:
        canonical.add(currency.code)
        for name in [*currency.before, *currency.after]:
            written.setdefault(name.casefold(), currency.code)
    return frozenset(canonical), written


def check_claim_unit(value: str) -> str:
    """``value`` if it is a unit a claim can carry (or any three-letter ISO currency code),
    else ValueError naming the canonical unit it probably means."""
    canonical, written = claim_units()
    if value in canonical or re.fullmatch(r"[A-Z]{3}", value):
        return value
    near = written.get(value.strip().casefold()) or next((u for u in canonical if u.casefold() == value.casefold()),
                                                        None)
    hint = f"; did you mean '{near}'?" if near else ""
    shown = ", ".join(sorted(u for u in canonical if not re.fullmatch(r"[A-Z]{3}", u)))
    raise ValueError(f"{value!r} is not a unit claims are measured in{hint} (units: {shown}, "
                     "or a three-letter currency code such as USD)")
