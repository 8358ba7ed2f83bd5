import datetime as dt

from tests.compare.claimkit import check, file_result, make_claim, year

SHARE = "digital economy share of GDP"


def test_percent_against_percentage_points_for_the_same_change():
    white_paper = make_claim("1.7 percentage points", 1.7, "pp", kind="change", entity="China", metric=SHARE,
                             path="white-paper.md", period=year(2022))
    feature = make_claim("1.7 percent", 1.7, "percent", kind="change", entity="China", metric=SHARE,
                         path="shenzhen-feature.md", period=year(2022))
    files = [file_result("white-paper.md", [white_paper], dt.date(2023, 4, 28)),
             file_result("shenzhen-feature.md", [feature], dt.date(2023, 5, 16))]
    result = check(files, select=["FL2"])
    assert [(f.rule, f.path, f.outcome) for f in result.findings] == [("FL201", "shenzhen-feature.md", "unit-mismatch")]
    assert "percent (change)" in result.findings[0].message
    assert "percentage points (change)" in result.findings[0].message


def test_a_cut_in_points_and_the_rate_it_leads_to_are_two_figures():
    # "cut its lending rate by 1.5 percentage points to 22.5 pct", told in two stories
    cut = make_claim("1.5 percentage points", 1.5, "pp", kind="target", entity="Westpac", metric="lending rate",
                     path="a.md", period=year(1987))
    rate = make_claim("22.5 pct", 22.5, "percent", kind="target", entity="Westpac", metric="lending rate",
                      path="b.md", period=year(1987))
    files = [file_result("a.md", [cut], dt.date(1987, 4, 2)), file_result("b.md", [rate], dt.date(1987, 4, 3))]
    assert check(files, select=["FL201"]).findings == []


def test_bytes_against_yuan_and_a_share_against_a_level():
    zb = make_claim("6.6ZB", 6.6, "ZB", entity="China", metric="data output", path="b.txt")
    yuan = make_claim("6.6 trillion yuan", 6.6e12, "CNY", entity="China", metric="data output", path="x.txt")
    assert [f.rule for f in check([file_result("b.txt", [zb]), file_result("x.txt", [yuan])],
                                  select=["FL201"]).findings] == ["FL201"]
    share = make_claim("39.8 percent", 39.8, "percent", kind="share", entity="China", metric=SHARE, path="b.txt")
    level = make_claim("39.8 trillion yuan", 39.8e12, "CNY", entity="China", metric=SHARE, path="y.txt")
    assert [f.rule for f in check([file_result("b.txt", [share]), file_result("y.txt", [level])],
                                  select=["FL201"]).findings] == ["FL201"]


def test_two_measures_of_one_thing_are_not_a_mismatch():
    # A level in yuan and a share of GDP are different metrics once the extractor names the share.
    level = make_claim("45.5 trillion yuan", 45.5e12, "CNY", entity="China", metric="digital economy", path="b.txt")
    share = make_claim("39.8 percent", 39.8, "percent", kind="share", entity="China", metric=SHARE, path="b.txt",
                       line=2)
    # A level and its growth rate: the same metric, different kinds.
    growth = make_claim("16.2 percent", 16.2, "percent", kind="change", entity="China", metric="digital economy",
                        path="c.txt")
    same_unit = make_claim("45.5 trillion yuan", 45.5e12, "CNY", entity="China", metric="digital economy",
                           path="d.txt")
    files = [file_result("b.txt", [level, share]), file_result("c.txt", [growth]), file_result("d.txt", [same_unit])]
    assert check(files, select=["FL201"]).findings == []


def test_different_figures_in_different_kinds_of_amount_are_two_measures_not_a_wrong_unit():
    # "a buffer stock of 100,000 tonnes" and "a 250 mln dlr buffer stock": what it holds and
    # what it costs; "more than one-third of the deficit" and "the 169 billion dlr deficit"
    tonnes = make_claim("100,000 tonnes", 1e8, "kg", entity="ITC", metric="buffer stock", path="a.md")
    dollars = make_claim("250 mln dlrs", 2.5e8, "USD", entity="ITC", metric="buffer stock", path="b.md")
    assert check([file_result("a.md", [tonnes]), file_result("b.md", [dollars])], select=["FL201"]).findings == []
    share = make_claim("more than one-third", 100 / 3, "percent", kind="share", entity="United States",
                       metric="trade deficit", path="c.md")
    level = make_claim("169 billion dlrs", 1.69e11, "USD", entity="United States", metric="trade deficit",
                       path="d.md")
    assert check([file_result("c.md", [share]), file_result("d.md", [level])], select=["FL201"]).findings == []
