"""The incremental claim index under .factlint_cache/ (see store.py) and its encoding (codec.py)."""

from factlint.cache.store import CACHE_DIR_NAME, ClaimIndex, cache_dir, clean

__all__ = ["CACHE_DIR_NAME", "ClaimIndex", "cache_dir", "clean"]
