"""The incremental claim index under .factlint_cache/."""
