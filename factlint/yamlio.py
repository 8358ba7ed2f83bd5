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
import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Protocol, TypeVar

import orjson

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from factlint.errors import ConfigError

# The largest expanded document we accept; real rule sets are a few thousand nodes.
MAX_NODES = 200_000
# Flow collections ("[...]", "{...}") nested deeper than this are refused before parsing:
# real files nest a few levels, and ruamel's scanner takes time quadratic in the depth
# ("[[[[..." a thousand deep took seconds to fail).
MAX_FLOW_DEPTH = 64

M = TypeVar("M", bound=BaseModel)

Position = tuple[int, int]

STR_TAG = "tag:yaml.org,2002:str"


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
    if isinstance(node, TaggedScalar) and str(node.tag) == STR_TAG:
        return str(node.value)  # "!!str 5": the round-trip loader keeps the explicit tag
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


# What the flow-depth scan stops at: brackets, quotes, comment marks and line ends.
_FLOW_STOPS = re.compile(r"[\[\]{}'\"#\n]")
_ESCAPED_DQ = re.compile(r'(?:[^"\\\n]|\\.)*"?')


def deep_flow(text: str, limit: int = MAX_FLOW_DEPTH) -> Optional[Position]:
    """(line, column) of the first flow bracket nested deeper than ``limit``, or None.

    A linear pre-scan, not a parser: brackets inside quoted scalars and comments do
    not count, and a closing bracket never takes the depth below zero, so balanced
    brackets in plain text ("see [1]") never add up.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    line, line_start = 1, 0
    pos, n = 0, len(text)
    while pos < n:
        m = _FLOW_STOPS.search(text, pos)
        if m is None:
            return None
        ch, at = m.group(), m.start()
        pos = at + 1
        if ch == "\n":
            line, line_start = line + 1, pos
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line, at - line_start + 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "#":
            if at == line_start or text[at - 1] in " \t":
                end = text.find("\n", at)
                pos = n if end < 0 else end
        elif at == line_start or text[at - 1] in " \t[{,:-?":
            # a quoted scalar; quotes inside plain text ("China's") are just text
            if ch == "'":
                end = at + 1
                while True:
                    end = text.find("'", end)
                    if end < 0 or not text.startswith("'", end + 1):
                        break
                    end += 2
            else:
                end = _ESCAPED_DQ.match(text, at + 1).end() - 1
            end = n if end < 0 else end
            line += text.count("\n", at, end)
            if line > 1:
                last = text.rfind("\n", 0, end)
                line_start = max(line_start, last + 1)
            pos = end + 1
    return None


def refuse_unsafe(text: str, where: str, limit: int = MAX_NODES, tags: bool = True) -> list[tuple[int, int, str]]:
    """Refuse foreign tags, alias bombs and runaway nesting before anything is expanded.

    Composing keeps each anchored node once, so the expanded size is counted over
    the node graph with memoization: linear in the text, a "billion laughs"
    document is refused in milliseconds. With ``tags=False`` foreign tags are not
    refused; those on collections, which load as plain lists and mappings, are
    returned as (line, column, tag) for the caller to report (a scalar with a
    foreign tag loads as a TaggedScalar, which the caller sees anyway).
    """
    deep = deep_flow(text)
    if deep is not None:
        raise ConfigError(where, deep[0], deep[1], f"brackets nested more than {MAX_FLOW_DEPTH} levels deep; "
                                                    "refusing to load it")
    found: list[tuple[int, int, str]] = []
    try:
        root = _yaml().compose(text)
    except (YAMLError, RecursionError):
        return found  # the load below reports syntax errors with their position
    if root is None:
        return found
    memo: dict[int, int] = {}

    def size(node: Node) -> int:
        known = memo.get(id(node))
        if known is not None:
            return known
        tag = str(node.tag)
        if tag not in ALLOWED_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            mark = node.start_mark
            if tags:
                raise ConfigError(where, mark.line + 1, mark.column + 1,
                                  f"YAML tag '{shown}' is not allowed (factlint reads plain YAML data only)")
            if isinstance(node, (MappingNode, SequenceNode)):
                found.append((mark.line + 1, mark.column + 1, shown))
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
    return found


def parse_yaml(text: str, where: str, refuse_tags: bool = True,
               foreign_tags: Optional[list[tuple[int, int, str]]] = None) -> tuple[Any, dict[tuple, Position]]:
    """Parse YAML text; return plain data and a map from key paths to (line, column).

    ``refuse_tags=False`` is for article front matter, where the reader drops a
    tagged value with a notice rather than losing the whole header; the loader
    never constructs objects from tags either way. The foreign tags met are then
    added to ``foreign_tags`` when a list is given.
    """
    found = refuse_unsafe(text, where, tags=refuse_tags)
    if foreign_tags is not None:
        foreign_tags.extend(found)
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


def shown(path: Path | str) -> str:
    """A file's name in messages: relative to the working folder when under it, as the
    configuration file itself is shown."""
    given = Path(path)
    try:
        return Path(os.path.abspath(given)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return str(given)


def not_utf8(where: str, data: bytes, exc: UnicodeDecodeError) -> ConfigError:
    """The error for a file that is not UTF-8, at the line and column of its first bad byte."""
    start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
    line = data.count(b"\n", 0, start) + 1
    column = len(data[data.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
    return ConfigError(where, line, column, f"not UTF-8 text (byte 0x{data[start]:02x}); save it as UTF-8")


def load_yaml(path: Path | str) -> tuple[Any, dict[tuple, Position]]:
    path = Path(path)
    where = shown(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(where, None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise not_utf8(where, data, exc) from None
    except IsADirectoryError:
        raise ConfigError(where, None, None, "is a folder, not a file") from None
    except OSError as exc:
        raise ConfigError(where, None, None, f"cannot read: {exc.strerror}") from None
    store = _parsed.get()
    if store is None or store.pid != os.getpid():
        return parse_yaml(text, where)
    key = hashlib.sha256(_parser_digest().encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    blob = store.get(key)
    if blob is not None:
        try:
            return _decode_parsed(blob)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # not what _encode_parsed wrote: parse again and replace it
    data, positions = parse_yaml(text, where)
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
    # a problem with the document as a whole (a missing top-level key) is at its start
    pos = position_of(positions, loc) or ((1, 1) if len(err["loc"]) <= 1 and not prefix else (None, None))
    dotted = ".".join(str(p) for p in loc) or "(top level)"
    if err["type"] == "extra_forbidden":
        message = f"unknown key '{loc[-1]}' at {dotted}"
    elif err["type"] == "missing":
        message = f"missing required key '{loc[-1]}' at {'.'.join(str(p) for p in loc[:-1]) or '(top level)'}"
    else:
        text = str(err["msg"])
        if err["type"] == "value_error" and text.startswith("Value error, "):
            text = text[len("Value error, "):]  # our validators' messages read on their own
        message = f"{dotted}: {text}"
        if "input" in err and not isinstance(err["input"], (dict, list)):
            got = repr(err["input"])
            if got not in text and str(err["input"]) not in text:
                message += f" (got {got})"
    extra = len(errors) - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return ConfigError(where, pos[0], pos[1], message)


def load_model(path: Path | str, model: type[M]) -> M:
    """Load a YAML file into a pydantic model, raising ConfigError with a position."""
    data, positions = load_yaml(path)
    return model_from_data(data, positions, model, shown(path))


def model_from_data(data: Any, positions: dict[tuple, Position], model: type[M], where: str,
                    prefix: tuple = ()) -> M:
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, where, positions, prefix) from None
