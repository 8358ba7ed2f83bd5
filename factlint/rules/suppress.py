"""Suppression: comments and front matter that switch rules off, and unused ones.

What users write (Markdown, HTML, and plain text alike):

    <!-- factlint-disable FL101 -->  ... <!-- factlint-enable FL101 -->
        a region; no ids means every rule; ids and prefixes (FL1) separated by
        commas or spaces; the region runs to the matching enable or the end of file.
    <!-- factlint-ignore FL101 -->
        on a line of its own: the next paragraph (the following non-blank lines up
        to a blank line; in one-paragraph-per-line files simply the next line);
        after or before text on the same line: that line only.
    <!-- factlint-disable-file FL401 -->
        the whole file.
    ... -- a reason
        anything after " -- " is a free-text reason and is ignored.

Markdown front matter may hold ``factlint: off`` (whole file) or
``factlint: {ignore: [FL401]}``. Plain-text files have no comment syntax, so a
line holding nothing but a directive (``factlint-ignore FL101``, with or without
the ``<!-- -->``) works there too; in Markdown and HTML only the comment form
counts, so an article that merely mentions a directive changes nothing.

A directive that names something that is not a rule id is reported as a notice
and ignored rather than widened to "all rules". Directives inside Markdown code
(fenced blocks, inline code) and HTML script/style are not directives.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any, Iterable, Optional

from factlint.models import Directive, Document, FileResult, Finding, RuleMeta

if TYPE_CHECKING:
    from factlint.config import Config

UNUSED_RULE_ID = "FL901"
UNUSED_RULE = RuleMeta(
    id=UNUSED_RULE_ID,
    name="unused-suppression",
    type="unused-suppression",
    severity="info",
    message="unused suppression: {directive} suppressed nothing",
    description=(
        "A factlint-disable, factlint-ignore or factlint-disable-file directive (or a factlint: "
        "key in front matter) that suppressed no finding in this run. Remove it, or narrow it to "
        "the rule that still needs it, so that it cannot hide a future problem."
    ),
)

ACTIONS = {"disable": "disable", "enable": "enable", "ignore": "ignore-next-line",
           "disable-file": "disable-file"}
# The body is bounded so that an unclosed comment cannot make the scan quadratic.
COMMENT = re.compile(r"<!--[ \t]*factlint-(disable-file|disable|enable|ignore)(?![\w-])(.{0,400}?)-->",
                     re.S | re.I)
NEAR_MISS = re.compile(r"<!--[ \t]*factlint[-:]([\w-]*)", re.I)
BARE_LINE = re.compile(r"^[ \t]*factlint-(disable-file|disable|enable|ignore)(?![\w-])([^\n]*?)[ \t]*$",
                       re.M | re.I)
SELECTOR = re.compile(r"^FL\d{0,3}$", re.I)
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.M)
INLINE_CODE = re.compile(r"(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
HTML_RAW_OPEN = re.compile(r"<(script|style)\b", re.I)
FRONT_MATTER_KEY = re.compile(r"^factlint[ \t]*:", re.M)
OFF_VALUES = {"off", "false", "no", "disable", "disabled"}


# Parsing ----------------------------------------------------------------------------------

def parse_directives(doc: Document) -> list[Directive]:
    """Suppression directives of a document, sorted by line.

    Problems (unknown directive words, things that are not rule ids) are added to
    ``doc.notices``; they never raise.
    """
    directives: list[Directive] = []
    fm = _front_matter_directive(doc)
    if fm is not None:
        directives.append(fm)
    if "factlint" not in doc.raw.lower():
        return directives  # the common case; lower() + a literal search is ~7x faster than re.I
    starts = _line_starts(doc.raw)
    skipped = _skipped_spans(doc)
    taken: list[tuple[int, int]] = []
    for m in COMMENT.finditer(doc.raw):
        if _inside(m.start(), skipped) or _in_inline_code(doc, m.start(), starts):
            continue
        taken.append((m.start(), m.end()))
        d = _directive(doc, m.group(1), m.group(2), m.start(), m.end(), starts)
        if d is not None:
            directives.append(d)
    for m in NEAR_MISS.finditer(doc.raw):
        word = m.group(1).lower()
        if word not in ACTIONS and not _inside(m.start(), skipped) and not _in_inline_code(doc, m.start(), starts):
            line = _line_of(m.start(), starts)
            written = m.group(0)[4:].strip()
            doc.notices.append(f"line {line}: unknown directive '{written}' ignored "
                               f"(known: factlint-disable, -enable, -ignore, -disable-file)")
    if doc.format == "text":
        for m in BARE_LINE.finditer(doc.raw):
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            if _inside(start, taken):
                continue
            d = _directive(doc, m.group(1), m.group(2), start, m.end(), starts)
            if d is not None:
                directives.append(d)
    _cap_notices(doc)
    directives.sort(key=lambda d: (d.line, d.column or 0))
    return directives


MAX_NOTICES = 20


def _cap_notices(doc: Document) -> None:
    # A file full of broken directives should not flood the report.
    ours = [n for n in doc.notices if n.startswith("line ")]
    if len(ours) > MAX_NOTICES:
        dropped = set(map(id, ours[MAX_NOTICES:]))
        doc.notices[:] = [n for n in doc.notices if id(n) not in dropped]
        doc.notices.append(f"{len(ours) - MAX_NOTICES} more directive problem(s) not shown")


def _directive(doc: Document, word: str, body: str, start: int, end: int,
               starts: list[int]) -> Optional[Directive]:
    action = ACTIONS[word.lower()]
    line = _line_of(start, starts)
    rules = _selectors(body, doc, line, f"factlint-{word.lower()}")
    if rules is None:
        return None
    text = doc.raw[start:end]
    if "\n" in text:
        text = text.split("\n", 1)[0] + " …"
    end_line = None
    if action == "ignore-next-line":
        end_line = _ignore_target(doc.raw, start, end, starts)
    return Directive(action=action, rules=rules, line=line, end_line=end_line,
                     column=start - starts[line - 1] + 1, text=text)


def _selectors(body: str, doc: Document, line: int, what: str) -> Optional[list[str]]:
    """Rule ids of a directive; [] for all; None when it names nothing valid."""
    body = body.split(" --", 1)[0].split("\t--", 1)[0].strip().lstrip(":").strip()
    tokens = [t for t in re.split(r"[\s,]+", body) if t]
    good, bad = [], []
    for t in tokens:
        upper = t.upper()
        if upper == "ALL":
            upper = "FL"
        if SELECTOR.match(upper):
            good.append(upper)
        else:
            bad.append(t)
    if bad:
        doc.notices.append(f"line {line}: {what}: {', '.join(repr(b) for b in bad)} "
                           f"{'is not a rule id' if len(bad) == 1 else 'are not rule ids'} (e.g. FL101, FL1)")
        if not good:
            return None
    if "FL" in good:
        return []
    return list(dict.fromkeys(good))


def _ignore_target(raw: str, start: int, end: int, starts: list[int]) -> int:
    """The last line a factlint-ignore covers (see the module docstring)."""
    first = _line_of(start, starts)
    last = _line_of(max(start, end - 1), starts)
    line_start = starts[first - 1]
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end == -1 else line_end
    before = raw[line_start:start].strip()
    after = COMMENT.sub("", raw[end:line_end]).strip()
    if before or after:
        return last
    lines = raw.split("\n")
    index = last  # 0-based index of the line after the comment
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return last
    while index + 1 < len(lines) and lines[index + 1].strip():
        index += 1
    return index + 1


def _front_matter_directive(doc: Document) -> Optional[Directive]:
    if "factlint" not in doc.front_matter:
        return None
    value = doc.front_matter["factlint"]
    line = _front_matter_line(doc.raw)
    written = doc.raw.split("\n", line)[line - 1].strip() if line <= doc.raw.count("\n") + 1 else ""
    shown = written if written.startswith("factlint") else "factlint: (front matter)"
    rules: Optional[list[str]]
    if value is False or (isinstance(value, str) and value.strip().lower() in OFF_VALUES):
        rules = []
    elif value is True or value is None or (isinstance(value, str) and value.strip().lower() in {"on", "true", "yes"}):
        return None
    elif isinstance(value, dict):
        unknown = [k for k in value if k != "ignore"]
        if unknown:
            doc.notices.append(f"line {line}: front matter 'factlint': unknown key(s) "
                               f"{', '.join(map(str, unknown))} (expected 'ignore' or 'off')")
        rules = _list_selectors(value.get("ignore"), doc, line)
    else:
        rules = _list_selectors(value, doc, line)
    if rules is None:
        return None
    return Directive(action="disable-file", rules=rules, line=line, column=1, text=shown)


def _list_selectors(value: Any, doc: Document, line: int) -> Optional[list[str]]:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        body = " ".join(str(v) for v in value)
    else:
        body = str(value)
    rules = _selectors(body, doc, line, "front matter 'factlint'")
    if rules == [] and not body.strip():
        return None  # an empty list ignores nothing rather than everything
    return rules


def _front_matter_line(raw: str) -> int:
    text = raw.lstrip("\ufeff")
    if not text.startswith("---"):
        return 1
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[3:], re.M)
    block = text[: 3 + end.start()] if end else text
    m = FRONT_MATTER_KEY.search(block)
    return block.count("\n", 0, m.start()) + 1 if m else 1


def _skipped_spans(doc: Document) -> list[tuple[int, int]]:
    """Regions of ``raw`` where a directive-looking text is content, not a directive:
    fenced code in Markdown, script and style in HTML."""
    raw = doc.raw
    if doc.format == "html":
        return _html_raw_text_spans(raw)
    if doc.format != "markdown":
        return []
    spans: list[tuple[int, int]] = []
    open_fence: Optional[tuple[str, int]] = None
    for m in FENCE.finditer(raw):
        fence = m.group(1)
        if open_fence is None:
            open_fence = (fence, m.start())
        elif fence[0] == open_fence[0][0] and len(fence) >= len(open_fence[0]):
            end = raw.find("\n", m.end())
            spans.append((open_fence[1], len(raw) if end == -1 else end))
            open_fence = None
    if open_fence is not None:
        spans.append((open_fence[1], len(raw)))
    return spans


def _html_raw_text_spans(raw: str) -> list[tuple[int, int]]:
    """<script> and <style> contents; one pass (an unclosed one runs to the end)."""
    lower = raw.lower()
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = HTML_RAW_OPEN.search(raw, pos)
        if m is None:
            return spans
        close = lower.find(f"</{m.group(1).lower()}", m.end())
        end = len(raw) if close == -1 else close
        spans.append((m.start(), end))
        pos = end + 1


def _in_inline_code(doc: Document, pos: int, starts: list[int]) -> bool:
    """Whether ``pos`` lies inside a Markdown code span on its line (`like this`)."""
    if doc.format != "markdown":
        return False
    line = _line_of(pos, starts)
    begin = starts[line - 1]
    end = doc.raw.find("\n", pos)
    text = doc.raw[begin: len(doc.raw) if end == -1 else end]
    return any(m.start() <= pos - begin < m.end() for m in INLINE_CODE.finditer(text))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _line_starts(raw: str) -> list[int]:
    starts = [0]
    pos = raw.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = raw.find("\n", pos + 1)
    return starts


def _line_of(offset: int, starts: list[int]) -> int:
    return bisect_right(starts, offset)


# Applying -----------------------------------------------------------------------------------

def _match(selectors: list[str], rule: str) -> Optional[str]:
    """The selector of a directive that covers ``rule`` ("" when it covers all), else None."""
    if not selectors:
        return ""
    best = None
    for s in selectors:
        if rule.startswith(s) and (best is None or len(s) > len(best)):
            best = s
    return best


def suppressing_directive(directives: list[Directive], rule: str, line: int) -> Optional[tuple[int, str]]:
    """Which directive (index, selector) suppresses ``rule`` at ``line``, if any.

    File-wide and ignore directives first; then regions, where the last disable or
    enable before the line that concerns the rule decides (so ``disable`` then
    ``enable FL101`` leaves every rule but FL101 disabled).
    """
    for i, d in enumerate(directives):
        if d.action == "disable-file" or (
                d.action == "ignore-next-line" and d.line <= line <= (d.end_line or d.line)):
            sel = _match(d.rules, rule)
            if sel is not None:
                return i, sel
    state: Optional[tuple[int, str]] = None
    for i, d in enumerate(directives):
        if d.action == "disable" and d.line <= line:
            sel = _match(d.rules, rule)
            if sel is not None:
                state = (i, sel)
        elif d.action == "enable" and d.line < line and _match(d.rules, rule) is not None:
            state = None
    return state


def path_ignored(finding: Finding, config: "Config") -> bool:
    """Whether the config's per-path-ignores switch this finding's rule off for its file."""
    return _match_any(config.ignored_rules_for_path(finding.path), finding.rule)


def apply_path_ignores(findings: Iterable[Finding], config: "Config") -> list[Finding]:
    """Findings not switched off by ``per-path-ignores``."""
    cache: dict[str, list[str]] = {}
    kept = []
    for f in findings:
        ignored = cache.get(f.path)
        if ignored is None:
            ignored = cache[f.path] = config.ignored_rules_for_path(f.path)
        if not _match_any(ignored, f.rule):
            kept.append(f)
    return kept


def _match_any(selectors: list[str], rule: str) -> bool:
    return any(rule.startswith(s) for s in selectors)


def apply_suppressions(findings: Iterable[Finding], files: Iterable[FileResult],
                       config: Optional["Config"] = None) -> tuple[list[Finding], list[Finding]]:
    """Drop suppressed findings; report directives that suppressed nothing.

    A finding is suppressed by the directives of the file and line of its primary
    location, then (with ``config``) by ``per-path-ignores``. Returns the kept
    findings (input order) and FL901 info findings for unused directives (sorted).
    With ``config``, FL901 follows its select/ignore/severity settings and ids the
    config does not select are not reported as unused.
    """
    return suppress_findings(findings, {f.meta.path: f.directives for f in files if f.directives}, config)


def suppress_findings(findings: Iterable[Finding], directives: dict[str, list[Directive]],
                      config: Optional["Config"] = None) -> tuple[list[Finding], list[Finding]]:
    """:func:`apply_suppressions` with the directives of each file (by path) given directly."""
    directives = {path: ds for path, ds in directives.items() if ds}
    if not directives and (config is None or not config.per_path_ignores):
        return list(findings), []  # the common case: nothing to apply, nothing to report unused
    used: dict[tuple[str, int], set[str]] = {}
    kept: list[Finding] = []
    ignored_cache: dict[str, list[str]] = {}
    for finding in findings:
        hit = suppressing_directive(directives.get(finding.path, []), finding.rule, finding.line)
        if hit is not None:
            used.setdefault((finding.path, hit[0]), set()).add(hit[1])
            continue
        if config is not None:
            ignored = ignored_cache.get(finding.path)
            if ignored is None:
                ignored = ignored_cache[finding.path] = config.ignored_rules_for_path(finding.path)
            if _match_any(ignored, finding.rule):
                continue
        kept.append(finding)
    if config is not None and not config.is_selected(UNUSED_RULE_ID):
        return kept, []
    unused = []
    for path in sorted(directives):
        for i, d in enumerate(directives[path]):
            if d.action == "enable":
                continue
            report = _unused_selectors(d, used.get((path, i), set()), config)
            if report is not None:
                unused.append(_unused_finding(path, d, report, config))
    unused.sort(key=lambda f: (f.path, f.line, f.column, f.message))
    return kept, unused


def _unused_selectors(d: Directive, used: set[str], config: Optional["Config"]) -> Optional[list[str]]:
    """The ids of ``d`` that suppressed nothing ([] = the whole directive), or None if all were used."""
    if not d.rules:
        return None if used else []
    idle = [r for r in d.rules if r not in used
            and not (config is not None and len(r) == 5 and not config.is_selected(r))]
    if not idle:
        return None
    return [] if len(idle) == len(d.rules) else idle


def _unused_finding(path: str, d: Directive, idle: list[str], config: Optional["Config"]) -> Finding:
    written = d.text or f"factlint-{d.action}"
    if idle:
        message = f"unused suppression: {', '.join(idle)} in {written} suppressed nothing"
    else:
        message = f"unused suppression: {written} suppressed nothing"
    severity = config.severity_for(UNUSED_RULE_ID, "info") if config is not None else "info"
    column = d.column or 1
    single_line = d.text is not None and "\n" not in d.text and not d.text.endswith("…")
    end_column = column + len(d.text) if single_line and d.text else column + 1
    key = "|".join([path, d.action, ",".join(d.rules), ",".join(idle), d.text or ""])
    return Finding(rule=UNUSED_RULE_ID, name=UNUSED_RULE.name, severity=severity, path=path,
                   line=d.line, column=column, end_line=d.line, end_column=end_column,
                   message=message, outcome="unused", subject=written,
                   fingerprint=hashlib.sha256(key.encode()).hexdigest()[:16])
