"""Inspections (inspector, assistant inspectors, report submitted and sent) and interventions
(start, initial duration), read from the sentences that state them.

People are kept as names as written, without post-nominals ('Jane Roe CBE DL' -> 'Jane Roe');
honorifics stay ('Sir Tom Hale'); ingest.people resolves them.
A day and month without a year ('sent your Authority a Report on 8 August') take the document's
year only when the document is dated.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest.dates import find_dates, parse_duration
from ingest.directions import defined_terms
from ingest.model import Block, Document, DocumentFacts, Evidence, InspectionFact, InterventionFact, PartialDate
from ontology import vocab


def _name_re() -> str:
    a = vocab.aliases()
    hon = "|".join(re.escape(h) for h in sorted(a.get("honorifics") or (), key=len, reverse=True))
    post = "|".join(re.escape(p) for p in a.get("postnominals") or ())
    word = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
    return rf"(?:(?:{hon})\s+)?{word}(?:\s+{word}){{1,3}}(?:\s+(?:{post}))*"


_NAME = _name_re()
_POSTNOMINAL = re.compile(r"(?:\s+(?:" + "|".join(map(re.escape, vocab.aliases().get("postnominals") or ())) + r"))+$")
_INSPECTOR = (
    re.compile(rf"(?P<name>{_NAME}),?\s+having\s+(?:undertaken|conducted|carried\s+out|completed)\s+(?:an?\s+|the\s+)?"
               r"(?:\w+\s+){0,3}?inspection\b"),
    re.compile(rf"(?P<name>{_NAME})\s+and\s+(?:his|her|their)\s+Assistant\s+Inspectors?,?\s+"
               rf"(?P<list>{_NAME}(?:,\s+{_NAME})*(?:,?\s+and\s+{_NAME})?)"),
    re.compile(rf"\b(?:Lead\s+Inspector|inspection\s+(?:was\s+)?led\s+by),?\s+(?P<name>{_NAME})"),
)
_SUBMITTED = re.compile(r"\bsubmitted\s+to\s+the\s+Secretary\s+of\s+State\s+(?:on|in)\s+")
_SENT = re.compile(r"\bsent\s+(?:your|the)\s+(?:Authority|Council)\s+(?:a|the|its)\s+(?:draft\s+|final\s+)?Report\s+(?:on|in)\s+"
                   r"|\bReport\s+(?:was\s+)?sent\s+to\s+(?:your|the)\s+(?:Authority|Council)\s+(?:on|in)\s+")
_START = re.compile(r"\bintervention\s+(?:began|started|commenced)\s+(?:on|in)\s+|\bDirections\s+(?:take|took)\s+effect\s+"
                    r"(?:on|from)\s+")
_DURATION = re.compile(r"\bfor\s+an\s+initial\s+period\s+of\s+(?P<dur>(?:\d+|[a-z-]+)\s+(?:months?|years?))\b", re.I)
_APPOINTED_ON = re.compile(r"\b(?:were|was|have\s+been|has\s+been)\s+appointed\s+(?:on|from|with\s+effect\s+from)\s+")
_ABOUT_INSPECTION = re.compile(r"\binspect|\bInspector|\bReport\b", re.I)


def _clean(name: str) -> str:
    return _POSTNOMINAL.sub("", re.sub(r"\s+", " ", name.strip()))


def _split_names(listing: str) -> tuple[str, ...]:
    return tuple(_clean(n) for n in re.split(r",\s+and\s+|,\s+|\s+and\s+", listing) if n.strip())


def _date_at(text: str, pos: int, year: Optional[int]) -> Optional[tuple[int, PartialDate]]:
    spans = find_dates(text[pos:pos + 40], year)
    if spans and spans[0].start == 0:
        return pos + spans[0].end, spans[0].date
    return None


def _authority(block: Block, terms: dict[str, str]) -> Optional[str]:
    for short in ("Authority", "Council"):
        if short in terms and re.search(rf"\b{short}\b", block.text):
            return terms[short]
    return None


def block_inspections(block: Block, year: Optional[int], terms: dict[str, str]) -> list[InspectionFact]:
    text = block.text
    if not _ABOUT_INSPECTION.search(text):
        return []
    spans: list[tuple[int, int]] = []
    inspector, assistants, submitted, sent = None, (), None, None
    for rx in _INSPECTOR:
        m = rx.search(text)
        if m and inspector is None:
            inspector = _clean(m.group("name"))
            if "list" in rx.groupindex and m.group("list"):
                assistants = _split_names(m.group("list"))
            spans.append(m.span())
    for rx, which in ((_SUBMITTED, "submitted"), (_SENT, "sent")):
        m = rx.search(text)
        if not m:
            continue
        got = _date_at(text, m.end(), year)
        if got is None:
            continue
        spans.append((m.start(), got[0]))
        if which == "submitted":
            submitted = got[1]
        else:
            sent = got[1]
    if not spans:
        return []
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return [InspectionFact(Evidence.of(block, start, end, "inspection"), inspector=inspector, assistants=assistants,
                           submitted=submitted, sent=sent, authority=_authority(block, terms))]


def block_interventions(block: Block, year: Optional[int], terms: dict[str, str]) -> list[InterventionFact]:
    text = block.text
    spans, start_date, duration = [], None, None
    m = _START.search(text)
    if m:
        got = _date_at(text, m.end(), year)
        if got:
            start_date = got[1]
            spans.append((m.start(), got[0]))
    d = _DURATION.search(text)
    if d:
        duration = parse_duration(d.group("dur"))
        spans.append(d.span())
        a = None if start_date else next((x for x in _APPOINTED_ON.finditer(text, 0, d.start())), None)
        got = _date_at(text, a.end(), year) if a else None
        if got and re.fullmatch(r"\s*,?\s*", text[got[0]:d.start()]):
            # 'We were appointed on 1 March 2025 for an initial period of two years'
            start_date = got[1]
            spans.append((a.start(), got[0]))
    if not spans:
        return []
    s, e = min(a for a, _ in spans), max(b for _, b in spans)
    return [InterventionFact(Evidence.of(block, s, e, "intervention"), authority=_authority(block, terms),
                             start=start_date, initial_duration=duration)]


def extract(doc: Document, facts: DocumentFacts) -> None:
    year = doc.date.year if doc.date else None
    terms = defined_terms(doc)
    for block in doc.blocks:
        facts.inspections.extend(block_inspections(block, year, terms))
        facts.interventions.extend(block_interventions(block, year, terms))
