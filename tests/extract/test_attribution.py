import pytest

from factlint.extract.attribution import find_attribution, find_attributions, find_speaker, is_lead_in, resolve_sources


def _att(sentence):
    return find_attribution(sentence, 0, len(sentence))


@pytest.mark.parametrize("sentence,source", [
    ("According to the Guangdong Provincial Bureau of Statistics, output rose 6 percent.",
     "Guangdong Provincial Bureau of Statistics"),
    ("Industrial output rose 6 percent, according to figures from the statistics bureau.", "statistics bureau"),
    ("Data released Tuesday by the Hangzhou Municipal Economy Bureau showed that exports grew 9 percent.",
     "Hangzhou Municipal Economy Bureau"),
    ("Exports grew 9 percent, data published by the city's commerce office showed.", "city's commerce office"),
    ("The Annual Digital Trade Report 2021 shows that e-commerce reached 9 trillion yuan.",
     "Annual Digital Trade Report 2021"),
    ("Imports fell 3.1 pct to 7.3 billion dlrs, the Finance Ministry said.", "Finance Ministry"),
    ("Imports fell 3.1 pct, said Liu Yang, an economist at a Beijing bank.", "Liu Yang"),
    # after an appositive, what follows "said" is what was said when it holds a figure
    ("Norsk Hydro, operator of the Oseberg field, said test output totalled 1,719 barrels a day.", "Norsk Hydro"),
    ('"It is telling us a bid is coming," said one analyst, who values the company at 51 dlrs a share.',
     "one analyst"),
    # whom a speaker told is no part of what was said
    ("VBI Corp, an investment firm, told the Securities and Exchange Commission it raised its stake to 8.1 pct.",
     "VBI Corp"),
    ("A report by the provincial development commission put the figure at 4,000.", "provincial development commission"),
    ("The town was said by officials to be isolated after 300 homes flooded.", "officials"),
    # a company reporting its own figures, a group's statement, a prospectus that shows
    ("Acme Corp reported net income of 5.2 mln dlrs for 1986.", "Acme Corp"),
    ("The issue comprises 45 mln shares, the diversified rubber and plastics group said in a statement.",
     "diversified rubber and plastics group"),
    ("Noranda Forest's preliminary share prospectus, released today, shows the company earned 80.2 mln dlrs.",
     "Noranda Forest's preliminary share prospectus"),
    # an acronym in apposition, a forecast, a declaration, an auxiliary before the verb
    ("Sales fell 18.7 pct to 119,967 tonnes from 147,537, Zambia Consolidated Copper Mines, ZCCM, said.",
     "Zambia Consolidated Copper Mines"),
    ("Kathleen Stephansen of Donaldson Lufkin expects a 26.3 billion dlr February budget deficit.",
     "Kathleen Stephansen of Donaldson Lufkin"),
    ("Pier 1 also declared a 12.5 pct annual dividend increase.", "Pier 1"),
    ('<Casey-Werner Co>, producer of "The Cosby Show," said it filed suit over 450 mln dlrs.', "<Casey-Werner Co>"),
    ("Analysts had expected a 1.2 billion dlr deficit.", "Analysts"),
    ("The market's 15 pct depreciation has turned investors away, one investment manager said.",
     "one investment manager"),
    ("The Financial Times quoted VW chairman Carl Hahn as saying output would reach 300,000 units.",
     "VW chairman Carl Hahn"),
    ("The strike has cost the company 50 mln dlrs so far, union leaders said.", "union leaders"),
    ("The halt started on March 1, and union leaders said 120 ships were idle.", "union leaders"),
])
def test_explicit_attributions(sentence, source):
    att = _att(sentence)
    assert att is not None and att.kind == "explicit" and att.source == source


@pytest.mark.parametrize("sentence", [
    "Exports showed a 5 pct rise in January.",
    "The banks are said to be firm on the terms.",
    "China's data output reached 4.2ZB in 2020, ranking third in the world.",
    # "reported" and "estimated" as adjectives or in the passive name nobody
    "Its reported net profit fell to 5.2 mln dlrs in 1986.",
    "India's castor oil exports are provisionally estimated at 30,000 tonnes.",
    "Sales were lower than expected at 5 mln dlrs.",
    "Output is expected to reach 5 mln tonnes.",
    "Its expected profit of 5 mln dlrs was cut.",
])
def test_no_attribution(sentence):
    assert _att(sentence) is None


def test_pronoun_resolves_to_the_speaker_named_before():
    para = ("Malaysia's trade minister opened the session with a review of online sales. "
            "“E-commerce made up 11% of our retail trade in 2020,” she said.")
    first_end = para.index("“")
    found = [find_speaker(para, 0, first_end)] + find_attributions(para, first_end, len(para))
    assert found[1].kind == "pronoun"
    assert resolve_sources(found) == [None, "Malaysia's trade minister"]


def test_the_data_also_showed_takes_the_earlier_source():
    s1 = "Growth reached 7 percent, data released by the Suzhou Statistics Bureau showed."
    s2 = "The data also showed that exports grew 12 percent."
    found = [_att(s1), _att(s2)]
    assert found[1].kind == "anaphor"
    assert resolve_sources(found) == ["Suzhou Statistics Bureau", "Suzhou Statistics Bureau"]


def test_anaphor_matches_head_word_of_an_earlier_source():
    earlier = [_att("Output rose 4 pct, according to the Shenzhen Development and Reform Commission.")]
    later = [_att("According to a report by the commission, 80 percent of firms are online.")]
    assert resolve_sources(later, earlier) == ["Shenzhen Development and Reform Commission"]


def test_two_attributions_in_one_sentence():
    s = ("Reports by national regulators rank Hangzhou first in the index, and a 2021 industry survey "
         "placed Hangzhou among the top three cities.")
    sources = [a.source for a in find_attributions(s, 0, len(s))]
    assert sources[0] == "national regulators" and len(sources) == 2


def test_lead_in_paragraph():
    p = "Professor Lin Tao of a local university then walked the audience through the city's results."
    assert is_lead_in(p, 0, len(p))
    assert not is_lead_in("The weather was fine.", 0, 21)


def test_the_company_reported_is_a_source():
    att = _att("Earlier, the company reported a loss of 31.9 mln dlrs for the fourth quarter.")
    assert att is not None and att.kind == "anaphor" and att.head == "company"


def test_said_together_is_no_said_to():
    # "said to" is a report about someone ("is said to be"); "said together with" is someone saying
    att = _att("The company said together with 10 mln dlrs in advances, guarantees exceed 80 pct of the costs.")
    assert att is not None and att.kind == "anaphor" and att.head == "company"
