"""What a stored extraction result depends on, as one short hash.

A stored FileResult is reused only if it was built by the same factlint (its
version and the source of the stages that build a FileResult: an editable
install changes code without changing its version), from the same built-in
tables under ``rules/`` and from the same user tables the config names (alias,
rate and unit files). Rule settings do not change what is extracted, so
editing them does not throw the index away.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import factlint
from factlint import __version__
from factlint.resources import builtin_rules_dir

# The parts of the package whose code decides what a FileResult holds.
_EXTRACTION_CODE = ("ingest", "extract", "normalize", "models.py", "pipeline.py", "rules/suppress.py",
                    "cache/codec.py")


def _hash_files(h: "hashlib._Hash", files: Iterable[Path], base: Optional[Path] = None) -> None:
    for f in files:
        name = f.relative_to(base).as_posix() if base is not None else str(f)
        h.update(name.encode("utf-8", "surrogatepass") + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")


@lru_cache(maxsize=1)
def code_digest() -> str:
    package = Path(factlint.__file__).resolve().parent
    files: list[Path] = []
    for part in _EXTRACTION_CODE:
        p = package / part
        if p.is_dir():
            files.extend(sorted(p.rglob("*.py")))
        elif p.is_file():
            files.append(p)
    h = hashlib.sha256(__version__.encode())
    _hash_files(h, files, package)
    return h.hexdigest()


@lru_cache(maxsize=1)
def builtin_tables_digest() -> str:
    folder = builtin_rules_dir()
    h = hashlib.sha256()
    if folder.is_dir():
        _hash_files(h, sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")),
                    folder)
    return h.hexdigest()


def extraction_key(tables: Iterable[Path] = ()) -> str:
    """The settings hash stored with every entry; ``tables`` are user files the config names."""
    h = hashlib.sha256(code_digest().encode() + builtin_tables_digest().encode())
    _hash_files(h, sorted({Path(t).resolve() for t in tables}))
    return h.hexdigest()[:32]
