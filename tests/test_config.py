"""Configuration: discovery, extend, validation errors with positions, and the questions runs ask."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factlint.config import Config, find_config, load_config, parse_selectors
from factlint.errors import ConfigError, FactlintError

ARTICLE = ("Shenzhen had built 51,000 5G base stations as of the end of 2021, "
           "or 28.5 for every 10,000 people.\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A newsroom repository: config at the top, articles two folders down."""
    write(tmp_path / "newsroom" / "corpus" / "2022" / "shenzhen-5g.md", ARTICLE)
    write(tmp_path / "newsroom" / "corpus" / "archive" / "1987" / "wire.txt", "Bank of Japan said.\n")
    return tmp_path / "newsroom"


def error_of(paths, config_file=None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(paths, config_file)
    return info.value


# Discovery --------------------------------------------------------------------------

def test_discovery_searches_upward_from_the_checked_files_not_the_cwd(corpus, tmp_path, monkeypatch):
    cfg = write(corpus / "factlint.yaml", "fail-level: warning\n")
    # The working folder has its own config; it must not be the one used.
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "factlint.yaml", "fail-level: info\n")
    monkeypatch.chdir(elsewhere)
    config = load_config([corpus / "corpus" / "2022" / "shenzhen-5g.md"])
    assert config.path == cfg.resolve()
    assert config.fail_level == "warning"
    assert config.root == corpus.resolve()
    assert config.corpus == corpus.resolve()
    assert config.sources == [cfg.resolve()]


def test_nearest_config_wins_and_nothing_is_merged(corpus):
    write(corpus / "factlint.yaml", "fail-level: warning\nignore: [FL402]\n")
    inner = write(corpus / "corpus" / ".factlint.yaml", "select: [FL1]\n")
    config = load_config([corpus / "corpus" / "2022"])
    assert config.path == inner.resolve()
    assert config.select == ["FL1"]
    assert config.ignore == []            # the outer file is not merged silently
    assert config.fail_level == "error"   # the default, not the outer file's warning


def test_factlint_yaml_is_preferred_to_dot_file_and_pyproject_in_one_folder(corpus):
    write(corpus / "pyproject.toml", "[tool.factlint]\nfail-level = 'info'\n")
    write(corpus / ".factlint.yaml", "fail-level: warning\n")
    main = write(corpus / "factlint.yaml", "fail-level: error\n")
    assert find_config(corpus / "corpus") == main.resolve()


def test_pyproject_with_tool_factlint_is_found(corpus):
    pyproject = write(corpus / "pyproject.toml", """\
[project]
name = "newsroom"

[tool.factlint]
select = ["FL1", "FL301"]
fail-level = "warning"
severity = {FL102 = "error"}

[tool.factlint.per-path-ignores]
"corpus/archive/**" = ["FL4"]
""")
    config = load_config([corpus / "corpus" / "2022" / "shenzhen-5g.md"])
    assert config.path == pyproject.resolve()
    assert config.select == ["FL1", "FL301"]
    assert config.severity == {"FL102": "error"}
    assert config.ignored_rules_for_path(corpus / "corpus" / "archive" / "1987" / "wire.txt") == ["FL4"]


def test_pyproject_without_tool_factlint_is_skipped(corpus):
    outer = write(corpus / "factlint.yaml", "fail-level: warning\n")
    write(corpus / "corpus" / "pyproject.toml", "[project]\nname = 'articles'\n[tool.ruff]\nline-length = 100\n")
    assert load_config([corpus / "corpus" / "2022"]).path == outer.resolve()


def test_config_option_wins_over_discovery(corpus, tmp_path):
    write(corpus / "factlint.yaml", "fail-level: warning\n")
    explicit = write(tmp_path / "ci" / "strict.yaml", "fail-level: info\n")
    config = load_config([corpus / "corpus"], config_file=explicit)
    assert config.path == explicit.resolve()
    assert config.fail_level == "info"
    assert config.root == explicit.parent.resolve()


def test_config_option_naming_a_missing_file_is_an_error(corpus):
    err = error_of([corpus], corpus / "nope.yaml")
    assert "not found" in err.message


def test_no_config_gives_defaults_rooted_at_the_common_folder(corpus):
    a = corpus / "corpus" / "2022" / "shenzhen-5g.md"
    b = corpus / "corpus" / "archive" / "1987" / "wire.txt"
    config = load_config([a, b])
    assert config.path is None
    assert config.root == (corpus / "corpus").resolve()
    assert config.corpus == config.root
    assert config.select is None and config.fail_level == "error"
    assert config.is_selected("FL101") and config.is_selected("FL901")
    assert Config.default(corpus).root == corpus.resolve()


# extend ---------------------------------------------------------------------------------

def test_extend_chain_resolves_paths_relative_to_each_file(corpus):
    write(corpus / "house-rules.yaml", "rules: []\n")
    write(corpus / "facts" / "shenzhen.yaml", "facts: []\n")
    write(corpus / "corpus" / "desk-rules.yaml", "rules: []\n")
    write(corpus / "base.yaml", """\
rules: [house-rules.yaml]
reference: [facts/shenzhen.yaml]
ignore: [FL402]
fail-level: warning
severity: {FL102: error, FL4: info}
options: {FL101: {tolerance: 0.01, min_claims: 2}}
""")
    write(corpus / "factlint.yaml", "extend: base.yaml\nselect: [FL1, FL4]\n")
    write(corpus / "corpus" / "factlint.yaml", """\
extend: ../factlint.yaml
rules: [desk-rules.yaml]
ignore: [FL401]
severity: {FL102: warning}
options: {FL101: {tolerance: 0.02}}
""")
    config = load_config([corpus / "corpus" / "2022"])
    root = corpus.resolve()
    assert config.sources == [root / "base.yaml", root / "factlint.yaml", root / "corpus" / "factlint.yaml"]
    assert config.rule_files == [root / "house-rules.yaml", root / "corpus" / "desk-rules.yaml"]
    assert config.reference_files == [root / "facts" / "shenzhen.yaml"]
    assert config.ignore == ["FL402", "FL401"]          # accumulates
    assert config.select == ["FL1", "FL4"]              # replaced by the nearer file
    assert config.fail_level == "warning"               # inherited
    assert config.severity == {"FL102": "warning", "FL4": "info"}
    assert config.options == {"FL101": {"tolerance": 0.02, "min_claims": 2}}
    assert config.root == root / "corpus"               # the file found, not the base


def test_extend_cycle_is_reported_at_the_extend_line(corpus):
    write(corpus / "a.yaml", "fail-level: warning\nextend: b.yaml\n")
    write(corpus / "b.yaml", "# newsroom defaults\nextend: a.yaml\n")
    err = error_of([corpus], corpus / "a.yaml")
    assert "extend cycle" in err.message
    assert "a.yaml -> b.yaml -> a.yaml" in err.message
    assert (err.path.endswith("b.yaml"), err.line, err.column) == (True, 2, 1)


def test_self_extend_is_a_cycle(corpus):
    write(corpus / "factlint.yaml", "extend: ./factlint.yaml\n")
    assert "extend cycle" in error_of([corpus]).message


def test_missing_extended_file_names_the_line(corpus):
    write(corpus / "factlint.yaml", "select: [FL1]\nextend: ../shared/factlint.yaml\n")
    err = error_of([corpus])
    assert (err.line, err.column) == (2, 1)
    assert "extend: file not found: ../shared/factlint.yaml" in err.message


# Errors with positions ----------------------------------------------------------------

@pytest.mark.parametrize("text, line, column, needle", [
    ("select: [FL1]\nfail_level: warning\n", 2, 1, "unknown key 'fail_level'; did you mean 'fail-level'?"),
    ("select: [FL1]\nseverity:\n  FL102: fatal\n", 3, 3, "severity.FL102"),
    ("fail-level: critical\n", 1, 1, "'error', 'warning' or 'info'"),
    ("select:\n  - FL101\n  - F401\n", 3, 5, "not a rule id or prefix"),
    ("exclude: {drafts: yes}\n", 1, 1, "exclude"),
    ("per-path-ignores:\n  \"archive/**\": [FL4, missing-source]\n", 2, 23, "per-path-ignores.archive/**.1"),
    ("options:\n  FL1: {tolerance: 0.01}\n", 2, 3, "not a rule id (FL and 3 digits"),
    ("options:\n  FL101: 0.01\n", 2, 3, "options.FL101"),
    ("select: [FL1\nignore: [FL4]\n", 2, 7, "invalid YAML"),
    ("- FL101\n- FL102\n", 1, 1, "expected a mapping"),
    ("select: [FL1]\nselect: [FL2]\n", 2, 1, "invalid YAML"),
])
def test_yaml_errors_name_file_line_and_column(corpus, text, line, column, needle):
    write(corpus / "factlint.yaml", text)
    err = error_of([corpus])
    assert err.path.endswith("factlint.yaml")
    assert needle in err.message
    assert (err.line, err.column) == (line, column), str(err)
    # One line, as the CLI prints it.
    assert "\n" not in str(err)


def test_invalid_toml_gives_line_and_column(corpus):
    write(corpus / "pyproject.toml", "[tool.factlint]\nselect = [\"FL1\"]\nfail-level = warning\n")
    err = error_of([corpus])
    assert err.path.endswith("pyproject.toml")
    assert "invalid TOML" in err.message
    assert err.line == 3


@pytest.mark.parametrize("body, line, needle", [
    ("select = [\"FL1\"]\nfail_level = \"warning\"\n", 3, "unknown key 'tool.factlint.fail_level'"),
    ("select = [\"FL1\"]\n\n[tool.factlint.severity]\nFL102 = \"fatal\"\n", 5, "severity.FL102"),
    ("reference = [\n  \"facts.yaml\",\n  \"missing.yaml\",\n]\n", 4, "reference facts file not found: missing.yaml"),
])
def test_toml_errors_name_the_key_and_its_line(corpus, body, line, needle):
    write(corpus / "facts.yaml", "facts: []\n")
    write(corpus / "pyproject.toml", "[tool.factlint]\n" + body)
    err = error_of([corpus])
    assert needle in err.message
    assert err.line == line, str(err)


def test_empty_tool_factlint_table_in_an_explicit_pyproject_is_an_error(corpus):
    write(corpus / "pyproject.toml", "[project]\nname = 'x'\n")
    assert "no [tool.factlint] table" in error_of([corpus], corpus / "pyproject.toml").message


def test_billion_laughs_is_refused_quickly(corpus):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write(corpus / "factlint.yaml", "\n".join(levels) + "\n")
    start = time.perf_counter()
    err = error_of([corpus])
    elapsed = time.perf_counter() - start
    assert "refusing to load" in err.message
    assert elapsed < 1.0, elapsed


@pytest.mark.parametrize("text, tag", [
    ('rules: !!python/object/apply:os.system ["echo pwned"]\n', "!!python/object/apply:os.system"),
    ("options:\n  FL101: !!python/object:collections.OrderedDict {}\n", "!!python/object:collections.OrderedDict"),
    ("corpus: !!python/name:os.getcwd ''\n", "!!python/name:os.getcwd"),
])
def test_python_object_tags_are_refused(corpus, text, tag):
    write(corpus / "factlint.yaml", text)
    err = error_of([corpus])
    assert f"YAML tag '{tag}' is not allowed" in err.message
    assert err.line is not None and err.column is not None


def test_not_utf8_config_is_an_error(corpus):
    (corpus / "factlint.yaml").write_bytes(b"fail-level: warning\n# r\xe9daction\n")
    err = error_of([corpus])
    assert (err.line, err.column) == (2, 4) and err.message == "not UTF-8 text (byte 0xe9); save it as UTF-8"


@pytest.mark.parametrize("name, text, where", [
    ("rates.yaml", b"base: USD\nrates: {}\n", (1, 1)),                          # 'source' missing
    ("facts.yaml", b"\xef\xbb\xbffacts:\n  - entity: X\n    metric: \"caf\xe9\"\n", (3, 17)),
])
def test_every_named_file_problem_has_a_line_and_column(corpus, name, text, where):
    key = {"rates.yaml": "rates", "facts.yaml": "reference"}[name]
    write(corpus / "factlint.yaml", f"{key}: {name}\n")
    (corpus / name).write_bytes(text)
    from factlint.check import load_facts, load_rate_table

    config = load_config([corpus])
    with pytest.raises(ConfigError) as err:
        load_rate_table(config) if key == "rates" else load_facts(config)
    assert err.value.path.endswith(name) and (err.value.line, err.value.column) == where


# Referenced files must exist -----------------------------------------------------------

@pytest.mark.parametrize("text, line, column, needle", [
    ("rules:\n  - house-rules.yaml\n  - desk-rules.yaml\n", 3, 5, "rule file not found: desk-rules.yaml"),
    ("reference: [facts/shenzhen-2021.yaml]\n", 1, 13, "reference facts file not found"),
    ("fail-level: warning\nrates: rates/ecb.yaml\n", 2, 1, "rate table not found: rates/ecb.yaml"),
    ("aliases: [aliases]\n", 1, 11, "alias table is a folder, not a file: aliases"),
    ("corpus: articles\n", 1, 1, "corpus folder not found: articles"),
])
def test_missing_referenced_files_name_the_config_line(corpus, text, line, column, needle):
    write(corpus / "house-rules.yaml", "rules: []\n")
    (corpus / "aliases").mkdir()
    write(corpus / "factlint.yaml", text)
    err = error_of([corpus])
    assert needle in err.message
    assert (err.line, err.column) == (line, column), str(err)


def test_referenced_files_in_an_extended_config_resolve_against_that_file(corpus):
    write(corpus / "shared" / "rates.yaml", "source: x\nbase: USD\nrates: {}\n")
    write(corpus / "shared" / "base.yaml", "rates: rates.yaml\n")
    write(corpus / "factlint.yaml", "extend: shared/base.yaml\ncorpus: corpus\n")
    config = load_config([corpus])
    assert config.rates_file == (corpus / "shared" / "rates.yaml").resolve()
    assert config.corpus == (corpus / "corpus").resolve()


def test_single_strings_are_accepted_for_lists_and_ids_are_normalized(corpus):
    write(corpus / "facts.yaml", "facts: []\n")
    write(corpus / "factlint.yaml", "reference: facts.yaml\nignore: fl402\nselect: [ALL]\n")
    config = load_config([corpus])
    assert config.reference_files == [(corpus / "facts.yaml").resolve()]
    assert config.ignore == ["FL402"]
    assert config.select == ["FL"]
    assert config.is_selected("FL101") and not config.is_selected("FL402")


# What a run asks ------------------------------------------------------------------------

def test_selection_most_specific_wins(corpus):
    write(corpus / "factlint.yaml", "select: [FL1, FL401]\nignore: [FL4, FL102]\n")
    config = load_config([corpus])
    assert config.is_selected("FL101")
    assert not config.is_selected("FL102")     # ignore FL102 beats select FL1
    assert config.is_selected("FL401")         # select FL401 beats ignore FL4
    assert not config.is_selected("FL402")
    assert not config.is_selected("FL201")     # not selected at all


def test_command_line_overrides(corpus):
    write(corpus / "factlint.yaml", "select: [FL1]\nignore: [FL102]\nfail-level: warning\n")
    config = load_config([corpus]).with_overrides(select=["FL2,fl101"], ignore=["FL201"], fail_level="info")
    assert config.select == ["FL2", "FL101"]
    assert config.ignore == ["FL102", "FL201"]
    assert config.fail_level == "info"
    assert config.is_selected("FL101") and not config.is_selected("FL201")
    assert config.fails("info") and config.fails("error")
    with pytest.raises(FactlintError, match="'FL-1' is not a rule id"):
        parse_selectors("FL1,FL-1")


def test_severity_override_by_prefix_and_id(corpus):
    write(corpus / "factlint.yaml", "severity: {FL4: info, FL401: error}\n")
    config = load_config([corpus])
    assert config.severity_for("FL401", "warning") == "error"
    assert config.severity_for("FL402", "warning") == "info"
    assert config.severity_for("FL101", "error") == "error"


def test_fail_level(corpus):
    config = Config.default(corpus)
    assert config.fails("error") and not config.fails("warning")
    assert config.fails("warning", "warning") and not config.fails("info", "warning")


def test_globs_are_relative_to_the_config_that_names_them(corpus, monkeypatch):
    write(corpus / "corpus" / "factlint.yaml",
          'exclude: ["drafts/**", "*.tmp.md"]\nper-path-ignores: {"archive/**": [FL4, FL102]}\n')
    config = load_config([corpus / "corpus"])
    monkeypatch.chdir(corpus)
    assert config.is_excluded("corpus/drafts/2023/budget.md")
    assert config.is_excluded(corpus / "corpus" / "2022" / "notes.tmp.md")
    assert not config.is_excluded("corpus/2022/shenzhen-5g.md")
    assert not config.is_excluded("drafts/outside-the-corpus.md")
    assert config.ignored_rules_for_path("corpus/archive/1987/wire.txt") == ["FL4", "FL102"]
    assert config.ignored_rules_for_path("corpus/2022/shenzhen-5g.md") == []


def test_digest_changes_with_any_named_file(corpus):
    rules = write(corpus / "house-rules.yaml", "rules: []\n")
    write(corpus / "factlint.yaml", "rules: [house-rules.yaml]\n")
    before = load_config([corpus]).digest()
    assert load_config([corpus]).digest() == before
    rules.write_text("rules: []\n# FL101 tolerance raised\n", encoding="utf-8")
    assert load_config([corpus]).digest() != before


def test_starter_config_from_init_is_valid(corpus):
    from factlint.config.template import STARTER_CONFIG

    write(corpus / "factlint.yaml", STARTER_CONFIG)
    config = load_config([corpus])
    assert config.fail_level == "error" and config.select is None and config.rule_files == []


def test_check_exits_2_with_one_line_naming_the_config_line(corpus, monkeypatch, capsys):
    import sys

    from factlint.cli import main

    write(corpus / "factlint.yaml", "select: [FL1]\nseverity:\n  FL102: fatal\n")
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(sys, "argv", ["factlint", "check", "corpus", "--no-cache"])
    with pytest.raises(SystemExit) as info:
        main()
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.startswith("factlint: error: factlint.yaml:3:3: severity.FL102:")
    assert err.count("\n") == 1


@pytest.mark.parametrize("cwd_part", ["", "corpus"])
def test_exclude_globs_work_with_file_discovery_from_any_working_folder(corpus, monkeypatch, cwd_part):
    from factlint.ingest.discover import discover_files

    write(corpus / "corpus" / "drafts" / "budget.md", "The budget rose 12 percent.\n")
    write(corpus / "corpus" / "2022" / "notes.tmp.md", "Draft.\n")
    write(corpus / "drafts" / "outside.md", "Not under the config's drafts/.\n")
    write(corpus / "corpus" / "factlint.yaml", 'exclude: ["drafts/**", "*.tmp.md"]\n')
    monkeypatch.chdir(corpus / cwd_part)
    config = load_config([corpus / "corpus"])
    found = {p.resolve().relative_to(corpus.resolve()).as_posix()
             for p in discover_files([corpus], config.exclude_patterns())}
    assert "corpus/drafts/budget.md" not in found
    assert "corpus/2022/notes.tmp.md" not in found
    assert "corpus/2022/shenzhen-5g.md" in found
    if cwd_part == "":
        assert "drafts/outside.md" in found


def test_extend_may_name_a_pyproject(corpus):
    write(corpus / "pyproject.toml", "[tool.factlint]\nfail-level = \"warning\"\nignore = [\"FL402\"]\n")
    write(corpus / "corpus" / "factlint.yaml", "extend: ../pyproject.toml\nignore: [FL401]\n")
    config = load_config([corpus / "corpus"])
    assert config.fail_level == "warning" and config.ignore == ["FL402", "FL401"]
    assert config.sources[0] == (corpus / "pyproject.toml").resolve()
