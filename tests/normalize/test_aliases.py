import pytest

from factlint.errors import ConfigError
from factlint.normalize.aliases import (canonical_entity, canonical_metric, load_aliases, metric_key,
                                        metric_similarity, singular)


@pytest.mark.parametrize("name,canonical", [
    ("Shenzhen's", "Shenzhen"),
    ("Shenzhen’s", "Shenzhen"),
    ("PRC", "China"),
    ("the U.S.", "United States"),
    ("Thai", "Thailand"),
    ("NIPPON LIGHT METAL CO LTD <NLGT.T>", "Nippon Light Metal"),
    ("Tuesday Morning Inc", "Tuesday Morning"),
    ("new-zealand", "New Zealand"),
    ("Beijing and Shenzhen", "Beijing and Shenzhen"),
    # one firm however much of its legal form a story writes out
    ("Merrill Lynch and Co", "Merrill Lynch"),
    ("Merrill Lynch and Co Inc <MER>", "Merrill Lynch"),
    ("Salomon Brothers and Co, Inc", "Salomon Brothers"),
    ("Procter and Gamble Co", "Procter and Gamble"),
    ("", ""),
])
def test_canonical_entity(name, canonical):
    assert canonical_entity(name) == canonical


@pytest.mark.parametrize("text,canonical", [
    ("added value of core digital economy industries", "core digital economy industries added value"),
    ("value added of core digital economy industries", "core digital economy industries added value"),
    ("5G stations", "5G base stations"),
    ("5G base station", "5G base stations"),
    ("the number of newly registered digital economy enterprises", "newly registered digital economy enterprise"),
    ("the scale of the digital economy", "digital economy"),
    ("digital economy share of the GDP", "digital economy share of GDP"),
    ("the digital economy's share of GDP", "digital economy share of GDP"),
    ("micro, small and medium-sized enterprises", "MSMEs"),
    ("popularity rate of digital R&D tools", "digital R&D tool popularity rate"),
    ("5G base stations per 10,000 people", "5G base stations per 10,000 people"),
    ("Avg shrs", "average shares outstanding"),
])
def test_canonical_metric(text, canonical):
    assert canonical_metric(text) == canonical
    assert canonical_metric(canonical) == canonical      # idempotent: the compare stage re-canonicalizes


def test_singular_is_idempotent_and_keeps_acronyms():
    for word in ["industries", "processes", "stations", "MSMEs", "news", "analysis", "status", "5G", "gases"]:
        assert singular(singular(word)) == singular(word)
    assert singular("industries") == "industry" and singular("MSMEs") == "MSME" and singular("news") == "news"


def test_metric_key_ignores_order_case_plurals_and_small_words():
    assert metric_key("Added value of the core industries") == metric_key("core industry value added")


def test_similarity():
    a = canonical_metric("added value of core digital economy industries as a share of GDP")
    assert metric_similarity(a, "core digital economy industries added value share of GDP") == 100
    assert metric_similarity("digital economy share of GDP",
                             "core digital economy industries added value share of GDP") < 80
    assert metric_similarity("5G base stations", "5G base stations per 10,000 people") <= 50
    assert metric_similarity("digital economy", "digital economy share of GDP") <= 50
    assert metric_similarity("5G stations", "5G base stations", load_aliases()) == 100


def test_user_alias_file_is_merged(tmp_path):
    extra = tmp_path / "aliases.yaml"
    extra.write_text("entities:\n  Pearl River Delta: [PRD]\nentity_types:\n  Pearl River Delta: region\n"
                     "metrics:\n  broadband subscribers: [fixed broadband users]\n", encoding="utf-8")
    tables = load_aliases([extra])
    assert canonical_entity("PRD", tables) == "Pearl River Delta"
    assert tables.entity_type("Pearl River Delta") == "region"
    assert canonical_metric("fixed broadband users", tables) == "broadband subscribers"
    assert canonical_entity("PRC", tables) == "China"          # built-in entries stay
    assert tables.entity_pattern.search("Firms in the PRD grew") is not None


def test_bad_alias_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  China: [PRC]\nmetric:\n  x: [y]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_aliases([bad])
    assert "bad.yaml:3" in str(err.value) and "metric" in str(err.value)


def test_an_unknown_entity_type_is_an_error_naming_the_types(tmp_path):
    bad = tmp_path / "types.yaml"
    bad.write_text("entities:\n  Guangdong: [GD]\nentity_types:\n  Guangdong: Province\n  Shenzhen: metropolis\n",
                   encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_aliases([bad])
    assert "types.yaml:3:1: entity_types: Shenzhen: entity type 'metropolis' is not one of city, country" in str(err.value)
    bad.write_text("entity_types:\n  Guangdong: Province\n", encoding="utf-8")
    assert load_aliases([bad]).entity_type("Guangdong") == "province"
