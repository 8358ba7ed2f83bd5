"""`github`: GitHub Actions workflow commands, one annotation per finding.

``::error file=corpus/a.md,line=12,endLine=12,col=5,endColumn=10,title=FL101 conflict::message``

The runner reads ``%``, CR and LF as escapes in the message, and ``:`` and
``,`` too in property values (they delimit properties), so each is percent-encoded.
"""

from __future__ import annotations

from factlint.models import CheckResult, Finding
from factlint.report._common import location_note, other_locations, sorted_findings

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path), ("line", str(f.line)), ("endLine", str(max(f.end_line, f.line))),
             ("col", str(f.column)), ("endColumn", str(f.end_column)), ("title", f"{f.rule} {f.name}")]
    text = f.message
    for loc in other_locations(f):
        text += f"\n{loc.path}:{loc.line}:{loc.column}: {location_note(loc, f)}"
    command = COMMANDS.get(f.severity, "warning")
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {joined}::{escape_data(text)}"


def render(result: CheckResult) -> str:
    return "".join(annotation(f) + "\n" for f in sorted_findings(result))
