"""Suppression directives: parsing from Markdown, HTML, plain text and front matter; applying them."""

from __future__ import annotations


import pytest

from factlint.config import load_config
from factlint.models import Directive, Document, DocumentMeta, FileResult, Finding
from factlint.rules.suppress import (UNUSED_RULE_ID, apply_path_ignores, apply_suppressions,
                                     parse_directives, suppressing_directive)


def doc(raw: str, path: str = "corpus/shenzhen-5g.md", fmt: str = "markdown", front_matter=None) -> Document:
    return Document(path=path, raw=raw, text=raw, format=fmt, front_matter=front_matter or {})


def finding(rule: str, path: str, line: int, name: str = "conflict") -> Finding:
    return Finding(rule=rule, name=name, severity="error", path=path, line=line, column=1,
                   end_line=line, end_column=20, message=f"{rule} at {path}:{line}",
                   subject="Shenzhen · 5G base stations · as of 2021-12-31", fingerprint=f"{rule}-{path}")


def file_result(d: Document) -> FileResult:
    return FileResult(meta=DocumentMeta(path=d.path, format=d.format), content_hash="0",
                      directives=parse_directives(d))


ARTICLE_MD = """\
# Shenzhen speeds up its digital economy

The added value of Shenzhen's core digital economy industries exceeded 900 billion yuan
(US$128.8 billion) last year, accounting for 30.5% of the city's GDP.

<!-- factlint-ignore FL101 -->
By the end of 2021 the city had built over 50,000 5G base stations.
Shenzhen ranked first in the information society index.

Beijing and Shenzhen are among the top five cities in the digital economy, a 2022 research report said.

<!-- factlint-disable FL4, FL102 -- quotes from the ambassador are sourced upstream -->
Thailand's digital economy made up 14.1% of its GDP in 2021.

China's data output reached 6.6ZB in 2021. <!-- factlint-ignore FL601 -->
<!-- factlint-enable FL4 FL102 -->
Shenzhen had 51,000 5G base stations as of the end of 2021.
"""


def test_markdown_directives_and_their_lines():
    ds = parse_directives(doc(ARTICLE_MD))
    assert [(d.action, d.rules, d.line, d.end_line) for d in ds] == [
        ("ignore-next-line", ["FL101"], 6, 8),     # the next paragraph: lines 7-8
        ("disable", ["FL4", "FL102"], 12, None),
        ("ignore-next-line", ["FL601"], 15, 15),   # after text on the same line: that line
        ("enable", ["FL4", "FL102"], 16, None),
    ]
    assert ds[0].column == 1 and ds[0].text == "<!-- factlint-ignore FL101 -->"
    assert ds[2].column == len("China's data output reached 6.6ZB in 2021. ") + 1


def test_applying_markdown_directives():
    d = doc(ARTICLE_MD)
    files = [file_result(d)]
    path = d.path
    findings = [
        finding("FL101", path, 7),    # ignored (paragraph after the ignore)
        finding("FL101", path, 8),    # same paragraph: ignored
        finding("FL101", path, 10),   # next paragraph: kept
        finding("FL401", path, 13),   # inside disable FL4: suppressed through the prefix
        finding("FL102", path, 13),   # inside disable: suppressed
        finding("FL101", path, 13),   # not named by the disable: kept
        finding("FL601", path, 15),   # trailing ignore on its own line
        finding("FL401", path, 17),   # after the enable: kept
    ]
    kept, unused = apply_suppressions(findings, files)
    assert [(f.rule, f.line) for f in kept] == [("FL101", 10), ("FL101", 13), ("FL401", 17)]
    assert unused == []


def test_unused_suppressions_are_reported_at_the_directive():
    d = doc(ARTICLE_MD)
    kept, unused = apply_suppressions([finding("FL401", d.path, 13)], [file_result(d)])
    assert kept == []
    assert [(u.rule, u.name, u.severity, u.line, u.column) for u in unused] == [
        (UNUSED_RULE_ID, "unused-suppression", "info", 6, 1),
        (UNUSED_RULE_ID, "unused-suppression", "info", 12, 1),
        (UNUSED_RULE_ID, "unused-suppression", "info", 15, 44),
    ]
    # Only the id that did nothing is named when the directive was partly used.
    assert unused[1].message.startswith("unused suppression: FL102 in <!-- factlint-disable FL4, FL102")
    assert unused[0].message == "unused suppression: <!-- factlint-ignore FL101 --> suppressed nothing"
    assert unused[2].end_column == 44 + len("<!-- factlint-ignore FL601 -->")
    assert all(u.path == d.path and u.fingerprint for u in unused)


def test_disable_all_then_enable_one_rule():
    raw = ("<!-- factlint-disable -->\n"
           "Shenzhen had 51,000 5G base stations as of the end of 2021.\n"
           "<!-- factlint-enable FL101 -->\n"
           "Over 50,000 5G base stations had been built by the end of 2021.\n"
           "<!-- factlint-enable -->\n"
           "Core digital economy industries made up 30 percent of the city's GDP.\n")
    ds = parse_directives(doc(raw))
    assert suppressing_directive(ds, "FL101", 2) == (0, "")
    assert suppressing_directive(ds, "FL101", 4) is None        # re-enabled
    assert suppressing_directive(ds, "FL401", 4) == (0, "")     # still disabled
    assert suppressing_directive(ds, "FL401", 6) is None
    # The enable's own line is still inside the region; the line after is not.
    assert suppressing_directive(ds, "FL102", 5) == (0, "")


def test_disable_region_runs_to_end_of_file_without_enable():
    raw = "Intro.\n<!-- factlint-disable FL1 -->\nA.\n\nB.\n\nC.\n"
    ds = parse_directives(doc(raw))
    assert suppressing_directive(ds, "FL102", 7) == (0, "FL1")
    assert suppressing_directive(ds, "FL102", 1) is None
    assert suppressing_directive(ds, "FL201", 7) is None


def test_html_comments_are_directives_but_not_inside_script():
    raw = """<html><head><title>Shenzhen 5G</title>
<script>var help = "<!-- factlint-disable-file -->";</script></head>
<body>
<!-- factlint-disable-file FL401 -->
<p>Shenzhen had 51,000 5G base stations as of the end of 2021.</p>
<!-- factlint-ignore FL101 -->
<p>That is 28.5 stations for every 10,000 people.</p>
</body></html>
"""
    ds = parse_directives(doc(raw, "corpus/now-shenzhen.html", "html"))
    assert [(d.action, d.rules, d.line, d.end_line) for d in ds] == [
        ("disable-file", ["FL401"], 4, None),
        ("ignore-next-line", ["FL101"], 6, 8),
    ]


def test_code_in_markdown_is_not_a_directive():
    raw = """\
To switch conflicts off, write `<!-- factlint-disable FL101 -->` before the paragraph.

```markdown
<!-- factlint-disable-file -->
```

Shenzhen had 51,000 5G base stations as of the end of 2021.
"""
    d = doc(raw)
    assert parse_directives(d) == []
    assert d.notices == []


def test_front_matter_off_and_ignore():
    raw = "---\ntitle: Shenzhen 5G\ndate: 2022-01-24\nfactlint: off\n---\nShenzhen had 51,000 5G base stations.\n"
    (d,) = parse_directives(doc(raw, front_matter={"title": "Shenzhen 5G", "factlint": "off"}))
    assert (d.action, d.rules, d.line) == ("disable-file", [], 4)
    assert d.text == "factlint: off"
    # YAML 1.1 readers turn `off` into False.
    (d,) = parse_directives(doc(raw, front_matter={"factlint": False}))
    assert d.rules == []

    raw = "---\ntitle: x\nfactlint: {ignore: [FL401, fl102]}\n---\nBody.\n"
    (d,) = parse_directives(doc(raw, front_matter={"factlint": {"ignore": ["FL401", "fl102"]}}))
    assert (d.action, d.rules, d.line) == ("disable-file", ["FL401", "FL102"], 3)

    assert parse_directives(doc(raw, front_matter={"factlint": True})) == []
    assert parse_directives(doc(raw, front_matter={"factlint": {"ignore": []}})) == []


def test_front_matter_mistakes_become_notices_not_wider_suppression():
    raw = "---\nfactlint: {ignore: [conflicts], skip: yes}\n---\nBody.\n"
    d = doc(raw, front_matter={"factlint": {"ignore": ["conflicts"], "skip": True}})
    assert parse_directives(d) == []
    assert any("unknown key(s) skip" in n for n in d.notices)
    assert any("'conflicts' is not a rule id" in n for n in d.notices)


def test_bad_ids_and_unknown_directives_become_notices():
    raw = ("<!-- factlint-ignore FL10x -->\nShenzhen had 51,000 5G base stations.\n\n"
           "<!-- factlint-disabel FL101 -->\n"
           "<!-- factlint-ignore FL101 FL1O2 -->\nOver 50,000 5G stations.\n")
    d = doc(raw)
    ds = parse_directives(d)
    # The typo'd ignore is dropped (not widened to every rule); the half-good one keeps FL101.
    assert [(x.action, x.rules, x.line) for x in ds] == [("ignore-next-line", ["FL101"], 5)]
    assert d.notices == [
        "line 1: factlint-ignore: 'FL10x' is not a rule id (e.g. FL101, FL1)",
        "line 5: factlint-ignore: 'FL1O2' is not a rule id (e.g. FL101, FL1)",
        "line 4: unknown directive 'factlint-disabel' ignored "
        "(known: factlint-disable, -enable, -ignore, -disable-file)",
    ]


def test_plain_text_directive_lines():
    raw = """Shenzhen's digital economy accounts for 30 percent of GDP
Now Shenzhen | January 24, 2022
factlint-disable-file FL401

factlint-ignore FL101
Shenzhen had 51,000 5G base stations as of the end of 2021.

<!-- factlint-disable FL6 -->
The city's 5G coverage of key venues reached 91 percent.
The factlint-ignore FL101 mention inside a sentence is just text.
"""
    ds = parse_directives(doc(raw, "corpus/now-shenzhen.txt", "text"))
    assert [(d.action, d.rules, d.line, d.end_line) for d in ds] == [
        ("disable-file", ["FL401"], 3, None),
        ("ignore-next-line", ["FL101"], 5, 6),
        ("disable", ["FL6"], 8, None),
    ]
    # In Markdown the bare form is article text, not a directive.
    assert parse_directives(doc(raw)) == [Directive(action="disable", rules=["FL6"], line=8, column=1,
                                                    text="<!-- factlint-disable FL6 -->")]


def test_suppression_follows_the_primary_location_only():
    a = doc("<!-- factlint-ignore FL101 -->\nShenzhen had 51,000 5G base stations as of the end of 2021.\n",
            "corpus/now-shenzhen.md")
    b = doc("By the end of 2021 the city had built over 50,000 5G base stations.\n", "corpus/shenzhen-daily.md")
    conflict_in_b = finding("FL101", b.path, 1)
    kept, unused = apply_suppressions([conflict_in_b], [file_result(a), file_result(b)])
    assert kept == [conflict_in_b]
    assert [(u.path, u.line) for u in unused] == [(a.path, 1)]


def test_per_path_ignores_and_config_settings(tmp_path, monkeypatch):
    (tmp_path / "factlint.yaml").write_text(
        'per-path-ignores: {"archive/**": [FL4]}\nseverity: {FL901: warning}\nignore: [FL6]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config([tmp_path])
    d = doc("<!-- factlint-disable FL101 FL601 -->\nReuters copy.\n", "archive/1987/wire.md")
    findings = [finding("FL401", "archive/1987/wire.md", 2), finding("FL401", "corpus/a.md", 3),
                finding("FL101", "archive/1987/wire.md", 2)]
    assert [f.path for f in apply_path_ignores(findings, config)] == ["corpus/a.md", "archive/1987/wire.md"]
    kept, unused = apply_suppressions(findings, [file_result(d)], config)
    assert [(f.rule, f.path) for f in kept] == [("FL401", "corpus/a.md")]
    # FL601 is not selected in this config, so not reporting it as unused; FL101 was used.
    assert unused == []

    d2 = doc("<!-- factlint-ignore FL102 -->\nShenzhen had 51,000 stations.\n", "corpus/b.md")
    _, unused = apply_suppressions([], [file_result(d2)], config)
    assert [(u.rule, u.severity) for u in unused] == [("FL901", "warning")]

    quiet = config.with_overrides(ignore=["FL901"])
    assert apply_suppressions([], [file_result(d2)], quiet)[1] == []


def test_pipeline_records_directives_and_their_notices(monkeypatch):
    import factlint.pipeline
    from factlint.pipeline import process_document

    monkeypatch.setattr(factlint.pipeline, "extract_claims", lambda doc: [])  # only directives matter here

    d = doc("<!-- factlint-ignore FL101 -->\nShenzhen had 51,000 5G base stations.\n"
            "<!-- factlint-ignore not-a-rule -->\nMore text.\n")
    result = process_document(d)
    assert [(x.action, x.line) for x in result.directives] == [("ignore-next-line", 1)]
    assert any("'not-a-rule' is not a rule id" in n.message for n in result.notices)


@pytest.mark.parametrize("body, rules", [
    ("FL101,FL102", ["FL101", "FL102"]),
    ("FL101 , fl2", ["FL101", "FL2"]),
    (": FL101 -- bureau revised the figure", ["FL101"]),
    ("ALL", []),
    ("", []),
])
def test_id_lists(body, rules):
    (d,) = parse_directives(doc(f"<!-- factlint-disable {body} -->\ntext\n"))
    assert d.rules == rules


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_pathological_input_stays_linear(fmt):
    import time

    chunk = ("Shenzhen had 51,000 5G base stations ` <!-- factlint-disable FL101 <script> "
             "<!-- factlint-oops `` factlint-ignore FL1\n")
    raw = chunk * 10_000  # ~1 MB of unclosed comments, code spans and script tags
    d = doc(raw, "corpus/huge." + {"markdown": "md", "html": "html", "text": "txt"}[fmt], fmt)
    start = time.perf_counter()
    parse_directives(d)
    assert time.perf_counter() - start < 3.0  # generous: catches quadratic scans (minutes), not noise
    assert len(d.notices) <= 21
    if fmt != "html":  # in HTML an unclosed <script> makes the rest script text
        assert d.notices[-1].endswith("more directive problem(s) not shown")


def test_front_matter_read_by_the_real_ingest(tmp_path):
    from factlint.ingest import load_document

    article = tmp_path / "now-shenzhen.md"
    article.write_text("---\ntitle: Shenzhen 5G\ndate: 2022-01-24\nfactlint: {ignore: [FL401]}\n---\n"
                       "Shenzhen had built 51,000 5G base stations as of the end of 2021.\n", encoding="utf-8")
    off = tmp_path / "daily.md"
    off.write_text("---\ntitle: Shenzhen leads\nfactlint: off\n---\nOver 50,000 5G base stations.\n",
                   encoding="utf-8")
    (d,) = parse_directives(load_document(article))
    assert (d.action, d.rules, d.line, d.text) == ("disable-file", ["FL401"], 4, "factlint: {ignore: [FL401]}")
    (d,) = parse_directives(load_document(off))
    assert (d.action, d.rules, d.line) == ("disable-file", [], 3)
