"""The shared safe loader every user-written YAML file goes through."""

import time

import pytest

from factlint.errors import ConfigError
from factlint.yamlio import parse_yaml


def test_python_object_tags_are_refused_with_their_position():
    text = "facts:\n  - entity: Shenzhen\n    value: !!python/object/apply:os.system [\"echo hi\"]\n"
    with pytest.raises(ConfigError) as err:
        parse_yaml(text, "reference-facts.yaml")
    assert (err.value.line, err.value.column) == (3, 12)
    assert "python/object/apply" in err.value.message


def test_alias_bomb_is_refused_quickly():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]")
    start = time.perf_counter()
    with pytest.raises(ConfigError, match="expand"):
        parse_yaml("\n".join(lines) + "\n", "rates.yaml")
    assert time.perf_counter() - start < 0.5


def test_plain_data_with_dates_and_merge_keys_loads():
    data, positions = parse_yaml("base: &b {unit: count}\nfact:\n  <<: *b\n  period: 2021-12-31\n", "x.yaml")
    assert data["fact"]["unit"] == "count"
    assert positions[("fact", "period")] == (4, 3)


def test_a_misspelt_key_is_named_before_the_key_it_makes_missing():
    from pydantic import BaseModel, ConfigDict

    from factlint.yamlio import model_from_data

    class Fact(BaseModel):
        model_config = ConfigDict(extra="forbid")
        entity: str
        source: str

    data, positions = parse_yaml("entity: Shenzhen\nsorce: bureau\n", "facts.yaml")
    with pytest.raises(ConfigError) as err:
        model_from_data(data, positions, Fact, "facts.yaml")
    assert (err.value.line, err.value.column) == (2, 1)
    assert "unknown key 'sorce'" in err.value.message


@pytest.mark.parametrize("text", [
    "select: " + "[" * 2000 + "]" * 2000 + "\n",
    "options:\n  FL101: " + "{a: " * 200 + "1" + "}" * 200 + "\n",
])
def test_runaway_bracket_nesting_is_refused_at_once_with_its_position(text):
    start = time.perf_counter()
    with pytest.raises(ConfigError) as err:
        parse_yaml(text, "factlint.yaml")
    elapsed = time.perf_counter() - start
    assert "nested more than 64 levels" in err.value.message
    assert err.value.line == text.count("\n", 0, text.index("[" if "[" in text else "{")) + 1
    assert err.value.column is not None and err.value.column > 64
    assert elapsed < 0.5, elapsed  # ruamel's scanner alone took seconds on the first case


def test_brackets_in_quotes_and_comments_and_balanced_text_do_not_count():
    deep = "[" * 100
    data, _ = parse_yaml(f"a: '{deep} it''s {deep}'\nb: \"{deep} \\\" {deep}\"\n# {deep}\n"
                         + "".join(f"c{i}: see [1] and [2]\n" for i in range(80)) + "d: [[1, 2], {e: [3]}]\n",
                         "x.yaml")
    assert data["a"] == f"{deep} it's {deep}" and data["b"] == f'{deep} " {deep}'
    assert data["c79"] == "see [1] and [2]" and data["d"] == [[1, 2], {"e": [3]}]


def test_an_explicit_str_tag_is_plain_data():
    data, _ = parse_yaml("fail-level: !!str warning\nselect: [!!str FL101]\n", "factlint.yaml")
    assert data == {"fail-level": "warning", "select": ["FL101"]}
