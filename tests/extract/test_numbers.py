"""Numerals: digits with separators, decimals, fractions, exponents and number words."""

from __future__ import annotations

import pytest

from factlint.extract.numbers import digit_token, parse_digits, scan_numbers


def values(text: str) -> list[tuple[str, float]]:
    return [(text[t.start:t.end], t.value) for t in scan_numbers(text)]


@pytest.mark.parametrize("raw, value, decimals, digits, grouped", [
    ("155,221", 155221.0, 0, 6, True),
    ("6.6", 6.6, 1, 1, False),
    ("1,234,567.89", 1234567.89, 2, 7, True),
    ("40\u202f000", 40000.0, 0, 5, True),
    ("0.08", 0.08, 2, 1, False),
])
def test_parse_digits(raw, value, decimals, digits, grouped):
    assert parse_digits(raw) == (pytest.approx(value), decimals, digits, grouped)


def test_precision_is_half_the_last_written_digit():
    toks = scan_numbers("51,017 and 30.5 and 30 and 4.800")
    assert [t.precision for t in toks] == [0.5, pytest.approx(0.05), 0.5, pytest.approx(0.0005)]


def test_a_zero_thousands_group_may_be_rounded_to_the_thousand_but_no_further():
    toks = scan_numbers("51,000 and 4,403,000 and 5000 and 1,000,000 and 2,500 and 120,000.00")
    assert [t.precision for t in toks] == [500, 500, 500, 500, 0.5, pytest.approx(0.005)]


def test_thousands_groups_must_have_three_digits():
    assert values("lists 22,24,26,31 here") == [("22", 22), ("24", 24), ("26", 26), ("31", 31)]
    assert values("123,456,1234") == [("123,456", 123456), ("1234", 1234)]
    assert values("1 234 567 people") == [("1 234 567", 1234567)]
    assert values("423 0000") == [("423", 423), ("0000", 0)]
    assert values("5, 6 and 7.") == [("5", 5), ("6", 6), ("7", 7)]


def test_fractions_in_digits():
    assert values("a 7 3/4 pct coupon and 3/4 of it") == [("7 3/4", 7.75), ("3/4", 0.75)]
    # a date or a season is not a fraction
    assert [v for _, v in values("on 5/17/2018")] == [5, 17, 2018]
    assert [v for _, v in values("the 1986/87 crop")] == [1986, 87]


def test_exponents_and_leading_dot():
    assert values("1e10 and 1.3e6") == [("1e10", 1e10), ("1.3e6", 1.3e6)]
    assert values("yields .08 more") == [(".08", 0.08)]


@pytest.mark.parametrize("text, value", [
    ("ten", 10), ("twenty-five", 25), ("fifty - two", 52), ("one hundred and sixty-one", 161),
    ("two hundred and two thousand", 202000), ("twenty-one trillion three hundred", 21000000000300),
    ("one million", 1e6), ("a hundred", 100), ("a dozen", 12), ("three dozens", 36),
    ("two thirds", 2 / 3), ("a half", 0.5), ("half", 0.5), ("three quarters", 0.75),
    ("one and a half", 1.5), ("five eighths", 0.625), ("half a million", 5e5),
    ("one and a half billion", 1.5e9), ("nine point nought four", 9.04),
    ("two hundred point zero three", 200.03), ("zero", 0), ("nought", 0),
])
def test_number_words(text, value):
    toks = scan_numbers(f"it was {text} then")
    assert len(toks) == 1
    assert text.lower() == f"it was {text} then"[toks[0].start:toks[0].end]
    assert toks[0].value == pytest.approx(value)
    assert toks[0].words


def test_separate_words_are_separate_numbers():
    assert [v for _, v in values("three-nought-four")] == [3, 0, 4]
    assert [v for _, v in values("one two")] == [1, 2]


def test_ordinals_and_bare_scales_are_not_numbers():
    assert values("the third quarter and the first half") == [("half", 0.5)]
    assert values("millions of people and a hundredfold") == []


def test_word_precision_exact_unless_scaled():
    ten, million, mixed = scan_numbers("ten, one million, two million three hundred")
    assert ten.precision == 0 and not ten.scaled
    assert million.precision == 0.5e6 and million.scaled
    assert mixed.precision == 0 and mixed.value == 2000300


# ---------------------------------------------------------------- fractions of scales, ratios, powers
def _all(text: str) -> list[tuple[str, float]]:
    from factlint.extract.quantities import scan_quantities

    return [(q.text, round(q.value, 6)) for q in scan_quantities(text, all_numbers=True)]


def test_fraction_after_a_scale_is_a_fraction_of_the_scale():
    assert _all("There are one million and a half possibilities") == [
        ("one million and a half possibilities", 1_500_000)]
    assert _all("They have two million and one half") == [("two million and one half", 2_500_000)]
    assert _all("I counted six million and two thirds") == [("six million and two thirds", 6_666_666.666667)]
    assert _all("one billion and a half million") == [("one billion and a half million", 1_000_500_000)]
    assert _all("one billion and three quarters million") == [("one billion and three quarters million",
                                                               1_000_750_000)]
    # the fraction of a plain number is unchanged
    assert _all("two and a half") == [("two and a half", 2.5)]


def test_ratios_are_one_numeral_only_when_every_numeral_is_wanted():
    assert _all("one over three") == [("one over three", 0.333333)]
    assert _all("1 over one hundred and twenty one") == [("1 over one hundred and twenty one", 0.008264)]
    assert _all("one out of three") == [("one out of three", 0.333333)]
    assert _all("The answer is negative one over 20") == [("negative one over 20", -0.05)]
    from factlint.extract.quantities import scan_quantities

    # a claim scan keeps "over" as a qualifier
    assert [q.text for q in scan_quantities("Exports rose to 5 mln dlrs, over 3 mln a year earlier.")] == [
        "5 mln dlrs", "over 3 mln"]


def test_dozens_hundreds_powers_and_pronoun_one():
    assert _all(" half a dozen eggs") == [("half a dozen eggs", 6)]     # a count, like "a dozen eggs"
    assert _all("He sold 3 dozens and five dozs") == [("3 dozens", 36), ("five dozs", 60)]
    assert _all("about 322 hundred ") == [("about 322 hundred", 32_200)]
    assert _all("1.3x10^6 and 2.5^-1") == [("1.3x10^6", 1_300_000), ("2.5^-1", 0.4)]
    assert _all("Which one do you prefer? That one.") == []
    assert _all("that one mile can provide") == [("one mile", 1609.344)]
    assert _all("one of the largest") == [("one", 1)]


def test_a_fraction_after_and_belongs_to_the_words_after_the_and():
    assert _all("one hundred and three quarters") == [("one hundred and three quarters", 100.75)]
    assert _all("twenty and three fifths") == [("twenty and three fifths", 20.6)]
    assert _all("two hundred and fifty-four hundredths") == [("two hundred and fifty-four hundredths", 200.54)]
    assert _all("twenty-three fifths") == [("twenty-three fifths", 4.6)]     # no "and": all of it
    assert _all("a quarter million") == [("a quarter million", 250_000)]
    assert _all("the third quarter profit") == []


# ---------------------------------------------------------------- mixed numbers, compound ordinals
def _word_numbers(text: str) -> list[tuple[str, float]]:
    return [(text[t.start:t.end], round(t.value, 6)) for t in scan_numbers(text)]


@pytest.mark.parametrize("text, written, value", [
    ("The reliever lasted six and two-thirds innings.", "six and two-thirds", 6 + 2 / 3),
    ("Rates held at three and one-half percent.", "three and one-half", 3.5),
    ("The beam is two and fifty-four hundredths metres long.", "two and fifty-four hundredths", 2.54),
    ("Crews laid one hundred and three and two thirds miles of track.",
     "one hundred and three and two thirds", 103 + 2 / 3),
    ("It weighed two hundred thirty two and a thirtieth ounces.", "two hundred thirty two and a thirtieth",
     232 + 1 / 30),
    ("Turnout rose to two and a quarter million voters.", "two and a quarter million", 2.25e6),
])
def test_a_whole_number_and_a_fraction_joined_by_and_are_one_number(text, written, value):
    assert _word_numbers(text) == [(written, round(value, 6))]


def test_between_keeps_the_two_ends_of_a_range_apart():
    assert _word_numbers("Between one and two thirds of the crop was lost.") == [
        ("one", 1), ("two thirds", round(2 / 3, 6))]


@pytest.mark.parametrize("text, written, value", [
    ("The levy is one twenty-fifth of the sale price.", "one twenty-fifth", 1 / 25),
    ("Only three twenty-firsts of the pool was drained.", "three twenty-firsts", 3 / 21),
    ("a hundred thirty-fifths", "a hundred thirty-fifths", 100 / 35),     # the hyphen binds
    ("Each heir got a twentieth of the estate.", "a twentieth", 1 / 20),
    ("The pulse lasted a trillionth of a second.", "a trillionth", 1e-12),
    ("The film is two millionths of a metre thick.", "two millionths", 2e-6),
    ("a hundred thousand billionths of a metre", "a hundred thousand billionths", 1e-4),   # scaled numerator
])
def test_compound_and_large_ordinals_as_denominators(text, written, value):
    (tok,) = scan_numbers(text)
    assert text[tok.start:tok.end].lower() == written and tok.fraction
    assert tok.value == pytest.approx(value)


def test_compound_ordinals_without_a_numerator_are_not_numbers():
    assert scan_numbers("the thirty-fifth anniversary of the twenty-first century") == []
    assert scan_numbers("the two hundred twenty-first session of parliament") == []
    # spaced, the tens word belongs to the numerator: a hundred and thirty fifths
    assert _word_numbers("a hundred thirty fifths") == [("a hundred thirty fifths", 26)]


def test_fraction_of_a_scale_written_with_of():
    assert _word_numbers("Nearly two-thirds of a million refugees fled.") == [
        ("two-thirds of a million", round(2e6 / 3, 6))]
    assert _word_numbers("A quarter of a billion dollars was spent.") == [("A quarter of a billion", 2.5e8)]
    # a hyphenated scale is an adjective: the fraction stays a fraction
    assert _word_numbers("half of a million-dollar grant") == [("half", 0.5), ("a million", 1e6)]


def test_ratios_need_a_part_no_larger_than_the_whole_and_no_money_or_period():
    assert _all("Scouts found 12 in six boxes") == [("12", 12), ("six boxes", 6)]
    assert _all("The fund aims to earn $5000 over 2 years") == [("$5000", 5000), ("over 2", 2)]
    assert _all("one in four") == [("one in four", 0.25)]
    assert _all("5000 over 4") == [("5000 over 4", 1250)]


def test_unicode_fractions_alone_and_after_a_whole_number():
    assert _word_numbers("Talks lasted 2\u00bd years and ate \u00be of the budget.") == [
        ("2\u00bd", 2.5), ("\u00be", 0.75)]
    # a grouped number takes no fraction, and a fraction glued before digits is not read
    assert _word_numbers("prices of 12,500\u00bd and \u215b2") == [("12,500", 12500), ("\u00bd", 0.5), ("2", 2)]


def test_ordinal_suffixes_are_not_numerals_even_when_every_numeral_is_wanted():
    assert _all("Voting ends on May 4th, the 21st day of the poll") == []
    assert _all("Voting ends on May 4, after 21 days") == [("4", 4), ("21", 21)]


def test_number_words_join_across_a_wrapped_line_but_not_a_new_table_row():
    text = "Revs 1.18 billion vs one billion\n    Six mths\n    Net two hundred\nand fifty"
    assert _word_numbers(text) == [("1.18", 1.18), ("one billion", 1e9), ("Six", 6),
                                   ("two hundred\nand fifty", 250)]


def test_hyphenated_and_a_half():
    assert _word_numbers("The fund lost one-and-a-half billion dollars.") == [("one-and-a-half billion", 1.5e9)]
    assert _word_numbers("Output rose two-and-a-half times.") == [("two-and-a-half", 2.5)]


def test_whole_numbers_of_quarters_and_halves_count_periods_or_parts():
    assert _word_numbers("if the company falls six quarters behind on dividends") == [("six", 6)]
    assert _word_numbers("banks in the two halves of the country") == [("two", 2)]
    assert _word_numbers("three quarters of the members") == [("three quarters", 0.75)]


def test_a_singular_large_ordinal_after_a_number_is_an_ordinal():
    # the 2,000,000th visitor: "two" is all the numeral there is; the plural is the fraction
    assert _word_numbers("Crowds cheered the two millionth visitor.") == [("two", 2)]
    assert _word_numbers("a coat two millionths of a metre thick") == [("two millionths", 2e-6)]
    assert _word_numbers("one millionth of a gram") == [("one millionth", 1e-6)]


def test_a_zero_with_a_huge_exponent_is_no_number_rather_than_an_overflow():
    # found by the property tests: "000e900" is 0.0, but its precision 10**900 is beyond a float
    assert digit_token("000e900", 0, 7) is None
    assert digit_token("2e3", 0, 3).value == 2000
