"""The unit tables: built-in YAML, user extensions, validation errors with positions."""

from __future__ import annotations

import pytest

from factlint.errors import ConfigError
from factlint.normalize.units import default_tables, load_units


def test_builtin_tables_have_the_expected_entries():
    t = default_tables()
    assert t.scales_ci["mln"].factor == 1e6 and t.scales_ci["tn"].factor == 1e12
    assert t.scales_ci["k"].attached and t.scales_ci["m"].currency_only
    assert (t.units_ci["pct"].unit, t.units_ci["percentage points"].unit) == ("percent", "pp")
    assert t.units_ci["cts"].factor == 0.01 and t.units_ci["cts"].unit == "USD"
    assert t.units_cs["ZB"].unit == "byte" and "zb" not in t.units_ci
    assert t.before_currency["hk$"].unit == "HKD" and t.before_currency["¥"].switch[0] == "CNY"
    assert t.qualifiers_before["just under"] == "nearly" and t.qualifiers_after["or more"] == "at_least"
    assert t.delta("about") == 0.1
    assert default_tables() is t          # loaded once


def test_user_table_overrides_names_and_deltas(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("scales:\n  - factor: 1.0e8\n    names: [yi]\n"
                    "currencies:\n  - code: USD\n    after: [bucks]\n"
                    "qualifiers:\n  nearly:\n    delta: 0.05\n    before: [all but]\n")
    t = load_units([path])
    assert t.scales_ci["yi"].factor == 1e8
    assert t.units_ci["bucks"].unit == "USD"
    assert t.delta("nearly") == 0.05 and t.qualifiers_before["all but"] == "nearly"
    assert "bucks" not in default_tables().units_ci


@pytest.mark.parametrize("body, where, words", [
    ("units:\n  - unit: TEU\n    dimension: containers\n    factr: 2\n", ":4:5", "unknown key 'factr'"),
    ("currencies:\n  - code: dollars\n    after: [x]\n", ":2:5", "code"),
    ("scales:\n  - factor: -3\n    names: [x]\n", ":2:5", "factor"),
    ("qualifiers:\n  roughly: {before: [x]}\n", ":2:3", "roughly"),
    ("units: [\n", "", "invalid YAML"),
])
def test_bad_user_table_names_file_line_column(tmp_path, body, where, words):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_units([path])
    message = str(err.value)
    assert message.startswith(str(path) + where)
    assert words in message
    assert "\n" not in message


def test_missing_user_table_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_units([tmp_path / "nope.yaml"])


@pytest.mark.parametrize("text, expected", [
    # Reuters 1987-06-29: the second figure has the qualifier, the first has none of its own
    ("shares of not less than\n1.935 or more than 1.200 shares of Barnett stock",
     [("not less than\n1.935", "at_least"), ("more than 1.200 shares", "over")]),
    ("sales rose 5 pct and more than 10 pct in some months", [("5 pct", None), ("more than 10 pct", "over")]),
    ("it cut 5 and over 10 jobs", [("5", None), ("over 10 jobs", "over")]),
    ("residents aged 65 and over, the survey said", [("65 and over", "at_least")]),
    ("exports of 5 mln tonnes or more.", [("5 mln tonnes or more", "at_least")]),
])
def test_or_more_after_a_number_is_not_the_start_of_the_next_figure(text, expected):
    from factlint.extract.quantities import scan_quantities

    found = scan_quantities(text)
    assert [(q.text, q.qualifier) for q in found] == expected
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))  # no two figures share a word
