"""Directions (proposed or made), their lettered items, and Directions other documents refer to.

A set of Directions is a lettered list ('a.', '(b)', with roman sub-items) under a paragraph or
heading that directs ('The proposed Directions set out actions ...', 'The Authority shall:'). Each
item keeps its text, a deadline stated relative to the direction date ('Within one month of the
date of these Directions' -> P1M, and the date computed at the direction date's precision) or as a
date ('By 31 March 2024'), a reporting interval ('at three monthly intervals' -> P3M) and whom it
reports to. Elsewhere, Directions a document only refers to ('placed under Best Value Directions
... in December 2014', 'the Property Direction') are 'made' facts with only what the text states.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest.dates import add_duration, find_dates, parse_duration
from ingest.legislation import find_citations
from ingest.model import (Block, CitationFact, DirectionFact, DirectionItemFact, Document, DocumentFacts,
                          Evidence, PartialDate)
from ingest.themes import document_finder
from ontology.iris import slug

_DIRECTING_PARENT = re.compile(r"\bDirections?\b|\bdirect(?:s|ed)\b|\bshall\s*:?\s*$|\bmust\s*:?\s*$")
_PROPOSED = re.compile(r"\bproposed\s+(?:Best\s+Value\s+)?Directions?\b|\bminded\s+to\b|\bproposed\s+(?:intervention\s+"
                       r"|statutory\s+support\s+)?package\b|\bis\s+considering\s+(?:exercising|making)\b", re.I)
_MADE = re.compile(r"\bhereby\s+directs?\b|\bSecretary\s+of\s+State\s+(?:hereby\s+)?directs\b|\bhas\s+(?:today\s+)?made\s+"
                   r"(?:the\s+|these\s+)?Directions\b|\bThese\s+Directions\s+(?:take|took|shall\s+take)\s+effect\b")
_EFFECT = re.compile(r"\bDirections\s+(?:take|took|shall\s+take)\s+effect\s+(?:on|from)\s+|\bDirections\s+(?:are|were)\s+"
                     r"(?:made|dated)\s+(?:on\s+)?")
_DEADLINE_REL = re.compile(
    r"\b(?:within|no\s+later\s+than)\s+\**(?P<dur>(?:\d+|[a-z-]+)\s+(?:day|week|fortnight|month|year)s?)\**\s+"
    r"(?:of|from|after)\s+the\s+date\s+of\s+(?:these|this|the)\s+Directions?\b", re.I)
_DEADLINE_LEAD = re.compile(r"\s*(?:within|no\s+later\s+than)\s+\**(?P<dur>(?:\d+|[a-z-]+)\s+(?:day|week|fortnight|month|year)s?)"
                            r"\**\s*,", re.I)
_DEADLINE_ABS = re.compile(r"\b(?:by|no\s+later\s+than|before|on\s+or\s+before)\s+(?:the\s+end\s+of\s+)?$", re.I)
_INTERVAL = re.compile(
    r"\b(?:at\s+)?(?P<n>(?:\d+|one|two|three|four|six|twelve))[\s-]+(?P<unit>month|week|year)ly\s+intervals?\b"
    r"|\bevery\s+(?P<n2>\d+|one|two|three|four|six|twelve)\s+(?P<unit2>month|week|year)s\b"
    r"|\b(?P<word>quarterly|annually|yearly|monthly)\b", re.I)
_WORD_INTERVALS = {"quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M"}
_REPORTS_TO = re.compile(
    r"\b[Rr]eport(?:s|ing)?\s+(?:\w+\s+){0,2}?to\s+(?P<to>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:of|for|and|&|[A-Z][\w&'’-]*))*)")
_DEFINITION = re.compile(r"\(\s*(?:the\s+)?[\"'‘“]?(?:the\s+)?(?P<short>[A-Z][\w ]{1,40}?)[\"'’”]?\s*\)")
_CONNECTOR = {"of", "and", "&", "for", "upon", "on"}
_AUTHORITY = re.compile(
    r"\b(?:(?:London|Royal|Metropolitan)\s+Borough\s+of|Borough\s+of|City\s+of|County\s+of)\s+[A-Z][\w'-]+"
    r"(?:\s+(?:upon|on|and)\s+[A-Z][\w'-]+|\s+[A-Z][\w'-]+)*"
    r"|\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s+(?:Metropolitan\s+Borough|Borough|District|County|City|Town)\s+Council\b")

# Directions a document refers to (not its own list).
_REFERRED = (
    re.compile(r"\b(?:(?:placed|put)\s+under|issued\s+with|subject\s+to|under)\s+(?:the\s+)?"
               r"(?P<q>(?:(?:revised|Best\s+Value|Ministerial|new|further)\s+)*)Directions\b"),
    re.compile(r"\bthe\s+(?P<q>Ministerial|revised|Best\s+Value)\s+Directions\b"),
)
_AREA = (
    re.compile(r"\bthe\s+(?P<area>[A-Z][a-z]+)\s+Direction\b"),
    re.compile(r"\bthe\s+Directions?\s+(?:regarding|in\s+relation\s+to|in\s+respect\s+of|relating\s+to)\s+"
               r"(?P<area>[A-Za-z][\w ]*?)(?=\s+(?:and|should|can|is|are|was|were|has|have|would|will)\b|[,.;:)]|$)"),
)
# A paragraph about one area that names no Direction for it ('... in respect of communications ... We believe
# that the relevant Direction can be ended very shortly'): the area is the phrase before the Direction.
_AREA_PHRASE = re.compile(r"\b(?:in\s+relation\s+to|in\s+respect\s+of|regarding)\s+(?!the\b|a\b|an\b|this\b|its\b|our\b|their\b|your\b)"
                          r"(?P<area>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)(?=\s+(?:has|have|is|are|was|were|and|including)\b|[,.;:)]|$)")
# The areas a set of Directions covers, listed after the powers it gives ('Commissioners with decision
# making powers in the areas of Grants, Procurement and Property'; 'powers over planning and licensing').
_POWERS_AREAS = re.compile(
    r"\bpowers\s+(?:(?:in|over)\s+(?:the\s+)?(?:areas?|functions?)\s+of|over|in\s+relation\s+to|in\s+respect\s+of)\s+"
    r"(?P<list>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?(?:,\s+[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)*"
    r"(?:,?\s+and\s+[A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)?))")
_UNNAMED_DIRECTION = re.compile(r"\b(?:this|the\s+relevant|that|the\s+same)\s+Directions?\b")
# What an authority asks for, or claims, about a Direction ('the Directions in respect of Grants can end').
_D = r"\bDirections?(?:\s+(?:in\s+respect\s+of|in\s+relation\s+to|regarding|for)\s+[A-Za-z]\w*(?:\s+[A-Za-z]\w*){0,3}?)?"
_OUTCOMES = (
    ("end shortly", re.compile(_D + r"\s+(?:can|could|should|will|may)\s+be\s+ended\s+(?:very\s+)?(?:shortly|soon)\b")),
    ("end", re.compile(r"\b(?:secure|seek|ask\s+for|request)\s+the\s+end\s+of\s+the\s+Directions?\b|"
                       + _D + r"\s+(?:should|could|can)\s+(?:now\s+)?(?:be\s+ended|end)\b(?!\s+(?:very\s+)?(?:shortly|soon))")),
    ("fulfilled", re.compile(r"\b(?:has|have)\s+(?:now\s+)?(?:fulfilled|complied\s+with|met)\s+the\s+Directions?\b|"
                             + _D + r"\s+(?:has|have)\s+(?:now\s+)?been\s+(?:fulfilled|met|complied\s+with)\b")),
    ("remove", re.compile(_D + r"\s+(?:should|could|can)\s+(?:now\s+)?be\s+(?:removed|lifted|revoked|withdrawn)\b")),
    ("amend", re.compile(_D + r"\s+(?:is|be|should\s+be)\s+amended\b|\bamend(?:ing)?\s+the\s+Directions?\b")),
    ("continue", re.compile(_D + r"\s+should\s+(?:continue|remain)\b|"
                            + _D + r"\s+(?:to\s+)?(?:continue|remain)\s+in\s+(?:force|place)\b")),
)
_NOT_AREA = {"Ministerial", "Best", "Proposed", "Revised", "Original", "New", "Further", "Secretary", "Relevant", "Same"}
_DATE_LEAD = re.compile(r"(?:\bin|\bon|\bof|\bdated|\bmade\s+on)\s+(?:the\s+)?$")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


# ---------------------------------------------------------------- helpers (defined_terms is shared with interventions)

def defined_terms(doc: Document) -> dict[str, str]:
    """Short names a document defines: "Transformation and Assurance Board (the Board)" -> Board."""
    out: dict[str, str] = {}
    for block in doc.blocks:
        for m in _DEFINITION.finditer(block.text):
            words = block.text[:m.start()].split()
            full: list[str] = []
            for w in reversed(words):
                w0 = w.strip(",;:")
                if w0 != w and full:
                    break
                if w0[:1].isupper() or (w0.lower() in _CONNECTOR and full):
                    full.insert(0, w0)
                    if w0 != w:
                        break
                else:
                    break
            while full and full[0].lower() in _CONNECTOR:
                full.pop(0)
            short = m.group("short").strip()
            if len(full) >= 2 and short not in out and short.lower() != " ".join(full).lower():
                out[short] = " ".join(full)
    return out


def _resolve(name: str, terms: dict[str, str]) -> str:
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return terms.get(bare, bare)


def item_path(block: Block, by_anchor: dict[str, Block]) -> list[str]:
    """Numbering components of an item from its top-level paragraph down: '14(a)(iv)' -> ['14','a','iv']."""
    comps = re.findall(r"\(?([0-9]+(?:\.[0-9]+)*|[A-Za-z]+)\)?", block.number or "")
    if comps and comps[0][0].isdigit():
        return comps
    parent = by_anchor.get(block.parent) if block.parent else None
    return (item_path(parent, by_anchor) if parent else []) + comps[-1:]


def _label(path: list[str]) -> Optional[str]:
    """['14','a','iv'] -> 'a(iv)'; None when there is no lettered component."""
    rest = [c for c in path if not c[0].isdigit()]
    if not rest:
        return None
    return rest[0] + "".join(f"({c})" for c in rest[1:])


def _item_label(b: Block, by_anchor: dict[str, Block]) -> Optional[str]:
    """The lettered label ('a(iv)'), or a list item's own number ('(1)' under 'The Authority shall:')."""
    label = _label(item_path(b, by_anchor))
    if label is None and b.kind == "item" and re.fullmatch(r"\d{1,2}", b.number or ""):
        return b.number
    return label


def _number_label(path: list[str]) -> str:
    """['1','i'] -> '1(i)': where the numbered paragraphs are the Directions, the number is the label."""
    return path[0] + "".join(f"({c})" for c in path[1:])


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return 0, len(text)


# ---------------------------------------------------------------- the document's own Directions

# A head whose numbered paragraphs are the Directions themselves ('... hereby directs the Authority as
# follows.' then '1. The Authority shall ...', '(i) ...'); a report's numbered paragraphs are not items.
_NUMBERED_HEAD = re.compile(r"hereby\s+directs?\b|\bdirects?\b[^.]*\bas\s+follows\s*[.:]?\s*$", re.I)


def _numbered_groups(doc: Document) -> dict[str, list[Block]]:
    """Head anchor -> its numbered paragraphs ('1.', '2.' ...) and their sub-items, up to the next heading."""
    out: dict[str, list[Block]] = {}
    head, want = None, 1
    for b in doc.blocks:
        if head is not None:
            if b.kind == "item" and b.parent and out[head.anchor]:
                out[head.anchor].append(b)
                continue
            if b.kind == "paragraph" and b.number == str(want):
                out[head.anchor].append(b)
                want += 1
                continue
            head = None
        if b.kind != "item" and _NUMBERED_HEAD.search(b.text):
            head, want = b, 1
            out[b.anchor] = []
    return {a: items for a, items in out.items() if len(items) >= 2}


def _groups(doc: Document) -> list[tuple[Block, list[Block]]]:
    """(directing paragraph, its items and sub-items in order) for each lettered list that directs."""
    by_anchor = {b.anchor: b for b in doc.blocks}
    groups: dict[str, list[Block]] = {}
    lead: Optional[Block] = None          # the last non-item block: the head of a list with no parent
    for b in doc.blocks:
        if b.kind != "item":
            lead = b
            continue
        top = b
        while top.parent and top.parent in by_anchor and by_anchor[top.parent].kind == "item":
            top = by_anchor[top.parent]
        # '(a) ...' items after 'The Council shall:' may be left without a parent by the layout
        head = by_anchor.get(top.parent) if top.parent else lead
        if head is None or _item_label(b, by_anchor) is None:
            continue
        if not (_DIRECTING_PARENT.search(head.text) or re.search(r"\bDirections\b", head.section or "")):
            continue
        groups.setdefault(head.anchor, []).append(b)
    return [(by_anchor[a], items) for a, items in groups.items()]


def _status(doc: Document, head: Block) -> Optional[str]:
    local = f"{head.section or ''} {head.text}"
    if _PROPOSED.search(local):
        return "proposed"
    if _MADE.search(local):
        return "made"
    text = "\n".join(b.text for b in doc.blocks)
    if _MADE.search(text):
        return "made"
    if _PROPOSED.search(text):
        return "proposed"
    return None


def _direction_date(doc: Document, status: str) -> Optional[PartialDate]:
    if status == "made":
        for b in doc.blocks:
            for m in _EFFECT.finditer(b.text):
                spans = find_dates(b.text[m.end():m.end() + 40])
                if spans and spans[0].start == 0:
                    return spans[0].date
    return doc.date


def _authority(doc: Document, terms: dict[str, str], head: Block) -> Optional[str]:
    if "Authority" in terms and _AUTHORITY.fullmatch(terms["Authority"]):
        return terms["Authority"]
    for text in (head.text, head.section or ""):
        m = _AUTHORITY.search(text.title() if text.isupper() else text)
        if m:
            return m.group(0)
    for b in doc.blocks:
        if re.search(r"\bdirect(?:ion|ions|s)\b", b.text, re.I):
            m = _AUTHORITY.search(b.text)
            if m:
                return m.group(0)
    return None


def _power(citations: list[CitationFact], doc: Document) -> Optional[CitationFact]:
    """The provision cited as the power: first in a sentence about powers and Directions."""
    by_anchor = {b.anchor: b for b in doc.blocks}
    ranked = []
    for i, c in enumerate(citations):
        if c.section is None:
            continue
        text = by_anchor[c.evidence.anchor].text
        s0, s1 = _sentence_of(text, c.evidence.start)
        sentence = text[s0:s1]
        if not re.search(r"\bdirect(?:ion|ions|s)\b", sentence, re.I):
            continue
        rank = 0 if re.search(r"\bpowers?\b", sentence, re.I) else 1
        ranked.append((rank, i, c))
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def _interval(text: str) -> Optional[str]:
    m = _INTERVAL.search(text)
    if not m:
        return None
    if m.group("word"):
        return _WORD_INTERVALS[m.group("word").lower()]
    n, unit = (m.group("n"), m.group("unit")) if m.group("n") else (m.group("n2"), m.group("unit2"))
    return parse_duration(f"{n} {unit}s")


def _item(block: Block, label: str, date: Optional[PartialDate], terms: dict[str, str], finder,
          span: Optional[tuple[int, int]] = None) -> DirectionItemFact:
    start, end = span or (0, len(block.text))
    text = block.text[start:end]
    duration, deadline = None, None
    # an item that opens 'Within three months, ...' counts from the date of the Directions too
    m = _DEADLINE_REL.search(text) or _DEADLINE_LEAD.match(text)
    if m:
        duration = parse_duration(m.group("dur"))
        if duration and date is not None:
            try:
                deadline = add_duration(date, duration)
            except ValueError:
                deadline = None  # the result would need a day or month the direction date lacks
    else:
        for span in find_dates(text):
            if _DEADLINE_ABS.search(text[max(0, span.start - 20):span.start]):
                deadline = span.date
                break
    interval, reports_to = None, None
    if re.search(r"\breport", text, re.I):
        interval = _interval(text)
        r = _REPORTS_TO.search(text)
        if r:
            reports_to = _resolve(r.group("to"), terms)
    rule = "direction-item" if span is None else "direction-item-inline"
    return DirectionItemFact(label=label, text=text, evidence=Evidence.of(block, start, end, rule),
                             deadline_duration=duration, deadline=deadline, reporting_interval=interval,
                             reports_to=reports_to, themes=finder.themes_in(text))


_INLINE = re.compile(r"(?:(?<=\s)|^)\((?P<l>[a-z])\)\s+")
_INLINE_HEAD = re.compile(r"\bdirect(?:s|ed)?\b|\bDirections?\b|\bshall\b|\bmust\b", re.I)


def _inline_items(block: Block) -> list[tuple[str, tuple[int, int]]]:
    """'... directs the Authority to: (a) within six months, ...; (b) ...' written in one paragraph."""
    run: list[re.Match] = []
    for m in _INLINE.finditer(block.text):
        if m.group("l") == chr(ord("a") + len(run)):
            run.append(m)
    if len(run) < 2 or not _INLINE_HEAD.search(block.text, 0, run[0].start()):
        return []
    out = []
    for i, m in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(block.text)
        seg = block.text[m.end():end].rstrip()
        out.append((m.group("l"), (m.end(), m.end() + len(seg))))
    return out


def own_directions(doc: Document, citations: Optional[list[CitationFact]] = None) -> list[DirectionFact]:
    by_anchor = {b.anchor: b for b in doc.blocks}
    numbered = _numbered_groups(doc)
    inside = {b.anchor for items in numbered.values() for b in items}
    listed = {head.anchor: items for head, items in _groups(doc) if head.anchor not in set(numbered) | inside}
    listed.update(numbered)
    inline = {b.anchor: _inline_items(b) for b in doc.blocks if b.anchor not in listed and b.kind != "item"}
    heads = [b for b in doc.blocks if b.anchor in listed or inline.get(b.anchor)]
    if not heads:
        return []
    citations = find_citations(doc) if citations is None else citations
    terms = defined_terms(doc)
    finder = document_finder(doc)
    out: list[DirectionFact] = []
    for head in heads:
        status = _status(doc, head)
        if status is None:
            continue
        date = _direction_date(doc, status)
        if head.anchor in listed:
            label = (lambda b: _number_label(item_path(b, by_anchor))) if head.anchor in numbered else \
                (lambda b: _item_label(b, by_anchor))
            facts = [_item(b, label(b), date, terms, finder) for b in listed[head.anchor]]
        else:
            facts = [_item(head, label, date, terms, finder, span) for label, span in inline[head.anchor]]
        out.append(DirectionFact(status=status, evidence=Evidence.of(head, 0, len(head.text), "direction-list"),
                                 date=date, authority=_authority(doc, terms, head), power=_power(citations, doc),
                                 items=facts, key="directions" if not out else f"directions-{len(out) + 1}"))
    return out


# ---------------------------------------------------------------- Directions referred to

def _stated_date(text: str, start: int, end: int) -> Optional[tuple[int, PartialDate]]:
    """A date that says when the Directions were made: 'in December 2014', 'of 6 December 2022'."""
    s0, s1 = _sentence_of(text, start)
    for span in find_dates(text[end:s1]):
        before = text[end:end + span.start]
        if re.search(r"\buntil\b|\bin\s+force\b|\bexpir", before):
            return None
        if _DATE_LEAD.search(before):
            return end + span.end, span.date
    return None


def referred_directions(doc: Document) -> list[DirectionFact]:
    out: dict[str, DirectionFact] = {}
    for block in doc.blocks:
        text = block.text
        for rx in _REFERRED:
            for m in rx.finditer(text):
                qual = re.sub(r"\s+", " ", m.group("q").strip())
                dated = _stated_date(text, m.start(), m.end())
                end, date = dated if dated else (m.end(), None)
                key = "-".join(p for p in (slug(qual) if qual else "", "directions",
                                           date.iso() if date else "") if p)
                if key not in out:
                    out[key] = DirectionFact("made", Evidence.of(block, m.start(), end, "direction-referred"),
                                             date=date, key=key)
                    _add_powers_areas(out[key], block, m.end())
        mentions = sorted((m for rx in _AREA for m in rx.finditer(text)
                           if m.group("area").split()[0] not in _NOT_AREA), key=lambda m: m.start())
        for i, m in enumerate(mentions):
            area = re.sub(r"\s+", " ", m.group("area").strip())
            key = f"direction-{slug(area)}"
            if key not in out:
                nxt = mentions[i + 1].start() if i + 1 < len(mentions) else None
                out[key] = _with_outcome(DirectionFact("made", Evidence.of(block, m.start(), m.end(), "direction-area"),
                                                       key=key, area=area), block, nxt)
        if not mentions:
            d = _unnamed_area_direction(block)
            if d is not None and d.key not in out:
                out[d.key] = d
    return list(out.values())


def _add_powers_areas(d: DirectionFact, block: Block, after: int) -> None:
    """The areas the Directions' powers cover, when the same paragraph lists them after the mention."""
    m = _POWERS_AREAS.search(block.text, after)
    if m is None:
        return
    d.areas = tuple(a.strip() for a in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list")) if a.strip())
    d.extra_evidence.append(Evidence.of(block, m.start(), m.end(), "direction-powers-areas"))


def _outcomes(block: Block, lo: int = 0, hi: Optional[int] = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of every outcome stated in the paragraph that ends after lo and starts before hi."""
    hi = len(block.text) if hi is None else hi
    return sorted((m.start(), m.end(), word) for word, rx in _OUTCOMES for m in rx.finditer(block.text)
                  if m.end() > lo and m.start() < hi)


def _sentence_evidence(block: Block, pos: int) -> Evidence:
    s0, s1 = _sentence_of(block.text, pos)
    while s0 < s1 and block.text[s0].isspace():
        s0 += 1
    return Evidence.of(block, s0, s1, "direction-outcome-sought")


def _with_outcome(d: DirectionFact, block: Block, hi: Optional[int]) -> DirectionFact:
    """A named area's outcome: the last one stated from its mention up to the next area named in the
    paragraph ('the Property Direction should continue, and the Directions in respect of Grants can end')."""
    found = _outcomes(block, d.evidence.start, hi)
    if found:
        pos, _, d.outcome_sought = found[-1]
        ev = _sentence_evidence(block, pos)
        if (ev.start, ev.end) != (d.evidence.start, d.evidence.end):
            d.extra_evidence.append(ev)
    return d


def _unnamed_area_direction(block: Block) -> Optional[DirectionFact]:
    """'... the one outstanding action in respect of communications ... the relevant Direction can be ended
    very shortly': a Direction of the area the paragraph is about, only when an outcome is stated for it."""
    found = _outcomes(block) if _UNNAMED_DIRECTION.search(block.text) else []
    if not found:
        return None
    pos, _, word = found[-1]
    phrases = [m for m in _AREA_PHRASE.finditer(block.text) if m.start() < pos]
    if not phrases:
        return None
    m = phrases[-1]
    area = re.sub(r"\s+", " ", m.group("area"))
    return DirectionFact("made", Evidence.of(block, m.start(), m.end(), "direction-area-of-paragraph"),
                         key=f"direction-{slug(area)}", area=area, outcome_sought=word,
                         extra_evidence=[_sentence_evidence(block, pos)])


def find_directions(doc: Document, citations: Optional[list[CitationFact]] = None) -> list[DirectionFact]:
    own = own_directions(doc, citations)
    keys = {d.key for d in own}
    return own + [d for d in referred_directions(doc) if d.key not in keys]


def extract(doc: Document, facts: DocumentFacts) -> None:
    facts.directions.extend(find_directions(doc, facts.citations or None))
