"""Dated events in prose: elections, appointments, departures, meetings, ratings, auditors'
recommendations, inspections and peer challenges, at the precision the text gives.

An event is a date (ingest.dates) paired with the nearest event word in the same sentence
('re-elected in May 2018', 'Full Council on the 22nd January', 'received a C3 rating in April').
A day or month written without a year takes the document's year only when the document is dated,
and the description says so (a plan written in November for '22nd January' takes the next year);
in an undated document such an event keeps no date. A bare day or month in a list that ends with a
year ('in July and December 2017', '17 January, 28 February and 11 April 2025') takes the list's year. Ratings are kept even when undated ("the recent 'Outstanding' Ofsted
rating"). Inspections and interventions are read by ingest.interventions, called from here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ingest import interventions
from ingest.dates import NUMBER, DateSpan, find_dates, parse_duration, parse_number
from ingest.model import Block, Document, DocumentFacts, EventFact, Evidence, PartialDate
from ontology import vocab

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
        r"\bleft\b|\bdeparture\b|\bresign(?:ed|ation)\b|\bst(?:ep|epped|and|ands|ood)\s+down\b|\bretired\b"
        r"|\bleav(?:e|es|ing)\s+the\s+(?:Council|Authority|organisation|post|role|Board)\b", re.I)),
    ("Appointment", "appointment", re.compile(
        r"\bappointed\b|\bappointment\s+of\b|\btook\s+up\s+(?:post|office|(?:his|her|their)\s+(?:post|role)s?)\b"
        r"|\btake\s+up\s+(?:post|office|(?:his|her|their)\s+(?:post|role)s?)\b|\bact(?:ed|ing)\s+as\b"
        r"|\bhas\s+been\s+acting\b|\bjoined\b|\bcovered\s+by\s+an?\s+interim\b", re.I)),
    # weaker: who chairs is often said in passing ('the Board, chaired by X, met on ...')
    ("Appointment", "chair", re.compile(r"\bchaired\s+by\b|\bchair\s+of\b", re.I)),
    ("Meeting", "meeting", re.compile(
        r"\bmeetings?\b|\bmet\b|\b(?:will|to|shall)\s+(?:next\s+)?meet\b|\bFull\s+Council\b|\bCabinet\b|\bworkshop\b|\bconference\b|\bforum\b|\bsession\b"
        r"|\b(?:go|goes|come|comes|went|taken?|report(?:ed)?)\s+to\s+Council\b"
        r"|^\s*Held\s+(?:on|at)\b", re.I)),        # minutes' 'Held on Tuesday 14 July ... at the Town Hall'
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
    ("Event", "report due", re.compile(r"\b(?:will|would|is\s+to|are\s+to)\s+report\b", re.I)),
    ("Event", "published", re.compile(r"\b(?:issued|published)\b", re.I)),
    ("Event", "survey", re.compile(r"\bsurvey\b", re.I)),
    ("Event", "letter", re.compile(r"\bletter\b", re.I)),
    ("Event", "dated", re.compile(r"\bdated\b", re.I)),
    ("Event", "sent", re.compile(r"\bsent\b", re.I)),
)
# An event word before its date governs it further ('appointed X as A and Y as B on 9 June') than
# one after it ('In February 2025, the council's external auditor issued ...').
_MAX_GAP_BEFORE, _MAX_GAP_AFTER = 90, 45
# 'appointed ... from 15 June 2026, following the departure of ...': a word in the next clause.
_OTHER_CLAUSE = re.compile(r",\s*(?:following|after|before|while|whereas)\b", re.I)
_SIGN_OFF = re.compile(r"\bOn\s+behalf\s+of\b", re.I)
_RANK = {"Meeting": 1, "chair": 1.5, "Event": 2}
# A plan ('We will take a paper to Full Council on the 22nd January', written in November) is
# after the document: a day or month inferred before the document date belongs to the next year.
_FUTURE = re.compile(r"\bwill\b|\bscheduled\b|\bplanned\b|\bforthcoming\b|\bintends?\b|\bexpected\b", re.I)
_YEAR_ONLY_LEAD = re.compile(r"\bin\s+(?:the\s+)?$", re.I)
_LIST_TAIL = re.compile(r"^\s*,?\s*(?:and|or|to|–|—|-)\s+")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?=\s|$)|$)")
_SKIP_KINDS = {"letterhead", "address", "date", "reference", "salutation", "closing", "signature", "cc"}


def _org_patterns() -> list[tuple[re.Pattern, str]]:
    """Known bodies (aliases.yaml) by every written form, case-sensitive: 'Ofsted', 'RSH', 'the Ministry'."""
    out = []
    for o in vocab.aliases().get("organisations") or ():
        forms = [o["name"], *(o.get("variants") or ())] + ([o["abbreviation"]] if o.get("abbreviation") else [])
        for form in sorted(set(forms), key=len, reverse=True):
            out.append((re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])"), o["name"]))
    return out


_ORGS = _org_patterns()


def _participants(text: str) -> tuple[str, ...]:
    """Known bodies named in a text, in order of first mention: who rated, inspected or recommended."""
    found: dict[str, int] = {}
    for rx, name in _ORGS:
        m = rx.search(text)
        if m and (name not in found or m.start() < found[name]):
            found[name] = m.start()
    return tuple(sorted(found, key=found.get))


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


_NO_YEAR = 1   # stands in for 'year not stated' while reading an undated document; never kept


def _dates(text: str, year: Optional[int]) -> list[DateSpan]:
    """Dates of a text; a bare month/day before a dated list takes the list's year ('July and December 2017').
    In an undated document a day or month without a year keeps no date at all (date None)."""
    spans = find_dates(text, year if year is not None else _NO_YEAR)
    out = []
    for i, s in enumerate(spans):
        if s.year_from_context:
            prev = s
            for nxt in spans[i + 1:]:
                gap = text[prev.end:nxt.start]
                if not (_LIST_TAIL.match(gap) or re.fullmatch(r"\s*,\s*", gap)):
                    break  # the list ends before any written year
                if not nxt.year_from_context:
                    d = s.date
                    s = replace(s, date=PartialDate(nxt.date.year, d.month, d.day), year_from_context=False)
                    break
                prev = nxt
        if s.date.precision == "year" and not _YEAR_ONLY_LEAD.search(text[max(0, s.start - 12):s.start]):
            continue  # '2024/25', 'the 2018 election Manifesto': a year alone is not an event date
        out.append(s)
    return out


def _stated(span: DateSpan, year: Optional[int]) -> Optional[PartialDate]:
    return None if (span.year_from_context and year is None) else span.date


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _near(text: str, span: DateSpan, cue: tuple, spans: list[DateSpan]) -> bool:
    if cue[1] <= span.start:
        # 'approved by Full Council on 10 December 2024 and that the review would report in March 2025':
        # the word governs the date next to it, and a later date only when the two are listed together
        between = [d for d in spans if cue[1] <= d.start and d.end <= span.start]
        if between:
            gap = text[between[-1].end:span.start]
            if not re.fullmatch(r"\s*(?:,\s*and|,|and|or|to|–|-)\s*", gap) and \
                    re.search(r"\b(?:and|but|while|whereas|although)\b", gap):
                return False
        return span.start - cue[1] <= _MAX_GAP_BEFORE
    between = text[span.end:cue[0]]
    return cue[0] - span.end <= _MAX_GAP_AFTER and not _OTHER_CLAUSE.search(between)


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
    head = _cues(block.section or "", 0, len(block.section or ""))
    if spans and spans[0].start == 0 and head and head[0][2] == "Meeting" and not _cues(text, 0, len(text)):
        # '7.1. Friday 28 February 2025, 10.00am, Committee Room 2.' under 'Date of next meeting'
        d = spans[0]
        return [EventFact(kind="Meeting", description=f"meeting ({block.section}): {d.text}",
                          evidence=Evidence.of(block, d.start, d.end, "event-meeting-section"), date=_stated(d, year))]
    for s0, s1 in _sentences(text):
        cues = _cues(text, s0, s1)
        if not cues:
            continue
        rated = set()
        if _SIGN_OFF.search(text, s0, s1):
            continue
        for span in (_roll_forward(d, text[s0:s1], doc_date) for d in spans if s0 <= d.start < s1):
            near = [c for c in cues if _near(text, span, c, spans)]
            if not near:
                continue
            # 'elected Leader at the annual meeting in May 2023' is an election held at a meeting:
            # what happened to someone outranks where it happened, which outranks a generic event.
            # A cue that already ends in its preposition ('the Directions of 6 December 2022') owns the date.
            c0, c1, kind, label, grade = min(near, key=lambda c: (_gap((span.start, span.end), c[:2]) > 1,
                                                                  _RANK.get(c[3], _RANK.get(c[2], 0)),
                                                                  _gap((span.start, span.end), c[:2])))
            start, end = min(c0, span.start), max(c1, span.end)
            quote = text[start:end]
            date = _stated(span, year)
            note = ("" if not span.year_from_context else " (year not stated)" if date is None
                    else " (year inferred from the document date)")
            # a rating's rater is often named a sentence earlier ('self-referral to the Regulator ... .
            # Following the inspection they received a C3 rating')
            scope = text[:s1] if kind == "Rating" else text[max(s0, start - 60):min(s1, end + 30)]
            count, subjects = None, ()
            if kind == "Recommendation":
                count, subjects, end = _what_recommended(text, c0, c1, s1, end)
                quote = text[start:end]
            out.append(EventFact(kind=kind, description=f"{label}: {quote}{note}",
                                 evidence=Evidence.of(block, start, end, f"event-{kind.lower()}-dated"),
                                 date=date, rating=grade, participants=_participants(scope),
                                 end=_period_end(span, date), count=count, subjects=subjects))
            if kind == "Rating":
                rated.add(c0)
        for c0, c1, kind, label, grade in cues:
            if kind == "Rating" and c0 not in rated:
                # a rating is a fact even when the text gives no date for it
                out.append(EventFact(kind=kind, description=f"{label}: {text[c0:c1]}",
                                     evidence=Evidence.of(block, c0, c1, "event-rating-undated"), rating=grade,
                                     participants=_participants(text[:s1])))
    return out


def _period_end(span: DateSpan, start: Optional[PartialDate]) -> Optional[PartialDate]:
    """The end of a stated period ('from 19th to 22nd June 2018'), in the year its start was given."""
    e = span.end_date
    if e is None or start is None:
        return None
    return PartialDate(start.year, e.month, e.day)


# 'issued three statutory recommendations to the council relating to procurement, the internal
# control environment and financial reporting': how many, and on what, as written.
_COUNT_BEFORE = re.compile(rf"\b({NUMBER})\s+(?:[\w-]+\s+){{0,2}}?recommendations\b", re.I)
_SUBJECTS_AFTER = re.compile(r"^(?:\s+to\s+(?:the\s+)?[\w' ’]{1,40}?)?,?\s+(?:relating\s+to|related\s+to|concerning|"
                             r"in\s+respect\s+of|covering|on|about)\s+(?P<list>[^.;:()]+?)(?=\s*(?:[.;:(]|,\s*(?:which|and\s+the\s+council|"
                             r"but|while|whereas)\b|$))", re.I)


def _what_recommended(text: str, c0: int, c1: int, s1: int, end: int) -> tuple[Optional[int], tuple[str, ...], int]:
    """(count, subjects, new end of the quote) for a recommendations cue at text[c0:c1]."""
    m = _COUNT_BEFORE.search(text, max(0, c0 - 30), c1 + 1)
    count = parse_number(m.group(1)) if m else None
    tail = _SUBJECTS_AFTER.match(text[c1:s1])
    if not tail or find_dates(tail.group("list")) or tail.group("list")[:1].isdigit():
        return count, (), end     # 'recommendations on 12 March 2024' says when, not on what
    # commas part the list; 'and'/'or' only its last two ('A, B and C', 'A and B')
    parts = [p.strip() for p in re.split(r",\s*", tail.group("list"))]
    parts = [re.sub(r"^(?:and|or)\s+", "", p) for p in parts]
    parts[-1:] = re.split(r"\s+(?:and|or)\s+(?!.*\s(?:and|or)\s)", parts[-1])
    subjects = tuple(p for p in parts if p)
    return count, subjects, max(end, c1 + tail.end("list"))


# 'a review of progress ... for the Secretary of State after four months', 'we are to report to you
# on the council's progress after four months': a review or report falling due that long after the
# intervention began.
_DUE_AFTER = re.compile(rf"\b(?P<cue>review|report|stocktake|assessment)\b[^.;]{{0,120}}?\bafter\s+"
                        rf"(?P<dur>{NUMBER}\s+(?:weeks?|months?|years?))\b", re.I)
# only an obligation or plan ('will undertake a review', 'we are to report'), not a past report
_OBLIGED = re.compile(r"\b(?:will|shall|must|should|(?:is|are)\s+to|required\s+to)\b", re.I)


def block_due_reviews(block: Block) -> list[EventFact]:
    out = []
    for m in _DUE_AFTER.finditer(block.text):
        dur = parse_duration(m.group("dur"))
        if dur and _OBLIGED.search(block.text, max(0, m.start() - 60), m.start()):
            out.append(EventFact(kind="Event", description=f"{m.group('cue').lower()} due: {m.group(0)}",
                                 evidence=Evidence.of(block, m.start(), m.end(), "event-due-after"), due_after=dur))
    return out


def find_events(doc: Document) -> list[EventFact]:
    year = doc.date.year if doc.date else None
    out: list[EventFact] = []
    for block in doc.blocks:
        if block.kind in _SKIP_KINDS:
            continue
        out.extend(block_events(block, year, doc.date))
        out.extend(block_due_reviews(block))
    return out


def extract(doc: Document, facts: DocumentFacts) -> None:
    facts.events.extend(find_events(doc))
    interventions.extract(doc, facts)
