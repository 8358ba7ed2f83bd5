"""`sarif`: SARIF 2.1.0 with the fields GitHub code scanning requires.

One run; ``tool.driver`` lists every rule (id, name, descriptions, help, default
level); each result points at a repo-relative URI under ``%SRCROOT%`` with a
full region, names the other claims as ``relatedLocations`` (linked from the
message text), and carries a ``partialFingerprints`` entry derived from the
finding's claim-key fingerprint so alerts survive line moves. Columns count
Unicode code points, as factlint's do. No timestamps: the same findings give
byte-identical output.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from pydantic_core import to_json

from factlint import __version__
from factlint.models import CheckResult, Finding, Location, RuleMeta
from factlint.report._common import (TOOL_NAME, location_fingerprints, location_note,
                                     other_locations, rules_table, sorted_findings)

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "factlint/v1"
SRCROOT = "%SRCROOT%"

_BRACKETS = re.compile(r"([\[\]])")


def artifact_location(path: str) -> dict:
    """Relative paths become URIs relative to %SRCROOT%; absolute ones become file: URIs."""
    return dict(_artifact_location(path))


@lru_cache(maxsize=4096)
def _artifact_location(path: str) -> tuple:
    posix = path.replace("\\", "/")
    if PureWindowsPath(path).drive or posix.startswith("/"):
        if PureWindowsPath(path).drive:
            posix = "/" + posix
        return (("uri", "file://" + quote(posix, safe="/:")),)
    parts = [p for p in PurePosixPath(posix).parts if p != "."]
    return (("uri", quote("/".join(parts), safe="/")), ("uriBaseId", SRCROOT))


def region(line: int, column: int, end_line: int, end_column: int) -> dict:
    # SARIF requires positive lines and columns; a region never ends before it starts.
    start_line, start_col = max(line, 1), max(column, 1)
    stop_line = max(end_line, start_line)
    stop_col = max(end_column, 1)
    if stop_line == start_line:
        stop_col = max(stop_col, start_col)
    return {"startLine": start_line, "startColumn": start_col, "endLine": stop_line, "endColumn": stop_col}


def physical(path: str, line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"physicalLocation": {"artifactLocation": artifact_location(path),
                                 "region": region(line, column, end_line, end_column)}}


def rule_descriptor(rule: RuleMeta) -> dict:
    description = rule.description.strip() or rule.name
    short = description.split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": description},
        "help": {"text": f"{description}\nRun `factlint rule {rule.id}` for its options and examples."},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": [rule.type]},
    }


def message_text(f: Finding, related: list[Location]) -> str:
    if not related:
        return f.message
    # Embedded links ("[text](id)") point at relatedLocations; literal brackets are escaped.
    links = ", ".join(f"[{escape_brackets(loc.path)}:{loc.line}:{loc.column}]({i})"
                      for i, loc in enumerate(related, 1))
    return f"{escape_brackets(f.message)}\nOther values: {links}."


def escape_brackets(text: str) -> str:
    return _BRACKETS.sub(r"\\\1", text)


def result_entry(f: Finding, rule_index: int, fingerprint: str) -> dict:
    related = other_locations(f)
    entry = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": message_text(f, related)},
        "locations": [physical(f.path, f.line, f.column, f.end_line, f.end_column)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if related:
        entry["relatedLocations"] = [
            {"id": i, **physical(loc.path, loc.line, loc.column, loc.end_line, loc.end_column),
             "message": {"text": location_note(loc, f)}}
            for i, loc in enumerate(related, 1)]
    if f.subject or f.outcome:
        entry["properties"] = {k: v for k, v in (("subject", f.subject), ("outcome", f.outcome)) if v}
    return entry


def notifications(result: CheckResult) -> list[dict]:
    out = []
    for n in sorted(result.notices, key=lambda n: (n.path, n.level, n.message)):
        out.append({"level": LEVELS.get(n.level, "warning"), "message": {"text": n.message},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(n.path)}}]})
    return out


def build(result: CheckResult) -> dict:
    rules = rules_table(result)
    index = {r.id: i for i, r in enumerate(rules)}
    findings = sorted_findings(result)
    fingerprints = location_fingerprints(findings)
    invocation = {"executionSuccessful": True}
    notes = notifications(result)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__, "rules": [rule_descriptor(r) for r in rules]}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {SRCROOT: {"description": {"text": "The repository root (where factlint ran)."}}},
            "results": [result_entry(f, index[f.rule], fp) for f, fp in zip(findings, fingerprints)],
        }],
    }


def render(result: CheckResult) -> str:
    # pydantic-core's encoder: same bytes as json.dumps(indent=2) for these types, ~10x faster.
    return to_json(build(result), indent=2).decode("utf-8") + "\n"
