import datetime as dt

from tests.compare.claimkit import as_of, check, file_result, implied, make_claim, year

SHARE = "core digital economy industries added value share of GDP"


def seed_shares(c_text="30 percent", c_value=30.0):
    a = make_claim("30.5%", 30.5, "percent", kind="share", metric=SHARE, path="shenzhen-daily.txt", line=7,
                   column=40, period=year(2021, "last year"), source=None)
    c = make_claim(c_text, c_value, "percent", kind="share", metric="added value of core digital economy "
                   "industries share of GDP", path="now-shenzhen.txt", line=5, column=12,
                   period=implied(dt.date(2022, 1, 24)),
                   source="Shenzhen Municipal Industry and Information Technology Bureau")
    return [file_result("shenzhen-daily.txt", [a], dt.date(2022, 12, 9)),
            file_result("now-shenzhen.txt", [c], dt.date(2022, 1, 24))]


def test_judgement_1_thirty_and_thirty_point_five_agree_only_if_rounded():
    result = check(seed_shares(), select=["FL1"])
    assert [f.rule for f in result.findings] == ["FL102"]
    f = result.findings[0]
    assert f.severity == "warning"
    assert f.outcome == "rounding"
    # The finding sits on the later article (A) and links C, with its source.
    assert (f.path, f.line, f.column) == ("shenzhen-daily.txt", 7, 40)
    assert [(r.path, r.line) for r in f.related] == [("now-shenzhen.txt", 5)]
    assert "Shenzhen Municipal Industry" in f.related[0].note
    assert f.subject == "Shenzhen · " + SHARE + " · 2021"
    assert f.message == (f"Shenzhen · {SHARE} · 2021: 30.5% (shenzhen-daily.txt:7) and 30 percent "
                         "(now-shenzhen.txt:5) agree only if 30 is a rounded figure")
    assert {c.path for c in f.claims} == {"shenzhen-daily.txt", "now-shenzhen.txt"}


def test_a_rounded_restatement_less_than_one_percent_off_is_no_rounding_finding():
    def results(value_a, text_a, value_b, text_b):
        a = make_claim(text_a, value_a, entity="Clothestime", metric="net income", path="brief.txt",
                       period=year(1986, "year"))
        b = make_claim(text_b, value_b, entity="Clothestime", metric="net income", path="table.txt",
                       period=year(1986, "12 mths"))
        return [file_result("brief.txt", [a], dt.date(1987, 3, 17)), file_result("table.txt", [b], dt.date(1987, 3, 17))]

    # 11.9 mln is 11,908,000 rounded for the brief (0.07% apart): nothing to report
    assert check(results(11.9e6, "11.9 mln", 11_908_000, "11,908,000"), select=["FL1"]).findings == []
    # 2.5 mln for 2,465,996 is 1.4% off: still worth a look, as 30 percent against 30.5% (1.6%)
    found = check(results(2.5e6, "2.5 mln", 2_465_996, "2,465,996"), select=["FL1"]).findings
    assert [f.rule for f in found] == ["FL102"]


def test_a_real_disagreement_is_an_error_and_agreement_is_silent():
    result = check(seed_shares("32 percent", 32.0), select=["FL1"])
    assert [(f.rule, f.severity, f.outcome) for f in result.findings] == [("FL101", "error", "disagree")]
    assert check(seed_shares("30.5 percent", 30.5), select=["FL1"]).findings == []


def test_judgement_2_over_50000_and_51000_agree_but_nearly_50000_does_not():
    def stations(a_text, a_value, qualifier):
        a = make_claim(a_text, a_value, qualifier=qualifier, path="a.txt", period=year(2021, "as of 2021"))
        c = make_claim("51,000", 51000, path="c.txt", period=as_of(dt.date(2021, 12, 31), "as of the end of 2021"))
        return [file_result("a.txt", [a], dt.date(2022, 12, 9)), file_result("c.txt", [c], dt.date(2022, 1, 24))]

    assert check(stations("over 50,000", 50000, "over"), select=["FL1"]).findings == []
    assert [f.rule for f in check(stations("nearly 50,000", 50000, "nearly"), select=["FL1"]).findings] == ["FL101"]
    assert [f.rule for f in check(stations("50,000", 50000, None), select=["FL1"]).findings] == ["FL101"]


def test_currencies_are_compared_through_each_claims_rate():
    # China's digital economy in 2021: 45.5 trillion yuan; in dollars at 2021's average (6.45) ~7.05 trillion.
    yuan = make_claim("45.5 trillion yuan", 45.5e12, "CNY", entity="China", metric="digital economy",
                      path="b.txt")
    right = make_claim("US$7.05 trillion", 7.05e12, "USD", entity="China", metric="digital economy", path="x.txt")
    wrong = make_claim("US$6.1 trillion", 6.1e12, "USD", entity="China", metric="digital economy", path="y.txt")
    files = [file_result("b.txt", [yuan], dt.date(2022, 12, 22)), file_result("x.txt", [right], dt.date(2023, 1, 5))]
    assert check(files, select=["FL101"]).findings == []
    files[1] = file_result("y.txt", [wrong], dt.date(2023, 1, 5))
    result = check(files, select=["FL101"])
    assert [f.rule for f in result.findings] == ["FL101"]
    assert "US$6.1 trillion" in result.findings[0].message


def test_tolerance_option_from_the_configuration(tmp_path):
    from factlint.config import load_config

    (tmp_path / "factlint.yaml").write_text("options:\n  FL101: {tolerance: 0.05}\n")
    config = load_config([tmp_path])
    a = make_claim("51,000", 51000, path="a.txt")
    b = make_claim("52,000", 52000, path="b.txt")
    files = [file_result("a.txt", [a]), file_result("b.txt", [b])]
    assert [f.rule for f in check(files, select=["FL101"]).findings] == ["FL101"]
    assert check(files, config=config, select=["FL101"]).findings == []


def test_fingerprint_survives_a_line_move_but_not_a_changed_value():
    before = check(seed_shares(), select=["FL1"]).findings[0]
    moved = seed_shares()
    moved[0].claims[0] = moved[0].claims[0].model_copy(update={"line": 30, "offset": 3000})
    assert check(moved, select=["FL1"]).findings[0].fingerprint == before.fingerprint
    changed = check(seed_shares("30.4 percent", 30.4), select=["FL1"])
    assert changed.findings and changed.findings[0].fingerprint != before.fingerprint


def drift_articles(values):
    """Four articles on Shenzhen's 5G base stations at the end of 2021, in publication order."""
    end_2021 = as_of(dt.date(2021, 12, 31), "by the end of 2021")
    files = []
    for n, (text, value) in enumerate(values):
        path = f"article-{n}.txt"
        claim = make_claim(text, value, path=path, period=end_2021,
                           sentence=f"Shenzhen had {text} 5G base stations by the end of 2021 ({n}).")
        files.append(file_result(path, [claim], dt.date(2022, 1, 10 + n)))
    return files


def test_a_four_article_drift_is_reported_with_the_built_in_settings():
    files = drift_articles([("51,000", 51000), ("51,000", 51000), ("50,000", 50000), ("49,000", 49000)])
    result = check(files, select=["FL101"])
    pairs = {tuple(sorted(c.text for c in f.claims)) for f in result.findings}
    assert pairs == {("50,000", "51,000"), ("49,000", "51,000"), ("49,000", "50,000")}
    assert {f.path for f in result.findings} >= {"article-2.txt", "article-3.txt"}


def test_max_values_leaves_out_subjects_with_more_values_than_articles_could_share(tmp_path):
    from factlint.config import load_config

    files = drift_articles([("51,000", 51000), ("48,000", 48000), ("50,000", 50000), ("49,000", 49000),
                            ("46,000", 46000)])
    # Built-in default (max_values: 4): five different figures are taken for five different things.
    assert check(files, select=["FL101"]).findings == []
    for setting in (5, 0):
        (tmp_path / "factlint.yaml").write_text(f"options:\n  FL101: {{max_values: {setting}}}\n")
        assert len(check(files, select=["FL101"], config=load_config([tmp_path], None)).findings) == 10


def test_a_figure_ending_in_000_agrees_with_its_unrounded_self_only_if_rounded():
    from factlint.extract.quantities import scan_quantities

    def claim(text, path, period, **keys):
        q = scan_quantities(text)[0]
        return make_claim(q.text, q.value, low=q.low, high=q.high, path=path, period=period, **keys)

    def files(a, b, date_a, date_b):
        return [file_result("a.txt", [a], date_a), file_result("b.txt", [b], date_b)]

    # "Net profit 319,000" in the brief and "319,344" in the table: 319,000 is the rounded
    # figure (0.1% apart, so not even a rounding finding), not a contradiction
    keys = dict(entity="Life of Indiana", metric="net income")
    q4 = year(1985, "prior")
    assert check(files(claim("319,000", "a.txt", q4, **keys), claim("319,344", "b.txt", q4, **keys),
                       dt.date(1987, 3, 25), dt.date(1987, 3, 25)), select=["FL1"]).findings == []
    # 4,403,000 for 4,403,852 is no rounding (that would be 4,404,000): still a disagreement
    keys = dict(entity="Wtd Industries", metric="average shares outstanding")
    assert [f.rule for f in check(files(claim("4,403,000", "a.txt", q4, **keys),
                                        claim("4,403,852", "b.txt", q4, **keys),
                                        dt.date(1987, 3, 4), dt.date(1987, 3, 4)), select=["FL1"]).findings] == ["FL101"]
    # ...and "50,000" flat against 51,000 stays a disagreement (seed judgement 2)
    found = check(files(claim("50,000 5G base stations", "a.txt", year(2021)),
                        claim("51,000 5G base stations", "b.txt", year(2021)),
                        dt.date(2022, 12, 9), dt.date(2022, 1, 24)), select=["FL1"]).findings
    assert [f.rule for f in found] == ["FL101"]
