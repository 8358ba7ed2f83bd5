import datetime as dt

from tests.compare.claimkit import as_of, check, file_result, make_claim

from factlint.rules.reference import ReferenceFact

END_2021 = as_of(dt.date(2021, 12, 31), "as of the end of 2021")
SENTENCE = ("By the end of 2021, Shenzhen had built 51,000 5G base stations, or 28.5 base stations "
            "per 10,000 people.")


def c_article(rate_value=28.5, rate_text="28.5 base stations per 10,000 people"):
    count = make_claim("51,000", 51000, path="c.txt", offset=40, sentence=SENTENCE, period=END_2021,
                       counted="5G base stations")
    rate = make_claim(rate_text, rate_value, "count", kind="rate", path="c.txt", offset=66, sentence=SENTENCE,
                      period=END_2021, metric="5G base stations per 10,000 people", rate_base=10000,
                      rate_unit="people", counted="base stations")
    return [file_result("c.txt", [count, rate], dt.date(2022, 1, 24))]


def population(value, tolerance=0.0):
    return ReferenceFact(entity="Shenzhen", metric="population", period="2021-12-31", value=value, unit="count",
                         tolerance=tolerance, source="Shenzhen Statistics Bureau")


def test_51000_at_28_5_per_10000_implies_17_9_million_which_the_reference_confirms():
    result = check(c_article(), select=["FL302"], facts=[population(17681800, 0.01)])
    assert result.findings == []


def test_a_reference_population_far_from_the_implied_one_is_reported():
    result = check(c_article(), select=["FL302"], facts=[population(13_000_000)])
    assert [f.rule for f in result.findings] == ["FL302"]
    f = result.findings[0]
    assert f.message == ("51,000 at 28.5 base stations per 10,000 people implies 17.9 million people, "
                         "but Shenzhen Statistics Bureau gives 13 million (+37.7%)")
    assert [r.text for r in f.related] == ["51,000"]


def test_a_population_claim_elsewhere_in_the_corpus_checks_the_rate_too():
    pop = make_claim("13.4 million", 13.4e6, path="old.txt", metric="population", period=END_2021)
    files = c_article() + [file_result("old.txt", [pop], dt.date(2022, 3, 1))]
    result = check(files, select=["FL302"])
    assert [f.rule for f in result.findings] == ["FL302"]
    assert {r.path for r in result.findings[0].related} == {"c.txt", "old.txt"}
    right = make_claim("17.68 million", 17.68e6, path="new.txt", metric="population", period=END_2021)
    assert check(c_article() + [file_result("new.txt", [right], dt.date(2022, 3, 1))], select=["FL302"]).findings == []


def test_a_population_of_another_story_with_no_period_is_no_check_of_a_rate_with_none():
    # "no period" in two stories is no shared time: such claims meet only within their story
    files = c_article()
    for c in files[0].claims:
        c.period = None
    pop = make_claim("13.4 million", 13.4e6, path="old.txt", metric="population")
    pop.period = None
    assert check(files + [file_result("old.txt", [pop], dt.date(2022, 3, 1))], select=["FL302"]).findings == []
    pop.period = END_2021
    for c in files[0].claims:
        c.period = END_2021
    assert [f.rule for f in check(files + [file_result("old.txt", [pop], dt.date(2022, 3, 1))],
                                  select=["FL302"]).findings] == ["FL302"]


def test_nothing_to_check_against_means_no_finding():
    assert check(c_article(), select=["FL302"]).findings == []


MILESTONE = ("China had 2.31 million 5G base stations at the end of 2022, the ministry said. "
             "That works out to 25.1 5G base stations for every 10,000 people.")
END_2022 = as_of(dt.date(2022, 12, 31), "at the end of 2022")


def two_sentence_article(count_period=END_2022, counted="5G base stations"):
    first, second = MILESTONE.split(". ", 1)
    count = make_claim("2.31 million 5G base stations", 2.31e6, path="m.html", entity="China", offset=10,
                       sentence=first + ".", period=count_period, counted=counted, metric=counted)
    rate = make_claim("25.1 5G base stations", 25.1, "count", kind="rate", path="m.html", entity="China",
                      offset=len(first) + 20, sentence=second, period=END_2022,
                      metric="5G base stations per 10,000 people", rate_base=10000, rate_unit="people",
                      counted="5G base stations")
    return [file_result("m.html", [count, rate], dt.date(2023, 1, 20))]


def china(value):
    return ReferenceFact(entity="China", metric="population", period="2022-12-31", value=value, unit="count",
                         source="National Bureau of Statistics")


def test_a_count_in_the_sentence_before_the_rate_is_its_count():
    result = check(two_sentence_article(), select=["FL302"], facts=[china(1_411_750_000)])
    assert [f.rule for f in result.findings] == ["FL302"]
    assert "implies 920 million people" in result.findings[0].message
    assert check(two_sentence_article(), select=["FL302"], facts=[china(920_000_000)]).findings == []


def test_an_earlier_count_of_something_else_or_another_time_is_not_the_rates_count():
    other_year = as_of(dt.date(2021, 12, 31), "at the end of 2021")
    facts = [china(1_411_750_000)]
    assert check(two_sentence_article(count_period=other_year), select=["FL302"], facts=facts).findings == []
    assert check(two_sentence_article(counted="mobile phone users"), select=["FL302"], facts=facts).findings == []


def test_a_long_document_with_thousands_of_rates_is_checked_in_linear_time():
    """Each rate looked for its count among all the document's claims: a 50 MB newswire
    file (2,000 rates per 8 MB) took hours. The bound only catches that blow-up."""
    import time

    first, second = MILESTONE.split(". ", 1)
    claims = []
    blocks = 3000
    for i in range(blocks):
        at = i * 300
        # the count, and figures of other things in the same sentence
        claims.append(make_claim("2.31 million 5G base stations", 2.31e6, path="m.txt", entity="China", offset=at,
                                 sentence=f"{first} ({i}).", period=END_2022, counted="5G base stations",
                                 metric="5G base stations"))
        for k in range(8):
            claims.append(make_claim(f"{k + 1}.5 pct", k + 1.5, "percent", path="m.txt", entity="China",
                                     offset=at + 40 + 10 * k, sentence=f"{first} ({i}).", period=END_2022,
                                     metric="share of something"))
        claims.append(make_claim("25.1 5G base stations", 25.1, "count", kind="rate", path="m.txt", entity="China",
                                 offset=at + 150, sentence=second, period=END_2022,
                                 metric="5G base stations per 10,000 people", rate_base=10000,
                                 rate_unit="people", counted="5G base stations"))
    started = time.perf_counter()
    result = check([file_result("m.txt", claims, dt.date(2023, 1, 20))], select=["FL302"],
                   facts=[china(1_411_750_000)])
    elapsed = time.perf_counter() - started
    # every rate found the count in the sentence before it, not a figure of another block
    assert len(result.findings) == blocks
    assert all("implies 920 million people" in f.message for f in result.findings)
    assert elapsed < 20, f"{elapsed:.1f} s for {len(claims)} claims"
