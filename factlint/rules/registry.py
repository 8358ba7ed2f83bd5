"""The rule types a rule file may name in `type:`, each a module with
``TYPE``, ``OPTIONS`` (a pydantic model), ``PLACEHOLDERS`` and ``check(rule, ctx)``."""

from __future__ import annotations

from types import ModuleType

from factlint.rules import conflict, conversion, derived, meta, missing_source, reference, sanity, unit_mismatch

RULE_TYPES: dict[str, ModuleType] = {
    m.TYPE: m for m in (conflict, unit_mismatch, conversion, derived, missing_source, reference, sanity, meta)
}
