"""People, organisations and role holdings read from one document's blocks.

`extract(doc, facts)` appends PersonMention, OrgMention and Holding facts and fills the
signatories, recipients and copied_to lists. Every fact carries Evidence whose `exact` is
`block.text[start:end]`. The rules follow the genre: letter blocks (addressee, sender, signature),
appositions ("X, Chief Executive", "the Mayor, X,", "X (Monitoring Officer)"), appointments
("X has been appointed as Y", "appointed X to be the Y"), lists ("his Assistant Inspectors, A, B
and C"), party labels ("Cllr X (Party)") and unnamed holders ("a new Monitoring Officer").
This module finds the mentions and builds holdings; the rules live in ingest.letters (letter
structure), ingest.prose (appositions, appointments, lists, party labels) and ingest.boards (board
and committee seats); unnamed holders and definite descriptions are read here, last, once the
named holders are known. Never invent a start or end: only what the text states.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest import boards
from ingest.dates import find_dates
from ingest.letters import LETTER_KINDS, capitals_name, read_copies, read_first_person, read_letter_blocks
from ingest.model import Block, Document, DocumentFacts, Evidence, Holding, OrgMention, PersonMention
from ingest.names import PLACE_SURNAMES, NameSpan, clean_name, find_names, stop_words
from ingest.orgs import OrgSpan, _trim_place, find_orgs
from ingest.prose import read_appositions, read_lists, read_party_labels
from ontology.vocab import scheme
from ingest.roles import DATE_RE, RoleSpan, capacity_words, find_roles, role_kind, tenure_dates

# Roles a definite description or an unnamed mention may stand for (not board seats, not groups).
_UNNAMED_KINDS = {"statutory", "political", "senior", "government", "intervention", "other"}
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|our|your|its|his|her|their|new|permanent|recently appointed a)|[A-Za-z]+'s|[A-Za-z]+’s)\s+$",
    re.IGNORECASE)
_FUTURE_CLAUSE = re.compile(r"\b(?:recruit(?:ing|ment of)?|to appoint|will appoint|appointing|appointment of|"
                            r"to be appointed|vacant)\b[^.;]{0,60}$", re.IGNORECASE)
# a Direction's 'shall ... appoint a permanent X, a permanent Y and a permanent Z': posts to fill
_DIRECTED_APPOINT = re.compile(r"(?:^|[,:]\s*|\b(?:shall|must|should)\s+(?:\w+\s+){0,2})(?:appoint|recruit)\s+[^.;]{0,120}$",
                               re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*[(,]?\s*(?:(?:the|a|an|its|our|their|as|to|be|is|was|has|have|been|now|"
                        r"appointed|elected|named|role|post|position|of|council's|authority's)\s+)*")
_LEFT_AFTER = re.compile(r"\s+(?:has\s+|had\s+)?(?:left|departed|resigned|retired|stepped down|stood down)\b", re.I)
_VACANT = re.compile(r"\s+(?:post|role|position)?\s*(?:has been|is|was|remains|became)\s+vacant\b", re.I)
_BASIS = re.compile(r"\b(?:on an?|in an?)\s+(interim|acting|temporary|permanent|substantive)\s+(?:basis|capacity)\b"
                    r"|\b(?:covered|filled|held)\s+by\s+an?\s+(interim|acting)\b", re.I)
_PAST_CLAUSE = re.compile(r"\b(?:departure of|departed|left|previous|predecessor|former|outgoing)\b[^.;]{0,25}$",
                          re.IGNORECASE)


class Reader:
    """Per-document state: the mentions found so far and the holdings built from them."""

    def __init__(self, doc: Document, facts: DocumentFacts):
        self.doc, self.facts = doc, facts
        self.names: dict[str, list[NameSpan]] = {}
        self.orgs: dict[str, list[OrgSpan]] = {}
        self.roles: dict[str, list[RoleSpan]] = {}
        self.used_roles: set[tuple[str, int]] = set()
        self.abbreviations: dict[str, OrgSpan] = {}
        self.persons: dict[tuple[str, int], PersonMention] = {}
        self.subject: Optional[str] = None

    # ------------------------------------------------------------ mentions
    def scan(self) -> None:
        counts: dict[str, int] = {}
        first_name: dict[str, str] = {}
        for b in self.doc.blocks:
            orgs = find_orgs(b.text)
            self.orgs[b.anchor] = orgs
            for o in orgs:
                if o.abbreviation and o.kind != "authority":
                    self.abbreviations.setdefault(o.abbreviation, o)
                if o.kind == "authority":
                    counts[o.key] = counts.get(o.key, 0) + 1
                    # the fullest form names the authority ('London Borough of X' over 'X Council')
                    if len(o.name) > len(first_name.get(o.key, "")):
                        first_name[o.key] = o.name
            self.roles[b.anchor] = find_roles(b.text)
            if b.text.isupper():
                # a letterhead or title in capitals ('X CITY COUNCIL') names the authority too
                for o in find_orgs(b.text.title()):
                    if o.kind == "authority" and o.key not in {x.key for x in orgs}:
                        counts[o.key] = counts.get(o.key, 0) + 1
                        first_name.setdefault(o.key, o.name)
        if counts:
            self.subject = first_name[max(counts, key=lambda k: counts[k])]
        # the authority the document's metadata says it is about wins over counting mentions
        self.subject = self.doc.metadata.get("authority") or self.subject
        places = set(counts)
        for b in self.doc.blocks:
            # names never run into an organisation's name ('Barsetshire John Smith')
            masked = list(b.text)
            for o in self.orgs[b.anchor]:
                masked[o.start:o.end] = " " * (o.end - o.start)
            spans = []
            for n in find_names("".join(masked)):
                n = NameSpan(n.start, n.end, clean_name(b.text[n.core_start:n.core_end]), n.core_start,
                             n.honorifics, n.suffixes, n.known_first, n.core_end)
                if n.name in places:
                    continue
                if any(r.start <= n.core_start < r.end for r in self.roles[b.anchor]):
                    continue
                spans.append(n)
            # a role word used as a title ('Councillor Ann Lee', 'Minister Jo Bloggs') is not
            # a separate role mention
            self.roles[b.anchor] = [x for x in self.roles[b.anchor]
                                    if not any(n.start <= x.start < n.core_start for n in spans)]
            if not spans and b.kind in LETTER_KINDS:
                spans = capitals_name(b.text)
            accepted = {n.start for n in spans if self._accept(b, n, spans)}
            self._accept_lists(b, spans, accepted)
            self.names[b.anchor] = [n for n in spans if n.start in accepted]
        for b in self.doc.blocks:
            for o in self.orgs[b.anchor]:
                key = o.key
                first = o.name.split()[0]
                full = self.abbreviations.get(first)
                if full is not None and full.kind == o.kind and full.name != o.name:
                    key = full.name           # 'O&S Committee' is the 'Overview and Scrutiny Committee (O&S)'
                self.facts.organisations.append(OrgMention(
                    o.name, o.kind, Evidence.of(b, o.start, o.end, "org-name"), o.abbreviation, key))
            for n in self.names[b.anchor]:
                self.person(b, n)

    def _accept(self, b: Block, n: NameSpan, spans: list[NameSpan]) -> bool:
        """A weak name needs a cue: a role beside it, a letter block, or a list of sure names."""
        if n.strong:
            return True
        t = b.text
        after = t[n.end:n.end + 40]
        roles = self.roles[b.anchor]
        if any(r.full_start >= n.end and _CONNECTOR.fullmatch(t[n.end:r.full_start]) for r in roles):
            return True                           # "X, Chief Executive" / "X was appointed as the Y"
        if any(0 <= n.start - r.end <= 3 for r in roles):
            return True                           # "Chief Executive, X"
        if b.kind in LETTER_KINDS and n.start == 0:
            return True
        if re.match(r"\s*\(", after) or re.match(r"\s*,\s*(?:the\s+)?[A-Z]", after) and b.kind == "item":
            return True
        return False

    def _accept_lists(self, b: Block, spans: list[NameSpan], accepted: set[int]) -> None:
        """A weak name in a list beside accepted names is a name too: 'A, B, C and D'."""
        ordered = sorted(spans, key=lambda s: s.start)
        changed = True
        while changed:
            changed = False
            for i, n in enumerate(ordered):
                if n.start in accepted:
                    continue
                for j in (i - 1, i + 1):
                    if 0 <= j < len(ordered) and ordered[j].start in accepted:
                        a, c = (ordered[j], n) if j < i else (n, ordered[j])
                        if re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", b.text[a.end:c.start]):
                            accepted.add(n.start)
                            changed = True
                            break

    def person(self, b: Block, n: NameSpan) -> PersonMention:
        key = (b.anchor, n.start)
        if key not in self.persons:
            pm = PersonMention(n.name, Evidence.of(b, n.start, n.end, "person-name"), n.honorifics, n.suffixes)
            self.persons[key] = pm
            self.facts.people.append(pm)
        return self.persons[key]

    def canon(self) -> dict[str, str]:
        """Written name -> the document's fullest form of it ('Mayor Smith' -> 'John Smith')."""
        from ingest.resolve import cluster
        names = [p.name for p in self.facts.people] + [h.person for h in self.facts.holdings if h.person]
        return cluster(names)

    # ------------------------------------------------------------ holdings
    def org_at(self, b: Block, pos: int, window: int = 0) -> Optional[OrgSpan]:
        """The organisation right after a role: ', Org', ' of the Org', ' at Org', ' Org'.

        A bare place after 'of' ('Chief Executive of Bexley') is read as that place's authority.
        """
        m = re.match(r"(?:\s*,\s*|\s+of\s+(?:the\s+)?|\s+at\s+(?:the\s+)?|\s+for\s+(?:the\s+)?|\s+)?", b.text[pos:])
        start = pos + (m.end() if m else 0)
        for o in self.orgs[b.anchor]:
            if start <= o.start <= start + window:
                return o
        pm = re.match(r"\s+of\s+([A-Z][a-z]+(?:(?:\s+|-)(?:upon\s+|on\s+|and\s+)?[A-Z][a-z]+){0,3})\b", b.text[pos:])
        if pm:
            place = _trim_place(pm.group(1))
            if place and place == pm.group(1) and not any(w in stop_words() for w in place.split()) \
                    and not (len(place.split()) == 1 and place in PLACE_SURNAMES):
                s0 = pos + pm.start(1)
                return OrgSpan(s0, s0 + len(place), place, "authority", None, place)
        return None

    def holding(self, b: Block, role: RoleSpan | str, start: int, end: int, rule: str, *,
                person: Optional[NameSpan] = None, org: Optional[OrgSpan | str] = None,
                org_kind: Optional[str] = None, as_written: Optional[str] = None, capacity: Optional[str] = None,
                past: bool = False, future: bool = False, represents: Optional[str] = None,
                lead_for: tuple[str, ...] = ()) -> Holding:
        role_id = role.role if isinstance(role, RoleSpan) else role
        if isinstance(role, RoleSpan):
            self.used_roles.add((b.anchor, role.start))
            capacity = capacity or role.capacity
            past = past or role.past
            as_written = as_written or b.text[role.full_start:role.end]
        org_name = org.name if isinstance(org, OrgSpan) else org
        if isinstance(org, OrgSpan) and org.kind in ("board", "committee", "team", "group"):
            org_kind = org_kind or org.kind
        elif isinstance(org, OrgSpan):
            org_kind = org_kind or ("authority" if org.kind == "authority" else
                                    "department" if org.kind == "department" else "organisation")
        st, en = tenure_dates(b.text, start, end)
        h = Holding(role=role_id, role_as_written=as_written or role_id,
                    evidence=Evidence.of(b, start, end, rule),
                    person=person.name if person else None, organisation=org_name,
                    org_kind=org_kind or "authority", capacity=capacity, start=st, end=en,
                    represents=represents, lead_for=lead_for)
        date = self.doc.date
        # PartialDates of different precision do not order: compare at the coarser one
        held_now = not past and not future and not (en and date and not _after(en, date)) \
            and not (st and date and _after(st, date))
        h.attested = date if held_now else None
        self.facts.holdings.append(h)
        return h


def _after(a, b) -> bool:
    """a strictly later than b at the coarser of the two precisions."""
    fields = ("year", "month", "day")
    for f in fields:
        x, y = getattr(a, f), getattr(b, f)
        if x is None or y is None:
            return False
        if x != y:
            return x > y
    return False


# ---------------------------------------------------------------- rules

def _unnamed(r: Reader) -> None:
    """Role mentions not bound to a name: definite descriptions and unnamed holders.

    'the Chief Executive' stands for the document's named Chief Executive when there is exactly
    one; otherwise it is a holding with person=None ('a new Monitoring Officer' is a fact too).
    """
    named: dict[str, set[str]] = {}
    canon = r.canon()
    for h in r.facts.holdings:
        # 'the Mayor' is the subject authority's Mayor, not a visiting peer's
        if h.person and h.attested and (h.organisation in (None, r.subject) or h.org_kind != "authority"):
            named.setdefault(h.role, set()).add(canon.get(h.person, h.person))
    slots: dict[tuple, Holding] = {}
    for h in r.facts.holdings:
        if h.evidence.rule == "first-person-office":
            # the unsigned letter's writer: the office's other present mentions are the same holder
            slots[(h.role, h.capacity, False, False, False)] = h
    for b in r.doc.blocks:
        t = b.text
        for role in r.roles[b.anchor]:
            if (b.anchor, role.start) in r.used_roles:
                continue
            counted = re.search(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+$", t[:role.full_start], re.I)
            if role.plural and not counted:
                continue                  # 'the Envoys' is a group; 'three Commissioners' a count of holders
            if role_kind(role.role) not in _UNNAMED_KINDS or role.role == "councillor":
                continue
            before = t[:role.full_start]
            in_list = re.search(r"(?:\(|,|\band|\bor)\s*$", before) and (
                any(0 <= role.full_start - x.end <= 6 for x in r.roles[b.anchor])
                or re.search(r"\b(?:posts|roles|officers|positions)\s*\($", before))
            if b.kind == "heading" and len(t.split()) <= len(role.label.split()) + 2:
                continue                  # a section called 'Monitoring Officer' is about the post
            if not (_DETERMINER.search(before) or in_list or counted or b.kind == "salutation" or role.full_start == 0):
                continue
            future = bool(_FUTURE_CLAUSE.search(before) or _DIRECTED_APPOINT.search(before)) or role.new and bool(re.search(r"\b(?:will|to be)\b", t[role.end:role.end + 40]))
            past = role.past or bool(_PAST_CLAUSE.search(before))
            after = t[role.end:role.end + 80].split(". ")[0]
            # 'The Monitoring Officer left the Council in November 2023' is not today's holder
            past = past or bool(_LEFT_AFTER.match(after))
            vacant = _VACANT.match(after)
            capacity = role.capacity
            basis = _BASIS.search(after)
            if basis and not capacity:
                capacity = capacity_words().get(next(g for g in basis.groups() if g).lower())
            if vacant:
                past = True
                _left_when_vacant(r, b, role, after)
            if (_FUTURE_CLAUSE.search(before) or _DIRECTED_APPOINT.search(before)) and capacity == "permanent":
                continue                  # 'secure the appointment of a permanent X': a post to fill, no holder
            holders = named.get(role.role, set())
            if len(holders) == 1 and not past and not future and not counted:
                person = next(iter(holders))
                for h in r.facts.holdings:
                    if canon.get(h.person or "", h.person) == person and h.role == role.role:
                        h.extra_evidence.append(Evidence.of(b, role.full_start, role.end, "definite-description"))
                        break
                continue
            key = (role.role, capacity, past, future, role.new)
            if key in slots:
                slots[key].extra_evidence.append(Evidence.of(b, role.full_start, role.end, "unnamed-holder"))
                continue
            org = r.org_at(b, role.end)
            if org and org.kind not in ("authority", "department", "association", "regulator", "organisation"):
                org = None
            kind = None
            if org is None and role_kind(role.role) == "government":
                # a minister's or civil servant's department, when the document names only one;
                # never the subject authority
                depts = {o.name for blk in r.doc.blocks for o in r.orgs[blk.anchor] if o.kind == "department"}
                org = depts.pop() if len(depts) == 1 else None
                kind = "department"
            qstart = counted.start() if counted else role.full_start
            slots[key] = r.holding(b, role, qstart, role.end, "unnamed-holder", org=org,
                                   org_kind=kind, past=past, future=future, capacity=capacity,
                                   as_written=t[qstart:role.end] if counted else None)
            if vacant or counted:
                slots[key].start = None       # 'vacant since' / 'four Chief Executives since' date no holder
            if counted:
                slots[key].holders = _count(counted.group(0))


_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(word: str) -> int:
    """'three ' -> 3, '12 ' -> 12: the number before a counted plural role."""
    w = word.strip().lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS.index(w) + 2


def _left_when_vacant(r: Reader, b: Block, role: RoleSpan, after: str) -> None:
    """'The Monitoring Officer post has been vacant since 31 October 2025, when X left': X held it."""
    vm = re.search(r"\bsince\s+(.{0,30}?),?\s+when\s+", after)
    if not vm:
        return
    pos = role.end + vm.end()
    n = next((n for n in r.names[b.anchor] if n.start == pos), None)
    if n and re.match(r"\s+(?:left|departed|resigned|retired|stepped down|stood down)\b", b.text[n.end:]):
        h = r.holding(b, role, n.start, n.end, "left-when-vacant", person=n, past=True)
        end_m = re.match(rf"(?:{DATE_RE})", vm.group(1))
        if end_m:
            from ingest.roles import to_partial
            h.end = to_partial(end_m)


_TAKE_UP = re.compile(rf"\b[Tt]he\s+(?P<role>[A-Z][\w ]+?s)\s+(?:will\s+|have\s+|had\s+|are\s+to\s+)?"
                      rf"(?:take|took|taken|takes)\s+up\s+(?:their|the|these)\s+(?:roles|posts|appointments|positions)\s+"
                      rf"(?:on|from|in)\s+(?P<date>{DATE_RE})")


_PREDECESSOR = re.compile(r"\b(?:the|a|our|its)\s+(?:previous|former|last|outgoing)\s+(?:post-?holder|incumbent|"
                          r"holder|occupant|appointee)\b")


_NAMED_PREDECESSOR = re.compile(r"\b(?:succeeding|replacing|who\s+(?:succeeds|succeeded|replaces|replaced)|"
                                r"(?:following|after)\s+the\s+(?:resignation|departure|retirement)\s+of)\s+$")
_LEFT_ON = re.compile(rf",?\s+who\s+(?:left|retired|resigned|stepped\s+down|departed)\b(?:\s+(?:the|from\s+the)\s+"
                      rf"\w+)?\s+(?:on|in|at\s+the\s+end\s+of)\s+(?P<date>{DATE_RE})")


def _named_predecessors(r: Reader) -> None:
    """'X took up post as Section 151 Officer ..., succeeding Y, who retired on 31 December 2023': Y held
    the post named before in the sentence, and left it on the date the relative clause states."""
    from ingest.roles import to_partial
    for b in r.doc.blocks:
        for n in r.names[b.anchor]:
            m = _NAMED_PREDECESSOR.search(b.text, 0, n.start)
            if m is None:
                continue
            s0 = b.text.rfind(". ", 0, m.start()) + 1
            roles = [x for x in r.roles[b.anchor] if s0 <= x.start and x.end <= m.start() and not x.plural]
            if not roles or any(h.person == n.name and h.role == roles[-1].role for h in r.facts.holdings):
                continue
            left = _LEFT_ON.match(b.text, n.end)
            h = r.holding(b, roles[-1].role, m.start(), left.end() if left else n.end, "named-predecessor",
                          person=n, past=True, as_written=roles[-1].label)
            r.person(b, n)
            if left:
                h.end = to_partial(re.match(DATE_RE, left.group("date")))


def _predecessors(r: Reader) -> None:
    """'... following the departure of the previous postholder in April 2026': the post named just
    before had an unnamed holder who has left (an end when the sentence dates the departure)."""
    for b in r.doc.blocks:
        for m in _PREDECESSOR.finditer(b.text):
            s0 = b.text.rfind(". ", 0, m.start()) + 1
            roles = [x for x in r.roles[b.anchor] if s0 <= x.start and x.end <= m.start()]
            if not roles:
                continue
            role = roles[-1]
            h = r.holding(b, role.role, m.start(), m.end(), "predecessor", past=True,
                          as_written=role.label, org=None)
            if h.end is None:
                dm = re.search(rf"\b(?:in|on)\s+({DATE_RE})", b.text[m.end():m.end() + 40])
                if dm:
                    from ingest.roles import to_partial
                    h.end = to_partial(re.match(DATE_RE, dm.group(1)))


_INTERIM_ARRANGEMENT = re.compile(
    r"\b(?:an?\s+|the\s+)?interim\s+arrangements?(?:\s+(?:has\s+been\s+|have\s+been\s+|is\s+|are\s+|was\s+|were\s+|remains?\s+)?"
    r"(?:in\s+place|put\s+in\s+place))?(?P<cover>\s+(?:to\s+cover|covering|for)\s+(?:this|that|the)\s+"
    r"(?:position|post|role))?(?:\s+for\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:years?|months?|weeks?))?",
    re.IGNORECASE)
_AFTER_INTERIM = re.compile(r"\b(?:after|following)\s+(?:having\s+(?:had\s+)?)?$", re.IGNORECASE)


def _interim_arrangements(r: Reader) -> None:
    """'appointed a new Monitoring Officer after having an interim arrangement in place for the past
    year': the post had an unnamed interim holder before; '... the Section 151 Officer, and interim
    arrangements in place to cover this position': it has one now. The post is the role named just
    before in the sentence (or 'interim arrangements for the X role' just after); a bare 'interim
    arrangements' that says neither 'after' nor what it covers is left alone."""
    for b in r.doc.blocks:
        t = b.text
        for m in _INTERIM_ARRANGEMENT.finditer(t):
            past = bool(_AFTER_INTERIM.search(t[:m.start()]))
            s0 = t.rfind(". ", 0, m.start()) + 1
            before = [x for x in r.roles[b.anchor] if s0 <= x.full_start and x.end <= m.start() and not x.plural]
            role = before[-1] if before and (past or m.group("cover")) else None
            if role is None:
                role = next((x for x in r.roles[b.anchor] if not x.plural and
                             re.fullmatch(r"\s+(?:for|covering|to cover)\s+(?:the\s+)?", t[m.end():x.full_start])), None)
            if role is None or role_kind(role.role) not in _UNNAMED_KINDS:
                continue
            r.holding(b, role.role, m.start(), m.end(), "interim-arrangement", capacity="interim", past=past,
                      as_written=role.label)


def _group_start(r: Reader) -> None:
    """'The Commissioners will take up their roles on 18 September 2023': a start for each named
    holder of that role (or a narrower one, such as Lead Commissioner) in the same paragraph."""
    from ingest.roles import to_partial
    for b in r.doc.blocks:
        for m in _TAKE_UP.finditer(b.text):
            roles = find_roles(m.group("role"))
            d = to_partial(re.match(DATE_RE, m.group("date")))
            if not roles or d is None:
                continue
            family = {roles[0].role} | {c.id for c in scheme("roles").concepts if c.broader == roles[0].role}
            for h in r.facts.holdings:
                if h.person and h.role in family and h.start is None and h.evidence.anchor == b.anchor:
                    h.start = d
                    h.extra_evidence.append(Evidence.of(b, m.start(), m.end(), "group-start"))
                    if r.doc.date and _after(d, r.doc.date):
                        h.attested = None


_START_HEADER = re.compile(r"^(?:since|from|start(?:ed)?|appointed|in\s+post\s+(?:since|from)|date\s+appointed)$", re.I)
_END_HEADER = re.compile(r"^(?:until|to|left|end(?:ed)?|date\s+left)$", re.I)


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of each '|'-separated cell, stripped."""
    out, pos = [], 0
    for part in text.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 1
    return [(a, b) for a, b in out if b > a] if text.strip().startswith("|") else out


def read_table_rows(r: Reader) -> None:
    """'Post | Holder | Since' then 'Monitoring Officer | Ann Moss (acting) | March 2022': a holding a row.

    The role and the name are found in their cells; a date is a start or an end as its column's
    header says ('Since', 'Appointed' / 'Until', 'Left'); '(interim)' beside the name is the capacity."""
    by_anchor = {b.anchor: b for b in r.doc.blocks}
    caps = capacity_words()
    for b in r.doc.blocks:
        head = by_anchor.get(b.parent) if b.parent else None
        if b.kind != "item" or head is None or "|" not in head.text or "|" not in b.text:
            continue
        header = [head.text[x:y].strip(" *").lower() for x, y in _cells(head.text)]
        cells = _cells(b.text)
        if len(cells) != len(header):
            continue
        role = next((x for x in r.roles[b.anchor] if (b.anchor, x.start) not in r.used_roles), None)
        name = next(iter(r.names[b.anchor]), None)
        if role is None or name is None:
            continue
        cap = next((caps[w.lower()] for w in re.findall(r"\(([\w-]+)\)", b.text) if w.lower() in caps), None)
        h = r.holding(b, role, 0, len(b.text), "table-row", person=name, capacity=cap)
        r.person(b, name)
        for (x, y), title in zip(cells, header):
            dates = [d for d in find_dates(b.text[x:y])]
            if not dates:
                continue
            if _START_HEADER.match(title):
                h.start = dates[0].date
            elif _END_HEADER.match(title):
                h.end = dates[0].date
        date = r.doc.date
        if (h.start and date and _after(h.start, date)) or (h.end and date and not _after(h.end, date)):
            h.attested = None


def _fill_organisations(r: Reader) -> None:
    """None means the subject authority: say which, for authority-level roles.

    A role of no particular tier ('Principal Adviser') with no organisation beside it takes the one
    other organisation its sentence names ('... is the main contact between your authority and
    the Local Government Association')."""
    for h in r.facts.holdings:
        if h.organisation is None and h.person and role_kind(h.role) == "other":
            b = r.doc.block(h.evidence.anchor)
            s0 = b.text.rfind(". ", 0, h.evidence.start) + 1
            s1 = b.text.find(". ", h.evidence.end)
            s1 = len(b.text) if s1 < 0 else s1
            cands = {o.name for o in r.orgs[b.anchor] if s0 <= o.start < s1 and o.kind != "authority"}
            if len(cands) == 1:
                h.organisation = cands.pop()
                h.org_kind = "organisation"
    depts = {o.name for blk in r.doc.blocks for o in r.orgs[blk.anchor] if o.kind == "department"}
    for h in r.facts.holdings:
        if h.organisation is None and role_kind(h.role) == "government":
            # a minister or civil servant belongs to a department, never to the subject authority
            h.org_kind = "department"
            if len(depts) == 1:
                h.organisation = next(iter(depts))
    for h in r.facts.holdings:
        if h.organisation is None and h.org_kind == "authority" and r.subject:
            kind = role_kind(h.role)
            if kind in ("statutory", "political", "senior", "other", "intervention"):
                h.organisation = r.subject


def extract(doc: Document, facts: DocumentFacts) -> None:
    r = Reader(doc, facts)
    r.scan()
    read_letter_blocks(r)
    read_party_labels(r)
    read_lists(r)
    read_table_rows(r)
    read_appositions(r)
    boards.extract(r)
    _group_start(r)
    read_first_person(r)
    _unnamed(r)
    _interim_arrangements(r)
    _predecessors(r)
    _named_predecessors(r)
    read_copies(r)
    _fill_organisations(r)
    _dedupe(facts)


def _dedupe(facts: DocumentFacts) -> None:
    """One holding per person, role and organisation in a document; other quotes become extra evidence."""
    out: list[Holding] = []
    index: dict[tuple, Holding] = {}
    known_org = {(h.person, h.role): (h.organisation, h.org_kind) for h in facts.holdings if h.person and h.organisation}
    for h in facts.holdings:
        if h.person is None:
            key = (None, h.role, h.organisation, h.org_kind, h.capacity, h.start, h.end, h.attested, h.represents)
            if h.org_kind != "authority" and key in index:
                index[key].extra_evidence.append(h.evidence)
                continue
            index[key] = h
            out.append(h)
            continue
        if h.organisation is None and (h.person, h.role) in known_org:
            h.organisation, h.org_kind = known_org[(h.person, h.role)]
        key = (h.person, h.role, h.organisation, h.org_kind, h.represents)
        if key in index:
            first = index[key]
            first.extra_evidence.append(h.evidence)
            first.capacity = first.capacity or h.capacity
            first.start = first.start or h.start
            first.end = first.end or h.end
            date = facts.document.date
            if date and ((first.start and _after(first.start, date)) or (first.end and not _after(first.end, date))):
                first.attested = None     # a stated start after, or end by, the document's date
            if len(h.role_as_written) > len(first.role_as_written):
                first.role_as_written = h.role_as_written
            continue
        index[key] = h
        out.append(h)
    facts.holdings[:] = out
