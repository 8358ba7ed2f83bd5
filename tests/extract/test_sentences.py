from factlint.extract.sentences import clean, paragraph_spans, segment, split_sentences


def _sentences(text):
    return [clean(text[s.start:s.end]) for p in segment(text) for s in p.sentences]


def test_abbreviations_do_not_end_sentences():
    text = ("Dr. Chen of the bureau spoke on Sept. 7, 2021 in Shenzhen. The U.S. Commerce Dept. said "
            "exports rose 4 pct. Huawei ranked No. 1 in the survey. Mr. Wang disagreed.")
    assert _sentences(text) == [
        "Dr. Chen of the bureau spoke on Sept. 7, 2021 in Shenzhen.",
        "The U.S. Commerce Dept. said exports rose 4 pct.",
        "Huawei ranked No. 1 in the survey.",
        "Mr. Wang disagreed.",
    ]


def test_abbreviation_before_a_sentence_starter_ends_the_sentence():
    text = "Shares were sold to Exxon Corp. The company paid 2.5 mln dlrs."
    assert _sentences(text) == ["Shares were sold to Exxon Corp.", "The company paid 2.5 mln dlrs."]


def test_decimals_and_quotes():
    text = "“Output rose 3.5 pct in May,” he said. Prices fell 0.4 pct."
    assert _sentences(text) == ["“Output rose 3.5 pct in May,” he said.", "Prices fell 0.4 pct."]


def test_newswire_indented_paragraphs_and_wrapped_lines():
    text = ("Japan's trade surplus in the first half of February rose to\n"
            "2.1 billion dlrs from 1.7 billion a year earlier, the ministry\n"
            "said.\n"
            "    Exports rose 9.8 pct to 8.2 billion dlrs. Imports fell\n"
            "2.4 pct.\n"
            "    Shr 1.19 dlrs vs 1.46 dlrs\n"
            "    Net 3,150,185 vs 2,665,284\n")
    paras = segment(text)
    assert len(paras) == 4
    assert [len(p.sentences) for p in paras] == [1, 2, 1, 1]
    first = paras[0].sentences[0]
    assert clean(text[first.start:first.end]).endswith("a year earlier, the ministry said.")


def test_one_paragraph_per_line_with_header_lines():
    text = ("Shenzhen pushes ahead with 5G\n"
            "Updated: 2022-03-02 | Source: City Desk\n"
            "\n"
            "The city built 12,000 base stations last year. It plans more.\n"
            "\n"
            "A worker on a rooftop. Photo by Li Ming\n")
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans][:2] == ["Shenzhen pushes ahead with 5G", "Updated: 2022-03-02 | Source: City Desk"]
    assert len(spans) == 4
    assert _sentences(text)[2:4] == ["The city built 12,000 base stations last year.", "It plans more."]


def test_sentence_offsets_point_into_the_text():
    text = "  First one. Second one is here.  "
    spans = split_sentences(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one is here."]
