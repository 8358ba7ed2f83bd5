import datetime as dt

import pytest
from tests.compare.claimkit import as_of, check, file_result, make_claim, year

from factlint.errors import ConfigError
from factlint.rules.reference import ReferenceFact, load_reference

FACTS = """\
facts:
  - entity: Shenzhen
    metric: 5G base stations
    period: "2021"
    value: 51000
    unit: count
    kind: level
    source: "Shenzhen Municipal Industry and Information Technology Bureau"
    url: "https://example.org/sz"
  - entity: China
    metric: GDP
    period: {start: "2021-01", end: "2021-12"}
    value: 114367000000000
    unit: CNY
    source: "National Bureau of Statistics"
"""


def stations(text, value, qualifier=None, path="c.txt"):
    return make_claim(text, value, qualifier=qualifier, path=path,
                      period=as_of(dt.date(2021, 12, 31), "as of the end of 2021"))


def facts(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text(FACTS)
    return load_reference(path)


def test_a_contradicted_claim_is_an_error_naming_the_reference(tmp_path):
    result = check([file_result("c.txt", [stations("61,000", 61000)], dt.date(2022, 1, 24))],
                   select=["FL501"], facts=facts(tmp_path))
    assert [(f.rule, f.severity) for f in result.findings] == [("FL501", "error")]
    assert result.findings[0].message == ("Shenzhen · 5G base stations · as of 2021-12-31: 61,000 contradicts the "
                                          "reference value 51,000 count (Shenzhen Municipal Industry and "
                                          "Information Technology Bureau)")


def test_confirmed_claims_are_marked_verified_in_the_findings_that_carry_them(tmp_path):
    over = stations("over 50,000", 50000, "over", path="a.txt")
    flat = stations("51,000", 51000)
    # A missing-source finding on the same claims shows them verified.
    files = [file_result("a.txt", [over.model_copy(update={"source": None})], dt.date(2022, 12, 9)),
             file_result("c.txt", [flat.model_copy(update={"source": None})], dt.date(2022, 1, 24))]
    result = check(files, select=["FL401", "FL501"], facts=facts(tmp_path))
    assert [f.rule for f in result.findings] == ["FL401", "FL401"]
    assert all(f.claims[0].verified_by and "Shenzhen Municipal" in f.claims[0].verified_by for f in result.findings)


def test_currency_and_period_spans_in_facts(tmp_path):
    usd = make_claim("US$17.7 trillion", 17.7e12, "USD", entity="China", metric="GDP", path="x.txt",
                     period=year(2021))
    wrong = make_claim("US$15 trillion", 15e12, "USD", entity="China", metric="GDP", path="y.txt",
                       period=year(2021))
    other_year = make_claim("121 trillion yuan", 121e12, "CNY", entity="China", metric="GDP", path="z.txt",
                            period=year(2022))
    result = check([file_result("x.txt", [usd]), file_result("y.txt", [wrong]), file_result("z.txt", [other_year])],
                   select=["FL501"], facts=facts(tmp_path))
    assert [f.path for f in result.findings] == ["y.txt"]


@pytest.mark.parametrize("text,message", [
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: 1\n    unit: count\n    source: y\n"
     "    note: z\n", ":8:5: unknown key 'note'"),
    ("facts:\n  - entity: X\n    metric: m\n    period: 'last year'\n    value: 1\n    unit: count\n    source: y\n",
     "is not a period"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: lots\n    unit: count\n    source: y\n",
     "value"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: '51000'\n    unit: count\n    source: y\n",
     ":5:5: facts.0.value: Input should be a valid number (got '51000')"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: .nan\n    unit: count\n    source: y\n",
     ":5:5: facts.0.value: a fact's value must be a finite number (got nan)"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: 1\n    unit: parsecs\n    source: y\n",
     ":6:5: facts.0.unit: 'parsecs' is not a unit claims are measured in (units: byte, count,"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: 1\n    unit: '%'\n    source: y\n",
     "'%' is not a unit claims are measured in; did you mean 'percent'?"),
    ("facts:\n  - entity: X\n    metric: m\n    period: '2021'\n    value: 1\n    unit: yuan\n    source: y\n",
     "did you mean 'CNY'?"),
])
def test_a_bad_reference_file_is_a_config_error_with_file_line_column(tmp_path, text, message):
    path = tmp_path / "facts.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_reference(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)


def test_fact_periods():
    assert ReferenceFact(entity="a", metric="b", period=2021, value=1, unit="count", source="s").as_period().label() \
        == "2021"
    point = ReferenceFact(entity="a", metric="b", period="2021-12-31", value=1, unit="count", source="s").as_period()
    assert point.point and point.end == dt.date(2021, 12, 31)
    month = ReferenceFact(entity="a", metric="b", period="2022-06", value=1, unit="count", source="s").as_period()
    assert (month.start, month.end) == (dt.date(2022, 6, 1), dt.date(2022, 6, 30))


def test_a_fact_answers_to_the_metric_names_it_lists_as_aliases():
    end_2021 = as_of(dt.date(2021, 12, 31), "at the end of 2021")
    permanent = make_claim("17.68 million", 17.68e6, metric="permanent population", path="glance.md",
                           period=end_2021)
    wrong = make_claim("19.2 million", 19.2e6, metric="permanent population", path="old.md", period=end_2021)
    files = [file_result("glance.md", [permanent], dt.date(2023, 2, 1)),
             file_result("old.md", [wrong], dt.date(2023, 2, 1))]
    fact = dict(entity="Shenzhen", metric="population", period="2021-12-31", value=17681800, unit="count",
                tolerance=0.01, source="Shenzhen Statistics Bureau")
    # Without the alias, "permanent population" is not "population": neither confirmed nor contradicted.
    assert check(files, select=["FL501"], facts=[ReferenceFact(**fact)]).findings == []
    result = check(files, select=["FL501"],
                   facts=[ReferenceFact(**fact, aliases=["permanent population", "permanent residents"])])
    assert [(f.rule, f.path) for f in result.findings] == [("FL501", "old.md")]


def test_fact_units_are_those_claims_carry_or_currency_codes():
    for unit in ("count", "rank", "percent", "pp", "byte", "CNY", "USD", "VND"):
        assert ReferenceFact(entity="a", metric="b", period=2021, value=1, unit=unit, source="s").unit == unit
