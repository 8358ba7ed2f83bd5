import datetime as dt

import pytest
from tests.compare.claimkit import check, file_result, make_claim, year

from factlint.config import Config


def bracketed(dollars_text, dollars, published=dt.date(2022, 12, 9)):
    yuan = make_claim("exceeded 900 billion yuan", 900e9, "CNY", qualifier="over",
                      metric="core digital economy industries added value", path="a.txt", offset=100,
                      period=year(2021, "last year"))
    usd = make_claim(dollars_text, dollars, "USD", metric="core digital economy industries added value",
                     path="a.txt", offset=127, equivalent_of=yuan.id, period=year(2021, "last year"))
    return [file_result("a.txt", [yuan, usd], published)]


def test_judgement_3_the_seed_equivalent_matches_the_december_2022_rate():
    assert check(bracketed("US$128.8 billion", 128.8e9), select=["FL3"]).findings == []


def test_an_equivalent_off_by_more_than_a_few_percent_is_reported():
    result = check(bracketed("US$150 billion", 150e9), select=["FL3"])
    assert [f.rule for f in result.findings] == ["FL301"]
    f = result.findings[0]
    assert f.message == ("US$150 billion as the equivalent of over 900 billion yuan implies 6 CNY per USD; "
                         "the 2022-12 average was 6.975 CNY per USD (+16.3%), which gives about 129 billion USD")
    assert f.related[0].text == "exceeded 900 billion yuan"


def test_the_publication_month_decides_not_the_period():
    # 900/128.8 = 6.99: right for December 2022, 8% off 2021's average of 6.45.
    assert check(bracketed("US$128.8 billion", 128.8e9, published=dt.date(2022, 12, 9)), select=["FL3"]).findings == []
    assert check(bracketed("US$128.8 billion", 128.8e9, published=dt.date(2021, 6, 1)),
                 select=["FL3"]).findings != []


def test_a_users_rate_table_replaces_the_built_in_one(tmp_path):
    rates = tmp_path / "rates.yaml"
    rates.write_text('source: "desk table"\nbase: USD\nrates:\n  CNY: {"2022-11": 6.0}\n')
    config = Config.default(tmp_path).model_copy(update={"rates_file": rates})
    # Nearest earlier month (2022-11) applies to a December article: 6.0 makes 128.8 billion 14% off.
    assert [f.rule for f in check(bracketed("US$128.8 billion", 128.8e9), select=["FL3"], config=config).findings] \
        == ["FL301"]
    assert check(bracketed("US$150 billion", 150e9), select=["FL3"], config=config).findings == []


def test_no_rate_for_the_date_means_no_judgement():
    assert check(bracketed("US$150 billion", 150e9, published=dt.date(1987, 3, 2)), select=["FL3"]).findings == []


@pytest.mark.parametrize("bad,where", [
    ('source: x\nrates:\n  CNY: {"2022-13": 6.0}\n', "month"),
    ('source: x\nrates:\n  CNY: {"2022-01": -1}\n', "positive"),
    ('source: x\nrates:\n  yuan: {"2022-01": 6.0}\n', "ISO"),
    ('rates:\n  CNY: {"2022-01": 6.0}\n', "source"),
    ('source: x\nrate: {}\n', "unknown key 'rate'"),
])
def test_a_bad_rate_table_is_a_config_error_with_its_position(tmp_path, bad, where):
    from factlint.errors import ConfigError
    from factlint.normalize.currency import load_rates

    path = tmp_path / "rates.yaml"
    path.write_text(bad)
    with pytest.raises(ConfigError) as err:
        load_rates(path)
    assert where in str(err.value)
    assert str(err.value).startswith(str(path) + ":")
