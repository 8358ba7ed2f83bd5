import datetime as dt
import time

from tests.compare.claimkit import file_result, implied, make_claim, unresolved, year

from factlint.compare.grouping import build_items, comparison_key, find_pairs, headline_ticker, subject_key
from factlint.compare.matching import Matcher

SHARE_A = "core digital economy industries added value share of GDP"
SHARE_C = "added value of core digital economy industries share of GDP"


def pairs_of(files, key=comparison_key, threshold=90, max_values=0):
    matcher = Matcher()
    items = build_items(files, matcher)
    return [(p.a.claim.text, p.b.claim.text)
            for p in find_pairs(items, key, matcher, threshold, max_values=max_values)]


def test_the_two_shenzhen_gdp_shares_are_paired_across_articles():
    a = make_claim("30.5%", 30.5, "percent", kind="share", metric=SHARE_A, path="a.txt",
                   period=year(2021, "last year"))
    c = make_claim("30 percent", 30, "percent", kind="share", metric=SHARE_C, path="c.txt",
                   period=implied(dt.date(2022, 1, 24)))
    files = [file_result("a.txt", [a], dt.date(2022, 12, 9)), file_result("c.txt", [c], dt.date(2022, 1, 24))]
    assert pairs_of(files) == [("30.5%", "30 percent")]


def test_thailand_and_shenzhen_shares_are_never_paired():
    thai = make_claim("14.1%", 14.1, "percent", kind="share", entity="Thailand",
                      metric="digital economy share of GDP", path="a.txt", line=3)
    sz = make_claim("30.5%", 30.5, "percent", kind="share", entity="Shenzhen",
                    metric="digital economy share of GDP", path="b.txt")
    assert pairs_of([file_result("a.txt", [thai]), file_result("b.txt", [sz])]) == []


def test_different_metrics_kinds_or_periods_are_not_paired():
    stations = make_claim("51,000", 51000, path="c.txt", metric="5G base stations")
    poles = make_claim("15,000", 15000, path="c.txt", line=2, metric="multifunctional intelligent poles")
    other_year = make_claim("46,000", 46000, path="d.txt", metric="5G base stations", period=year(2020))
    growth = make_claim("over 80 percent", 80, "percent", kind="change", qualifier="over", path="d.txt", line=2,
                        metric="newly registered digital economy enterprises")
    files = [file_result("c.txt", [stations, poles]), file_result("d.txt", [other_year, growth])]
    assert pairs_of(files) == []


def test_claims_are_compared_across_documents_not_within_one():
    a = make_claim("51,000", 51000, offset=11)
    b = make_claim("51,000", 51000, offset=300, line=3)
    c = make_claim("52,000", 52000, path="b.txt")
    assert pairs_of([file_result("a.txt", [a, b]), file_result("b.txt", [c])]) == [("51,000", "52,000"),
                                                                                   ("51,000", "52,000")]


def test_a_document_giving_two_values_for_one_subject_is_not_compared():
    # "Net profit rose to 5.2 mln dlrs from 3.1 mln": if the prior period was not told apart,
    # neither figure can be said to contradict another article's.
    now = make_claim("5.2 mln dlrs", 5.2e6, "USD", entity="Acme", metric="net profit", offset=10,
                     sentence="Net profit rose to 5.2 mln dlrs from 3.1 mln.")
    before = make_claim("3.1 mln", 3.1e6, "USD", entity="Acme", metric="net profit", offset=30,
                        sentence="Net profit rose to 5.2 mln dlrs from 3.1 mln.")
    other = make_claim("5.2 mln dlrs", 5.2e6, "USD", entity="Acme", metric="net profit", path="b.txt")
    assert pairs_of([file_result("a.txt", [now, before]), file_result("b.txt", [other])]) == []


def test_table_rows_pair_with_their_best_match_only():
    # Rows whose labels are 93% alike: each pairs with its own row in the other table.
    row1 = "corn beginning stocks production imports domestic use"
    row2 = row1 + " exports"
    rows_a = [make_claim("1,000", 1000, entity="United States", metric=row1, offset=0),
              make_claim("2,000", 2000, entity="United States", metric=row2, offset=50)]
    rows_b = [make_claim("1,100", 1100, entity="United States", metric=row1, offset=0, path="b.txt"),
              make_claim("2,000", 2000, entity="United States", metric=row2, offset=50, path="b.txt")]
    assert pairs_of([file_result("a.txt", rows_a), file_result("b.txt", rows_b)]) == [("1,000", "1,100"),
                                                                                     ("2,000", "2,000")]


def test_unresolved_claims_meet_only_same_worded_unresolved_claims():
    e = make_claim("almost half", 50, "percent", kind="share", qualifier="nearly", entity="China",
                   metric="mobile users share of population", path="e.txt", period=unresolved("currently"))
    dated = make_claim("48 percent", 48, "percent", kind="share", entity="China",
                       metric="mobile users share of population", path="f.txt",
                       period=implied(dt.date(2022, 12, 22)))
    other_undated = make_claim("40 percent", 40, "percent", kind="share", entity="China",
                               metric="mobile users share of population", path="g.txt",
                               period=unresolved("currently"))
    files = [file_result("e.txt", [e]), file_result("f.txt", [dated], dt.date(2022, 12, 22)),
             file_result("g.txt", [other_undated])]
    assert pairs_of(files) == [("almost half", "40 percent")]


def test_bracketed_equivalent_is_not_compared_with_its_own_figure():
    yuan = make_claim("900 billion yuan", 900e9, "CNY", metric="core digital economy added value")
    dollars = make_claim("US$128.8 billion", 128.8e9, "USD", metric="core digital economy added value",
                         offset=20, equivalent_of=yuan.id)
    assert pairs_of([file_result("a.txt", [yuan, dollars])]) == []


def test_unit_checks_pair_exact_metrics_across_units():
    pp = make_claim("1.7 percentage points", 1.7, "pp", kind="change", entity="China",
                    metric="digital economy share of GDP", path="w.md", period=year(2022))
    pct = make_claim("1.7 percent", 1.7, "percent", kind="change", entity="China",
                     metric="digital economy share of GDP", path="s.md", period=year(2022))
    files = [file_result("w.md", [pp]), file_result("s.md", [pct])]
    assert pairs_of(files, key=subject_key, threshold=100) == [("1.7 percent", "1.7 percentage points")]
    assert pairs_of(files) == []  # not comparable as values


def test_results_do_not_depend_on_file_order():
    claims = [make_claim(f"{50 + i % 2},000", (50 + i % 2) * 1000, path=f"f{i}.txt") for i in range(6)]
    files = [file_result(c.path, [c]) for c in claims]
    assert pairs_of(files) == pairs_of(list(reversed(files)))
    assert len(pairs_of(files)) == 15


def test_cost_grows_with_claims_not_their_square():
    # 400 entities x 10 metrics x 3 articles: blocking keeps each block small.
    def corpus(n_entities):
        files = []
        for art in range(3):
            claims = []
            for e in range(n_entities):
                for m in range(10):
                    claims.append(make_claim("1,000", 1000, path=f"art{art}.txt", offset=(e * 10 + m) * 50,
                                             entity=f"Company {e}", metric=f"metric number {m} of things"))
            files.append(file_result(f"art{art}.txt", claims))
        return files

    def timed(n):
        files = corpus(n)
        start = time.perf_counter()
        pairs = pairs_of(files)
        return time.perf_counter() - start, len(pairs)

    t_small, p_small = timed(40)
    t_big, p_big = timed(400)
    assert p_big == 10 * p_small
    # Ten times the claims: far below the hundredfold an all-pairs comparison would take.
    assert t_big < 40 * max(t_small, 0.01)


def test_metrics_that_differ_in_a_numbered_word_are_different_things():
    five = make_claim("51,000", 51000, path="a.txt", metric="5G base stations")
    four = make_claim("61,000", 61000, path="b.txt", metric="4G base stations")
    assert pairs_of([file_result("a.txt", [five]), file_result("b.txt", [four])]) == []


def test_a_metric_and_its_negation_are_different_things():
    defense = make_claim("48.9 pct", 48.9, "percent", kind="change", entity="United States", path="a.txt",
                         metric="defense capital goods orders", period=year(1987))
    rest = make_claim("17 pct", 17, "percent", kind="change", entity="United States", path="b.txt",
                      metric="non-defense capital goods orders", period=year(1987))
    assert pairs_of([file_result("a.txt", [defense]), file_result("b.txt", [rest])]) == []


def test_a_subject_with_many_different_values_across_the_corpus_is_left_out():
    # A hundred company reports under one dateline entity: "United States · net income · 1986".
    def reports(n):
        return [file_result(f"r{i}.txt", [make_claim(f"{i + 1}.5 mln dlrs", (i + 1.5) * 1e6, "USD",
                                                     entity="United States", metric="net income",
                                                     path=f"r{i}.txt", period=year(1986))]) for i in range(n)]

    assert len(pairs_of(reports(2), max_values=3)) == 1
    assert len(pairs_of(reports(3), max_values=3)) == 3
    assert pairs_of(reports(4), max_values=3) == []
    # Without a limit (max_values=0) every pair is kept.
    assert len(pairs_of(reports(4))) == 6


def test_large_blocks_are_scored_as_one_matrix_with_the_same_result(monkeypatch):
    import factlint.compare.grouping as grouping

    first = ["exports", "imports", "output", "stocks", "sales"]
    second = ["orders", "payrolls", "credit", "reserves"]
    third = ["deposits", "loans", "bonds", "notes"]
    metrics = [f"{a} {b} {c}" for a in first for b in second for c in third]
    files = []
    for art in range(2):
        claims = [make_claim("1,000", 1000 + art * (k % 2) * 500, path=f"t{art}.txt", offset=k * 40,
                             entity="Japan", metric=m) for k, m in enumerate(metrics)]
        files.append(file_result(f"t{art}.txt", claims))
    assert len(metrics) >= grouping.BATCH_FROM
    batched = pairs_of(files)
    monkeypatch.setattr(grouping, "BATCH_FROM", 10_000)
    assert pairs_of(files) == batched and len(batched) == len(metrics)


def test_a_lone_unknown_word_is_too_vague_to_pair_articles_but_a_known_metric_is_not():
    def two(metric):
        a = make_claim("125 seats", 125, entity="United Kingdom", metric=metric, path="a.txt")
        b = make_claim("92 seats", 92, entity="United Kingdom", metric=metric, path="b.txt")
        return [file_result("a.txt", [a]), file_result("b.txt", [b])]

    assert pairs_of(two("seats")) == []
    assert pairs_of(two("Conservative majority seats")) == [("125 seats", "92 seats")]
    assert pairs_of(two("GDP")) == [("125 seats", "92 seats")]  # GDP is in the alias tables


def test_different_figures_of_one_sentence_run_twice_are_not_paired():
    sentence = "The limit on foreign assets was increased to 25 pct from 10 pct last year."
    a = make_claim("25 pct", 25, "percent", kind="share", entity="Japan", metric="insurers foreign asset limit",
                   path="a.txt", sentence=sentence)
    b = make_claim("10 pct", 10, "percent", kind="share", entity="Japan", metric="insurers foreign asset limit",
                   path="b.txt", sentence=sentence)
    assert pairs_of([file_result("a.txt", [a]), file_result("b.txt", [b])]) == []


def test_two_companies_of_one_name_told_apart_by_their_headline_tickers():
    from tests.compare.claimkit import check, file_result

    def story(path, ticker, value, text):
        claim = make_claim(text, value, "count", entity="Marine", metric="net income", path=path,
                           period=year(1986))
        return file_result(path, [claim], dt.date(1987, 10, 20), title=f"MARINE CORP <{ticker}> 3RD QTR NET")

    # Marine Corp of Milwaukee (MCRP.O) and Marine Corp of Springfield (MCOR.O)
    assert check([story("a.md", "MCRP.O", 8.91e6, "8,910,000"), story("b.md", "MCOR.O", 1.8e6, "1,800,000")],
                 select=["FL101"]).findings == []
    # the same ticker twice is one company: a corrected re-send still disagrees
    assert [f.rule for f in check([story("a.md", "MCRP.O", 8.91e6, "8,910,000"),
                                   story("b.md", "MCRP.O", 1.8e6, "1,800,000")], select=["FL101"]).findings] == ["FL101"]
    assert headline_ticker("GM <GM> FEBRUARY SALES", "United States") is None   # not the headline company
