"""Plain-text articles: header and footer metadata, blanking, exact positions."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.ingest import document_from_text
from factlint.ingest.dates import parse_date
from factlint.ingest.headers import parse_meta_line

ARTICLE_A = """Home > News > Shenzhen
Forum puts Shenzhen’s digital economy in the spotlight
Writer: Liang Xiaoyu | Editor: Chen Jiahui | From: Shenzhen Daily | Updated: 2022-12-09

Diplomats and scholars met in Shenzhen on Dec 4 for a forum on digital cooperation.

“Our digital economy was 14.1% of Thailand’s GDP in 2021,” he said.

Last year, the added value of Shenzhen’s core digital economy industries exceeded 900 billion yuan (US$128.8 billion), or 30.5% of the city's GDP.
"""

ARTICLE_B = """Digital economy drives China's growth

Updated: December 22, 2022 Source: Belt and Road Portal

China's digital economy reached 45.5 trillion yuan in 2021, making up 39.8 percent of GDP, the China Internet Development Report 2022 shows.
"""

ARTICLE_C = """Shenzhen’s digital economy gathers pace
Now Shenzhen | January 24, 2022

As of the end of 2021, Shenzhen had 51,000 5G base stations, or 28.5 base stations per 10,000 people.

sz_5g_rooftops_2021.mp4

Article from: SHENZHEN DAILY
"""

ARTICLE_D = """CHINA DAILY | Global Edition | China | Business | Opinion | World
Beijing aims to be a global benchmark for the digital economy
By SUN YILIN | | Updated: 2023-12-06 20:27

More than half of the Chinese companies on the Forbes list of the top 100 digital companies are based in Beijing, the official said.

Copyright 1995 - 2023. All rights reserved. Content on this site belongs to the publisher.
Note: this site is best viewed at a screen resolution of 1024*768 or higher.
License for publishing multimedia online 0108263 | Registration No. 130349
京ICP备13028878号-6
"""

ARTICLE_E = """China and ASEAN build a digital bridge
China and ASEAN build a digital bridge

Currently, almost half of the population of China and ASEAN are mobile internet users.
"""


def line_of(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def assert_blanked(doc, needle: str) -> None:
    start, end = line_of(doc.raw, needle)
    assert doc.text[start:end].strip() == "", f"{needle!r} should be blanked"


def assert_kept(doc, needle: str) -> None:
    start, end = line_of(doc.raw, needle)
    assert doc.text[start:end] == needle, f"{needle!r} should be kept as written"


def test_breadcrumb_and_byline_with_from_and_updated():
    doc = document_from_text(ARTICLE_A)
    assert doc.date == dt.date(2022, 12, 9)
    assert doc.outlet == "Shenzhen Daily"
    assert doc.title == "Forum puts Shenzhen’s digital economy in the spotlight"
    assert_blanked(doc, "Home > News > Shenzhen")
    assert_blanked(doc, "From: Shenzhen Daily | Updated: 2022-12-09")
    assert_kept(doc, "exceeded 900 billion yuan (US$128.8 billion), or 30.5% of the city's GDP.")
    assert_kept(doc, "Forum puts Shenzhen’s digital economy in the spotlight")


def test_updated_line_with_source_under_the_headline():
    doc = document_from_text(ARTICLE_B)
    assert doc.date == dt.date(2022, 12, 22)
    assert doc.outlet == "Belt and Road Portal"
    assert doc.title == "Digital economy drives China's growth"
    assert_blanked(doc, "Updated: December 22, 2022 Source: Belt and Road Portal")


def test_outlet_and_date_line_with_footer_source_taking_precedence():
    doc = document_from_text(ARTICLE_C)
    assert doc.date == dt.date(2022, 1, 24)
    # the labelled footer names the outlet; the bare name beside the date is the site
    assert doc.outlet == "Shenzhen Daily"
    assert_blanked(doc, "Now Shenzhen | January 24, 2022")
    assert_blanked(doc, "Article from: SHENZHEN DAILY")
    assert_blanked(doc, "sz_5g_rooftops_2021.mp4")
    assert_kept(doc, "Shenzhen had 51,000 5G base stations, or 28.5 base stations per 10,000 people.")


def test_name_beside_date_is_the_outlet_without_a_labelled_one():
    doc = document_from_text("Shenzhen opens 5G labs\nNow Shenzhen | January 24, 2022\n\nBody text.\n")
    assert doc.outlet == "Now Shenzhen"
    assert doc.date == dt.date(2022, 1, 24)


def test_site_banner_byline_and_footer_boilerplate():
    doc = document_from_text(ARTICLE_D)
    assert doc.date == dt.date(2023, 12, 6)
    assert doc.outlet == "China Daily"
    assert doc.title == "Beijing aims to be a global benchmark for the digital economy"
    assert_blanked(doc, "CHINA DAILY | Global Edition | China | Business | Opinion | World")
    assert_blanked(doc, "By SUN YILIN | | Updated: 2023-12-06 20:27")
    assert_blanked(doc, "Copyright 1995 - 2023. All rights reserved.")
    assert_blanked(doc, "best viewed at a screen resolution of 1024*768 or higher.")
    assert_blanked(doc, "License for publishing multimedia online 0108263 | Registration No. 130349")
    assert_blanked(doc, "京ICP备13028878号-6")
    assert_kept(doc, "More than half of the Chinese companies on the Forbes list of the top 100 digital companies")


def test_repeated_headline_gives_one_title_and_is_counted_once():
    doc = document_from_text(ARTICLE_E)
    assert doc.title == "China and ASEAN build a digital bridge"
    assert doc.date is None and doc.outlet is None
    first = doc.raw.index("China and ASEAN build")
    second = doc.raw.index("China and ASEAN build", first + 1)
    assert doc.text[first:first + 10] == "China and "
    assert doc.text[second:second + 38].strip() == ""
    assert_kept(doc, "Currently, almost half of the population")


def test_text_keeps_length_and_positions_of_the_file():
    for article in (ARTICLE_A, ARTICLE_B, ARTICLE_C, ARTICLE_D, ARTICLE_E):
        doc = document_from_text(article)
        assert len(doc.text) == len(doc.raw)
        assert [i for i, c in enumerate(doc.raw) if c == "\n"] == [i for i, c in enumerate(doc.text) if c == "\n"]
    doc = document_from_text(ARTICLE_A)
    offset = doc.raw.index("30.5%")
    line_no = doc.raw[:offset].count("\n") + 1
    assert doc.position(offset) == (line_no, offset - doc.raw.rfind("\n", 0, offset))


def test_crlf_line_endings_keep_lines_and_columns():
    crlf = ARTICLE_B.replace("\n", "\r\n")
    doc = document_from_text(crlf)
    assert doc.date == dt.date(2022, 12, 22)
    assert doc.outlet == "Belt and Road Portal"
    assert doc.title == "Digital economy drives China's growth"
    offset = doc.raw.index("45.5 trillion")
    assert doc.position(offset) == (5, doc.raw.split("\r\n")[4].index("45.5") + 1)
    assert len(doc.text) == len(doc.raw)


def test_explicit_date_overrides_the_header():
    doc = document_from_text(ARTICLE_B, date=dt.date(2023, 1, 1))
    assert doc.date == dt.date(2023, 1, 1)
    assert doc.outlet == "Belt and Road Portal"


def test_body_sentences_that_look_like_labels_are_left_alone():
    text = ("Huawei sets out its digital plans\n\n"
            "By 2025, Huawei aims to help about 120 million people in more than 80 countries get online.\n"
            "Source: the company's chairman said in November 2022 that the goal was within reach, and more.\n")
    doc = document_from_text(text)
    assert doc.date is None
    assert doc.outlet is None
    assert_kept(doc, "By 2025, Huawei aims to help about 120 million people")
    assert_kept(doc, "Source: the company's chairman said in November 2022")


def test_bare_date_deep_in_wrapped_newswire_is_not_metadata():
    text = ("The company said the offer would expire on\n"
            "the close of business, or at the latest on\n"
            "a later date to be announced, with payment by\n"
            "the trustee no later than\n"
            "March 30, 1990.\n"
            "It said 4.5 mln shares were tendered.\n")
    doc = document_from_text(text)
    assert doc.date is None
    assert_kept(doc, "March 30, 1990.")


def test_prose_about_copyright_is_not_a_footer():
    text = ("Copyright registrations rise\n\n"
            "China registered 6.35 million copyright works in 2022, up 1.4 percent, the copyright office said.\n")
    doc = document_from_text(text)
    assert_kept(doc, "China registered 6.35 million copyright works in 2022, up 1.4 percent")


def test_urls_and_email_addresses_are_blanked():
    text = ("Report online\n\nThe full report, at https://example.org/2022/12/09/report-51000.html, "
            "has 45 pages; write to desk2022@example.org for data.\n")
    doc = document_from_text(text)
    assert_blanked(doc, "https://example.org/2022/12/09/report-51000.html")
    assert_blanked(doc, "desk2022@example.org")
    assert_kept(doc, "has 45 pages;")


def test_caption_sentence_ending_in_a_file_name_keeps_its_words():
    text = "Title\n\nWorkers install 3,000 poles in Futian, Jan 4, 2022. IMG_2031.jpg\n"
    doc = document_from_text(text)
    assert_kept(doc, "Workers install 3,000 poles in Futian, Jan 4, 2022.")
    assert_blanked(doc, "IMG_2031.jpg")


def test_empty_and_blank_text():
    for text in ("", "\n\n", "   \r\n"):
        doc = document_from_text(text)
        assert doc.text.strip() == "" and len(doc.text) == len(text)
        assert doc.title is None and doc.date is None


@pytest.mark.parametrize("written, expected", [
    ("2022-12-09", dt.date(2022, 12, 9)),
    ("2023-12-06 20:27", dt.date(2023, 12, 6)),
    ("2023-01-20T09:30:00+08:00", dt.date(2023, 1, 20)),
    ("December 22, 2022", dt.date(2022, 12, 22)),
    ("Dec. 22, 2022", dt.date(2022, 12, 22)),
    ("22 December 2022", dt.date(2022, 12, 22)),
    ("Monday, January 24, 2022 10:30 BJT", dt.date(2022, 1, 24)),
    ("2022/12/09", dt.date(2022, 12, 9)),
    ("2022年12月9日", dt.date(2022, 12, 9)),
])
def test_dates_as_sites_print_them(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["09/12/2022", "2022-02-30", "December 2022", "51,000 stations",
                                     "2022-12-09 and then more words"])
def test_ambiguous_impossible_or_wordy_dates_are_not_guessed(written):
    assert parse_date(written) is None


def test_meta_line_shapes():
    assert parse_meta_line("Updated: December 22, 2022 Source: Belt and Road Portal").outlet == "Belt and Road Portal"
    assert parse_meta_line("From: Shenzhen Daily").outlet == "Shenzhen Daily"
    assert parse_meta_line("By LIU MING | | Updated: 2023-12-06 20:27").date == dt.date(2023, 12, 6)
    assert parse_meta_line("Shenzhen's 5G count hits 51,000") is None
    assert parse_meta_line("Home | News | Tech") is None
    assert parse_meta_line("Updated: sometime soon") is None


def test_wire_end_of_text_code_after_the_sign_off_is_blanked():
    from factlint.extract.quantities import scan_quantities

    story = ("Avg shrs 6,669,488 vs 6,525,051\n Reuter\n3;\n")
    doc = document_from_text(story, path="w.md", format="markdown")
    assert [q.text for q in scan_quantities(doc.text)] == ["6,669,488", "6,525,051"]
    assert len(doc.text) == len(story) and doc.text.endswith(" Reuter\n  \n")
    entity = document_from_text("Net profit 5 mln dlrs.\nREUTER\n&#3;", path="w.txt")
    assert [q.text for q in scan_quantities(entity.text)] == ["5 mln dlrs"]
    # a figure that is the whole last line of prose stays
    kept = document_from_text("The count was revised to\n3;\nofficials said so.\n", path="k.txt")
    assert [q.text for q in scan_quantities(kept.text)] == ["3"]
