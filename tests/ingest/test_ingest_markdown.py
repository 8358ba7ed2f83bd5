"""Markdown: front matter metadata, and what a reader sees blanked in place."""

from __future__ import annotations

import datetime as dt
import os
import tarfile
import time
from pathlib import Path

import pytest

from factlint.ingest import document_from_text, load_document
from factlint.ingest.frontmatter import _parse_flat
from factlint.yamlio import parse_yaml

ARTICLE = """---
title: "Shenzhen’s 5G count passes 51,000"
date: 2022-01-24
outlet: Now Shenzhen
tags: [5g, shenzhen]
---

# Shenzhen’s 5G network keeps growing

As of the end of 2021, Shenzhen had 51,000 5G base stations, the [bureau](https://gxj.example.gov/2022/01/24/art_51000.html "report 2022") said.

<!-- factlint-ignore FL401 -->
Coverage reached 91 percent of key venues.

```python
stations = 51000  # a figure in code is not a claim
```

~~~
total: 15000
~~~

Run `factlint check --jobs 4` to check it.

![5G mast](/img/mast-2021-0042.jpg)

[report]: https://example.org/reports/2021/42 "Report 2021"
"""


def kept(doc, needle: str) -> bool:
    start = doc.raw.index(needle)
    return doc.text[start:start + len(needle)] == needle


def blanked(doc, needle: str) -> bool:
    start = doc.raw.index(needle)
    return doc.text[start:start + len(needle)].strip() == ""


def test_front_matter_gives_date_outlet_title():
    doc = document_from_text(ARTICLE, format="markdown")
    assert doc.date == dt.date(2022, 1, 24)
    assert doc.outlet == "Now Shenzhen"
    assert doc.title == "Shenzhen’s 5G count passes 51,000"
    assert doc.front_matter["tags"] == ["5g", "shenzhen"]
    assert doc.notices == []


def test_skipped_regions_are_blanked_and_prose_is_kept():
    doc = document_from_text(ARTICLE, format="markdown")
    assert len(doc.text) == len(doc.raw)
    assert doc.raw.count("\n") == doc.text.count("\n")
    assert blanked(doc, 'title: "Shenzhen’s 5G count passes 51,000"')
    assert blanked(doc, "stations = 51000")
    assert blanked(doc, "total: 15000")
    assert blanked(doc, "`factlint check --jobs 4`")
    assert blanked(doc, "<!-- factlint-ignore FL401 -->")
    assert blanked(doc, '(https://gxj.example.gov/2022/01/24/art_51000.html "report 2022")')
    assert blanked(doc, "(/img/mast-2021-0042.jpg)")
    assert blanked(doc, '[report]: https://example.org/reports/2021/42 "Report 2021"')
    assert kept(doc, "As of the end of 2021, Shenzhen had 51,000 5G base stations, the [bureau]")
    assert kept(doc, "Coverage reached 91 percent of key venues.")
    assert kept(doc, "![5G mast]")


def test_positions_are_those_of_the_file():
    doc = document_from_text(ARTICLE, format="markdown")
    offset = doc.raw.index("51,000 5G")
    assert doc.raw.splitlines()[9].startswith("As of the end of 2021")
    assert doc.position(offset) == (10, doc.raw.splitlines()[9].index("51,000") + 1)


def test_date_forms_and_outlet_keys():
    cases = [
        ("date: 2022-12-22T08:30:00+08:00\nsource: Belt and Road Portal", dt.date(2022, 12, 22),
         "Belt and Road Portal"),
        ('date: "December 22, 2022"\npublisher: Belt and Road Portal', dt.date(2022, 12, 22),
         "Belt and Road Portal"),
        ("published: 2023-12-06\noutlet: CHINA DAILY", dt.date(2023, 12, 6), "China Daily"),
        ("date: not a date\noutlet: [a, list]", None, None),
    ]
    for front, date, outlet in cases:
        doc = document_from_text(f"---\n{front}\n---\nBody 5 percent.\n", format="md")
        assert (doc.date, doc.outlet) == (date, outlet), front


def test_heading_is_the_title_without_front_matter_title():
    doc = document_from_text("---\ndate: 2023-03-03\n---\n\n## China's online population tops 1.06 billion\n\n"
                             "Text.\n", format="markdown")
    assert doc.title == "China's online population tops 1.06 billion"


def test_plain_header_lines_in_markdown_body():
    doc = document_from_text("# Digital economy report\n\nUpdated: December 22, 2022 Source: Belt and Road Portal\n\n"
                             "China's digital economy reached 45.5 trillion yuan.\n", format="markdown")
    assert doc.date == dt.date(2022, 12, 22)
    assert doc.outlet == "Belt and Road Portal"
    assert doc.title == "Digital economy report"
    assert blanked(doc, "Updated: December 22, 2022")


@pytest.mark.parametrize("front", [
    "title: [unclosed\ndate: 2022-01-24",
    "date: 2022-01-24\ndate: 2022-01-25",
    "- just\n- a list",
    "title: 'one'\n  bad indent: 2",
    "\t- tab",
])
def test_malformed_front_matter_is_a_notice_not_a_crash(front):
    text = f"---\n{front}\n---\n\nShenzhen had 51,000 5G base stations.\n"
    doc = document_from_text(text, format="markdown", path="corpus/bad.md")
    assert doc.notices, front
    assert doc.front_matter == {}
    assert doc.date is None
    assert blanked(doc, front.splitlines()[0])
    assert kept(doc, "Shenzhen had 51,000 5G base stations.")


def test_tagged_values_are_dropped_never_constructed():
    text = "---\ndate: 2022-01-24\nrun: !!python/object/apply:os.system ['echo hi']\nraw: !!binary aGk=\n---\nBody\n"
    doc = document_from_text(text, format="markdown")
    assert doc.date == dt.date(2022, 1, 24)
    # the tag is inert: the sequence stays plain data, nothing is called
    assert doc.front_matter == {"date": dt.date(2022, 1, 24), "run": ["echo hi"]}
    assert doc.notices == ["line 3: front matter YAML tag '!!python/object/apply:os.system' ignored; "
                           "the value is read as plain data",
                           "front matter 'raw' has an unsupported YAML type (bytes); ignored"]


def test_an_explicit_str_tag_is_plain_yaml_and_kept():
    doc = document_from_text("---\ntitle: !!str 2022\ndate: 2022-01-24\ntags: [a]\n---\nBody\n", format="markdown")
    assert doc.front_matter["title"] == "2022" and doc.title == "2022"
    assert doc.notices == []


def test_brackets_nested_a_thousand_deep_are_refused_at_once():
    started = time.perf_counter()
    doc = document_from_text("---\ntags: " + "[" * 1000 + "]" * 1000 + "\n---\nSales rose 5 pct.\n", format="markdown")
    elapsed = time.perf_counter() - started
    assert doc.front_matter == {}
    assert doc.notices == ["line 2: malformed front matter ignored: brackets nested more than 64 levels deep; "
                           "refusing to load it"]
    assert elapsed < 1.0, f"{elapsed:.1f} s"  # the scanner alone took seconds


def test_alias_bomb_in_front_matter_is_refused_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    doc = document_from_text("---\n" + "\n".join(lines) + "\n---\nBody 5.\n", format="markdown")
    assert doc.notices and "refusing" in doc.notices[0]
    assert doc.front_matter == {}


def test_malformed_front_matter_notice_points_at_the_file_line():
    doc = document_from_text("---\ntitle: ok\ndate: [2022\n---\nBody\n", format="markdown")
    assert doc.notices and doc.notices[0].startswith("line ")
    assert "malformed front matter ignored" in doc.notices[0]


def test_unclosed_front_matter_is_read_as_text():
    doc = document_from_text("---\ntitle: never closed\n\nShenzhen had 51,000 stations.\n", format="markdown")
    assert doc.notices and "never closed" in doc.notices[0]
    assert kept(doc, "Shenzhen had 51,000 stations.")


def test_indented_code_blocks_are_blanked_in_ordinary_markdown():
    text = "Some prose with 12 items.\n\n    docker run --cpus 4 image:1.2\n\nMore prose with 7 items.\n"
    doc = document_from_text(text, format="markdown")
    assert blanked(doc, "docker run --cpus 4 image:1.2")
    assert kept(doc, "More prose with 7 items.")


def test_code_inside_list_items_follows_commonmark():
    text = "- step one\n\n      pip install factlint==0.1.0\n\n- step two has 3 parts\n"
    doc = document_from_text(text, format="markdown")
    assert blanked(doc, "pip install factlint==0.1.0")
    assert kept(doc, "step two has 3 parts")


NEWSWIRE = """---
title: "ACME CORP RAISES DIVIDEND"
date: 1987-03-02T14:05:11
outlet: Reuters
dateline: "CHICAGO, March 2"
places: [usa]
topics: [earn]
reuters_newid: 901
---

Acme Corp said it raised its quarterly
dividend to 25 cts a share from 22 cts.
    The company said the dividend is payable April 1.
   
    Acme said first quarter net income rose 12 pct to
4.5 mln dlrs from 4.0 mln dlrs a year earlier.
"""


def test_newswire_paragraph_indentation_is_prose_not_code():
    doc = document_from_text(NEWSWIRE, format="markdown")
    assert doc.date == dt.date(1987, 3, 2)
    assert doc.outlet == "Reuters"
    assert doc.title == "ACME CORP RAISES DIVIDEND"
    assert kept(doc, "Acme said first quarter net income rose 12 pct to")
    assert kept(doc, "The company said the dividend is payable April 1.")


def _reuters_samples(limit: int = 40) -> list[tuple[str, str]]:
    """(name, text) of some Reuters stories, from the unpacked corpus or the shared tarball."""
    unpacked = Path(os.environ.get("FACTLINT_REUTERS", "/tmp/corpora/reuters21578"))
    if unpacked.is_dir():
        files = sorted(unpacked.glob("*/*.md"))[:limit]
        return [(f"{f.parent.name}/{f.name}", f.read_text(encoding="utf-8")) for f in files]
    tarball = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "reuters21578-md.tar.gz"
    if not tarball.is_file():
        return []
    out = []
    with tarfile.open(tarball) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".md"):
                data = tar.extractfile(member).read().decode("utf-8")
                out.append(("/".join(member.name.split("/")[-2:]), data))
                if len(out) >= limit:
                    break
    return out


def test_reuters_stories_come_out_dated_and_attributed():
    samples = _reuters_samples()
    if not samples:
        pytest.skip("Reuters corpus not available")
    for name, text in samples:
        doc = document_from_text(text, path=name, format="markdown")
        folder = name.split("/")[0]
        assert doc.date == dt.date.fromisoformat(folder), name
        assert doc.outlet == "Reuters", name
        assert doc.title, name
        assert doc.notices == [], name


def test_reuters_front_matter_fast_path_matches_the_yaml_loader():
    samples = _reuters_samples()
    if not samples:
        pytest.skip("Reuters corpus not available")
    for name, text in samples:
        block = text.split("---\n")[1]
        fast = _parse_flat(block)
        assert fast is not None, name
        assert fast == parse_yaml(block, name)[0], name


@pytest.mark.parametrize("block", [
    'title: "A"\ndate: 1987-02-26T15:01:01\noutlet: Reuters\nplaces: [el-salvador, usa]\ntopics: []\nid: 7',
    "title: Plain words, with a comma\nempty:\ncount: 0\nneg: -12",
    "# a comment\ntitle: 'single quoted'\n\ndate: 2022-01-24",
    'title: "BRITAIN TO MINT NEW \\"BRITANNIA\\" GOLD COIN"\npath: "C:\\\\wire"',
])
def test_fast_path_agrees_with_the_loader(block):
    fast = _parse_flat(block)
    assert fast is not None
    assert fast == parse_yaml(block, "x")[0]


@pytest.mark.parametrize("block", [
    "flag: true", "nothing: null", "num: 1.5", "octal: 012", "ver: 1.10", "when: 2022-1-4",
    "list:\n  - a", "t: 'it''s'", 'esc: "a\\nb"', "x: *alias", "tagged: !!str 5", "multi: |\n  text",
    "k: a: b", "k: v # comment", "dup: 1\ndup: 2", "yes: no", "k: [a, true]", "k: [1, 2]",
])
def test_fast_path_leaves_everything_else_to_the_loader(block):
    assert _parse_flat(block) is None


def test_markdown_file_from_disk(tmp_path: Path):
    path = tmp_path / "2022-01-24-5g.markdown"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "markdown" and doc.date == dt.date(2022, 1, 24)


def test_code_spans_pair_runs_of_equal_length_within_a_paragraph():
    text = ("Use ``a ` inside 12`` here, `b 34` there, and a lone ` tick 56.\n\n"
            "Next paragraph 78 ` closes nothing 90.\n")
    doc = document_from_text(text, format="markdown")
    assert blanked(doc, "``a ` inside 12``")
    assert blanked(doc, "`b 34`")
    assert kept(doc, "and a lone ` tick 56.")
    assert kept(doc, "Next paragraph 78 ` closes nothing 90.")
