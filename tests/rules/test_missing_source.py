import datetime as dt

from tests.compare.claimkit import check, file_result, implied, make_claim, unresolved

B_DATE = dt.date(2022, 12, 22)


def b_article():
    as_of_june = implied(B_DATE)
    return [make_claim("55.7 percent", 55.7, "percent", kind="share", entity="China",
                       metric="key processes of large industrial firms digitally controlled share", path="b.txt",
                       line=6, column=10, period=as_of_june, source=None),
            make_claim("more than 40 million", 40e6, qualifier="over", entity="China", metric="MSMEs",
                       path="b.txt", line=8, column=5, period=as_of_june, source=None),
            make_claim("29.4 percent", 29.4, "percent", kind="change", entity="China", metric="data output",
                       path="b.txt", line=14, column=40, period=as_of_june, source=None),
            make_claim("45.5 trillion yuan", 45.5e12, "CNY", entity="China", metric="digital economy",
                       path="b.txt", line=4, period=as_of_june,
                       source="the China Internet Development Report 2022")]


def test_judgement_4_unattributed_levels_and_shares_are_reported():
    result = check([file_result("b.txt", b_article(), B_DATE)], select=["FL401"])
    assert [(f.line, f.rule, f.severity) for f in result.findings] == [(6, "FL401", "warning"), (8, "FL401", "warning")]
    assert result.findings[0].message.startswith("55.7 percent has no source in its sentence or paragraph (China · ")


def test_small_counts_and_bracketed_equivalents_are_not_checked():
    ten = make_claim("ten", 10, entity="ASEAN", metric="countries", path="e.txt", period=unresolved("currently"),
                     source=None)
    yuan = make_claim("900 billion yuan", 900e9, "CNY", path="a.txt", source="reports by national authorities")
    usd = make_claim("US$128.8 billion", 128.8e9, "USD", path="a.txt", offset=20, equivalent_of=yuan.id, source=None)
    result = check([file_result("e.txt", [ten]), file_result("a.txt", [yuan, usd])], select=["FL401"])
    assert result.findings == []


def test_the_configured_kinds_decide(tmp_path):
    from factlint.config import load_config

    (tmp_path / "factlint.yaml").write_text("options:\n  FL401: {kinds: [change]}\n")
    result = check([file_result("b.txt", b_article(), B_DATE)], config=load_config([tmp_path]), select=["FL401"])
    assert [f.line for f in result.findings] == [14]


def test_figures_in_tables_are_attributed_by_their_caption_unless_asked_for(tmp_path):
    from factlint.config import load_config

    rows = [make_claim("47 cts", 0.47, "USD", entity="Acme", metric="earnings per share", path="r.md", line=11,
                       sentence="Shr 47 cts vs 46 cts", source=None),
            make_claim("51,000", 51000, path="t.md", line=10, sentence="| 5G base stations | 51,000 |", source=None),
            make_claim("51,000", 51000, path="t.html", line=3, sentence="51,000", source=None)]
    prose = make_claim("55.7 percent", 55.7, "percent", kind="share", entity="China", path="b.txt", line=6,
                       sentence="As of June, 55.7 percent of key processes were digitally controlled.", source=None)
    results = [file_result(c.path, [c]) for c in rows + [prose]]
    assert [f.path for f in check(results, select=["FL401"]).findings] == ["b.txt"]
    (tmp_path / "factlint.yaml").write_text("options:\n  FL401: {tables: true}\n")
    found = check(results, select=["FL401"], config=load_config([tmp_path])).findings
    assert sorted(f.path for f in found) == ["b.txt", "r.md", "t.html", "t.md"]


def test_reach_story_lets_wire_copy_name_its_source_once(tmp_path):
    from factlint.config import load_config

    lead = make_claim("5.2 mln dlrs", 5.2e6, "USD", entity="Acme", metric="net income", path="w.md", line=3,
                      offset=40, sentence="Acme Corp said its net income rose to 5.2 mln dlrs.", source="Acme Corp")
    later = make_claim("1.1 billion dlrs", 1.1e9, "USD", entity="Acme", metric="sales", path="w.md", line=5,
                       offset=200, sentence="Sales rose to 1.1 billion dlrs.", source=None)
    before = make_claim("300 mln dlrs", 3e8, "USD", entity="Acme", metric="debt", path="w.md", line=1, offset=5,
                        sentence="Debt stood at 300 mln dlrs.", source=None)
    other = make_claim("45 mln dlrs", 45e6, "USD", entity="Beta", metric="sales", path="x.md", line=2, offset=300,
                       sentence="Beta's sales were 45 mln dlrs.", source=None)
    results = [file_result("w.md", [before, lead, later]), file_result("x.md", [other])]
    assert [(f.path, f.line) for f in check(results, select=["FL401"]).findings] == [("w.md", 1), ("w.md", 5), ("x.md", 2)]
    (tmp_path / "factlint.yaml").write_text("options:\n  FL401: {reach: story}\n")
    found = check(results, select=["FL401"], config=load_config([tmp_path])).findings
    # only what comes before the story's first source, and stories with none
    assert [(f.path, f.line) for f in found] == [("w.md", 1), ("x.md", 2)]
