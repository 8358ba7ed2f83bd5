"""The corpus argument the single-process extraction benchmarks share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

DEFAULT_CORPUS = Path("/tmp/corpora/reuters21578")


def corpus_parser(description: str) -> argparse.ArgumentParser:
    """A parser with the optional CORPUS_DIR (default: the unpacked Reuters stories) and --limit."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    return parser


def corpus_args(parser: argparse.ArgumentParser, argv: Optional[list[str]]) -> Optional[argparse.Namespace]:
    """The parsed arguments, or None (with the reason on stderr) when the corpus folder is missing."""
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return None
    return args
