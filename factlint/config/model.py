"""The configuration models: what a user writes, and what a run uses.

``ConfigFile`` mirrors one factlint.yaml (or ``[tool.factlint]``) exactly, with
the dashed keys users write. ``Config`` is the resolved result of a file and
the files it extends: paths are absolute, and the questions the pipeline asks
(is this rule selected, what severity, is this path excluded) are methods.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Optional

import pathspec
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from factlint.errors import FactlintError
from factlint.models import SEVERITY_ORDER, Severity

RULE_SELECTOR = re.compile(r"^FL\d{0,3}$")
RULE_ID = re.compile(r"^FL\d{3}$")


def normalize_selector(value: str, full_id: bool = False) -> str:
    """Upper-case a rule id or prefix ("fl1" -> "FL1", "ALL" -> "FL"), rejecting anything else."""
    if not isinstance(value, str):
        raise PydanticCustomError("rule_id", "expected a rule id such as FL101")
    text = value.strip().upper()
    if text == "ALL" and not full_id:
        return "FL"
    if full_id and not RULE_ID.match(text):
        raise PydanticCustomError("rule_id", "not a rule id (FL and 3 digits, e.g. FL101)")
    if not RULE_SELECTOR.match(text):
        raise PydanticCustomError("rule_id", "not a rule id or prefix (e.g. FL101, FL1, ALL)")
    return text


def parse_selectors(values: str | list[str]) -> list[str]:
    """Rule ids/prefixes from the command line ("FL1,FL301" or a list); FactlintError if bad."""
    items = [values] if isinstance(values, str) else list(values)
    out: list[str] = []
    for item in items:
        for token in re.split(r"[,\s]+", item.strip()):
            if not token:
                continue
            try:
                out.append(normalize_selector(token))
            except PydanticCustomError as exc:
                raise FactlintError(f"{token!r} is {exc.message()}") from None
    return _dedupe(out)


def _dedupe(items: list) -> list:
    return list(dict.fromkeys(items))


RuleSelector = Annotated[str, BeforeValidator(normalize_selector)]
RuleId = Annotated[str, BeforeValidator(lambda v: normalize_selector(v, full_id=True))]


def _one_or_many(value: Any) -> Any:
    # `reference: facts.yaml` or `ignore: FL402` is as natural as a one-item list.
    return [value] if isinstance(value, str) else value


Selectors = Annotated[list[RuleSelector], BeforeValidator(_one_or_many)]
PathList = Annotated[list[str], BeforeValidator(_one_or_many)]


class ConfigFile(BaseModel):
    """One configuration file as written (YAML keys, paths relative to the file)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    extend: Optional[str] = Field(None, description="a config file this one inherits from")
    rules: PathList = Field(default_factory=list, description="extra rule files")
    select: Optional[Selectors] = Field(None, description="rule ids or prefixes to run; default all")
    ignore: Selectors = Field(default_factory=list, description="rule ids or prefixes not to run")
    fail_level: Optional[Severity] = Field(None, alias="fail-level")
    exclude: PathList = Field(default_factory=list, description="gitignore-style globs of files to skip")
    per_path_ignores: dict[str, Selectors] = Field(default_factory=dict, alias="per-path-ignores")
    reference: PathList = Field(default_factory=list, description="reference facts files")
    rates: Optional[str] = Field(None, description="an exchange-rate table replacing the built-in one")
    aliases: PathList = Field(default_factory=list, description="extra alias tables")
    corpus: Optional[str] = Field(None, description="the corpus root for incremental runs")
    severity: dict[RuleSelector, Severity] = Field(default_factory=dict, description="per-rule severity override")
    options: dict[RuleId, dict[str, Any]] = Field(default_factory=dict, description="per-rule option override")

    @classmethod
    def keys(cls) -> list[str]:
        """The keys a user may write, as written."""
        return [f.alias or name for name, f in cls.model_fields.items()]


class PathIgnore(BaseModel):
    """A per-path-ignores entry, with the folder its glob is relative to."""

    model_config = ConfigDict(extra="forbid")

    base: Path
    pattern: str
    rules: list[str]


def _longest_match(rule_id: str, selectors: list[str]) -> int:
    """Length of the most specific selector that matches the id, -1 if none."""
    best = -1
    for sel in selectors:
        if rule_id.startswith(sel) and len(sel) > best:
            best = len(sel)
    return best


def relative_to_base(path: str | Path, base: Path) -> Optional[str]:
    """``path`` (absolute, or relative to the working folder) as a POSIX path under ``base``."""
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p
    try:
        return Path(os.path.normpath(p)).relative_to(base).as_posix()
    except ValueError:
        try:
            return p.resolve().relative_to(base).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
            return None


class Config(BaseModel):
    """The settings a run uses, after discovery and ``extend`` are resolved."""

    model_config = ConfigDict(extra="forbid")

    path: Optional[Path] = Field(None, description="the config file found or given; None when defaults are used")
    sources: list[Path] = Field(default_factory=list, description="every file read, the extended ones first")
    root: Path = Field(description="the folder holding the config (the paths' common folder without one)")
    corpus: Path = Field(description="the corpus root for incremental runs")
    rule_files: list[Path] = Field(default_factory=list)
    select: Optional[list[str]] = Field(None, description="None means every rule")
    ignore: list[str] = Field(default_factory=list)
    fail_level: Severity = "error"
    exclude: list[PathIgnore] = Field(default_factory=list, description="globs (rules unused) with their base folder")
    per_path_ignores: list[PathIgnore] = Field(default_factory=list)
    reference_files: list[Path] = Field(default_factory=list)
    rates_file: Optional[Path] = Field(None, description="None means the built-in table")
    alias_files: list[Path] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @classmethod
    def default(cls, root: Path | str | None = None) -> "Config":
        """Settings for a run with no configuration file."""
        folder = Path(root).resolve() if root is not None else Path.cwd().resolve()
        return cls(root=folder, corpus=folder)

    # Rule selection and settings -------------------------------------------------

    def is_selected(self, rule_id: str) -> bool:
        """Whether a rule runs. The most specific matching selector wins (FL101 beats FL1);
        on a tie, ignore wins."""
        selected = len("FL") if self.select is None else _longest_match(rule_id, self.select)
        if selected < 0:
            return False
        return _longest_match(rule_id, self.ignore) < selected

    def with_overrides(self, select: Optional[list[str]] = None, ignore: Optional[list[str]] = None,
                       fail_level: Optional[Severity] = None) -> "Config":
        """A copy with command-line settings applied: ``select`` replaces the config's,
        ``ignore`` adds to it, ``fail_level`` replaces it. Values go through parse_selectors."""
        update: dict[str, Any] = {}
        if select is not None:
            update["select"] = parse_selectors(select)
        if ignore:
            update["ignore"] = _dedupe(self.ignore + parse_selectors(ignore))
        if fail_level is not None:
            update["fail_level"] = fail_level
        return self.model_copy(update=update)

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        """The severity override for a rule (most specific id or prefix), else ``default``."""
        best, found = -1, default
        for sel, level in self.severity.items():
            if rule_id.startswith(sel) and len(sel) > best:
                best, found = len(sel), level
        return found

    def options_for(self, rule_id: str) -> dict[str, Any]:
        """Option overrides for one rule (to be merged over the rule file's options)."""
        return dict(self.options.get(rule_id, {}))

    def fails(self, severity: Severity, fail_level: Optional[Severity] = None) -> bool:
        """Whether a finding of this severity makes the run fail (exit 1)."""
        return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[fail_level or self.fail_level]

    # Paths -------------------------------------------------------------------------

    def is_excluded(self, path: str | Path) -> bool:
        """Whether a file is matched by an ``exclude`` glob (relative to the config naming it)."""
        return any(_matches(entry, path) for entry in self.exclude)

    def exclude_patterns(self, cwd: Optional[Path] = None) -> list[str]:
        """The exclude globs for code that matches paths relative to the working folder.

        An anchored glob ("drafts/**", relative to the config naming it) is rewritten
        relative to ``cwd`` ("corpus/drafts/**" when the config sits in corpus/);
        unanchored ones ("*.tmp.md") match at any depth and stay as written.
        """
        here = (cwd or Path.cwd()).resolve()
        return [_rebase(e.pattern, e.base, here) for e in self.exclude]

    def ignored_rules_for_path(self, path: str | Path) -> list[str]:
        """Rule ids/prefixes that ``per-path-ignores`` switch off for this file."""
        out: list[str] = []
        for entry in self.per_path_ignores:
            if _matches(entry, path):
                out.extend(r for r in entry.rules if r not in out)
        return out

    def digest(self) -> str:
        """A hash of the settings and of every file they name (rules, tables, facts).

        Changes whenever anything that can change a result changes; the cache keys on it.
        """
        h = hashlib.sha256()
        h.update(self.model_dump_json(exclude={"path", "sources"}).encode())
        files = [*self.sources, *self.rule_files, *self.reference_files, *self.alias_files]
        if self.rates_file:
            files.append(self.rates_file)
        for f in files:
            h.update(str(f).encode())
            try:
                h.update(hashlib.sha256(f.read_bytes()).digest())
            except OSError:
                h.update(b"<missing>")
        return h.hexdigest()

    def describe(self) -> str:
        """The effective settings as JSON (like ruff's --show-settings)."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True)


def _rebase(pattern: str, base: Path, cwd: Path) -> str:
    negate, body = ("!", pattern[1:]) if pattern.startswith("!") else ("", pattern)
    if "/" not in body.rstrip("/"):
        return pattern  # gitignore: no inner slash means "at any depth"
    trailing = "/" if body.endswith("/") else ""
    target = os.path.normpath(base / body.lstrip("/"))
    rel = os.path.relpath(target, cwd)
    if rel.startswith(".."):
        return pattern  # above the working folder: nothing shown relative to it can match
    return negate + "/" + Path(rel).as_posix() + trailing


@lru_cache(maxsize=256)
def _spec(pattern: str) -> pathspec.GitIgnoreSpec:
    # gitignore semantics: "*.txt" matches at any depth, "drafts/**" only under the base.
    return pathspec.GitIgnoreSpec.from_lines([pattern])


def _matches(entry: PathIgnore, path: str | Path) -> bool:
    rel = relative_to_base(path, entry.base)
    if rel is None:
        return False
    return _spec(entry.pattern).match_file(rel)
