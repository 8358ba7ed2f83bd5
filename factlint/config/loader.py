"""Finding and reading configuration: discovery, ``extend`` chains, validation.

Discovery starts from the folder of the checked paths (never the working
folder): a run on ``corpus/a.md`` from anywhere finds ``corpus/factlint.yaml``.
The first folder upward holding ``factlint.yaml``, ``.factlint.yaml`` or a
``pyproject.toml`` with a ``[tool.factlint]`` table wins; nothing is merged
unless a file says ``extend:``.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union


from factlint.config.model import Config, ConfigFile, PathIgnore, _dedupe
from factlint.errors import ConfigError
from factlint.yamlio import Position, model_from_data, not_utf8, parse_yaml, refuse_unsafe

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = ("factlint.yaml", ".factlint.yaml", "pyproject.toml")
MAX_EXTEND_DEPTH = 32

PathLike = Union[str, Path]


@dataclass
class Layer:
    """One file of an extend chain, as read."""

    path: Path
    settings: ConfigFile
    positions: dict[tuple, Position]


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when under it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# Reading one file -------------------------------------------------------------------

TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(display(path), None, None, "config file not found") from None
    except UnicodeDecodeError as exc:
        raise not_utf8(display(path), data, exc) from None
    except OSError as exc:
        raise ConfigError(display(path), None, None, f"cannot read: {exc.strerror}") from None


def _parse_toml(text: str, where: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = TOML_POSITION.search(message)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        message = TOML_POSITION.sub("", message).strip()
        raise ConfigError(where, line, col, f"invalid TOML: {message}") from None


def factlint_table(path: Path) -> Optional[dict]:
    """The ``[tool.factlint]`` table of a pyproject.toml, or None when it has none."""
    data = _parse_toml(_read_text(path), display(path))
    table = data.get("tool", {}).get("factlint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(display(path), *(_toml_positions(_read_text(path), ("tool",)).get(("factlint",))
                                           or (None, None)), "tool.factlint must be a table")
    return table


def _read_layer(path: Path) -> Layer:
    where = display(path)
    text = _read_text(path)
    if path.suffix.lower() == ".toml":
        data = _parse_toml(text, where)
        prefix: tuple[str, ...] = ()
        if path.name == "pyproject.toml":
            prefix = ("tool", "factlint")
            tool = data.get("tool")
            data = tool.get("factlint") if isinstance(tool, dict) else None
            if data is None:
                raise ConfigError(where, None, None, "no [tool.factlint] table")
        positions = _toml_positions(text, prefix)
        key_prefix = ".".join(prefix)
    else:
        refuse_unsafe(text, where, MAX_CONFIG_NODES)
        data, positions = parse_yaml(text, where)
        key_prefix = ""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(where, 1, 1, "expected a mapping of settings (key: value) at the top level")
    _check_keys(data, positions, where, key_prefix)
    return Layer(path=path, settings=model_from_data(data, positions, ConfigFile, where), positions=positions)


def _check_keys(data: dict, positions: dict[tuple, Position], where: str, key_prefix: str) -> None:
    """Reject unknown top-level keys with a suggestion (``fail_level`` -> ``fail-level``)."""
    allowed = ConfigFile.keys()
    for key in data:
        if key in allowed:
            continue
        near = difflib.get_close_matches(str(key).replace("_", "-"), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else f"; known keys: {', '.join(allowed)}"
        shown = f"{key_prefix}.{key}" if key_prefix else str(key)
        line, col = positions.get((str(key),), (None, None))
        raise ConfigError(where, line, col, f"unknown key '{shown}'{hint}")


# A real config has dozens of nodes; this leaves room for generous anchor use.
MAX_CONFIG_NODES = 20_000




# TOML positions: tomllib keeps none, so find keys in the text to point at a line.

TOML_HEADER = re.compile(r"^\s*\[\[?\s*(.+?)\s*\]\]?\s*(#.*)?$")
TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
TOML_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")
TOML_INLINE_KEY = re.compile(r"""(?:^|[{,])\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
TOML_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")


def _toml_parts(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in TOML_PART.finditer(dotted))


def _toml_positions(text: str, prefix: tuple[str, ...]) -> dict[tuple, Position]:
    """Approximate key positions (1-based) under the table ``prefix``: top-level keys,
    sub-tables, keys of one-line inline tables and string items of arrays."""
    positions: dict[tuple, Position] = {}
    table: tuple[str, ...] = ()  # keys before any [header] belong to the root table
    open_array: Optional[tuple[tuple, int]] = None  # (key path, next index) of a multi-line array
    n = len(prefix)
    for lineno, line in enumerate(text.splitlines(), 1):
        if open_array is not None:
            key, index = open_array
            for s in TOML_STRING.finditer(line.split("#", 1)[0]):
                positions.setdefault(key + (index,), (lineno, s.start() + 1))
                index += 1
            open_array = None if "]" in line.split("#", 1)[0] else (key, index)
            continue
        header = TOML_HEADER.match(line)
        if header:
            table = _toml_parts(header.group(1))
            if table[:n] == prefix and len(table) > n:
                positions.setdefault(table[n:], (lineno, line.index("[") + 1))
            continue
        m = TOML_KEY.match(line)
        if not m:
            continue
        full = table + _toml_parts(m.group(1))
        if full[:n] != prefix or len(full) <= n:
            continue
        key = full[n:]
        positions.setdefault(key, (lineno, m.start(1) + 1))
        rest_start = m.end()
        rest = line[rest_start:].split("#", 1)[0]
        stripped = rest.lstrip()
        if stripped.startswith("{"):
            for km in TOML_INLINE_KEY.finditer(rest):
                positions.setdefault(key + _toml_parts(km.group(1)), (lineno, rest_start + km.start(1) + 1))
        elif stripped.startswith("["):
            index = 0
            for s in TOML_STRING.finditer(rest):
                positions.setdefault(key + (index,), (lineno, rest_start + s.start() + 1))
                index += 1
            if "]" not in rest:
                open_array = (key, index)
    return positions


# Extend chains ------------------------------------------------------------------------

def _load_chain(path: Path) -> list[Layer]:
    """The file and everything it extends, base first."""
    chain: list[Layer] = []
    seen: list[Path] = []
    current: Optional[Path] = path
    while current is not None:
        layer = _read_layer(current)
        seen.append(current)
        chain.append(layer)
        target = layer.settings.extend
        if not target:
            break
        line, col = layer.positions.get(("extend",), (None, None))
        where = display(current)
        resolved = _real(current.parent / target)
        if resolved in seen:
            # Shown relative to the first file's folder: short, and enough to find them.
            cycle = " -> ".join(Path(os.path.relpath(p, path.parent)).as_posix()
                                for p in seen[seen.index(resolved):] + [resolved])
            raise ConfigError(where, line, col, f"extend cycle: {cycle}")
        if len(seen) >= MAX_EXTEND_DEPTH:
            raise ConfigError(where, line, col, f"extend chain longer than {MAX_EXTEND_DEPTH} files")
        if not resolved.is_file():
            problem = "broken or looping symbolic link" if resolved.is_symlink() else "file not found"
            raise ConfigError(where, line, col, f"extend: {problem}: {target}")
        current = resolved
    return list(reversed(chain))


def _check_paths(layer: Layer) -> None:
    """Every file the layer names must exist; report the line that names a missing one."""
    base = layer.path.parent
    where = display(layer.path)
    s = layer.settings
    named: list[tuple[tuple, str, str]] = []
    named += [(("rules", i), p, "rule file") for i, p in enumerate(s.rules)]
    named += [(("reference", i), p, "reference facts file") for i, p in enumerate(s.reference)]
    named += [(("aliases", i), p, "alias table") for i, p in enumerate(s.aliases)]
    if s.rates:
        named.append((("rates",), s.rates, "rate table"))
    for key, value, what in named:
        target = base / value
        if not target.is_file():
            line, col = layer.positions.get(key) or layer.positions.get(key[:1], (None, None))
            problem = "is a folder, not a file" if target.is_dir() else "not found"
            raise ConfigError(where, line, col, f"{what} {problem}: {value}")
    if s.corpus is not None and not (base / s.corpus).is_dir():
        line, col = layer.positions.get(("corpus",), (None, None))
        raise ConfigError(where, line, col, f"corpus folder not found: {s.corpus}")


def _resolve(chain: list[Layer], top: Path) -> Config:
    root = top.parent
    merged: dict[str, Any] = {
        "path": top, "sources": [layer.path for layer in chain], "root": root, "corpus": root,
        "rule_files": [], "ignore": [], "exclude": [], "per_path_ignores": [],
        "reference_files": [], "alias_files": [], "severity": {}, "options": {},
    }
    for layer in chain:
        _check_paths(layer)
        s, base = layer.settings, layer.path.parent
        # Lists of things to add accumulate along the chain; single choices are replaced.
        merged["rule_files"] += [_abs(base, p) for p in s.rules]
        merged["reference_files"] += [_abs(base, p) for p in s.reference]
        merged["alias_files"] += [_abs(base, p) for p in s.aliases]
        merged["ignore"] += s.ignore
        merged["exclude"] += [PathIgnore(base=base, pattern=g, rules=[]) for g in s.exclude]
        merged["per_path_ignores"] += [PathIgnore(base=base, pattern=g, rules=r)
                                       for g, r in s.per_path_ignores.items()]
        merged["severity"].update(s.severity)
        for rule_id, opts in s.options.items():
            merged["options"][rule_id] = {**merged["options"].get(rule_id, {}), **opts}
        if s.select is not None:
            merged["select"] = s.select
        if s.fail_level is not None:
            merged["fail_level"] = s.fail_level
        if s.rates is not None:
            merged["rates_file"] = _abs(base, s.rates)
        if s.corpus is not None:
            merged["corpus"] = _abs(base, s.corpus)
    for key in ("rule_files", "reference_files", "alias_files", "ignore"):
        merged[key] = _dedupe(merged[key])
    return Config(**merged)


def _abs(base: Path, value: str) -> Path:
    return Path(os.path.normpath(base / value))


# Discovery ------------------------------------------------------------------------------

def _real(path: PathLike) -> Path:
    """``Path.resolve()``, or the absolute path when a symbolic link loops (resolve raises
    RuntimeError for that on the Pythons we support, which must not be an internal error)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def start_folder(paths: Iterable[PathLike]) -> Path:
    """The folder discovery starts from: the deepest folder holding every checked path."""
    folders = []
    for p in paths:
        p = _real(p)
        folders.append(p if p.is_dir() else p.parent)
    if not folders:
        return Path.cwd().resolve()
    return Path(os.path.commonpath([str(f) for f in folders]))


def find_config(start: PathLike) -> Optional[Path]:
    """The nearest config file in ``start`` or above it, or None."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if not path.is_file():
                continue
            if name == "pyproject.toml" and factlint_table(path) is None:
                continue
            return path
    return None


def load_config(paths: Sequence[PathLike] = (), config_file: Optional[PathLike] = None) -> Config:
    """The configuration for a run over ``paths``.

    ``config_file`` (``--config``) wins over discovery; without either, defaults with
    the paths' common folder as root. Any problem raises ConfigError (file:line:col).
    """
    if config_file is not None:
        path = _real(config_file)
        if not path.is_file():
            problem = ("broken or looping symbolic link" if path.is_symlink() else
                       "config file not found" if not path.exists() else "not a file")
            raise ConfigError(str(config_file), None, None, problem)
    else:
        path = find_config(start_folder(paths))
        if path is None:
            return Config.default(start_folder(paths))
    return _resolve(_load_chain(path), path)


# Where a setting was written (for problems found after loading) ----------------------

_LIST_FIELDS = {"select": "select", "ignore": "ignore"}
_DICT_FIELDS = {"severity": "severity", "options": "options"}


def setting_position(config: Any, field: str, selector: Optional[str] = None,
                     rest: tuple = ()) -> Optional[tuple[str, Optional[int], Optional[int]]]:
    """(file, line, column) of the entry naming rule ``selector`` under ``field`` (``select``,
    ``ignore``, ``severity``, ``options`` or ``per-path-ignores``), ``rest`` being a key path
    below it (an option name). The last file of the extend chain that writes it wins;
    None when no configuration file does (a command-line value).

    Files are read again: this runs only to report a problem.
    """
    from factlint.config.model import normalize_selector

    def same(raw: Any) -> bool:
        try:
            return normalize_selector(str(raw)) == selector
        except Exception:  # noqa: BLE001 - not a selector at all
            return False

    for path in reversed(list(getattr(config, "sources", []) or [])):
        try:
            layer = _read_layer(Path(path))
        except ConfigError:
            continue
        s, positions, where = layer.settings, layer.positions, display(Path(path))
        if field in _LIST_FIELDS:
            values = getattr(s, _LIST_FIELDS[field]) or []
            for i, value in enumerate(values):
                if value == selector:
                    pos = positions.get((field, i)) or positions.get((field,), (None, None))
                    return where, pos[0], pos[1]
        elif field in _DICT_FIELDS:
            for key in positions:
                if len(key) == 2 and key[0] == field and same(key[1]):
                    pos = positions.get(key + tuple(rest)) if rest else None
                    pos = pos or _deepest(positions, key + tuple(rest)) or positions[key]
                    return where, pos[0], pos[1]
        elif field == "per-path-ignores":
            for pattern, rules in s.per_path_ignores.items():
                for i, value in enumerate(rules):
                    if value == selector:
                        pos = (positions.get((field, pattern, i)) or positions.get((field, pattern))
                               or positions.get((field,), (None, None)))
                        return where, pos[0], pos[1]
    return None


def _deepest(positions: dict[tuple, Position], key: tuple) -> Optional[Position]:
    while key:
        if key in positions:
            return positions[key]
        key = key[:-1]
    return None
