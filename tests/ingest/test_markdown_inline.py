"""Markdown syntax around figures is not text: emphasis, quotes and list markers."""

from factlint import extract_claims
from factlint.ingest import document_from_text


def claims(text):
    return [(c.text, c.value, c.unit, c.qualifier) for c in extract_claims(text, format="markdown")]


def test_bold_and_italic_figures_are_found_with_exact_spans():
    text = "China's GDP reached **114.4 trillion yuan** in 2021, and _30.5%_ came from services, the bureau said.\n"
    found = claims(text)
    assert ("114.4 trillion yuan", 114.4e12, "CNY", None) in found
    assert ("30.5%", 30.5, "percent", None) in found
    doc = document_from_text(text, format="markdown")
    assert len(doc.text) == len(doc.raw) and "**" not in doc.text


def test_a_block_quote_marker_is_not_read_as_more_than():
    assert claims("> 114.4 trillion yuan was the total, the bureau said.\n") == [
        ("114.4 trillion yuan", 114.4e12, "CNY", None)]


def test_list_markers_are_neither_minus_signs_nor_numbers():
    text = "Key figures:\n\n1. Shenzhen had 51,000 5G base stations.\n2. The city had 15,000 smart poles.\n\n- 30.5% of GDP\n"
    values = [c[1] for c in claims(text)]
    assert values == [51000, 15000, 30.5]


def test_a_wrapped_line_opening_with_a_year_stays_text_and_intraword_marks_stay():
    text = "Sales rose in\n1987. The firm said profit rose 12 pct.\nThe 3*4 grid names a file data_2021_final.\n"
    doc = document_from_text(text, format="markdown")
    assert "1987." in doc.text and "3*4" in doc.text and "data_2021_final" in doc.text
