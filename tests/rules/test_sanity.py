from tests.compare.claimkit import check, file_result, make_claim


def test_impossible_values_are_errors_and_possible_ones_are_not():
    claims = [
        make_claim("756 percent", 756, "percent", kind="share", entity="China", metric="internet users share of "
                   "population", line=1),
        make_claim("more than 99 percent", 99, "percent", kind="share", qualifier="over", entity="China",
                   metric="MSMEs share of market entities", line=2),
        make_claim("-120 percent", -120, "percent", kind="change", entity="Acme", metric="net profit", line=3),
        make_claim("-35 percent", -35, "percent", kind="change", entity="Acme", metric="revenue", line=4),
        make_claim("-3,000", -3000, entity="Acme", metric="employees", line=5),
        make_claim("-3,000 dlrs", -3000, "USD", entity="Acme", metric="net income", line=6),
    ]
    result = check([file_result("a.txt", claims)], select=["FL6"])
    assert [(f.line, f.message) for f in result.findings] == [
        (1, "756 percent: a share cannot exceed 100%"),
        (3, "-120 percent: a change cannot be below -100%"),
        (5, "-3,000: a count cannot be negative"),
    ]
