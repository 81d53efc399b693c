"""Holdings stated in prose: appositions, appointments, office titles, party labels and lists.

"X, Chief Executive", "the Mayor, X,", "X (Monitoring Officer)", "The Mayor of Org X",
"X has been appointed as Y", "X was previously Y of Z", "Minister X", "Cllr X (Party)",
"his Assistant Inspectors, A, B and C", "A and B, Assistant Directors". Each rule binds a name to
the role written next to it, never further: a role two clauses away is another person's.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest import boards
from ingest.letters import LETTER_KINDS
from ingest.model import Block, Evidence, OrgMention
from ingest.names import OFFICE_TITLES, NameSpan
from ingest.roles import RoleSpan, capacity_words, find_roles, tenure_dates

if TYPE_CHECKING:  # pragma: no cover
    from ingest.people import Reader


def read_appositions(r: "Reader") -> None:
    """Prose: 'X, [the] Role [of Org]', 'the Role, X', 'X (Role)', 'Role of Org X', 'X as Role'."""
    for b in r.doc.blocks:
        letter = b.kind in LETTER_KINDS or b.kind == "signature"
        roles = r.roles[b.anchor]
        for n in r.names[b.anchor]:
            if letter and n.start == 0:
                continue                  # read as a letter block (ingest.letters)
            if letter:
                _role_before(r, b, n, roles)      # 'Lead Inspector: Professor X' on a title page
            elif not _chain_after(r, b, n, roles):
                _role_before(r, b, n, roles)
            _office_title(r, b, n)
            _inspection_by(r, b, n)


# 'the inspection carried out by Professor X', 'an inspection led by X': X was the inspector
_INSPECTION_BY = re.compile(r"\b(?P<word>(?:Best\s+Value\s+)?[Ii]nspection)\s+(?:was\s+|has\s+been\s+)?"
                            r"(?:carried\s+out|conducted|led|undertaken)\s+by\s+$")


# 'has appointed X to carry out a Best Value inspection of the Council': X is the inspector now
_TO_INSPECT = re.compile(r"\s+to\s+(?:carry\s+out|lead|conduct|undertake)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?inspection\b")


def _inspection_by(r: "Reader", b: Block, n: NameSpan) -> None:
    if any(h.person == n.name and h.role == "inspector" for h in r.facts.holdings):
        return
    to = _TO_INSPECT.match(b.text, n.end)
    if to and re.search(r"\bappointed\s+$", b.text[:n.start]):
        r.holding(b, "inspector", n.start, to.end(), "appointed-to-inspect", person=n, as_written="inspector")
        return
    m = _INSPECTION_BY.search(b.text, 0, n.start)
    if m is None:
        return
    # only a done inspection matches ('carried out by', 'was led by'): the post is not held on the date
    r.holding(b, "inspector", m.start(), n.end, "inspection-by", person=n, as_written="inspector", past=True)


def _chain_after(r: "Reader", b: Block, n: NameSpan, roles: list[RoleSpan]) -> bool:
    """'Ann Lee, LGA Associate, ex-Chief Executive of the Royal Borough of X, Lead Commissioner Y MBC'."""
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
        # "X (Leader, in the Chair)", "X (Cabinet Member for Resources)": the post, then a remark or portfolio
        tail = re.match(r"(?:,\s*[^()]{1,40}|\s+for\s+[A-Z][\w&' -]{1,40})\)", t[role.end:]) if role else None
        if tail and not any(role.end < x.full_start < role.end + tail.end() for x in roles):
            portfolio = tail.group(0).startswith(" ")
            r.holding(b, role, n.start, role.end + tail.end(), "paren-role", person=n, org=None,
                      as_written=t[role.full_start:role.end + tail.end() - 1] if portfolio else None)
            return True
        if role and re.match(r"\s+and\s+", t[role.end:]):
            # "X (Director of Finance and Section 151 Officer)": both posts
            second = next((x for x in roles if x.full_start == role.end + len(re.match(r"\s+and\s+", t[role.end:]).group(0))),
                          None)
            if second and t[second.end:second.end + 1] == ")":
                r.holding(b, role, n.start, second.end + 1, "paren-role", person=n, org=None)
                r.holding(b, second, n.start, second.end + 1, "paren-role", person=n, org=None)
                return True
        close = t.find(")", pos)
        last = next((x for x in roles if pos < x.full_start and x.end == close), None) if 0 < close - pos < 90 else None
        if last is not None and re.search(r"\band\s+$", t[:last.full_start]) and "(" not in t[pos + m.end():close]:
            # "X (Director of Place and Monitoring Officer)": the post the brackets end with
            r.holding(b, last, n.start, close + 1, "paren-role", person=n, org=None)
            return True
        org = r.org_at(b, role.end) if role else None
        if role and org and t[org.end:org.end + 1] == ")":
            # "X (Chief Executive, Barsetshire County Council)"
            r.holding(b, role, n.start, org.end + 1, "paren-role", person=n, org=org)
            return True
        # 'Cllr X (Labour) was elected Leader of the Council on ...': past the party label to the verb
        label = re.match(r"\s*\([^()]{1,40}\)", t[pos:])
        return bool(label) and _verbal(r, b, n, pos + label.end(), roles)
    if _verbal(r, b, n, pos, roles):
        return True
    # 'X, Deputy Head of Legal Services, has acted as Monitoring Officer': past one appositive
    skip = re.match(r"\s*,\s*[^,.;()]{3,60}?,", t[pos:])
    if skip and not any(pos < x.full_start < pos + skip.end() for x in roles) and \
            re.match(r"\s+(?:has|have|had|is|was|will|acts|serves|joined)\b", t[pos + skip.end():]):
        if _verbal(r, b, n, pos + skip.end(), roles):
            return True
    while True:
        m = re.match(r"\s*(?:,|\band\b|,\s*and\b|\s[–—-])\s*(?:the\s+|our\s+|its\s+|their\s+|your\s+)?"
                     r"(?:(?:[Cc]ouncil|[Aa]uthority|[Bb]orough|[Cc]ity)(?:'s|’s)\s+)?", t[pos:])
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
        if any(o.start == role.end + 1 for o in r.names[b.anchor]):
            break                         # 'A and Commissioner B': the title is B's
        if re.search(r"\bthe\s+$", m.group(0)) and any(
                o.start == role.end + len(c.group(0)) and {"Cllr", "Councillor"} & set(o.honorifics)
                for c in [re.match(r",\s*", t[role.end:])] if c for o in r.names[b.anchor]):
            break                         # 'A, the Leader of the Opposition, Cllr B (Party)': a list; the post is B's
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


def _role_before(r: "Reader", b: Block, n: NameSpan, roles: list[RoleSpan]) -> bool:
    """'the Mayor, Jo Bloggs,' / 'Chief Executive, Will Brown's' / 'The Mayor of Org John Smith'."""
    t = b.text
    for role in roles:
        gap = t[role.end:n.start]
        org = None
        written = None
        close = 0
        titled = bool(set(n.honorifics) - {"Mayor", "Minister"})
        if re.fullmatch(r",\s*|\s+(?:is|was)\s+|\s*:\s*|\s+[–—-]\s+", gap):
            pass
        elif re.fullmatch(r"\s+", gap) and (titled or n.strong):
            pass                          # 'Leader of the Council Cllr Tom Hardy', 'Commissioner Jo Bell'
        elif re.fullmatch(r"\s*\(\s*", gap) and t[n.end:n.end + 1] == ")":
            # "The Leader (Cllr X) and the Chief Executive (Y)"
            close = 1
        elif re.fullmatch(r"\s+for\s+(?:the\s+)?[A-Z][\w&'’ -]{1,50}?(?:,\s*|\s+)", gap) and "." not in gap \
                and ("," in gap or titled):
            # 'Cabinet Member for Finance, Cllr X': the portfolio is part of the role as written
            written = t[role.full_start:role.end + len(gap.rstrip().rstrip(","))]
        else:
            o = r.org_at(b, role.end)
            if not (o and re.fullmatch(r"\s*,?\s*", t[o.end:n.start]) and re.fullmatch(r"\s+of\s+(?:the\s+)?", t[role.end:o.start])):
                continue
            org = o
        before = t[:role.full_start]
        if re.search(r"\bas\s+(?:the\s+)?$", before) or (b.anchor, role.start) in r.used_roles:
            continue                      # "appointed as Leadership Lead, Ann Lee as ..."
        # after 'Role, X' the name must end its phrase: 'After consulting the Monitoring Officer,
        # Jane Smith decided' names no Monitoring Officer
        # a party label may follow the name: 'the Leader of the Opposition, Cllr Y (Liberal Democrat)'
        ends = r"\s*(?:[,.;:)]|'s|’s|\s+and\b|$|\s+(?=[A-Z][\w ]{0,40}:)|\([A-Z][\w&' -]{1,40}\)|\((?=[^()]{1,60}\)$))" if gap.strip() in (",", ":", "–", "—", "-") \
            else r"\s*(?:[,.;:)]|'s|’s|\s+(?:and|was|is|has|who|will|had)\b|$)"
        if not (titled and gap.strip() in ("",) or titled and gap.strip().startswith("for")) \
                and not re.match(ends, t[n.end:]):
            continue
        # 'Head of Paid Service – X (interim, since 4 November 2025)' in a list: the brackets qualify the holding
        paren = re.match(r"\s*\(([^()]{1,60})\)$", t[n.end:]) if not close and b.kind == "item" else None
        cap = next((capacity_words()[w.lower()] for w in re.findall(r"[\w-]+", paren.group(1))
                    if w.lower() in capacity_words()), None) if paren else None
        h = r.holding(b, role, role.full_start, n.end + (paren.end() if paren else close), "apposition-before",
                      person=n, org=org, as_written=written, capacity=cap)
        if paren and h.start is None:
            h.start = tenure_dates(t, n.end, n.end)[0] or h.start
        return True
    return False


def _office_title(r: "Reader", b: Block, n: NameSpan) -> None:
    """'Minister Jo Bloggs', 'Mayor Smith': an office used as a title."""
    office = [h for h in n.honorifics if h in OFFICE_TITLES]
    if not office:
        return
    role = find_roles(office[0])[0]
    if any(h.person == n.name and h.role == role.role and h.evidence.anchor == b.anchor for h in r.facts.holdings):
        return
    r.holding(b, role.role, n.start, n.end, "office-title", person=n, as_written=office[0])


def read_party_labels(r: "Reader") -> None:
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
            if find_roles(party, ("roles", "board-roles")) or party.lower() in ("chair", "vice-chair", "lead", "member"):
                continue                  # 'Cllr X (Chair)' names a seat, not a party
            ps, pe = n.end + m.start(1), n.end + m.end(1)
            r.facts.organisations.append(OrgMention(party, "group", Evidence.of(b, ps, pe, "party-label"), key=party))
            h = r.holding(b, "councillor", n.start, n.end + m.end(), "party-label", person=n,
                          as_written=n.honorifics[0], represents=party)
            if _AS.match(t, n.end + m.end()) and any(x.full_start == _AS.match(t, n.end + m.end()).end()
                                                     for x in r.roles[b.anchor]):
                h.start = None            # '... was elected Leader on DATE' dates the post, not the seat


def read_lists(r: "Reader") -> None:
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


_PROPOSED_APPOINT = re.compile(r"\b(?:propos\w*|intends?|minded|plans?|would|will|is\s+to)\s+(?:to\s+)?"
                               r"(?:appoint|nominate)\s+(?:[^.;]{0,80}\band\s+)?$")
_AS = re.compile(r"\s*(?:,\s*)?(?:(?:has been|have been|was|is|will be|had been|has now been)\s+)?"
                 r"(?:(?:appointed|elected|named|confirmed|re-appointed|installed)\s+"
                 r"(?:as\s+|to be\s+|to the (?:role|post|position) of\s+)?|as\s+|to be\s+|"
                 r"to the (?:role|post|position) of\s+|joined (?:the\s+\w+\s+)?as\s+|"
                 r"took up (?:the\s+|his\s+|her\s+|their\s+)?(?:post|role|office|position) (?:as|of)\s+|"
                 r"(?:has |have |had )?(?:acted|been acting|is acting|will act|acts|served|serves|has served) as\s+)"
                 r"(?:the\s+|its\s+|our\s+|their\s+|an?\s+)?")
_COPULA = re.compile(r"\s*,?\s+(is|was|has been|had been|became|remains|has become)\s+"
                     r"(?:(previously|formerly|also|currently|now|still)\s+)?(?:the\s+|its\s+|their\s+|our\s+|an?\s+)?"
                     r"(?:(?:[Cc]ouncil|[Aa]uthority)(?:'s|’s)\s+)?")     # 'X has been the Council's Chief Executive'
_SITS = re.compile(r"\s+(?:sits|sat|will sit|has sat)\s+on\s+(?:the\s+)?")


def _verbal(r: "Reader", b: Block, n: NameSpan, pos: int, roles: list[RoleSpan]) -> bool:
    """A verb between the name and its role: 'X was appointed as Y', 'X has acted as Y',
    'X joined the Council as Y', 'X is Y', 'X sits on the Z Board'."""
    t = b.text
    as_m = _AS.match(t, pos)
    if as_m:
        start = as_m.end()
        role = next((x for x in roles if x.full_start == start), None)
        if role:
            acting = "acting" if re.search(r"\bact(?:ed|ing|s)?\b", as_m.group(0)) else None
            org = r.org_at(b, role.end)
            # 'The Secretary of State proposes to appoint X as Lead Commissioner': not yet held
            proposed = bool(_PROPOSED_APPOINT.search(t, 0, n.start))
            r.holding(b, role, n.start, role.end, "appointed-as", person=n, org=org, capacity=role.capacity or acting,
                      future=proposed)
            return True
        return boards.lead_at(r, b, n, start)
    sits = _SITS.match(t, pos)
    if sits and boards.member_at(r, b, n, sits.end(), future=sits.group(0).strip().startswith("will")):
        return True                       # 'X sits on the Improvement Board'
    cop = _COPULA.match(t, pos)
    if cop:
        role = next((x for x in roles if x.full_start == cop.end()), None)
        if not role:
            return boards.seat_apposition(r, b, n, cop.end())   # 'X is a member of the Board'
        past = cop.group(1) in ("was", "had been") or cop.group(2) in ("previously", "formerly")
        org = r.org_at(b, role.end)
        r.holding(b, role, n.start, org.end if org else role.end, "copula", person=n, org=org, past=past)
        return True
    return False
