"""Writing files so that an interrupted run never leaves a partial one.

The text goes to a temporary file in the target's own folder (same file system,
so the final rename is atomic), is flushed to disk, and then replaces the target
in one step: readers see the old version or the new one, never half of either.
"""

from __future__ import annotations

import errno
import os
import secrets
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from factlint.errors import FactlintError

PathLike = Union[str, Path]


def _temp_for(path: Path) -> tuple[Path, int]:
    """Create a new temporary file next to ``path``; return it and an open descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 lets the umask decide the final permissions, as for any new file.
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise FactlintError(f"cannot write {path}: no free temporary file name")


def write_atomic(path: PathLike, text: Union[str, bytes], encoding: str = "utf-8",
                 overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` atomically.

    With ``overwrite=False`` an existing file is left alone and FileExistsError raised,
    also when another process creates it meanwhile. Other OS problems raise
    FactlintError with a one-line message; the temporary file never survives.
    """
    path = Path(path)
    data = text.encode(encoding) if isinstance(text, str) else text
    with _terminate_cleanly():
        _write(path, data, overwrite)


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While a file is written, SIGTERM (what CI sends a cancelled job) raises SystemExit,
    so the temporary file is removed and the target stays whole; outside, the default."""
    term = getattr(signal, "SIGTERM", None)
    if term is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(term)
    except (OSError, ValueError):
        previous = None
    if previous is not signal.SIG_DFL:  # someone else handles it (or it cannot be changed here)
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(term, stop)
    try:
        yield
    finally:
        signal.signal(term, previous)


def _write(path: Path, data: bytes, overwrite: bool) -> None:
    try:
        temp, fd = _temp_for(path)
    except OSError as exc:
        raise FactlintError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _copy_mode(path, temp)
        if overwrite:
            os.replace(temp, path)
        else:
            _link_new(temp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise FactlintError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _copy_mode(source: Path, target: Path) -> None:
    # Replacing a report the user made group-readable should keep it so.
    try:
        os.chmod(target, source.stat().st_mode & 0o7777)
    except OSError:
        pass


def _link_new(temp: Path, path: Path) -> None:
    """Publish ``temp`` as ``path`` only if ``path`` does not exist (atomically where possible)."""
    try:
        os.link(temp, path)  # fails with FileExistsError instead of replacing
    except FileExistsError:
        raise _exists(path) from None
    except OSError:
        # File systems without hard links: a check and a rename, racy but rare.
        if path.exists():
            raise _exists(path) from None
        os.replace(temp, path)


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def refuse_input_target(target: PathLike, inputs: Iterable[PathLike], option: str = "-o",
                        excluded: Optional[Callable[[Path], bool]] = None) -> None:
    """FactlintError when writing ``target`` would replace an article the run reads: a file
    named in ``inputs``, or a file with an article suffix inside a folder named there and
    not ``excluded`` (``factlint check corpus -o corpus/a.md`` would lose the article)."""
    from factlint.ingest.discover import SUFFIXES

    path = Path(target)
    try:
        if not path.is_file():
            return
        real = path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return
    for item in inputs:
        given = Path(item)
        try:
            if given.is_file():
                if given.resolve() == real:
                    break
                continue
            folder = given.resolve()
        except (OSError, RuntimeError):
            continue
        try:
            inside = real.relative_to(folder)
        except ValueError:
            continue
        if real.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in inside.parts) \
                and not (excluded is not None and excluded(path)):
            break
    else:
        return
    raise FactlintError(f"{option} {target}: refusing to write over an article this run reads; "
                        "choose another file name")
