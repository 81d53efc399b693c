"""Role mentions through the vocabulary's labels, capacities, past cues and stated tenure dates;
organisation and person-name recognition underneath them."""
from __future__ import annotations

from ingest.model import PartialDate
from ingest.names import find_names
from ingest.orgs import authority_key, find_orgs
from ingest.roles import find_roles, tenure_dates


def roles(text):
    return [(r.label, r.role, r.capacity, r.past, r.new, r.plural) for r in find_roles(text)]


def test_longest_label_and_capacity_apart():
    assert roles("Linda Walker Interim Director, Legal Services (Monitoring Officer)") == [
        ("Director, Legal Services", "monitoring-officer", "interim", False, False, False),
        ("Monitoring Officer", "monitoring-officer", None, False, False, False),
    ]
    assert roles("the acting Chief Finance Officer and a permanent Head of Communications") == [
        ("Chief Finance Officer", "section-151-officer", "acting", False, False, False),
        ("Head of Communications", "head-of-communications", "permanent", False, False, False),
    ]


def test_past_and_new_cues():
    assert roles("Mary Smith, ex-Chief Executive of Anytown, most recently Corporate Director, then former Leader") == [
        ("Chief Executive", "head-of-paid-service", None, True, False, False),
        ("Corporate Director", "corporate-director", None, True, False, False),
        ("Leader", "leader", None, True, False, False),
    ]
    assert roles("has appointed a new interim Monitoring Officer") == [
        ("Monitoring Officer", "monitoring-officer", "interim", False, True, False)]


def test_one_word_labels_need_a_capital_and_no_foreign_name_before():
    # 'members', 'lead' in prose and 'Group Leaders' are not roles; 'the Mayor' and 'Young Mayor' are
    assert roles("members will lead the work; Group Leaders met; the Mayor and the Young Mayor spoke") == [
        ("Mayor", "executive-mayor", None, False, False, False),
        ("Young Mayor", "young-mayor", None, False, False, False),
    ]
    assert roles("Ministerial Envoys and their Assistant Inspectors") == [
        ("Ministerial Envoys", "ministerial-envoy", None, False, False, True),
        ("Assistant Inspectors", "assistant-inspector", None, False, False, True),
    ]


def dates(sentence: str, quote: str):
    i = sentence.index(quote)
    return tenure_dates(sentence, i, i + len(quote))


def test_stated_start_and_end_keep_precision():
    assert dates("Cllr Asha Rao, who was elected to the role in October 2024, spoke.", "Cllr Asha Rao") == (
        PartialDate(2024, 10), None)
    assert dates("In December 2020 the Council appointed Jo Bell as Chief Finance Officer.",
                 "Jo Bell as Chief Finance Officer") == (PartialDate(2020, 12), None)
    assert dates("The Chief Executive, Tom Kay, took up post on 1 September 2023.", "Chief Executive, Tom Kay") == (
        PartialDate(2023, 9, 1), None)
    assert dates("The post has been covered by an interim since October 2018.", "post") == (PartialDate(2018, 10), None)
    assert dates("Audit Committee has been chaired by an Opposition member since 3rd May 2022 and", "chaired by an Opposition member") == (
        PartialDate(2022, 5, 3), None)
    assert dates("Dr Li, Director of Public Health, will leave the Council at the end of August 2026.",
                 "Dr Li, Director of Public Health") == (None, PartialDate(2026, 8))
    assert dates("The previous Monitoring Officer left on 31 January 2021, and Mo Ali has acted as Monitoring Officer "
                 "since 1 February 2021.", "previous Monitoring Officer") == (None, PartialDate(2021, 1, 31))


def test_no_start_without_a_statement_of_one():
    # a re-election is not the start of a tenure; a month without a year is no date; 'since' after other
    # words dates something else; a vacancy's date is not a holder's start
    assert dates("John Smith was re-elected to office in the May 2018 election.", "John Smith") == (None, None)
    assert dates("Following my election as Leader in May, the council", "Leader") == (None, None)
    assert dates("The Returning Officer has successfully delivered six elections since 2014.", "Returning Officer") == (
        None, None)
    assert dates("The Monitoring Officer post has been vacant since 31 October 2025, when", "Monitoring Officer") == (
        None, None)


def test_authorities_by_their_naming_shapes():
    text = ("Ros Jones, Mayor of Doncaster Metropolitan Borough Council; Lead Commissioner Rotherham MBC; "
            "Royal Borough of Kingston upon Thames; Southend-on-Sea Borough Council; Brighton and Hove City Council; "
            "a 'One Council' approach at Full Council")
    got = [(o.name, o.kind, o.key) for o in find_orgs(text)]
    assert got == [
        ("Doncaster Metropolitan Borough Council", "authority", "Doncaster"),
        ("Rotherham MBC", "authority", "Rotherham"),
        ("Royal Borough of Kingston upon Thames", "authority", "Kingston upon Thames"),
        ("Southend-on-Sea Borough Council", "authority", "Southend-on-Sea"),
        ("Brighton and Hove City Council", "authority", "Brighton and Hove"),
    ]
    assert authority_key("London Borough of Hackney") == authority_key("Hackney Council") == "Hackney"


def test_bodies_abbreviations_and_known_organisations():
    text = ("the Transformation and Assurance Board (TAB), the Overview and Scrutiny Committee (O&S), "
            "the Labour Group, the London Government Association's (LGA) adviser and the MHCLG")
    got = [(text[o.start:o.end], o.name, o.kind, o.abbreviation) for o in find_orgs(text)]
    assert got == [
        ("Transformation and Assurance Board (TAB)", "Transformation and Assurance Board", "board", "TAB"),
        ("Overview and Scrutiny Committee (O&S)", "Overview and Scrutiny Committee", "committee", "O&S"),
        ("Labour Group", "Labour Group", "group", None),
        ("London Government Association's (LGA)", "Local Government Association", "association", "LGA"),
        ("MHCLG", "Ministry of Housing, Communities and Local Government", "department", "MHCLG"),
    ]


def test_names_with_titles_and_letters_not_places():
    text = ("Kim Bromley Derry CBE DL and Sir John Jenkins met Mr Halsey and Will Tuckley's staff at "
            "Whitechapel Road; the Best Value Continuous Improvement Plan; Yours sincerely; "
            "email jim.mcmahon@communities.gov.uk")
    got = [(n.name, n.honorifics, n.suffixes, n.strong, text[n.start:n.end]) for n in find_names(text)]
    assert got == [
        ("Kim Bromley Derry", (), ("CBE", "DL"), True, "Kim Bromley Derry CBE DL"),
        ("John Jenkins", ("Sir",), (), True, "Sir John Jenkins"),
        ("Halsey", ("Mr",), (), True, "Mr Halsey"),
        ("Will Tuckley", (), (), True, "Will Tuckley"),
    ]
    # a known first name before a place word is not enough on its own
    park = find_names("a walk in Victoria Park")
    assert [(n.name, n.strong) for n in park] == [("Victoria Park", False)]


def test_body_names_do_not_swallow_their_neighbours():
    text = ("working with the Ministerial Envoys and the Transformation and Assurance Board; the Mayor's Advisory "
            "Board (MAB); the Council's Audit and Standards Committee; the London Borough of Hackney Children's "
            "Services Improvement Board")
    got = [(o.name, o.kind, o.abbreviation) for o in find_orgs(text)]
    assert got == [
        ("Transformation and Assurance Board", "board", None),
        ("Mayor's Advisory Board", "board", "MAB"),
        ("Audit and Standards Committee", "committee", None),
        ("London Borough of Hackney", "authority", None),
        ("Children's Services Improvement Board", "board", None),
    ]
