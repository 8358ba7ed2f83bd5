"""Where the built-in tables and rule set live.

In a wheel, the top-level ``rules/`` folder is packaged as ``factlint/builtin_rules``;
in a source checkout (editable install) it is read from the repository itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"
