"""Intervals from written precision and qualifiers."""

from __future__ import annotations

import pytest

from factlint.normalize.intervals import bounds, range_bounds


def test_unqualified_is_plus_minus_half_a_unit():
    assert bounds(30, 0.5, None) == (29.5, 30.5, True, True)
    assert bounds(30.5, 0.05, None)[:2] == (pytest.approx(30.45), pytest.approx(30.55))
    assert bounds(900e9, 0.5e9, None)[:2] == (899.5e9, 900.5e9)
    assert bounds(10, 0.0, None)[:2] == (10, 10)


def test_thresholds_use_the_stated_value():
    assert bounds(50000, 0.5, "over") == (50000, None, False, True)
    assert bounds(50000, 0.5, "at_least") == (50000, None, True, True)
    assert bounds(5, 0.5, "under", dimension="percent") == (None, 5, True, False)
    assert bounds(700, 0.5, "up_to", dimension="count") == (0.0, 700, True, True)


def test_nearly_ends_at_the_value_exclusive():
    b = bounds(1e6, 0.5e6, "nearly", 0.1)
    assert (b.low, b.high, b.high_inclusive) == (900000, 1e6, False)
    assert b.low <= 1e6 <= b.high


def test_about_is_never_tighter_than_the_bare_figure():
    assert bounds(120e6, 0.5e6, "about", 0.1)[:2] == (pytest.approx(108e6), pytest.approx(132e6))
    assert bounds(1, 0.5, "about", 0.1)[:2] == (0.5, 1.5)
    assert bounds(-10, 0.5, "nearly", 0.1).low == pytest.approx(-11)


def test_range_bounds_widen_each_end():
    mid, b = range_bounds(340, 0.5, 350, 0.5)
    assert mid == 345 and (b.low, b.high) == (339.5, 350.5)
