"""`factlint clean [PATH]`: remove the claim index (as `ruff clean`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from factlint.cli import app
from factlint.errors import FactlintError


def cache_folders(path: Path) -> list[Path]:
    """The index of the corpus ``path`` belongs to, and any index found under ``path``."""
    from factlint.cache.store import CACHE_DIR_NAME, cache_dir
    from factlint.config import load_config

    found = {cache_dir(load_config([path]).corpus).resolve()}
    top = path if path.is_dir() else path.parent
    for folder, subfolders, _ in os.walk(top):
        if CACHE_DIR_NAME in subfolders:
            found.add((Path(folder) / CACHE_DIR_NAME).resolve())
        # Hidden folders (.git, virtualenvs) never hold a corpus.
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
    return sorted(f for f in found if f.is_dir())


@app.command("clean")
def clean_command(
    path: Optional[Path] = typer.Argument(None, help="Corpus folder (default: the current folder)."),
) -> None:
    """Remove the claim index (.factlint_cache) of a corpus and any under PATH."""
    from factlint.cache.store import clean

    path = path or Path(".")
    if not path.exists():
        raise FactlintError(f"{path}: no such file or folder")
    removed = 0
    for folder in cache_folders(path):
        try:
            if clean(folder.parent):
                typer.echo(f"removed {folder}", err=True)
                removed += 1
        except OSError as exc:
            raise FactlintError(f"cannot remove {folder}: {exc}") from None
    if not removed:
        typer.echo("no factlint cache found", err=True)
