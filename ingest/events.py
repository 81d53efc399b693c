"""Dated events in prose: elections, appointments, departures, meetings, ratings, auditors'
recommendations, inspections and peer challenges, at the precision the text gives.

An event is a date (ingest.dates) paired with the nearest event word in the same sentence
('re-elected in May 2018', 'Full Council on the 22nd January', 'received a C3 rating in April').
A day or month written without a year takes the document's year only when the document is dated,
and the description says so; a bare month followed by a dated list ('in July and December 2017')
takes the year of the list. Ratings are kept even when undated ("the recent 'Outstanding' Ofsted
rating"). Inspections and interventions are read by ingest.interventions, called from here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ingest import interventions
from ingest.dates import DateSpan, find_dates
from ingest.model import Block, Document, DocumentFacts, EventFact, Evidence, PartialDate

_GRADES = r"Outstanding|Good|Requires Improvement|Inadequate|Excellent|Satisfactory"
_Q = "'‘\"“’”"
# (kind, label, pattern); order breaks ties between equally near words.
_CUES: tuple[tuple[str, str, re.Pattern], ...] = (
    ("Rating", "rating", re.compile(
        rf"\b(?P<grade>[A-D][1-4])\s+(?:rating|grading|grade|judgement)\b"
        rf"|[{_Q}](?P<grade2>{_GRADES})[{_Q}]\s+(?:[\w-]+\s+){{0,2}}?(?:rating|judgement|grade|grading)\b"
        rf"|\brated\s+(?:as\s+)?[{_Q}]?(?P<grade3>{_GRADES})\b")),
    ("Recommendation", "recommendations", re.compile(
        r"\b(?:issued|made|gave)\s+(?:[\w-]+\s+){0,3}?recommendations?\b|\b(?:statutory|auditor'?s?)\s+recommendations?\b",
        re.I)),
    ("Election", "election", re.compile(r"\b(?:re-?)?elect(?:ed|ion|ions)\b|\bby-elections?\b|\breferendum\b", re.I)),
    ("Departure", "departure", re.compile(
        r"\bleft\b|\bdeparture\b|\bresign(?:ed|ation)\b|\bstepped\s+down\b|\bretired\b", re.I)),
    ("Appointment", "appointment", re.compile(
        r"\bappointed\b|\bappointment\s+of\b|\btook\s+up\s+(?:post|office|(?:his|her|their)\s+(?:post|role)s?)\b"
        r"|\btake\s+up\s+(?:post|office|(?:his|her|their)\s+(?:post|role)s?)\b|\bact(?:ed|ing)\s+as\b"
        r"|\bhas\s+been\s+acting\b|\bchaired\s+by\b|\bchair\s+of\b", re.I)),
    ("Meeting", "meeting", re.compile(
        r"\bmeetings?\b|\bFull\s+Council\b|\bCabinet\b|\bworkshop\b|\bconference\b|\bsession\b"
        r"|\b(?:go|goes|come|comes|went|taken?|report(?:ed)?)\s+to\s+Council\b", re.I)),
    ("Event", "directions", re.compile(r"\bDirections\s+(?:of|dated)\b|\bDirections\s+(?:take|took)\s+effect\b"
                                       r"|\bin\s+force\s+until\b")),
    ("Event", "report sent", re.compile(r"\bsent\s+(?:\w+\s+){0,3}?(?:a|the|its)\s+(?:draft\s+|final\s+)?Report\b"
                                        r"|\breceiv(?:ed|ing)\s+the\s+(?:draft\s+|final\s+)?report\b", re.I)),
    ("Event", "inspection", re.compile(r"\binspection\b|\bmonitoring\s+visits?\b", re.I)),
    ("Event", "peer challenge", re.compile(r"\bPeer\s+Challenge\b|\bpeer\s+review\b|\bfollow[- ]up\s+(?:review|visit)\b"
                                           r"|\bon-site\s+visit\b", re.I)),
    ("Event", "intervention began", re.compile(r"\bintervention\s+(?:began|started|commenced)\b", re.I)),
    ("Event", "deadline", re.compile(r"\bon\s+or\s+before\b|\bno\s+later\s+than\b|\bdeadline\b", re.I)),
    ("Event", "report submitted", re.compile(r"\bsubmitted\b", re.I)),
    ("Event", "published", re.compile(r"\b(?:issued|published)\b", re.I)),
    ("Event", "survey", re.compile(r"\bsurvey\b", re.I)),
    ("Event", "letter", re.compile(r"\bletter\b", re.I)),
    ("Event", "dated", re.compile(r"\bdated\b", re.I)),
    ("Event", "sent", re.compile(r"\bsent\b", re.I)),
)
_MAX_GAP = 45
_RANK = {"Meeting": 1, "Event": 2}
# A plan ('We will take a paper to Full Council on the 22nd January', written in November) is
# after the document: a day or month inferred before the document date belongs to the next year.
_FUTURE = re.compile(r"\bwill\b|\bscheduled\b|\bplanned\b|\bforthcoming\b|\bintends?\b|\bexpected\b", re.I)
_YEAR_ONLY_LEAD = re.compile(r"\bin\s+(?:the\s+)?$", re.I)
_LIST_TAIL = re.compile(r"^\s*,?\s*(?:and|or|to|–|—|-)\s+")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?=\s|$)|$)")
_SKIP_KINDS = {"letterhead", "address", "date", "reference", "salutation", "closing", "signature", "cc"}


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _cues(text: str, s0: int, s1: int) -> list[tuple[int, int, str, str, Optional[str]]]:
    out: list[tuple[int, int, str, str, Optional[str]]] = []
    for kind, label, rx in _CUES:
        for m in rx.finditer(text, s0, s1):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b, *_ in out):
                continue
            grade = None
            if kind == "Rating":
                grade = m.group("grade") or m.group("grade2") or m.group("grade3")
            out.append((m.start(), m.end(), kind, label, grade))
    return out


def _dates(text: str, year: Optional[int]) -> list[DateSpan]:
    """Dates of a text; a bare month/day before a dated list takes the list's year ('July and December 2017')."""
    spans = find_dates(text, year)
    out = []
    for i, s in enumerate(spans):
        if s.year_from_context:
            for nxt in spans[i + 1:i + 3]:
                gap = text[s.end:nxt.start]
                if nxt.year_from_context or not (_LIST_TAIL.match(gap) or re.fullmatch(r"\s*,?\s*", gap)):
                    continue
                d = s.date
                s = replace(s, date=PartialDate(nxt.date.year, d.month, d.day), year_from_context=False)
                break
        if s.date.precision == "year" and not _YEAR_ONLY_LEAD.search(text[max(0, s.start - 12):s.start]):
            continue  # '2024/25', 'the 2018 election Manifesto': a year alone is not an event date
        out.append(s)
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _roll_forward(span: DateSpan, sentence: str, doc_date: Optional[PartialDate]) -> DateSpan:
    if not (span.year_from_context and doc_date and _FUTURE.search(sentence)):
        return span
    d = span.date
    if d.day is not None and doc_date.day is None:
        comparable = (d.year, d.month) < (doc_date.year, doc_date.month)
    elif d.day is None:
        comparable = doc_date.month is not None and (d.year, d.month) < (doc_date.year, doc_date.month)
    else:
        comparable = (d.year, d.month, d.day) < (doc_date.year, doc_date.month, doc_date.day)
    return replace(span, date=PartialDate(d.year + 1, d.month, d.day)) if comparable else span


def block_events(block: Block, year: Optional[int], doc_date: Optional[PartialDate] = None) -> list[EventFact]:
    text = block.text
    out: list[EventFact] = []
    spans = _dates(text, year)
    for s0, s1 in _sentences(text):
        cues = _cues(text, s0, s1)
        if not cues:
            continue
        rated = set()
        for span in (_roll_forward(d, text[s0:s1], doc_date) for d in spans if s0 <= d.start < s1):
            near = [c for c in cues if _gap((span.start, span.end), c[:2]) <= _MAX_GAP]
            if not near:
                continue
            # 'elected Leader at the annual meeting in May 2023' is an election held at a meeting:
            # what happened to someone outranks where it happened, which outranks a generic event.
            # A cue that already ends in its preposition ('the Directions of 6 December 2022') owns the date.
            c0, c1, kind, label, grade = min(near, key=lambda c: (_gap((span.start, span.end), c[:2]) > 1,
                                                                  _RANK.get(c[2], 0),
                                                                  _gap((span.start, span.end), c[:2])))
            start, end = min(c0, span.start), max(c1, span.end)
            quote = text[start:end]
            note = " (year inferred from the document date)" if span.year_from_context else ""
            out.append(EventFact(kind=kind, description=f"{label}: {quote}{note}",
                                 evidence=Evidence.of(block, start, end, f"event-{kind.lower()}-dated"),
                                 date=span.date, rating=grade))
            if kind == "Rating":
                rated.add(c0)
        for c0, c1, kind, label, grade in cues:
            if kind == "Rating" and c0 not in rated:
                # a rating is a fact even when the text gives no date for it
                out.append(EventFact(kind=kind, description=f"{label}: {text[c0:c1]}",
                                     evidence=Evidence.of(block, c0, c1, "event-rating-undated"), rating=grade))
    return out


def find_events(doc: Document) -> list[EventFact]:
    year = doc.date.year if doc.date else None
    out: list[EventFact] = []
    for block in doc.blocks:
        if block.kind in _SKIP_KINDS:
            continue
        out.extend(block_events(block, year, doc.date))
    return out


def extract(doc: Document, facts: DocumentFacts) -> None:
    facts.events.extend(find_events(doc))
    interventions.extract(doc, facts)
