import datetime as dt

from factlint.extract.pipeline import extract_text
from factlint.extract.tables import is_results_line, is_table_text


def test_results_lines_are_told_from_prose_that_says_vs():
    for line in ("Shr 1.19 dlrs vs 1.46 dlrs", "Net 3,150,185 vs 2,665,284", "Oper shr loss five cts vs profit two cts",
                 "Avg shrs 5,029,000 vs 4,464,000", "Qtrly Class B div 10 cts vs 10 cts",
                 "Continental Europe 77 mln vs 56 mln"):
        assert is_results_line(line, 0, len(line)), line
    prose = ("The company said net income rose to 3.1 mln dlrs in the quarter, up from 2.6 mln dlrs a year "
             "earlier, as sales climbed on strong demand for its products in Europe vs weak demand at home.")
    assert not is_results_line(prose, 0, len(prose))
    short = "Exports to the U.S. Fell to 226,942 vs 259,272"
    assert not is_results_line(short, 0, len(short))


def test_results_lines_of_one_figure_in_capitals_or_with_a_typo_are_results_lines_too():
    for line in ("Revs 45.6 mln", "Shr 24 cts", "Net loss 186,000", "Avg shrs 16.0 mln",
                 "Shr loss 6.48 DLS VS PROFIT 23 CTS", "Net 204,765 vsd 539,769", "Cash Flow 956 mln francs vs. 941 mln"):
        assert is_results_line(line, 0, len(line)), line
    for prose in ("Sales rose 5 pct.", "Net income was 5 mln dlrs.",
                  "The VS 75E, which replaces the 65, can support 64 users"):
        assert not is_results_line(prose, 0, len(prose)), prose


def test_a_row_of_three_figures_or_of_nil_entries_is_table_text():
    assert is_table_text("Maize 158,400 189,000 272,700", "189,000")
    assert is_table_text("IMPORTS ALLOCATIONS ARGENTINA nil 39,130 AUSTRALIA nil 75,530 BARBADOS nil 7,500", "39,130")
    assert not is_table_text("In 1985 and 1986 output grew 5 pct.", "5 pct")
    assert not is_table_text("Sales rose 5 pct to 10 mln from 8 mln.", "10 mln")


def test_table_rows_and_cells_are_not_prose():
    assert is_table_text("Shr 47 cts vs 46 cts", "47 cts")
    assert is_table_text("| 5G base stations | 51,000 |", "51,000")
    assert is_table_text("51,000", "51,000")            # an HTML cell of its own
    assert not is_table_text("Shenzhen had built 51,000 5G base stations by the end of 2021.", "51,000")
    # a results table's footnote, and columns laid out with spaces
    assert is_table_text("Note: 1986 net includes a gain of 26 cts a share from the sale of a funeral home.", "26 cts")
    assert is_table_text("NOTES: Group is 60 pct owned by Royal Dutch and 40 pct by Shell Transport", "60 pct")
    assert is_table_text("Third qtr 1986 net includes extraordinary credit of 76,400 dlrs, or four cts a share.", "76,400 dlrs")
    assert is_table_text("Excludes fourth quarter extraordinary gains of 29 cts per share.", "29 cts")
    assert is_table_text("1986 net both periods includes charge 768,000 dlrs from reversal of tax credits.", "768,000 dlrs")
    assert not is_table_text("Shenzhen's economy includes 51,000 5G base stations, the bureau said.", "51,000")
    assert is_table_text("CCC Stocks 950 950 602 602 Free Stocks 423 477 870 870", "870")
    assert is_table_text("Gold 4.71 billion (4.90 billion and 3.83 billion), SDR's 503 mln (524 mln and 468 mln)",
                         "468 mln")
    # prose full of figures is still prose
    assert not is_table_text("M-2 showed a rise of 5.09 pct for January at 55.68 billion rand after 4.30 pct in "
                             "December, M-1 16.72 pct at 5.12 billion after 12.80 pct.", "5.12 billion")
    assert not is_table_text("Total pre-tax profits fell to 254 mln after 268 mln in 1985.", "268 mln")


def test_figures_of_a_row_laid_out_with_spaces_get_no_metric():
    text = ("LONDON COCOA FUTURES\n\nApr 149.00 149.00 149.25 149.75 147.75 2184 May 147.75 147.50 147.75 148.00\n\n"
            "Sales of cocoa rose 5 pct to 12,000 tonnes in March, the association said.\n")
    claims = extract_text(text, format="markdown", date=dt.date(1987, 4, 7))
    row = [c for c in claims if c.line == 3]
    assert len(row) >= 4 and all(c.metric is None for c in row)
    prose = [c for c in claims if c.line == 5]
    assert [c.metric for c in prose] == ["cocoa sales", "cocoa sales"]


def test_figures_of_a_footnote_get_no_metric():
    text = ("Shr 26 cts vs 18 cts\n\nNOTE: Latest year net includes writeoff of investment in a refinery of 79 cts "
            "shr.\n")
    claims = extract_text(text, format="markdown", date=dt.date(1987, 3, 18))
    note = [c for c in claims if c.text.startswith("79")]
    assert note and note[0].metric is None
    assert [c.metric for c in claims if c.text.startswith("26")] == ["earnings per share"]
