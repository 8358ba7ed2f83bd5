import datetime as dt

import pytest

from factlint.extract.periods import Slot, assign_periods, find_periods, implied_period, market_snapshot, prior_period

D = dt.date


def _one(text, doc_date):
    found = [pm for pm in find_periods(text, 0, len(text), doc_date) if pm.period is not None]
    assert len(found) == 1, [text[pm.start:pm.end] for pm in found]
    return found[0]


@pytest.mark.parametrize("text,doc_date,start,end,point", [
    ("exceeded 900 billion yuan last year, accounting", D(2022, 12, 9), D(2021, 1, 1), D(2021, 12, 31), False),
    ("sales this year are", D(2022, 12, 9), D(2022, 1, 1), D(2022, 12, 31), False),
    ("reached 45.5 trillion yuan in 2021, while", D(2022, 12, 22), D(2021, 1, 1), D(2021, 12, 31), False),
    ("As of the end of 2021, the city had", D(2022, 1, 24), D(2021, 12, 31), D(2021, 12, 31), True),
    ("as of 2021 it had built", D(2022, 12, 9), D(2021, 12, 31), D(2021, 12, 31), True),
    ("As of June, the share", D(2022, 12, 22), D(2022, 6, 30), D(2022, 6, 30), True),
    ("As of June, the share", D(2022, 3, 1), D(2021, 6, 30), D(2021, 6, 30), True),
    ("grew in the first three quarters of 2021.", D(2022, 1, 24), D(2021, 1, 1), D(2021, 9, 30), False),
    ("profit in the first half rose", D(2022, 8, 30), D(2022, 1, 1), D(2022, 6, 30), False),
    ("its fourth quarter net", D(1987, 3, 2), D(1986, 10, 1), D(1986, 12, 31), False),
    ("1st qtr net rose", D(1987, 4, 20), D(1987, 1, 1), D(1987, 3, 31), False),
    ("revenue in Q3 2021 was", D(2022, 1, 5), D(2021, 7, 1), D(2021, 9, 30), False),
    ("output in 1986 was", D(1987, 3, 2), D(1986, 1, 1), D(1986, 12, 31), False),
    ("Nine mths", D(1987, 3, 2), D(1986, 1, 1), D(1986, 9, 30), False),
    ("output fell last month to", D(1987, 3, 2), D(1987, 2, 1), D(1987, 2, 28), False),
    ("at end-1986 reserves stood", D(1987, 3, 2), D(1986, 12, 31), D(1986, 12, 31), True),
])
def test_resolves_against_the_publication_date(text, doc_date, start, end, point):
    pm = _one(text, doc_date)
    assert (pm.period.start, pm.period.end, pm.period.point) == (start, end, point)
    assert pm.period.resolved and not pm.period.implied
    assert pm.period.text and pm.period.text in " ".join(text.split())


def test_currently_is_the_publication_date_or_unresolved():
    pm = _one("Currently, almost half of the population", D(2022, 5, 1))
    assert (pm.period.start, pm.period.end, pm.period.point, pm.kind) == (D(2022, 5, 1), D(2022, 5, 1), True, "now")
    pm = _one("Currently, almost half of the population", None)
    assert not pm.period.resolved and pm.period.text == "Currently" and pm.period.start is None


def test_relative_periods_without_a_date_stay_unresolved():
    pm = _one("the figure last year was", None)
    assert not pm.period.resolved and pm.period.text == "last year"


def test_by_a_later_year_is_a_target():
    pm = _one("aims to connect 120 million people by 2025.", D(2022, 12, 22))
    assert pm.kind == "target" and pm.future and pm.period.end == D(2025, 12, 31) and pm.period.point


@pytest.mark.parametrize("text", [
    "signed a 1985 accord with the banks",
    "The China Internet Development Report 2022 was released",
    "at the 2022 World Internet Conference in Wuzhen",
    "the highest since 1983",
    "Prices may rise further",
    "the consumer price index rose to 137.8, base 1981, after",
    "the index of leading indicators rose to 172.9 (base 1980)",
    "output measured at 1980 prices grew",
    "the wholesale index (1980=100) fell",
])
def test_names_and_other_years_are_not_periods(text):
    assert [pm for pm in find_periods(text, 0, len(text), D(2022, 12, 1)) if pm.period is not None] == []


def test_implied_period_is_the_publication_date():
    p = implied_period(D(2022, 1, 24))
    assert (p.start, p.end, p.point, p.implied, p.text, p.resolved) == (D(2022, 1, 24), D(2022, 1, 24), True, True, None, True)
    assert implied_period(None).resolved is False


def test_prior_period_shifts_back_one_year():
    base = _one("its fourth quarter net", D(1987, 3, 2)).period
    prior = prior_period(base)
    assert (prior.start, prior.end, prior.text) == (D(1985, 10, 1), D(1985, 12, 31), "prior")
    # a year before an undatable period is undatable too, not a "prior" every story shares
    assert prior_period(_one("rigs working for the week", None).period) is None


def test_a_period_that_points_back_into_its_story_is_unresolved():
    for text in ("For the month, sales declined to", "The month's truck sales", "sales in the quarter rose",
                 "profit for the period was"):
        pm = _one(text, D(1987, 4, 3))
        assert not pm.period.resolved and pm.period.text in text, text
    # ...but not where the words go on to name the period
    pm = _one("net in the quarter ended March 31 rose", D(1987, 4, 3))
    assert (pm.period.start, pm.period.end) == (D(1987, 1, 1), D(1987, 3, 31))
    assert all(pm.period.resolved for pm in find_periods("in the period from May 15, 1987", 0, 31, D(1987, 4, 3))
               if pm.period is not None)


def _slots(text, *needles, compared=(), vs=()):
    out = []
    for n in needles:
        i = text.index(n)
        out.append(Slot(i, i + len(n), n in compared or n in vs, n in vs))
    return out


def _assign(slots, text, doc_date, clauses=False):
    """assign_periods over the periods ``text`` writes, defaulting to its publication date;
    ``clauses``: with the text, so that clause breaks count."""
    return assign_periods(slots, find_periods(text, 0, len(text), doc_date), implied_period(doc_date), len(text),
                          text if clauses else None)


def test_figures_take_the_period_written_next_to_them():
    text = "output fell last month to 3.5 mln bpd from 3.8 mln bpd in January"
    doc_date = D(1987, 3, 2)
    slots = _slots(text, "3.5 mln bpd", "3.8 mln bpd", compared=("3.8 mln bpd",))
    p = _assign(slots, text, doc_date)
    assert (p[0].start, p[0].end) == (D(1987, 2, 1), D(1987, 2, 28))
    assert (p[1].start, p[1].end) == (D(1987, 1, 1), D(1987, 1, 31))


def test_a_year_earlier_figure_gets_the_prior_period():
    text = "exports in 2021 rose to 3.58 billion dlrs from 1.94 billion a year earlier"
    slots = _slots(text, "3.58 billion dlrs", "1.94 billion", compared=("1.94 billion",))
    p = _assign(slots, text, D(2022, 2, 1))
    assert p[0].start == D(2021, 1, 1) and p[1].start == D(2020, 1, 1) and p[1].text == "prior"


def test_vs_figure_without_period_is_the_prior_of_the_default():
    text = "Net 12.3 mln vs 10.1 mln"
    base = _one("4th qtr net", D(1987, 3, 2)).period
    slots = _slots(text, "12.3 mln", "10.1 mln", vs=("10.1 mln",))
    p = assign_periods(slots, [], base, len(text))
    assert p[0] is base
    assert (p[1].start, p[1].end, p[1].text) == (D(1985, 10, 1), D(1985, 12, 31), "prior")


def test_a_from_figure_against_an_undated_figure_has_no_period():
    text = "the share rose to 5 pct from 4 pct"
    slots = _slots(text, "5 pct", "4 pct", compared=("4 pct",))
    default = implied_period(D(2022, 2, 1))
    p = assign_periods(slots, [], default, len(text))
    assert p[0] is default
    assert p[1] is None


@pytest.mark.parametrize("text,first,start,end", [
    ("output rose to 1.2 mln tonnes in 1986 from 1.1 mln", "1.2 mln tonnes", D(1985, 1, 1), D(1985, 12, 31)),
    ("M-1 rose to 740.2 billion dlrs in the week ended March 2 from 738.1 billion", "740.2 billion dlrs",
     D(1987, 2, 17), D(1987, 2, 23)),
    ("net profit rose to 5.1 mln dlrs in the first quarter from 3.2 mln", "5.1 mln dlrs", D(1986, 1, 1),
     D(1986, 3, 31)),
])
def test_a_from_figure_takes_the_period_before_its_partners(text, first, start, end):
    second = text.rsplit("from ", 1)[1]
    slots = _slots(text, first, second, compared=(second,))
    p = _assign(slots, text, D(1987, 3, 12))
    assert (p[1].start, p[1].end) == (start, end)
    assert p[1].resolved and p[1].end < p[0].start


@pytest.mark.parametrize("text", [
    # economic statistics compare with the month before, a company's monthly figures with the
    # same month a year earlier; the sentence does not say which
    "unemployment fell to 6.7 pct in February from 7.0 pct",
    "March revenue passenger miles rose five pct to 225.9 mln from 215.6 mln",
])
def test_a_from_figure_against_a_month_has_no_period(text):
    first, second = text.split(" to ", 1)[1].split(" from ")
    first = first.replace(" in February", "")
    slots = _slots(text, first, second, compared=(second,))
    p = _assign(slots, text, D(1987, 4, 3))
    assert p[0].resolved and not p[0].implied and (p[0].end - p[0].start).days < 31
    assert p[1] is None


def test_last_year_after_a_compared_figure_is_a_year_before_its_partner():
    doc_date = D(1987, 4, 9)
    text = "Current season cumulative movement was 79,516,753 gallons versus 76,919,119 last year."
    slots = _slots(text, "79,516,753 gallons", "76,919,119", compared=("76,919,119",))
    p = _assign(slots, text, doc_date)
    # the current season so far (not the year 1986) and, for its partner, a year before
    assert p[0].implied and p[0].text == "Current season" and p[1].end == D(1986, 4, 9)
    text = "Cumulative movement was 79,516,753 gallons versus 76,919,119 last year."
    slots = _slots(text, "79,516,753 gallons", "76,919,119", compared=("76,919,119",))
    p = _assign(slots, text, doc_date)
    # an undated figure's partner is undated too: a year before the publication date
    assert p[0].implied and p[1].implied and p[1].end == D(1986, 4, 9)
    text = "Year to date car sales were 8,806, down 41.5 pct from 15,050 last year."
    slots = _slots(text, "8,806", "15,050", compared=("15,050",))
    p = _assign(slots, text, doc_date)
    assert (p[1].start, p[1].end) == (D(1986, 1, 1), D(1986, 4, 9))
    # with no comparison, "last year" is the calendar year
    text = "Sales in France dropped to about 14,008 last year."
    p = _assign(_slots(text, "about 14,008"), text, doc_date)
    assert (p[0].start, p[0].end) == (D(1986, 1, 1), D(1986, 12, 31))


def test_weeks_and_days_are_periods_of_their_own():
    doc_date = D(1987, 3, 12)          # a Thursday
    a = _one("in the week ended February 22", doc_date).period
    b = _one("in the week ended March 1", doc_date).period
    assert (a.start, a.end) == (D(1987, 2, 16), D(1987, 2, 22)) and not a.point
    assert (b.start, b.end) == (D(1987, 2, 23), D(1987, 3, 1))
    tue = _one("bills sold at Tuesday's auction averaged 5.53 pct", doc_date).period
    assert (tue.start, tue.end, tue.text) == (D(1987, 3, 10), D(1987, 3, 10), "Tuesday")
    assert _one("at Thursday's auction", doc_date).period.start == doc_date
    last = _one("up from 5.47 pct last week", doc_date).period
    assert (last.start, last.end) == (D(1987, 3, 2), D(1987, 3, 8))
    # "the previous week" is no year-ago marker
    assert _one("from the previous week", doc_date).kind == "explicit"


@pytest.mark.parametrize("text,start,end", [
    ("exports are estimated at 30,000 tonnes in fiscal 1986/87, ending", D(1986, 1, 1), D(1987, 12, 31)),
    ("wheat sales for the 1987/88 season were", D(1987, 1, 1), D(1988, 12, 31)),
    ("the plan for 2021-2025 sets", D(2021, 1, 1), D(2025, 12, 31)),
])
def test_a_split_year_is_its_whole_span_not_its_first_year(text, start, end):
    pm = _one(text, D(1987, 3, 27))
    assert (pm.period.start, pm.period.end) == (start, end)


def test_a_run_of_weeks_to_a_date_is_its_weeks():
    pm = _one("net earnings rose to 25.94 mln dlrs in the 26 weeks ended December 28", D(1987, 3, 19))
    assert (pm.period.start, pm.period.end) == (D(1986, 6, 30), D(1986, 12, 28))
    pm = _one("refinery runs in the four weeks ended March 13 were", D(1987, 3, 19))
    assert (pm.period.start, pm.period.end) == (D(1987, 2, 14), D(1987, 3, 13))


@pytest.mark.parametrize("text,start,end", [
    ("shipments during January/December 1986 totalled", D(1986, 1, 1), D(1986, 12, 31)),
    ("shipments during January/November 1986 totalled", D(1986, 1, 1), D(1986, 11, 30)),
    ("exports in Jan-Mar 1987 were", D(1987, 1, 1), D(1987, 3, 31)),
    ("exports in Jan-Mar were", D(1987, 1, 1), D(1987, 3, 31)),
])
def test_a_newswire_month_range_is_its_months(text, start, end):
    pm = _one(text, D(1987, 4, 1))
    assert (pm.period.start, pm.period.end) == (start, end)


@pytest.mark.parametrize("text,first,second,start,end", [
    # the figure's own span moved to the year named, not the whole of that year
    ("Argentine vegetable oils shipments during January/November 1986 totalled 1,693,951 tonnes, against "
     "1,469,208 tonnes in the same 1985 period", "1,693,951 tonnes", "1,469,208 tonnes", D(1985, 1, 1), D(1985, 11, 30)),
    ("year-to-date sales increased to 3.64 billion dlrs from 3.37 billion dlrs in the same period of 1986",
     "3.64 billion dlrs", "3.37 billion dlrs", D(1986, 1, 1), D(1986, 4, 1)),
    # "from January 1" restates where the year to date starts; "last year to date" is its year-ago span
    ("year-to-date sales from January 1 fell to 383,380 from 402,599 last year to date", "383,380", "402,599",
     D(1986, 1, 1), D(1986, 4, 1)),
])
def test_the_same_period_of_a_year_is_the_figure_s_own_span_then(text, first, second, start, end):
    slots = _slots(text, first, second, compared=(second,))
    periods = find_periods(text, 0, len(text), D(1987, 4, 1))
    p = assign_periods(slots, periods, implied_period(D(1987, 4, 1)), len(text))
    assert (p[1].start, p[1].end) == (start, end)
    assert (p[0].start, p[0].end) == (D(start.year + 1, start.month, start.day), D(end.year + 1, end.month, end.day))


def test_the_same_period_of_a_year_against_an_undated_figure_has_no_period():
    text = "exports totalled 1.2 mln tonnes against 1.1 mln in the same 1985 period"
    slots = _slots(text, "1.2 mln tonnes", "1.1 mln", compared=("1.1 mln",))
    p = _assign(slots, text, D(1987, 4, 1))
    assert p[0].implied and p[1] is None


def test_the_first_days_of_a_month_and_a_year_after_a_possessive():
    pm = _one("the trade surplus in the first 20 days of February jumped", D(1987, 3, 2))
    assert (pm.period.start, pm.period.end) == (D(1987, 2, 1), D(1987, 2, 20))
    # "Taiwan's 1986 trade surplus" is a period; "the Development Report 2022" is a name
    pm = _one("Taiwan's 1986 trade surplus with Washington was", D(1987, 4, 11))
    assert (pm.period.start, pm.period.end) == (D(1986, 1, 1), D(1986, 12, 31))
    assert find_periods("the Development Report 2022 shows", 0, 33, D(2022, 12, 22)) == []


def test_a_month_in_lower_case_before_a_year_is_that_month():
    pm = _one("compared with a 56 mln dlr surplus in january 1986.", D(1987, 4, 9))
    assert (pm.period.start, pm.period.end) == (D(1986, 1, 1), D(1986, 1, 31))
    # "may" stays a verb
    assert _one("Sales may 1986 be higher", D(1987, 4, 9)).period.start == D(1986, 1, 1)


@pytest.mark.parametrize("sentence", [
    "Montreal's market portfolio index fell 12.52 points to 1922.51.",
    "Following crude futures, May gasoline closed 0.33 cent higher at 53.27 cts a gallon.",
    "Year bills rose one basis points to 5.74 pct bid.",
    "Platinum was fixed this afternoon at 566.35 dlrs, slightly above the morning setting of 565.75.",
    "Northern Telecom slid 1-1/2 to 58-1/2 and Canadian Pacific lost 1/4 to 24-3/4.",
    # a central bank's money market operations: several a day
    "The Bank bought 176 mln stg of band two bank bills outright at 10-5/16 pct.",
    "This brings the Bank's total assistance so far today to 1.503 billion stg.",
])
def test_a_market_report_s_figure_of_the_moment_is_recognised(sentence):
    assert market_snapshot(sentence.lower())


@pytest.mark.parametrize("sentence", [
    "S and P cited GAF's 3.2 billion dlr acquisition offer for Borg-Warner Corp.",
    "Grade 92 octane will be 90.2 cents against 87.6 previously.",
    "Sales rose to 5 mln dlrs from 4 mln.",
    "The company closed its plant, which employs 300 people.",
    "Prices rose 5 to 10 pct.",
])
def test_other_undated_figures_are_no_market_snapshot(sentence):
    assert not market_snapshot(sentence.lower())


def test_the_current_season_is_the_crop_year_of_the_publication_date():
    doc_date = D(1987, 3, 26)
    # the season under way is so far: its figures stand as of the publication date
    current = _one("for the current season", doc_date).period
    assert current.implied and current.end == doc_date and current.text == "the current season"
    last = _one("last season", doc_date).period
    assert (last.start, last.end) == (D(1985, 1, 1), D(1986, 12, 31))       # as "1985/86" is
    assert _one("for the 1985/86 season", doc_date).period.start == last.start
    autumn = _one("the next marketing year", D(1987, 9, 10)).period
    assert autumn.start == D(1988, 1, 1)
    # a season written after a figure is its own: the 1987/88 one is the next figure's
    text = "Wheat sales of 317,200 tonnes for the current season and 125,000 tonnes for the 1987/88 season"
    p = _assign(_slots(text, "317,200 tonnes", "125,000 tonnes"), text, doc_date)
    assert p[0].text == "the current season" and p[1].text == "1987/88"


def test_a_year_to_date_figure_compared_with_a_year_takes_the_same_span_of_that_year():
    doc_date = D(1987, 4, 29)
    text = "Year-to-date demand averaged 16.26 mln bpd, up 1.6 pct from 15.99 mln in 1986"
    slots = _slots(text, "16.26 mln bpd", "1.6 pct", "15.99 mln", compared=("15.99 mln",))
    p = _assign(slots, text, doc_date)
    assert (p[2].start, p[2].end) == (D(1986, 1, 1), D(1986, 4, 29))
    # against a month, "an average 3.8 mln bpd in 1986" is the year's
    text = "Output fell to 3.5 mln bpd in February from an average 3.8 mln bpd in 1986"
    slots = _slots(text, "3.5 mln bpd", "3.8 mln bpd", compared=("3.8 mln bpd",))
    p = _assign(slots, text, doc_date)
    assert (p[1].start, p[1].end) == (D(1986, 1, 1), D(1986, 12, 31))


def test_a_period_after_from_is_the_compared_figure_s_not_its_neighbour_s():
    doc_date = D(1987, 4, 1)
    text = "February construction outlays rose 2.3 billion dlrs from January levels"
    p = _assign(_slots(text, "2.3 billion dlrs"), text, doc_date, clauses=True)
    assert p[0].text == "February"
    text = "In January broad money growth slowed to 0.7 pct from December's 1.5 pct"
    p = _assign(_slots(text, "0.7 pct", "1.5 pct", compared=("1.5 pct",)), text, doc_date, clauses=True)
    assert (p[0].text, p[1].text) == ("In January", "December")
    # "and is scheduled to release February orders": another clause's period
    text = "January durable goods orders fell 7.5 pct and is scheduled to release February orders"
    p = _assign(_slots(text, "7.5 pct"), text, doc_date, clauses=True)
    assert p[0].text == "January"


@pytest.mark.parametrize("text,doc_date,start,end", [
    ("Soviet industrial output from January to March grew by 2.5 pct", D(1987, 4, 24), D(1987, 1, 1), D(1987, 3, 31)),
    ("sugar exports between October 1 and February 28 rose", D(1987, 3, 24), D(1986, 10, 1), D(1987, 2, 28)),
    ("it bought the shares between Dec 18 and Feb 20 at", D(1987, 3, 3), D(1986, 12, 18), D(1987, 2, 20)),
    ("the quota runs from May 1, 1986 until April 30, 1987, covering", D(1987, 3, 24), D(1986, 5, 1), D(1987, 4, 30)),
    ("exports between July 1986 and February this year were", D(1987, 3, 24), D(1986, 7, 1), D(1987, 2, 28)),
    ("imports between April and June this year may reach", D(1987, 3, 12), D(1987, 4, 1), D(1987, 6, 30)),
    # no year written: the span nearest the publication date, a coming one too
    ("a ceiling of 16.6 mln bpd from July to December", D(1987, 6, 29), D(1987, 7, 1), D(1987, 12, 31)),
    ("labour unrest hit 3,300 companies between July and September", D(1987, 10, 19), D(1987, 7, 1),
     D(1987, 9, 30)),
])
def test_a_span_from_one_month_to_another_is_the_days_between(text, doc_date, start, end):
    pm = _one(text, doc_date)
    assert (pm.period.start, pm.period.end, pm.period.point) == (start, end, False)


def test_figures_moving_from_one_month_to_another_keep_their_own_months():
    text = "Unemployment rose from 5.1 pct in January to 5.4 pct in February"
    p = _assign(_slots(text, "5.1 pct", "5.4 pct"), text, D(1987, 4, 2), clauses=True)
    assert (p[0].text, p[1].text) == ("in January", "in February")


def test_a_period_after_than_or_up_from_is_the_compared_figure_s():
    doc_date = D(1987, 4, 17)
    # "January's" names the 1.1 pct only: the 0.3 pct keeps the sentence's default
    text = "Retail energy prices rose by 0.3 pct, less than January's 1.1 pct increase."
    p = _assign(_slots(text, "0.3 pct", "1.1 pct"), text, doc_date, clauses=True)
    assert p[0].implied and p[1].text == "January"
    text = "Producer prices rose 0.4 pct, up from December's 0.2 pct rise, the department said."
    p = _assign(_slots(text, "0.4 pct", "0.2 pct", compared=("0.2 pct",)), text, doc_date, clauses=True)
    assert p[0].implied and p[1].text == "December"
    # a possessive before a figure is its own, before a period written after it
    text = "The February increase was less than January's 0.4 pct increase but above the 1986 average."
    assert _assign(_slots(text, "0.4 pct"), text, doc_date, clauses=True)[0].text == "January"


def test_a_compared_period_names_the_figure_it_goes_on_to():
    doc_date = D(1987, 3, 25)
    text = "Production is forecast at 2.3 mln tonnes, 41.5 pct below the 1985/86 record of 4.1 mln tonnes."
    p = _assign(_slots(text, "2.3 mln tonnes", "41.5 pct", "4.1 mln tonnes"), text, doc_date, clauses=True)
    assert (p[0].implied, p[1].implied, p[2].text) == (True, True, "1985/86")
    # "compared with April" is no period of the figure after it
    text = "Producer prices rose 0.1 pct in May compared with April to stand 2.9 pct lower than in May last year."
    p = _assign(_slots(text, "0.1 pct", "2.9 pct"), text, D(1987, 6, 19), clauses=True)
    assert (p[0].text, p[1].text) == ("in May", "in May")
    # a figure in other units after "or" is the same time's
    text = "Income rose to 214 mln dlrs compared with 1985's profit of 177 mln or 2.75 dlrs per share."
    p = _assign(_slots(text, "214 mln dlrs", "177 mln", "2.75 dlrs"), text, D(1987, 3, 3), clauses=True)
    assert (p[1].text, p[2].text) == ("1985", "1985")


def test_a_weekday_or_yesterday_dates_the_figure_next_to_it_only():
    doc_date = D(1987, 3, 4)           # a Wednesday
    text = "Federal funds, which averaged a high 6.35 pct on Monday, opened at 6-7/16 pct."
    p = _assign(_slots(text, "6.35 pct", "6-7/16 pct"), text, doc_date, clauses=True)
    assert (p[0].start, p[0].point, p[0].implied) == (D(1987, 3, 2), True, False) and p[1].implied
    text = "A cargo of Dubai traded yesterday at 16.50 dlrs a barrel."
    assert _assign(_slots(text, "16.50 dlrs"), text, doc_date, clauses=True)[0].start == D(1987, 3, 3)
    # the day something was said, planned or compared with dates no figure
    for text, figure in [("The Fed said on Tuesday that M-1 rose 2.1 billion dlrs.", "2.1 billion dlrs"),
                         ("The Treasury will sell 9.6 billion dlrs of bills on Monday.", "9.6 billion dlrs"),
                         ("Eurodollars rose 1/16 pct from yesterday to around 6-11/16 pct.", "6-11/16 pct")]:
        assert _assign(_slots(text, figure), text, doc_date, clauses=True)[0].implied, text


def test_a_period_of_an_after_clause_is_the_earlier_figure_s_alone():
    doc_date = D(1987, 4, 2)
    text = "Reserves rose by 1.2 billion dlrs, after rising 300 mln in February, to 22.1 billion."
    p = _assign(_slots(text, "1.2 billion dlrs", "300 mln", "22.1 billion"), text, doc_date, clauses=True)
    assert (p[0].implied, p[1].text, p[2].implied) == (True, "in February", True)
    text = "M-1 rose 2.5 pct following a 1.1 pct fall in December."
    p = _assign(_slots(text, "2.5 pct", "1.1 pct"), text, doc_date, clauses=True)
    assert (p[0].implied, p[1].text) == (True, "in December")
    # an earlier figure with no period of its own is the one before, which a month does not say
    text = "Repayments were 240 mln dlrs last month after the previous 16 mln."
    assert _assign(_slots(text, "240 mln dlrs", "16 mln"), text, doc_date, clauses=True)[1] is None
    # the comparison after the clause is the main figure's
    text = "The index was 109.8 in January after December's 109.4 and compared with 108.2 a year earlier."
    p = _assign(_slots(text, "109.8", "109.4", "108.2", compared=("108.2",)), text, doc_date, clauses=True)
    assert [(x.start, x.end) for x in p] == [(D(1987, 1, 1), D(1987, 1, 31)), (D(1986, 12, 1), D(1986, 12, 31)),
                                             (D(1986, 1, 1), D(1986, 1, 31))]
    # no figure of the sentence's own time, or a time taken: no clause about an earlier one
    text = "The offer ended on March 17 after receiving 54 pct of the shares."
    assert _assign(_slots(text, "54 pct"), text, doc_date, clauses=True)[0].text == "March 17"


def test_a_period_of_an_after_clause_is_not_carried():
    from factlint.extract.periods import carryable
    text = "Reserves rose by 1.2 billion dlrs, after rising 300 mln in February, to 22.1 billion."
    assert not any(carryable(pm, text, 0) for pm in find_periods(text, 0, len(text), D(1987, 4, 2)))
    text = "Output rose 3 pct in March after the strike."
    assert all(carryable(pm, text, 0) for pm in find_periods(text, 0, len(text), D(1987, 4, 2)))


def test_a_month_end_without_year_in_a_sentence_about_what_is_to_come_is_the_coming_one():
    doc_date = D(1987, 3, 25)

    def end_of(text):
        found = [pm for pm in find_periods(text, 0, len(text), doc_date) if pm.period is not None]
        return found[0].period.end, found[0].future

    assert end_of("Traders had expected the subsidy for licences to end-Aug to be more than 45 Ecus.") == \
        (D(1987, 8, 31), True)
    assert end_of("The measure will be effective until the end of July.") == (D(1987, 7, 31), True)
    # a span that just ended, or no word of what is to come: the latest such month
    assert end_of("Money supply is expected to show a rise of 51.9 pct in the year to end-April.")[0] == D(1986, 4, 30)
    assert end_of("The dollar moved sharply lower until the end of July.")[0] == D(1986, 7, 31)


def test_an_after_clause_may_name_its_month_before_its_figure():
    text = "Inventories were down slightly in February to 320.4 billion dlrs after rising in January by 0.8 pct."
    p = _assign(_slots(text, "320.4 billion dlrs", "0.8 pct"), text, D(1987, 3, 31), clauses=True)
    assert (p[0].text, p[1].text) == ("in February", "in January")
