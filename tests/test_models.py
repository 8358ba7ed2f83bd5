from factlint.models import Document, Period
import datetime as dt


def test_position_is_one_based_line_and_column():
    doc = Document(path="a.txt", raw="first line\nsecond 51,000\n", text="first line\nsecond 51,000\n", format="text")
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index("51,000")) == (2, 8)


def test_position_maps_html_text_back_to_raw():
    raw = "<p>Up\n<b>30%</b></p>"
    text = "Up 30%"
    offsets = [3, 4, 5, 9, 10, 11]
    doc = Document(path="a.html", raw=raw, text=text, format="html", offsets=offsets)
    assert doc.position(3) == (2, 4)


def test_period_label_for_a_calendar_year():
    assert Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), text="last year").label() == "2021"
    assert Period(text="currently", resolved=False).label() == "unresolved (currently)"
