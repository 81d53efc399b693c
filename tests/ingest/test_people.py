"""People, organisations and role holdings from short hand-written snippets (councils other than the corpus's)."""
from __future__ import annotations

from ingest import people
from ingest.model import Document, DocumentFacts, PartialDate
from ingest.resolve import resolve_document
from ingest.structure import parse_structure


def facts_of(text: str, date=PartialDate(2024, 3, 1)) -> DocumentFacts:
    doc = Document("snippet", "snippet.txt", parse_structure(text, "snippet"), date=date)
    facts = DocumentFacts(document=doc)
    people.extract(doc, facts)
    resolve_document(facts)
    return facts


def rows(facts: DocumentFacts):
    """(person, role, organisation, capacity, start, end, attested, quote) per holding."""
    iso = lambda d: d.iso() if d else None
    return [(h.person, h.role, h.organisation, h.capacity, iso(h.start), iso(h.end), iso(h.attested),
             h.evidence.exact) for h in facts.holdings]


LETTER = """Ms Sarah Jones
Chief Executive
Barsetshire County Council
County Hall
Barchester BA1 2CD

1 March 2024

Dear Ms Jones,

1. Jane Doe, Interim Monitoring Officer, Barsetshire County Council, attended the meeting with Cllr Ann Lee (Liberal Democrat) and Councillor Sharon Thompson, Leader of the Council.

2. In 2023 the Council appointed Raj Patel as its Section 151 Officer in March 2023. Chris Naylor, who chairs the Improvement and Assurance Board, met the Chief Executive, Sarah Jones, on 4 January.

3. The council has recently appointed a new Monitoring Officer following the recent departure of the Section 151 Officer. The external auditor, Grant Thornton, reported in January. Tom Smith has been appointed as Managing Director from 1 April 2024.

4. We met Mayor Joe Anderson at Whitechapel Road. The Best Value Continuous Improvement Plan was discussed at Victoria Park.

I am copying this letter to the Council's Monitoring Officer.

Yours sincerely,

Simon Hoare MP
Minister for Local Government

Cc: Mark Hall, Director of Law and Governance
"""


def test_letter_people_and_non_people():
    f = facts_of(LETTER)
    keys = sorted({p.key for p in f.people})
    assert keys == ["Ann Lee", "Chris Naylor", "Jane Doe", "Joe Anderson", "Mark Hall", "Raj Patel",
                    "Sarah Jones", "Sharon Thompson", "Simon Hoare", "Tom Smith"]
    # the salutation's 'Ms Jones' resolves to the addressee
    jones = [p for p in f.people if p.name == "Jones"]
    assert [(p.key, p.honorifics, p.evidence.exact) for p in jones] == [("Sarah Jones", ("Ms",), "Ms Jones")]
    hoare = next(p for p in f.people if p.key == "Simon Hoare")
    assert hoare.suffixes == ("MP",)
    assert ("Grant Thornton", "auditor") in {(o.name, o.kind) for o in f.organisations}
    assert ("Liberal Democrat", "group") in {(o.name, o.kind) for o in f.organisations}


def test_letter_addressee_signatory_and_copies():
    f = facts_of(LETTER)
    assert f.recipients == ["Ms Sarah Jones"]
    assert f.signatories == ["Simon Hoare MP"]
    assert f.copied_to == ["Monitoring Officer", "Mark Hall"]


def test_letter_holdings():
    got = rows(facts_of(LETTER))
    bcc = "Barsetshire County Council"
    expected = [
        ("Sarah Jones", "head-of-paid-service", bcc, None, None, None, "2024-03-01", "Ms Sarah Jones Chief Executive"),
        ("Simon Hoare", "minister-of-state", None, None, None, None, "2024-03-01",
         "Simon Hoare MP Minister for Local Government"),
        ("Ann Lee", "councillor", bcc, None, None, None, "2024-03-01", "Cllr Ann Lee (Liberal Democrat)"),
        ("Jane Doe", "monitoring-officer", bcc, "interim", None, None, "2024-03-01",
         "Jane Doe, Interim Monitoring Officer, Barsetshire County Council"),
        ("Sharon Thompson", "leader", bcc, None, None, None, "2024-03-01",
         "Councillor Sharon Thompson, Leader of the Council"),
        ("Raj Patel", "section-151-officer", bcc, None, "2023-03", None, "2024-03-01", "Raj Patel as its Section 151 Officer"),
        # a start after the document's date: not attested as held on it
        ("Tom Smith", "head-of-paid-service", bcc, None, "2024-04-01", None, None,
         "Tom Smith has been appointed as Managing Director"),
        ("Joe Anderson", "executive-mayor", bcc, None, None, None, "2024-03-01", "Mayor Joe Anderson"),
        ("Mark Hall", "monitoring-officer", bcc, None, None, None, "2024-03-01", "Mark Hall, Director of Law and Governance"),
        ("Chris Naylor", "chair", "Improvement and Assurance Board", None, None, None, "2024-03-01",
         "Chris Naylor, who chairs the Improvement and Assurance Board"),
        # unnamed holders: a new one in post, a departed one (not attested), the one copied in
        (None, "monitoring-officer", bcc, None, None, None, "2024-03-01", "new Monitoring Officer"),
        (None, "section-151-officer", bcc, None, None, None, None, "Section 151 Officer"),
        (None, "monitoring-officer", bcc, None, None, None, "2024-03-01", "Monitoring Officer"),
    ]
    assert got == expected


def test_board_seat_kind_and_rule():
    f = facts_of(LETTER)
    chair = next(h for h in f.holdings if h.role == "chair")
    assert (chair.org_kind, chair.evidence.rule, chair.evidence.anchor) == ("board", "chairs", "p2")


COMMISSIONERS = """Commissioners' report to the Secretary of State on Slough Borough Council

1 March 2024

1. The Commissioners are Max Caller CBE (Lead Commissioner), Gill Elliott and Margaret Lee. The Housing Revenue Account was reviewed with Brighton and Hove City Council.

2. Stephen Taylor, the former Chief Executive of the council, left in June 2023. Will Tuckley was previously Chief Executive of Bexley. The Leader, Councillor Dexter Smith, and the Deputy Leader, Cllr Puja Bedi, met Commissioners. Ms Bedi agreed.

3. Councillor James Swindlehurst has been Leader of the Council since May 2023. The acting Director of Finance is Adele Taylor.

Yours faithfully,

Max Caller CBE
Lead Commissioner

Gill Elliott
Commissioner

Margaret Lee
Commissioner
"""


def test_commissioners_report():
    got = rows(facts_of(COMMISSIONERS))
    sbc = "Slough Borough Council"
    assert got == [
        ("Max Caller", "lead-commissioner", sbc, None, None, None, "2024-03-01", "Max Caller CBE Lead Commissioner"),
        ("Gill Elliott", "commissioner", sbc, None, None, None, "2024-03-01", "Gill Elliott Commissioner"),
        ("Margaret Lee", "commissioner", sbc, None, None, None, "2024-03-01", "Margaret Lee Commissioner"),
        # 'former' and a stated end: a past holding
        ("Stephen Taylor", "head-of-paid-service", sbc, None, None, "2023-06", None,
         "Stephen Taylor, the former Chief Executive"),
        ("Will Tuckley", "head-of-paid-service", "Bexley", None, None, None, None,
         "Will Tuckley was previously Chief Executive of Bexley"),
        ("Dexter Smith", "leader", sbc, None, None, None, "2024-03-01", "Leader, Councillor Dexter Smith"),
        ("Puja Bedi", "deputy-leader", sbc, None, None, None, "2024-03-01", "Deputy Leader, Cllr Puja Bedi"),
        ("James Swindlehurst", "leader", sbc, None, "2023-05", None, "2024-03-01",
         "Councillor James Swindlehurst has been Leader of the Council"),
        ("Adele Taylor", "section-151-officer", sbc, "acting", None, None, "2024-03-01",
         "acting Director of Finance is Adele Taylor"),
        (None, "secretary-of-state", None, None, None, None, "2024-03-01", "Secretary of State"),
    ]
    f = facts_of(COMMISSIONERS)
    assert f.signatories == ["Max Caller CBE", "Gill Elliott", "Margaret Lee"]
    # a list holding is merged into the same person's signature holding, with its quote kept
    gill = next(h for h in f.holdings if h.person == "Gill Elliott")
    assert [e.exact for e in gill.extra_evidence] == ["Gill Elliott"]
    assert {o.name for o in f.organisations if o.kind == "authority"} == {"Slough Borough Council",
                                                                         "Brighton and Hove City Council"}


ENVOYS = """Ministerial Envoys to Thurrock Council

1 May 2025

Dear Minister of State

1. The Improvement Board, chaired by the Leader, Cllr Andrew Jefferies, met twice. Membership of the Improvement Board also includes the Chief Executive; the Envoys; and Cllr Mark Coxshall (Conservative) for the majority group. The Chief Executive, Dave Smith, attends.

2. The council's Partnership Board is chaired by the Chief Executive. The Chief Executive, as Returning Officer, has recently overseen the elections.

Yours sincerely,

Ministerial Envoys to Thurrock Council

Anna Black

Ben White
"""


def test_signature_group_boards_and_definite_descriptions():
    f = facts_of(ENVOYS, PartialDate(2025, 5, 1))
    by = {(h.person, h.role, h.organisation, h.represents) for h in f.holdings}
    tc = "Thurrock Council"
    # each signatory under the group line holds the group's role at the authority named in it
    assert ("Anna Black", "ministerial-envoy", tc, None) in by
    assert ("Ben White", "ministerial-envoy", tc, None) in by
    # 'chaired by the Leader, Cllr X' and 'the Envoys' on the board resolve to named people
    assert ("Andrew Jefferies", "chair", "Improvement Board", None) in by
    assert ("Anna Black", "board-member", "Improvement Board", None) in by
    assert ("Ben White", "board-member", "Improvement Board", None) in by
    # 'the Chief Executive' is the one the document names (multi-hop through 'the Chief Executive, Dave Smith')
    assert ("Dave Smith", "board-member", "Improvement Board", None) in by
    assert ("Dave Smith", "chair", "Partnership Board", None) in by
    # a party label: a councillor in a group, and the seat they hold for the majority group
    assert ("Mark Coxshall", "councillor", tc, "Conservative") in by
    assert ("Mark Coxshall", "board-member", "Improvement Board", "majority group") in by
    assert f.recipients == ["Minister of State"]
    assert f.signatories == ["Anna Black", "Ben White"]


MINISTER = """The Rt Hon Jim McMahon OBE MP
Minister of State for Local Government and English Devolution
Ministry of Housing, Communities and Local Government

12 March 2025

Dear Minister,

1. The Leader of the Council, Councillor John Cotton, and the Chief Executive of Birmingham City Council, Joanne Roney, met the Commissioners at the Council House, Victoria Square. Jon Bloor (Interim Director of Finance) presented the Equal Pay strategy and the Oracle Programme.

2. Birmingham Children's Trust and the Midland Metropolitan University Hospital were consulted. Rebecca Hellard, the former Section 151 Officer, left the council in 2023. Lord Kerslake chaired the Independent Improvement Panel until December 2022.

3. Dame Jane Roberts, Chair of the Improvement and Assurance Panel, and Professor Tony Travers attended. Ann-Marie Duncan and Sean O'Neill, Assistant Directors, gave evidence.

Yours sincerely,

Councillor John Cotton
Leader, Birmingham City Council
"""


def test_titles_lists_and_seats_by_apposition():
    f = facts_of(MINISTER, PartialDate(2025, 3, 12))
    bcc, d = "Birmingham City Council", "2025-03-12"
    assert rows(f) == [
        ("Jim McMahon", "minister-of-state", "Ministry of Housing, Communities and Local Government", None, None, None, d,
         "The Rt Hon Jim McMahon OBE MP Minister of State"),
        ("John Cotton", "leader", bcc, None, None, None, d, "Councillor John Cotton Leader"),
        ("Ann-Marie Duncan", "service-head", bcc, None, None, None, d, "Ann-Marie Duncan and Sean O'Neill, Assistant Directors"),
        ("Sean O'Neill", "service-head", bcc, None, None, None, d, "Sean O'Neill, Assistant Directors"),
        ("Joanne Roney", "head-of-paid-service", bcc, None, None, None, d,
         "Chief Executive of Birmingham City Council, Joanne Roney"),
        ("Jon Bloor", "section-151-officer", bcc, "interim", None, None, d, "Jon Bloor (Interim Director of Finance)"),
        ("Rebecca Hellard", "section-151-officer", bcc, None, None, "2023", None, "Rebecca Hellard, the former Section 151 Officer"),
        ("Jane Roberts", "chair", "Improvement and Assurance Panel", None, None, None, d,
         "Dame Jane Roberts, Chair of the Improvement and Assurance Panel"),
        ("Kerslake", "chair", "Independent Improvement Panel", None, None, "2022-12", None,
         "Lord Kerslake chaired the Independent Improvement Panel"),
    ]
    # 'Dear Minister' is the named addressee, not a second, unnamed minister
    assert not [h for h in f.holdings if h.person is None]
    jm = next(p for p in f.people if p.key == "Jim McMahon")
    assert (jm.honorifics, jm.suffixes) == (("The Rt Hon",), ("OBE", "MP"))
    assert sorted({p.key for p in f.people}) == ["Ann-Marie Duncan", "Jane Roberts", "Jim McMahon", "Joanne Roney",
                                                 "John Cotton", "Jon Bloor", "Kerslake", "Rebecca Hellard",
                                                 "Sean O'Neill", "Tony Travers"]


def test_appointment_phrasings_and_places_that_look_like_names():
    f = facts_of("1 June 2024\n\n1. Jane Doe, the council's Chief Executive, met us. Peter Brown has been appointed "
                 "Interim Director of Finance. The council has appointed Mary Green to the role of Monitoring "
                 "Officer. The Overview and Scrutiny Committee (O&S) met; the O&S Committee agreed. We visited "
                 "Milton Keynes and Milton Keynes Council.\n", PartialDate(2024, 6, 1))
    mkc, d = "Milton Keynes Council", "2024-06-01"
    assert rows(f) == [
        ("Jane Doe", "head-of-paid-service", mkc, None, None, None, d, "Jane Doe, the council's Chief Executive"),
        ("Peter Brown", "section-151-officer", mkc, "interim", None, None, d,
         "Peter Brown has been appointed Interim Director of Finance"),
        ("Mary Green", "monitoring-officer", mkc, None, None, None, d, "Mary Green to the role of Monitoring Officer"),
    ]
    # the place is not a person, even though 'Milton' is a first name
    assert sorted(p.key for p in f.people) == ["Jane Doe", "Mary Green", "Peter Brown"]
    # 'O&S Committee' is keyed to the committee its abbreviation names
    assert [(o.name, o.key) for o in f.organisations if o.kind == "committee"] == [
        ("Overview and Scrutiny Committee", "Overview and Scrutiny Committee"),
        ("O&S Committee", "Overview and Scrutiny Committee")]


def test_capitals_signature_portfolios_and_unpunctuated_lists():
    f = facts_of("Dear Chief Executive,\n\n1. The Cabinet Member for Finance, Cllr Rob Clarke, met the Assistant "
                 "Inspectors Jane Smith and Bob Jones. I, Max Caller CBE, was appointed as an Inspector under "
                 "section 10 of the Act.\n\nYours sincerely,\n\nJIM MCMAHON OBE MP\nMinister of State for Local "
                 "Government\n", PartialDate(2024, 3, 1))
    d = "2024-03-01"
    assert [(h.person, h.role, h.org_kind, h.role_as_written, h.evidence.exact) for h in f.holdings if h.person] == [
        ("Jim McMahon", "minister-of-state", "department", "Minister of State", "JIM MCMAHON OBE MP Minister of State"),
        ("Jane Smith", "assistant-inspector", "authority", "Assistant Inspector", "Jane Smith"),
        ("Bob Jones", "assistant-inspector", "authority", "Assistant Inspector", "Bob Jones"),
        ("Rob Clarke", "cabinet-member", "authority", "Cabinet Member for Finance", "Cabinet Member for Finance, Cllr Rob Clarke"),
        ("Max Caller", "inspector", "authority", "Inspector", "Max Caller CBE, was appointed as an Inspector"),
    ]
    assert all(h.attested.iso() == d for h in f.holdings)
    caps = next(p for p in f.people if p.name == "JIM MCMAHON")
    assert (caps.key, caps.suffixes, caps.evidence.exact) == ("Jim McMahon", ("OBE", "MP"), "JIM MCMAHON OBE MP")
    assert f.signatories == ["JIM MCMAHON OBE MP"] and f.recipients == ["Chief Executive"]


def test_seats_by_verb():
    f = facts_of("1 June 2024\n\n1. Jane Smith is a member of the Improvement Board. Tom Baker sits on the Audit "
                 "Panel.\n", PartialDate(2024, 6, 1))
    assert [(h.person, h.role, h.organisation, h.org_kind, h.evidence.rule, h.evidence.exact) for h in f.holdings] == [
        ("Jane Smith", "board-member", "Improvement Board", "board", "seat-apposition",
         "Jane Smith is a member of the Improvement Board"),
        ("Tom Baker", "board-member", "Audit Panel", "board", "sits-on", "Tom Baker sits on the Audit Panel"),
    ]


def test_predecessors_vacancies_and_new_holders_named_elsewhere():
    f = facts_of("1 February 2026\n\n1. Lee Cheng has been appointed as interim Head of Communications from 15 "
                 "January 2026, following the departure of the previous postholder in November 2025. The Monitoring "
                 "Officer post has been vacant since 31 October 2025, when Andrew Fell left the Council. Amir Khan "
                 "joined the Council as Corporate Director of Place on 1 January 2026; our new Corporate Director "
                 "leads on housing. The Commissioners will take up their roles on 1 March 2026.\n",
                 PartialDate(2026, 2, 1))
    got = [(h.person, h.role, h.capacity, h.start and h.start.iso(), h.end and h.end.iso(),
            h.attested and h.attested.iso(), h.evidence.rule) for h in f.holdings]
    assert got == [
        ("Lee Cheng", "head-of-communications", "interim", "2026-01-15", None, "2026-02-01", "appointed-as"),
        ("Amir Khan", "corporate-director", None, "2026-01-01", None, "2026-02-01", "appointed-as"),
        # a vacancy: its date is the leaver's end, and nobody holds the post on the document's date
        ("Andrew Fell", "monitoring-officer", None, None, "2025-10-31", None, "left-when-vacant"),
        (None, "monitoring-officer", None, None, None, None, "unnamed-holder"),
        (None, "head-of-communications", None, None, "2025-11", None, "predecessor"),
    ]
    # 'our new Corporate Director' is the one the document names, kept as a second quote
    amir = next(h for h in f.holdings if h.person == "Amir Khan")
    assert [(e.exact, e.rule) for e in amir.extra_evidence] == [("new Corporate Director", "definite-description")]


def test_brackets_dashes_colons_and_to_lines():
    f = facts_of("To: Jane Smith, Chief Executive, Barsetshire County Council\n\n1 May 2024\n\n1. The Leader (Cllr Tom "
                 "Hardy) and the Chief Executive (Jane Smith) met Dr Amy Wong (Director of Public Health, Barsetshire "
                 "County Council). Sam Patel – Monitoring Officer – attended. Section 151 Officer: Rita Gomez.\n",
                 PartialDate(2024, 5, 1))
    bcc = "Barsetshire County Council"
    assert [(h.person, h.role, h.organisation, h.evidence.rule, h.evidence.exact) for h in f.holdings] == [
        ("Jane Smith", "head-of-paid-service", bcc, "apposition", "Jane Smith, Chief Executive, Barsetshire County Council"),
        ("Tom Hardy", "leader", bcc, "apposition-before", "Leader (Cllr Tom Hardy)"),
        ("Amy Wong", "director-of-public-health", bcc, "paren-role",
         "Dr Amy Wong (Director of Public Health, Barsetshire County Council)"),
        ("Sam Patel", "monitoring-officer", bcc, "apposition", "Sam Patel – Monitoring Officer"),
        ("Rita Gomez", "section-151-officer", bcc, "apposition-before", "Section 151 Officer: Rita Gomez"),
    ]
    # the second quote of the Chief Executive is kept on the same holding
    assert [e.exact for e in f.holdings[0].extra_evidence] == ["Chief Executive (Jane Smith)"]
    assert f.recipients == ["Jane Smith"]


def test_a_role_before_a_comma_does_not_name_the_next_sentence_subject():
    f = facts_of("1 May 2024\n\n1. After consulting the Monitoring Officer, Jane Smith decided to proceed. After the "
                 "Leader, Tom Hardy was the first to speak.\n", PartialDate(2024, 5, 1))
    assert [h.person for h in f.holdings] == [None, None]
    assert sorted(p.key for p in f.people) == ["Jane Smith", "Tom Hardy"]


def test_signature_blocks_keep_the_role_as_written():
    f = facts_of("25 November 2024\n\nDear Minister,\n\n1. We accept the findings.\n\nYours sincerely,\n\n"
                 "Jo Bloggs\n(Mayor)\n\nAnn Lee\nInterim Director, Legal Services\n(Monitoring Officer)\n",
                 PartialDate(2024, 11, 25))
    assert [(h.person, h.role, h.capacity, h.role_as_written) for h in f.holdings if h.person] == [
        ("Jo Bloggs", "executive-mayor", None, "Mayor"),
        ("Ann Lee", "monitoring-officer", "interim", "Interim Director, Legal Services (Monitoring Officer)"),
    ]
    assert f.signatories == ["Jo Bloggs", "Ann Lee"]


INSPECTION = """Best Value Inspection of Northshire Council

Lead Inspector: Professor Helen Marsh CBE
Assistant Inspectors: Daniel Okoro and Priya Nair

March 2025

1. Introduction

1.1 On 3 October 2024 the Secretary of State appointed me, Professor Helen Marsh CBE, as Inspector under section 10 of the Local Government Act 1999, supported by Daniel Okoro and Priya Nair as Assistant Inspectors.

1.2 We met the Leader, Councillor Brian Foster, and the Deputy Leader, Councillor Ruth Evans. The interim Chief Executive, Mark Thompson, who joined in January 2024, was helpful. The Council has had four Chief Executives since 2020. The Monitoring Officer, Ms Angela Rossi, has been in post since 2019.

1.3 The Council's Audit and Standards Committee is chaired by Councillor Peter Lowe (Liberal Democrat). Councillor Lowe told us that the Committee meets quarterly.

Present: Councillor Brian Foster (Chair), Councillor Ruth Evans, Mark Thompson (Chief Executive)
"""


def test_inspection_title_page_and_report():
    f = facts_of(INSPECTION, PartialDate(2025, 3))
    got = {(h.person, h.role, h.organisation, h.capacity, h.start and h.start.iso(), h.represents) for h in f.holdings}
    nc = "Northshire Council"
    for row in [("Helen Marsh", "inspector", nc, None, "2024-10-03", None),
                ("Daniel Okoro", "assistant-inspector", nc, None, None, None),
                ("Priya Nair", "assistant-inspector", nc, None, None, None),
                ("Brian Foster", "leader", nc, None, None, None),
                ("Ruth Evans", "deputy-leader", nc, None, None, None),
                ("Mark Thompson", "head-of-paid-service", nc, "interim", "2024-01", None),
                ("Angela Rossi", "monitoring-officer", nc, None, "2019", None),
                ("Peter Lowe", "councillor", nc, None, None, "Liberal Democrat"),
                ("Peter Lowe", "chair", "Audit and Standards Committee", None, None, None)]:
        assert row in got
    # '(Chair)' after a councillor's name is a seat, not a party; 'four Chief Executives since 2020' dates no one
    assert not [h for h in f.holdings if h.represents == "Chair"]
    assert [(h.role, h.start) for h in f.holdings if h.person is None and h.role == "head-of-paid-service"] == [
        ("head-of-paid-service", None)]
    assert {(o.name, o.kind) for o in f.organisations if o.kind in ("group", "committee")} == {
        ("Liberal Democrat", "group"), ("Audit and Standards Committee", "committee")}


def test_titles_start_a_name_after_its_role():
    f = facts_of("1 May 2024\n\n1. The Leader of the Council Cllr Tom Hardy met the Monitoring Officer Ms Ann Lee. "
                 "Cabinet Member for Housing Councillor Raj Singh spoke. After consulting the Monitoring Officer, "
                 "Cllr Jo Bell decided.\n", PartialDate(2024, 5, 1))
    assert [(h.person, h.role, h.role_as_written, h.evidence.exact) for h in f.holdings if h.person] == [
        ("Tom Hardy", "leader", "Leader of the Council", "Leader of the Council Cllr Tom Hardy"),
        ("Ann Lee", "monitoring-officer", "Monitoring Officer", "Monitoring Officer Ms Ann Lee"),
        ("Raj Singh", "cabinet-member", "Cabinet Member for Housing", "Cabinet Member for Housing Councillor Raj Singh"),
    ]


WOKING_STYLE = """**Woking Borough Council**

Civic Offices, Gloucester Square, Woking GU21 6YL

The Rt Hon Angela Rayner MP
Deputy Prime Minister and Secretary of State for Housing, Communities and Local Government
2 Marsham Street
London SW1P 4DF

8 July 2024

Dear Deputy Prime Minister,

I write as Leader of Woking Borough Council following the appointment of Commissioners in May 2023. Our interim Chief Executive, Julie Fisher, left the Council in March 2024 and Kevin Foster was appointed as Chief Executive with effect from 1 April 2024. Leigh Clarke, our Director of Finance, has been our Section 151 Officer since June 2023.

The Commissioners (Commissioner Dick Sorabji and Commissioner Mike Cummings) meet the Executive monthly. The Overview and Scrutiny Committee, chaired by Cllr Louise Morales, reviews the Improvement and Recovery Plan.

Yours sincerely,

Cllr Ann-Marie Barker
Leader of the Council
"""


def test_council_letter_to_a_minister_with_month_precision_end():
    # an end stated to the month ('March 2024') against a document dated to the day must not break ordering
    f = facts_of(WOKING_STYLE, PartialDate(2024, 7, 8))
    wbc, d = "Woking Borough Council", "2024-07-08"
    assert rows(f) == [
        ("Angela Rayner", "secretary-of-state", None, None, None, None, d,
         "The Rt Hon Angela Rayner MP Deputy Prime Minister and Secretary of State for Housing, Communities and Local Government"),
        ("Ann-Marie Barker", "leader", wbc, None, None, None, d, "Cllr Ann-Marie Barker Leader of the Council"),
        ("Julie Fisher", "head-of-paid-service", wbc, "interim", None, "2024-03", None, "interim Chief Executive, Julie Fisher"),
        ("Kevin Foster", "head-of-paid-service", wbc, None, "2024-04-01", None, d, "Kevin Foster was appointed as Chief Executive"),
        ("Leigh Clarke", "section-151-officer", wbc, None, "2023-06", None, d, "Leigh Clarke, our Director of Finance"),
        ("Dick Sorabji", "commissioner", wbc, None, None, None, d, "Commissioner Dick Sorabji"),
        ("Mike Cummings", "commissioner", wbc, None, None, None, d, "Commissioner Mike Cummings"),
        ("Louise Morales", "chair-of-overview-and-scrutiny", wbc, None, None, None, d,
         "Overview and Scrutiny Committee, chaired by Cllr Louise Morales"),
    ]
    assert f.recipients == ["The Rt Hon Angela Rayner MP"]
    assert "Civic Offices" not in {p.key for p in f.people}


def test_signatories_on_joined_lines():
    f = facts_of("1 March 2024\n\n1. We report.\n\nYours sincerely,\nMax Caller CBE\nLead Commissioner\nGill Elliott\n"
                 "Commissioner\nMargaret Lee\nFinance Commissioner\nSlough Borough Council\n", PartialDate(2024, 3, 1))
    assert f.signatories == ["Max Caller CBE", "Gill Elliott", "Margaret Lee"]
    assert [(h.person, h.role, h.role_as_written, h.evidence.exact) for h in f.holdings] == [
        ("Max Caller", "lead-commissioner", "Lead Commissioner", "Max Caller CBE Lead Commissioner"),
        ("Gill Elliott", "commissioner", "Commissioner", "Gill Elliott Commissioner"),
        ("Margaret Lee", "commissioner", "Finance Commissioner", "Margaret Lee Finance Commissioner"),
    ]
    assert {h.organisation for h in f.holdings} == {"Slough Borough Council"}


def test_two_addressees_in_one_block():
    f = facts_of("Cllr Ann Lee\nLeader of the Council\nJane Bell\nChief Executive\nBarsetshire County Council\n\n"
                 "1 March 2024\n\nDear Cllr Lee and Ms Bell,\n\n1. We write.\n", PartialDate(2024, 3, 1))
    assert f.recipients == ["Cllr Ann Lee", "Jane Bell"]
    assert [(h.person, h.role, h.organisation, h.evidence.exact) for h in f.holdings] == [
        ("Ann Lee", "leader", "Barsetshire County Council", "Cllr Ann Lee Leader of the Council"),
        ("Jane Bell", "head-of-paid-service", "Barsetshire County Council", "Jane Bell Chief Executive"),
    ]
    # the salutation's surnames resolve to the addressees
    assert sorted({p.key for p in f.people}) == ["Ann Lee", "Jane Bell"]


LEADS = """1. The council has set up the Improvement and Assurance Board. It has appointed Dana Whitcombe as Culture & Partnerships Lead, Idris Fenwick as Governance Lead and Marta Olsen to be the Community Lead.
"""


def test_a_lead_of_a_compound_theme_leads_each_part():
    """'Culture & Partnerships Lead' leads culture AND partnerships, so it is told apart from a Community Lead."""
    from ingest.themes import ThemeFinder

    f = facts_of(LEADS)
    leads = {h.person: h.lead_for for h in f.holdings if h.role == "board-lead"}
    assert leads == {"Dana Whitcombe": ("culture", "partnerships-and-community-engagement"),
                     "Idris Fenwick": ("governance",),
                     "Marta Olsen": ("partnerships-and-community-engagement",)}
    # the same words in a Direction item give the item both subjects; a one-theme name stays one
    finder = ThemeFinder()
    assert finder.themes_in("Independent external member as Culture and Partnerships Lead;") == (
        "culture", "partnerships-and-community-engagement")
    assert finder.themes_in("Partnerships and Community Engagement") == ("partnerships-and-community-engagement",)


UNSIGNED = """Dear Secretary of State

Improvement plan: one year on

I am writing to update you on Wessexford Borough Council. It was clear to me, following my election in May 2021, that the council needed reform.

As Leader of the Council my priority remains to restore trust. The Monitoring Officer has reviewed the constitution.

Yours sincerely
"""


def test_unsigned_letter_written_by_an_office_holder():
    """'As Leader of the Council my priority': the unsigned letter's writer is that office's unnamed holder,
    its creator; 'following my election in May 2021' is the holding's stated start."""
    f = facts_of(UNSIGNED, date=None)
    [writer] = [h for h in f.holdings if h.evidence.rule == "first-person-office"]
    assert (writer.person, writer.role, writer.start, writer.evidence.exact) == (
        None, "leader", PartialDate(2021, 5), "As Leader of the Council")
    assert [e.exact for e in writer.extra_evidence] == ["my election in May 2021"]
    assert f.signatories == ["Leader of the Council"]
    assert f.recipients == ["Secretary of State"]
    # 'The Monitoring Officer' is someone else, not the writer
    assert [h.role for h in f.holdings if h.person is None and h is not writer] == ["secretary-of-state", "monitoring-officer"]
    # in the graph the letter's dcterms:creator is that holding, whose attestation states the start
    from rdflib import DCTERMS
    from ingest.rdf import document_graph
    from ontology.namespaces import BVKG, ORG, TIME
    g = document_graph(f, "https://example.org/")
    [creator] = list(g.objects(None, DCTERMS.creator))
    assert g.value(creator, ORG.role).endswith("/role/leader") and g.value(creator, BVKG.holderUnnamed).toPython() is True
    [att] = list(g.objects(creator, BVKG.hasAttestation))
    assert str(g.value(g.value(att, BVKG.statedStart), TIME.inXSDgYearMonth)) == "2021-05"


def test_signed_letter_writer_is_its_signatory():
    """A signed letter's 'As Leader my priority' is the signatory's: no unnamed writer is made."""
    f = facts_of(UNSIGNED.replace("Yours sincerely\n", "Yours sincerely\n\nCllr Priya Nandakumar\nLeader of the Council\n"))
    assert not [h for h in f.holdings if h.evidence.rule == "first-person-office"]


COUNTED = """1. In March 2019 the Secretary of State directed the appointment of four Commissioners with decision making powers over Kestrelford District Council's procurement and property functions.
"""


def test_counted_unnamed_holders_carry_their_count():
    """'the appointment of four Commissioners': one unnamed holding, with 4 holders, no start invented."""
    f = facts_of(COUNTED)
    [h] = [h for h in f.holdings if h.role == "commissioner"]
    assert (h.person, h.holders, h.start, h.evidence.exact) == (None, 4, None, "four Commissioners")
    from ingest.rdf import document_graph
    from ontology.namespaces import BVKG
    g = document_graph(f, "https://example.org/")
    assert [l.toPython() for l in g.objects(None, BVKG.holderCount)] == [4]


INTERIM = """1. Harrowby Borough Council has recently appointed a new Chief Finance Officer after having an interim arrangement in place for the past eighteen months. With the departure of the Monitoring Officer, interim arrangements are in place to cover this position. Interim arrangements remain common across the council.
"""


def test_interim_arrangements_are_unnamed_interim_holdings():
    """'a new X after having an interim arrangement': X had an interim holder before (not now);
    'interim arrangements in place to cover this position': the post named before has one now."""
    f = facts_of(INTERIM)
    got = sorted(r for r in rows(f) if r[3] == "interim")
    bcc = "Harrowby Borough Council"
    assert got == [
        (None, "monitoring-officer", bcc, "interim", None, None, "2024-03-01",
         "interim arrangements are in place to cover this position"),
        (None, "section-151-officer", bcc, "interim", None, None, None,
         "an interim arrangement in place for the past eighteen months"),
    ]
