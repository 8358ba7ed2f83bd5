"""factlint: a claim fact-checking and consistency linter for editorial text."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract_claims"]


def extract_claims(text: str, path: str = "<text>", date=None, format: str = "text", **kwargs):
    """Extract claims from a string; see :func:`factlint.extract.extract_text`."""
    from factlint.extract import extract_text

    return extract_text(text, path=path, date=date, format=format, **kwargs)
