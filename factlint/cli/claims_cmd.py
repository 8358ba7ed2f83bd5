"""`factlint claims PATH...`: list the claims found, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from factlint.cli import app
from factlint.extract import extract_claims
from factlint.ingest import iter_documents
from factlint.models import Claim, ClaimsOutput, Document


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


CSV_FIELDS = ["path", "line", "column", "end_line", "end_column", "text", "value", "unit", "low", "high",
              "qualifier", "kind", "entity", "metric", "period_start", "period_end", "period_text",
              "source", "equivalent_of", "verified_by", "sentence"]


def collect_claims(paths: list[Path]) -> list[Claim]:
    claims: list[Claim] = []
    for item in iter_documents(paths):
        if isinstance(item, Document):
            claims.extend(extract_claims(item))
        else:
            typer.echo(f"{item.path}: {item.level}: {item.message}", err=True)
    return claims


def interval_label(c: Claim) -> str:
    low = "-inf" if c.low is None else f"{c.low:g}"
    high = "inf" if c.high is None else f"{c.high:g}"
    left = "[" if c.low_inclusive and c.low is not None else "("
    right = "]" if c.high_inclusive and c.high is not None else ")"
    return f"{left}{low}, {high}{right}"


def render_csv(claims: list[Claim]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        row = c.model_dump(include=set(CSV_FIELDS))
        row["period_start"] = c.period.start.isoformat() if c.period and c.period.start else ""
        row["period_end"] = c.period.end.isoformat() if c.period and c.period.end else ""
        row["period_text"] = (c.period.text or "") if c.period else ""
        writer.writerow(row)
    return buf.getvalue()


def render_table(claims: list[Claim]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for col in ("location", "entity", "metric", "as written", "value", "interval", "period", "source"):
        table.add_column(col, overflow="fold")
    for c in claims:
        period = c.period.label() if c.period else "—"
        if c.period and not c.period.resolved:
            period = f"[yellow]{period}[/yellow]"
        source = c.source or "[red]none[/red]"
        if c.verified_by:
            source += f"\n[green]verified: {c.verified_by}[/green]"
        table.add_row(f"{c.path}:{c.line}:{c.column}", c.entity or "?", c.metric or "?", c.text,
                      f"{c.value:g} {c.unit}", interval_label(c), period, source)
    Console().print(table)
    typer.echo(f"{len(claims)} claim(s)")


@app.command("claims")
def claims_command(
    paths: List[Path] = typer.Argument(..., help="Files or folders to read."),
    fmt: ClaimsFormat = typer.Option(ClaimsFormat.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """List the numeric claims found in articles."""
    claims = collect_claims(paths)
    if fmt is ClaimsFormat.table and output is None:
        render_table(claims)
        return
    if fmt is ClaimsFormat.csv:
        text = render_csv(claims)
    elif fmt is ClaimsFormat.json:
        text = ClaimsOutput(claims=claims).model_dump_json(indent=2) + "\n"
    else:
        text = render_csv(claims)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
