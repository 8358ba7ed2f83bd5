"""Normalize stage: units, scales, currencies, aliases and value intervals."""
