"""HTML: visible text with an exact map back to the file, metadata from the head."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.ingest import document_from_text
from factlint.ingest.html import OffsetMap

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>China’s 5G network passes 2.3 million base stations | Greater Bay Ledger</title>
  <meta property="og:site_name" content="Greater Bay Ledger">
  <meta property="og:title" content="China’s 5G network passes 2.3 million base stations">
  <meta property="article:published_time" content="2023-01-20T09:30:00+08:00">
  <style>body { max-width: 42em; font: 18px/1.5 serif; }</style>
  <script>window.dataLayer = [{wordCount: 312, pageId: 20230120017}];</script>
</head>
<body>
  <nav><a href="/">Home</a> | <a href="/top10">Top 10 stories</a></nav>
  <article>
    <h1>China’s 5G roll-out keeps up its pace</h1>
    <p>China had 2.31 million 5G base stations at the end of 2022,
       making up 21.3&nbsp;percent of all mobile base stations, the ministry said.
       That works out to 25.1 stations for every 10,000 people.</p>
    <ul><li>Guangdong: 230,000</li><li>Jiangsu: 187,000</li></ul>
    <p>R&amp;D spending rose 10.4&#37; &mdash; AT&T and others took part.<br>A second line.</p>
    <noscript>Enable JavaScript to see 99 more stories</noscript>
    <template><p>Template 77</p></template>
    <!-- comment 55 -->
  </article>
  <footer><p>Copyright 2023 Greater Bay Ledger. All rights reserved.</p></footer>
</body>
</html>
"""


def check_offsets(doc) -> None:
    """Every character of the text maps into raw, in order, onto the character it came from."""
    assert len(doc.offsets) == len(doc.text)
    previous = -1
    for i, ch in enumerate(doc.text):
        raw = doc.raw_offset(i)
        assert 0 <= raw < len(doc.raw)
        assert raw >= previous
        previous = raw
        if not ch.isspace():
            assert doc.raw[raw] == ch or doc.raw[raw] == "&", (i, ch, doc.raw[raw])


def test_visible_text_only():
    doc = document_from_text(PAGE, format="html")
    for hidden in ("max-width", "wordCount", "20230120017", "Top 10", "99 more", "Template 77",
                   "comment 55", "Greater Bay Ledger</title>"):
        assert hidden not in doc.text
    assert "China had 2.31 million 5G base stations at the end of 2022, making up 21.3 percent" in doc.text
    assert "Guangdong: 230,000" in doc.text
    assert "R&D spending rose 10.4% — AT&T and others took part." in doc.text
    check_offsets(doc)


def test_block_elements_break_paragraphs_and_whitespace_collapses():
    doc = document_from_text(PAGE, format="html")
    paragraphs = [p.strip() for p in doc.text.split("\n\n") if p.strip()]
    assert paragraphs[0] == "China’s 5G roll-out keeps up its pace"
    assert paragraphs[1].startswith("China had 2.31 million") and paragraphs[1].endswith("for every 10,000 people.")
    assert "  " not in paragraphs[1]
    assert paragraphs[2] == "Guangdong: 230,000"
    assert paragraphs[3] == "Jiangsu: 187,000"
    assert paragraphs[4] == "R&D spending rose 10.4% — AT&T and others took part.\nA second line."


def test_metadata_from_head():
    doc = document_from_text(PAGE, format="html")
    assert doc.date == dt.date(2023, 1, 20)
    assert doc.outlet == "Greater Bay Ledger"
    assert doc.title == "China’s 5G network passes 2.3 million base stations"


def test_positions_map_to_the_file():
    doc = document_from_text(PAGE, format="html")
    at = doc.text.index("25.1 stations")
    line, col = doc.position(at)
    raw_line = PAGE.splitlines()[line - 1]
    assert raw_line[col - 1:col - 1 + len("25.1 stations")] == "25.1 stations"
    entity = doc.text.index("%")
    assert doc.raw[doc.raw_offset(entity):].startswith("&#37;")


def test_footer_boilerplate_is_blanked():
    doc = document_from_text(PAGE, format="html")
    assert "Copyright" not in doc.text
    check_offsets(doc)


@pytest.mark.parametrize("page, date, outlet, title", [
    ('<html><head><meta name="date" content="2022-12-09"><title>Forum | Shenzhen Daily</title></head>'
     "<body><p>Text 5.</p></body></html>", dt.date(2022, 12, 9), None, "Forum | Shenzhen Daily"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Beijing leads",'
     ' "datePublished": "2023-12-06T20:27:00+08:00", "publisher": {"@type": "Organization",'
     ' "name": "China Daily"}}</script><p>Text.</p>', dt.date(2023, 12, 6), "China Daily", "Beijing leads"),
    ('<body><h1>Shenzhen data</h1><p class="byline"><time datetime="2022-01-24">Jan 24</time></p>'
     "<p>Text.</p></body>", dt.date(2022, 1, 24), None, "Shenzhen data"),
    ('<meta property="article:publisher" content="https://facebook.com/x"><p>Now Shenzhen | January 24, 2022</p>'
     "<p>Body 30 percent.</p>", dt.date(2022, 1, 24), "Now Shenzhen", None),
    ("<p>Now Shenzhen | January 24, 2022</p><p>Shenzhen bets on 5G</p><p>Body 30 percent.</p>",
     dt.date(2022, 1, 24), "Now Shenzhen", "Shenzhen bets on 5G"),
])
def test_metadata_sources(page, date, outlet, title):
    doc = document_from_text(page, format="html")
    assert (doc.date, doc.outlet, doc.title) == (date, outlet, title)
    check_offsets(doc)


def test_header_lines_in_the_page_body_are_read_and_blanked():
    page = ("<html><body><h1>Digital economy report</h1>"
            "<p>Updated: December 22, 2022 Source: Belt and Road Portal</p>"
            "<p>China's digital economy reached 45.5 trillion yuan in 2021.</p></body></html>")
    doc = document_from_text(page, format="html")
    assert doc.date == dt.date(2022, 12, 22)
    assert doc.outlet == "Belt and Road Portal"
    assert doc.title == "Digital economy report"
    assert "December 22" not in doc.text
    assert "45.5 trillion yuan" in doc.text
    check_offsets(doc)


@pytest.mark.parametrize("broken", [
    "<p>Shenzhen had 51,000 5G base stations<p>and 15,000 poles",
    "<div><p>Unclosed tags 51,000 <b>bold <i>both</div></p></b> after 12",
    "</div></p>Stray closers 30.5%</span>",
    "<p>Less-than in text: 3 < 5 and 7 > 2, a<b c</p>",
    "<p>Text 51,000<!-- unterminated comment 99",
    "<p>Attribute <a href='x>1'>quote</a> 5 percent",
    '<p title="unterminated>text 8',
    "<![CDATA[ 77 ]]><p>after cdata 5</p>",
    "<!DOCTYPE html><html><head><title>T</head><body><p>No title close 5</p>",
    "<script>var n = 51000; // never closed",
    "&#xFFFFFFFF; &#0; &bogus; &amp &#x41 &# &",
    "<p>\x00 NUL and \r\n CRLF 5\r</p>",
])
def test_broken_html_never_raises_and_maps_back(broken):
    doc = document_from_text(broken, format="html")
    check_offsets(doc)


def test_unclosed_head_ends_at_the_first_body_element():
    doc = document_from_text("<html><head><title>T</title><p>Visible 51,000 stations.</p>", format="html")
    assert "Visible 51,000 stations." in doc.text


def test_visible_text_survives_unclosed_markup():
    doc = document_from_text("<p>Shenzhen had 51,000 5G base stations<p>and 15,000 poles", format="html")
    assert doc.text.split("\n\n") == ["Shenzhen had 51,000 5G base stations", "and 15,000 poles"]


def test_offset_map_behaves_like_a_sequence():
    offsets = OffsetMap()
    offsets.add(3, 10, True)   # "abc" copied from 10..12
    offsets.add(2, 20, False)  # an inserted break at 20
    offsets.add(2, 13, True)   # non-adjacent run
    offsets.add(1, 15, True)   # adjacent: merges
    assert list(offsets) == [10, 11, 12, 20, 20, 13, 14, 15]
    assert len(offsets) == 8 and offsets[-1] == 15 and offsets[2:5] == [12, 20, 20]
    assert offsets == [10, 11, 12, 20, 20, 13, 14, 15]
    with pytest.raises(IndexError):
        offsets[8]
