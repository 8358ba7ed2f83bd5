"""`factlint check PATH...`: compare claims across articles and report what the rules find.

Exit codes (as ruff): 0 no finding at or above the fail level (or --exit-zero),
1 findings, 2 usage or configuration error.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from factlint.cli import app


class OutputFormat(str, Enum):
    concise = "concise"
    full = "full"
    json = "json"
    json_lines = "json-lines"
    junit = "junit"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _selectors(values: Optional[List[str]]) -> Optional[list[str]]:
    if not values:
        return None
    from factlint.config import parse_selectors

    return parse_selectors(values)


def _needs_claims(fmt: str, statistics: bool, baseline: bool) -> bool:
    """Whether the output reads the claims of findings: concise lines, statistics and the
    JSON report (which copies what the index kept of each finding) do not."""
    from factlint.report import PARTIAL_FORMATS

    return baseline or not (statistics or fmt in PARTIAL_FORMATS)


@app.command("check")
def check_command(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Files or folders to check (default: the configured corpus). Files inside the corpus "
                   "are checked against the rest of it, read from the claim index."),
    select: Optional[List[str]] = typer.Option(
        None, "--select", help="Only these rule ids or prefixes (FL1, FL301; comma-separated or repeated)."),
    ignore: Optional[List[str]] = typer.Option(
        None, "--ignore", help="Skip these rule ids or prefixes (added to the configuration's)."),
    fail_level: Optional[FailLevel] = typer.Option(
        None, "--fail-level", help="Lowest severity that makes the run fail (default: error, or the config's)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    statistics: bool = typer.Option(False, "--statistics", help="Show the number of findings per rule."),
    fmt: OutputFormat = typer.Option(OutputFormat.concise, "--format", "--output-format", "-f",
                                     help="Output format."),
    output: Optional[Path] = typer.Option(
        None, "--output-file", "-o", help="Write the report to this file; the terminal gets the summary."),
    config_file: Optional[Path] = typer.Option(
        None, "--config", help="Use this configuration file instead of searching for one."),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", help="Hide findings recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", help="Record today's findings in this baseline file, then exit 0."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes for extraction."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the claim cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    diff_base: Optional[str] = typer.Option(
        None, "--diff-base", metavar="REF",
        help="Check the files changed since this git ref against the rest of the corpus."),
) -> None:
    """Check claims across articles against each other, the rule set and reference facts."""
    from factlint.check import CheckOptions, resolve_config, run_check
    from factlint.report.output import emit

    from factlint.cli import require_paths

    paths = list(paths or [])
    require_paths(paths)
    options = CheckOptions(select=_selectors(select), ignore=_selectors(ignore),
                           fail_level=fail_level.value if fail_level else None, jobs=jobs,
                           use_cache=not no_cache, quiet=quiet, baseline=baseline, diff_base=diff_base,
                           complete=_needs_claims(fmt.value, statistics, write_baseline is not None))
    config = resolve_config(paths, None, config_file, options)  # overrides apply idempotently
    from factlint.fileio import refuse_input_target

    for target, option in ((output, "-o"), (write_baseline, "--write-baseline")):
        if target is not None:
            refuse_input_target(target, paths or [config.corpus], option, config.is_excluded)
    result = run_check(paths, config, options)
    if write_baseline is not None:
        from factlint.rules.baseline import write_baseline as write

        count = write(options.unfiltered, write_baseline)
        typer.echo(f"Wrote {count} baseline entr{'y' if count == 1 else 'ies'} to {write_baseline}.")
        raise typer.Exit(0)
    if not result.summary.files and not options.diff_base:
        # as ruff warns when it finds no Python files: a mistyped folder should not pass quietly
        typer.echo("warning: no articles (.txt, .md, .markdown, .html, .htm) found in "
                   + (", ".join(str(p) for p in paths) or "the configured corpus"), err=True)
    emit(result, fmt.value, output=output, statistics=statistics)
    if exit_zero:
        raise typer.Exit(0)
    failing = any(config.fails(f.severity) for f in result.findings)
    raise typer.Exit(1 if failing else 0)
