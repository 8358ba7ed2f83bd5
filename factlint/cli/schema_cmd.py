"""`factlint schema`: the JSON Schema of factlint's JSON output, generated from its models."""

from __future__ import annotations

import json
from enum import Enum

import typer

from factlint.cli import app
from factlint.models import CheckResult, ClaimsOutput


class SchemaName(str, Enum):
    claims = "claims"
    findings = "findings"


@app.command("schema")
def schema_command(
    which: SchemaName = typer.Argument(SchemaName.claims, help="claims (factlint claims --format json) or findings (factlint check --format json)."),
) -> None:
    """Print the JSON Schema of the JSON output."""
    model = ClaimsOutput if which is SchemaName.claims else CheckResult
    typer.echo(json.dumps(model.model_json_schema(mode="serialization"), indent=2))
