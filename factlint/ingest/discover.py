"""Which files to read: folders walked recursively, hidden entries and excludes skipped.

Directory symlinks are not followed (as git and ripgrep do by default), so a
link back up the tree cannot loop; file symlinks are read. Exclude patterns use
gitignore semantics (``drafts/**``, ``*.html``, ``archive/``) and are matched
against the path relative to the folder given and relative to the current
directory, so the same pattern works whether a hook passes file names or a
user names the corpus folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional, Union

import pathspec

from factlint.errors import FactlintError
from factlint.models import IngestNotice

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}

PathLike = Union[str, Path]


def format_for(path: PathLike) -> str:
    """The document format a file's suffix implies; unknown suffixes are read as text."""
    return SUFFIXES.get(os.path.splitext(os.fspath(path))[1].lower(), "text")


def display_path(path: PathLike) -> str:
    """POSIX path relative to the current directory when under it, else as given."""
    given = os.fspath(path)
    try:
        cwd = os.getcwd()
    except OSError:  # the current directory was deleted under us
        return Path(given).as_posix()
    absolute = os.path.abspath(given)
    if absolute == cwd:
        return "."
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix):].replace(os.sep, "/")
    if os.sep == "/" and _already_normal(given):
        return given        # what Path(given).as_posix() returns, without building a Path
    return Path(given).as_posix()


def _already_normal(given: str) -> bool:
    """True when a POSIX path string has no empty or '.' parts and no trailing slash."""
    return bool(given) and given != "." and "//" not in given and "/./" not in given \
        and not given.startswith("./") and not given.endswith(("/", "/."))


def _compile(exclude: Iterable[str]) -> Optional[pathspec.PathSpec]:
    patterns = [p for p in exclude if p and p.strip()]
    if not patterns:
        return None
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _excluded(spec: Optional[pathspec.PathSpec], *candidates: str) -> bool:
    return spec is not None and any(c and spec.match_file(c) for c in candidates)


def _walk(root: Path, spec: Optional[pathspec.PathSpec], found: dict[str, Path],
          problems: Optional[list[IngestNotice]]) -> None:
    root_str = os.fspath(root)
    root_abs = os.path.abspath(root_str)
    stack = [(root_str, "")]
    while stack:
        folder, rel_folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if problems is not None:
                problems.append(IngestNotice(path=display_path(folder),
                                             message=f"cannot list folder: {exc.strerror or exc}; skipped"))
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = rel_folder + name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if spec is None or not _excluded(spec, rel + "/", display_path(entry.path) + "/"):
                        subfolders.append((entry.path, rel + "/"))
                    continue
                if os.path.splitext(name)[1].lower() not in SUFFIXES:
                    continue
                if spec is not None and _excluded(spec, rel, display_path(entry.path)):
                    continue
                # follows file links; a link to a folder (never walked) or a dangling
                # link, a FIFO or a socket is not a file to read
                try:
                    is_file = entry.is_file()
                except OSError:  # a link to itself: "too many levels of symbolic links"
                    is_file = False
                if not is_file:
                    if problems is not None and entry.is_symlink() and not os.path.exists(entry.path):
                        # an article that is not checked, and nothing else would say so
                        problems.append(IngestNotice(path=display_path(entry.path),
                                                     message="broken or looping symbolic link; skipped"))
                    continue
            except OSError:
                continue
            found.setdefault(os.path.normpath(os.path.join(root_abs, rel)), Path(entry.path))
        # depth-first in name order; the final sort makes the order independent of this anyway
        stack.extend(reversed(subfolders))


def discover_files(paths: Iterable[PathLike], exclude: Iterable[str] = (),
                   problems: Optional[list[IngestNotice]] = None) -> list[Path]:
    """Files to read under ``paths``, sorted; a path that does not exist is an error.

    Files named explicitly are read whatever their suffix (as text when it is
    not a known one). Folders that cannot be listed are reported in ``problems``
    when a list is given.
    """
    spec = _compile(exclude)
    found: dict[str, Path] = {}
    for item in paths:
        path = Path(item)
        if not path.exists():
            if path.is_symlink():
                raise FactlintError(f"{item}: broken or looping symbolic link")
            raise FactlintError(f"{item}: no such file or directory")
        if path.is_dir():
            _walk(path, spec, found, problems)
            continue
        if _excluded(spec, display_path(path)):
            continue
        found.setdefault(os.path.normpath(os.path.abspath(path)), path)
    return sorted(found.values(), key=lambda p: (p.as_posix(), str(p)))
