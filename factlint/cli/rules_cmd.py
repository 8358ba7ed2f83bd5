"""`factlint rules` lists the rules; `factlint rule ID` explains one (as `ruff rule`)."""

from __future__ import annotations

import json
import textwrap
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from factlint.cli import app
from factlint.errors import FactlintError


class RuleFormat(str, Enum):
    text = "text"
    json = "json"


def _ruleset(config_file: Optional[Path]):
    from factlint.config import load_config
    from factlint.rules.ruleset import configured_ruleset

    config = load_config([Path.cwd()], config_file)
    return config, configured_ruleset(config)


def _options_doc(rule) -> list[dict[str, Any]]:
    from factlint.rules.registry import RULE_TYPES

    model = RULE_TYPES[rule.type].OPTIONS
    values = rule.options.model_dump(mode="json")
    return [{"name": name, "value": values.get(name), "description": field.description or ""}
            for name, field in model.model_fields.items()]


def rule_as_dict(rule) -> dict[str, Any]:
    from factlint.rules.registry import RULE_TYPES

    examples = []
    for ex in rule.examples:
        docs = [{"path": d.path, "date": d.date.isoformat() if d.date else None, "text": d.text}
                for d in ex.documents()]
        examples.append({"documents": docs, "expect": ex.expect,
                         "reference": [f.model_dump(mode="json", exclude_none=True) for f in ex.reference]})
    return {"id": rule.id, "name": rule.name, "type": rule.type, "severity": rule.severity,
            "message": rule.message, "description": rule.description, "origin": rule.origin,
            "placeholders": sorted(RULE_TYPES[rule.type].PLACEHOLDERS),
            "options": _options_doc(rule), "examples": examples}


def _display(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def render_rule(rule) -> str:
    info = rule_as_dict(rule)
    out = [f"{rule.id} {rule.name} ({rule.type}, {rule.severity})", ""]
    out += textwrap.wrap(rule.description, 88) + [""]
    out += [f"Message: {rule.message}", f"Placeholders: {', '.join('{' + p + '}' for p in info['placeholders'])}"]
    out.append(f"Defined in: {_display(rule.origin)}")
    if info["options"]:
        out += ["", "Options:"]
        for opt in info["options"]:
            desc = f"  # {opt['description']}" if opt["description"] else ""
            out.append(f"  {opt['name']}: {json.dumps(opt['value'])}{desc}")
    for i, ex in enumerate(info["examples"], 1):
        verdict = f"triggers {', '.join(ex['expect'])}" if rule.id in ex["expect"] else "does not trigger"
        out += ["", f"Example {i} ({verdict} {rule.id}):" if rule.id not in ex["expect"] else f"Example {i} ({verdict}):"]
        for doc in ex["documents"]:
            head = f"  {doc['path']}" + (f" (published {doc['date']})" if doc["date"] else "")
            out.append(head)
            out += [f"    {line}" for line in doc["text"].rstrip("\n").splitlines()]
        for fact in ex["reference"]:
            out.append(f"  reference fact: {json.dumps(fact, ensure_ascii=False)}")
    return "\n".join(out) + "\n"


@app.command("rules")
def rules_command(
    fmt: RuleFormat = typer.Option(RuleFormat.text, "--format", "--output-format", "-f", help="Output format."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Use this configuration file."),
) -> None:
    """List the rules: built-in ones and those of the configuration's rule files."""
    config, ruleset = _ruleset(config_file)
    if fmt is RuleFormat.json:
        typer.echo(json.dumps([{"id": r.id, "name": r.name, "type": r.type, "severity": r.severity,
                                "selected": config.is_selected(r.id), "message": r.message}
                               for r in ruleset.rules], indent=2, ensure_ascii=False))
        return
    width = max((len(r.name) for r in ruleset.rules), default=4)
    for r in ruleset.rules:
        mark = "" if config.is_selected(r.id) else "  (not selected)"
        summary = textwrap.shorten(r.description, 70)
        typer.echo(f"{r.id}  {r.name:<{width}}  {r.severity:<7}  {summary}{mark}")


@app.command("rule")
def rule_command(
    rule_id: str = typer.Argument(..., help="A rule id such as FL101."),
    fmt: RuleFormat = typer.Option(RuleFormat.text, "--format", "--output-format", "-f", help="Output format."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Use this configuration file."),
) -> None:
    """Explain a rule: what it checks, its message, options and examples."""
    _, ruleset = _ruleset(config_file)
    rule = ruleset.get(rule_id.strip())
    if rule is None:
        known = ", ".join(r.id for r in ruleset.rules)
        raise FactlintError(f"no rule {rule_id!r}; known rules: {known}")
    if fmt is RuleFormat.json:
        typer.echo(json.dumps(rule_as_dict(rule), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_rule(rule), nl=False)
