"""Inputs that make naive readers quadratic: a few hundred KB must take well under seconds.

Each of these took from several seconds to several minutes before the readers
were made linear (lazy regexes and html.parser rescan to the end of the file
from every unclosed construct).
"""

from __future__ import annotations

import time

import pytest

from factlint.ingest import document_from_text

# Generous for a loaded CI machine; the quadratic versions took 5 s to 260 s.
LIMIT_SECONDS = 5.0

CASES = {
    "md-unclosed-comments": ("<!-- x " * 40000, "markdown"),
    "md-unclosed-script": ("<script> x " * 30000, "markdown"),
    "md-backtick-runs-of-every-length": ("".join("`" * k + " a " for k in range(1, 800)), "markdown"),
    "md-huge-front-matter": ("---\n" + "a: b\n" * 20000 + "---\nBody.\n", "markdown"),
    "html-unclosed-comments": ("<!-- x " * 40000, "html"),
    "html-unclosed-comments-with-gt": ("<!-- a > " * 40000, "html"),
    "html-unclosed-tags": ("<a href='x " * 30000, "html"),
    "html-unclosed-cdata": ("<![CDATA[ x " * 30000, "html"),
    "html-unclosed-pi": ("<?x " * 40000, "html"),
    "txt-copyright-lines": ("Copyright 2022 Example Daily\n" * 20000, "text"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_linear_time_on_adversarial_input(name):
    text, fmt = CASES[name]
    started = time.perf_counter()
    doc = document_from_text(text, format=fmt)
    elapsed = time.perf_counter() - started
    assert elapsed < LIMIT_SECONDS, f"{name}: {elapsed:.1f} s"
    assert doc.raw == text


def test_unclosed_constructs_read_as_text():
    doc = document_from_text("<p>Shenzhen had 51,000 stations.</p> 3 < 5 <!-- note 7", format="html")
    assert "Shenzhen had 51,000 stations." in doc.text
    assert "3 < 5 <!-- note 7" in doc.text
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert doc.raw[doc.raw_offset(i)] == ch


def test_huge_non_flat_front_matter_is_refused_with_a_notice():
    block = "tags:\n" + "  - shenzhen\n" * 8000
    doc = document_from_text(f"---\n{block}---\nBody 5.\n", format="markdown")
    assert doc.front_matter == {}
    assert doc.notices and "limit" in doc.notices[0]
