"""`factlint claims PATH...`: list the claims found, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from factlint.cli import app
from factlint.display import fmt_number, interval_label
from factlint.models import Claim, ClaimsOutput


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


CSV_FIELDS = ["path", "line", "column", "end_line", "end_column", "text", "value", "unit", "low", "high",
              "qualifier", "kind", "entity", "metric", "period_start", "period_end", "period_text",
              "source", "equivalent_of", "verified_by", "sentence"]


def collect_claims(paths: list[Path], config_file: Optional[Path] = None, *, jobs: Optional[int] = None,
                   use_cache: bool = True, quiet: bool = False, verify: bool = True) -> list[Claim]:
    """The claims under ``paths`` as `factlint check` sees them (config, excludes, index),
    with ``verified_by`` set where a reference fact or derived figure confirms them."""
    from factlint.check import verified_claims
    from factlint.config import load_config
    from factlint.pipeline import collect

    config = load_config(paths, config_file)
    tables = list(config.alias_files) + ([config.rates_file] if config.rates_file else [])
    collected = collect(paths, exclude=config.exclude_patterns(), jobs=jobs, use_cache=use_cache, quiet=quiet,
                        root=config.corpus, tables=tables)
    for notice in sorted(collected.notices, key=lambda n: (n.path, n.message)):
        if notice.level != "info":
            typer.echo(f"{notice.path}: {notice.level}: {notice.message}", err=True)
    files = sorted(collected.files, key=lambda f: f.meta.path)
    verified = verified_claims(files, config) if verify else {}
    claims = [c for f in files for c in sorted(f.claims, key=lambda c: c.offset)]
    return [c.model_copy(update={"verified_by": verified[c.id]}) if c.id in verified else c for c in claims]


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


def render_table(claims: list[Claim], *, color: bool, width: Optional[int] = None) -> str:
    """One row per claim; unresolved periods and missing sources stand out."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("location", no_wrap=True)
    for col in ("entity", "metric", "as written", "value", "interval", "period", "source"):
        table.add_column(col, overflow="fold")
    for c in claims:
        period = escape(c.period.label()) if c.period else "—"
        if c.period and not c.period.resolved:
            period = f"[yellow]{period}\n(not compared with dated claims)[/yellow]"
        source = escape(c.source) if c.source else "[red]none[/red]"
        if c.verified_by:
            source += f"\n[green]verified: {escape(c.verified_by)}[/green]"
        written = escape(c.text) + ("\n[dim](bracketed equivalent)[/dim]" if c.equivalent_of else "")
        table.add_row(f"{c.path}:{c.line}:{c.column}", escape(c.entity or "?"), escape(c.metric or "?"), written,
                      f"{fmt_number(c.value)} {c.unit}", interval_label(c), period, source)
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or (None if color else 160))
    console.print(table)
    console.print(f"{len(claims)} claim(s)")
    return buf.getvalue()


@app.command("claims")
def claims_command(
    paths: List[Path] = typer.Argument(..., help="Files or folders to read."),
    fmt: ClaimsFormat = typer.Option(ClaimsFormat.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of searching for one."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the claim index."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """List the numeric claims found in articles, with what confirms them."""
    from factlint.cli import require_paths

    require_paths(paths)
    if output is not None:
        from factlint.fileio import refuse_input_target

        refuse_input_target(output, paths)
    claims = collect_claims(paths, config, jobs=jobs, use_cache=not no_cache, quiet=quiet)
    if fmt is ClaimsFormat.table:
        import shutil
        import sys

        color = output is None and sys.stdout.isatty()
        text = render_table(claims, color=color, width=shutil.get_terminal_size().columns if color else None)
    elif fmt is ClaimsFormat.csv:
        text = render_csv(claims)
    else:
        text = ClaimsOutput(claims=claims).model_dump_json(indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        from factlint.fileio import write_atomic

        write_atomic(output, text)
