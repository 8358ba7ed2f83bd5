"""Monthly exchange-rate tables (rules/rates.yaml) and currency conversion.

A table gives, per currency, units of that currency per one unit of the base
currency for each "YYYY-MM". A date whose month is missing uses the nearest
earlier month, so a table that stops in October still converts a November
article, while a date before the table's first month converts to nothing
rather than to a guess.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factlint.resources import builtin_rules_dir

from factlint.yamlio import load_model, load_plain

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def month_key(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


class RateTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # a rate written "6.4" or yes is a mistake

    source: str = Field(description="who published the rates and how the monthly averages were computed")
    base: str = Field("USD", description="rates are units of currency per 1 unit of base")
    rates: dict[str, dict[str, float]] = Field(default_factory=dict)

    @field_validator("base")
    @classmethod
    def _base_is_iso(cls, value: str) -> str:
        if not _CURRENCY.match(value):
            raise ValueError("must be a three-letter ISO currency code such as USD")
        return value

    @field_validator("rates")
    @classmethod
    def _months_and_values(cls, value: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for ccy, months in value.items():
            if not _CURRENCY.match(ccy):
                raise ValueError(f"currency {ccy!r} is not a three-letter ISO code")
            for month, rate in months.items():
                if not _MONTH.match(str(month)):
                    raise ValueError(f"{ccy}: month {month!r} is not written YYYY-MM")
                if not (rate > 0 and math.isfinite(rate)):
                    raise ValueError(f"{ccy} {month}: rate must be a positive finite number (got {rate})")
        return value

    @cached_property
    def _sorted_months(self) -> dict[str, list[str]]:
        return {ccy: sorted(months) for ccy, months in self.rates.items()}

    def currencies(self) -> set[str]:
        return set(self.rates) | {self.base}

    def rate(self, currency: str, date: dt.date) -> Optional[float]:
        """Units of ``currency`` per one unit of the base in the month of ``date``."""
        if currency == self.base:
            return 1.0
        months = self._sorted_months.get(currency)
        if not months:
            return None
        key = month_key(date)
        index = bisect.bisect_right(months, key) - 1
        if index < 0:
            return None
        return self.rates[currency][months[index]]

    def average_rate(self, currency: str, start: dt.date, end: dt.date) -> Optional[float]:
        """Mean of the monthly rates from ``start``'s month to ``end``'s month (a year's figure)."""
        if currency == self.base:
            return 1.0
        values = []
        year, month = start.year, start.month
        # Bounded: spans longer than 20 years are averaged over their last 20 years.
        if (end.year - year) > 20:
            year, month = end.year - 20, 1
        while (year, month) <= (end.year, end.month):
            r = self.rate(currency, dt.date(year, month, 1))
            if r is not None:
                values.append(r)
            month += 1
            if month == 13:
                year, month = year + 1, 1
        return sum(values) / len(values) if values else None

    def convert(self, value: float, from_ccy: str, to_ccy: str, date: dt.date) -> Optional[float]:
        if from_ccy == to_ccy:
            return value
        r_from = self.rate(from_ccy, date)
        r_to = self.rate(to_ccy, date)
        if r_from is None or r_to is None:
            return None
        return value / r_from * r_to

    def cross_rate(self, from_ccy: str, to_ccy: str, start: dt.date, end: dt.date) -> Optional[float]:
        """Units of ``to_ccy`` per unit of ``from_ccy``, averaged over a period."""
        if from_ccy == to_ccy:
            return 1.0
        r_from = self.average_rate(from_ccy, start, end)
        r_to = self.average_rate(to_ccy, start, end)
        if r_from is None or r_to is None:
            return None
        return r_to / r_from


def load_rates(path: Union[str, Path]) -> RateTable:
    """Load a rate table in the rules/rates.yaml format (ConfigError with file:line:col if wrong)."""
    resolved = Path(path).resolve()
    try:
        stamp = resolved.stat().st_mtime_ns
    except OSError:
        stamp = 0  # load_model reports the missing file with its name
    return _load_rates_cached(str(resolved), stamp)


@lru_cache(maxsize=8)
def _load_rates_cached(path: str, stamp: int) -> RateTable:
    return load_model(path, RateTable)


def builtin_rates_path() -> Path:
    return builtin_rules_dir() / "rates.yaml"


def builtin_rates() -> Optional[RateTable]:
    path = builtin_rates_path()
    return _load_builtin(str(path)) if path.is_file() else None


@lru_cache(maxsize=1)
def _load_builtin(path: str) -> RateTable:
    """The shipped table, read with ruamel's plain safe parser.

    The round-trip parser that gives users' files their line numbers takes over a
    second on this 1,500-line table; the shipped file is ours and tested, so the
    safe parser (no positions, five times faster) reads it. Any problem falls back
    to the careful loader for a positioned error.
    """
    try:
        return RateTable.model_validate(load_plain(path))
    except Exception:  # noqa: BLE001 - any trouble: the careful loader reports it properly
        return load_rates(path)