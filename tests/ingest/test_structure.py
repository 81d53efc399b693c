"""parse_structure on the corpus and on hand-written snippets in other councils' styles."""
from __future__ import annotations

from ingest.structure import clean_text, parse_structure, roman_value


def by_anchor(blocks):
    return {b.anchor: b for b in blocks}


# ---------------------------------------------------------------- corpus

def test_d000_annex_item_nesting(corpus_docs):
    b = corpus_docs["000"].block("p14.a.iv")
    assert (b.number, b.kind, b.text, b.line, b.parent) == ("14(a)(iv)", "item", "The Mayor as Chair of the Board;", 97, "p14.a")
    assert b.section == "Directions to the Authority"
    assert corpus_docs["000"].block("p14.a").parent == "p14"


def test_d000_letter_i_after_h_and_roman_i_after_colon(corpus_docs):
    doc = corpus_docs["000"]
    assert doc.block("p14.i").text.startswith("For the Direction period, to cooperate")
    assert doc.block("p14.i").number == "14(i)"
    assert doc.block("p14.e.i").text.startswith("To continue to achieve improvements in relation to the proper functioning")
    assert doc.block("p14.k.i").text == "to any premises of the Authority;"
    assert doc.block("p14.l").number == "14(l)"


def test_d000_letter_front_matter_and_signature(corpus_docs):
    blocks = corpus_docs["000"].blocks
    kinds = [(b.kind, b.line) for b in blocks[:7]]
    assert kinds == [("letterhead", 5), ("address", 9), ("letterhead", 14), ("address", 19), ("date", 27),
                     ("salutation", 29), ("paragraph", 31)]
    assert blocks[1].text == "Stephen Halsey Chief Executive London Borough of Tower Hamlets By email"
    assert blocks[2].text == "Max Soule Deputy Director, Local Government Stewardship and Interventions"
    sig = [b for b in blocks if b.kind == "signature"]
    assert [(s.text, s.line, s.end_line) for s in sig] == [
        ("Max Soule Deputy Director, Stewardship and Interventions", 45, 47)]


def test_d000_page_break_joined_and_emphasis_removed(corpus_docs):
    doc = corpus_docs["000"]
    b9 = [b for b in doc.blocks if b.line == 35][0]
    assert "including those in response to the Local Government Association's (LGA)" in b9.text
    assert b9.end_line == 37
    culture = [b for b in doc.blocks if b.text.startswith("On Culture:")][0]
    assert culture.parent == "p6"
    assert "within the Authority, as well as with external stakeholders." in culture.text
    assert "Within one month of the date of these Directions" in doc.block("p14.b").text


def test_d001_numbered_paragraph(corpus_docs):
    b = corpus_docs["001"].block("p1.7")
    assert b.text.startswith("The Transformation Advisory Board has been reconfigured")
    assert b.number == "1.7" and b.line == 38 and b.end_line == 40
    assert b.text.endswith("using the TAB to test, challenge, scrutinise and assure their improvement work.")
    assert b.section == "Reconfiguration of the Transformation Advisory Board into a Transformation and Assurance Board"
    heading = corpus_docs["001"].block("p1")
    assert (heading.kind, heading.text) == ("heading", "Introduction")


def test_d001_page_break_starting_with_digit_joined(corpus_docs):
    b = corpus_docs["001"].block("p2.16")
    assert "(expected summer 2025) and following implementation" in b.text


def test_d001_several_signatories(corpus_docs):
    sig = [b.text for b in corpus_docs["001"].blocks if b.kind == "signature"]
    assert sig == ["Ministerial Envoys to the London Borough of Tower Hamlets", "Kim Bromley-Derry",
                   "Pam Parkes", "Shokat Lal"]


def test_d002_signature_blocks_with_capacities(corpus_docs):
    sig = [(b.text, b.line, b.end_line) for b in corpus_docs["002"].blocks if b.kind == "signature"]
    assert sig == [
        ("Stephen Halsey Chief Executive (Head of Paid Service)", 59, 62),
        ("Lutfur Rahman (Mayor)", 66, 67),
        ("Julie Lorraine Corporate Director, Resources (Section 151 Officer)", 71, 74),
        ("Linda Walker Interim Director, Legal Services (Monitoring Officer)", 78, 80),
    ]


def test_d002_references_and_bullets(corpus_docs):
    blocks = corpus_docs["002"].blocks
    refs = [(b.text, b.line) for b in blocks if b.kind == "reference"]
    assert refs[0][0].startswith("Our Ref: Letters/25.11.2024 letter to minister")
    assert refs[1] == ("Your Ref:", 20)
    bullets = [b for b in blocks if b.kind == "item"]
    assert bullets[0].text.startswith("We will work in a collaborative, inclusive way: to scope")
    assert "**" not in bullets[0].text


def test_d004_numbered_headings_and_restarted_numbering(corpus_docs):
    doc = corpus_docs["004"]
    assert (doc.block("p4.6").kind, doc.block("p4.6").text) == ("heading", "Leadership of Place")
    assert doc.block("p4.3").kind == "heading"
    assert doc.block("p1").text == "Executive Summary"
    # '… review the following:' then '1.', '2.', '3.' is a list inside that paragraph
    assert [(b.anchor, b.number, b.parent) for b in doc.blocks if b.parent == "b7"] == [
        ("b7.1", "1", "b7"), ("b7.2", "2", "b7"), ("b7.3", "3", "b7")]
    assert doc.block("b7.1").text.startswith("How the Council adequately addressed")
    # the list continues after an interrupting paragraph ('1.' … text … '2.', '3.')
    assert [b.anchor for b in doc.blocks if b.parent == "b11"] == ["b11.1", "b11.2", "b11.3"]
    assert (doc.block("p2").kind, doc.block("p2").text) == ("heading", "Key recommendations")
    anchors = [b.anchor for b in doc.blocks]
    assert len(anchors) == len(set(anchors))
    assert [b.text for b in doc.blocks if b.kind == "date"] == ["19th – 22nd June 2018", "June 2018"]


def test_every_corpus_block_is_clean(corpus_docs):
    for doc in corpus_docs.values():
        for b in doc.blocks:
            assert b.text == b.text.strip() and "  " not in b.text and "**" not in b.text
            assert b.line <= b.end_line
        assert [b.position for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


# ---------------------------------------------------------------- other councils' documents

COMMISSIONERS_REPORT = """\
Commissioners' Report to the Secretary of State

1. Introduction

1.1 This is our second report on the progress of Northshire County Council. The
Council has made progress since our first report.

1.2 We were appointed on 3rd March 2021. Our remit includes:
(a) governance, including:
(i) the Constitution;
(ii) the scheme of delegation;
(b) finance;
(c) the functions set out in the Directions, namely
(d) planning;
(e) housing:
(i) allocations.

2. Governance

2.1 The Monitoring Officer post has been filled on an interim basis. The Council

intends to recruit permanently by the end of the year.
"""


def test_commissioners_report_numbering():
    blocks = parse_structure(COMMISSIONERS_REPORT, "x")
    a = by_anchor(blocks)
    assert a["b1"].kind == "heading"
    assert (a["p1"].kind, a["p1"].text) == ("heading", "Introduction")
    assert a["p1.1"].text == ("This is our second report on the progress of Northshire County Council. "
                              "The Council has made progress since our first report.")
    assert (a["p1.1"].line, a["p1.1"].end_line, a["p1.1"].section) == (5, 6, "Introduction")
    assert a["p1.2.a"].number == "1.2(a)" and a["p1.2.a"].parent == "p1.2"
    assert a["p1.2.a.ii"].text == "the scheme of delegation;"
    assert a["p1.2.a.ii"].number == "1.2(a)(ii)"
    assert a["p1.2.e.i"].text == "allocations."
    assert a["p1.2.e.i"].parent == "p1.2.e"
    # the page break inside 2.1 is joined; the heading '2. Governance' is not joined to anything
    assert a["p2.1"].text.endswith("The Council intends to recruit permanently by the end of the year.")
    assert a["p2.1"].section == "Governance"


def test_roman_i_after_h_is_a_letter_but_after_colon_is_roman():
    text = "5. The Authority must:\n" + "\n".join(f"{c}) do {c};" for c in "abcdefgh") + "\ni) do i.\n"
    a = by_anchor(parse_structure(text))
    assert a["p5.i"].text == "do i." and a["p5.i"].kind == "item"
    text2 = "5. The Authority must:\na) consider the following:\ni) one;\nii) two;\nb) act.\n"
    a2 = by_anchor(parse_structure(text2))
    assert a2["p5.a.i"].text == "one;" and a2["p5.a.ii"].text == "two;" and a2["p5.b"].text == "act."


def test_council_letter_with_cc_and_faithfully():
    text = (
        "Borsetshire District Council\nCouncil Offices\nHigh Street\nBorchester BC1 2AB\n\n"
        "Our Ref: BV/2023/14\nYour Ref: MHCLG/77\n\n"
        "Wednesday, 3rd March 2021\n\n"
        "Dear Ms Okafor,\n\n"
        "Best Value Improvement Plan\n\n"
        "Thank you for your letter. We set out our *revised* plan below\n"
        "and will report again in **six months**.\n\n"
        "Yours faithfully\n\n"
        "Jane Archer\nChief Executive\n\n"
        "Cllr Tom Birch\nLeader of the Council\n(Acting)\n\n"
        "cc: Director of Finance (Section 151 Officer)\n"
    )
    blocks = parse_structure(text)
    kinds = [(b.kind, b.line) for b in blocks]
    assert kinds == [("address", 1), ("reference", 6), ("reference", 7), ("date", 9), ("salutation", 11),
                     ("heading", 13), ("paragraph", 15), ("closing", 18), ("signature", 20), ("signature", 23),
                     ("cc", 27)]
    assert blocks[6].text == "Thank you for your letter. We set out our revised plan below and will report again in six months."
    assert blocks[9].text == "Cllr Tom Birch Leader of the Council (Acting)"
    assert blocks[10].text == "cc: Director of Finance (Section 151 Officer)"


def test_annex_restarting_numbering_gets_its_own_anchors():
    text = "1. First paragraph of the letter.\n\n2. Second paragraph.\n\nAnnex A\n\n1. The annex begins.\n"
    a = by_anchor(parse_structure(text))
    assert a["p1"].text == "First paragraph of the letter."
    assert a["annex-a-p1"].text == "The annex begins."


def test_numbering_clash_without_annex_gets_suffix():
    text = "1. One.\n\n2. Two.\n\nSummary of findings\n\n1. Again one.\n"
    a = by_anchor(parse_structure(text))
    assert a["p1-2"].text == "Again one."


def test_crlf_and_bare_integers_are_not_numbering():
    text = "Minutes of the meeting\r\n\r\n160 Whitechapel Road\r\n2023 was a difficult year for the council.\r\n"
    blocks = parse_structure(text)
    assert [b.kind for b in blocks] == ["heading", "paragraph"]
    assert blocks[1].text == "160 Whitechapel Road 2023 was a difficult year for the council."


def test_hyphen_split_by_wrapping_is_rejoined():
    blocks = parse_structure("There is a dedicated Grants Scrutiny Sub-\nCommittee in operation.\n")
    assert blocks[0].text == "There is a dedicated Grants Scrutiny Sub-Committee in operation."


def test_clean_text_and_roman_values():
    assert clean_text("On **Leadership**: the *Board* said “x – y”") == "On Leadership: the Board said “x – y”"
    assert clean_text("[bookmark: _GoBack]An independent team") == "An independent team"
    assert [roman_value(s) for s in ("i", "iv", "ix", "xiv", "iiii", "vx")] == [1, 4, 9, 14, None, None]


def test_minutes_labels_and_trailing_signature_without_closing():
    text = ("Borsetshire Improvement Board\n\nMinutes of the meeting held on 3 March 2022\n\n"
            "Present: Dr Jo Bell (Chair), Cllr Ann Lee\n\nApologies: Sam Ode\n\n1. Minutes\n\n"
            "1.1 The minutes of the last meeting were agreed as a correct record.\n\n"
            "Signed as a correct record:\n\nDr Jo Bell\nChair, Borsetshire Improvement Board\n\nMarch 2022\n"
            "On behalf of the Board.\n")
    blocks = parse_structure(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Borsetshire Improvement Board"),
        ("heading", "Minutes of the meeting held on 3 March 2022"),
        ("paragraph", "Present: Dr Jo Bell (Chair), Cllr Ann Lee"),
        ("paragraph", "Apologies: Sam Ode"),
        ("heading", "Minutes"),
        ("paragraph", "The minutes of the last meeting were agreed as a correct record."),
        ("paragraph", "Signed as a correct record:"),
        ("signature", "Dr Jo Bell Chair, Borsetshire Improvement Board"),
        ("date", "March 2022"),
        ("paragraph", "On behalf of the Board."),
    ]
    assert [b.line for b in blocks[-3:]] == [15, 18, 19]


def test_closing_with_signatory_in_the_same_paragraph_and_parenthesised_numbers():
    text = ("Dear Chief Executive,\n\n(1) These Directions apply to the Authority.\n(2) The Authority must:\n"
            "(a) comply with them;\n(b) report.\n\nYours faithfully,\nJane Archer\nDirector, Local Government\n")
    blocks = parse_structure(text)
    assert [(b.kind, b.anchor, b.number, b.line) for b in blocks] == [
        ("salutation", "b1", None, 1), ("paragraph", "p1", "1", 3), ("paragraph", "p2", "2", 4),
        ("item", "p2.a", "2(a)", 5), ("item", "p2.b", "2(b)", 6), ("closing", "b6", None, 8),
        ("signature", "b7", None, 9)]
    assert blocks[-1].text == "Jane Archer Director, Local Government"
    assert blocks[-1].end_line == 10


def test_any_text_gives_unique_anchors_and_true_lines():
    """Property: on arbitrary letter-like text, parsing never fails, anchors are unique, every block
    starts on a non-blank source line that holds the start of its text."""
    from hypothesis import given, settings, strategies as st

    pieces = st.sampled_from([
        "Dear Sir,", "Yours sincerely,", "cc: Director of Finance", "1. Introduction", "1.1 The council met.",
        "- a. first item;", "- i. sub item;", "(b) second item", "ii) roman", "- a bullet point", "2. Next",
        "ANNEX", "12 March 2024", "**Bold heading**", "Jane Archer", "Chief Executive", "(Monitoring Officer)",
        "continued text in lower case", "A long paragraph that does not end", "Our Ref: AB/1", "", "", "   ",
        "h. eighth", "i. ninth", "e. list follows:",
    ])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(pieces, max_size=40))
    def check(lines):
        text = "\n".join(lines)
        blocks = parse_structure(text)
        src = text.split("\n")
        assert len({b.anchor for b in blocks}) == len(blocks)
        for b in blocks:
            assert b.text and 1 <= b.line <= b.end_line <= len(src)
            assert b.text.split()[0] in clean_text(src[b.line - 1]), (b, src[b.line - 1])

    check()


def test_each_annex_has_its_own_anchor_prefix():
    text = ("1. The letter.\n\nAnnex A\n\n1. First annex.\n\nAPPENDIX 2: Terms of reference\n\n1. Second.\n"
            "- a. item\n")
    a = by_anchor(parse_structure(text))
    assert (a["annex-a-p1"].text, a["appendix-2-p1"].text, a["appendix-2-p1.a"].number) == (
        "First annex.", "Second.", "1(a)")


def test_markdown_headings_from_converters():
    text = "# Commissioners report\n\n## 1. Introduction\n\n1.1 Text here.\nmore text\n\n### Governance\n\nThe council met.\n"
    assert [(b.kind, b.anchor, b.text, b.section) for b in parse_structure(text)] == [
        ("heading", "b1", "Commissioners report", "Commissioners report"),
        ("heading", "p1", "Introduction", "Introduction"),
        ("paragraph", "p1.1", "Text here. more text", "Introduction"),
        ("heading", "b4", "Governance", "Governance"),
        ("paragraph", "b5", "The council met.", "Governance"),
    ]


def test_letter_quoted_inside_a_report_does_not_make_the_report_a_letter():
    long = " ".join(["The Commissioners reviewed progress across every service in the council."] * 5)
    text = f"Annual report\n\n{long}\n\nDear Minister,\n\nWe write to you.\n"
    blocks = parse_structure(text)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph", "paragraph"]
