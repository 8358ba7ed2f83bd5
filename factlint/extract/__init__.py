"""Extraction stage: documents -> claims."""

from factlint.extract.pipeline import extract_claims, extract_text

__all__ = ["extract_claims", "extract_text"]
