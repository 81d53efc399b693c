"""Board and committee seats: chairs, theme Leads, members, and the teams named in lists.

Read after people's roles, so that "chaired by the Mayor" can name the Mayor when the same
document does ("the Mayor, Jo Bloggs") — a definite description is resolved only then.
A committee chair that is a council office ('Chair of Audit Committee') is a role of the
authority; any other chair is a board seat (board-roles 'chair').
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from ingest.model import Block
from ingest.names import NameSpan
from ingest.orgs import OrgSpan, find_orgs
from ingest.roles import find_roles
from ontology.vocab import scheme

if TYPE_CHECKING:  # pragma: no cover
    from ingest.people import Reader

BODY_KINDS = ("board", "committee", "team")
_LEAD = re.compile(r"((?:[A-Z][\w'’]*)(?:\s+(?:[A-Z][\w'’]*|&|and))*?)\s+Lead\b")
_CHAIR = re.compile(r"\b(?:chaired by|co-chaired by|under the chair(?:person|man|woman)?ship of)\s+", re.IGNORECASE)
_MEMBERSHIP = re.compile(r"\b(?:[Mm]embership of (?:the\s+)?(?P<board>[A-Z][\w&' ]*?)\s+(?:also\s+)?"
                         r"(?:includes|comprises|consists of|is made up of)|"
                         r"with membership consisting of|whose members are|"
                         r"\b(?:[Ii]ts|[Tt]he\s+(?:Board|Panel|Committee)(?:'s|’s))\s+(?:other\s+)?members\s+(?:include|are|comprise))\s+")


@lru_cache(maxsize=None)
def _themes() -> dict[str, str]:
    idx = scheme("themes").label_index()
    return idx


def themes_of(words: str) -> tuple[str, ...]:
    """'Governance' -> (governance,); 'Culture & Partnerships' -> (culture, partnerships-...): a Lead
    of a compound theme leads each part, so it is told apart from a Lead of one part. Parts that
    name one theme together ('Partnerships and Community Engagement') stay one theme."""
    parts = [p for p in re.split(r"\s*(?:&|\band\b|,)\s*", words) if p]
    if len(parts) > 1:
        found = [theme_of(p) for p in parts]
        if all(found):
            out = tuple(dict.fromkeys(found))
            if len(out) > 1:
                return out
    one = theme_of(words)
    return (one,) if one else ()


def theme_of(words: str) -> Optional[str]:
    """'Culture and Partnerships' -> the theme its words name, trying '&' for 'and'."""
    idx = _themes()
    for cand in (words, words.replace(" and ", " & "), words.split()[0]):
        if cand.lower() in idx:
            return idx[cand.lower()]
    # 'Finance Lead' leads 'financial management': a label sharing the word's stem
    stem = words.split()[0].lower()[:6]
    if len(stem) == 6:
        hits = {cid for label, cid in idx.items() if label.startswith(stem)}
        if len(hits) == 1:
            return hits.pop()
    return None


def bodies(r: "Reader", b: Block) -> list[OrgSpan]:
    """Boards/committees in a block, with bare abbreviations ('the TAB') expanded."""
    out = [o for o in r.orgs[b.anchor] if o.kind in BODY_KINDS]
    for abbr, o in r.abbreviations.items():
        if o.kind not in BODY_KINDS:
            continue
        for m in re.finditer(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])", b.text):
            if any(x.start <= m.start() < x.end for x in out):
                continue
            out.append(OrgSpan(m.start(), m.end(), o.name, o.kind, abbr, o.key))
    expanded = []
    for o in out:
        first = o.name.split()[0]
        if first in r.abbreviations and r.abbreviations[first].kind in BODY_KINDS and o.name != r.abbreviations[first].name:
            full = r.abbreviations[first]
            o = OrgSpan(o.start, o.end, full.name, full.kind, full.abbreviation, full.key)
        expanded.append(o)
    return sorted(expanded, key=lambda o: o.start)


def _board_before(r: "Reader", b: Block, pos: int, last: Optional[OrgSpan]) -> Optional[OrgSpan]:
    sentence_start = max(b.text.rfind(". ", 0, pos), 0)
    cands = [o for o in bodies(r, b) if o.end <= pos and o.start >= sentence_start]
    if cands:
        return cands[-1]
    if re.search(r"\bthe (?:Board|Committee)\b", b.text[sentence_start:pos]) and last:
        return last
    return None


def _office_for(board: OrgSpan) -> Optional[str]:
    """'Audit Committee' -> 'chair-of-audit-committee' when the roles vocabulary has that office."""
    for label in (f"Chair of the {board.name}", f"Chair of {board.name}", f"{board.name} Chair"):
        roles = find_roles(label)
        if roles and roles[0].start == 0 and roles[0].end == len(label):
            return roles[0].role
    return None


def _named_holders(r: "Reader", role_id: str) -> list[str]:
    """Who the document names as holding `role_id` now, at the subject authority or its bodies."""
    canon = r.canon()
    return sorted({canon.get(h.person, h.person) for h in r.facts.holdings if h.person and h.role == role_id
                   and h.attested and (h.organisation in (None, r.subject) or h.org_kind != "authority")})


def _seat(r: "Reader", b: Block, board: OrgSpan, board_role: str, start: int, end: int, rule: str,
          person: Optional[NameSpan | str], as_written: str, **kw):
    """A seat on `board`, or the council office when the board is a committee with one."""
    office = _office_for(board) if board_role == "chair" else None
    pname = person if isinstance(person, str) else None
    pspan = person if isinstance(person, NameSpan) else None
    if office:
        h = r.holding(b, office, start, end, rule, person=pspan, as_written=as_written, **kw)
    else:
        h = r.holding(b, board_role, start, end, rule, person=pspan, org=board.name,
                      org_kind=board.kind if board.kind in BODY_KINDS else "board", as_written=as_written, **kw)
    if pname:
        h.person = pname
    return h


_SEAT_WORDS = re.compile(r"(?:the\s+|an?\s+)?(Chair(?:man|woman|person)?|Vice[- ]Chair|Deputy Chair|Independent Chair|"
                         r"Co-Chair|Board Member|Member|Independent Member)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def member_at(r: "Reader", b: Block, n: NameSpan, pos: int, future: bool = False) -> bool:
    """A board named at `pos` has `n` as a member ('X sits on the Improvement Board')."""
    board = next((o for o in bodies(r, b) if o.start == pos), None)
    if board is None:
        return False
    _seat(r, b, board, "board-member", n.start, board.end, "sits-on", n, "member", future=future)
    return True


def seat_apposition(r: "Reader", b: Block, n: NameSpan, pos: int) -> bool:
    """'Dame Jane Roberts, Chair of the Improvement and Assurance Panel': a seat by apposition."""
    m = _SEAT_WORDS.match(b.text, pos)
    if not m:
        return False
    board = next((o for o in bodies(r, b) if o.start == m.end()), None)
    if board is None:
        return False
    word = m.group(1).lower()
    role = "chair" if "chair" in word and not word.startswith(("vice", "deputy")) else \
        "vice-chair" if "chair" in word else "board-member"
    _seat(r, b, board, role, n.start, board.end, "seat-apposition", n, m.group(1))
    return True


def lead_at(r: "Reader", b: Block, n: NameSpan, pos: int) -> bool:
    """'X as Governance Lead', 'X to be the Community Lead for the TAB': a board Lead."""
    m = _LEAD.match(b.text, pos)
    if not m:
        return False
    words = m.group(1)
    board = None
    after = re.match(r"\s+(?:for|of|on)\s+(?:the\s+)?", b.text[m.end():])
    if after:
        board = next((o for o in bodies(r, b) if o.start == m.end() + after.end()), None)
    board = board or _board_before(r, b, n.start, None) or _last_board(r, b)
    if board is None:
        return False
    _seat(r, b, board, "board-lead", n.start, m.end(), "board-lead", n, m.group(0),
          lead_for=themes_of(words))
    return True


def _last_board(r: "Reader", b: Block) -> Optional[OrgSpan]:
    """The board this paragraph is about: the last one named in it before any Lead."""
    cands = bodies(r, b)
    return cands[-1] if cands else None


def extract(r: "Reader") -> None:
    last: Optional[OrgSpan] = None
    for b in r.doc.blocks:
        t = b.text
        for m in _CHAIR.finditer(t):
            board = _board_before(r, b, m.start(), last)
            if board is None:
                continue
            pos = m.end()
            name = next((n for n in r.names[b.anchor] if n.start == pos), None)
            if name:
                _seat(r, b, board, "chair", board.start if board.start < m.start() else m.start(), name.end,
                      "chaired-by", name, "chair")
                continue
            role = next((x for x in r.roles[b.anchor] if x.full_start in (pos, pos + 4) and
                         re.match(r"(?:the\s+)?$", t[pos:x.full_start])), None)
            if role:
                holders = _named_holders(r, role.role)
                r.used_roles.add((b.anchor, role.start))
                _seat(r, b, board, "chair", board.start if board.start < m.start() else m.start(), role.end,
                      "chaired-by-role", holders[0] if len(holders) == 1 else None, "chair")
                continue
            um = re.match(r"(?:an?|the)\s+([\w-]+\s+)?(?:member|councillor|officer)\b", t[pos:], re.IGNORECASE)
            if um:
                _seat(r, b, board, "chair", board.start if board.start < m.start() else m.start(), pos + um.end(),
                      "chaired-by-unnamed", None, "chair")
        _chairs_verb(r, b)
        _memberships(r, b, last)
        bs = bodies(r, b)
        if bs:
            last = bs[-1]
    _team_lists(r)
    _membership_lists(r)
    _present_lines(r)
    _seat_before_name(r)
    _leads_on(r)
    _other_members(r)


_OTHER_MEMBERS = re.compile(r"\b(?:with|and|alongside)\s+(?:the\s+support\s+of\s+)?(?:the\s+)?other members of\s+(?:the\s+)?")


def _other_members(r: "Reader") -> None:
    """'X ... with other members of the Corporate Leadership Team': X is a member too."""
    for b in r.doc.blocks:
        for m in _OTHER_MEMBERS.finditer(b.text):
            board = next((o for o in bodies(r, b) if o.start == m.end()), None)
            if board is None:
                continue
            s0 = b.text.rfind(". ", 0, m.start()) + 1
            names = [n for n in r.names[b.anchor] if s0 <= n.start < m.start()]
            if names:
                _seat(r, b, board, "board-member", names[0].start, board.end, "other-members", names[0], "member")


_CHAIRS = re.compile(r"\s*,?\s*(?:who\s+)?(?:also\s+|now\s+|currently\s+)?(?:chairs|chaired|has chaired|will chair|"
                     r"is the chair of|is chair of|also chairs)\s+(?:the\s+)?")


def _chairs_verb(r: "Reader", b: Block) -> None:
    """'X, who chairs the Improvement and Assurance Board': X is its chair."""
    for n in r.names[b.anchor]:
        m = _CHAIRS.match(b.text, n.end)
        if not m:
            continue
        board = next((o for o in bodies(r, b) if o.start == m.end()), None)
        if board:
            future = "will" in m.group(0)
            _seat(r, b, board, "chair", n.start, board.end, "chairs", n, "chair", future=future)


def _memberships(r: "Reader", b: Block, last: Optional[OrgSpan]) -> None:
    t = b.text
    for m in _MEMBERSHIP.finditer(t):
        board = None
        if m.group("board"):
            board = next((o for o in bodies(r, b) if o.start == m.start("board")), None)
        if board is None and m.group(0).startswith("with"):
            # "An X Board has been set up ..., with membership consisting of": the sentence's subject
            s0 = t.rfind(". ", 0, m.start()) + 1
            board = next((o for o in bodies(r, b) if s0 <= o.start < m.start()), None)
        earlier = [o for o in bodies(r, b) if o.end <= m.start()]      # 'The X Board ... . Its members include'
        board = board or _board_before(r, b, m.start(), last) or (earlier[-1] if earlier else last)
        if board is None:
            continue
        end = t.find(".", m.end())
        end = len(t) if end < 0 else end
        for item in re.finditer(r"[^;,]+", t[m.end():end]):
            s = m.end() + item.start()
            s += len(item.group(0)) - len(item.group(0).lstrip())
            seg = t[s:m.end() + item.end()]
            # '... and two independent members: X': the words before a colon describe the seat
            seg_lead = re.match(r"(?:and\s+)?(?:the\s+)?(?:[a-z][\w -]*:\s+)?", seg)
            p = s + seg_lead.end()
            name = next((n for n in r.names[b.anchor] if n.start == p), None)
            if name:
                leads = _LEADS_ON.match(t, name.end)
                if leads and themes_of(leads.group("theme")):
                    _seat(r, b, board, "board-lead", p, leads.end("theme"), "board-membership", name, "lead",
                          lead_for=themes_of(leads.group("theme")))
                else:
                    _seat(r, b, board, "board-member", p, name.end, "board-membership", name, "member")
                continue
            role = next((x for x in r.roles[b.anchor] if x.full_start == p), None)
            if not role:
                continue
            r.used_roles.add((b.anchor, role.start))
            holders = _named_holders(r, role.role)
            if holders and (role.plural or len(holders) == 1):
                for person in holders:
                    _seat(r, b, board, "board-member", p, role.end, "board-membership-role", person, role.label)
            elif not role.plural:
                _seat(r, b, board, "board-member", p, role.end, "board-membership-role", None, role.label)
        # party-labelled councillors named in the same paragraph sit for their group
        for h in list(r.facts.holdings):
            if h.role == "councillor" and h.evidence.anchor == b.anchor and h.represents and h.person:
                ev = h.evidence
                tail = re.match(r"\s+for the ([\w -]+?)(?:[.,;]|$)", t[ev.end:])
                represents = tail.group(1).strip() if tail else h.represents
                found = [x for x in r.facts.holdings if x.person == h.person and x.role == "board-member"
                         and x.organisation == board.name]
                for seat in found:          # one seat named twice ('the Leader of the Opposition, Cllr Y')
                    seat.represents = represents
                    seat.extra_evidence.append(h.evidence)
                if found:
                    continue
                seat = r.holding(b, "board-member", ev.start, ev.end + (tail.end(1) if tail else 0),
                                 "board-membership-party", org=board.name, org_kind=board.kind,
                                 as_written="member", represents=represents)
                seat.person = h.person


_LIST_LEAD = re.compile(r"\b(?:[Mm]embership of|[Mm]embers of)\s+(?:the\s+)?(?P<board>[\w&' -]+?)\s+"
                        r"(?:is|are|will be|comprises|includes|shall be)\s*:?\s*$|\b[Mm]embership\s*:\s*$"
                        # minutes: those 'Present' sit on the board that met ('In attendance' do not)
                        r"|^(?:Members\s+)?[Pp]resent\s*:\s*$"
                        r"|\b(?:[Ii]ts|(?:Board|Panel|Committee)(?:'s|’s))\s+members\s+(?:are|include|will\s+be)\s*:?\s*$")
_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to", "at"}
_ITEM_ROLE = re.compile(r"(?P<role>[A-Z][\w&'’ -]{1,40}?)\s*:\s+")


def _membership_lists(r: "Reader") -> None:
    """'The membership of the Board is:' + items 'Chair: Dr X', 'Governance Lead: Y',
    'Cllr Z (Conservative)', '... representing the ungrouped members': a seat per item."""
    children: dict[str, list[Block]] = {}
    for b in r.doc.blocks:
        if b.parent:
            children.setdefault(b.parent, []).append(b)
    last: Optional[OrgSpan] = None
    for b in r.doc.blocks:
        lead = _LIST_LEAD.search(b.text)
        if lead and b.anchor in children:
            board = None
            if lead.group("board"):
                board = next((o for o in bodies(r, b) if o.start == lead.start("board")), None)
            board = board or last
            if board is not None:
                for c in children[b.anchor]:
                    _list_seat(r, c, board)
        bs = bodies(r, b) or _capital_bodies(b)
        if bs:
            last = bs[-1]


_SEAT_BEFORE = re.compile(r"(?:Independent\s+)?(?P<vice>Vice[- ]|Deputy\s+)?Chair(?:man|woman|person)?\s+of\s+(?:the\s+)?$")


def _seat_before_name(r: "Reader") -> None:
    """'The Independent Chair of the Improvement Board, Professor X, has agreed': X chairs that board."""
    for b in r.doc.blocks:
        for o in bodies(r, b):
            m = _SEAT_BEFORE.search(b.text, 0, o.start)
            gap = re.match(r"\s*,\s*", b.text[o.end:])
            if m is None or gap is None:
                continue
            n = next((x for x in r.names[b.anchor] if x.start == o.end + gap.end()), None)
            if n is None or any(h.person == n.name and h.organisation == o.name for h in r.facts.holdings):
                continue
            role = "vice-chair" if m.group("vice") else "chair"
            written = re.sub(r"\s+of(?:\s+the)?\s*$", "", b.text[m.start():o.start])
            _seat(r, b, o, role, m.start(), n.end, "seat-before-name", n, written)


def _leads_on(r: "Reader") -> None:
    """'X, who leads on financial management for the Board, ...' outside a membership list: a Lead of
    the board the paragraph (or the one before it) names."""
    last: Optional[OrgSpan] = None
    for b in r.doc.blocks:
        bs = bodies(r, b) or _capital_bodies(b)
        for n in r.names[b.anchor]:
            m = _LEADS_ON.match(b.text, n.end)
            board = next((o for o in reversed(bs) if o.end <= n.start), None) or (bs[0] if bs else last)
            if m is None or board is None or not themes_of(m.group("theme")) or \
                    any(h.person == n.name and h.organisation == board.name for h in r.facts.holdings):
                continue
            _seat(r, b, board, "board-lead", n.start, m.end("theme"), "leads-on", n, "lead",
                  lead_for=themes_of(m.group("theme")))
        if bs:
            last = bs[-1]


_PRESENT_LINE = re.compile(r"^(?:Members\s+)?Present\s*:\s*(?=\S)")


def _present_lines(r: "Reader") -> None:
    """Minutes of a board: 'Present: Councillors A (Chair), B and C; Dr D (Independent Member)' on one
    line: each name present sits on the board that met ('Also present:' / 'In attendance:' do not)."""
    last: Optional[OrgSpan] = None
    for b in r.doc.blocks:
        m = _PRESENT_LINE.match(b.text)
        if m and last is not None:
            stop = re.search(r"\b(?:In\s+attendance|Also\s+(?:present|in\s+attendance)|Apologies|Absent)\b", b.text)
            seated = {h.person for h in r.facts.holdings if h.organisation == last.name and h.person}
            for n in r.names[b.anchor]:
                if (stop and n.start >= stop.start()) or n.name in seated:
                    continue              # an officer in attendance; a seat the membership list already gave
                seat = re.match(r"\s*\(((?:Vice[- ]|Deputy\s+)?Chair(?:man|woman|person)?)\)", b.text[n.end:])
                word = seat.group(1) if seat else "member"
                role = "board-member" if not seat else "vice-chair" if word.lower().startswith(("vice", "deputy")) \
                    else "chair"
                _seat(r, b, last, role, n.start, n.end + (seat.end() if seat else 0), "present-line", n, word)
        bs = bodies(r, b) or _capital_bodies(b)
        if bs:
            last = bs[-1]


def _capital_bodies(b: Block) -> list[OrgSpan]:
    """Boards named in a title in capitals ('MINUTES OF THE IMPROVEMENT AND RECOVERY BOARD')."""
    if not b.text.isupper():
        return []
    titled = re.sub(r"\w+", lambda m: m.group(0).lower() if m.group(0).lower() in _SMALL_WORDS
                    else m.group(0).capitalize(), b.text)
    return [o for o in find_orgs(titled) if o.kind in BODY_KINDS]


_LEADS_ON = re.compile(r",\s+(?:[\w -]+?(?:,\s+|\s+(?=with\b)))?(?:who\s+(?:leads|will\s+lead|is\s+(?:the\s+)?lead)\s+(?:on|for)"
                       r"|with\s+(?:the\s+)?lead\s+(?:responsibility\s+)?(?:for|on))\s+"
                       r"(?P<theme>[a-z][\w -]*?)\s*(?:[.;,]|$)")


def _list_seat(r: "Reader", c: Block, board: OrgSpan) -> None:
    t = c.text
    m = _ITEM_ROLE.match(t)
    pos = m.end() if m else 0
    name = next((n for n in r.names[c.anchor] if n.start == pos), None)
    if name is None:
        return
    role, lead_for, written = "board-member", (), "member"
    # 'Cllr X (Chair)': the seat in brackets; 'Y, Independent Member, who leads on governance': a Lead
    seat_word = re.match(r"\s*\(((?:Vice[- ]|Deputy\s+)?Chair(?:man|woman|person)?)\)", t[name.end:])
    leads = _LEADS_ON.match(t, name.end)
    if seat_word:
        written = seat_word.group(1)
        role = "vice-chair" if written.lower().startswith(("vice", "deputy")) else "chair"
        _seat(r, c, board, role, 0, name.end + seat_word.end(), "membership-list", name, written)
        return
    if leads and themes_of(leads.group("theme")):
        _seat(r, c, board, "board-lead", 0, leads.end("theme"), "membership-list", name, "lead",
              lead_for=themes_of(leads.group("theme")))
        return
    if m:
        written = m.group("role")
        word = written.lower()
        if word.endswith(" lead") or word == "lead":
            role, lead_for = "board-lead", themes_of(written[:-len(" Lead")]) if " " in written else ()
        elif "chair" in word:
            role = "vice-chair" if word.startswith(("vice", "deputy")) else "chair"
    rep = re.search(r"\brepresenting\s+(?:the\s+)?([\w -]+?)\s*(?:[.;,]|$)", t[name.end:])
    party = re.match(r"\s*\(([A-Z][\w&' -]+)\)", t[name.end:])
    if party and find_roles(party.group(1)):
        party = None                    # '(Leader of the Council)' is a post, not a group
    represents = rep.group(1) if rep else party.group(1) if party and "Cllr" in name.honorifics + ("",) or \
        party and "Councillor" in name.honorifics else None
    end = name.end + (rep.end(1) if rep else party.end() if party else 0)
    _seat(r, c, board, role, 0, end, "membership-list", name, written, lead_for=lead_for, represents=represents)


def _team_lists(r: "Reader") -> None:
    """'The peers who delivered ... were:' + items 'Ann Lee, LGA Associate, ...': team members."""
    children: dict[str, list[Block]] = {}
    for b in r.doc.blocks:
        if b.parent:
            children.setdefault(b.parent, []).append(b)
    teams = [o for blk in r.doc.blocks for o in r.orgs[blk.anchor] if o.kind == "team"]
    for b in r.doc.blocks:
        if b.anchor not in children or not re.search(r"(?::|\b(?:were|are|include|includes|comprised|comprises))\s*$", b.text):
            continue
        plural = [x for x in find_roles(b.text) if x.plural]
        if not plural:
            continue
        role = plural[-1]
        stem = role.label.rstrip("s").lower()
        team = next((o for o in sorted(teams, key=lambda o: -len(o.name)) if stem in o.name.lower()), None)
        for c in children[b.anchor]:
            name = next((n for n in r.names[c.anchor] if n.start == 0), None)
            if not name:
                continue
            r.holding(c, role.role, 0, name.end, "team-list", person=name,
                      org=team.name if team else None, org_kind="team", as_written=role.label.rstrip("s"))
