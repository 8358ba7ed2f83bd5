"""Bytes on disk -> decoded text, or the reason a file cannot be read.

Editorial folders hold whatever people saved: UTF-8 with and without a BOM,
UTF-16 exported from word processors, Latin-1 newswire, images that got a
``.txt`` name. Nothing here raises for such a file: a problem becomes a
:class:`ReadProblem` or a notice string on the decoded text.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

# Above this a file is almost certainly not an article; refusing keeps memory bounded.
MAX_FILE_BYTES = 256 * 1024 * 1024
# How much of the start of a file the binary sniffing looks at (as git does).
SNIFF_BYTES = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_FALLBACK_HANDLER = "factlint-cp1252-bytes"


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Read each byte UTF-8 rejects as Windows-1252 (Latin-1 for its 5 holes).

    Decoding byte by byte keeps the valid UTF-8 of a mixed file intact, where
    re-decoding the whole file as cp1252 would turn every curly quote into mojibake.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    out = []
    for b in chunk:
        try:
            out.append(bytes((b,)).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out), exc.end


try:
    codecs.lookup_error(_FALLBACK_HANDLER)
except LookupError:
    codecs.register_error(_FALLBACK_HANDLER, _cp1252_bytes)


@dataclass
class ReadProblem:
    """Why a file was skipped; becomes an IngestNotice."""

    message: str
    level: str = "warning"


@dataclass
class Decoded:
    text: str
    notices: list[str] = field(default_factory=list)


def read_bytes(path: Union[str, Path]) -> Union[bytes, ReadProblem]:
    """The file's bytes, or why they could not be read (never raises for a file problem)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # Open first, then look at what was opened: a FIFO or device named on the
        # command line must not block the run, and there is no window for the
        # file to change between the check and the read.
        fd = os.open(path, flags)
    except FileNotFoundError:
        return ReadProblem("file not found (it vanished or is a broken link); skipped")
    except PermissionError:
        return ReadProblem("permission denied; skipped")
    except IsADirectoryError:
        return ReadProblem("is a directory; skipped")
    except OSError as exc:
        return ReadProblem(f"cannot open: {exc.strerror or exc}; skipped")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return ReadProblem("is a directory; skipped")
        if not stat.S_ISREG(info.st_mode):
            return ReadProblem("not a regular file (FIFO, socket or device); skipped")
        if info.st_size > MAX_FILE_BYTES:
            return ReadProblem(f"file is {info.st_size // (1024 * 1024)} MB, over the "
                               f"{MAX_FILE_BYTES // (1024 * 1024)} MB limit; skipped")
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                return ReadProblem(f"file grew over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit "
                                   "while being read; skipped")
            chunks.append(chunk)
        return b"".join(chunks)
    except PermissionError:
        return ReadProblem("permission denied; skipped")
    except OSError as exc:
        return ReadProblem(f"cannot read: {exc.strerror or exc}; skipped")
    finally:
        os.close(fd)


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when NULs sit only on one side of each byte pair (text without a BOM)."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    even_nuls = even.count(0)
    odd_nuls = odd.count(0)
    if odd_nuls > len(odd) // 3 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > len(even) // 3 and odd_nuls == 0:
        return "utf-16-be"
    return None


# C0 controls that text does not use (tab, newlines, form feed and escape excluded).
_CONTROL_BYTES = bytes(c for c in range(1, 32) if c not in (9, 10, 12, 13, 27))


def _looks_binary(head: bytes) -> bool:
    if b"\0" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls > len(head) // 10


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def decode_bytes(data: bytes) -> Union[Decoded, ReadProblem]:
    """Decode a file's bytes; BOMs decide first, then UTF-8, then a per-byte cp1252 fallback."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return Decoded(body.decode(codec))
            except UnicodeDecodeError as exc:
                return Decoded(body.decode(codec, errors="replace"),
                               [f"invalid {label} at byte {exc.start + len(bom)}; "
                                "undecodable bytes replaced with U+FFFD"])
    head = data[:SNIFF_BYTES]
    if b"\0" in head:
        codec = _bomless_utf16(head)
        if codec is not None:
            try:
                return Decoded(data.decode(codec), [f"no byte order mark; decoded as {codec.upper()}"])
            except UnicodeDecodeError:
                pass
        return ReadProblem("binary file (NUL bytes near the start); skipped", level="info")
    if _looks_binary(head):
        return ReadProblem("binary file (control characters near the start); skipped", level="info")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        text = data.decode("utf-8", errors=_FALLBACK_HANDLER)
        return Decoded(text, [f"not valid UTF-8 (byte 0x{bad:02x} on line {_line_of(data, exc.start)}); "
                              "bytes that are not UTF-8 were read as Windows-1252"])


def with_line_breaks(decoded: Decoded) -> Decoded:
    """A file whose lines end in CR alone (classic Mac OS) is read with LF there: one
    character for one, so offsets stay the file's, and lines, headers and dates are found
    as an editor shows them (otherwise the whole file is its first line)."""
    text = decoded.text
    if "\r" in text and "\n" not in text:
        return Decoded(text.replace("\r", "\n"),
                       decoded.notices + ["lines end in CR alone (classic Mac OS); read as line breaks"])
    return decoded


def read_text(path: Union[str, Path]) -> Union[Decoded, ReadProblem]:
    data = read_bytes(path)
    if isinstance(data, ReadProblem):
        return data
    decoded = decode_bytes(data)
    return decoded if isinstance(decoded, ReadProblem) else with_line_breaks(decoded)
