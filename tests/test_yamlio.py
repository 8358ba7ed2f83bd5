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


# Parsed files kept between runs ------------------------------------------------------------

class MemoryStore:
    def __init__(self):
        import os

        self.pid = os.getpid()
        self.data: dict[str, bytes] = {}
        self.gets = 0

    def get(self, key):
        self.gets += 1
        return self.data.get(key)

    def put(self, key, data):
        self.data[key] = data


TRICKY = """\
plain: text
numbers: [1, -2, 3.5, 1e3, .inf, -.inf, .nan, 0x1F, 1_000, 123456789012345678901234567890]
flags: [true, false, yes, no, on, off, null, ~]
date: 2023-05-16
1: integer key
nested:
  - {a: 1, b: [x, y]}
  - - deeper
    - "quoted: yes"
empty_list: []
empty_map: {}
anchors: &a {k: v}
alias: *a
"""


def test_a_kept_parse_gives_what_parsing_gives(tmp_path):
    import math

    from factlint.yamlio import load_yaml, parsed_store

    f = tmp_path / "t.yaml"
    f.write_text(TRICKY, encoding="utf-8")
    plain = load_yaml(f)
    store = MemoryStore()
    with parsed_store(store):
        first = load_yaml(f)
        assert len(store.data) == 1
        second = load_yaml(f)  # from the store

    def same(a, b):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        if isinstance(a, dict):
            return type(b) is dict and list(a) == list(b) and all(same(a[k], b[k]) for k in a) \
                and all(type(k) is type(kb) for k, kb in zip(a, b))
        if isinstance(a, list):
            return type(b) is list and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        return type(a) is type(b) and a == b

    for got in (first, second):
        assert same(plain[0], got[0]) and plain[1] == got[1]
    assert store.gets == 2


def test_a_damaged_kept_parse_is_parsed_again(tmp_path):
    from factlint.yamlio import load_yaml, parsed_store

    f = tmp_path / "t.yaml"
    f.write_text("a: [1, 2]\n", encoding="utf-8")
    store = MemoryStore()
    with parsed_store(store):
        load_yaml(f)
        key = next(iter(store.data))
        store.data[key] = b'[{"zz": 1}, []]'
        assert load_yaml(f) == ({"a": [1, 2]}, {("a",): (1, 1), ("a", 0): (1, 5), ("a", 1): (1, 8)})
        assert store.data[key] != b'[{"zz": 1}, []]'


def test_a_store_of_another_process_is_not_used(tmp_path):
    from factlint.yamlio import load_yaml, parsed_store

    f = tmp_path / "t.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    store = MemoryStore()
    store.pid = -1  # as a forked extraction worker sees its parent's store
    with parsed_store(store):
        assert load_yaml(f)[0] == {"a": 1}
    assert store.gets == 0 and store.data == {}


def test_what_cannot_be_kept_exactly_is_parsed_each_time(tmp_path):
    from factlint.yamlio import load_yaml, parsed_store

    f = tmp_path / "t.yaml"
    f.write_text("2.5: a float key\nwhen: 2023-05-16 10:00:00\n", encoding="utf-8")
    plain = load_yaml(f)
    store = MemoryStore()
    with parsed_store(store):
        assert load_yaml(f) == plain
    assert store.data == {}


def test_errors_are_not_kept(tmp_path):
    from factlint.yamlio import load_yaml, parsed_store

    f = tmp_path / "t.yaml"
    f.write_text("a: [1, 2\n", encoding="utf-8")
    store = MemoryStore()
    with parsed_store(store):
        for _ in range(2):
            with pytest.raises(ConfigError, match="t.yaml"):
                load_yaml(f)
    assert store.data == {}


def test_a_kept_plain_parse_gives_what_the_safe_parser_gives(tmp_path):
    from ruamel.yaml import YAML

    from factlint.yamlio import load_plain, parsed_store

    f = tmp_path / "table.yaml"
    f.write_text("units:\n  - {name: tonne, factor: 1000.0, since: 2021-01-01}\n  - [1, 2, .inf]\n"
                 "7: seven\n", encoding="utf-8")
    expected = YAML(typ="safe").load(f.read_text(encoding="utf-8"))
    store = MemoryStore()
    with parsed_store(store):
        assert load_plain(f) == expected and len(store.data) == 1
        assert load_plain(f) == expected and store.gets == 2
    assert load_plain(f) == expected
