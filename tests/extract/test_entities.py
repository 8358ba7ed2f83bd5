import datetime as dt

from factlint.extract.entities import (Mention, bind_entity, doc_entities, find_mentions, resolve_anaphor,
                                       subject_phrase)
from factlint.normalize.aliases import canonical_metric, load_aliases

T = load_aliases()


def _mentions(text):
    return [(text[m.start:m.end], m.name, m.type, m.possessive, m.anaphor) for m in find_mentions(text, 0, len(text), T)]


def test_gazetteer_possessives_demonyms_and_anaphors():
    text = "Shenzhen's core industries beat Thai and Chinese rivals, the city's bureau said of the U.S. market."
    assert _mentions(text) == [
        ("Shenzhen's", "Shenzhen", "city", True, None),
        ("Thai and Chinese", "Thailand and China", "country", False, None),
        ("the city's", "", None, True, "city"),
        ("U.S.", "United States", "country", False, None),
    ]


def test_companies_tickers_and_joint_names():
    text = "Nippon Light Metal Co Ltd <NLGT.T> and Acme Widgets Inc said Beijing and Shenzhen lead."
    found = _mentions(text)
    assert found[0][1:3] == ("Nippon Light Metal", "company")
    assert ("Acme Widgets Inc", "Acme Widgets", "company", False, None) in found
    assert ("Beijing and Shenzhen", "Beijing and Shenzhen", "city", False, None) in found


def test_not_names():
    assert _mentions("A Beijing-based firm said Wednesday's sales and US$5 billion in deals rose.") == []
    assert _mentions("The company's shares rose.") == [("The company's", "", None, True, "company")]


def test_document_main_entities_by_type():
    doc = doc_entities("SHENZHEN CITY BUILDS MORE 5G STATIONS", "Shenzhen and Guangdong officials met in China.",
                       ["china"], T)
    assert doc.main == "Shenzhen"
    assert doc.by_type == {"city": "Shenzhen", "province": "Guangdong", "country": "China"}
    assert resolve_anaphor("country", [], doc) == "China"
    assert resolve_anaphor("city", [Mention(0, 7, "Beijing", "city")], doc) == "Beijing"


def test_a_place_the_headline_leaves_out_is_not_the_story_s_entity():
    outside = doc_entities("Car Sales Outside Japan Rise", "Car sales outside Japan rose 5 pct.", ["japan"], T)
    assert outside.main != "Japan"
    # the lead alone speaking of "exports outside the EC" leaves the EC the story's entity
    tender = doc_entities("EC Sugar Tender Marks No Change", "Producers lose money on exports outside the EC.",
                          ["belgium"], T)
    assert tender.main == "European Union"


def _bind(text, number, doc=None):
    q = text.index(number)
    mentions = find_mentions(text, 0, len(text), T)
    return bind_entity(q, q + len(number), mentions, text, len(text), [], lambda: [], doc or doc_entities(None, "", [], T))


def test_entity_of_a_figure():
    assert _bind("Saudi Arabia has an Opec quota of 4.133 mln bpd.", "4.133") == "Saudi Arabia"
    assert _bind("Chile's accord and Venezuela's 21 billion dlr package were signed.", "21 billion") == "Venezuela"
    assert _bind("The added value made up 30 percent of Shenzhen's GDP.", "30 percent") == "Shenzhen"
    doc = doc_entities("Guangzhou's port grows", "", [], T)
    assert _bind("Exports grew, accounting for 30.5% of the city's GDP.", "30.5%", doc) == "Guangzhou"
    assert _bind("Output rose to 3 mln tonnes.", "3 mln", doc) == "Guangzhou"


def _subject(text, number):
    q = text.index(number)
    phrase, participle = subject_phrase(text, 0, q, [])
    return canonical_metric(phrase) if phrase else None, participle


def test_subject_phrases():
    assert _subject("The added value of core digital economy industries exceeded 900 billion yuan.", "900") == \
        ("core digital economy industries added value", False)
    assert _subject("Nippon, which has annual capacity of 63,000 tonnes, said.", "63,000") == ("annual capacity", False)
    assert _subject("Output reached 9 mln, accounting for 30.5% of GDP.", "30.5%") == (None, True)
    assert _subject("The number of newly registered firms increased by 80 percent.", "80") == \
        ("newly registered firm", False)
    assert _subject("The data showed that retail sales rose 5 pct.", "5 pct") == ("retail sales", False)


def test_headline_ticker_names_the_company():
    from factlint.extract.entities import title_company

    assert title_company("AMERICAN EXPRESS <AXP> 1ST QTR NET", T) == "American Express"
    assert title_company("<ROYAL GOLD AND SILVER CORP> 1ST QTR NET", T) == "Royal Gold and Silver"
    assert title_company("THE HOME DEPOT INC <HD> 4TH QTR NET", T) == "Home Depot"
    assert title_company("BANK OF NEW YORK CO <BK> RAISES PRIME", T) == "Bank of New York"
    # the name read back from the ticker stops at the headline's verb
    assert title_company("GENCORP TO BUY ACME GAS CO <ACG>", T) == "Acme Gas"
    assert title_company("UNILEVER PLC ADJUSTS DIVIDEND", T) is None
    assert title_company(None, T) is None
    # some headlines bracket the ticker or the whole name in parentheses
    assert title_company("CALIFORNIA FIRST BANK (CFBK.O) 3RD QTR NET", T) == "California First Bank"
    assert title_company("(POLORON PRODUCTS INC) YEAR OPER NET", T) == "Poloron Products"
    # ...but "(RPT)" and "(CORRECTED)" flag the story, they name no company
    assert title_company("(RPT) U.S. SAYS TIN DISPOSALS WILL NOT AFFECT ACCORD", T) is None
    assert title_company("(CORRECTED) - PHILIPPINES CRITICISES EC FOR OIL LEVY", T) is None
    # a bank's "for" is part of its name; a deal's is not
    assert title_company("APPLE BANK FOR SAVINGS <APPL.O> 3RD QTR NET", T) == "Apple Bank for Savings"
    assert title_company("ACME TO SELL STAKE FOR 5 MLN DLRS TO GENERAL WIDGET CORP <GWC>", T) == "General Widget"


def test_an_agent_is_no_subject_for_the_sentences_after_it():
    from factlint.extract.pipeline import extract_text

    text = ("Union Carbide Corp is raising 350 mln dlrs through an offering of notes.\n"
            "    The debt is rated B-1 by Moody's and BB-minus by Standard and Poor's. The issue was "
            "increased from an initial offering of 250 mln dlrs.\n")
    claims = extract_text(text, date=dt.date(1987, 3, 19))
    initial = [c for c in claims if c.text.startswith("250")]
    assert initial and initial[0].entity == "Union Carbide"


def test_place_words_inside_other_names_are_no_mentions():
    text = "Acme Corp won a contract from the U.S. Air Force and bought American Video Group Inc for 200,000 U.S. dlrs."
    assert _mentions(text) == [("Acme Corp", "Acme", "company", False, None),
                               ("American Video Group Inc", "American Video", "company", False, None)]
    # the country itself still counts, also as the speaker's office
    assert [m[1] for m in _mentions("The U.S. economy grew and Chinese Premier Li spoke.")] == ["United States", "China"]
    # a name wrapped at the end of a line is still the name
    assert [m[1] for m in _mentions("Japan's trade surplus with the United\nStates rose.")] == ["Japan", "United States"]
    # a country whose name ends like a demonym ("Japan", "Iran") before a capitalised word is still itself
    assert [m[1] for m in _mentions("Japan February Trade Surplus Widens")] == ["Japan"]


def test_headline_name_confirmed_by_the_lead():
    from factlint.extract.entities import title_company

    lead = "Louart Corp, a Los Angeles investment firm, said it raised its stake in Amerford International Corp to 7.8 pct."
    assert title_company("INVESTMENT FIRM BOOSTS AMERFORD <AMRF> STAKE", T, lead) == "Amerford"
    assert title_company("3COM CORP <COMS> OFFERS SHARES", T, "3Com Corp said it is offering 1.2 mln shares.") == "3Com"
    # a results table names nobody: the headline words stand
    assert title_company("AMERICAN EXPRESS <AXP> 1ST QTR NET", T, "Shr 1.19 dlrs vs 1.46 dlrs") == "American Express"


def test_company_names_with_and():
    assert [m[1] for m in _mentions("It drew a credit line from Wells Fargo and Co <WFC>.")] == ["Wells Fargo"]
    assert [m[1] for m in _mentions("Moody's rated Public Service Electric and Gas Co debt.")][-1] == \
        "Public Service Electric and Gas"
    assert [m[1] for m in _mentions("the ratings on W.R. Grace and Co's debt")] == ["W.R. Grace"]


def test_wire_company_names_that_hold_a_place():
    # the wire brackets a company it has no ticker for; the place inside is part of the name
    assert _mentions("<Dominion Bank of Canada>, in reporting a drop") == [
        ("Dominion Bank of Canada", "Dominion Bank of Canada", "company", False, None)]
    assert _mentions("Ford Motor Co of Canada Ltd, wholly owned by Ford Motor Co, said")[0][1:3] == (
        "Ford Motor Co of Canada", "company")
    assert _mentions("The Bank of Tokyo Ltd said")[0][1:3] == ("Bank of Tokyo", "company")
    assert _mentions("Allan Leslie of Discount Corp said")[0][1] == "Discount"
    assert _mentions("Harbour Oil Singapore Pte Ltd will raise prices")[0][1:3] == ("Harbour Oil Singapore", "company")
    # a line wrapped after "the" still gives the anaphor
    assert _mentions("loans rose, the\ncompany said") == [("the\ncompany", "", None, False, "company")]
