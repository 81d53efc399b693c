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
