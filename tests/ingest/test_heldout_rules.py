"""Rules added after scoring the held-out documents (tests/fixtures/heldout/), each tested on a snippet
of a different fictional council so that the rule, not the held-out text, is what passes."""
from __future__ import annotations

from ingest import people
from ingest.model import Document, DocumentFacts, PartialDate
from ingest.resolve import resolve_document
from ingest.structure import parse_structure


def facts_of(text: str, date=PartialDate(2019, 6, 3)) -> DocumentFacts:
    doc = Document("snippet", "snippet.txt", parse_structure(text, "snippet"), date=date)
    facts = DocumentFacts(document=doc)
    people.extract(doc, facts)
    resolve_document(facts)
    return facts


def holdings(facts: DocumentFacts):
    iso = lambda d: d.iso() if d else None
    return sorted((h.person or "", h.role, h.organisation or "", h.capacity or "", iso(h.start) or "",
                   iso(h.end) or "") for h in facts.holdings)


def test_pipe_table_rows_are_entries_under_their_header_row():
    blocks = parse_structure("Officers\n\nRole | Name | Since\nChief Executive | Ada Birch | May 2018\n"
                             "Monitoring Officer | Len Oduya (acting) | April 2019\n\nNext paragraph.\n")
    assert [(b.kind, b.text, b.parent) for b in blocks] == [
        ("heading", "Officers", None),
        ("paragraph", "Role | Name | Since", None),
        ("item", "Chief Executive | Ada Birch | May 2018", "b2"),
        ("item", "Monitoring Officer | Len Oduya (acting) | April 2019", "b2"),
        ("paragraph", "Next paragraph.", None),
    ]
    assert [b.line for b in blocks] == [1, 3, 4, 5, 7]


def test_attendance_lists_give_one_entry_a_line():
    text = ("Present:\nCllr Iris Penhale (Chair)\nTom Varga, Independent Member\n"
            "In attendance:\nUna Hale, Monitoring Officer\nApologies: Cllr Bo Reyes\n")
    blocks = parse_structure(text)
    assert [(b.anchor, b.kind, b.text, b.parent) for b in blocks] == [
        ("b1", "paragraph", "Present:", None),
        ("b2", "item", "Cllr Iris Penhale (Chair)", "b1"),
        ("b3", "item", "Tom Varga, Independent Member", "b1"),
        ("b4", "paragraph", "In attendance:", None),
        ("b5", "item", "Una Hale, Monitoring Officer", "b4"),
        ("b6", "paragraph", "Apologies: Cllr Bo Reyes", None),
    ]


def test_a_capitalised_title_names_the_subject_authority():
    facts = facts_of("KESTREL VALE DISTRICT COUNCIL\n\nREPORT TO CABINET\n\n"
                     "1.1 Ann Moss, the Monitoring Officer, reported on the review.\n")
    assert holdings(facts) == [("Ann Moss", "monitoring-officer", "Kestrel Vale District Council", "", "", "")]


def test_a_post_holder_since_table_gives_holdings_with_capacity_and_stated_start():
    text = ("WENDOVER HEATH BOROUGH COUNCIL\n\nStatutory officers\n\n"
            "Role | Name | Appointed\n"
            "Chief Executive | Priya Lowden (interim) | 4 February 2019\n"
            "Monitoring Officer | Owain Pryce | August 2016\n")
    facts = facts_of(text)
    assert holdings(facts) == [
        ("Owain Pryce", "monitoring-officer", "Wendover Heath Borough Council", "", "2016-08", ""),
        ("Priya Lowden", "head-of-paid-service", "Wendover Heath Borough Council", "interim", "2019-02-04", ""),
    ]
    h = next(h for h in facts.holdings if h.person == "Priya Lowden")
    assert (h.evidence.exact, h.evidence.rule, h.attested) == (
        "Chief Executive | Priya Lowden (interim) | 4 February 2019", "table-row", PartialDate(2019, 6, 3))


def test_a_table_date_under_a_left_column_is_an_end_and_not_held_on_the_date():
    facts = facts_of("Post | Holder | Left\nSection 151 Officer | Hal Ormsby | January 2019\n")
    (h,) = facts.holdings
    assert (h.person, h.role, h.start, h.end, h.attested) == (
        "Hal Ormsby", "section-151-officer", None, PartialDate(2019, 1), None)


def seats(facts: DocumentFacts):
    return sorted((h.person or "", h.role, h.organisation or "", h.lead_for, h.represents or "")
                  for h in facts.holdings if h.role in ("chair", "vice-chair", "board-lead", "board-member"))


def test_those_present_at_a_board_meeting_sit_on_it_and_those_in_attendance_do_not():
    text = ("MINUTES OF THE RECOVERY AND ASSURANCE PANEL\n\nHeld on 2 March 2021\n\n"
            "Present:\nCllr Iris Penhale (Chair)\nCllr Sol Marsh (Leader of the Council)\nCllr Ida Crewe (Green)\n"
            "Tom Varga, Independent Member, who leads on financial management\n"
            "In attendance:\nUna Hale, Monitoring Officer\n")
    facts = facts_of(text, date=PartialDate(2021, 3, 2))
    board = "Recovery and Assurance Panel"
    assert seats(facts) == [
        ("Ida Crewe", "board-member", board, (), "Green"),
        ("Iris Penhale", "chair", board, (), ""),
        ("Sol Marsh", "board-member", board, (), ""),
        ("Tom Varga", "board-lead", board, ("use-of-resources",), ""),
    ]
    assert ("Sol Marsh", "leader") in {(h.person, h.role) for h in facts.holdings}


def test_its_members_include_a_list_with_leads_and_an_opposition_leader_named_after_the_post():
    text = ("The Northfleet Improvement Board is chaired by Dame Olive Strang. Its members include Cllr Hart, "
            "the Leader of the Opposition, Cllr Nia Bowen (Independent), and two independent members: "
            "Rex Okafor, who leads on governance, and Mae Lindo, who leads on culture.\n")
    facts = facts_of(text)
    board = "Northfleet Improvement Board"
    assert seats(facts) == [
        ("Hart", "board-member", board, (), ""),
        ("Mae Lindo", "board-lead", board, ("culture",), ""),
        ("Nia Bowen", "board-member", board, (), "Independent"),
        ("Olive Strang", "chair", board, (), ""),
        ("Rex Okafor", "board-lead", board, ("governance",), ""),
    ]
    opp = [h.person for h in facts.holdings if h.role == "leader-of-the-opposition"]
    assert opp == ["Nia Bowen"]


def test_elected_leader_after_a_party_label_dates_the_post_not_the_seat():
    facts = facts_of("3.1 Cllr Rhian Talbot (Plaid Cymru) was elected Leader of the Council on 12 May 2016. "
                     "The Deputy Leader is Cllr Ned Amis.\n")
    got = {(h.person, h.role): (h.start.iso() if h.start else None, h.represents) for h in facts.holdings}
    assert got == {("Rhian Talbot", "councillor"): (None, "Plaid Cymru"),
                   ("Rhian Talbot", "leader"): ("2016-05-12", None),
                   ("Ned Amis", "deputy-leader"): (None, None)}


def test_copies_to_a_person_named_with_the_councils_post_list_the_person_once_with_the_post():
    text = ("Mr Idris Vaughan\nChief Executive\nSaltmarsh District Council\n\n4 May 2013\n\nDear Mr Vaughan\n\n"
            "I am writing about the review.\n\n"
            "I am copying this letter to the Leader, Cllr Moira Quill, and to Daniel Okoro, the Council's acting "
            "Monitoring Officer.\n\nYours sincerely\n\nLena Ruiz\nDeputy Director\n")
    facts = facts_of(text, date=PartialDate(2013, 5, 4))
    assert facts.copied_to == ["Moira Quill", "Daniel Okoro"]
    h = next(h for h in facts.holdings if h.person == "Daniel Okoro")
    assert (h.role, h.capacity, h.organisation, h.evidence.exact) == (
        "monitoring-officer", "acting", "Saltmarsh District Council",
        "Daniel Okoro, the Council's acting Monitoring Officer")


def test_a_predecessors_leaving_date_does_not_end_the_new_holders_post():
    facts = facts_of("3.1 Jo Kemble had been appointed as Interim Monitoring Officer with effect from 1 March 2019, "
                     "following the resignation of Amos Tate, who left the Council on 28 February 2019.\n")
    h = next(h for h in facts.holdings if h.person == "Jo Kemble")
    assert (h.role, h.capacity, h.start, h.end, h.attested) == (
        "monitoring-officer", "interim", PartialDate(2019, 3, 1), None, PartialDate(2019, 6, 3))


def test_posts_a_direction_requires_to_be_filled_are_not_held():
    facts = facts_of("2. The Authority shall, no later than 1 May 2015, appoint a permanent Chief Executive, "
                     "a permanent Section 151 Officer and a permanent Monitoring Officer.\n\n"
                     "3. The Council has appointed an interim Monitoring Officer.\n")
    assert holdings(facts) == [("", "monitoring-officer", "", "interim", "", "")]


def test_commissioners_proposed_to_be_appointed_do_not_hold_the_post_yet():
    facts = facts_of("The Secretary of State proposes to appoint Mr Colin Ashby as Lead Commissioner and "
                     "Ms Petra Lund as a Commissioner. Mr Hugo Fenn was appointed as Commissioner in 2018.\n")
    got = {(h.person, h.role): h.attested for h in facts.holdings if h.person}
    assert got == {("Colin Ashby", "lead-commissioner"): None, ("Petra Lund", "commissioner"): None,
                   ("Hugo Fenn", "commissioner"): PartialDate(2019, 6, 3)}


def test_minutes_signed_by_the_chair_have_a_signatory():
    facts = facts_of("1. Apologies\n\n1.1 None.\n\nSigned: Cllr Enid Varley, Chair\n")
    assert facts.signatories == ["Cllr Enid Varley"]      # as written, as for letters
    assert facts_of("1.1 The paper was signed: it is agreed.\n").signatories == []


def test_a_title_in_capitals_cites_the_section_it_names():
    from ingest.legislation import find_citations
    blocks = parse_structure("DIRECTIONS UNDER SECTION 15 OF THE LOCAL GOVERNMENT ACT 1999\n\n"
                             "ORCHARD HILL BOROUGH COUNCIL\n\nThe Council shall comply.\n")
    doc = Document("snippet", "snippet.txt", blocks, date=PartialDate(2017, 1, 9))
    (c,) = find_citations(doc)
    assert (c.act_id, c.section, c.subsection, c.evidence.anchor, c.evidence.exact) == (
        "ukpga/1999/27", "15", None, "b1", "SECTION 15 OF THE LOCAL GOVERNMENT ACT 1999")


def test_minutes_held_on_a_date_are_a_meeting_on_it():
    from ingest.events import block_events
    blocks = parse_structure("MINUTES OF THE AUDIT PANEL\n\nHeld on Wednesday 3 April 2024 at Ferndale House\n")
    (e,) = block_events(blocks[1], 2024)
    assert (e.kind, e.date, e.evidence.anchor) == ("Meeting", PartialDate(2024, 4, 3), "b2")


def test_the_person_an_inspection_was_carried_out_by_was_its_inspector():
    facts = facts_of("BRACKENFORD CITY COUNCIL\n\nFollowing the Best Value inspection carried out by Dr Ines Faro "
                     "in 2018, the Council adopted a plan.\n")
    (h,) = facts.holdings
    assert (h.person, h.role, h.organisation, h.attested, h.evidence.exact) == (
        "Ines Faro", "inspector", "Brackenford City Council", None,
        "Best Value inspection carried out by Dr Ines Faro")


def test_a_markdown_table_with_outer_pipes_and_a_rule_line_reads_the_same():
    text = ("MOORCROFT DISTRICT COUNCIL\n\n| Post | Holder | Since |\n|---|---|---|\n"
            "| Monitoring Officer | Gwen Sallis (acting) | October 2020 |\n")
    blocks = parse_structure(text)
    assert [(b.kind, b.text, b.parent) for b in blocks[1:]] == [
        ("paragraph", "| Post | Holder | Since |", None),
        ("item", "| Monitoring Officer | Gwen Sallis (acting) | October 2020 |", "b2")]
    facts = facts_of(text, date=PartialDate(2021, 1, 5))
    assert holdings(facts) == [("Gwen Sallis", "monitoring-officer", "Moorcroft District Council", "acting",
                                "2020-10", "")]


def test_unbulleted_member_lines_after_the_boards_members_are_are_seats():
    text = ("LINDLEY TOWN COUNCIL\n\nFinance Recovery Board\n\n1.1 The Board's members are:\n\n"
            "Chair: Sir Oswin Tait\nCllr Rosa Quint (Leader of the Council)\n"
            "Mina Dale, independent member with lead responsibility for governance\n\n"
            "1.2 Omar Fell has been the Council's Chief Executive since April 2018.\n")
    facts = facts_of(text, date=PartialDate(2023, 1, 12))
    board = "Finance Recovery Board"
    assert seats(facts) == [("Mina Dale", "board-lead", board, ("governance",), ""),
                            ("Oswin Tait", "chair", board, (), ""),
                            ("Rosa Quint", "board-member", board, (), "")]
    h = next(h for h in facts.holdings if h.person == "Omar Fell")
    assert (h.role, h.start) == ("head-of-paid-service", PartialDate(2018, 4))


def test_lines_after_a_signed_as_a_correct_record_line_stay_a_signature():
    blocks = parse_structure("1.1 Agreed.\n\nSigned as a correct record:\n\nDr Jo Bell\nChair, Wexcombe Panel\n")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "signature"]


def test_appointed_to_carry_out_an_inspection_and_became_leader_in_a_month():
    facts = facts_of("ROWANSTOKE BOROUGH COUNCIL\n\nThe Secretary of State has appointed Ms Lyra Quist to carry out "
                     "a Best Value inspection of the Council. Cllr Abel Morrow became Leader of the Council in "
                     "May 2019.\n", date=PartialDate(2021, 7, 8))
    got = {(h.person, h.role): (h.start.iso() if h.start else None, h.attested is not None) for h in facts.holdings
           if h.person}
    assert got == {("Lyra Quist", "inspector"): (None, True), ("Abel Morrow", "leader"): ("2019-05", True)}


def test_a_present_line_seats_those_present_but_not_those_in_attendance():
    text = ("Minutes of the Harbour Recovery Panel held on 9 February 2024\n\n"
            "Present: Councillors Tessa Greer (Chair), Brian Holt and Cara Lyle; Dr Peter Voss (Independent Member) "
            "In attendance: Nina Akers (Chief Executive)\n\n"
            "1.1 Leon Shaw took up post as Section 151 Officer on 1 January 2024.\n\n"
            "1.2 Apologies were received from Omar Dunn (Director of Place and Monitoring Officer).\n")
    facts = facts_of(text, date=PartialDate(2024, 2, 9))
    board = "Harbour Recovery Panel"
    assert seats(facts) == [("Brian Holt", "board-member", board, (), ""), ("Cara Lyle", "board-member", board, (), ""),
                            ("Peter Voss", "board-member", board, (), ""), ("Tessa Greer", "chair", board, (), "")]
    got = {(h.person, h.role): h.start.iso() if h.start else None for h in facts.holdings
           if h.role in ("section-151-officer", "monitoring-officer", "head-of-paid-service")}
    assert got == {("Nina Akers", "head-of-paid-service"): None, ("Leon Shaw", "section-151-officer"): "2024-01-01",
                   ("Omar Dunn", "monitoring-officer"): None}


def test_a_named_predecessor_held_the_post_until_the_day_they_left():
    facts = facts_of("2.1 Leon Shaw took up post as Section 151 Officer on 1 January 2024, succeeding Alan Pike, "
                     "who retired on 31 December 2023.\n", date=PartialDate(2024, 2, 9))
    assert holdings(facts) == [("Alan Pike", "section-151-officer", "", "", "", "2023-12-31"),
                               ("Leon Shaw", "section-151-officer", "", "", "2024-01-01", "")]
    pike = next(h for h in facts.holdings if h.person == "Alan Pike")
    assert (pike.attested, pike.evidence.exact) == (None, "succeeding Alan Pike, who retired on 31 December 2023")


def test_from_and_to_lines_on_consecutive_lines_are_two_people():
    text = ("From: Dame Una Petch, Lead Commissioner, Cresswold Borough Council\n"
            "To: The Rt Hon Alan Grey MP, Minister for Local Government\n\n3 June 2025\n\nDear Minister\n\n"
            "We report on progress.\n\nYours sincerely\n\nDame Una Petch\nLead Commissioner\n")
    blocks = parse_structure(text)
    assert [b.text for b in blocks[:2]] == ["From: Dame Una Petch, Lead Commissioner, Cresswold Borough Council",
                                            "To: The Rt Hon Alan Grey MP, Minister for Local Government"]
    facts = facts_of(text, date=PartialDate(2025, 6, 3))
    assert {(h.person, h.role) for h in facts.holdings} == {("Una Petch", "lead-commissioner"),
                                                            ("Alan Grey", "minister-of-state")}
    assert facts.recipients == ["The Rt Hon Alan Grey MP"]


def test_commissioners_appointed_on_a_date_for_an_initial_period_start_the_intervention():
    from ingest.interventions import block_interventions
    (b,) = parse_structure("1.1 We were appointed on 1 March 2025 for an initial period of two years.\n")
    (i,) = block_interventions(b, 2025, {})
    assert (i.start, i.initial_duration, i.evidence.exact) == (
        PartialDate(2025, 3, 1), "P2Y", "were appointed on 1 March 2025 for an initial period of two years")
    (b,) = parse_structure("1.1 She was appointed on 1 March 2025. The Directions run for an initial period of two years.\n")
    (i,) = block_interventions(b, 2025, {})
    assert (i.start, i.initial_duration) == (None, "P2Y")


def test_weak_governance_is_failing_and_some_progress_on_culture_is_progress():
    from ingest.themes import ThemeFinder, block_themes
    (b,) = parse_structure("1.3 Governance remains weak, although there has been some progress on culture.\n")
    assert sorted((t.theme, t.judgement) for t in block_themes(b, ThemeFinder())) == [
        ("culture", "progress"), ("governance", "failing")]


def test_post_dash_name_list_items_with_a_bracketed_capacity_and_start_and_a_leading_since():
    text = ("ASHCOMBE CITY COUNCIL\n\n2.1 The statutory officers are:\n\n"
            "Head of Paid Service – Lorna Beck (interim, since 4 November 2025)\nSection 151 Officer – Tariq Aziz\n\n"
            "2.2 Since January 2026 the Director of Law, Ellen Shore, has acted as Monitoring Officer.\n")
    facts = facts_of(text, date=PartialDate(2026, 3, 5))
    assert holdings(facts) == [
        ("Ellen Shore", "monitoring-officer", "Ashcombe City Council", "acting", "2026-01", ""),
        ("Lorna Beck", "head-of-paid-service", "Ashcombe City Council", "interim", "2025-11-04", ""),
        ("Tariq Aziz", "section-151-officer", "Ashcombe City Council", "", "", ""),
    ]


def test_financial_recovery_and_position_name_use_of_resources():
    from ingest.themes import ThemeFinder, block_themes
    (b,) = parse_structure("4.1 The Panel noted that the Council's financial position remains serious.\n")
    assert [(t.theme, t.evidence.exact) for t in block_themes(b, ThemeFinder())] == [
        ("use-of-resources", "financial position")]


def test_a_board_that_will_next_meet_on_a_date_has_a_meeting_then():
    from ingest.events import block_events
    (b,) = parse_structure("4.2 The Panel met on 2 June 2023 and will next meet on 14 July 2023.\n")
    assert sorted((e.kind, e.date.iso()) for e in block_events(b, 2023)) == [
        ("Meeting", "2023-06-02"), ("Meeting", "2023-07-14")]


def test_the_chair_of_a_board_named_before_the_person():
    facts = facts_of("3. The Independent Chair of the Recovery Board, Professor Amos Reed, has agreed the plan. "
                     "The Vice-Chair of the Recovery Board, Cllr Ada Fry, agreed too.\n")
    got = sorted((h.person, h.role, h.organisation, h.role_as_written, h.evidence.exact) for h in facts.holdings
                 if h.role in ("chair", "vice-chair"))
    assert got == [("Ada Fry", "vice-chair", "Recovery Board", "Vice-Chair",
                    "Vice-Chair of the Recovery Board, Cllr Ada Fry"),
                   ("Amos Reed", "chair", "Recovery Board", "Independent Chair",
                    "Independent Chair of the Recovery Board, Professor Amos Reed")]


def test_a_bracketed_post_followed_by_a_remark_or_a_portfolio():
    facts = facts_of("Present: Cllr Yara Teal (Leader, in the Chair), Cllr Ivo Shan (Cabinet Member for Resources)\n\n"
                     "1. The Leader reported on the budget.\n")
    got = sorted((h.person, h.role, h.role_as_written, h.evidence.exact) for h in facts.holdings)
    assert got == [("Ivo Shan", "cabinet-member", "Cabinet Member for Resources",
                    "Cllr Ivo Shan (Cabinet Member for Resources)"),
                   ("Yara Teal", "leader", "Leader", "Cllr Yara Teal (Leader, in the Chair)")]


def test_a_record_that_opens_with_who_was_present_is_minutes():
    from ingest.metadata import guess_kind
    assert guess_kind(parse_structure("NORTH ASHBY COUNCIL\n\nCABINET – 17 June 2027\n\n"
                                      "Present: Cllr Yara Teal (Leader, in the Chair)\n\n1. Budget\n")) == "Minutes"
    assert guess_kind(parse_structure("Dear Ms Teal\n\nPresent: the budget was agreed.\n\nYours sincerely\n\nA Bee\n")) \
        == "Letter"


def test_who_leads_on_a_theme_in_prose_is_a_lead_of_the_board_named():
    facts = facts_of("4.1 The Tanford Assurance Board met in May. Jon Pell, who leads on financial management, "
                     "presented the budget.\n")
    assert seats(facts) == [("Jon Pell", "board-lead", "Tanford Assurance Board", ("use-of-resources",), "")]
