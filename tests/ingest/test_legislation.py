"""Legislation citations on short hand-written snippets (other councils, other years)."""
from ingest.legislation import extract, find_citations, provision_key
from ingest.model import Block, Document, DocumentFacts


def _doc(*texts: str) -> Document:
    blocks = [Block(f"p{i + 1}", str(i + 1), "paragraph", t, i + 1, i + 1, i) for i, t in enumerate(texts)]
    return Document(slug="t", path="t.txt", blocks=blocks)


def _rows(doc):
    return [(c.act_id, provision_key(c), c.evidence.anchor, c.evidence.exact) for c in find_citations(doc)]


def test_section_with_subsection_and_paragraph_pinpoint():
    doc = _doc("The Commissioners were appointed under section 15(6)(a) of the Local Government Act 1999 "
               "to exercise functions of Barsetshire Borough Council.")
    assert _rows(doc) == [("ukpga/1999/27", "s15(6)(a)", "p1",
                           "section 15(6)(a) of the Local Government Act 1999")]
    c = find_citations(doc)[0]
    assert (c.section, c.subsection, c.act_title) == ("15", "15(6)(a)", "Local Government Act 1999")


def test_short_form_defined_by_the_document_and_continuation_list():
    doc = _doc("The Secretary of State, in exercise of powers under the Local Government Act 1999 "
               "(“the Act”), gives these Directions.",
               "She may act under section 15(5) and (6) of the Act where a council fails its duty.")
    rows = _rows(doc)
    assert [r[1] for r in rows] == ["s15(5)", "s15(6)"]
    assert {r[3] for r in rows} == {"section 15(5) and (6) of the Act"}
    assert all(r[0] == "ukpga/1999/27" for r in rows)


def test_section_inherits_the_act_named_earlier_in_the_same_sentence():
    doc = _doc("The council is failing to comply with Part 1 of the 1999 Act, namely the duty under section 3. "
               "See section 4 for our findings.")
    assert _rows(doc) == [("ukpga/1999/27", "Part 1", "p1", "Part 1 of the 1999 Act"),
                          ("ukpga/1999/27", "s3", "p1", "section 3")]


def test_role_names_and_report_sections_are_not_citations():
    doc = _doc("The Section 151 Officer and the s151 Officer attended.",
               "As set out in section 4.2 of this report, and in section 3 above.",
               "Part 2 of the report covers housing.")
    assert find_citations(doc) == []


def test_act_named_without_a_section_is_cited_once_per_block():
    doc = _doc("Members have duties under the 1989 Local Government Act, as the 1989 Local Government Act says.")
    assert _rows(doc) == [("ukpga/1989/42", "Act", "p1", "the 1989 Local Government Act")]


def test_bare_act_is_dropped_when_a_provision_of_it_is_cited():
    doc = _doc("The Best Value Duty is defined in the 1999 Act.",
               "Inspectors were appointed under s.10 of the Local Government Act 1999.")
    assert _rows(doc) == [("ukpga/1999/27", "s10", "p2", "s.10 of the Local Government Act 1999")]


def test_unknown_act_is_skipped_not_given_an_invented_id():
    doc = _doc("The council breached section 8 of the Barsetshire Improvement Act 2031.")
    assert find_citations(doc) == []


def test_extract_fills_facts_and_offsets_match():
    doc = _doc("Ofsted may inspect; but under section 24 of the Local Audit and Accountability Act 2014 "
               "the auditor made recommendations.")
    facts = DocumentFacts(document=doc)
    extract(doc, facts)
    (c,) = facts.citations
    assert c.act_id == "ukpga/2014/2" and c.section == "24" and c.subsection is None
    assert doc.blocks[0].text[c.evidence.start:c.evidence.end] == c.evidence.exact


def test_that_act_and_a_section_later_in_the_paragraph_resolve_to_the_act_named_before():
    doc = _doc("Acting under section 15(5) of the Local Government Act 1999, and satisfied that Wyvern District "
               "Council is failing its duties under Part 1 of that Act, the Secretary of State directs it. "
               "The Council made representations under section 15(9), which were considered. "
               "See section 4 for a summary.")
    assert [(r[1], r[3]) for r in _rows(doc)] == [
        ("s15(5)", "section 15(5) of the Local Government Act 1999"),
        ("Part 1", "Part 1 of that Act"),
        ("s15(9)", "section 15(9)"),
    ]
    assert [c.evidence.rule for c in find_citations(doc)] == ["section-of-act", "part-of-act",
                                                              "section-act-in-paragraph"]


def test_that_act_with_no_act_named_earlier_is_not_a_citation():
    assert find_citations(_doc("The council met its duties under Part 2 of that Act.")) == []


def test_an_inherited_act_only_for_sections_the_data_knows_and_officer_titles_are_not_sections():
    doc = _doc("Under the Local Government Act 1999 the Section 151 and Monitoring Officers report to the council; "
               "the s151 officer signs the accounts and section 99 applies.")
    assert [provision_key(c) for c in find_citations(doc)] == ["Act"]


def test_a_defined_the_act_does_not_capture_other_acts():
    doc = _doc("Under the Local Government Act 1999 (“the Act”) the council must secure best value.",
               "Section 15 of the Act applies; the Housing Act 1985 is also relevant.")
    assert _rows(doc) == [("ukpga/1999/27", "s15", "p2", "Section 15 of the Act")]
