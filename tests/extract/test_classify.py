import pytest

from factlint.extract.classify import classify, find_ranks, forecast_after, is_target, rate_after


def _kind(sentence, quantity, dimension="percent", rate=False, target_period=False):
    start = sentence.index(quantity)
    end = start + len(quantity)
    target = is_target(sentence, 0, start, target_period)
    return classify(sentence, 0, len(sentence), start, end, dimension, rate, target)


@pytest.mark.parametrize("sentence,quantity,dimension,kind", [
    ("Added value came to 412 billion yuan last year, accounting for 27.1% of the city's GDP.", "27.1%", "percent", "share"),
    ("The sector accounted for 38.2 percent of GDP in 2020.", "38.2 percent", "percent", "share"),
    ("Small firms account for more than 90 percent of market entities.", "more than 90 percent", "percent", "share"),
    ("Core industries made up 22 percent of the province's output.", "22 percent", "percent", "share"),
    ("The number of new firms increased by over 60 percent year on year.", "over 60 percent", "percent", "change"),
    ("Data output hit 5.1ZB, a year-on-year increase of 18.2 percent.", "18.2 percent", "percent", "change"),
    ("Exports were up 5 pct in January.", "5 pct", "percent", "change"),
    ("Retail sales rose 3.2 pct to 410 billion dlrs.", "3.2 pct", "percent", "change"),
    ("Retail sales rose 3.2 pct to 410 billion dlrs.", "410 billion dlrs", "currency", "level"),
    ("Inco firmed 1/8 to 21-7/8 among the actives.", "1/8", "count", "change"),
    ("In electricals, Siemens shed 12.50 marks to 716.50.", "12.50 marks", "currency", "change"),
    ("The rate rose to 7.5 pct from 7.25 pct.", "7.5 pct", "percent", "level"),
    ("The share edged up 0.4 percentage points.", "0.4 percentage points", "pp", "change"),
    ("The city had 24,000 base stations at the end of 2020.", "24,000", "count", "level"),
    ("The interest rate was 6.5 pct.", "6.5 pct", "percent", "level"),
    ("The penetration rate of broadband reached 68.4 percent.", "68.4 percent", "percent", "share"),
    # the change noun, then what changed, then the figure
    ("It followed a December increase in durables orders of 1.5 pct.", "1.5 pct", "percent", "change"),
    ("The budget foresaw GDP growth in 1987 of three pct.", "three pct", "percent", "change"),
    ("The bank cut its holdings in bonds of all kinds to 5 pct.", "5 pct", "percent", "level"),
])
def test_kinds(sentence, quantity, dimension, kind):
    assert _kind(sentence, quantity, dimension) == kind


def test_rate_base_makes_a_rate():
    s = "That is 21.6 stations per 10,000 people."
    assert _kind(s, "21.6", "count", rate=True) == "rate"
    assert rate_after(s, s.index("21.6") + 4, len(s)) == (10000.0, "people")
    s2 = "There were 25.1 stations for every 10,000 residents."
    assert rate_after(s2, s2.index("25.1") + 4, len(s2)) == (10000.0, "residents")
    assert rate_after("It has 3 doctors and a nurse per ward.", 9, 38) is None


@pytest.mark.parametrize("sentence,quantity", [
    ("The company aims to train 50,000 engineers by 2030.", "50,000"),
    ("The province plans to build 20,000 more stations.", "20,000"),
    ("Output is expected to grow 6 pct next year.", "6 pct"),
    ("Nippon Steel will cut output to 35,000 tonnes a month.", "35,000 tonnes"),
    # what would, could or should be is no figure that is
    ("Without the addition, net income would have been 263.3 mln dlrs.", "263.3 mln dlrs"),
    ("Fendt said the trade surplus should reach one billion dlrs in each of the last six months.", "one billion dlrs"),
    ("The analyst said the bid could be raised by two dlrs a share.", "two dlrs"),
])
def test_targets_and_forecasts(sentence, quantity):
    assert _kind(sentence, quantity, "count") == "target"


def _forecast_after(sentence, quantity, exact_count=False):
    start = sentence.index(quantity)
    return forecast_after(sentence, start, start + len(quantity), len(sentence), exact_count)


@pytest.mark.parametrize("sentence,quantity", [
    ("Dealers said a cut in base rates to 9-1/2 pct was bound to occur within days.", "9-1/2 pct"),
    ("A deficit of some 800 mln dlrs was expected by one securities house.", "some 800 mln dlrs"),
    ("Six bond tenders of 250 mln dlrs each are planned for the year.", "250 mln dlrs"),
    ("Pretax profits of 1.35 billion stg had been forecast by analysts.", "1.35 billion stg"),
    ("Some 30 billion marks is likely to leave the money market this month.", "Some 30 billion marks"),
])
def test_a_forecast_after_the_figure(sentence, quantity):
    assert _forecast_after(sentence, quantity)


@pytest.mark.parametrize("sentence,quantity", [
    # a past result, then a new clause about the future
    ("Output fell 0.7 pct in January and is forecast to rise in February.", "0.7 pct"),
    ("Exports rose 5 pct, the ministry said, and it expected further gains.", "5 pct"),
    ("Sales rose 8 pct, more than was expected.", "8 pct"),
    ("Funds traded at 5-15/16 pct late on Friday and are expected to open there.", "5-15/16 pct"),
    # where a forecast starts, and a known thing
    ("Inflation of 5 pct is expected to slow this year.", "5 pct"),
    ("Its 900 mln dlrs debt is likely to be rescheduled.", "900 mln dlrs"),
    ("Sales from the original 360,000 tonne buffer stock are expected to resume.", "360,000 tonne"),
])
def test_no_forecast_after_the_figure(sentence, quantity):
    assert not _forecast_after(sentence, quantity)


def test_an_exact_count_names_a_group_rather_than_forecasts_one():
    assert not _forecast_after("Five Thai commercial banks are expected to meet.", "Five Thai commercial banks", True)


def test_a_future_period_alone_makes_a_target():
    s = "Broadband will reach 95 percent of villages by 2026."
    assert _kind(s, "95 percent", target_period=True) == "target"


@pytest.mark.parametrize("sentence,quantity", [
    ("The drop was smaller than expected after exports rallied to 2.5 mln bpd.", "2.5 mln bpd"),
    ("Nippon, which has capacity of 63,000 tonnes, will continue production.", "63,000 tonnes"),
    ("Profits rose 12 pct in 2021, as planned.", "12 pct"),
])
def test_not_targets(sentence, quantity):
    assert _kind(sentence, quantity, "count") != "target"


def test_rank_mentions():
    s = ("Reports rank Shenzhen first in the information index, and a study placed Beijing and "
         "Shenzhen among the top five cities. Data output hit 4ZB, ranking second in the world.")
    ranks = [(r.text, r.value, r.low, r.high) for r in find_ranks(s, 0, len(s))]
    assert ranks == [("first", 1.0, 1.0, 1.0), ("among the top five", 5.0, 1.0, 5.0), ("second", 2.0, 2.0, 2.0)]
    assert find_ranks("He was first elected in 2010 and came second-hand.", 0, 50) == []
    assert find_ranks("the Forbes list of the top 100 digital companies", 0, 48) == []
