import datetime as dt

from tests.compare.claimkit import as_of, implied, unresolved, year

from factlint.compare.periods import bucket, same_time, visitor_buckets
from factlint.models import Period


def test_same_calendar_year_written_two_ways_is_the_same_time():
    last_year = year(2021, "last year")
    in_2021 = year(2021, "in 2021")
    assert same_time(last_year, in_2021)


def test_a_stock_as_of_year_end_matches_the_year_it_ends():
    # A: "over 50,000 5G stations as of 2021"; C: "51,000 as of the end of 2021".
    end_2021 = as_of(dt.date(2021, 12, 31), "as of the end of 2021")
    assert same_time(year(2021, "as of 2021"), end_2021)
    assert same_time(end_2021, as_of(dt.date(2021, 12, 31), "by the end of last year"))


def test_a_day_matches_only_that_day_but_a_month_end_stands_for_its_month():
    # the Treasury's balance on Feb 25 and on Feb 27, a tender of March 2 and of March 9
    assert not same_time(as_of(dt.date(1987, 2, 25)), as_of(dt.date(1987, 2, 27)))
    assert not same_time(as_of(dt.date(1987, 3, 2)), as_of(dt.date(1987, 3, 9)))
    assert same_time(as_of(dt.date(1987, 3, 9)), as_of(dt.date(1987, 3, 9)))
    # ...and a day's figure is no month's
    feb = Period(start=dt.date(1987, 2, 1), end=dt.date(1987, 2, 28), text="in February")
    assert not same_time(as_of(dt.date(1987, 2, 27)), feb)
    # "as of June" and "at the end of June", or "as of 2021" and "in 2021", still meet
    assert same_time(as_of(dt.date(2022, 6, 30), "as of June"), as_of(dt.date(2022, 6, 30), "at end-June"))
    assert same_time(as_of(dt.date(2021, 12, 31), "as of 2021"), year(2021))


def test_different_spans_are_different_times():
    q1_q3 = Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 9, 30), text="first three quarters of 2021")
    assert not same_time(q1_q3, year(2021))
    assert not same_time(year(2020), year(2021))
    assert not same_time(as_of(dt.date(2022, 6, 30)), as_of(dt.date(2021, 12, 31)))


def test_undated_claim_is_about_data_published_in_the_months_before():
    # C, published 2022-01-24, writes "30 percent" with no period: that is 2021's figure.
    c = implied(dt.date(2022, 1, 24))
    assert same_time(c, year(2021, "last year"))
    assert same_time(year(2021), c)
    # ...but not about 2019, nor about a year that has not ended yet.
    assert not same_time(c, year(2019))
    assert not same_time(c, year(2022))


def test_two_undated_claims_match_only_when_published_the_same_day():
    # Two stories of 1987-03-11 restating the EIA's weekly figures describe the same week...
    assert same_time(implied(dt.date(1987, 3, 11)), implied(dt.date(1987, 3, 11)))
    # ...but the next weekly report (or a daily money-market forecast a day later) has new ones.
    assert not same_time(implied(dt.date(1987, 3, 4)), implied(dt.date(1987, 3, 11)))
    assert not same_time(implied(dt.date(1987, 3, 19)), implied(dt.date(1987, 3, 20)))
    assert not same_time(implied(dt.date(2022, 1, 24)), implied(dt.date(2022, 12, 22)))


def test_undated_claim_matches_only_a_year_just_ended():
    april_3 = implied(dt.date(1987, 4, 3))
    day = lambda d: Period(start=d, end=d, text="March 2")  # noqa: E731
    month = lambda y, m, end: Period(start=dt.date(y, m, 1), end=dt.date(y, m, end), text="in January")  # noqa: E731
    # a tender held on March 2 is not what an undated tender story of April 3 is about
    assert not same_time(april_3, day(dt.date(1987, 3, 2)))
    assert same_time(april_3, day(dt.date(1987, 4, 3)))
    # an undated monthly figure may be the latest month's or the one before (Japan's January
    # employment, published undated on March 2): no month is matched
    assert not same_time(implied(dt.date(1987, 2, 20)), month(1987, 1, 31))
    assert not same_time(implied(dt.date(1987, 3, 2)), month(1987, 2, 28))
    # a year's figure is stated undated in the weeks after it ends; later in the year an
    # undated figure is today's (a price, a stock, an event)
    assert same_time(implied(dt.date(2022, 2, 10)), year(2021))
    assert not same_time(implied(dt.date(2022, 2, 20)), year(2021))
    assert not same_time(implied(dt.date(2022, 12, 9)), year(2021))
    fiscal = Period(start=dt.date(2021, 4, 1), end=dt.date(2022, 3, 31), text="fiscal 2021")
    assert same_time(implied(dt.date(2022, 4, 20)), fiscal)
    first_quarter = Period(start=dt.date(1987, 1, 1), end=dt.date(1987, 3, 31), text="first quarter")
    assert not same_time(implied(dt.date(1987, 4, 20)), first_quarter)


def test_undated_claim_never_matches_a_story_s_own_cut_or_another_day():
    april_9 = implied(dt.date(1987, 4, 9))
    # Comair's "year to date" (January 1 to March 9) is that story's span, not a month's
    assert not same_time(april_9, Period(start=dt.date(1987, 1, 1), end=dt.date(1987, 3, 9), text="year to date"))
    assert not same_time(implied(dt.date(1987, 3, 13)),
                         Period(start=dt.date(1987, 1, 1), end=dt.date(1987, 3, 4), text="Year-to-date"))  # 9 weeks
    # nor a week's or a quarter's: the latest or the one before
    assert not same_time(april_9, Period(start=dt.date(1987, 3, 30), end=dt.date(1987, 4, 5), text="week ended April 5"))
    assert not same_time(april_9, Period(start=dt.date(1987, 1, 1), end=dt.date(1987, 3, 31), text="first quarter"))
    # "on March 24" names a day: an undated figure of April 3 is not about it...
    march_24 = Period(start=dt.date(1987, 3, 24), end=dt.date(1987, 3, 24), text="March 24", point=True)
    assert not same_time(implied(dt.date(1987, 4, 3)), march_24)
    assert same_time(implied(dt.date(1987, 3, 24)), march_24)
    # ...while "as of the end of 2021" stands for a stock the next year's stories restate
    end_2021 = Period(start=dt.date(2021, 12, 31), end=dt.date(2021, 12, 31), text="as of the end of 2021", point=True)
    assert same_time(implied(dt.date(2022, 1, 24)), end_2021)
    # a month's last day written as a day is a daily figure too (a Treasury cash balance)
    march_31 = Period(start=dt.date(1987, 3, 31), end=dt.date(1987, 3, 31), text="March 31", point=True)
    assert not same_time(implied(dt.date(1987, 4, 13)), march_31)
    as_of_june = Period(start=dt.date(2022, 6, 30), end=dt.date(2022, 6, 30), text="As of June", point=True)
    assert same_time(implied(dt.date(2022, 7, 20)), as_of_june)


def test_unresolved_periods_never_meet_dated_ones():
    currently = unresolved("currently")
    assert not same_time(currently, year(2022))
    assert not same_time(currently, implied(dt.date(2022, 12, 22)))
    assert same_time(currently, unresolved("Currently"))
    assert not same_time(currently, unresolved("last year"))


def test_a_story_s_own_month_is_compared_only_within_that_story():
    month = unresolved("For the month")
    assert bucket(month, "a.md") != bucket(unresolved("for the month"), "b.md")
    assert bucket(month, "a.md") == bucket(unresolved("for the month"), "a.md")
    assert bucket(unresolved("currently"), "a.md") == bucket(unresolved("currently"), "b.md")


def test_claims_without_any_period_compare_only_among_themselves():
    assert same_time(None, None)
    assert not same_time(None, year(2021))


def test_buckets_let_implied_periods_visit_the_previous_year():
    assert bucket(year(2021), "a.txt") == ("year", 2021)
    assert bucket(unresolved("currently"), "e.txt") == ("unresolved", "currently")
    assert bucket(None, "e.txt") == ("none", "e.txt")
    assert visitor_buckets(implied(dt.date(2022, 1, 24))) == (("year", 2021),)
    assert visitor_buckets(implied(dt.date(2022, 6, 1))) == ()
    assert visitor_buckets(year(2021)) == ()
