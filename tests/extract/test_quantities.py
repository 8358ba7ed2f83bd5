"""The quantity scanner on sentences shaped like the seed articles and Reuters newswire."""

from __future__ import annotations

import pytest

from factlint.extract.quantities import Quantity, scan_quantities
from factlint.normalize.units import UnitTableFile, compile_tables, load_units, read_table, builtin_table_path


def one(text: str) -> Quantity:
    found = scan_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def texts(text: str) -> list[str]:
    return [q.text for q in scan_quantities(text)]


def spans_ok(text: str, found: list[Quantity]) -> None:
    for q in found:
        assert q.text == text[q.start:q.end]
        assert q.start <= q.number_start < q.number_end <= q.end


# ---------------------------------------------------------------- seed article figures
def test_exceeded_yuan_with_bracketed_dollar_equivalent():
    text = ("The added value of Shenzhen's core digital economy industries exceeded 900 billion yuan "
            "(US$128.8 billion) last year, accounting for 30.5% of the city's GDP.")
    found = scan_quantities(text)
    spans_ok(text, found)
    assert [q.text for q in found] == ["exceeded 900 billion yuan", "US$128.8 billion", "30.5%"]
    yuan, usd, share = found
    assert (yuan.value, yuan.unit, yuan.dimension, yuan.qualifier) == (900e9, "CNY", "currency", "over")
    assert yuan.low == 900e9 and yuan.low_inclusive is False and yuan.high is None
    assert (usd.value, usd.unit, usd.equivalent_of) == (128.8e9, "USD", 0)
    assert usd.value > 0                       # brackets never make a number negative
    assert usd.low == pytest.approx(128.75e9) and usd.high == pytest.approx(128.85e9)
    assert (share.unit, share.low, share.high) == ("percent", pytest.approx(30.45), pytest.approx(30.55))


@pytest.mark.parametrize("bracket", ["(about US$128.8 billion)", "(128.8 billion U.S. dollars)",
                                     "( US$ 128.8 billion )"])
def test_bracketed_equivalent_forms(bracket):
    found = scan_quantities(f"It reached 900 billion yuan {bracket} in 2021.")
    assert len(found) == 2
    assert found[1].equivalent_of == 0 and found[1].unit == "USD" and found[1].value == pytest.approx(128.8e9)


def test_newswire_or_equivalent_and_no_link_for_a_list():
    found = scan_quantities("The deficit was 1.2 trillion yen, or 8.3 billion dlrs, the ministry said.")
    assert [(q.unit, q.equivalent_of) for q in found] == [("JPY", None), ("USD", 0)]
    found = scan_quantities("Fees were 10 Swiss francs, 3 euros and 5 dlrs.")
    assert all(q.equivalent_of is None for q in found)


def test_station_counts_with_counted_nouns_and_a_rate():
    text = ("By the end of 2021, Shenzhen had 51,000 5G base stations, or 28.5 stations per 10,000 people, "
            "and 15,000 multifunctional intelligent poles.")
    found = scan_quantities(text)
    spans_ok(text, found)
    assert [q.text for q in found] == ["51,000 5G base stations", "28.5 stations per 10,000 people",
                                       "15,000 multifunctional intelligent poles"]
    stations, rate, poles = found
    assert (stations.value, stations.unit, stations.counted) == (51000, "count", "5G base stations")
    assert (stations.low, stations.high) == (50500, 51500)     # perhaps rounded to the thousand
    assert (rate.value, rate.counted, rate.rate_base, rate.rate_unit) == (28.5, "stations", 10000, "people")
    assert poles.counted == "multifunctional intelligent poles"


def test_over_fifty_thousand_is_open_above():
    q = one("Shenzhen had built over 50,000 5G stations as of 2021.")
    assert (q.qualifier, q.value, q.low, q.low_inclusive, q.high) == ("over", 50000, 50000, False, None)
    assert q.counted == "5G stations"


def test_data_output_in_zettabytes_without_a_space():
    q = scan_quantities("China's data output reached 6.6ZB in 2021.")[0]
    assert (q.text, q.unit, q.dimension) == ("6.6ZB", "byte", "data")
    assert q.value == pytest.approx(6.6e21) and q.low == pytest.approx(6.55e21)
    assert scan_quantities("storage of 6.6 ZB and 512 GB")[1].value == pytest.approx(512e9)


def test_growth_percent_and_rank():
    found = scan_quantities("a year-on-year increase of 29.4 percent, ranking second in the world")
    assert [(q.text, q.unit, q.value) for q in found] == [("29.4 percent", "percent", 29.4), ("second", "rank", 2)]
    assert (found[1].low, found[1].high) == (2, 2)


def test_among_the_top_five_is_a_rank_up_to_five_but_a_list_name_is_not():
    q = one("Beijing and Shenzhen were among the top five cities in the digital economy.")
    assert (q.text, q.unit, q.qualifier, q.low, q.high) == ("top five", "rank", "up_to", 1, 5)
    q = one("More than half of China's firms on the Forbes top 100 digital companies list are in Beijing.")
    assert (q.text, q.unit, q.value, q.qualifier) == ("More than half", "percent", 50, "over")


@pytest.mark.parametrize("text, qualifier, low, high, high_inc", [
    ("nearly one million MSMEs benefited", "nearly", 900000, 1e6, False),
    ("almost half of the population", "nearly", 45, 50, False),
    ("about 120 million people", "about", 108e6, 132e6, True),
    ("more than 40 million enterprises", "over", 40e6, None, True),
    ("more than 99 percent of market entities", "over", 99, None, True),
    ("at least 300 firms", "at_least", 300, None, True),
    ("up to 700 contract workers", "up_to", 0, 700, True),
    ("under 5 pct of output", "under", None, 5, False),
    ("fewer than 20 plants", "under", 0, 20, False),
])
def test_qualifiers_become_bounds(text, qualifier, low, high, high_inc):
    q = one(text)
    assert q.qualifier == qualifier
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None
    assert q.high_inclusive is high_inc
    if q.low is not None and q.high is not None:
        assert q.low <= q.value <= q.high


def test_number_words():
    assert [(q.text, q.value, q.counted) for q in scan_quantities("in the ten ASEAN countries")] == \
        [("ten ASEAN countries", 10, "ASEAN countries")]
    q = one("twenty-five companies joined")
    assert (q.value, q.low, q.high) == (25, 25, 25)        # words are exact
    q = one("one million residents")
    assert (q.value, q.low, q.high) == (1e6, 0.5e6, 1.5e6)  # words with a scale: half the scale
    q = one("a third of the budget")
    assert (q.unit, q.value) == ("percent", pytest.approx(100 / 3))
    q = one("a hundred stores opened")
    assert q.value == 100 and q.text == "a hundred stores"


# ---------------------------------------------------------------- not quantities
@pytest.mark.parametrize("text", [
    "The 2022 World Internet Conference opened in Wuzhen.",
    "Sales rose in 2021 and have grown since 1995.",
    "It offers 5G and 4G networks despite COVID-19.",
    "the 1+3+N framework and the 3+3 action plan",
    "the Partner 2 Connect coalition and the G20 summit",
    "the New Intelligent Manufacturing 100 project",
    "Forecasts for the 1986/87 crop were cut.",
    "It was announced on Sept. 7, 2021 and again on Dec 4.",
    "Updated: December 22, 2022 Source: Belt and Road Portal",
    "Updated: 2023-12-06 20:27",
    "Talks resumed Feb 26 at 10:30 a.m.",
    "a collection of 360-degree videos",
    "best viewed at 1024*768 resolution",
    "a four-year programme for infrastructure",
    "Copyright 1995 - 2023 China Daily. All rights reserved.",
    "Registration number: 0108263, licence No. 13028812, ICP 10022338",
    "Call 010-64996421 or +86 1065 2237",
    "version 3.2.1 of the software, address 192.168.1.2",
    "the second half of the year and the third quarter",
])
def test_non_quantities_yield_nothing(text):
    assert scan_quantities(text) == []


def test_year_with_a_counted_noun_is_a_count_but_a_year_before_a_name_is_not():
    assert texts("The plant hired 1500 workers.") == ["1500 workers"]
    assert texts("The 2021 figures were revised.") == []
    assert texts("In 2021 100 companies moved.") == ["100 companies"]


def test_newswire_dense_results_table():
    text = ("Shr 1.20 dlrs vs 1.10 dlrs\n    Net 12.3 mln vs 10.1 mln\n    Revs 123.4 mln vs 98.7 mln\n"
            "    Qtly div 12 cts vs 12 cts prior\n    Avg shrs 10.2 mln vs 9.8 mln")
    found = scan_quantities(text)
    spans_ok(text, found)
    assert [(q.text, q.unit) for q in found] == [
        ("1.20 dlrs", "USD"), ("1.10 dlrs", "USD"), ("12.3 mln", "count"), ("10.1 mln", "count"),
        ("123.4 mln", "count"), ("98.7 mln", "count"), ("12 cts", "USD"), ("12 cts", "USD"),
        ("10.2 mln", "count"), ("9.8 mln", "count")]
    assert found[6].value == pytest.approx(0.12) and found[6].low == pytest.approx(0.115)
    assert found[2].value == pytest.approx(12.3e6) and found[2].high == pytest.approx(12.35e6)


def test_newswire_unit_carries_over_after_from_and_vs():
    found = scan_quantities("The surplus jumped to 3.58 billion dlrs from 1.94 billion a year earlier.")
    assert [(q.text, q.unit, q.value) for q in found] == [
        ("3.58 billion dlrs", "USD", 3.58e9), ("1.94 billion", "USD", 1.94e9)]
    found = scan_quantities("Exports rose 14.6 pct to 10.91 billion.")
    assert [(q.unit, q.value) for q in found] == [("percent", 14.6), ("count", 10.91e9)]
    found = scan_quantities("Shr 44 cts vs 16")
    assert found[1].unit == "USD" and found[1].value == pytest.approx(0.16)


def test_newswire_currencies_and_scales():
    cases = {
        "12.3 mln dlrs": (12.3e6, "USD"), "1.5 billion dlrs": (1.5e9, "USD"), "3.2 pct": (3.2, "percent"),
        "500 mln stg": (500e6, "GBP"), "1.8500 marks": (1.85, "DEM"), "143.80 yen": (143.8, "JPY"),
        "45 cts": (0.45, "USD"), "2.5 bn euros": (2.5e9, "EUR"), "4 tn yuan": (4e12, "CNY"),
        "1.5 mn": (1.5e6, "count"), "£3m": (3e6, "GBP"), "€2.5bn": (2.5e9, "EUR"),
        "HK$10 billion": (10e9, "HKD"), "RMB 10 billion": (10e9, "CNY"), "500 USD": (500, "USD"),
        "CNY 45.5 trillion": (45.5e12, "CNY"), "2 percentage points": (2, "pp"), "1.5 pp": (1.5, "pp"),
        "25 basis points": (0.25, "pp"), "10 per cent": (10, "percent"), "3 pct points": (3, "pp"),
        "1,750 dlrs per tonne": (1750, "USD"),
    }
    for written, (value, unit) in cases.items():
        q = one(f"The figure was {written} last year.")
        assert q.text == written, written
        assert (q.value, q.unit) == (pytest.approx(value), unit), written


def test_yen_sign_is_resolved_by_the_text():
    assert one("A ticket costs ¥500 in Tokyo.").unit == "JPY"
    assert scan_quantities("A ticket costs ¥500 in Shenzhen, about 70 yuan less.")[0].unit == "CNY"


def test_negative_numbers_only_where_meant():
    q = one("Output changed by -2.5 pct in March.")
    assert (q.value, q.low, q.high) == (-2.5, pytest.approx(-2.55), pytest.approx(-2.45))
    q = one("GDP grew 5-7 pct.")
    assert (q.qualifier, q.value, q.low, q.high) == ("range", 6, 4.5, 7.5)


@pytest.mark.parametrize("text, written, low, high, unit", [
    ("quoted at 340 to 350 dlrs", "340 to 350 dlrs", 339.5, 350.5, "USD"),
    ("offers of 1,750 to 1,780 dlrs per tonne", "1,750 to 1,780 dlrs per tonne", 1749.5, 1780.5, "USD"),
    ("growth of between 5 and 7 pct", "between 5 and 7 pct", 4.5, 7.5, "percent"),
    ("a cost of 1.5 to 2 billion dlrs", "1.5 to 2 billion dlrs", 1.45e9, 2.5e9, "USD"),
    # a first end in words takes the second's scale too
    ("The Treasury will sell between eight and 12 billion francs of stock.", "between eight and 12 billion francs",
     8e9, 12.5e9, "FRF"),
    ("Texaco had offered a bond of one to 1.5 billion dlrs.", "one to 1.5 billion dlrs", 1e9, 1.55e9, "USD"),
])
def test_ranges(text, written, low, high, unit):
    q = one(text)
    assert (q.text, q.qualifier, q.unit) == (written, "range", unit)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert q.value == pytest.approx((q.low + q.high) / 2, rel=0.2)


def test_a_range_of_fractions_is_a_share_range_and_a_fraction_makes_no_range_with_a_number():
    q = one("A third to a half of the firms surveyed cut jobs.")
    assert (q.text, q.unit, q.qualifier) == ("A third to a half", "percent", "range")
    assert (q.low, q.high) == (pytest.approx(100 / 3), pytest.approx(50))
    assert q.low <= q.value <= q.high
    for q in scan_quantities("Output fell by half to 1 mln tonnes."):
        assert q.text != "half to 1 mln tonnes" and q.low <= q.value <= q.high


def test_the_close_of_a_ticker_is_no_more_than_sign():
    found = scan_quantities("U.S. Tobacco <UBO> gained 7/8 to 27 and Loews <LTR> > 3/4.")
    assert [(q.text, q.qualifier) for q in found][:2] == [("7/8", None), ("27", None)]
    assert scan_quantities("Sites: > 50,000 stations")[0].qualifier == "over"


def test_change_from_to_is_not_a_range():
    found = scan_quantities("The bank raised its rate from 7.25 pct to 7.5 pct.")
    assert [q.qualifier for q in found] == [None, None]


def test_dates_in_a_range_of_years_are_not_quantities():
    assert scan_quantities("The plan covers 2021-2025 and the 1985-86 season.") == []


def test_postfix_qualifiers():
    assert one("orders of 500 or more").qualifier == "at_least"
    q = one("a crowd of 50,000+ fans")
    assert (q.qualifier, q.low, q.high, q.counted) == ("over", 50000, None, "fans")


def test_urls_and_spans_are_exact():
    text = "See https://example.com/a?q=30%25%2020% for 12 pct more."
    found = scan_quantities(text)
    assert [q.text for q in found] == ["12 pct"]
    spans_ok(text, found)


# ---------------------------------------------------------------- user tables
def test_user_table_extends_the_builtin_one(tmp_path):
    extra = tmp_path / "units.yaml"
    extra.write_text("currencies:\n  - code: VND\n    after: [dong]\n"
                     "units:\n  - unit: TEU\n    dimension: containers\n    names: [TEU, teus]\n"
                     "qualifiers:\n  about:\n    delta: 0.2\n")
    tables = load_units([extra])
    found = scan_quantities("Imports were 5 trillion dong, about 20,000 TEU and 3 pct.", tables)
    assert [(q.unit, q.dimension) for q in found] == [("VND", "currency"), ("TEU", "containers"),
                                                      ("percent", "percent")]
    assert found[1].low == pytest.approx(16000)
    # the built-in table is untouched
    assert scan_quantities("about 20,000 TEU")[0].low == pytest.approx(18000)


def test_builtin_table_is_valid_and_compiles():
    table = read_table(builtin_table_path())
    tables = compile_tables([table])
    assert tables.units_ci["pct"].unit == "percent"
    assert tables.units_cs["ZB"].factor == 1e21
    assert tables.before_currency["us$"].unit == "USD"
    assert tables.qualifiers_before["more than"] == "over"
    assert isinstance(table, UnitTableFile)


# ---------------------------------------------------------------- dates, modifiers, one-word rates
def test_year_after_month_and_day_is_a_date_not_a_count():
    text = "The trade deficit at December 31, 1986 narrowed to 5.2 billion dlrs, the bank said."
    assert texts(text) == ["5.2 billion dlrs"]
    assert texts("Profits in the year to Dec. 31 1986 rose 12 pct.") == ["12 pct"]
    # without the month and day the figure before a noun is still a count
    assert texts("The company shipped 1986 tractors last month.") == ["1986 tractors"]


def test_year_as_a_modifier_before_a_noun_is_no_quantity():
    assert texts("According to a 2022 research report, Shenzhen built 51,000 5G base stations.") == [
        "51,000 5G base stations"]
    assert texts("The 2022 report put the share at 30.5%.") == ["30.5%"]
    assert texts("Its 1987 budget assumes 4,000 job cuts.") == ["4,000 job cuts"]
    # a results note names the year's figure, it does not count it
    assert texts("Note: 1986 net includes tax credits of 30,400 dlrs.") == ["30,400 dlrs"]
    # a thousand and more of anything is plural: a year before a singular noun modifies it
    assert texts("Each 1987 flow through unit entitles the holder to one common share.") == []
    assert texts("The 1987 growth forecast was cut.") == []
    assert texts("Output is measured at 1980 prices.") == []
    assert texts("The tanker was hit at 1715 hours.") == []
    # plurals without an "s" are still counted
    assert texts("About 1500 people died; the plant had 1200 staff.") == ["About 1500 people", "1200 staff"]


def test_a_counted_noun_ends_before_a_verb_or_adverb_that_follows_it():
    assert texts("It will sell four mln common shares through underwriters led by Merrill Lynch.") == [
        "four mln common shares"]
    assert texts("At least 300 people died in the earthquake.") == ["At least 300 people"]
    assert texts("It bought 100,000 tonnes from three trade houses today.") == [
        "100,000 tonnes", "three trade houses"]
    assert texts("Shareholders get two new shares for every 15 shares held.") == ["two new shares", "15 shares"]


def test_barrels_per_day_abbreviation_is_a_rate_comparable_with_the_words():
    short, words = scan_quantities("Output averaged 3.8 mln bpd in March, against 3.5 mln barrels "
                                   "per day a year earlier.")
    assert short.text == "3.8 mln bpd" and words.text == "3.5 mln barrels per day"
    assert (short.unit, short.rate_base, short.rate_unit) == (words.unit, words.rate_base, words.rate_unit)
    assert (short.rate_unit, short.rate_base) == ("day", 1.0)
    assert short.value == pytest.approx(3.8e6 * 158.987295)
    tpy = one("The new plant will make 1.1 mln tpy of urea.")
    assert (tpy.unit, tpy.value, tpy.rate_unit) == ("kg", pytest.approx(1.1e9), "year")


def test_a_year_after_a_bare_figure_is_not_a_rate():
    bare = one("The dividend was raised to 2.454 a year.")
    assert (bare.text, bare.rate_unit, bare.rate_base) == ("2.454", None, None)
    paid = one("He earns 50,000 dlrs a year.")
    assert (paid.text, paid.rate_unit) == ("50,000 dlrs a year", "year")
    tonnes = one("Exports run at 1,750 tonnes a year.")
    assert tonnes.rate_unit == "year"


# ---------------------------------------------------------------- mixed numbers and fractions of scales
def test_a_mixed_number_in_words_counts_its_noun_and_a_bare_fraction_states_a_share():
    q = one("The reliever pitched six and two-thirds innings on Sunday.")
    assert (q.text, q.counted, q.unit) == ("six and two-thirds innings", "innings", "count")
    assert q.value == pytest.approx(20 / 3)
    q = one("The 30-year mortgage rate held at three and one-half percent.")
    assert (q.text, q.value, q.unit) == ("three and one-half percent", 3.5, "percent")
    q = one("The levy is one twenty-fifth of the sale price.")
    assert (q.unit, q.value) == ("percent", pytest.approx(4))


def test_a_fraction_of_a_million_is_a_count():
    q = one("A quarter of a million people marched in the capital.")
    assert (q.text, q.value, q.counted) == ("A quarter of a million people", 250_000, "people")
    q = one("Nearly two-thirds of a million refugees crossed the border.")
    assert (q.qualifier, q.value, q.counted) == ("nearly", pytest.approx(2e6 / 3), "refugees")
    q = one("Rescuers pulled half a dozen survivors from the rubble.")
    assert (q.text, q.value, q.counted) == ("half a dozen survivors", 6, "survivors")


def test_newswire_hyphenated_mixed_fractions_are_rates_and_prices():
    text = "Fed funds opened at 6-1/2 pct and the new bonds, priced at 101-3/8, pay 9-13/16 pct."
    found = scan_quantities(text)
    spans_ok(text, found)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("6-1/2 pct", 6.5, "percent"), ("101-3/8", 101.375, "count"), ("9-13/16 pct", 9.8125, "percent")]
    q = one("The dividend was raised to 8-1/3 cts a share.")
    assert (q.unit, q.value) == ("USD", pytest.approx(0.08333333))
    # still chains, not fractions: a date, and a fraction whose denominator is no fraction's
    assert scan_quantities("The accord, signed 3-1-87, runs to 5-17/2018.") == []


def test_digits_with_a_scale_and_a_half():
    q = one("Officials said 3 million and a half tonnes of grain were in store.")
    assert (q.text, q.unit, q.value) == ("3 million and a half tonnes", "kg", pytest.approx(3.5e9))
    assert (q.low, q.high) == (pytest.approx(3.25e9), pytest.approx(3.75e9))
    # "and a quarter of ..." starts a new phrase
    assert texts("Sales fell by 2 million and a quarter of the staff left.") == ["2 million"]


def test_plus_before_a_number_is_a_sum_not_an_open_bound():
    found = scan_quantities("The fee is 10 dlrs plus two dlrs tax, and the side scored 50 plus 20 points.")
    assert [(q.text, q.qualifier) for q in found] == [
        ("10 dlrs", None), ("two dlrs", None), ("50", None), ("20 points", None)]
    assert one("Crowds of 50,000 plus gathered.").qualifier == "over"


def test_unicode_fractions_in_prices_and_rates():
    found = scan_quantities("Gold rose $3\u00bc to $412\u00bd an ounce as yields hit 4\u00be%.")
    assert [(q.text, q.unit, q.value) for q in found] == [
        ("$3\u00bc", "USD", 3.25), ("$412\u00bd an ounce", "USD", 412.5), ("4\u00be%", "percent", 4.75)]


@pytest.mark.parametrize("text, level, unit", [
    ("Foreign exchange reserves rose 3.30 billion francs to 33.94 billion.", "33.94 billion", "FRF"),
    ("In autos, Daimler shed 23 marks to 1,022.", "1,022", "DEM"),
    # a level is seldom quoted in cents, and a rate's level is no plain amount
    ("Dome Petroleum fell five cts to 1.05 in Toronto.", "1.05", "count"),
    ("It cut the copper price by 10,000 yen per tonne to 260,000.", "260,000", "count"),
])
def test_the_level_after_a_change_takes_its_currency(text, level, unit):
    q = scan_quantities(text)[-1]
    assert (q.text, q.unit) == (level, unit)


def test_a_change_verb_at_the_end_of_a_wrapped_line_still_makes_change_and_level():
    # newswire wraps lines mid-sentence; only an indented line starts a new paragraph
    text = "Atlantic Richfield rose\n1-3/4 to 77, and AMC was off 3/8 to 3-1/2."
    assert [(q.text, q.qualifier) for q in scan_quantities(text)] == [
        ("1-3/4", None), ("77", None), ("3/8", None), ("3-1/2", None)]
    text = "Exports rose sharply in March.\n    Output of 5 to 7 pct is now seen."
    assert [(q.text, q.qualifier) for q in scan_quantities(text)] == [("5 to 7 pct", "range")]


@pytest.mark.parametrize("text, expected", [
    # a change and the new level: the level is far above the change
    ("Business loans fell 546 mln dlrs to 278.12 billion dlrs.", [("546 mln dlrs", None), ("278.12 billion dlrs", None)]),
    ("The utilisation rate rose 0.1 pct to 54.2 pct.", [("0.1 pct", None), ("54.2 pct", None)]),
    ("Lloyds rose one penny to 488.", [("one penny", None), ("488", None)]),
    ("Northern Telecom slid 1-1/2 to 58-1/2 in active trading.", [("1-1/2", None), ("58-1/2", None)]),
    ("Inco firmed 1/8 to 21-7/8 among the actives.", [("1/8", None), ("21-7/8", None)]),
    ("The Hang Seng index shed 10.69 to 1,713.81.", [("10.69", None), ("1,713.81", None)]),
    # ends alike, but a result writes its change in full, scale and all
    ("Government deposits fell 840.5 mln francs to 941.5 mln.", [("840.5 mln francs", None), ("941.5 mln", None)]),
    ("The deficit is expected to fall by 15 billion to 20 billion dlrs.", [("15 billion to 20 billion dlrs", "range")]),
    ("Hog futures gained 1.70 to 2.30 dlrs in active trade.", [("1.70 to 2.30 dlrs", "range")]),
    # a level after "to", a change after "of": ranges
    ("Spot soybean prices rose to 340 to 350 dlrs.", [("340 to 350 dlrs", "range")]),
    ("Corn rallied late to hold gains of one cent to three cents.", [("one cent to three cents", "range")]),
    # no verbs: "easily", "east"
    ("The clinic expects to easily spend five to 10 mln dlrs.", [("five to 10 mln dlrs", "range")]),
    ("The east of the state will get 1/4 to one inch.", [("1/4 to one inch", "range")]),
    # a range of changes: its ends are alike
    ("The market should expand by 25 to 30 pct this year.", [("25 to 30 pct", "range")]),
    ("The network expects to lose 30 to 50 mln dlrs this year.", [("30 to 50 mln dlrs", "range")]),
    ("Soymeal was up 1.30 to 3.00 dlrs per ton.", [("1.30 to 3.00 dlrs per ton", "range")]),
    # nouns of change and a range noun do not make a change
    ("Economists see growth in the 2.0 to 2.2 pct range.", [("2.0 to 2.2 pct", "range")]),
    ("There is room for a further fall of five to 10 pct.", [("five to 10 pct", "range")]),
    ("Imports from Cuba should total some 400,000 to 450,000 tonnes.", [("some 400,000 to 450,000 tonnes", "range")]),
    ("Cuts ranging\nfrom four pct to 20 pct were announced.", [("from four pct to 20 pct", "range")]),
])
def test_change_and_level_or_range_after_a_verb_of_change(text, expected):
    assert [(q.text, q.qualifier) for q in scan_quantities(text)] == expected


def test_newswire_period_abbreviations_are_not_counted_nouns():
    text = "NOTE: 1986 nine mths net includes gain of 4.7 mln dlrs and 1987 qtr includes 126,117 dlrs."
    assert texts(text) == ["4.7 mln dlrs", "126,117 dlrs"]


def test_an_ordinal_in_digits_is_no_counted_noun():
    assert texts("1986 4th qtr and yr oper net exclude 606,000 dlrs.") == ["606,000 dlrs"]


def test_clock_times_are_no_range():
    assert scan_quantities("The lunch break now runs 1115 to 1330 local time (0315 to 0530 GMT).") == []
    assert scan_quantities("The rate will be set between\n0800 and 0830 GMT.") == []
    assert texts("A six-quarter dividend delay would open two board seats.") == ["two board seats"]


def test_the_two_millionth_visitor_is_no_claim():
    assert scan_quantities("Crowds cheered the two millionth visitor on Sunday.") == []


def test_per_before_a_currency_amount_is_not_a_rate():
    found = scan_quantities("It paid a dividend of 10 cents per HK$1 share, and 5 yuan per kg.")
    assert [(q.text, q.rate_unit) for q in found] == [("10 cents", None), ("HK$1", None), ("5 yuan per kg", "kg")]
