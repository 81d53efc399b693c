"""Directions and their items on short hand-written documents (other councils, other years)."""
from ingest.directions import defined_terms, extract, find_directions, referred_directions
from ingest.model import Block, Document, DocumentFacts, PartialDate


def _b(anchor, number, kind, text, parent=None, section=None, pos=0):
    return Block(anchor, number, kind, text, pos + 1, pos + 1, pos, parent=parent, section=section)


def _made_letter(date=PartialDate(2023, 9, 14)) -> Document:
    sec = "DIRECTIONS TO BARSETSHIRE BOROUGH COUNCIL"
    blocks = [
        _b("b1", None, "paragraph", "The Secretary of State has decided to exercise her powers under section 15(5) "
           "and (6) of the Local Government Act 1999 and has today made the Directions set out in the Annex."),
        _b("b2", None, "heading", sec, section=sec),
        _b("p1", "1", "paragraph", "The Secretary of State hereby directs Barsetshire Borough Council (\"the Authority\") "
           "as follows. These Directions take effect on 14 September 2023.", section=sec),
        _b("p2", "2", "paragraph", "The Authority shall:", section=sec),
        _b("p2.a", "2(a)", "item", "Within six months of the date of these Directions, prepare an Improvement Plan "
           "(the Plan) covering:", parent="p2", section=sec),
        _b("p2.a.i", "2(a)(i)", "item", "the scrutiny of procurement;", parent="p2.a", section=sec),
        _b("p2.b", "2(b)", "item", "By 31 March 2024, adopt a revised Constitution.", parent="p2", section=sec),
        _b("p2.c", "2(c)", "item", "Report to the Commissioners on the delivery of the Plan every six months.",
           parent="p2", section=sec),
    ]
    return Document(slug="barsetshire", path="x.txt", blocks=[b for b in blocks], date=date)


def test_made_directions_with_power_authority_items_and_deadlines():
    (d,) = find_directions(_made_letter())
    assert (d.status, d.key, d.date, d.authority) == ("made", "directions", PartialDate(2023, 9, 14),
                                                      "Barsetshire Borough Council")
    assert (d.power.act_id, d.power.subsection, d.power.evidence.exact) == (
        "ukpga/1999/27", "15(5)", "section 15(5) and (6) of the Local Government Act 1999")
    rows = [(i.label, i.deadline_duration, i.deadline, i.reporting_interval, i.reports_to) for i in d.items]
    assert rows == [
        ("a", "P6M", PartialDate(2024, 3, 14), None, None),
        ("a(i)", None, None, None, None),
        ("b", None, PartialDate(2024, 3, 31), None, None),
        ("c", None, None, "P6M", "Commissioners"),
    ]
    a_i = d.items[1]
    assert a_i.themes == ("governance", "use-of-resources")
    assert (a_i.evidence.anchor, a_i.evidence.exact, a_i.text) == ("p2.a.i", "the scrutiny of procurement;",
                                                                   "the scrutiny of procurement;")


def test_deadline_keeps_the_direction_date_precision():
    (d,) = find_directions(_made_letter(date=None))
    # the stated 'take effect' date is the direction date, not the (missing) document date
    assert d.items[0].deadline == PartialDate(2024, 3, 14)
    doc = _made_letter()
    doc.blocks[2] = _b("p1", "1", "paragraph", "The Secretary of State hereby directs Barsetshire Borough Council.")
    doc.date = PartialDate(2023, 9)
    (d,) = find_directions(doc)
    assert (d.date, d.items[0].deadline) == (PartialDate(2023, 9), PartialDate(2024, 3))
    doc.date = PartialDate(2023)
    (d,) = find_directions(doc)
    assert d.items[0].deadline is None and d.items[0].deadline_duration == "P6M"


def test_proposed_directions_list_reports_to_defined_board_and_skips_aims_lists():
    sec = "Directions to the Authority"
    blocks = [
        _b("p8", "8", "paragraph", "The aims of the proposed package are to support the Authority to:"),
        _b("p8.a", "8(a)", "item", "Rebuild trust within one month of the date of these Directions.", parent="p8"),
        _b("p9", "9", "paragraph", "The Secretary of State is minded to exercise powers of direction under "
           "section 15(5) of the Local Government Act 1999 in relation to Wessex District Council."),
        _b("p10", "10", "paragraph", "The proposed Directions set out actions which the Authority must undertake.",
           section=sec),
        _b("p10.a", "10(a)", "item", "Reconfigure its panel into an Improvement and Assurance Board (the Board).",
           parent="p10", section=sec),
        _b("p10.b", "10(b)", "item", "To report to the Board on the delivery of the plan at three monthly "
           "intervals, or at such intervals as the Board may direct.", parent="p10", section=sec),
        _b("p10.c", "10(c)", "item", "Within **one month** of the date of these Directions, appoint a lead officer.",
           parent="p10", section=sec),
    ]
    doc = Document(slug="wessex", path="w.txt", blocks=blocks, date=PartialDate(2021, 1, 31))
    assert defined_terms(doc) == {"Board": "Improvement and Assurance Board"}
    (d,) = find_directions(doc)
    assert (d.status, d.date, d.authority, d.power.subsection) == ("proposed", PartialDate(2021, 1, 31),
                                                                   "Wessex District Council", "15(5)")
    assert [(i.label, i.reporting_interval, i.reports_to, i.deadline_duration, i.deadline) for i in d.items] == [
        ("a", None, None, None, None),
        ("b", "P3M", "Improvement and Assurance Board", None, None),
        ("c", None, None, "P1M", PartialDate(2021, 2, 28)),
    ]


def test_directions_referred_to_are_made_facts_with_stated_precision_only():
    blocks = [
        _b("b1", None, "paragraph", "Following an inspection in May 2019 Northwick was placed under Best Value "
           "Directions by the Secretary of State in October 2019. It was issued with revised Directions which "
           "will be in force until 30 June 2022."),
        _b("b2", None, "paragraph", "We believe the Property Direction should continue, and that the Directions "
           "in respect of Grants can end. The Council will meet its further or revised Directions."),
    ]
    doc = Document(slug="n", path="n.txt", blocks=blocks, date=PartialDate(2021))
    rows = [(d.status, d.key, d.date, d.evidence.exact, d.items) for d in referred_directions(doc)]
    assert rows == [
        ("made", "best-value-directions-2019-10", PartialDate(2019, 10),
         "placed under Best Value Directions by the Secretary of State in October 2019", []),
        ("made", "revised-directions", None, "issued with revised Directions", []),
        ("made", "direction-property", None, "the Property Direction", []),
        ("made", "direction-grants", None, "the Directions in respect of Grants", []),
    ]


def test_no_directions_in_a_reply_that_only_mentions_a_proposed_direction():
    doc = Document(slug="k", path="k.txt", blocks=[
        _b("b1", None, "paragraph", "We ask the Secretary of State to reconsider proposed Direction (c), which "
           "would transfer procurement to the Commissioners."),
        _b("b2", None, "paragraph", "We will report on the proposed Directions to Full Council on 18 March 2021.")])
    facts = DocumentFacts(document=doc)
    extract(doc, facts)
    assert facts.directions == []


def test_lettered_items_written_inline_in_one_paragraph():
    text = ("The Secretary of State hereby directs Barsetshire Borough Council to: (a) within six months of the "
            "date of these Directions, adopt a balanced budget; (b) report to the Secretary of State at six "
            "monthly intervals; and (c) by 31 March 2020, appoint a permanent Chief Executive.")
    doc = Document(slug="b", path="b.txt", date=PartialDate(2019, 7, 1), blocks=[_b("p4", "4", "paragraph", text)])
    (d,) = find_directions(doc)
    assert (d.status, d.authority, d.date) == ("made", "Barsetshire Borough Council", PartialDate(2019, 7, 1))
    rows = [(i.label, i.evidence.exact, i.deadline_duration, i.deadline, i.reporting_interval, i.reports_to)
            for i in d.items]
    assert rows == [
        ("a", "within six months of the date of these Directions, adopt a balanced budget;", "P6M",
         PartialDate(2020, 1, 1), None, None),
        ("b", "report to the Secretary of State at six monthly intervals; and", None, None, "P6M",
         "Secretary of State"),
        ("c", "by 31 March 2020, appoint a permanent Chief Executive.", None, PartialDate(2020, 3, 31), None, None),
    ]
    assert all(text[i.evidence.start:i.evidence.end] == i.text for i in d.items)


def test_directions_by_area_keep_what_the_council_asks_for_each():
    blocks = [
        _b("b1", None, "paragraph", "We believe the Property Direction should continue, and that the Directions "
           "in respect of Grants can end."),
        _b("b2", None, "paragraph", "The Council has now complied with the Directions in relation to Senior Staffing."),
        _b("b3", None, "paragraph", "Good progress has been made in respect of licensing, and one action is left. "
           "In our view the relevant Direction can be ended very soon."),
        _b("b4", None, "paragraph", "We propose that this Direction is amended, keeping oversight of highways."),
        _b("b5", None, "paragraph", "Work in relation to parks is continuing under this Direction."),   # no outcome: no fact
    ]
    doc = Document(slug="w", path="w.txt", blocks=blocks, date=None)
    rows = [(d.key, d.area, d.outcome_sought, d.evidence.exact, [e.exact for e in d.extra_evidence])
            for d in referred_directions(doc)]
    assert rows == [
        ("direction-property", "Property", "continue", "the Property Direction", [blocks[0].text]),
        ("direction-grants", "Grants", "end", "the Directions in respect of Grants", [blocks[0].text]),
        ("direction-senior-staffing", "Senior Staffing", "fulfilled",
         "the Directions in relation to Senior Staffing", [blocks[1].text]),
        ("direction-licensing", "licensing", "end shortly", "in respect of licensing",
         ["In our view the relevant Direction can be ended very soon."]),
    ]


def test_numbered_paragraphs_after_hereby_directs_are_the_items_with_roman_sub_items():
    """'... hereby directs the Authority as follows.' then '1.', '(i)', '2.': the numbers are the labels."""
    blocks = [
        _b("b1", None, "paragraph", "The Secretary of State, in exercise of the powers conferred by section 15(5) of "
           "the Local Government Act 1999, hereby directs Wenlock Vale District Council as follows."),
        _b("p1", "1", "paragraph", "The Authority shall, within two months of the date of these Directions, "
           "adopt an action plan, which shall include:"),
        _b("p1.i", "1(i)", "item", "a review of its procurement rules;", parent="p1"),
        _b("p2", "2", "paragraph", "The Authority shall, no later than 30 April 2017, appoint a permanent "
           "Monitoring Officer."),
        _b("p3", "3", "paragraph", "The Authority shall report to the Commissioners every three months."),
        _b("b6", None, "heading", "Commissioners"),
        _b("p4", "4", "paragraph", "The Commissioners shall be paid a daily fee."),
    ]
    (d,) = find_directions(Document(slug="wenlock", path="x.txt", blocks=blocks, date=PartialDate(2016, 11, 2)))
    rows = [(i.label, i.deadline_duration, i.deadline, i.reporting_interval, i.reports_to) for i in d.items]
    assert rows == [
        ("1", "P2M", PartialDate(2017, 1, 2), None, None),
        ("1(i)", None, None, None, None),
        ("2", None, PartialDate(2017, 4, 30), None, None),
        ("3", None, None, "P3M", "Commissioners"),
    ]
    assert (d.status, d.evidence.anchor, d.items[1].evidence.exact) == ("made", "b1", "a review of its procurement rules;")


def test_report_paragraphs_numbered_without_a_directing_head_are_not_items():
    blocks = [_b("b1", None, "paragraph", "The Board met twice."),
              _b("p1", "1", "paragraph", "The Authority shall publish its accounts."),
              _b("p2", "2", "paragraph", "The Authority shall review its constitution.")]
    assert find_directions(Document(slug="wenlock", path="x.txt", blocks=blocks, date=PartialDate(2016, 11, 2))) == []


def test_parenthesised_items_left_without_a_parent_belong_to_the_paragraph_before_them():
    """'(a) ...' lines after 'The Council shall:' that the layout did not attach to it."""
    blocks = [
        _b("b1", None, "paragraph", "The Secretary of State is minded to give Directions under section 15(5) of the "
           "Local Government Act 1999 to Ravensholt Borough Council."),
        _b("b2", None, "paragraph", "The Council shall:"),
        _b("pa", "a", "item", "within 4 months of the date of these Directions, agree a workforce plan;"),
        _b("pb", "b", "item", "no later than 31 July 2012, review its contract standing orders;"),
    ]
    (d,) = find_directions(Document(slug="ravensholt", path="x.txt", blocks=blocks, date=PartialDate(2012, 3, 5)))
    assert (d.status, d.evidence.anchor) == ("proposed", "b2")
    assert [(i.label, i.deadline_duration, i.deadline) for i in d.items] == [
        ("a", "P4M", PartialDate(2012, 7, 5)), ("b", None, PartialDate(2012, 7, 31))]


def test_items_numbered_in_brackets_under_shall_are_labelled_by_their_number():
    """'The Authority shall:' then '(1) ...', '(2) ...': the bracketed numbers label the items."""
    from ingest.structure import parse_structure
    text = ("1. Background\n\n1.1 The Secretary of State has today made Directions under section 15(5) of the "
            "Local Government Act 1999 to Pellworth Borough Council.\n\n2. The Directions\n\n2.1 The Authority shall:\n\n"
            "(1) within two months of the date of these Directions, adopt an action plan;\n\n"
            "(2) by 31 May 2019, review its constitution;\n\n(3) report to the Commissioners every six months.\n")
    doc = Document(slug="pellworth", path="x.txt", blocks=parse_structure(text), date=PartialDate(2019, 1, 15))
    (d,) = find_directions(doc)
    assert (d.status, d.evidence.anchor) == ("made", "p2.1")
    assert [(i.label, i.deadline_duration, i.deadline, i.reporting_interval) for i in d.items] == [
        ("1", "P2M", PartialDate(2019, 3, 15), None), ("2", None, PartialDate(2019, 5, 31), None),
        ("3", None, None, "P6M")]


def test_a_deadline_by_the_end_of_a_month():
    blocks = [_b("p2", "2", "paragraph", "The Secretary of State hereby directs Oakhurst City Council that the Authority shall:"),
              _b("p2.a", "2(a)", "item", "by the end of March 2020, prepare an improvement plan;", parent="p2"),
              _b("p2.b", "2(b)", "item", "within 28 days of the date of these Directions, establish a board.", parent="p2")]
    (d,) = find_directions(Document(slug="oakhurst", path="x.txt", blocks=blocks, date=PartialDate(2019, 12, 2)))
    assert [(i.label, i.deadline_duration, i.deadline) for i in d.items] == [
        ("a", None, PartialDate(2020, 3)), ("b", "P28D", PartialDate(2019, 12, 30))]


def test_an_item_opening_within_a_duration_counts_from_the_direction_date():
    blocks = [_b("p2", "2", "paragraph", "The Secretary of State hereby directs Lynbrook Borough Council to:"),
              _b("p2.a", "2(a)", "item", "within three months, prepare an improvement plan;", parent="p2"),
              _b("p2.b", "2(b)", "item", "before 1 September 2026, review its scrutiny arrangements.", parent="p2")]
    (d,) = find_directions(Document(slug="lynbrook", path="x.txt", blocks=blocks, date=PartialDate(2026, 3, 3)))
    assert [(i.label, i.deadline_duration, i.deadline) for i in d.items] == [
        ("a", "P3M", PartialDate(2026, 6, 3)), ("b", None, PartialDate(2026, 9, 1))]


def test_areas_of_the_powers_the_directions_give():
    text = ("In March 2021 Kingsmere City Council was placed under Best Value Directions by the Secretary of "
            "State. The Directions gave two Commissioners decision making powers in the areas of Housing "
            "Management, Finance, Licensing and Regeneration. Three other councils were not affected.")
    doc = Document(slug="k", path="k.txt", blocks=[_b("b1", None, "paragraph", text)], date=PartialDate(2022))
    (d,) = referred_directions(doc)
    assert d.key == "best-value-directions"
    assert d.areas == ("Housing Management", "Finance", "Licensing", "Regeneration")
    assert [(e.exact, e.rule) for e in d.extra_evidence] == [
        ("powers in the areas of Housing Management, Finance, Licensing and Regeneration", "direction-powers-areas")]
