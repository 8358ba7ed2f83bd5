"""Safe YAML loading for every file a user writes, with file:line:column errors.

All user-written YAML (config, rule files, unit/alias/rate tables, reference
facts, baselines) goes through :func:`load_model` or :func:`load_yaml`, so every
such file gets the same guarantees: no Python object tags, a bound on alias
expansion (a "billion laughs" file is refused quickly), and pydantic errors that
point at the offending key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Protocol, TypeVar

import orjson

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from factlint.errors import ConfigError

# The largest expanded document we accept; real rule sets are a few thousand nodes.
MAX_NODES = 200_000

M = TypeVar("M", bound=BaseModel)

Position = tuple[int, int]


def _yaml() -> YAML:
    # The round-trip loader keeps line/column marks and, unlike the unsafe
    # loader, builds no Python objects from tags.
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _plain(node: Any, positions: dict[tuple, Position], key: tuple, budget: list[int], where: str) -> Any:
    """Copy ruamel's tree into plain dicts/lists, recording each key's position."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ConfigError(where, 1, 1, f"document expands to more than {MAX_NODES} nodes "
                                      "(too many aliases?); refusing to load it")
    if isinstance(node, CommentedMap):
        out = {}
        for k, v in node.items():
            try:
                line, col = node.lc.key(k)
                positions[key + (str(k),)] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(k) if not isinstance(k, (str, int, float, bool)) else k] = _plain(
                v, positions, key + (str(k),), budget, where)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, v in enumerate(node):
            try:
                line, col = node.lc.item(i)
                positions[key + (i,)] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError, IndexError):
                pass
            out_list.append(_plain(v, positions, key + (i,), budget, where))
        return out_list
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


# Plain data only: a tag such as !!python/object is refused, not silently dropped,
# so a file written for an unsafe loader never half-works.
ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in
                ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")}


def refuse_unsafe(text: str, where: str, limit: int = MAX_NODES, tags: bool = True) -> None:
    """Refuse foreign tags and alias bombs before anything is expanded.

    Composing keeps each anchored node once, so the expanded size is counted over
    the node graph with memoization: linear in the text, a "billion laughs"
    document is refused in milliseconds.
    """
    try:
        root = _yaml().compose(text)
    except (YAMLError, RecursionError):
        return  # the load below reports syntax errors with their position
    if root is None:
        return
    memo: dict[int, int] = {}

    def size(node: Node) -> int:
        known = memo.get(id(node))
        if known is not None:
            return known
        tag = str(node.tag)
        if tags and tag not in ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            mark = node.start_mark
            raise ConfigError(where, mark.line + 1, mark.column + 1,
                              f"YAML tag '{shown}' is not allowed (factlint reads plain YAML data only)")
        memo[id(node)] = 1  # a recursive alias counts once; the copy below refuses it
        if isinstance(node, MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(v) for v in node.value)
        else:
            total = 1
        memo[id(node)] = total
        return total

    try:
        total = size(root)
    except RecursionError:
        raise ConfigError(where, 1, 1, "invalid YAML: nesting too deep") from None
    if total > limit:
        raise ConfigError(where, 1, 1, f"aliases expand this document to {total:,} nodes "
                                      f"(limit {limit:,}); refusing to load it")


def parse_yaml(text: str, where: str, refuse_tags: bool = True) -> tuple[Any, dict[tuple, Position]]:
    """Parse YAML text; return plain data and a map from key paths to (line, column).

    ``refuse_tags=False`` is for article front matter, where the reader drops a
    tagged value with a notice rather than losing the whole header; the loader
    never constructs objects from tags either way.
    """
    refuse_unsafe(text, where, tags=refuse_tags)
    try:
        tree = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(where, line, col, f"invalid YAML: {problem}") from None
    except YAMLError as exc:
        raise ConfigError(where, 1, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(where, 1, 1, "invalid YAML: nesting too deep") from None
    positions: dict[tuple, Position] = {}
    try:
        data = _plain(tree, positions, (), [MAX_NODES], where)
    except RecursionError:
        raise ConfigError(where, 1, 1, "invalid YAML: nesting too deep or recursive aliases") from None
    return data, positions


def load_yaml(path: Path | str) -> tuple[Any, dict[tuple, Position]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), None, None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(str(path), None, None, f"cannot read: {exc.strerror}") from None
    store = _parsed.get()
    if store is None or store.pid != os.getpid():
        return parse_yaml(text, str(path))
    key = hashlib.sha256(_parser_digest().encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    blob = store.get(key)
    if blob is not None:
        try:
            return _decode_parsed(blob)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # not what _encode_parsed wrote: parse again and replace it
    data, positions = parse_yaml(text, str(path))
    encoded = _encode_parsed(data, positions)
    if encoded is not None:
        store.put(key, encoded)
    return data, positions


def load_plain(path: Path | str) -> Any:
    """A file we ship and test (a built-in table), read with ruamel's plain safe parser:
    no positions, a few times faster than the round-trip one. Kept in the store too."""
    from ruamel.yaml import YAML

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    store = _parsed.get()
    if store is None or store.pid != os.getpid():
        return YAML(typ="safe").load(text)
    key = hashlib.sha256(b"plain\0" + _parser_digest().encode() + b"\0" + text.encode("utf-8")).hexdigest()
    blob = store.get(key)
    if blob is not None:
        try:
            return _decode_parsed(blob)[0]
        except (ValueError, TypeError, KeyError, IndexError):
            pass
    data = YAML(typ="safe").load(text)
    encoded = _encode_parsed(data, {})
    if encoded is not None:
        store.put(key, encoded)
    return data


# Parsed files, kept between runs --------------------------------------------------------
#
# The pure-Python parser takes a good part of a second for the built-in tables (the
# rate table alone is 37 KB), which every run that extracts or compares anything reads.
# While a run holds a store (factlint.pipeline: the claim index), what load_yaml parsed
# is kept there by the digest of the text and of this parser, as tagged JSON, and read
# back instead of parsed again. Nothing else goes through it: front matter and the
# configuration file are parsed every time.

class ParsedStore(Protocol):
    pid: int  # the process the store belongs to: a forked worker must not use it

    def get(self, key: str) -> Optional[bytes]: ...

    def put(self, key: str, data: bytes) -> None: ...


_parsed: ContextVar[Optional[ParsedStore]] = ContextVar("factlint_parsed_yaml", default=None)


@contextmanager
def parsed_store(store: Optional[ParsedStore]) -> Iterator[None]:
    """Within the block, :func:`load_yaml` keeps what it parses in ``store`` (None: nowhere)."""
    token = _parsed.set(store)
    try:
        yield
    finally:
        _parsed.reset(token)


@lru_cache(maxsize=1)
def _parser_digest() -> str:
    import ruamel.yaml

    h = hashlib.sha256(f"parsed-1 ruamel.yaml {ruamel.yaml.__version__}".encode())
    h.update(Path(__file__).read_bytes())  # this module decides what parsing yields
    return h.hexdigest()


class _Uncacheable(Exception):
    pass


def _encode_value(value: Any) -> Any:
    # Containers and anything JSON would not give back as it was are tagged objects;
    # plain JSON objects appear only as tags, so decoding is unambiguous.
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        if -(1 << 63) <= value < (1 << 63):
            return value
        return {"i": str(value)}
    if kind is float:
        return value if math.isfinite(value) else {"f": repr(value)}
    if kind is dict:
        return {"m": [[_encode_value(k), _encode_value(v)] for k, v in value.items()]}
    if kind is list:
        return {"l": [_encode_value(v) for v in value]}
    if kind is dt.date:
        return {"d": value.isoformat()}
    raise _Uncacheable(kind.__name__)


def _decode_value(value: Any) -> Any:
    if type(value) is not dict:
        return value
    (tag, body), = value.items()
    if tag == "m":
        return {_decode_value(k): _decode_value(v) for k, v in body}
    if tag == "l":
        return [_decode_value(v) for v in body]
    if tag == "d":
        return dt.date.fromisoformat(body)
    if tag == "f":
        return float(body)
    if tag == "i":
        return int(body)
    raise ValueError(f"unknown tag {tag!r}")


def _encode_parsed(data: Any, positions: dict[tuple, Position]) -> Optional[bytes]:
    try:
        return orjson.dumps([_encode_value(data), [[list(k), line, col] for k, (line, col) in positions.items()]])
    except (_Uncacheable, TypeError):
        return None  # a timestamp, say: parsed each time


def _decode_parsed(blob: bytes) -> tuple[Any, dict[tuple, Position]]:
    data, positions = orjson.loads(blob)
    return _decode_value(data), {tuple(k): (line, col) for k, line, col in positions}


def position_of(positions: dict[tuple, Position], loc: Iterable[Any]) -> Position | None:
    """The position of the deepest known key along a pydantic error location."""
    parts = tuple(str(p) if not isinstance(p, int) else p for p in loc)
    while parts:
        if parts in positions:
            return positions[parts]
        parts = parts[:-1]
    return None


def validation_error(exc: ValidationError, where: str, positions: dict[tuple, Position],
                     prefix: tuple = ()) -> ConfigError:
    """Turn the first pydantic error into a ConfigError pointing at its key."""
    errors = exc.errors()
    # A misspelt key also makes the right one "missing": name the misspelling first.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = prefix + tuple(err["loc"])
    pos = position_of(positions, loc) or (None, None)
    dotted = ".".join(str(p) for p in loc) or "(top level)"
    if err["type"] == "extra_forbidden":
        message = f"unknown key '{loc[-1]}' at {dotted}"
    elif err["type"] == "missing":
        message = f"missing required key '{loc[-1]}' at {'.'.join(str(p) for p in loc[:-1]) or '(top level)'}"
    else:
        message = f"{dotted}: {err['msg']}"
        if "input" in err and not isinstance(err["input"], (dict, list)):
            message += f" (got {err['input']!r})"
    extra = len(errors) - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return ConfigError(where, pos[0], pos[1], message)


def load_model(path: Path | str, model: type[M]) -> M:
    """Load a YAML file into a pydantic model, raising ConfigError with a position."""
    data, positions = load_yaml(path)
    return model_from_data(data, positions, model, str(path))


def model_from_data(data: Any, positions: dict[tuple, Position], model: type[M], where: str,
                    prefix: tuple = ()) -> M:
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, where, positions, prefix) from None
