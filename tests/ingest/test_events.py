"""Dated events, inspections and interventions on short hand-written snippets (other councils, years)."""
from ingest.events import block_due_reviews, block_events, extract, find_events
from ingest.interventions import block_inspections, block_interventions
from ingest.model import Block, Document, DocumentFacts, PartialDate


def _block(text, anchor="p1", kind="paragraph"):
    return Block(anchor, None, kind, text, 1, 1, 0)


def _rows(events):
    return [(e.kind, e.date.iso() if e.date else None, e.rating, e.evidence.exact) for e in events]


def test_elections_meetings_and_precision_as_written():
    b = _block("The Leader was re-elected in May 2019 and the next local elections are in May 2023. "
               "The Board held its inaugural meeting on 3 March 2020.")
    assert _rows(block_events(b, None)) == [
        ("Election", "2019-05", None, "re-elected in May 2019"),
        ("Election", "2023-05", None, "elections are in May 2023"),
        ("Meeting", "2020-03-03", None, "meeting on 3 March 2020"),
    ]


def test_day_and_month_without_year_need_a_dated_document_and_are_marked():
    b = _block("The Board had its inaugural meeting on 14th April.")
    (undated,) = block_events(b, None)  # an undated document: the event, but no date at all
    assert (undated.kind, undated.date, undated.description) == (
        "Meeting", None, "meeting: meeting on 14th April (year not stated)")
    (e,) = block_events(b, 2019, PartialDate(2019, 6, 2))
    assert (e.kind, e.date, e.evidence.exact) == ("Meeting", PartialDate(2019, 4, 14), "meeting on 14th April")
    assert e.description == "meeting: meeting on 14th April (year inferred from the document date)"


def test_a_plan_dated_before_the_letter_belongs_to_the_next_year():
    b = _block("We will take a paper to Cabinet on the 10th December and to Full Council on the 15th January.")
    rows = _rows(block_events(b, 2020, PartialDate(2020, 11, 30)))
    assert rows == [("Meeting", "2020-12-10", None, "Cabinet on the 10th December"),
                    ("Meeting", "2021-01-15", None, "Full Council on the 15th January")]


def test_ratings_with_and_without_dates_and_auditor_recommendations():
    b = _block("Following the inspection they received a C2 rating in March. The recent 'Good' Ofsted rating "
               "was welcomed. In July 2022, the external auditor issued two statutory recommendations.")
    assert _rows(block_events(b, 2022, PartialDate(2022, 9))) == [
        ("Rating", "2022-03", "C2", "C2 rating in March"),
        ("Rating", None, "Good", "'Good' Ofsted rating"),
        ("Recommendation", "2022-07", None, "July 2022, the external auditor issued two statutory recommendations"),
    ]


def test_bare_month_in_a_dated_list_takes_the_list_year_not_the_document_year():
    b = _block("There were three Ofsted monitoring visits in July and December 2017, and May 2018.")
    assert [(k, d) for k, d, *_ in _rows(block_events(b, 2018, PartialDate(2018, 6)))] == [
        ("Event", "2017-07"), ("Event", "2017-12"), ("Event", "2018-05")]


def test_appointments_departures_and_person_events_outrank_the_meeting():
    b = _block("The Monitoring Officer left the Council in November 2021. Cllr Ng was elected Leader at the "
               "annual meeting in May 2022. Mr Osei took up post on 1 September 2022.")
    assert _rows(block_events(b, None)) == [
        ("Departure", "2021-11", None, "left the Council in November 2021"),
        ("Election", "2022-05", None, "elected Leader at the annual meeting in May 2022"),
        ("Appointment", "2022-09-01", None, "took up post on 1 September 2022"),
    ]


def test_peer_challenge_period_starts_on_its_first_day_and_years_alone_are_not_events():
    b = _block("The council asked the LGA to run a Corporate Peer Challenge from 4th to 7th March 2019. "
               "The 2018 election manifesto and the 2019/20 budget were discussed.")
    assert _rows(block_events(b, None)) == [
        ("Event", "2019-03-04", None, "Peer Challenge from 4th to 7th March 2019")]


def test_letter_and_signature_blocks_are_not_read_for_events():
    doc = Document(slug="t", path="t.txt", date=PartialDate(2020, 1, 5), blocks=[
        _block("12 March 2020", "b1", "date"),
        _block("Jane Roe, elected 2 May 2019", "b2", "signature"),
        _block("Full Council met on 4 March 2020.", "b3")])
    assert _rows(find_events(doc)) == [("Meeting", "2020-03-04", None, "met on 4 March 2020")]


def test_inspection_inspector_assistants_and_dates():
    b = _block("This follows Jane Roe OBE and her Assistant Inspectors, Dr Ravi Patel, Sir Tom Hale and Ann Lee, "
               "having produced a report, which was submitted to the Secretary of State on 30 April 2021.")
    (i,) = block_inspections(b, 2021, {})
    assert (i.inspector, i.assistants, i.submitted, i.sent) == (
        "Jane Roe", ("Dr Ravi Patel", "Sir Tom Hale", "Ann Lee"), PartialDate(2021, 4, 30), None)
    assert b.text[i.evidence.start:i.evidence.end] == i.evidence.exact
    assert i.evidence.exact.startswith("Jane Roe OBE and her Assistant Inspectors")
    b2 = _block("Max Roe CBE, having undertaken an inspection of your Authority's compliance with its Best Value "
                "Duty, sent your Authority a Report on 8 June setting out the findings.")
    (i2,) = block_inspections(b2, 2021, {"Authority": "Wyvern District Council"})
    assert (i2.inspector, i2.sent, i2.authority) == ("Max Roe", PartialDate(2021, 6, 8), "Wyvern District Council")
    assert block_inspections(b2, None, {})[0].sent is None  # undated document: no year is invented


def test_intervention_start_and_initial_duration():
    b = _block("These Directions take effect on 1 March 2022 and will remain in force for an initial period of "
               "two years.")
    (iv,) = block_interventions(b, None, {})
    assert (iv.start, iv.initial_duration, iv.evidence.exact) == (
        PartialDate(2022, 3, 1), "P2Y",
        "Directions take effect on 1 March 2022 and will remain in force for an initial period of two years")
    b2 = _block("This is our first report since the intervention began on 9th June 2023.")
    (iv2,) = block_interventions(b2, None, {})
    assert (iv2.start, iv2.initial_duration) == (PartialDate(2023, 6, 9), None)


def test_extract_fills_events_inspections_and_interventions():
    doc = Document(slug="t", path="t.txt", date=PartialDate(2023, 2, 1), blocks=[
        _block("The support package will be in place for an initial period of 18 months.", "p1"),
        _block("Ms Roe was appointed as Chief Executive in January 2023.", "p2")])
    facts = DocumentFacts(document=doc)
    extract(doc, facts)
    assert _rows(facts.events) == [("Appointment", "2023-01", None, "appointed as Chief Executive in January 2023")]
    assert [(i.initial_duration, i.evidence.anchor) for i in facts.interventions] == [("P18M", "p1")]
    assert facts.inspections == []


def test_meeting_dates_in_a_list_take_the_list_year_and_next_meeting_sections():
    doc = Document(slug="m", path="m.txt", blocks=[
        _block("The Panel will meet monthly. Meetings are scheduled for 9 January, 6 February and 5 March 2024.", "p3"),
        Block("p7.1", "7.1", "paragraph", "Tuesday 9 April 2024, 2.00pm, Room 4.", 9, 9, 1,
              section="Date of next meeting")])
    assert [(k, d) for k, d, *_ in _rows(find_events(doc))] == [
        ("Meeting", "2024-01-09"), ("Meeting", "2024-02-06"), ("Meeting", "2024-03-05"), ("Meeting", "2024-04-09")]
    assert find_events(doc)[-1].evidence.exact == "Tuesday 9 April 2024"


def test_clauses_and_weak_cues_decide_the_kind():
    b = _block("Ms Ode was appointed as interim Head of Legal from 3 June 2024, following the departure of Mr Ray. "
               "The Audit Panel, chaired by Cllr Fox, met for the first time on 8 July 2024. "
               "The post has been vacant since 30 April 2024, when Ms Lane left the Council.")
    assert [(k, d) for k, d, *_ in _rows(block_events(b, None))] == [
        ("Appointment", "2024-06-03"), ("Meeting", "2024-07-08"), ("Departure", "2024-04-30")]


def test_a_sign_off_line_is_not_an_event():
    b = _block("May 2024 On behalf of the Corporate Peer Challenge Team.")
    assert block_events(b, None) == []


def test_an_event_word_governs_the_next_date_not_a_later_unlisted_one():
    b = _block("The scheme was approved by Full Council on 3 December 2024 and the review of scrutiny would "
               "report in March 2025.")
    assert _rows(block_events(b, None)) == [
        ("Meeting", "2024-12-03", None, "Full Council on 3 December 2024"),
        ("Event", "2025-03", None, "would report in March 2025")]


def test_the_rater_named_a_sentence_earlier_is_a_participant_of_the_rating():
    b = _block("The council referred itself to the Regulator of Social Housing. Following the inspection it "
               "received a C4 rating in May 2024. The Ofsted monitoring visit in June 2024 went well.")
    assert [(e.kind, e.rating, e.participants) for e in block_events(b, None)] == [
        ("Rating", "C4", ("Regulator of Social Housing",)),
        ("Event", None, ("Ofsted",)),
    ]


def test_a_stated_period_keeps_its_end():
    b = _block("The council invited a Corporate Peer Challenge from 4th to 7th March 2019. "
               "Feedback was given on the last day of the on-site visit on 4th–7th March 2019.")
    got = [(e.date.iso(), e.end.iso(), e.evidence.exact) for e in block_events(b, None)]
    assert got == [("2019-03-04", "2019-03-07", "Peer Challenge from 4th to 7th March 2019"),
                   ("2019-03-04", "2019-03-07", "on-site visit on 4th–7th March 2019")]
    (single,) = block_events(_block("The Board met on 3 March 2020."), None)
    assert single.end is None


def test_recommendations_keep_how_many_and_on_what():
    b = _block("In June 2023, the external auditor issued four statutory recommendations to the authority relating "
               "to governance, asset management, the capital programme and workforce planning. The council accepted them.")
    (e,) = block_events(b, None)
    assert (e.kind, e.date.iso(), e.count) == ("Recommendation", "2023-06", 4)
    assert e.subjects == ("governance", "asset management", "the capital programme", "workforce planning")
    assert e.evidence.exact == ("June 2023, the external auditor issued four statutory recommendations to the authority "
                                "relating to governance, asset management, the capital programme and workforce planning")
    (bare,) = block_events(_block("In May 2021 the auditor made recommendations."), None)
    assert (bare.count, bare.subjects, bare.evidence.exact) == (None, (), "May 2021 the auditor made recommendations")
    (dated,) = block_events(_block("The auditor issued two recommendations on 12 March 2024."), None)
    assert (dated.date.iso(), dated.count, dated.subjects) == ("2024-03-12", 2, ())


def test_a_review_or_report_due_after_a_stated_time():
    b = _block("The Commissioners will carry out a review of the council's progress for the Minister after six months, "
               "and quarterly thereafter. As agreed, we are to report to you on progress after 12 weeks.")
    rows = [(e.kind, e.due_after, e.evidence.exact) for e in block_due_reviews(b)]
    assert rows == [("Event", "P6M", "review of the council's progress for the Minister after six months"),
                    ("Event", "P84D", "report to you on progress after 12 weeks")]
    # a report that was written, not one that falls due
    assert block_due_reviews(_block("The report was published after two years of work.")) == []
