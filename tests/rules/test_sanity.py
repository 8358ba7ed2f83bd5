from tests.compare.claimkit import check, file_result, make_claim


def test_impossible_values_are_errors_and_possible_ones_are_not():
    claims = [
        make_claim("756 percent", 756, "percent", kind="share", entity="China", metric="internet users share of "
                   "population", line=1),
        make_claim("more than 99 percent", 99, "percent", kind="share", qualifier="over", entity="China",
                   metric="MSMEs share of market entities", line=2),
        make_claim("-120 percent", -120, "percent", kind="change", entity="Acme", metric="net profit", line=3),
        make_claim("-35 percent", -35, "percent", kind="change", entity="Acme", metric="revenue", line=4),
        make_claim("-3,000 employees", -3000, entity="Acme", metric="employees", counted="employees", line=5),
        make_claim("-3,000 dlrs", -3000, "USD", entity="Acme", metric="net income", line=6),
    ]
    result = check([file_result("a.txt", claims)], select=["FL6"])
    assert [(f.line, f.message) for f in result.findings] == [
        (1, "756 percent: a share cannot exceed 100%"),
        (3, "-120 percent: a change cannot be below -100%"),
        (5, "-3,000 employees: a count cannot be negative"),
    ]


def test_a_negative_figure_is_impossible_only_as_a_count_of_things():
    claims = [
        # balance-of-payments rows and lists of points: the unit is unknown, not "things"
        make_claim("-7.1", -7.1, entity="Switzerland", metric="goods", line=1),
        make_claim("minus 5.7", -5.7, entity="Italy", metric="cereals MCA", line=2),
        # temperatures and points are signed measures
        make_claim("minus 20 degrees", -20, entity="Poland", metric="ground temperature", counted="degrees C",
                   line=3),
        make_claim("minus two points", -2, entity="Denmark", metric="cereals MCA", counted="points", line=4),
        make_claim("-40 stations", -40, counted="5G base stations", line=5),
    ]
    result = check([file_result("a.txt", claims)], select=["FL601"])
    assert [f.line for f in result.findings] == [5]


def test_a_share_above_100_is_impossible_only_as_a_part_of_a_whole():
    claims = [
        make_claim("111.981 pct", 111.981, "percent", kind="share", entity="Acme",
                   metric="indenture price pursuant optional redemption provision share of par", line=1),
        make_claim("105 pct", 105, "percent", kind="share", entity="Manufacturers Hanover",
                   metric="aggregate exposure share of equity", line=2),
        make_claim("129 pct", 129, "percent", kind="share", entity="Belgium", metric="public debt share of GDP",
                   line=3),
        make_claim("101 pct", 101, "percent", kind="share", entity="United States", metric="marketing", line=4),
        make_claim("104 percent", 104, "percent", kind="share", entity="China",
                   metric="MSMEs share of market entities", line=5),
        make_claim("102 percent", 102, "percent", kind="share", entity="Shenzhen",
                   metric="core digital economy industries added value share of GDP", line=6),
    ]
    result = check([file_result("a.txt", claims)], select=["FL601"])
    assert [f.line for f in result.findings] == [5, 6]
