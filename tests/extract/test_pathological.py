"""Inputs built to trigger catastrophic backtracking or quadratic scans.

The bounds are generous (a loaded CI machine is slow): they catch exponential or
quadratic blow-ups, not ordinary slowness. Before the digit pattern was made loose,
a megabyte of "123,456,...,1234" took minutes.
"""

from __future__ import annotations

import time

from factlint.extract.quantities import scan_quantities

SECONDS_PER_MB = 10.0


def timed(text: str) -> tuple[float, list]:
    start = time.perf_counter()
    found = scan_quantities(text)
    return time.perf_counter() - start, found


def check_spans(text, found):
    for q in found:
        assert q.text == text[q.start:q.end]


def test_megabyte_line_of_digits_and_commas():
    groups = ",".join(f"{i % 1000:03d}" for i in range(250_000))
    for text in (groups[:1_000_000], groups[:999_996] + "1234", "1," * 500_000, "9" * 1_000_000):
        elapsed, found = timed(text)
        assert elapsed < SECONDS_PER_MB, f"{elapsed:.1f}s"
        check_spans(text, found)


def test_thousands_of_nested_brackets():
    for text in ("(" * 20_000 + "US$128.8 billion" + ")" * 20_000,
                 "900 billion yuan " + "(" * 5_000 + "US$128.8 billion" + ")" * 5_000,
                 "([{" * 10_000 + "5 pct" + "}])" * 10_000):
        elapsed, found = timed(text)
        assert elapsed < 2.0, f"{elapsed:.1f}s"
        assert any(q.value == 128.8e9 or q.unit == "percent" for q in found)
        check_spans(text, found)


def test_five_megabytes_without_a_newline():
    paragraph = ("Shenzhen had 51,000 5G base stations by the end of 2021, or 28.5 per 10,000 people, "
                 "data released Wednesday by the bureau showed. The added value exceeded 900 billion yuan "
                 "(US$128.8 billion), accounting for 30.5% of GDP, while nearly one million firms, some "
                 "of them founded since 1995, benefited from the four-year programme. ")
    text = (paragraph * (5_000_000 // len(paragraph) + 1))[:5_000_000]
    elapsed, found = timed(text)
    assert elapsed < 5 * SECONDS_PER_MB, f"{elapsed:.1f}s for 5 MB"
    assert len(found) > 40_000
    check_spans(text, found[:1000] + found[-1000:])


def test_long_runs_of_near_misses():
    cases = [
        "1-2-" * 100_000,                 # dashes between digits (range candidates)
        "- " * 200_000 + "5",             # minus signs
        "one two three " * 30_000,        # number words that do not combine
        "$ " * 200_000 + "5",             # currency signs without numbers
        "more than " * 50_000 + "5",      # qualifiers
        "a1b2c3" * 50_000,                # digits glued to letters
        "x " + "\u00a0" * 300_000 + "5 pct",
    ]
    for text in cases:
        elapsed, found = timed(text)
        assert elapsed < SECONDS_PER_MB * max(1.0, len(text) / 1e6), f"{text[:12]!r}: {elapsed:.1f}s"
        check_spans(text, found)
