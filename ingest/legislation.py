"""Citations of Acts and their parts/sections, resolved to legislation.gov.uk ids.

Acts are recognised only by the names in ontology/vocab/legislation.yaml (title and aliases) and by
short forms the document itself defines ("... Act 1999 (the '1999 Act')"). Most documents cite no
legislation at all, so precision matters more than recall: a section number is a citation only
when an Act is named after it ("section 13(3) of the Local Government Act 1999") or earlier in the
same sentence ("Part 1 of the 1999 Act, namely ... under section 3"). An Act not in the data is
skipped rather than given an invented id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ingest.model import CitationFact, Document, DocumentFacts, Evidence
from ontology import vocab


@dataclass(frozen=True)
class Act:
    id: str
    title: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    act: Act


_QUOTE_OPEN = "'‘\"“"
_QUOTE_CLOSE = "'’\"”"
# "(the '1999 Act')", "('the 1999 Act')", '("the Act")'
_DEFINITION = re.compile(
    rf"\s*\(\s*(?:the\s+)?[{_QUOTE_OPEN}]\s*(?:the\s+)?(?P<short>[^{_QUOTE_CLOSE}()]{{2,60}}?)\s*[{_QUOTE_CLOSE}]\s*\)")
_SHORT_FORM = re.compile(r"^(?:(?:19|20)\d\d\s+)?Act$|Act\b")

# 'section 13(3)', 'sections 10 and 15', 's.15', 's15(6)(a)', 'section 15(5) and (6)'
_SUB = r"(?:\([0-9]{1,3}[A-Za-z]?\)|\([a-z]{1,4}\))"
_SECTION = re.compile(
    rf"(?<![\w.])(?P<kw>[Ss]ections?|ss?\.\s?|s(?=\d))\s*"
    rf"(?P<list>\d{{1,3}}[A-Z]{{0,2}}{_SUB}*(?:\s*(?:,|and|or|to)\s*(?:\d{{1,3}}[A-Z]{{0,2}}{_SUB}*|{_SUB}+))*)"
    rf"(?![\w.]*\d)(?!\s+(?:and\s+[A-Z]\w+\s+)?[Oo]fficers?\b)")
_PART = re.compile(r"(?<![\w.])Part\s+(?P<part>\d{1,2}[A-Z]?|[IVX]{1,5})\b")
_ITEM = re.compile(rf"(?P<num>\d{{1,3}}[A-Z]{{0,2}})?(?P<sub>{_SUB}*)")
_SENTENCE_END = re.compile(r"[.;!?](?=\s+[A-Z(‘'\"“]|\s*$)")


def acts() -> list[Act]:
    return [Act(a["id"], a["title"]) for a in vocab.legislation()]


def _names() -> list[tuple[str, Act]]:
    out: list[tuple[str, Act]] = []
    for a in vocab.legislation():
        act = Act(a["id"], a["title"])
        for name in (a["title"], *(a.get("aliases") or ())):
            name = re.sub(r"^the\s+", "", name, flags=re.I)
            out.append((name, act))
    return out


def _pattern(names: list[tuple[str, Act]]) -> Optional[re.Pattern]:
    if not names:
        return None
    alts = sorted({n for n, _ in names}, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in alts)
    return re.compile(rf"(?<![\w])(?:[Tt]he\s+)?(?P<name>{body})(?![\w])")


class ActFinder:
    """Finds Act names in text: the data's names plus short forms the document defines."""

    def __init__(self) -> None:
        self.names = _names()
        self._by_name = {n.lower(): a for n, a in self.names}
        self._re = _pattern(self.names)

    def define(self, short: str, act: Act) -> None:
        short = re.sub(r"^the\s+", "", short.strip(), flags=re.I)
        # a bare "the Act" is read as an anaphor (_ANAPHOR), never as a name: 'Act' alone would
        # otherwise match inside every other Act's title
        if short.lower() in self._by_name or short == "Act" or not _SHORT_FORM.search(short):
            return
        self.names.append((short, act))
        self._by_name[short.lower()] = act
        self._re = _pattern(self.names)

    def find(self, text: str) -> list[_Mention]:
        out = []
        for m in self._re.finditer(text):
            name = re.sub(r"\s+", " ", m.group("name")).lower()
            out.append(_Mention(m.start(), m.end(), self._by_name[name]))
        return out

    def learn_definitions(self, text: str) -> None:
        for mention in self.find(text):
            d = _DEFINITION.match(text, mention.end)
            if d:
                self.define(d.group("short"), mention.act)


# 'See section 4', 'in section 2 we': the report's own sections, not an Act's.
_REPORT_REF = re.compile(r"(?:\b(?:[Ii]n|[Ss]ee|[Aa]t)\s+)$")


def _known_section(act: Act, listing: str) -> bool:
    known = {str(p.get("section")) for a in vocab.legislation() if a["id"] == act.id
             for p in a.get("provisions") or () if p.get("section")}
    return all(section in known for section, _ in _expand(listing))


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return start


def _expand(listing: str) -> list[tuple[str, Optional[str]]]:
    """'15(5) and (6)' -> [('15', '15(5)'), ('15', '15(6)')]; '10 and 15' -> [('10', None), ('15', None)]."""
    out: list[tuple[str, Optional[str]]] = []
    section = None
    for piece in re.split(r"\s*(?:,|\band\b|\bor\b|\bto\b)\s*", listing):
        m = _ITEM.fullmatch(piece.strip())
        if not m or not (m.group("num") or m.group("sub")):
            continue
        section = m.group("num") or section
        if section is None:
            continue
        sub = m.group("sub")
        out.append((section, f"{section}{sub}" if sub else None))
    return out


_ANAPHOR = re.compile(r"(?:that|the\s+said|the|this)\s+Act\b(?!\s+(?:19|20)\d\d)")


def _act_after(text: str, end: int, mentions: list[_Mention], last: Optional[Act]) -> Optional[_Mention]:
    """The Act named right after a provision: ' of the 1999 Act', ' of the Local Government Act 1999',
    or ' of that Act' pointing back at the Act last named in the document."""
    m = re.compile(r"\s+(?:of|under)\s+").match(text, end)
    if not m:
        return None
    for mention in mentions:
        if mention.start == m.end():
            return mention
    a = _ANAPHOR.match(text, m.end())
    if a and last is not None:
        return _Mention(a.start(), a.end(), last)
    return None


def _owned_elsewhere(text: str, end: int) -> bool:
    """'section 3 of this report', 'section 2 above': a section of something that is not an Act."""
    return bool(re.compile(r"\s+(?:of|in)\s+(?:this|that|the|our|its|their|a|an)\b|\s+(?:above|below)\b").match(text, end))


_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "at", "under", "by", "with"}


def _title_case(text: str) -> str:
    return re.sub(r"[A-Za-z]+", lambda m: m.group(0).lower() if m.group(0).lower() in _SMALL_WORDS
                  else m.group(0).capitalize(), text)


def find_citations(doc: Document) -> list[CitationFact]:
    """Every citation in the document, in reading order, each with the exact words cited."""
    finder = ActFinder()
    provisions: list[CitationFact] = []
    bare: list[CitationFact] = []
    last: Optional[Act] = None   # the Act most recently named, for 'that Act'
    for block in doc.blocks:
        # a title in capitals ('DIRECTIONS UNDER SECTION 15 OF THE LOCAL GOVERNMENT ACT 1999') is read
        # in title case; the case change keeps every offset, so the evidence still quotes the block
        text = _title_case(block.text) if block.text.isupper() else block.text
        finder.learn_definitions(text)
        mentions = finder.find(text)
        used: list[tuple[int, int]] = []
        found: list[CitationFact] = []
        for kind, rx in (("part", _PART), ("section", _SECTION)):
            for m in rx.finditer(text):
                earlier = [x for x in mentions if x.end <= m.start()]
                after = _act_after(text, m.end(), mentions, earlier[-1].act if earlier else last)
                if after is not None:
                    act, end, rule = after.act, after.end, f"{kind}-of-act"
                else:
                    if kind == "part" or _owned_elsewhere(text, m.end()) or _REPORT_REF.search(text, 0, m.start()):
                        continue
                    if not earlier:
                        continue  # a section with no Act named before it in the paragraph is not resolvable
                    act, end = earlier[-1].act, m.end()
                    if kind == "section" and not _known_section(act, m.group("list")):
                        continue  # an inherited Act is trusted only for provisions the data knows it has
                    s0 = _sentence_start(text, m.start())
                    same = earlier[-1].start >= s0
                    rule = f"{kind}-act-in-sentence" if same else f"{kind}-act-in-paragraph"
                ev = Evidence.of(block, m.start(), end, rule)
                used.append((m.start(), end))
                if kind == "part":
                    found.append(CitationFact(act.id, act.title, ev, part=m.group("part")))
                    continue
                for section, pinpoint in _expand(m.group("list")):
                    found.append(CitationFact(act.id, act.title, ev, section=section, subsection=pinpoint))
        provisions.extend(sorted(found, key=lambda c: c.evidence.start))
        if mentions:
            last = mentions[-1].act
        seen_in_block: set[str] = set()
        for mention in mentions:
            inside = any(a <= mention.start and mention.end <= b for a, b in used)
            if inside or mention.act.id in seen_in_block:
                continue
            seen_in_block.add(mention.act.id)
            bare.append(CitationFact(mention.act.id, mention.act.title,
                                     Evidence.of(block, mention.start, mention.end, "act-named")))
    # An Act named without a provision is a citation of the Act only where the document cites
    # none of its provisions: otherwise 'defined in the 1999 Act' adds nothing to 's3 of the 1999 Act'.
    cited = {c.act_id for c in provisions}
    return provisions + [c for c in bare if c.act_id not in cited]


def extract(doc: Document, facts: DocumentFacts) -> None:
    facts.citations.extend(find_citations(doc))


def provision_key(c: CitationFact) -> str:
    """A short, comparable form: 'Part 1', 's3', 's13(3)', or 'Act' for the whole Act."""
    if c.part:
        return f"Part {c.part}"
    if c.subsection:
        return f"s{c.subsection}"
    if c.section:
        return f"s{c.section}"
    return "Act"


__all__ = ["extract", "find_citations", "provision_key", "ActFinder", "Act", "acts"]

