"""YAML front matter of Markdown articles.

Everything goes through the project's safe loader (:func:`factlint.yamlio.parse_yaml`),
except the flat ``key: scalar`` blocks that newswire front matter is made of::

    title: "BAHIA COCOA REVIEW"
    date: 1987-02-26T15:01:01
    outlet: Reuters
    places: [el-salvador, usa]

The round-trip loader takes ~3 ms per such block, which alone would make a
20,000-article corpus take a minute; :func:`_parse_flat` reads exactly that
subset (and gives up, returning None, on anything it is not sure of), so the
result is the same as the loader's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from factlint.errors import ConfigError
from factlint.yamlio import parse_yaml

# Front matter that is not flat and larger than this is not read (articles use a few lines).
MAX_LOADER_CHARS = 64 * 1024

_OPEN_RE = re.compile(r"---[ \t]*\r?\n")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)

_UNUSUAL_CHARS = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# double-quoted with at most \" and \\ escapes (newswire titles quote words); others go to the loader
_DQ = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_DQ_ESCAPE = re.compile(r'\\(["\\])')
_SQ = re.compile(r"'([^']*)'")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T|t|[ \t]+)(\d{2}):(\d{2}):(\d{2})")
_INT = re.compile(r"0|-?[1-9][0-9]{0,17}")
_LIST_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9 _./-]*")
# Plain scalars YAML 1.2's core schema reads as something other than a string.
_SPECIAL = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"}


@dataclass
class FrontMatter:
    data: dict = field(default_factory=dict)
    end: int = 0  # offset just past the closing delimiter line (0: no front matter)
    notices: list[str] = field(default_factory=list)


class _NotFlat(Exception):
    pass


def _plain_string(value: str) -> str:
    if not value[0].isalpha() or value.casefold() in _SPECIAL:
        raise _NotFlat
    if ": " in value or "#" in value or value.endswith(":") or "\t" in value:
        raise _NotFlat
    return value


def _scalar(value: str) -> Any:
    if value == "":
        return None
    if "\r" in value:
        raise _NotFlat
    first = value[0]
    if first == '"':
        m = _DQ.fullmatch(value)
        if m is None:
            raise _NotFlat
        body = m.group(1)
        return _DQ_ESCAPE.sub(r"\1", body) if "\\" in body else body
    if first == "'":
        m = _SQ.fullmatch(value)
        if m is None:
            raise _NotFlat
        return m.group(1)
    if first == "[":
        if not value.endswith("]"):
            raise _NotFlat
        inner = value[1:-1].strip()
        if not inner:
            return []
        items = [item.strip() for item in inner.split(",")]
        for item in items:
            if not _LIST_ITEM.fullmatch(item) or item.casefold() in _SPECIAL or item != item.strip():
                raise _NotFlat
        return items
    if first.isdigit() or first == "-":
        m = _DATETIME.fullmatch(value)
        try:
            if m:
                return dt.datetime(*map(int, m.groups()))
            m = _DATE.fullmatch(value)
            if m:
                return dt.date(*map(int, m.groups()))
        except ValueError:
            raise _NotFlat from None
        if _INT.fullmatch(value):
            return int(value)
        raise _NotFlat
    return _plain_string(value)


def _parse_flat(block: str) -> Optional[dict]:
    """The block as a dict if it is flat ``key: scalar`` lines, else None."""
    if _UNUSUAL_CHARS.search(block):
        return None  # characters YAML refuses or may read as line breaks: the loader decides
    data: dict = {}
    try:
        for line in block.split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            key, colon, value = line.partition(":")
            if not colon or not _KEY.fullmatch(key):
                return None
            if value and value[0] not in " \t\r":
                return None  # "key:value" is one plain string in YAML, not a mapping
            if key in data or key.casefold() in _SPECIAL:
                return None
            scalar = value.strip(" \t\r")
            if "\t" in value and "\t" in value.replace(scalar, "", 1):
                return None  # a tab around the value: the YAML loader refuses it, so must we
            data[key] = _scalar(scalar)
    except _NotFlat:
        return None
    return data


def split_front_matter(raw: str) -> tuple[int, int, int]:
    """(yaml_start, yaml_end, block_end) of a leading ``---`` block, or (0, 0, 0)."""
    m = _OPEN_RE.match(raw)
    if m is None:
        return 0, 0, 0
    close = _CLOSE_RE.search(raw, m.end())
    if close is None:
        return 0, 0, 0
    end = close.end()
    if raw.startswith("\n", end):
        end += 1
    return m.end(), close.start(), end


def read_front_matter(raw: str, where: str) -> FrontMatter:
    """Parse a Markdown file's front matter; malformed YAML becomes a notice, never an error."""
    start, yaml_end, end = split_front_matter(raw)
    if end == 0:
        if _OPEN_RE.match(raw):
            return FrontMatter(notices=["front matter opened with '---' on line 1 is never closed; "
                                        "read as text"])
        return FrontMatter()
    block = raw[start:yaml_end]
    out = FrontMatter(end=end)
    data = _parse_flat(block)
    if data is not None:
        out.data = data  # plain by construction
        return out
    if len(block) > MAX_LOADER_CHARS:
        # the YAML loader takes about a millisecond a line: a runaway block must not stall the run
        out.notices.append(f"front matter is {len(block) // 1024} KB, over the "
                           f"{MAX_LOADER_CHARS // 1024} KB limit for anything but flat 'key: value' "
                           "lines; ignored")
        return out
    if data is None:
        try:
            data, _ = parse_yaml(block, where, refuse_tags=False)
        except ConfigError as exc:
            # the block starts on line 2 of the file
            line = f"line {exc.line + 1}: " if exc.line is not None else ""
            out.notices.append(f"{line}malformed front matter ignored: {exc.message}")
            return out
        except Exception as exc:  # a loader bug must not cost the user the rest of the run
            out.notices.append(f"malformed front matter ignored: {type(exc).__name__}: {exc}")
            return out
    if data is None:
        data = {}
    if not isinstance(data, dict):
        out.notices.append("front matter is not a mapping of keys to values; ignored")
        return out
    out.data = _plain_data(data, "", out.notices)
    return out


_LEAVES = (str, bool, int, float, dt.date, type(None))


def _plain_data(value: Any, where: str, notices: list[str]) -> Any:
    """Plain dicts, lists and scalars only: a tagged value (``!!python/object``),
    a set or binary data is dropped with a notice rather than handed on."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            if isinstance(item, (dict, list)) or isinstance(item, _LEAVES):
                out[str(key)] = _plain_data(item, name, notices)
            else:
                notices.append(f"front matter '{name}' has an unsupported YAML type "
                               f"({type(item).__name__}); ignored")
        return out
    if isinstance(value, list):
        kept = [v for v in value if isinstance(v, (dict, list)) or isinstance(v, _LEAVES)]
        if len(kept) != len(value):
            notices.append(f"front matter '{where}' has items of an unsupported YAML type; they were ignored")
        return [_plain_data(v, where, notices) for v in kept]
    return value
