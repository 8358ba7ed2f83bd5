"""Rule files (rules/default.yaml and users' own): models, loading and validation.

A mistake in a rule file (unknown key, unknown type, bad option, a placeholder
the rule type does not fill) is a ConfigError naming the file, line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from pydantic import Field, field_validator

from factlint.errors import ConfigError
from factlint.models import RuleMeta, Severity, Strict
from factlint.resources import builtin_rules_dir
from factlint.rules.base import Rule, template_fields
from factlint.rules.reference import ReferenceFact
from factlint.rules.registry import RULE_TYPES
from factlint.yamlio import Position, load_yaml, model_from_data, position_of, shown

RULE_ID_PATTERN = r"^FL\d{3}$"


class ExampleDoc(Strict):
    path: str = Field(description="file name the text is checked under (its suffix picks the format)")
    text: str
    date: Optional[dt.date] = Field(None, description="publication date, when the text does not show one")


class Example(Strict):
    text: Union[str, list[ExampleDoc]] = Field(description="one text, or several documents")
    expect: list[str] = Field(description="rule ids that must fire; [] means none may")
    date: Optional[dt.date] = Field(None, description="publication date of a single text")
    reference: list[ReferenceFact] = Field(default_factory=list, description="reference facts for this example")

    @field_validator("expect")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        import re

        for v in value:
            if not re.match(RULE_ID_PATTERN, v):
                raise ValueError(f"{v!r} is not a rule id (FL and 3 digits)")
        return value

    def documents(self) -> list[ExampleDoc]:
        if isinstance(self.text, str):
            return [ExampleDoc(path="example.txt", text=self.text, date=self.date)]
        return list(self.text)


class RuleSpec(Strict):
    id: str = Field(pattern=RULE_ID_PATTERN)
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    type: str
    severity: Severity
    message: str
    description: str
    options: dict[str, Any] = Field(default_factory=dict)
    examples: list[Example] = Field(default_factory=list)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in RULE_TYPES:
            raise ValueError(f"unknown rule type {value!r}; known types: {', '.join(sorted(RULE_TYPES))}")
        return value


class RuleFile(Strict):
    rules: list[RuleSpec] = Field(default_factory=list)


def default_rules_path() -> Path:
    return builtin_rules_dir() / "default.yaml"


def _build(spec: RuleSpec, options: dict[str, Any], positions: dict[tuple, Position], where: str,
           prefix: tuple, origin: Optional[str] = None) -> Rule:
    module = RULE_TYPES[spec.type]
    parsed = model_from_data(options, positions, module.OPTIONS, where, prefix + ("options",))
    try:
        names = template_fields(spec.message)
    except ValueError as exc:
        line, col = position_of(positions, prefix + ("message",)) or (None, None)
        raise ConfigError(where, line, col, f"rule {spec.id}: bad message template: {exc}") from None
    unknown = [n for n in names if n not in module.PLACEHOLDERS]
    if unknown:
        line, col = position_of(positions, prefix + ("message",)) or (None, None)
        raise ConfigError(where, line, col,
                          f"rule {spec.id}: unknown placeholder {{{unknown[0]}}} for type {spec.type}; "
                          f"available: {', '.join('{' + p + '}' for p in sorted(module.PLACEHOLDERS))}")
    return Rule(id=spec.id, name=spec.name, type=spec.type, severity=spec.severity, message=spec.message,
                description=" ".join(spec.description.split()), options=parsed, raw_options=dict(options),
                examples=tuple(spec.examples), origin=origin or where)


def load_rule_file(path: Union[str, Path]) -> list[Rule]:
    """Load and validate one rule file."""
    data, positions = load_yaml(path)
    where = shown(path)
    parsed = model_from_data(data, positions, RuleFile, where)
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, spec in enumerate(parsed.rules):
        if spec.id in seen:
            line, col = position_of(positions, ("rules", i, "id")) or (None, None)
            raise ConfigError(where, line, col, f"rule {spec.id} is defined twice in this file")
        seen.add(spec.id)
        rules.append(_build(spec, spec.options, positions, where, ("rules", i), origin=str(path)))
    return rules


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rules = sorted(self.rules, key=lambda r: r.id)
        self.by_id = {r.id: r for r in self.rules}

    def get(self, rule_id: str) -> Optional[Rule]:
        return self.by_id.get(rule_id.upper())

    def meta(self) -> list[RuleMeta]:
        return [RuleMeta(id=r.id, name=r.name, type=r.type, severity=r.severity, description=r.description,
                         message=r.message) for r in self.rules]


def load_ruleset(extra_files: Iterable[Union[str, Path]] = (), include_builtin: bool = True) -> RuleSet:
    """The built-in rules plus users' rule files; an id defined twice is an error."""
    files: list[Path] = ([default_rules_path()] if include_builtin else []) + [Path(p) for p in extra_files]
    rules: list[Rule] = []
    origin: dict[str, str] = {}
    for f in files:
        for rule in load_rule_file(f):
            if rule.id in origin:
                data, positions = load_yaml(f)
                index = next(i for i, r in enumerate(data.get("rules", [])) if r.get("id") == rule.id)
                line, col = position_of(positions, ("rules", index, "id")) or (None, None)
                raise ConfigError(shown(f), line, col,
                                  f"rule {rule.id} is already defined in {origin[rule.id]}; pick another id "
                                  "(change a built-in rule with `severity:` and `options:` in factlint.yaml)")
            origin[rule.id] = str(f)
            rules.append(rule)
    return RuleSet(rules)


def apply_overrides(ruleset: RuleSet, severity_for, options_for, where: str = "configuration",
                    locate=None) -> RuleSet:
    """Severity and option overrides from the configuration (``Config.severity_for`` / ``options_for``).

    ``locate(rule_id, key_path)`` gives the (file, line, column) that sets an option, for errors.
    """
    out: list[Rule] = []
    for rule in ruleset.rules:
        severity = severity_for(rule.id, rule.severity)
        extra = options_for(rule.id)
        options = rule.options
        raw = rule.raw_options
        if extra:
            raw = {**rule.raw_options, **extra}
            module = RULE_TYPES[rule.type]
            positions: dict[tuple, Position] = {}
            try:
                options = model_from_data(raw, positions, module.OPTIONS, where, ("options", rule.id))
            except ConfigError as exc:
                found = locate(rule.id, _option_key(exc.message, extra)) if locate is not None else None
                if found is None:
                    raise ConfigError(where, exc.line, exc.column, exc.message) from None
                raise ConfigError(found[0], found[1], found[2], exc.message) from None
        out.append(replace(rule, severity=severity, options=options, raw_options=raw))
    return RuleSet(out)


def _option_key(message: str, extra: dict[str, Any]) -> tuple:
    """The option an override error names ("options.FL101.tolerence: ..."), as a key path."""
    for name in sorted(extra, key=len, reverse=True):
        if f".{name}" in message.split(":", 1)[0] or f"'{name}'" in message:
            return (name,)
    return ()


def check_rule_names(config: Any, ruleset: RuleSet) -> None:
    """Every rule id or prefix the configuration names must match a rule of the rule set:
    a misspelt ``severity: {FL10: error}`` or ``options: {FL110: ...}`` is an error, not a
    setting that silently does nothing."""
    from factlint.config.loader import setting_position

    ids = [r.id for r in ruleset.rules]

    def matches(selector: str) -> bool:
        return any(rule_id.startswith(selector) for rule_id in ids)

    named: list[tuple[str, str]] = []
    named += [("select", v) for v in (getattr(config, "select", None) or [])]
    named += [("ignore", v) for v in getattr(config, "ignore", [])]
    named += [("severity", v) for v in getattr(config, "severity", {})]
    named += [("per-path-ignores", v) for entry in getattr(config, "per_path_ignores", []) for v in entry.rules]
    options = [v for v in getattr(config, "options", {}) if v not in ruleset.by_id]
    for field_name, selector in named:
        if matches(selector):
            continue
        what = f"'{selector}' matches no rule"
        found = setting_position(config, field_name, selector)
        if found is None:
            raise ConfigError(f"--{field_name}", None, None, f"{what} (rules: {', '.join(ids)})")
        raise ConfigError(found[0], found[1], found[2], f"{field_name}: {what} (rules: {', '.join(ids)})")
    for rule_id in options:
        found = setting_position(config, "options", rule_id) or (str(getattr(config, "path", "configuration")),
                                                                 None, None)
        raise ConfigError(found[0], found[1], found[2],
                          f"options: there is no rule {rule_id} (rules: {', '.join(ids)})")


def configured_ruleset(config: Any = None, extra_files: Sequence[Union[str, Path]] = ()) -> RuleSet:
    """The rules a run uses: built-in + the config's rule files, with its overrides applied.

    A rule id the configuration names that no rule has is a ConfigError at the line naming it.
    """
    files = list(getattr(config, "rule_files", []) or []) + list(extra_files)
    ruleset = load_ruleset(files)
    if config is None:
        return ruleset
    check_rule_names(config, ruleset)
    where = str(getattr(config, "path", None) or "configuration")

    def locate(rule_id: str, key: tuple):
        from factlint.config.loader import setting_position

        return setting_position(config, "options", rule_id, key)

    return apply_overrides(ruleset, config.severity_for, config.options_for, where, locate)
