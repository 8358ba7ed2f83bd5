from tests.compare.claimkit import make_claim

from factlint.compare.outcomes import AGREE, DISAGREE, ROUNDING, coarser, interval_agrees_with_value, judge


def share(text, value):
    return make_claim(text, value, "percent", kind="share",
                      metric="core digital economy industries added value share of GDP")


def test_30_percent_and_30_5_agree_only_if_30_was_rounded():
    c, a = share("30 percent", 30), share("30.5%", 30.5)
    verdict = judge(c, a)
    assert verdict.outcome == ROUNDING
    assert verdict.label == "agree only if rounded"
    assert coarser(c, a) is c


def test_over_50000_includes_51000():
    a = make_claim("over 50,000", 50000, qualifier="over")
    c = make_claim("51,000", 51000)
    assert judge(a, c).outcome == AGREE
    assert judge(c, a).outcome == AGREE


def test_nearly_50000_and_50000_flat_disagree_with_51000():
    c = make_claim("51,000", 51000)
    assert judge(make_claim("nearly 50,000", 50000, qualifier="nearly"), c).outcome == DISAGREE
    assert judge(make_claim("50,000", 50000), c).outcome == DISAGREE


def test_rounding_intervals_that_only_touch_do_not_agree():
    assert judge(share("30 percent", 30), share("31 percent", 31)).outcome == DISAGREE


def test_same_figure_agrees_and_a_tolerance_can_absorb_a_small_gap():
    assert judge(share("39.8 percent", 39.8), share("39.8%", 39.8)).outcome == AGREE
    assert judge(make_claim("51,000", 51000), make_claim("51,500", 51500)).outcome == DISAGREE
    assert judge(make_claim("51,000", 51000), make_claim("51,500", 51500), tolerance=0.02).outcome == AGREE


def test_a_conversion_factor_expresses_the_second_claim_in_the_first_ones_unit():
    yuan = make_claim("900 billion yuan", 900e9, "CNY", metric="core digital economy added value")
    dollars = make_claim("US$128.8 billion", 128.8e9, "USD", metric="core digital economy added value")
    assert judge(yuan, dollars, factor=6.9877, conversion_tolerance=0.02).outcome == AGREE
    assert judge(yuan, dollars, factor=6.45, conversion_tolerance=0.02).outcome == DISAGREE
    assert judge(yuan, dollars, factor=6.80, conversion_tolerance=0.01).outcome == DISAGREE
    assert judge(yuan, dollars, factor=6.80, conversion_tolerance=0.03).outcome == AGREE


def test_claim_against_an_exact_reference_value():
    assert interval_agrees_with_value(make_claim("51,000", 51000), 51000) == AGREE
    assert interval_agrees_with_value(make_claim("over 50,000", 50000, qualifier="over"), 51000) == AGREE
    assert interval_agrees_with_value(make_claim("61,000", 61000), 51000) == DISAGREE
    assert interval_agrees_with_value(share("30 percent", 30), 30.2) == ROUNDING
