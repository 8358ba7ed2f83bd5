"""`factlint init [PATH]`: write a commented starter factlint.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from factlint.cli import app
from factlint.config.template import STARTER_CONFIG
from factlint.errors import FactlintError
from factlint.fileio import write_atomic


def init_target(path: Optional[Path]) -> Path:
    """The file to write: PATH itself when it names a .yaml/.yml file, else PATH/factlint.yaml."""
    if path is None:
        return Path("factlint.yaml")
    if path.suffix.lower() in (".yaml", ".yml") and not path.is_dir():
        if not path.parent.is_dir():
            raise FactlintError(f"cannot write {path}: folder {path.parent} does not exist")
        return path
    if not path.is_dir():
        raise FactlintError(f"cannot write in {path}: no such folder")
    return path / "factlint.yaml"


@app.command("init")
def init_command(
    path: Optional[Path] = typer.Argument(
        None, help="Folder to write factlint.yaml in (default: the current folder), or a .yaml file name."),
) -> None:
    """Write a commented starter factlint.yaml (never overwrites an existing file)."""
    target = init_target(path)
    try:
        write_atomic(target, STARTER_CONFIG, overwrite=False)
    except FileExistsError:
        raise FactlintError(f"{target} already exists; not overwriting it "
                            "(edit it, or remove it and run `factlint init` again)") from None
    typer.echo(f"wrote {target}")
