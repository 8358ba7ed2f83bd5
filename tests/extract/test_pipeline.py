"""End-to-end context binding on articles written in the shapes of the seed articles."""

import datetime as dt

import pytest

from factlint.extract import pipeline
from factlint.extract.pipeline import extract_claims
from factlint.extract.quantities import Quantity
from factlint.models import Claim, Document
from factlint.normalize.aliases import metric_similarity

ARTICLE_A = """Home > News > Shenzhen
Digital forum hears of Shenzhen's tech gains
Writer: Zhou Min | Editor: Lu Yang | From: Shenzhen Daily | Updated: 2022-12-09

Envoys and researchers from several countries gathered in Shenzhen on Dec 4 to talk about online trade and smart cities.

Thailand's ambassador to China told the gathering how e-commerce helped his country's small firms survive the pandemic. “Our digital economy was equal to 14.1% of Thailand's GDP in 2021, and we want it to keep growing,” he said.

A researcher from a Shenzhen university then gave an overview of the city's digital achievements.

Last year, the added value of Shenzhen's core digital economy industries exceeded 900 billion yuan (US$128.8 billion), accounting for 30.5% of the city's GDP. As of 2021, the city had built over 50,000 5G stations. Reports by national authorities rank Shenzhen first in the country's information society index.
"""

ARTICLE_C = """Shenzhen's digital sector keeps growing
Now Shenzhen | January 24, 2022

Data released by the Shenzhen Municipal Industry and Information Technology Bureau on Wednesday showed that the added value of core digital economy industries accounted for 30 percent of Shenzhen's GDP.

The data also showed that newly registered digital economy enterprises grew by over 80 percent year on year in the first three quarters of 2021.

By the end of 2021, the city had 51,000 5G base stations, or 28.5 per 10,000 residents, along with 15,000 multifunctional intelligent poles.
"""

ARTICLE_B = """China's digital economy keeps expanding
Updated: December 22, 2022 Source: Belt and Road Portal

The Annual Internet Report 2022, released at a summit in November, shows that China's digital economy reached 45.5 trillion yuan in 2021, accounting for 39.8 percent of the country's GDP.

Factories are going digital fast. As of June, 55.7 percent of key processes at large industrial firms were digitally controlled, and the popularity rate of digital design tools stood at 71.2 percent.

By mid-2022, nearly 900,000 small firms were using a cloud service offered by a Beijing-based company, the company said.
"""

ARTICLE_E = """China and ASEAN deepen online ties
China and ASEAN deepen online ties

Currently, 48 percent of people in the region use mobile payments.
"""

RESULTS = """Shr 1.19 dlrs vs 1.46 dlrs
    Net 3,150,185 vs 2,665,284
    Year
    Shr 1.45 dlrs vs 1.37 dlrs
"""


def _doc(text, date, path="a.txt", title=None):
    return Document(path=path, raw=text, text=text, format="text", date=date, title=title)


def _claim(claims, number, sentence_part=""):
    found = [c for c in claims if number in c.text and sentence_part in c.sentence]
    assert found, (number, [c.text for c in claims])
    return found[0]


@pytest.fixture(scope="module")
def a_claims():
    return extract_claims(_doc(ARTICLE_A, dt.date(2022, 12, 9), "a.txt"))


@pytest.fixture(scope="module")
def c_claims():
    return extract_claims(_doc(ARTICLE_C, dt.date(2022, 1, 24), "c.txt"))


@pytest.fixture(scope="module")
def b_claims():
    return extract_claims(_doc(ARTICLE_B, dt.date(2022, 12, 22), "b.txt"))


def test_gdp_share_claims_of_a_and_c_are_comparable(a_claims, c_claims):
    a = _claim(a_claims, "30.5%")
    c = _claim(c_claims, "30 percent")
    assert a.entity == c.entity == "Shenzhen"
    assert a.kind == c.kind == "share"
    assert a.metric == "core digital economy industries added value share of GDP"
    assert metric_similarity(a.metric, c.metric) == 100
    assert (a.period.start, a.period.end, a.period.text) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31), "Last year")
    # C writes no period: the publication date, implied
    assert c.period.implied and c.period.end == dt.date(2022, 1, 24) and c.period.text is None
    assert c.source == "Shenzhen Municipal Industry and Information Technology Bureau"


def test_5g_station_claims_of_a_and_c_are_comparable(a_claims, c_claims):
    a = _claim(a_claims, "50,000")
    c = _claim(c_claims, "51,000")
    assert a.entity == c.entity == "Shenzhen"
    assert a.metric == c.metric == "5G base stations"
    assert a.kind == c.kind == "level"
    assert a.period.point and a.period.end == dt.date(2021, 12, 31)
    assert c.period.point and c.period.end == dt.date(2021, 12, 31)


def test_thailand_and_china_shares_are_not_shenzhens(a_claims, b_claims):
    thai = _claim(a_claims, "14.1%")
    china = _claim(b_claims, "39.8")
    assert thai.entity == "Thailand" and china.entity == "China"
    assert thai.kind == china.kind == "share"
    assert thai.metric == china.metric == "digital economy share of GDP"
    assert thai.source == "Thailand's ambassador to China"
    assert china.source == "Annual Internet Report 2022"
    assert china.period.start == dt.date(2021, 1, 1)


def test_level_in_a_share_sentence_and_lead_in_source(a_claims):
    level = _claim(a_claims, "900")
    assert level.entity == "Shenzhen" and level.kind == "level"
    assert level.metric == "core digital economy industries added value"
    assert level.source == "A researcher from a Shenzhen university"


def test_rank(a_claims):
    first = [c for c in a_claims if c.kind == "rank"]
    if first:            # the rank comes from the classifier or the scanner
        assert first[0].entity == "Shenzhen" and first[0].value == 1 and first[0].metric == "information society index"


def test_change_with_carried_attribution(c_claims):
    growth = _claim(c_claims, "80")
    assert growth.kind == "change" and growth.entity == "Shenzhen"
    assert growth.metric == "newly registered digital economy enterprise"
    assert (growth.period.start, growth.period.end) == (dt.date(2021, 1, 1), dt.date(2021, 9, 30))
    assert growth.source == "Shenzhen Municipal Industry and Information Technology Bureau"


def test_rate_and_its_metric(c_claims):
    rate = _claim(c_claims, "28.5")
    assert rate.kind == "rate" and rate.rate_base == 10000
    assert rate.metric == "5G base stations per 10,000 residents"
    poles = _claim(c_claims, "15,000")
    assert poles.metric == "multifunctional intelligent pole" and poles.period.end == dt.date(2021, 12, 31)


def test_unattributed_paragraph_has_no_source(b_claims):
    c = _claim(b_claims, "55.7")
    assert c.source is None and c.kind == "share" and c.entity == "China"
    assert c.period.point and c.period.end == dt.date(2022, 6, 30)


def test_share_named_by_its_subject_and_compound_place_names(b_claims):
    rate = _claim(b_claims, "71.2")
    assert rate.kind == "share" and rate.metric == "digital design tool popularity rate" and rate.source is None
    firms = _claim(b_claims, "900,000")
    assert firms.entity == "China"          # "a Beijing-based company" is not what is counted
    assert firms.source == "company"


def test_undated_currently_is_unresolved():
    claims = extract_claims(_doc(ARTICLE_E, None, "e.txt"))
    c = _claim(claims, "48")
    assert not c.period.resolved and c.period.text == "Currently"
    assert c.source is None


def test_newswire_results_vs_figures_get_the_prior_period():
    doc = _doc(RESULTS, dt.date(1987, 3, 2), "r.md", title="TUESDAY MORNING INC <TUES> 4TH QTR NET")
    claims = extract_claims(doc)
    shr = _claim(claims, "1.19")
    prior = _claim(claims, "1.46")
    assert shr.entity == prior.entity == "Tuesday Morning"
    assert shr.metric == prior.metric == "earnings per share"
    assert (shr.period.start, shr.period.end) == (dt.date(1986, 10, 1), dt.date(1986, 12, 31))
    assert (prior.period.start, prior.period.end, prior.period.text) == (dt.date(1985, 10, 1), dt.date(1985, 12, 31), "prior")
    net = _claim(claims, "3,150,185")
    assert net.metric == "net income"
    year = _claim(claims, "1.45")
    assert (year.period.start, year.period.end) == (dt.date(1986, 1, 1), dt.date(1986, 12, 31))
    assert _claim(claims, "1.37").period.start == dt.date(1985, 1, 1)


def test_a_company_s_figure_is_not_the_country_s_in_its_name():
    text = ("Air Canada, owned by the Canadian Government, said it recorded a net profit of 16.3 mln dlrs in "
            "the first quarter.\n\nThe Dutch bank said 1986 net profit rose to 24.1 mln guilders.\n\n"
            "Canada's gross domestic product rose 1.1 pct in the fourth quarter, Statistics Canada said.\n")
    claims = extract_claims(_doc(text, dt.date(1987, 4, 3), "c.md"))
    assert _claim(claims, "16.3").metric == _claim(claims, "24.1").metric == "net income"
    assert _claim(claims, "16.3").entity is None and _claim(claims, "24.1").entity is None
    assert (_claim(claims, "1.1").entity, _claim(claims, "1.1").metric) == ("Canada", "GDP")


def test_a_reporting_company_owns_the_market_figure_it_gives():
    text = ("Mazda Motor Corp of Japan reported car sales in the U.S. during February of 10,049.\n\n"
            "U.S. car sales dropped 45.7 pct to 6,627 in the year to date, Volkswagen AG said.\n\n"
            "China's exports rose 5 pct to 1.2 billion dlrs in February, Acme Corp said.\n")
    claims = extract_claims(_doc(text, dt.date(1987, 3, 4), "cars.md"))
    assert _claim(claims, "10,049").entity == "Mazda Motor"
    assert _claim(claims, "6,627").entity == "Volkswagen"
    # a possessive still names the owner, whoever reports it
    assert _claim(claims, "1.2 billion").entity == "China"
    # "the automaker said" in a story headlined with the company's ticker
    doc = _doc("Year-to-date U.S. car sales declined 62 pct to 4,922 from 12,861 cars in the comparable period "
               "of 1986, the automaker said.\n", dt.date(1987, 3, 4), "amc.md",
               title="AMERICAN MOTORS <AMO> LATE FEBRUARY SALES OFF")
    assert {c.entity for c in extract_claims(doc)} == {"American Motors"}


def test_twelve_months_in_a_third_quarter_table_end_with_that_quarter():
    text = "Shr 1.24 dlrs vs 1.16 dlrs\n\nNine mths\n\nShr 3.30 dlrs vs 3.00 dlrs\n\n12 mths\n\nShr 4.05 dlrs vs 3.68 dlrs\n"
    doc = _doc(text, dt.date(1987, 10, 20), "d.md", title="DOMINION RESOURCES <D> 3RD QTR NET")
    claims = extract_claims(doc)
    nine, twelve = _claim(claims, "3.30").period, _claim(claims, "4.05").period
    assert (nine.start, nine.end) == (dt.date(1987, 1, 1), dt.date(1987, 9, 30))
    assert (twelve.start, twelve.end) == (dt.date(1986, 10, 1), dt.date(1987, 9, 30))
    assert _claim(claims, "3.68").period.end == dt.date(1986, 9, 30)


def test_what_is_based_somewhere_owns_its_figures():
    text = ("Allied-Signal Inc said it agreed to buy Amphenol.\n\nLisle, Ill.-based Amphenol had 1986 sales of "
            "about 500 mln dlrs.\n\nAtlanta, Ga.-based Neptune, which makes water meters, had sales last year of "
            "80 mln dlrs.\n")
    claims = extract_claims(_doc(text, dt.date(1987, 4, 3), "ald.md", title="ALLIED-SIGNAL <ALD> TO BUY AMPHENOL"))
    assert (_claim(claims, "500").entity, _claim(claims, "80 mln").entity) == ("Amphenol", "Neptune")


def test_a_sum_of_money_is_of_what_follows_it():
    claims = _wire("Brazil suspended interest payments on its 68 billion dlrs of medium- and long-term debt on "
                   "February 20.")
    assert claims[0].metric == "medium long-term debt"
    other = _wire("Brazil has suspended all interest payments on its 109 billion dlrs of foreign debt.")[0]
    assert other.metric == "foreign debt"
    bills = _wire("The central bank bought 31 mln stg of treasury bills and three mln stg of bank bills.")
    assert [c.metric for c in bills] == ["treasury bill", "bank bill"]


def test_a_loss_compared_with_a_profit_is_two_results():
    text = ("For the first nine months, Morgan posted a loss of 140.8 mln dlrs, compared with a profit of "
            "682.4 mln in the same period of 1986.\n")
    claims = extract_claims(_doc(text, dt.date(1987, 10, 19), "jpm.md"))
    loss, profit = _claim(claims, "140.8"), _claim(claims, "682.4")
    assert (loss.metric, profit.metric) == ("net loss", "net income")
    assert (profit.period.start, profit.period.end) == (dt.date(1986, 1, 1), dt.date(1986, 9, 30))


def test_bracketed_equivalent_and_counted_noun_from_the_scanner(monkeypatch):
    text = "Last year, Shenzhen's core digital economy industries exceeded 900 billion yuan (US$128.8 billion)."
    y, u = text.index("900"), text.index("US$")

    def fake_scan(_text):
        return [
            Quantity(y, y + len("900 billion yuan"), "900 billion yuan", 9e11, "CNY", "currency", 9e11, None,
                     qualifier="over", number_start=y, number_end=y + 3),
            Quantity(u, u + len("US$128.8 billion"), "US$128.8 billion", 1.288e11, "USD", "currency",
                     1.2875e11, 1.2885e11, equivalent_of=0, number_start=u + 3, number_end=u + 8),
        ]

    monkeypatch.setattr(pipeline, "scan_quantities", fake_scan)
    claims = extract_claims(_doc(text, dt.date(2022, 12, 9)))
    primary, equivalent = claims
    assert equivalent.equivalent_of == primary.id
    for field in ("entity", "metric", "period", "kind", "source"):
        assert getattr(equivalent, field) == getattr(primary, field)
    assert primary.entity == "Shenzhen" and primary.period.text == "Last year"


def test_claims_are_built_like_model_construct():
    claims = extract_claims(_doc(ARTICLE_C, dt.date(2022, 1, 24), "c.txt"))
    c = claims[0]
    same = Claim.model_construct(**{name: getattr(c, name) for name in Claim.model_fields})
    assert c.model_dump() == same.model_dump()
    assert Claim.model_validate(c.model_dump()) == Claim.model_validate(same.model_dump())
    assert c.model_fields_set == same.model_fields_set


def test_deterministic_and_positions():
    doc = _doc(ARTICLE_C, dt.date(2022, 1, 24), "c.txt")
    first = [c.model_dump() for c in extract_claims(doc)]
    assert first == [c.model_dump() for c in extract_claims(doc)]
    c = _claim(extract_claims(doc), "51,000")
    line = ARTICLE_C.splitlines()[c.line - 1]
    assert line[c.column - 1:].startswith(c.text.split()[0])


def test_one_huge_paragraph_stays_linear():
    import time

    sentence = ("Shenzhen had 51,000 5G base stations by the end of 2021, or 28.5 per 10,000 people. "
                "The city's output rose 5 pct, accounting for 30.5% of GDP. ")
    small = sentence * 200
    big = sentence * 2000
    t0 = time.perf_counter()
    n_small = len(extract_claims(_doc(small, dt.date(2022, 1, 24))))
    t1 = time.perf_counter()
    n_big = len(extract_claims(_doc(big, dt.date(2022, 1, 24))))
    t2 = time.perf_counter()
    assert n_big == 10 * n_small > 0
    assert (t2 - t1) < 25 * max(t1 - t0, 0.05)      # 10x the text: about 10x the time, not 100x


RESULTS_STORY = """Shr profit two cts vs loss one ct
    Net profit 130,000 vs loss 46,000
    Revs 5,042,000 vs 4,100,000
    Year
    Shr four cts vs 12 cts
"""

COMPANY_PROSE = """Paralax Video Enterprises Inc said its revenues rose 12 pct to 1.5 mln dlrs in 1986.

The company said it won a 4.2 mln dlr contract from the U.S. Army Engineer District and paid 200,000 U.S. dlrs for American Video Group Inc.
"""


def test_results_story_entity_is_the_headline_company_not_the_dateline_country():
    doc = Document(path="r.md", raw=RESULTS_STORY, text=RESULTS_STORY, format="markdown", date=dt.date(1987, 3, 19),
                   title="<ROYAL GOLD AND SILVER CORP> 4TH QTR NET", front_matter={"places": ["usa"]})
    claims = extract_claims(doc)
    assert {c.entity for c in claims} == {"Royal Gold and Silver"}
    # "two cts" opens a results line like a digit would: the section's period, and its own label
    shr = _claim(claims, "two cts")
    assert shr.metric == "earnings per share"
    assert (shr.period.start, shr.period.end) == (dt.date(1986, 10, 1), dt.date(1986, 12, 31))
    assert _claim(claims, "one ct").period.start == dt.date(1985, 10, 1)
    year_shr = _claim(claims, "four cts")
    assert year_shr.metric == "earnings per share"
    assert (year_shr.period.start, year_shr.period.end) == (dt.date(1986, 1, 1), dt.date(1986, 12, 31))


def test_results_table_without_company_or_period_has_neither_rather_than_guesses():
    # "NORCROS PROFITS ADVANCE": no ticker, so no company; the 'uk' of the place list is no
    # owner of a results table, and an "EIGHT MTHS" headline with no end date gives no period.
    story = "Shr 28.0p vs 21.4p\n    Pretax profit 53.16 mln stg vs 45.12 mln\n"
    doc = Document(path="n.md", raw=story, text=story, format="markdown", date=dt.date(1987, 6, 2),
                   title="NORCROS PROFITS ADVANCE", front_matter={"places": ["uk"]})
    claims = extract_claims(doc)
    assert [c.text for c in claims if "mln" in c.text] == ["53.16 mln stg", "45.12 mln"]
    assert {c.entity for c in claims} == {None}
    assert {c.period for c in claims} == {None}
    # a country the headline names does own its table
    story = "Exports 20.5 billion dlrs vs 18.6 billion\n"
    doc = Document(path="j.md", raw=story, text=story, format="markdown", date=dt.date(1987, 3, 9),
                   title="JAPAN FEBRUARY TRADE FIGURES", front_matter={"places": ["japan"]})
    assert {c.entity for c in extract_claims(doc)} == {"Japan"}


def test_year_net_headline_gives_the_last_fiscal_year():
    doc = Document(path="y.md", raw=RESULTS, text=RESULTS, format="markdown", date=dt.date(1987, 3, 19),
                   title="<PAGURIAN CORP LTD> YEAR NET", front_matter={"places": ["canada"]})
    shr = _claim(extract_claims(doc), "1.19")
    assert shr.entity == "Pagurian"
    assert (shr.period.start, shr.period.end) == (dt.date(1986, 1, 1), dt.date(1986, 12, 31))


def test_company_story_figures_stay_with_the_company():
    doc = Document(path="p.md", raw=COMPANY_PROSE, text=COMPANY_PROSE, format="markdown", date=dt.date(1987, 3, 11),
                   title="PARALAX <VIDO> WINS ARMY CONTRACT", front_matter={"places": ["usa"]})
    claims = extract_claims(doc)
    assert _claim(claims, "12 pct").entity == "Paralax"
    assert _claim(claims, "4.2 mln").entity == "Paralax"
    assert all(c.entity != "United States" for c in claims)


def test_headline_company_written_in_a_sentence_is_its_mention():
    text = ("Knoll International Holdings Inc said it offered to buy 500,000 new shares of American Savings.\n\n"
            "Knoll already owns 796,413 shares or 9.9 pct of American\nSavings.\n")
    doc = Document(path="k.md", raw=text, text=text, format="markdown", date=dt.date(1987, 3, 12),
                   title="KNOLL TO BUY AMERICAN SAVINGS <AAA> SHARES", front_matter={"places": ["usa"]})
    claims = extract_claims(doc)
    assert _claim(claims, "9.9 pct").entity == "American Savings"
    assert _claim(claims, "500,000").entity == "American Savings"
    assert all(c.entity != "United States" for c in claims)


FISCAL_RESULTS = """Quarter ended Feb 28
    Shr four cts vs seven cts
    Net 500,000 vs 900,000
    revs 9.1 mln vs 6.7 mln
    Year
    Net 600,000 vs 1,500,000
"""


def test_ended_heading_dates_the_results_sections():
    doc = Document(path="f.md", raw=FISCAL_RESULTS, text=FISCAL_RESULTS, format="markdown",
                   date=dt.date(1987, 3, 19), title="MICROPRO INTERNATIONAL CORP <MPRO> 4TH QTR NET")
    claims = extract_claims(doc)
    q = _claim(claims, "500,000")
    assert (q.period.start, q.period.end) == (dt.date(1986, 12, 1), dt.date(1987, 2, 28))
    assert (_claim(claims, "900,000").period.start, _claim(claims, "900,000").period.end) == \
        (dt.date(1985, 12, 1), dt.date(1986, 2, 28))
    year = _claim(claims, "600,000")
    assert (year.period.start, year.period.end) == (dt.date(1986, 3, 1), dt.date(1987, 2, 28))
    revs = _claim(claims, "9.1 mln")           # a lower-case label is a results line too
    assert revs.metric == "revenue" and revs.period == q.period
    # a two-month period named by the headline
    text = "Periods ended February 28\n    Net 119.5 mln vs 114.6 mln\n"
    doc = Document(path="t.md", raw=text, text=text, format="markdown", date=dt.date(1987, 3, 17),
                   title="PUBLIC SERVICE ENTERPRISE <PEG> TWO MTHS NET")
    net = _claim(extract_claims(doc), "119.5")
    assert (net.period.start, net.period.end, net.period.implied) == (dt.date(1987, 1, 1), dt.date(1987, 2, 28), False)


def _wire(text, date=dt.date(1987, 3, 9)):
    return extract_claims(_doc(text, date, "w.md"))


def test_a_speaker_owns_what_its_names_and_the_figure_it_is_compared_with():
    claims = _wire("American Motors Corp said its February U.S. car production declined to 2,978 units "
                   "from 3,808 a year ago.", dt.date(1987, 3, 3))
    assert [(c.text, c.entity, c.metric) for c in claims] == [
        ("2,978 units", "American Motors", "car production"), ("3,808", "American Motors", "car production")]
    # a company speaking owns "its" even when a place is named in its title
    claims = _wire("Nissan Motor Corp in U.S.A. said its domestic car sales rose 10.7 pct to 3,358 from 3,033.")
    assert {c.entity for c in claims} == {"Nissan Motor"}
    # a compared figure with a name of its own keeps it
    claims = _wire("Shenzhen's GDP rose 5 percent, against Beijing's 4 percent.")
    assert [c.entity for c in claims] == ["Shenzhen", "Beijing"]


def test_modifiers_predicates_and_time_words_are_no_metrics():
    credit = _wire("U.S. consumer instalment credit rose a seasonally adjusted 536 mln dlrs in January, the "
                   "Federal Reserve Board said.")[0]
    assert credit.metric == "consumer instalment credit"
    exports = _wire("India's castor oil exports are provisionally estimated at 30,000 tonnes in fiscal 1986/87, "
                    "private traders said.", dt.date(1987, 3, 27))[0]
    assert (exports.entity, exports.metric) == ("India", "castor oil export")
    assert (exports.period.text, exports.period.start, exports.period.end) == \
        ("1986/87", dt.date(1986, 1, 1), dt.date(1987, 12, 31))
    # what follows a figure as its period is not what it counts; a modal sentence names no metric
    deficit = _wire("Bergsten said the U.S. trade gap, which hit 169 billion dlrs last year, will narrow.")[0]
    assert deficit.metric != "last year"
    bills = _wire("The Bank of Japan will sell tomorrow 500 billion yen of financing bills, money traders said.")[0]
    assert bills.metric is None


def test_a_year_inside_a_period_is_no_count():
    claims = _wire("Tseng posted first quarter 1986 sales of 549,950, and net income of 19,163, the company said.",
                   dt.date(1987, 3, 25))
    assert [(c.text, c.metric, c.period.text) for c in claims] == [
        ("549,950", "sales", "first quarter 1986"), ("19,163", "net income", "first quarter 1986")]


def test_a_trade_figure_with_one_partner_names_it():
    with_us = _wire("Japan's trade surplus with the United States reached a record 58.6 billion dlrs in 1986.")[0]
    overall = _wire("On a customs cleared basis, the Japanese trade surplus rose to a record 82.66 billion dlrs "
                    "last year.")[0]
    with_uk = _wire("The government announced that Japan had a 5.9 billion dlr trade surplus with Britain in 1986.")[0]
    assert {c.entity for c in (with_us, overall, with_uk)} == {"Japan"}
    assert (with_us.metric, overall.metric, with_uk.metric) == \
        ("trade surplus with United States", "trade surplus", "trade surplus with United Kingdom")
    # the partner may follow the figure, and a figure compared with it shares it
    korea = _wire("South Korea had a trade surplus of 7.2 billion dlrs with the United States in 1986, "
                  "against 4.1 billion in 1985.")
    assert {c.metric for c in korea} == {"trade surplus with United States"}


def test_a_figure_that_leaves_a_part_out_says_so():
    total = _wire("Commerce reported January factory orders fell 4.0 pct, the department said.")[0]
    ex_defense = _wire("Excluding defense orders, factory orders fell 5.2 pct in January, the department said.")[0]
    assert total.metric == "factory order"
    assert ex_defense.metric == "factory order excluding defense orders"


def test_an_undated_market_figure_has_no_period_while_other_undated_figures_keep_the_publication_date():
    # two stories of the same day give the index at other hours: no "latest figure" of the day
    day = dt.date(1987, 4, 7)
    index = _claim(_wire("Montreal's market portfolio index fell 12.52 points to 1922.51.", day), "1922.51")
    assert index.period is None
    debt = _claim(_wire("Brazil's foreign debt stands at 108 billion dlrs, bankers said.", day), "108 billion")
    assert debt.period.implied and debt.period.end == day
    # a written day is kept: it says when
    dated = _claim(_wire("The index fell 12.52 points to 1922.51 on April 6.", day), "1922.51")
    assert dated.period is not None and not dated.period.implied


def test_what_a_figure_is_compared_with_is_no_metric_and_a_while_clause_has_its_own_subject():
    claims = _wire("Gasoline demand averaged 6.94 mln bpd, off 1.8 pct from 7.06 mln last year, while residual "
                   "fuel demand was 1.17 mln bpd, off 12.9 pct from 1.34 mln, the EIA said.", dt.date(1987, 4, 29))
    assert [(c.text, c.metric) for c in claims] == [
        ("6.94 mln bpd", "gasoline demand per day"), ("1.8 pct", "gasoline demand"), ("7.06 mln", "gasoline demand"),
        ("1.17 mln bpd", "residual fuel demand per day"), ("12.9 pct", "residual fuel demand"),
        ("1.34 mln", "residual fuel demand")]
    index = _claim(_wire("The import price index rose 1.1 pct from a month earlier to 57.4.", dt.date(1987, 3, 16)),
                   "57.4")
    assert index.metric == "import price index"          # not "month earlier"
    output = _claim(_wire("U.S. oil output was off to 8.4 mln bpd in the week of March 13.", dt.date(1987, 3, 18)),
                    "8.4")
    assert output.metric is None or "off" not in output.metric.split()


def test_a_possessive_period_and_a_while_clause_leave_no_word_in_the_metric():
    revised = _claim(_wire("The previous week's M-1 level was revised to 734.6 billion dlrs from 734.2 billion dlrs.",
                           dt.date(1987, 3, 5)), "734.6")
    assert revised.metric == "M-1"
    claims = _wire("Imports rose 2.1 pct in February, while exports fell 3.2 pct.", dt.date(1987, 3, 12))
    assert [c.metric for c in claims] == ["import", "export"]


def test_a_named_speaker_owns_what_its_its_names_also_beyond_the_gazetteer():
    claims = _wire("Meanwhile, Ford said its car sales rose 5.9 pct to 50,407 compared with 47,592 a year ago "
                   "while truck sales gained by 12.6 pct to 35,814 from 31,811.", dt.date(1987, 3, 13))
    assert {(c.metric, c.entity) for c in claims} == {("car sales", "Ford"), ("truck sales", "Ford")}
    # a capitalised source that is no name owns nothing
    exports = _claim(_wire("Officials said their exports rose 5 pct.", dt.date(1987, 3, 13)), "5 pct")
    assert exports.entity != "Officials"


def test_figures_on_a_stated_basis_measure_that_basis_s_quantity():
    claims = _wire("On a current prices basis, GDP was up 11 pct, totalling 894,362 billion lire in 1986.",
                   dt.date(1987, 3, 26))
    assert {c.metric for c in claims} == {"nominal GDP"}
    real = _claim(_wire("GDP rose 2.7 pct in real terms in 1986.", dt.date(1987, 3, 27)), "2.7 pct")
    assert real.metric == "GDP"
    # so do figures not seasonally adjusted, beside the adjusted series of the same name
    raw = _claim(_wire("The Bank said sterling bank lending grew by a non-seasonally adjusted 1.75 billion stg in "
                       "January.", dt.date(1987, 3, 2)), "1.75 billion")
    assert raw.metric == "unadjusted sterling bank lending"


def test_a_revised_figure_s_earlier_reading_keeps_the_figure_s_metric():
    claims = _wire("This compared with a slim 0.1 pct rise in January's production number, previously reported "
                   "as a 0.4 pct increase.", dt.date(1987, 3, 13))
    assert [(c.text, c.metric) for c in claims] == [("0.1 pct", "production"), ("0.4 pct", "production")]


def test_a_change_written_as_a_noun_measures_what_follows_in():
    claims = _wire("These figures compared with a December increase in durables orders of 1.5 pct and a 1.7 pct "
                   "rise in non-durables.", dt.date(1987, 3, 4))
    assert _claim(claims, "1.7 pct").metric == "non-durable"
    jump = _claim(_wire("A 13.3 pct jump in non-interest expense to 471.3 mln dlrs also hit the bottom line.",
                        dt.date(1987, 4, 14)), "13.3 pct")
    assert (jump.kind, jump.metric) == ("change", "non-interest expense")
    # a period after "in" names no measure: the metric is found as before
    drop = _claim(_wire("Output fell after a 0.3 pct drop in the third quarter.", dt.date(1987, 3, 4)), "0.3 pct")
    assert drop.metric != "third quarter" and drop.period.text == "the third quarter"


def test_a_company_reporting_its_own_deal_owns_it_not_the_agent_or_the_analyst_s_firm():
    offering = _claim(_wire("Lomas Mortgage Corp said it has filed for an offering of four mln common shares "
                            "through underwriters led by Merrill Lynch and Co Inc <MER>.", dt.date(1987, 3, 19)),
                      "four mln")
    assert offering.entity == "Lomas Mortgage"
    # a lead manager speaks for the issuer, it does not report its own figures
    issue = _claim(_wire("Malaysia is launching a 100 mln Swiss franc notes issue priced at 100.2 pct, lead manager "
                         "Swiss Bank Corp said.", dt.date(1987, 4, 8)), "100 mln")
    assert issue.entity == "Malaysia"
    # whom the speaker told is part of the attribution, not of the metric
    stake = _claim(_wire("Corporate Life Insurance Co told the Securities and Exchange Commission it has acquired "
                         "44,600 shares of Frederick's.", dt.date(1987, 6, 1)), "44,600")
    assert stake.source == "Corporate Life Insurance Co" and "commission" not in (stake.metric or "")


def test_a_bond_issue_s_terms_belong_to_the_issue_not_to_the_dateline_country():
    doc = Document(path="bond.md", raw="", format="markdown", date=dt.date(1987, 3, 19),
                   text="LONDON, March 19 - A new eurobond was launched today.\n\n"
                        "Fees comprise 1-1/2 pct selling concession and 1/2 pct each for management and underwriting.",
                   front_matter={"places": ["uk"]})
    fees = _claim(extract_claims(doc), "1-1/2 pct")
    assert fees.metric == "bond fees" and fees.entity is None


def test_a_consolidated_net_profit_is_net_income_and_no_country_s():
    claims = extract_claims(Document(path="p.md", raw="", format="markdown", date=dt.date(1987, 3, 12),
                                     text="PARIS, March 12 - Telemecanique posted a consolidated net profit of "
                                          "236.8 mln francs in 1986.", front_matter={"places": ["france"]}))
    profit = _claim(claims, "236.8")
    assert profit.metric == "net income" and profit.entity != "France"


def test_figures_of_a_span_from_one_month_to_another_take_the_whole_span():
    claims = _wire("Soviet industrial production from January to March grew by 2.5 pct compared with the same "
                   "period last year, but fell short of its target by 0.8 pct, official statistics showed.",
                   dt.date(1987, 4, 24))
    growth = _claim(claims, "2.5 pct")
    assert (growth.period.start, growth.period.end, growth.period.point) == \
        (dt.date(1987, 1, 1), dt.date(1987, 3, 31), False)


def test_the_period_of_a_compared_figure_is_not_carried_to_the_next_sentence():
    claims = _wire("Retail energy prices rose by 0.3 pct, less than January's 1.1 pct increase. Energy prices "
                   "for consumers were still nine pct lower than a year earlier, it said.", dt.date(1987, 4, 17))
    assert _claim(claims, "0.3 pct").period.implied and _claim(claims, "1.1 pct").period.text == "January"
    assert _claim(claims, "nine pct").period.implied


def test_a_forecast_after_the_figure_makes_a_target_and_a_past_result_stays_one():
    text = ("LONDON, March 9 - Dealers said a further half-point cut in base rates to 9-1/2 pct was bound "
            "to occur within the next week.\n\nBank lending rose 5 pct in February, the central bank said, "
            "and it expected a further rise in March.\n")
    claims = extract_claims(_doc(text, dt.date(1987, 3, 9)))
    assert _claim(claims, "9-1/2").kind == "target"
    assert _claim(claims, "5 pct").kind == "change"


def _titled(text, title, places=(), date=dt.date(1987, 3, 13)):
    doc = Document(path="w.md", raw=text, text=text, format="text", date=date, title=title,
                   front_matter={"places": list(places)})
    return extract_claims(doc)


def test_the_story_s_company_owns_the_results_it_reports():
    # a short name of the lead's company speaking, not the market of the headline
    claims = _titled("Harrow Brewing Ltd said its share of the\nCanadian beer market held at 38 pct.\n\n"
                     "Harrow earlier reported profits in the second quarter ended January 31 rose 12 pct to "
                     "31.5 mln dlrs from 28.1 mln a year earlier.\n", "HARROW HOLDS SHARE OF CANADIAN BEER MARKET",
                     ["canada"])
    assert {c.entity for c in claims} == {"Harrow Brewing"}
    # "the bank", "the company": the bracketed company of the lead
    claims = _titled("<Dominion Bank of Canada>, in reporting a 12 pct drop in first quarter earnings, said it "
                     "expects better results.\n\nThe bank earlier reported profit for the first quarter ended "
                     "January 31 fell to 96 mln dlrs from 109 mln dlrs a year\nago.\n\n"
                     "Year-to-date loans rose 4.1 pct, the\ncompany said.\n", "DOMINION BANK SEES BETTER RESULTS",
                     ["canada"])
    assert {c.entity for c in claims} == {"Dominion Bank of Canada"}


def test_a_unit_the_lead_names_owns_its_figures_not_the_parent():
    text = ("Borden Tool Inc said it completed the sale of its Ketch Valve Corp unit to an investor group.\n\n"
            "Borden Tool said the unit had 1986 sales of 41 mln dlrs.\n\n"
            "Borden Tool said Ketch makes industrial valves and last year had profits of 3.2 mln dlrs.\n")
    claims = _titled(text, "BORDEN TOOL <BTL> SELLS KETCH VALVE UNIT")
    assert _claim(claims, "41 mln").entity == "Ketch Valve"
    assert _claim(claims, "3.2 mln").entity == "Ketch Valve"
    # a unit the story does not name is no one's rather than the parent's
    claims = _titled("Borden Tool Inc said it sold a unit.\n\nBorden Tool said the unit had 1986 sales of "
                     "41 mln dlrs.\n", "BORDEN TOOL <BTL> SELLS UNIT")
    assert _claim(claims, "41 mln").entity is None


def test_an_after_clause_dates_and_measures_the_earlier_figure():
    claims = _wire("Actual reserves rose by 1.2 billion dlrs, after rising 300 mln in February, to 22.1 billion. "
                   "Total reserves were revalued to 27.04 billion dlrs.", dt.date(1987, 4, 2))
    main, earlier, level, total = (_claim(claims, n) for n in ("1.2 billion", "300", "22.1", "27.04"))
    assert (main.period.implied, earlier.period.text, level.period.implied, total.period.implied) == \
        (True, "in February", True, True)
    assert {main.metric, earlier.metric, level.metric} == {"actual reserve"}
    claims = _wire("Capital repayments totalled 14 mln dlrs last month, after February's two mln dlrs repayment.",
                   dt.date(1987, 4, 2))
    assert [(c.period.text, c.metric) for c in claims] == [("last month", "capital repayment"),
                                                           ("February", "capital repayment")]


def test_an_expected_rebate_for_licences_to_a_month_end_is_for_the_coming_one():
    claims = _wire("London traders had expected the rebate for the current season campaign for licences to end-Aug "
                   "to be more than 45.00 Ecus per 100 kilos.", dt.date(1987, 3, 25))
    rebate = _claim(claims, "45.00")
    assert (rebate.period.end, rebate.kind) == (dt.date(1987, 8, 31), "target")


def test_a_possessive_period_leaves_no_s_in_the_metric_and_a_named_target_is_measured():
    claims = _wire("Rates could rise further if money supply growth rose above this year's eight pct target for M-4, "
                   "defined as liquid assets in public hands.", dt.date(1987, 3, 24))
    assert _claim(claims, "eight pct").metric == "M-4 target"
    claims = _wire("The workers are seeking a wage rise above this year's five pct inflation target set by the "
                   "government.", dt.date(1987, 3, 22))
    assert _claim(claims, "five").metric == "inflation target"
    # the figure compared with takes the metric of the one it is compared with, not what is left of "1985's"
    claims = _wire("Paper production hit a record 71 mln tons, 5.9 pct above 1985's 67 mln tons.", dt.date(1987, 3, 9))
    assert _claim(claims, "67 mln").metric == "paper production"
    # a named target is no measure the figures after it share
    claims = _wire("Employers held wage increases to the five pct inflation target, with new wage pacts "
                   "averaging 5.6 pct.", dt.date(1987, 4, 9))
    assert _claim(claims, "5.6 pct").metric != "inflation target"
    # "below target" names none
    claims = _wire("The budget deficit was cut to 141.1 billion francs, 2.5 billion francs below target.",
                   dt.date(1987, 3, 16))
    assert "target" not in (_claim(claims, "2.5 billion").metric or "")


def _on_the_day(claim, day):
    return claim.period is not None and claim.period.point and claim.period.start == claim.period.end == day


def test_a_running_total_of_a_season_is_a_level_of_the_day():
    day = dt.date(1987, 4, 13)
    claims = _wire("The new credits raise the cumulative fiscal 1987 program for farm exports to Tunisia to "
                   "212.5 mln dlrs from 198.0 mln.", day)
    assert _on_the_day(_claim(claims, "212.5"), day)
    assert _claim(claims, "198.0").period is None          # the level of some earlier day
    claims = _wire("The country has commitments to ship a further 210,300 tonnes this year.", day)
    assert _on_the_day(_claim(claims, "210,300"), day)


def test_a_weeks_sales_for_a_season_are_that_weeks():
    day = dt.date(1987, 3, 19)
    claims = _wire("Wheat sales of 201,500 tonnes for the current season and 64,000 tonnes for the 1987/88 "
                   "season were down from the previous week.", day)
    assert _on_the_day(_claim(claims, "201,500"), day) and _on_the_day(_claim(claims, "64,000"), day)
    claims = _wire("Exporters reported sales of 120,000 tonnes of sorghum for delivery to Mexico during the "
                   "1986/87 marketing season.", day)
    assert _on_the_day(_claim(claims, "120,000"), day)


def test_a_seasons_own_total_keeps_its_span():
    day = dt.date(1987, 3, 19)
    claims = _wire("The 1986/87 sugar crop is estimated at 3.71 mln tonnes.", day)
    assert _claim(claims, "3.71").period.text == "1986/87"
    claims = _wire("The firm put its sales for 1987 at 410 mln dlrs.", day)
    assert _claim(claims, "410").period.text == "for 1987"
    # a commitment that is what the year is to bring, and a finished year's cumulative figure
    claims = _wire("Moscow will likely keep its commitment to buy at least two mln tonnes of wheat this year.", day)
    assert _claim(claims, "two mln").period.text == "this year"
    claims = _wire("The cumulative exports of 1986 reached 1.4 mln tonnes.", day)
    assert _claim(claims, "1.4 mln").period.start == dt.date(1986, 1, 1)
    # a cumulative preferred stock is a kind of stock, no running total
    claims = _wire("Holders of its cumulative convertible preferred stock converted 1.2 mln shares this year.", day)
    assert _claim(claims, "1.2 mln").period.text == "this year"


def test_where_a_deal_goes_or_a_count_is_taken_is_part_of_the_metric():
    said = "The CCC accepted a bonus offer from an exporter on the sale of {} head of dairy cattle to {}, USDA said."
    to_morocco = _wire(said.format(13, "Morocco"))[0]
    to_canaries = _wire(said.format(75, "the Canary Islands"))[0]
    assert to_morocco.metric.endswith("sale to Morocco")
    assert to_canaries.metric.endswith("sale to Canary Islands")
    portland = _wire("There were six grain ships loading at Portland, the exchange said.")[0]
    orleans = _wire("Nine grain ships were loading at New Orleans elevators, trade sources said.")[0]
    assert (portland.metric, orleans.metric) == ("grain ship at Portland", "grain ship at New Orleans")


def test_a_deal_place_is_not_the_owner_nor_a_name_said_before_the_deal():
    # the country that imports is the entity, not a qualifier
    assert _wire("Morocco's imports rose 12 pct in 1986.")[0].metric == "import"
    # a letter to someone says nothing of where the sales go
    claim = _wire("He said in a letter to Congressmen that sales worth five billion dlrs could be lost.")[0]
    assert "Congressmen" not in (claim.metric or "")
    # a figure bound to the place, or a metric naming it already, gets nothing appended
    claims = _wire("Exports to Europe rose 17.3 pct to 413,462 units.")
    assert all("to Europe" not in (c.metric or "") for c in claims)
