"""People, organisations and role holdings read from one document's blocks.

`extract(doc, facts)` appends PersonMention, OrgMention and Holding facts and fills the
signatories, recipients and copied_to lists. Every fact carries Evidence whose `exact` is
`block.text[start:end]`. The rules follow the genre: letter blocks (addressee, sender, signature),
appositions ("X, Chief Executive", "the Mayor, X,", "X (Monitoring Officer)"), appointments
("X has been appointed as Y", "appointed X to be the Y"), lists ("his Assistant Inspectors, A, B
and C"), party labels ("Cllr X (Party)") and unnamed holders ("a new Monitoring Officer").
Board seats are read by ingest.boards. Never invent a start or end: only what the text states.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest import boards
from ingest.model import Block, Document, DocumentFacts, Evidence, Holding, OrgMention, PersonMention
from ingest.names import OFFICE_TITLES, NameSpan, find_names
from ingest.names import stop_words
from ingest.orgs import OrgSpan, _trim_place, find_orgs
from ingest.roles import RoleSpan, find_roles, stated_end, stated_start
from ontology.vocab import scheme

LETTER_KINDS = {"letterhead", "address", "signature"}
# Roles a definite description or an unnamed mention may stand for (not board seats, not groups).
_UNNAMED_KINDS = {"statutory", "political", "senior", "government", "intervention", "other"}
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|our|your|its|his|her|their|new|permanent|recently appointed a)|[A-Za-z]+'s|[A-Za-z]+’s)\s+$",
    re.IGNORECASE)
_FUTURE_CLAUSE = re.compile(r"\b(?:recruit(?:ing|ment of)?|to appoint|will appoint|appointing|appointment of|"
                            r"to be appointed|vacant)\b[^.;]{0,30}$", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*[(,]?\s*(?:(?:the|a|an|its|our|their|as|to|be|is|was|has|have|been|now|"
                        r"appointed|elected|named|role|post|position|of|council's|authority's)\s+)*")
_PAST_CLAUSE = re.compile(r"\b(?:departure of|departed|left|previous|predecessor|former|outgoing)\b[^.;]{0,25}$",
                          re.IGNORECASE)


def _kind(role_id: str) -> Optional[str]:
    for name in ("roles", "board-roles"):
        for c in scheme(name).concepts:
            if c.id == role_id:
                return c.kind
    return None


def _capitals_name(text: str) -> list[NameSpan]:
    """A signature written in capitals ('JIM MCMAHON OBE MP'): two to four words, none a stop word."""
    from ingest.names import postnominals
    m = re.match(r"([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){1,5})(?=\s*$|\s*\n|\s+[A-Z][a-z])", text)
    if not m:
        return []
    toks = m.group(1).split()
    suffixes = []
    while toks and toks[-1] in postnominals():
        suffixes.insert(0, toks.pop())
    if not 2 <= len(toks) <= 4 or any(t.title() in stop_words() or len(t) < 2 for t in toks):
        return []
    name = " ".join(toks)
    return [NameSpan(0, m.end(1), name, 0, (), tuple(suffixes), True)]


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
        if counts:
            self.subject = first_name[max(counts, key=lambda k: counts[k])]
        # the authority the document's metadata says it is about wins over counting mentions
        self.subject = self.doc.metadata.get("authority") or self.subject
        places = set(counts)
        for b in self.doc.blocks:
            # names never run into an organisation's name ('Tower Hamlets John Biggs')
            masked = list(b.text)
            for o in self.orgs[b.anchor]:
                masked[o.start:o.end] = " " * (o.end - o.start)
            spans = []
            for n in find_names("".join(masked)):
                n = NameSpan(n.start, n.end, b.text[n.core_start:n.core_start + len(n.name)], n.core_start,
                             n.honorifics, n.suffixes, n.known_first)
                if n.name in places:
                    continue
                if any(r.start <= n.core_start < r.end for r in self.roles[b.anchor]):
                    continue
                spans.append(n)
            # a role word used as a title ('Councillor Asma Islam', 'Minister Jim McMahon') is not
            # a separate role mention
            self.roles[b.anchor] = [x for x in self.roles[b.anchor]
                                    if not any(n.start <= x.start < n.core_start for n in spans)]
            if not spans and b.kind in LETTER_KINDS:
                spans = _capitals_name(b.text)
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
        after, before = t[n.end:n.end + 40], t[max(0, n.start - 60):n.start]
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
        """Written name -> the document's fullest form of it ('Mayor Biggs' -> 'John Biggs')."""
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
            if place and place == pm.group(1) and not any(w in stop_words() for w in place.split()):
                s0 = pos + pm.start(1)
                return OrgSpan(s0, s0 + len(place), place, "authority", None, place)
        return None

    def holding(self, b: Block, role: RoleSpan | str, start: int, end: int, rule: str, *,
                person: Optional[NameSpan] = None, org: Optional[OrgSpan | str] = None,
                org_kind: Optional[str] = None, as_written: Optional[str] = None, capacity: Optional[str] = None,
                past: bool = False, future: bool = False, represents: Optional[str] = None,
                lead_for: Optional[str] = None) -> Holding:
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
        clause = b.text[end:end + 120].split(".")[0]
        st, m = stated_start(clause)
        if m and m.group(0).lower().startswith(("since", "from", "with")) and m.start() > 25:
            st = None              # '... delivered six elections since 2014' dates the elections
        window = b.text[max(0, start - 40):start]
        window = window[window.rfind(". ") + 1:]          # never across a sentence end
        if st is None:
            st, m = stated_start(window)
        if st is None and re.search(r"\b(?:appointed|elected)\b[^.;]{0,40}$", window):
            # "the Council appointed X as its Section 151 Officer in March 2023"
            st, m = stated_start("appointed " + clause[:30])
        en, _ = stated_end(clause)
        h = Holding(role=role_id, role_as_written=as_written or role_id,
                    evidence=Evidence.of(b, start, end, rule),
                    person=person.name if person else None, organisation=org_name,
                    org_kind=org_kind or "authority", capacity=capacity, start=st, end=en,
                    represents=represents, lead_for=lead_for)
        date = self.doc.date
        held_now = not past and not future and not (en and date and en <= date) \
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

def _letter_blocks(r: Reader) -> None:
    """Addressee, sender and signature blocks: a name, then its roles and organisation."""
    doc = r.doc
    closing_seen = False
    group_role: Optional[tuple[RoleSpan, Block, Optional[OrgSpan]]] = None
    last_signatory: Optional[tuple[Block, NameSpan]] = None
    salutation_seen = False
    for b in doc.blocks:
        if b.kind == "salutation":
            salutation_seen = True
        if b.kind == "closing":
            closing_seen = True
            continue
        if b.kind == "cc":
            closing_seen = False      # 'cc:' lines are copies, not signatories (read by _copied_to)
            continue
        in_signature = b.kind == "signature" or (closing_seen and len(b.text) < 200)
        if b.kind not in LETTER_KINDS and not in_signature:
            if closing_seen and b.kind in ("heading", "paragraph") and len(b.text) > 200:
                closing_seen = False
            continue
        names = [n for n in r.names[b.anchor] if n.start == 0 or b.text[:n.start].strip() in ("", "Signed")]
        roles = [x for x in r.roles[b.anchor]]
        if not names:
            if in_signature and roles and last_signatory is None and re.match(r"^[A-Z]", b.text):
                # "Ministerial Envoys to the London Borough of X" above the names
                group_role = (roles[0], b, r.org_at(b, roles[0].end, 12))
            elif in_signature and roles and last_signatory is not None:
                sb, sn = last_signatory
                for role in roles:
                    if (b.anchor, role.start) not in r.used_roles:
                        r.holding(b, role, role.full_start, role.end, "signature-role", person=sn,
                                  org=r.org_at(b, role.end) or _block_org(r, b))
            continue
        n = names[0]
        rest_roles = _roles_after(b, n.end)
        for x in rest_roles:
            if all(x.start != y.start for y in r.roles[b.anchor]):
                r.roles[b.anchor].append(x)
        office = [h for h in n.honorifics if h in OFFICE_TITLES]
        if in_signature:
            r.facts.signatories.append(b.text[n.start:n.end])
            last_signatory = (b, n)
        elif not salutation_seen:
            r.facts.recipients.append(b.text[n.start:n.end])
        org = _block_org(r, b, after=n.end) or _neighbour_org(r, b)
        if office and not rest_roles:
            role = find_roles(office[0])[0]
            r.holding(b, role.role, n.start, n.end, "office-title", person=n, as_written=office[0],
                      org=org)
        seen: set[str] = set()
        for role in rest_roles:
            if role.role in seen:
                r.used_roles.add((b.anchor, role.start))
                continue
            seen.add(role.role)
            end = max(x.end for x in rest_roles)
            end = _close_paren(b.text, end)
            written = b.text[rest_roles[0].full_start:end].strip()
            r.holding(b, role, n.start, end, "signature-block" if in_signature else "letter-block",
                      person=n, org=r.org_at(b, role.end) or org, as_written=written)
        if in_signature and group_role and not rest_roles:
            role, gb, gorg = group_role
            r.holding(b, role.role, n.start, n.end, "signature-group", person=n,
                      org=gorg, as_written=gb.text)
    # someone who signs is not an addressee (the sender's block sits beside the addressee's)
    r.facts.recipients[:] = [x for x in r.facts.recipients if x not in r.facts.signatories]
    for b in doc.blocks:
        if b.kind == "salutation" and not r.facts.recipients:
            m = re.match(r"Dear\s+(.+?)[,.]?\s*$", b.text)
            if m:
                r.facts.recipients.append(m.group(1))


def _roles_after(b: Block, pos: int) -> list[RoleSpan]:
    """Roles in the text after a name, read as if they began the text ('Gill Elliott Commissioner')."""
    out = []
    for x in find_roles(b.text[pos:].lstrip()):
        shift = pos + (len(b.text[pos:]) - len(b.text[pos:].lstrip()))
        out.append(RoleSpan(x.start + shift, x.end + shift, x.role, x.scheme, x.label, x.capacity,
                            None if x.qualifier_start is None else x.qualifier_start + shift, x.past, x.new, x.plural))
    return out


def _close_paren(text: str, end: int) -> int:
    if text[:end].count("(") > text[:end].count(")") and ")" in text[end:end + 3]:
        return text.index(")", end) + 1
    return end


def _neighbour_org(r: Reader, b: Block) -> Optional[OrgSpan]:
    """A sender's organisation from the letterhead or address block just after or before."""
    i = r.doc.blocks.index(b)
    for j in (i + 1, i - 1, i - 2):
        if 0 <= j < len(r.doc.blocks):
            nb = r.doc.blocks[j]
            if nb.kind in ("letterhead", "address") and not r.names[nb.anchor]:
                orgs = [o for o in r.orgs[nb.anchor] if o.start == 0]
                if orgs:
                    return orgs[0]
    return None


def _block_org(r: Reader, b: Block, after: int = 0) -> Optional[OrgSpan]:
    for o in r.orgs[b.anchor]:
        if o.start >= after:
            return o
    return None


def _appositions(r: Reader) -> None:
    """Prose: 'X, [the] Role [of Org]', 'the Role, X', 'X (Role)', 'Role of Org X', 'X as Role'."""
    for b in r.doc.blocks:
        if b.kind in LETTER_KINDS or b.kind == "signature":
            continue
        t = b.text
        roles = r.roles[b.anchor]
        for n in r.names[b.anchor]:
            bound = _chain_after(r, b, n, roles)
            if not bound:
                bound = _role_before(r, b, n, roles)
            _office_title(r, b, n)


def _chain_after(r: Reader, b: Block, n: NameSpan, roles: list[RoleSpan]) -> bool:
    """'Mary Ney, LGA Associate, ex-Chief Executive of the Royal Borough of Greenwich, Lead ...'."""
    t = b.text
    pos = n.end
    got = False
    m = re.match(r"\s*\(", t[pos:])
    if m:
        # "X (Role)"
        role = next((x for x in roles if x.full_start == pos + m.end()), None)
        if role and t[role.end:role.end + 1] == ")":
            r.holding(b, role, n.start, role.end + 1, "paren-role", person=n, org=None)
            return True
        return False
    as_m = re.match(r"\s*(?:,\s*)?(?:(?:has been|have been|was|is|will be|had been|has now been)\s+)?"
                    r"(?:(?:appointed|elected|named|confirmed|re-appointed|installed)\s+"
                    r"(?:as\s+|to be\s+|to the (?:role|post|position) of\s+)?|as\s+|to be\s+|to the (?:role|post|position) of\s+)"
                    r"(?:the\s+|its\s+|our\s+|their\s+|an?\s+)?", t[pos:])
    if as_m:
        start = pos + as_m.end()
        role = next((x for x in roles if x.full_start == start), None)
        if role:
            org = r.org_at(b, role.end)
            r.holding(b, role, n.start, role.end, "appointed-as", person=n, org=org)
            return True
        if boards.lead_at(r, b, n, start):
            return True
        return False
    cop = re.match(r"\s+(is|was|has been|had been|became|remains|has become)\s+"
                   r"(?:(previously|formerly|also|currently|now|still)\s+)?(?:the\s+|its\s+|their\s+|our\s+|an?\s+)?", t[pos:])
    if cop:
        role = next((x for x in roles if x.full_start == pos + cop.end()), None)
        if role:
            past = cop.group(1) in ("was", "had been") or cop.group(2) in ("previously", "formerly")
            org = r.org_at(b, role.end)
            r.holding(b, role, n.start, org.end if org else role.end, "copula", person=n, org=org, past=past)
            return True
    while True:
        m = re.match(r"\s*(?:,|\band\b|,\s*and\b)\s*(?:the\s+)?(?:(?:council|authority|borough|city)(?:'s|’s)\s+)?", t[pos:])
        if not m:
            break
        start = pos + m.end()
        poss_org = None
        om = next((o for o in r.orgs[b.anchor] if o.start == start), None)
        if om:
            pm = re.match(r"(?:'s|’s)?\s*(?:\([A-Z&]+\)\s*)?", t[om.end:])
            cand = om.end + (pm.end() if pm else 0)
            if any(x.full_start == cand for x in roles):
                poss_org, start = om, cand
        role = next((x for x in roles if x.full_start == start), None)
        if not role:
            boards.seat_apposition(r, b, n, start)
            break
        end = role.end
        org = poss_org or next((o for o in r.orgs[b.anchor] if o.start < role.end and o.end > role.start), None)
        if not org:
            # the role's organisation: ', Org' / ' of the Org' / ' Org', maybe after a qualifier
            # segment ('Associate Director, Capital Assets, Southampton City Council')
            nxt = min([x.full_start for x in roles if x.full_start > role.end] + [len(t)])
            stop = re.search(r"[.;]|\s\b(?:is|was|has|runs|will|who)\b", t[role.end:])
            limit = min(nxt, role.end + (stop.start() if stop else len(t)))
            cand = [o for o in r.orgs[b.anchor] if role.end <= o.start < limit and o.start - role.end < 70]
            if cand:
                org = cand[0]
                end = org.end
        written_end = end if not org or org is poss_org or org.start < role.end else \
            role.end + len(t[role.end:org.start].rstrip(" ,").rstrip()) if t[role.end:org.start].strip(" ,").lower() not in ("of", "of the", "") else role.end
        if org and org.start >= role.end and re.fullmatch(r"\s*(?:,|of|of the|at|at the|for|for the)?\s*", t[role.end:org.start]):
            written_end = role.end
        written = t[role.full_start:written_end].rstrip(" ,")
        r.holding(b, role, n.start, end, "apposition", person=n, org=org, as_written=written)
        got = True
        pos = end
        # skip a qualifier segment before the next role
        q = re.match(r",\s*[A-Z][\w&' ]+(?=,)", t[pos:])
        if q and not any(x.full_start == pos + 2 for x in roles):
            pos += q.end()
    return got


def _role_before(r: Reader, b: Block, n: NameSpan, roles: list[RoleSpan]) -> bool:
    """'the Mayor, Lutfur Rahman,' / 'Chief Executive, Will Tuckley's' / 'The Mayor of X John Biggs'."""
    t = b.text
    for role in roles:
        gap = t[role.end:n.start]
        org = None
        written = None
        if re.fullmatch(r",\s*|\s+(?:is|was)\s+", gap):
            pass
        elif re.fullmatch(r"\s+for\s+(?:the\s+)?[A-Z][\w&'’ -]{1,50}?,\s*", gap) and "." not in gap:
            # 'Cabinet Member for Finance, Cllr X': the portfolio is part of the role as written
            written = t[role.full_start:role.end + gap.rindex(",")]
        else:
            o = r.org_at(b, role.end)
            if not (o and re.fullmatch(r"\s*,?\s*", t[o.end:n.start]) and re.fullmatch(r"\s+of\s+(?:the\s+)?", t[role.end:o.start])):
                continue
            org = o
        before = t[:role.full_start]
        if re.search(r"\bas\s+(?:the\s+)?$", before) or (b.anchor, role.start) in r.used_roles:
            continue                      # "appointed as Leadership Lead, Carolyn Downs as ..."
        if not re.match(r"\s*(?:[,.;:)]|'s|’s|\s+(?:and|was|is|has|who)\b|$)", t[n.end:]):
            continue
        r.holding(b, role, role.full_start, n.end, "apposition-before", person=n, org=org, as_written=written)
        return True
    return False


def _office_title(r: Reader, b: Block, n: NameSpan) -> None:
    """'Minister Jim McMahon', 'Mayor Biggs': an office used as a title."""
    office = [h for h in n.honorifics if h in OFFICE_TITLES]
    if not office:
        return
    role = find_roles(office[0])[0]
    if any(h.person == n.name and h.role == role.role and h.evidence.anchor == b.anchor for h in r.facts.holdings):
        return
    r.holding(b, role.role, n.start, n.end, "office-title", person=n, as_written=office[0])


def _party_labels(r: Reader) -> None:
    """'Cllr X (Party)': a councillor of the authority in a political group."""
    for b in r.doc.blocks:
        t = b.text
        for n in r.names[b.anchor]:
            if not any(h in ("Cllr", "Councillor") for h in n.honorifics):
                continue
            m = re.match(r"\s*\(([A-Z][\w&' -]{1,40})\)", t[n.end:])
            if not m:
                continue
            party = m.group(1).strip()
            ps, pe = n.end + m.start(1), n.end + m.end(1)
            r.facts.organisations.append(OrgMention(party, "group", Evidence.of(b, ps, pe, "party-label"), key=party))
            r.holding(b, "councillor", n.start, n.end + m.end(), "party-label", person=n,
                      as_written=n.honorifics[0], represents=party)


def _lists(r: Reader) -> None:
    """'X and his Assistant Inspectors, A, B and C': the list holds the role, X the lead role."""
    for b in r.doc.blocks:
        t = b.text
        names = r.names[b.anchor]
        for role in r.roles[b.anchor]:
            if not role.plural:
                continue
            m = re.match(r"\s*(?:,|:|\(|\b(?:are|were|include|included|includes)\b:?)\s*", t[role.end:])
            if not m:
                m = re.match(r"\s+", t[role.end:])
                if not (m and any(n.start == role.end + m.end() for n in names)):
                    continue              # 'Assistant Inspectors Jane Smith and Bob Jones' (no comma)
            pos = role.end + m.end()
            members = []
            for n in names:
                if n.start < pos:
                    continue
                if not re.fullmatch(r"\s*(?:\([^)]*\))?\s*(?:,|and|,\s*and|:)?\s*", t[pos:n.start]):
                    break
                members.append(n)
                pos = n.end
            for n in members:
                if re.match(r"\s*\(", t[n.end:]) and any(x.full_start > n.end and x.full_start - n.end <= 3
                                                        for x in r.roles[b.anchor]):
                    continue              # "Max Caller (Lead Commissioner)": the bracket says which
                r.holding(b, role, n.start, n.end, "role-list", person=n,
                          as_written=role.label.rstrip("s") if role.plural else role.label)
            # "A and B, Assistant Directors": each name in the list before a plural role
            back = re.search(r",\s*(?:the\s+)?(?:both\s+)?$", t[:role.full_start])
            if back:
                prev = [n for n in names if n.end <= back.start()]
                chain = []
                end = back.start()
                for n in reversed(prev):
                    if not re.fullmatch(r"\s*(?:,|and|,\s*and|&)?\s*", t[n.end:end]):
                        break
                    chain.append(n)
                    end = n.start
                if len(chain) > 1:
                    for n in reversed(chain):
                        r.holding(b, role, n.start, role.end, "list-role", person=n,
                                  as_written=role.label[:-1] if role.label.endswith("s") else role.label)
            # "X and his Assistant Inspectors": X leads
            lead = re.search(r"(?:\band|,)\s+(?:his|her|their)\s+$", t[:role.full_start])
            if lead and role.label.lower().startswith("assistant "):
                base = find_roles(role.label[len("assistant "):].rstrip("s").title())
                prev = [n for n in names if n.end <= lead.start()]
                if base and prev and re.fullmatch(r"\s*", t[prev[-1].end:lead.start()]):
                    n = prev[-1]
                    r.holding(b, base[0].role, n.start, role.end, "lead-of-assistants", person=n,
                              as_written=base[0].label)


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
    for b in r.doc.blocks:
        t = b.text
        for role in r.roles[b.anchor]:
            if (b.anchor, role.start) in r.used_roles:
                continue
            counted = re.search(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+$", t[:role.full_start], re.I)
            if role.plural and not counted:
                continue                  # 'the Envoys' is a group; 'three Commissioners' a count of holders
            if _kind(role.role) not in _UNNAMED_KINDS or role.role == "councillor":
                continue
            before = t[:role.full_start]
            in_list = re.search(r"(?:\(|,|\band|\bor)\s*$", before) and (
                any(0 <= role.full_start - x.end <= 6 for x in r.roles[b.anchor])
                or re.search(r"\b(?:posts|roles|officers|positions)\s*\($", before))
            if not (_DETERMINER.search(before) or in_list or counted or b.kind == "salutation" or role.full_start == 0):
                continue
            future = bool(_FUTURE_CLAUSE.search(before)) or role.new and bool(re.search(r"\b(?:will|to be)\b", t[role.end:role.end + 40]))
            past = role.past or bool(_PAST_CLAUSE.search(before))
            holders = named.get(role.role, set())
            if len(holders) == 1 and not past and not future and not role.new:
                person = next(iter(holders))
                for h in r.facts.holdings:
                    if canon.get(h.person or "", h.person) == person and h.role == role.role:
                        h.extra_evidence.append(Evidence.of(b, role.full_start, role.end, "definite-description"))
                        break
                continue
            key = (role.role, role.capacity, past, future, role.new)
            if key in slots:
                slots[key].extra_evidence.append(Evidence.of(b, role.full_start, role.end, "unnamed-holder"))
                continue
            org = r.org_at(b, role.end)
            if org and org.kind not in ("authority", "department", "association", "regulator", "organisation"):
                org = None
            kind = None
            if org is None and _kind(role.role) == "government":
                # a minister's or civil servant's department, when the document names only one;
                # never the subject authority
                depts = {o.name for blk in r.doc.blocks for o in r.orgs[blk.anchor] if o.kind == "department"}
                org = depts.pop() if len(depts) == 1 else None
                kind = "department"
            qstart = counted.start() if counted else role.full_start
            slots[key] = r.holding(b, role, qstart, role.end, "unnamed-holder", org=org,
                                   org_kind=kind, past=past, future=future,
                                   as_written=t[qstart:role.end] if counted else None)


def _copied_to(r: Reader) -> None:
    for b in r.doc.blocks:
        m = re.search(r"(?:\b(?:copying this letter to|copied to)|^\s*(?:cc|copy to|copies to)\s*:?)\s+(.+?)(?:\.$|\.\s|$)",
                      b.text, re.IGNORECASE)
        if not m:
            continue
        seg_start = m.start(1)
        names = [n for n in r.names[b.anchor] if n.start >= seg_start and n.end <= m.end(1)]
        for role in r.roles[b.anchor]:
            if any(0 <= role.full_start - n.end <= 6 for n in names):
                continue                      # 'Mark Hall, Director of Law': the name is listed
            if role.start >= seg_start and role.end <= m.end(1):
                r.facts.copied_to.append(b.text[role.full_start:role.end])
        for n in r.names[b.anchor]:
            if n.start >= seg_start and n.end <= m.end(1):
                r.facts.copied_to.append(n.name)


def _fill_organisations(r: Reader) -> None:
    """None means the subject authority: say which, for authority-level roles.

    A role of no particular tier ('Principal Adviser') with no organisation beside it takes the one
    other organisation its sentence names ('... is the main contact between your authority and
    the Local Government Association')."""
    for h in r.facts.holdings:
        if h.organisation is None and h.person and _kind(h.role) == "other":
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
        if h.organisation is None and _kind(h.role) == "government":
            # a minister or civil servant belongs to a department, never to the subject authority
            h.org_kind = "department"
            if len(depts) == 1:
                h.organisation = next(iter(depts))
    for h in r.facts.holdings:
        if h.organisation is None and h.org_kind == "authority" and r.subject:
            kind = _kind(h.role)
            if kind in ("statutory", "political", "senior", "other", "intervention"):
                h.organisation = r.subject


def extract(doc: Document, facts: DocumentFacts) -> None:
    r = Reader(doc, facts)
    r.scan()
    _letter_blocks(r)
    _party_labels(r)
    _lists(r)
    _appositions(r)
    boards.extract(r)
    _unnamed(r)
    _copied_to(r)
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
            if len(h.role_as_written) > len(first.role_as_written):
                first.role_as_written = h.role_as_written
            continue
        index[key] = h
        out.append(h)
    facts.holdings[:] = out
