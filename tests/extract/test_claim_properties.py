"""Property tests over the whole extractor: any text, in any format, gives claims that point
at themselves.

Whatever the text (arbitrary Unicode, numbers of any size, mixtures of digits, separators,
currency signs and brackets, in plain text, Markdown or HTML), extraction raises nothing,
every claim's span lies inside the file, its text is what the file holds there (but for
markup that ingest blanked to spaces, such as the ``**`` of bold; in HTML: what the page
shows there), its line and column are those of its offset, and its value lies in its
interval. The index stores exactly what was extracted.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factlint.cache.codec import decode_file, encode_file
from factlint.extract import extract_claims
from factlint.ingest import document_from_text
from factlint.pipeline import process_document

from tests.extract.test_quantity_properties import PIECES
from tests.propcheck import examples

FORMATS = st.sampled_from(["text", "markdown", "html"])
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))

# Words that make the extractor bind entities, metrics, periods and sources.
PROSE = st.sampled_from([
    "Shenzhen", "China", "the city", "the bureau said", "according to the ministry", ", the company said.",
    " had ", " built ", " 5G base stations", " at the end of 2021", " last year", " in the first quarter",
    " accounted for ", " of GDP", " per 10,000 people", " up ", " year on year", " rose ", " fell ",
    ". ", ".\n", "\n\n", " ", "(", ")", "“", "”", "Net profit ", " vs ", " a share", " by 2025",
    "Updated: 2022-12-09\n", "---\ndate: 2022-01-24\n---\n", "<p>", "</p>", "<td>", "&amp;", "&#36;", "# ",
    "- ", "`", "<!-- factlint-ignore FL401 -->\n",
    # newswire periods, comparisons and attributions
    " during January/November 1986", " in Jan-Mar", " in the same period of 1985", " the same 1985 period",
    " the first 20 days of February", " for the month", " in the quarter", " year-to-date sales from January 1",
    " last year to date", " March 11 through 20", "Taiwan's 1986 ", " in january 1986", " a loss of ",
    ", compared with a profit of ", ", and ", "; ", " the company reported ", "NOTES: ", "Excludes ",
    " quoted Li Wei as saying ", "Apr 149.00 149.00 149.25 147.75 ", " the automaker said", " by Moody's",
    " non-defense ", "Air Canada ", " 1.78 dlrs a share",
])
FRAGMENTS = st.lists(st.one_of(PIECES, PROSE, st.text(max_size=8)), max_size=25).map("".join)
FIGURES = st.sampled_from(["51,000", "30.5%", "900 billion yuan (US$128.8 billion)", "over 50,000", "nearly 1 million",
                           "28.5 per 10,000 people", "1.7 percentage points", "6.6ZB", "12.5 pct", "2.35 billion francs",
                           "between 3 and 5 pct", "second", "No. 1", "one-third", "US$5m", "¥1,000", "(-3.2)"])
# Random text around at least one thing that looks like a figure, so most examples make claims.
TEXTS = st.tuples(FRAGMENTS, st.one_of(FIGURES, PIECES), FRAGMENTS, st.one_of(st.just(""), FIGURES),
                  FRAGMENTS).map("".join)
HUGE = st.one_of(
    st.integers(min_value=1, max_value=600).map(lambda n: "9" * n),
    st.integers(min_value=1, max_value=200).map(lambda n: ",".join(["999"] * n)),
    st.sampled_from(["1e308", "1e309", "1.7976931348623157e308", "-1e308", "0.0000000000000001", "1e-400",
                     "inf", "nan", "NaN", "Infinity"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def line_and_column(raw: str, offset: int) -> tuple[int, int]:
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def check_claims(doc) -> list:
    claims = extract_claims(doc)
    raw = doc.raw
    ids = {c.id for c in claims}
    for c in claims:
        assert 0 <= c.offset < c.end_offset <= len(raw), (c.offset, c.end_offset, len(raw))
        assert c.text and c.text.strip() == c.text
        if doc.offsets is None:
            # the text is the file's at that span, except where ingest blanked markup to spaces
            # ("**51,000** units" reads "51,000   units"); it starts and ends on the file's own characters
            assert doc.text[c.offset:c.end_offset] == c.text
            written = raw[c.offset:c.end_offset]
            assert all(a == b or a == " " for a, b in zip(c.text, written)), (c.text, written)
            assert written[0] == c.text[0] and written[-1] == c.text[-1], (c.text, written)
        else:
            # HTML: the claim is visible text; its first and last characters are the page's own
            # (or the start of a character reference such as &amp;)
            assert raw[c.offset] in (c.text[0], "&"), (raw[c.offset], c.text)
            assert raw[c.end_offset - 1] in (c.text[-1], ";"), (raw[c.end_offset - 1], c.text)
        assert (c.line, c.column) == line_and_column(raw, c.offset)
        assert (c.end_line, c.end_column - 1) == line_and_column(raw, c.end_offset - 1)
        assert math.isfinite(c.value)
        for bound in (c.low, c.high):
            assert bound is None or math.isfinite(bound)
        if c.low is not None:
            assert c.low <= c.value, (c.low, c.value, c.text)
        if c.high is not None:
            assert c.value <= c.high, (c.value, c.high, c.text)
        assert c.equivalent_of is None or c.equivalent_of in ids
        assert c.period is None or c.period.start is None or c.period.end is None or c.period.start <= c.period.end
    return claims


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=examples(150), **SETTINGS)
@given(text=st.text(max_size=300), fmt=FORMATS, date=DATES)
def test_arbitrary_unicode(text, fmt, date):
    check_claims(document_from_text(text, path="prop.txt", format=fmt, date=date))


@settings(max_examples=examples(250), **SETTINGS)
@given(text=TEXTS, fmt=FORMATS, date=DATES)
@example(text="<p>http://over 50,000", fmt="text", date=None)             # a qualifier across a blanked URL
@example(text="Up 9<b>1</b> pct, the bureau said.", fmt="markdown", date=None)  # a unit after a blanked tag
@example(text="Sales were **51,000** units, up *5 pct*.", fmt="markdown", date=None)
def test_mixtures_of_prose_digits_separators_currency_signs_and_brackets(text, fmt, date):
    check_claims(document_from_text(text, path="prop.md", format=fmt, date=date))


@settings(max_examples=examples(100), **SETTINGS)
@given(number=HUGE, before=st.sampled_from(["", "US$", "¥", "(", "over ", "-"]),
       after=st.sampled_from(["", " yuan", " pct", " mln dlrs", "%", " billion", "ZB", ")", " per 10,000 people"]),
       fmt=FORMATS)
@example(number="9" * 500, before="US$", after=" billion", fmt="text")
@example(number="1e308", before="", after=" billion", fmt="html")
def test_numbers_of_any_size_in_a_sentence(number, before, after, fmt):
    text = f"Shenzhen had {before}{number}{after} 5G base stations at the end of 2021, the bureau said.\n"
    claims = check_claims(document_from_text(text, format=fmt, date=dt.date(2022, 1, 24)))
    for c in claims:
        assert abs(c.value) < float("inf")


@settings(max_examples=examples(100), **SETTINGS)
@given(text=TEXTS, fmt=FORMATS)
def test_the_index_stores_exactly_what_was_extracted(text, fmt):
    doc = document_from_text(text, path=f"prop.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[fmt] }",
                             format=fmt, date=dt.date(2022, 1, 24))
    result = process_document(doc)
    assert decode_file(encode_file(result)) == result
