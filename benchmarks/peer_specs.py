"""Run the quantity scanner over Microsoft Recognizers-Text's English test specs.

    python benchmarks/peer_specs.py [--specs DIR] [--failures N] [--model NAME] [-v]

DIR defaults to ../shared/peer-specs/recognizers-text next to the repository (the specs
are MIT-licensed and are not copied into this project). For each spec file it prints the
pass rate over all cases, and over the cases the spec does not mark NotSupported for
Python (those mark behaviour the reference Python implementation itself lacks, mostly
value-less mentions such as "a small percent" and range conventions; both figures are
printed so nothing is hidden).

A case passes when every expected result has a distinct extracted quantity whose span
overlaps it and whose value matches (and the unit, for currencies, percentages and
dimensions; the bounds, for ranges), and nothing else of the spec's kind was extracted
(each spec annotates only its own kind: a currency case does not list the percentage in
the same sentence, so only extra currency amounts count as spurious there; for ranges,
extra qualified or ranged quantities; for numbers, anything). NumberModel is run
with ``all_numbers=True``: it tests numeral recognition, so the years, dates and
identifiers a claim scan drops on purpose are kept there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Optional

from factlint.extract.quantities import Quantity, scan_quantities

DEFAULT_SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "peer-specs" / "recognizers-text"
FILES = ["NumberModel", "PercentModel", "CurrencyModel", "NumberRangeModel", "DimensionModel"]
TARGETS = {"PercentModel": 0.95, "CurrencyModel": 0.90, "NumberModel": 0.85, "NumberRangeModel": 0.80}

# Recognizers' unit names -> (factlint canonical unit, how many canonical units one is)
CURRENCY_UNITS = {
    "Dollar": ("USD", 1.0), "United States dollar": ("USD", 1.0), "Cent": ("USD", 0.01),
    "Pound": ("GBP", 1.0), "British pound": ("GBP", 1.0), "Pence": ("GBP", 0.01), "Penny": ("GBP", 0.01),
    "Euro": ("EUR", 1.0), "Franc": ("FRF", 1.0), "Japanese yen": ("JPY", 1.0), "Chinese yuan": ("CNY", 1.0),
    "Finnish markka": ("FIM", 1.0), "Peseta": ("ESP", 1.0), "Netherlands guilder": ("NLG", 1.0),
    "Rupee": ("INR", 1.0), "Swiss franc": ("CHF", 1.0), "Canadian dollar": ("CAD", 1.0),
    "Australian dollar": ("AUD", 1.0), "Hong Kong dollar": ("HKD", 1.0), "Mexican peso": ("MXN", 1.0),
}
DOLLARS = {"USD", "CAD", "AUD", "HKD", "NZD", "SGD", "TWD"}
DIMENSION_UNITS = {
    "Pound": ("kg", 0.45359237), "Milliliter": ("l", 0.001), "Inch": ("m", 0.0254), "Mile": ("m", 1609.344),
    "Barrel": ("l", 158.987295), "Foot": ("m", 0.3048), "Ounce": ("kg", 0.028349523), "Acre": ("m2", 4046.8564),
    "Gallon": ("l", 3.785411784), "Cubic foot": ("l", 28.316846592), "Square meter": ("m2", 1.0),
    "Ton": ("kg", 907.18474), "Metric ton": ("kg", 1000.0), "Meter": ("m", 1.0), "Kilometer": ("m", 1000.0),
    "Millimeter": ("m", 0.001), "Square kilometer": ("m2", 1e6), "Megabyte": ("byte", 1e6),
    "Kilogram": ("kg", 1.0), "Microgram": ("kg", 1e-9), "Gram": ("kg", 0.001), "Decimeter": ("m", 0.1),
    "Picometer": ("m", 1e-12), "Megabit": ("byte", 125000.0),
}


def close(a: Optional[float], b: Optional[float], tol: float = 0.0) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol + 1e-6 * max(abs(a), abs(b), 1e-12)


def overlaps(q: Quantity, start: int, end: int) -> bool:
    return q.start < end and start < q.end


def parse_range(value: str):
    m = re.match(r"^([\[(])([^,]*),([^\])]*)([\])])$", value)
    if not m:
        return None
    lo = float(m.group(2)) if m.group(2).strip() else None
    hi = float(m.group(3)) if m.group(3).strip() else None
    return lo, hi, m.group(1) == "[", m.group(4) == "]"


def matches(model: str, result: dict, q: Quantity) -> bool:
    res = result.get("Resolution") or {}
    raw = res.get("value")
    if model == "NumberRangeModel":
        rng = parse_range(raw or "")
        if rng is None:
            return False
        lo, hi, lo_inc, hi_inc = rng
        tol = q.precision
        q_low = q.low
        if lo is None and q_low == 0.0 and q.qualifier in ("under", "up_to"):
            q_low = None     # factlint closes "under N" at 0 for quantities that cannot be negative
        if not (close(q_low, lo, tol) and close(q.high, hi, tol)):
            return False
        # one-sided bounds must agree on inclusivity ("over" vs "at least")
        if hi is None and lo is not None and q.low_inclusive != lo_inc:
            return False
        if lo is None and hi is not None and q.high_inclusive != hi_inc:
            return False
        return True
    if raw is None:
        return False
    if model == "PercentModel":
        return q.unit == "percent" and close(q.value, float(raw.rstrip("%")))
    expected = float(raw)
    if model == "NumberModel":
        return close(q.value, expected) or (q.dimension == "percent" and close(q.value / 100, expected))
    if model == "CurrencyModel":
        iso = res.get("isoCurrency")
        unit, factor = CURRENCY_UNITS.get(res.get("unit", ""), (iso, 1.0))
        if iso and iso != unit and res.get("unit") not in CURRENCY_UNITS:
            unit = iso
        if unit is None:
            return False
        ok_unit = q.unit == unit or (res.get("unit") == "Dollar" and q.unit in DOLLARS)
        return q.dimension == "currency" and ok_unit and close(q.value, expected * factor)
    if model == "DimensionModel":
        unit, factor = DIMENSION_UNITS.get(res.get("unit", ""), (None, 1.0))
        return unit is not None and q.unit == unit and close(q.value, expected * factor, 1e-3 * abs(expected * factor))
    return False


def run_case(model: str, case: dict) -> bool:
    text = case["Input"]
    found = scan_quantities(text, all_numbers=(model == "NumberModel"))
    used: set[int] = set()
    for result in case.get("Results", []):
        start, end = result["Start"], result["End"] + 1
        hit = None
        for i, q in enumerate(found):
            if i not in used and overlaps(q, start, end) and matches(model, result, q):
                hit = i
                break
        if hit is None:
            return False
        used.add(hit)
    spans = [(r["Start"], r["End"] + 1) for r in case.get("Results", [])]
    for i, q in enumerate(found):
        if i not in used and in_domain(model, q) and not any(overlaps(q, s, e) for s, e in spans):
            return False
    return True


def in_domain(model: str, q: Quantity) -> bool:
    """Whether an extra quantity is spurious for this spec: each spec annotates only its
    own kind (a CurrencyModel case does not list the percentage in the same sentence)."""
    if model == "PercentModel":
        return q.dimension == "percent"
    if model == "CurrencyModel":
        return q.dimension == "currency"
    if model == "NumberRangeModel":
        return q.qualifier is not None
    if model == "DimensionModel":
        return q.dimension not in ("count", "percent", "pp", "currency", "rank")
    return True


def python_unsupported(case: dict) -> bool:
    return "python" in (case.get("NotSupported") or "").lower() \
        or "python" in (case.get("NotSupportedByDesign") or "").lower()


def _explain(model: str, case: dict) -> None:
    """Expected results against the extracted quantities, for reading failures."""
    for r in case.get("Results", []):
        res = r.get("Resolution") or {}
        extra = " ".join(f"{k}={res[k]}" for k in ("unit", "isoCurrency") if res.get(k))
        print(f"        want {r['Text']!r} [{r['Start']}:{r['End'] + 1}] value={res.get('value')} {extra}".rstrip())
    for q in scan_quantities(case["Input"], all_numbers=(model == "NumberModel")):
        print(f"        got  {q.text!r} [{q.start}:{q.end}] value={q.value:g} unit={q.unit}"
              + (f" qualifier={q.qualifier} low={q.low} high={q.high}" if q.qualifier else ""))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    parser.add_argument("--failures", type=int, default=0, help="print up to N failing inputs per file")
    parser.add_argument("--model", action="append", choices=FILES,
                        help="only this spec file (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="with --failures: print each failure's expected results and what was extracted")
    args = parser.parse_args(argv)
    if not args.specs.is_dir():
        print(f"peer specs not found at {args.specs}; pass --specs DIR "
              "(the Recognizers-Text English spec folder)", file=sys.stderr)
        return 2
    status = 0
    print(f"{'spec':<18} {'all cases':>16} {'python-supported':>18}  target")
    for name in args.model or FILES:
        path = args.specs / f"{name}.json"
        if not path.is_file():
            print(f"{name:<18} missing", file=sys.stderr)
            continue
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        passed = supported = supported_passed = 0
        failures = []
        for case in cases:
            ok = run_case(name, case)
            passed += ok
            if not python_unsupported(case):
                supported += 1
                supported_passed += ok
            if not ok:
                failures.append(case)
        rate = passed / len(cases) if cases else 0.0
        srate = supported_passed / supported if supported else 0.0
        target = TARGETS.get(name)
        mark = "" if target is None else f"{target:.0%} {'ok' if max(rate, srate) >= target else 'MISSED'}"
        print(f"{name:<18} {passed:>4}/{len(cases):<4} {rate:6.1%} {supported_passed:>5}/{supported:<4} "
              f"{srate:6.1%}  {mark}")
        for case in failures[:args.failures]:
            tag = "" if python_unsupported(case) else "  [python-supported]"
            print(f"    FAIL {case['Input'][:110]!r}{tag}")
            if args.verbose:
                _explain(name, case)
    return status


if __name__ == "__main__":
    sys.exit(main())
