"""Letter structure: addressee and sender blocks, signature blocks and copies.

A name at the start of a letterhead/address/signature block is followed by its roles and its
organisation ('Jane Smith Chief Executive London Borough of X'); a line of roles above the
names of a signature ('Ministerial Envoys to the London Borough of X') gives each signatory that
role; a role line below a name ('(Head of Paid Service)') belongs to the name above it. Names in
blocks before the salutation that do not sign are the recipients; 'cc:' lines are copies.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from ingest.model import Block, Evidence
from ingest.names import OFFICE_TITLES, NameSpan, postnominals, stop_words
from ingest.orgs import OrgSpan
from ingest.roles import DATE_RE, RoleSpan, find_roles, role_kind

if TYPE_CHECKING:  # pragma: no cover
    from ingest.people import Reader

LETTER_KINDS = {"letterhead", "address", "signature"}


def capitals_name(text: str) -> list[NameSpan]:
    """A signature written in capitals ('JIM MCMAHON OBE MP'): two to four words, none a stop word."""
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
    return [NameSpan(0, m.end(1), name, 0, (), tuple(suffixes), True, len(name))]


def read_letter_blocks(r: "Reader") -> None:
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
            closing_seen = False      # 'cc:' lines are copies, not signatories (read by read_copies)
            continue
        # minutes end 'Signed: Cllr X, Chair' with no closing: a signature all the same
        in_signature = b.kind == "signature" or (closing_seen and len(b.text) < 200) or \
            (b.kind == "paragraph" and len(b.text) < 120 and bool(re.match(r"\s*Signed\s*:\s*\S", b.text)))
        if b.kind not in LETTER_KINDS and not in_signature:
            if closing_seen and b.kind in ("heading", "paragraph") and len(b.text) > 200:
                closing_seen = False
            continue
        names = [n for n in r.names[b.anchor] if n.start == 0 or re.fullmatch(
            r"\s*(?:Signed|To|From|Attn|Attention|FAO|For the attention of|Addressee)\s*:?\s*", b.text[:n.start])]
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
                                  org=r.org_at(b, role.end) or block_org(r, b))
            continue
        names = _signature_names(r, b, names[0])
        for k, n in enumerate(names):
            stop = names[k + 1].start if k + 1 < len(names) else len(b.text)
            last_signatory = _one_name(r, b, n, stop, in_signature, salutation_seen, group_role) or last_signatory
    # someone who signs is not an addressee (the sender's block sits beside the addressee's)
    r.facts.recipients[:] = [x for x in r.facts.recipients if x not in r.facts.signatories]
    for b in doc.blocks:
        if not r.facts.recipients and re.match(r"\s*(?:To|FAO|For the attention of)\s*:", b.text):
            names = [n for n in r.names[b.anchor] if n.start < 40]
            if names:
                r.facts.recipients.append(b.text[names[0].start:names[0].end])
    for b in doc.blocks:
        if b.kind == "salutation" and not r.facts.recipients:
            m = re.match(r"Dear\s+(.+?)[,.]?\s*$", b.text)
            if m:
                r.facts.recipients.append(m.group(1))


def _signature_names(r: "Reader", b: Block, first: NameSpan) -> list[NameSpan]:
    """People whose lines were joined into one letter block: 'Ann Lee Lead Commissioner Bob Ray
    Commissioner'. A later name counts when only roles, organisations and punctuation precede it."""
    out = [first]
    for n in r.names[b.anchor]:
        if n.start <= out[-1].start:
            continue
        covered = [(x.full_start, x.end) for x in roles_after(b, out[-1].end)] + \
            [(o.start, o.end) for o in r.orgs[b.anchor]]
        gap = list(b.text[out[-1].end:n.start])
        for s0, s1 in covered:
            for i in range(max(s0, out[-1].end), min(s1, n.start)):
                gap[i - out[-1].end] = " "
        if re.fullmatch(r"[\s,;()&]*(?:\b(?:and|of|the|for)\b[\s,;()&]*)*", "".join(gap)):
            out.append(n)
    return out


def _one_name(r: "Reader", b: Block, n: NameSpan, stop: int, in_signature: bool, salutation_seen: bool,
              group_role) -> Optional[tuple[Block, NameSpan]]:
    """One name at the head of a letter block (or of its part up to `stop`): its roles and organisation."""
    rest_roles = [x for x in roles_after(b, n.end) if x.end <= stop]
    for x in rest_roles:
        if all(x.start != y.start for y in r.roles[b.anchor]):
            r.roles[b.anchor].append(x)
    office = [h for h in n.honorifics if h in OFFICE_TITLES]
    signed = None
    if in_signature:
        r.facts.signatories.append(b.text[n.start:n.end])
        signed = (b, n)
    elif not salutation_seen:
        r.facts.recipients.append(b.text[n.start:n.end])
    org = block_org(r, b, after=n.end) or _neighbour_org(r, b)
    if org is not None and org.start >= stop:
        org = None
    if office and not rest_roles:
        role = find_roles(office[0])[0]
        r.holding(b, role.role, n.start, n.end, "office-title", person=n, as_written=office[0],
                  org=org)
    if org is not None and org.kind == "authority" and rest_roles and \
            role_kind(rest_roles[0].role) == "government":
        org = None                    # a minister's block beside the council's letterhead
    seen: set[str] = set()
    for role in rest_roles:
        if role.role in seen:
            r.used_roles.add((b.anchor, role.start))
            continue
        seen.add(role.role)
        end = max(x.end for x in rest_roles)
        end = _close_paren(b.text, end)
        written = b.text[rest_roles[0].full_start:end].strip()
        if written.endswith(")") and "(" not in written:
            written = written[:-1]        # 'Jo Bloggs (Mayor)' -> 'Mayor'
        r.holding(b, role, n.start, end, "signature-block" if in_signature else "letter-block",
                  person=n, org=r.org_at(b, role.end) or org, as_written=written)
    if in_signature and group_role and not rest_roles:
        role, gb, gorg = group_role
        r.holding(b, role.role, n.start, n.end, "signature-group", person=n,
                  org=gorg, as_written=gb.text)
    return signed


def roles_after(b: Block, pos: int) -> list[RoleSpan]:
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


def _neighbour_org(r: "Reader", b: Block) -> Optional[OrgSpan]:
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


def block_org(r: "Reader", b: Block, after: int = 0) -> Optional[OrgSpan]:
    for o in r.orgs[b.anchor]:
        if o.start >= after:
            return o
    return None


def read_copies(r: "Reader") -> None:
    """Who a letter is copied to: 'cc:' lines (items split on ';') and 'I am copying this letter to
    ...' sentences. A named person is listed by name (their role beside it is not a second copy);
    an item without a name is listed as written ('Section 151 Officer', 'Leaders of the opposition
    groups'). A copy named both in the text and on a 'cc:' line is listed once."""
    out: list[str] = []
    for b in r.doc.blocks:
        line = re.match(r"\s*(?:cc|copy to|copies to|copied to)\s*:?\s+", b.text, re.IGNORECASE)
        if line:
            pos = line.end()
            for item in re.finditer(r"[^;]+", b.text[pos:]):
                s0, s1 = pos + item.start(), pos + item.end()
                names = [n for n in r.names[b.anchor] if s0 <= n.start < s1]
                text = b.text[s0:s1].strip().rstrip(".")
                out.append(names[0].name if names else text)
            continue
        m = re.search(r"\b(?:copying this letter to|copied to)\s+(.+?)(?:\.$|\.\s|$)", b.text, re.IGNORECASE)
        if not m:
            continue
        s0, s1 = m.start(1), m.end(1)
        names = [n for n in r.names[b.anchor] if s0 <= n.start and n.end <= s1]
        items: list[tuple[int, str]] = [(n.start, n.name) for n in names]
        for role in r.roles[b.anchor]:
            if not (s0 <= role.full_start and role.end <= s1):
                continue
            if any(0 <= role.full_start - n.end <= 6 or 0 <= n.start - role.end <= 3 or
                   re.fullmatch(r",\s*(?:the\s+)?(?:(?:Council|Authority)(?:'s|’s)\s+)?", b.text[n.end:role.full_start])
                   for n in names if n.end <= role.full_start or n.start >= role.end):
                continue                      # 'the Leader of the Council, Cllr X' / 'Y, the Council's S151 Officer'

            items.append((role.full_start, b.text[role.full_start:role.end]))
        out += [t for _, t in sorted(items)]
    seen: set[str] = set()
    for t in out:
        if t.lower() not in seen:
            seen.add(t.lower())
            r.facts.copied_to.append(t)


# 'As Executive Mayor my priority ...', 'As Leader, I ...', 'in my role as Chief Executive', 'I, as Leader, ...'
_SELF_BEFORE = re.compile(r"(?:\b[Aa]s|\bin my (?:role|capacity) as|\bI,?\s+as)\s+(?:the\s+)?$")
_SELF_AFTER = re.compile(r"\s*,?\s*(?:I|my|me)\b")
# 'following my election in July 2015', 'since my appointment on 1 May 2020', 'I was elected in May 2022'
_MY_START = re.compile(rf"\b(?:my\s+(?:election|appointment)|I\s+was\s+(?:first\s+)?(?:elected|appointed)|"
                       rf"I\s+took\s+(?:up\s+)?office)\b[^.;]{{0,40}}?\b(?:in|on)\s+(?P<date>{DATE_RE})")


def read_first_person(r: "Reader") -> None:
    """An unsigned letter whose writer names their own office ('As Executive Mayor my priority was'):
    the writer is that office's (unnamed) holder and the letter's creator. 'following my election in
    July 2015' states when the writer's holding began. A signed letter's writer is its signatory."""
    if r.facts.signatories or not any(b.kind == "salutation" for b in r.doc.blocks):
        return
    for b in r.doc.blocks:
        if b.kind not in ("paragraph", "item"):
            continue
        for role in r.roles[b.anchor]:
            before = _SELF_BEFORE.search(b.text[:role.full_start])
            if not before or role.plural or not _SELF_AFTER.match(b.text[role.end:]):
                continue
            h = r.holding(b, role, before.start(), role.end, "first-person-office", org=None)
            _stated_start(r, h)
            r.facts.signatories.append(h.role_as_written)
            return


def _stated_start(r: "Reader", h) -> None:
    from ingest.roles import to_partial
    for b in r.doc.blocks:
        m = _MY_START.search(b.text)
        if not m:
            continue
        h.start = to_partial(re.match(DATE_RE, m.group("date")))
        h.extra_evidence.append(Evidence.of(b, m.start(), m.end(), "first-person-start"))
        from ingest.people import _after
        if h.start and r.doc.date and _after(h.start, r.doc.date):
            h.attested = None             # began after the letter's date: not the writer's office then
        return
