"""The commented starter configuration `factlint init` writes."""

STARTER_CONFIG = """\
# factlint configuration. factlint finds this file by searching upward from the
# files it checks, so it applies to this folder and everything below it.
# Paths in this file are relative to this file. Rule ids accept prefixes:
# FL1 means every FL1xx rule. `factlint rules` lists the rules, `factlint rule FL101`
# explains one.

# Inherit from another config file (relative path). Lists of files and of ignored
# rules add to the inherited ones; other settings replace them.
# extend: ../factlint.yaml

# Extra rule files, in the same format as factlint's built-in rules/default.yaml.
rules: []
#   - house-rules.yaml

# Rules to run (ids or prefixes). Leave it out to run every rule.
# select: [FL1, FL2, FL3, FL5, FL6]

# Rules not to run. The more specific of select and ignore wins (select FL101 with
# ignore FL1 runs FL101 only of the FL1xx rules).
ignore: []

# The lowest severity that makes `factlint check` exit with code 1: error, warning
# or info. With "error", warnings are shown but do not fail a commit or a CI job.
fail-level: error

# Files to skip, as gitignore-style globs relative to this file: "drafts/**" matches
# under drafts/ next to this file; "*.tmp.md" matches at any depth.
exclude: []
#   - "drafts/**"

# Rules switched off for some files (glob: [ids]), e.g. no sourcing checks on
# the archive of wire copy.
per-path-ignores: {}
#   "archive/**": [FL4]

# Reference facts: YAML files of facts (entity, metric, period, value, unit,
# source) that claims are checked against and verified by.
reference: []
#   - reference-facts.yaml

# An exchange-rate table (same format as factlint's rules/rates.yaml) that
# replaces the built-in one for currency conversions.
# rates: my-rates.yaml

# Extra alias tables (entities and metrics written differently across articles).
aliases: []
#   - aliases.yaml

# The corpus root: when factlint checks a few files (pre-commit), it compares them
# with every article under this folder. Defaults to the folder holding this file.
# corpus: .

# Per-rule severity (error, warning, info).
severity: {}
#   FL102: error

# Per-rule options, merged over the rule file's options.
options: {}
#   FL101:
#     tolerance: 0.01
"""
