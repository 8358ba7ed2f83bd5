"""`full`: each finding with the thing compared and every value side by side.

A finding reads like this (plain text; colour is added only on a terminal)::

    corpus/a.md:7:88: FL101 [warning] conflict
      Shenzhen's core digital economy share of GDP in 2021 is 30.5% here but 30 percent ...
      subject: Shenzhen · core digital economy industries added value · share of GDP · 2021
      outcome: agree only if rounded
          location         as written  interval               period  source
        > corpus/a.md:7:88 30.5%       [30.45, 30.55] percent 2021    no source
          corpus/c.md:3:12 30 percent  [29.5, 30.5] percent   2021    Shenzhen Municipal ...

``>`` marks the claim at the finding's own location.
"""

from __future__ import annotations

from factlint.models import CheckResult, Finding
from factlint.report._common import (at_primary, informative_subject, interval_label, location_note, one_line,
                                     other_locations, outcome_label, period_label, position, sorted_findings,
                                     source_label)
from factlint.report._styled import SEVERITY_STYLES, Line, join_lines
from factlint.report.concise import summary_lines

COLUMNS = ("location", "as written", "interval", "period", "source")
INDENT = "  "


def claim_rows(f: Finding) -> list[tuple[bool, tuple[str, ...]]]:
    rows = []
    for c in f.claims:
        cells = (position(c.path, c.line, c.column), one_line(c.text), interval_label(c), period_label(c),
                 one_line(source_label(c)))
        rows.append((at_primary(f, c.path, c.line, c.column), cells))
    return rows


def table_lines(rows: list[tuple[bool, tuple[str, ...]]]) -> list[Line]:
    """Columns padded to their widest cell; the last column is left ragged."""
    widths = [max(len(COLUMNS[i]), *(len(cells[i]) for _, cells in rows)) for i in range(len(COLUMNS) - 1)]

    def pad(cells: tuple[str, ...]) -> str:
        head = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths))
        return f"{head}  {cells[-1]}"

    lines: list[Line] = [((f"{INDENT}    {pad(COLUMNS)}".rstrip(), "dim"),)]
    for primary, cells in rows:
        marker = "> " if primary else "  "
        lines.append((INDENT, "  ", (marker, "bold"), (pad(cells).rstrip(), "bold" if primary else "")))
    return lines


def finding_lines(f: Finding) -> list[Line]:
    lines: list[Line] = [(
        (f"{position(f.path, f.line, f.column)}:", "bold"), " ",
        (f.rule, SEVERITY_STYLES.get(f.severity, "bold")), " ",
        (f"[{f.severity}]", SEVERITY_STYLES.get(f.severity, "")), " ", (f.name, "bold"))]
    for message_line in f.message.splitlines() or [""]:
        lines.append((INDENT + message_line,))
    subject = informative_subject(f.subject)
    if subject:
        lines.append((INDENT, ("subject: ", "dim"), (one_line(subject), "bold")))
    label = outcome_label(f.outcome)
    if label:
        lines.append((INDENT, ("outcome: ", "dim"), (label, "magenta")))
    rows = claim_rows(f)
    if rows:
        lines.extend(table_lines(rows))
    claimed = {(c.path, c.line, c.column) for c in f.claims}
    for loc in other_locations(f):
        if (loc.path, loc.line, loc.column) in claimed:
            continue
        lines.append((INDENT, ("see also: ", "dim"), position(loc.path, loc.line, loc.column),
                      f" {one_line(location_note(loc, f))}"))
    return lines


def finding_block(f: Finding) -> str:
    """The plain-text block of one finding (also the body of a JUnit failure)."""
    return join_lines(finding_lines(f), color=False)


def render(result: CheckResult, color: bool = False) -> str:
    lines: list[Line] = []
    for f in sorted_findings(result):
        lines.extend(finding_lines(f))
        lines.append(())
    lines.extend(summary_lines(result, hint=False))     # the values are side by side already
    return join_lines(lines, color)
