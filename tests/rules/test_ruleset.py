import pytest

from factlint.config import load_config
from factlint.errors import ConfigError
from factlint.rules.ruleset import configured_ruleset, load_rule_file, load_ruleset

GOOD = """\
rules:
  - id: FL701
    name: target-needs-source
    type: missing-source
    severity: warning
    message: "{subject}: a target ({text}) must say who set it"
    description: Targets need an owner.
    options:
      kinds: [target]
      min_count: 0
"""


def write(tmp_path, text, name="house.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_built_in_rules_cover_every_type_with_examples():
    ruleset = load_ruleset()
    types = {r.type for r in ruleset.rules}
    assert types == {"conflict", "unit-mismatch", "conversion", "derived", "missing-source", "reference", "sanity",
                     "unused-suppression"}
    for rule in ruleset.rules:
        assert rule.description and rule.message
        expects = [rule.id in ex.expect for ex in rule.examples]
        assert True in expects and False in expects, f"{rule.id} needs a must and a must-not example"


def test_a_users_rule_file_adds_rules(tmp_path):
    ruleset = load_ruleset([write(tmp_path, GOOD)])
    rule = ruleset.get("fl701")
    assert rule.options.kinds == ["target"] and rule.severity == "warning"
    assert "FL101" in ruleset.by_id


@pytest.mark.parametrize("change,position,text", [
    (("    description: Targets need an owner.\n", "    description: x\n    level: error\n"), ":8:5:",
     "unknown key 'level'"),
    (("type: missing-source", "type: missing-sauce"), ":4:", "unknown rule type 'missing-sauce'"),
    (("      min_count: 0\n", "      min_count: 0\n      colour: red\n"), ":11:7:", "unknown key 'colour'"),
    (("kinds: [target]", "kinds: [targets]"), ":9:", "kinds"),
    (("severity: warning", "severity: fatal"), ":5:", "severity"),
    (("id: FL701", "id: X701"), ":2:", "id"),
    (("{text}", "{txet}"), ":6:", "unknown placeholder {txet}"),
    (("{text}", "{text"), ":6:", "bad message template"),
])
def test_mistakes_in_a_rule_file_name_the_file_line_and_column(tmp_path, change, position, text):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as err:
        load_rule_file(path)
    message = str(err.value)
    assert message.startswith(str(path) + position), message
    assert text in message


def test_an_id_defined_twice_is_an_error(tmp_path):
    twice = GOOD + GOOD.split("rules:\n", 1)[1]
    with pytest.raises(ConfigError, match="FL701 is defined twice"):
        load_rule_file(write(tmp_path, twice))
    clash = write(tmp_path, GOOD.replace("FL701", "FL101"), "clash.yaml")
    with pytest.raises(ConfigError, match=r"clash.yaml:2:\d+: rule FL101 is already defined in .*default.yaml"):
        load_ruleset([clash])


def test_invalid_yaml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"bad.yaml:\d+:\d+: invalid YAML"):
        load_rule_file(write(tmp_path, "rules:\n  - id: FL701\n   name: [unclosed\n", "bad.yaml"))


def test_config_overrides_severity_and_options(tmp_path):
    (tmp_path / "factlint.yaml").write_text("severity: {FL102: error, FL4: info}\noptions:\n  FL101: {tolerance: 0.01}\n")
    ruleset = configured_ruleset(load_config([tmp_path]))
    assert ruleset.get("FL102").severity == "error"
    assert ruleset.get("FL401").severity == "info"
    assert ruleset.get("FL101").options.tolerance == 0.01
    assert ruleset.get("FL101").options.outcomes == ["disagree"]


def test_a_bad_option_override_in_the_config_names_the_config(tmp_path):
    (tmp_path / "factlint.yaml").write_text("options:\n  FL101: {tolerence: 0.01}\n")
    with pytest.raises(ConfigError, match=r"factlint.yaml:2:11: unknown key 'tolerence'"):
        configured_ruleset(load_config([tmp_path]))


def _config_error(tmp_path, text: str) -> ConfigError:
    """The error building the rule set from a factlint.yaml holding ``text`` raises."""
    (tmp_path / "factlint.yaml").write_text(text)
    with pytest.raises(ConfigError) as err:
        configured_ruleset(load_config([tmp_path]))
    return err.value


@pytest.mark.parametrize("text, where, needle", [
    ("fail-level: warning\noptions:\n  fl101:\n    tolerance: lots\n", (4, 5), "options.FL101.tolerance"),
    # a boolean or a quoted number is a mistake, not 1.0 (every interval doubled) or 0.01
    ("options:\n  FL101:\n    tolerance: true\n", (3, 5), "options.FL101.tolerance: Input should be a valid number"),
    ("options:\n  FL101:\n    tolerance: '0.01'\n", (3, 5), "(got '0.01')"),
    ("options:\n  FL401:\n    require_entity: 'no'\n", (3, 5), "Input should be a valid boolean"),
    ("options:\n  FL401:\n    kinds: [level, targets]\n", (3, 5), "options.FL401.kinds.1"),
])
def test_a_bad_option_value_in_the_config_names_its_line_and_column(tmp_path, text, where, needle):
    err = _config_error(tmp_path, text)
    assert err.path == "factlint.yaml" or err.path.endswith("/factlint.yaml")
    assert (err.line, err.column) == where and needle in err.message


def test_an_option_set_in_an_extended_file_is_reported_there(tmp_path):
    (tmp_path / "base.yaml").write_text("fail-level: warning\noptions:\n  FL101:\n    tolerance: -1\n")
    (tmp_path / "factlint.yaml").write_text("extend: base.yaml\nseverity: {FL102: error}\n")
    with pytest.raises(ConfigError) as err:
        configured_ruleset(load_config([tmp_path]))
    assert err.value.path.endswith("base.yaml") and (err.value.line, err.value.column) == (4, 5)


@pytest.mark.parametrize("text, where, needle", [
    ("severity:\n  FL101: error\n  FL10: info\n  FL99: info\n", (4, 3), "severity: 'FL99' matches no rule"),
    ("options:\n  FL110: {tolerance: 0.01}\n", (2, 3), "options: there is no rule FL110"),
    ("ignore: [FL401, fl77]\n", (1, 17), "ignore: 'FL77' matches no rule"),
    ("select: FL8\n", (1, 1), "select: 'FL8' matches no rule"),
    ("per-path-ignores:\n  'wire/**': [FL4, FL404]\n", (2, 20), "per-path-ignores: 'FL404' matches no rule"),
])
def test_rule_ids_the_config_names_must_exist(tmp_path, text, where, needle):
    err = _config_error(tmp_path, text)
    assert (err.line, err.column) == where
    assert needle in err.message and "FL101, FL102" in err.message


def test_ids_from_the_users_rule_files_and_prefixes_that_match_are_accepted(tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "factlint.yaml").write_text(
        "rules: [house.yaml]\nselect: [ALL]\nignore: [FL9]\nseverity: {FL7: error, FL4: info}\n"
        "options: {FL701: {min_count: 1}}\nper-path-ignores: {'wire/**': [FL70]}\n")
    ruleset = configured_ruleset(load_config([tmp_path]))
    assert ruleset.get("FL701").severity == "error" and ruleset.get("FL701").options.min_count == 1
