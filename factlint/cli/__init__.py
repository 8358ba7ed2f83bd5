"""Command line: `factlint check|claims|rules|rule|init|schema|clean`.

Each command lives in its own module and registers itself on ``app``.
Every FactlintError becomes a one-line message and exit code 2; an unexpected
exception becomes exit 2 with a one-line message too (and the traceback only
with FACTLINT_DEBUG=1), so pre-commit and CI never see a traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from factlint.errors import FactlintError

app = typer.Typer(
    name="factlint",
    help="Find numeric claims in articles and check them against each other, a rule set and reference facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        from factlint import __version__

        typer.echo(f"factlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    pass


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from factlint.cli import claims_cmd, schema_cmd  # noqa: F401
    for optional in ("check_cmd", "rules_cmd", "cache_cmd", "init_cmd"):
        try:
            __import__(f"factlint.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"factlint.cli.{optional}":
                raise


def require_paths(paths) -> None:
    """A path named on the command line that cannot be read is a usage error (exit 2)."""
    for p in paths:
        if not p.exists():
            problem = "broken or looping symbolic link" if p.is_symlink() else "no such file or folder"
            raise FactlintError(f"{p}: {problem}")


def error(message: str) -> None:
    typer.echo(f"factlint: error: {message}", err=True)


def main() -> None:
    _register()
    try:
        # Without standalone mode, click returns typer.Exit's code instead of raising it.
        code = app(standalone_mode=False)
    except FactlintError as exc:
        error(str(exc))
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        error("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)
    except Exception as exc:  # usage errors and anything unexpected
        # Usage errors are click exceptions; newer typer vendors click privately, so
        # recognise them by their interface rather than by importing click.
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(2)
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set FACTLINT_DEBUG=1 for a traceback)")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
