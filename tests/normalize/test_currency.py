import datetime as dt

import pytest

from factlint.errors import ConfigError
from factlint.normalize.currency import builtin_rates, builtin_rates_path, load_rates

TABLE = """\
source: "test fixture: made-up monthly averages"
base: USD
rates:
  CNY:
    "2021-11": 6.40
    "2021-12": 6.37
    "2022-12": 6.98
  EUR:
    "2022-12": 0.95
"""


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "rates.yaml"
    path.write_text(TABLE)
    return load_rates(path)


def test_rate_of_a_month_and_of_a_missing_month(table):
    assert table.rate("CNY", dt.date(2022, 12, 9)) == 6.98
    assert table.rate("USD", dt.date(1987, 1, 1)) == 1.0
    # A month missing from the table takes the nearest earlier one...
    assert table.rate("CNY", dt.date(2022, 6, 30)) == 6.37
    # ...and a date before the table, or a currency it lacks, has no rate.
    assert table.rate("CNY", dt.date(2021, 10, 31)) is None
    assert table.rate("GBP", dt.date(2022, 12, 1)) is None


def test_convert_and_cross_rates(table):
    assert table.convert(900e9, "CNY", "USD", dt.date(2022, 12, 9)) == pytest.approx(128.94e9, rel=1e-3)
    assert table.convert(100, "EUR", "CNY", dt.date(2022, 12, 1)) == pytest.approx(100 / 0.95 * 6.98)
    assert table.convert(100, "GBP", "USD", dt.date(2022, 12, 1)) is None
    assert table.average_rate("CNY", dt.date(2021, 11, 1), dt.date(2021, 12, 31)) == pytest.approx(6.385)
    assert table.cross_rate("USD", "CNY", dt.date(2021, 11, 1), dt.date(2021, 12, 31)) == pytest.approx(6.385)


def test_the_built_in_table_covers_the_currencies_and_years_it_promises():
    rates = builtin_rates()
    assert rates.source and rates.base == "USD"
    for ccy in ("CNY", "EUR", "GBP", "JPY", "HKD"):
        for year in range(2015, 2027):
            assert rates.rate(ccy, dt.date(year, 1, 31)) is not None, (ccy, year)
    # Seed judgement 3: 900 billion yuan = US$128.8 billion is 6.99 yuan per dollar, close to December 2022.
    assert rates.rate("CNY", dt.date(2022, 12, 9)) == pytest.approx(900 / 128.8, rel=0.01)
    # The fast reader of the shipped table gives what the careful loader gives.
    assert rates == load_rates(builtin_rates_path())


def test_a_bad_table_names_its_file_and_line(tmp_path):
    path = tmp_path / "rates.yaml"
    path.write_text(TABLE.replace('"2021-12": 6.37', '"2021-12": "six"'))
    with pytest.raises(ConfigError, match=r"rates.yaml:6:5: .*2021-12"):
        load_rates(path)


def test_a_rate_written_as_text_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "rates.yaml"
    path.write_text(TABLE.replace('"2021-12": 6.37', '"2021-12": "6.37"'))
    with pytest.raises(ConfigError, match=r"rates.yaml:6:5: rates.CNY.2021-12: Input should be a valid number"):
        load_rates(path)


@pytest.mark.parametrize("value", ["0", "-6.4", ".inf", ".nan"])
def test_a_rate_must_be_positive_and_finite(tmp_path, value):
    path = tmp_path / "rates.yaml"
    path.write_text(TABLE.replace('"2021-12": 6.37', f'"2021-12": {value}'))
    with pytest.raises(ConfigError, match=r"rates.yaml:\d+:\d+: rates: CNY 2021-12: rate must be a positive finite"):
        load_rates(path)
