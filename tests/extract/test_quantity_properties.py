"""Property-based tests: whatever the text, the scanner neither crashes nor lies about spans.

Each test runs a bounded number of examples (see ``settings``) so the file stays fast;
``--hypothesis-show-statistics`` prints how many ran, and FACTLINT_EXAMPLES_SCALE
multiplies them (tests/propcheck.py) to hunt for crashes.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, example, given, settings, strategies as st

from factlint.extract.numbers import scan_numbers
from factlint.extract.quantities import MAX_MAGNITUDE, scan_quantities

from tests.propcheck import examples

FAST = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise every branch: digits, separators, signs, currency marks, brackets,
# units, scales, qualifiers, number words, ranges and dates.
PIECES = st.sampled_from([
    "0", "1", "5", "9", "12", "155", "2021", "1e308", "1e309", "9" * 500, "1" * 30, ",", ".", ",000",
    " ", "  ", "\n", "\u00a0", "\u202f", "-", "\u2013", "\u2212", "+", "*", "/", ":", "%", "$", "US$", "HK$",
    "\u00a5", "\u20ac", "\u00a3", "(", ")", "[", "]", "{", "}", "((", "))", " yuan", " dlrs", " cts", " pct",
    " percent", " per cent", " percentage points", "ZB", " GB", " mln", " billion", "bn", "m", "k", " tn",
    "more than ", "nearly ", "about ", "up to ", "under ", "at least ", " or more", "between ", " and ",
    " to ", "one", "ten", "twenty-five", "half", "a third", " hundred", " million", "point", "minus ",
    " per ", " a tonne", " stations", "5G", "COVID-19", "Sept. 7", "Dec", " vs ", " from ", "e", "x",
    "top ", "ranking ", "second", "No. ", "http://", "www.", "@", "\u0130", "\u00df", "\ufb03",
])
MIXTURES = st.lists(PIECES, max_size=40).map("".join)


def check(text: str) -> None:
    found = scan_quantities(text)
    last_end = -1
    for i, q in enumerate(found):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.start <= q.number_start <= q.number_end <= q.end
        assert math.isfinite(q.value) and abs(q.value) <= MAX_MAGNITUDE
        for bound in (q.low, q.high):
            assert bound is None or math.isfinite(bound)
        if q.low is not None:
            assert q.low <= q.value
        if q.high is not None:
            assert q.value <= q.high
        if q.equivalent_of is not None:
            assert 0 <= q.equivalent_of < i
        assert q.start >= last_end or q.unit == "rank" or found[i - 1].unit == "rank"
        last_end = max(last_end, q.end)
    for tok in scan_numbers(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert math.isfinite(tok.value)


@FAST
@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    check(text)


@FAST
@given(MIXTURES)
@example("half to 1")        # a fraction's percent and a plain number once made a range with low > high
@example("0 and more than 0")  # found by a 20x run: "and more" taken by both figures
@example("0 per HK$0")         # found by a 20x run: "per HK" a rate, and "HK$0" a figure
def test_mixtures_of_digits_separators_signs_and_brackets(text):
    check(text)


@FAST
@given(st.integers(min_value=1, max_value=600), st.sampled_from(["", ",", ".", " dlrs", " pct", " billion"]))
def test_numbers_of_any_size(digits, suffix):
    check("It was " + "7" * digits + suffix + " last year.")
    check("It was " + ",".join(["123"] * digits) + suffix)


@FAST
@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["", " pct", " mln dlrs", "ZB"]))
def test_float_reprs(value, suffix):
    check(f"Output reached {value!r}{suffix} and {value:e}{suffix}.")


@FAST
@given(st.lists(st.sampled_from(["(", ")", "[", "]", "US$1.5 billion", " 900 billion yuan ", " (about "]),
                max_size=60).map("".join))
def test_brackets_never_make_numbers_negative(text):
    for q in scan_quantities(text):
        if "-" not in q.text and "\u2212" not in q.text and "minus" not in q.text:
            assert q.value >= 0
