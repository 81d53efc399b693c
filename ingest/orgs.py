"""Organisation mentions: authorities, departments and national bodies, boards, committees, teams.

Authorities are read by their naming shapes ('London Borough of X', 'Royal Borough of X',
'X Metropolitan Borough Council', 'X City Council', 'X MBC'); national bodies come from
ontology/vocab/aliases.yaml; boards and committees are capitalised names ending in Board,
Committee, Group, Team, Panel or Forum, with an abbreviation in brackets when one is defined.
An authority's key is its place name, so 'Kingston Council' and 'Royal Borough of Kingston'
meet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ingest.names import is_first_name, stop_words
from ontology.vocab import aliases, scheme

# UK party names: a 'Labour Group' is a political group, not a board.
PARTY_WORDS = ("Labour", "Conservative", "Liberal Democrat", "Green", "Independent", "Reform",
               "Plaid Cymru", "SNP", "Co-operative", "Residents")

_PLACE_TOKEN = r"[A-Z][a-z]+(?:[-'][A-Za-z]+)*"
_PLACE = rf"{_PLACE_TOKEN}(?:(?:\s+(?:upon|on|in|under|le|by|and)\s+|-on-|\s+){_PLACE_TOKEN}){{0,3}}"
_NOT_PLACE = {"Full", "Youth", "Whole", "The", "This", "Our", "Your", "Each", "Every", "County", "City",
              "Borough", "Town", "Parish", "District", "Executive", "Metropolitan", "Local", "Best", "Value",
              "By", "Email", "Tel", "Town", "Hall", "Labour", "Conservative", "Green", "Council", "One", "Single",
              "Whole", "Unitary", "Parish", "Youth", "Grants", "Relevant", "Respective"}

_AUTHORITY_RES = (
    re.compile(rf"\b(?:London|Royal|Metropolitan|County)\s+Borough\s+of\s+(?P<place>{_PLACE})"),
    re.compile(rf"\b(?:City|County|Borough|District)\s+of\s+(?P<place>{_PLACE})\s+Council\b"),
    re.compile(rf"\b(?P<place>{_PLACE})\s+(?:Metropolitan\s+Borough|Royal\s+Borough|London\s+Borough|City|County|District|Borough|Town)\s+Council\b"),
    re.compile(rf"\b(?P<place>{_PLACE})\s+(?:Council|MBC)\b(?!s)"),
)
# 'the' never sits inside a body's name: 'Envoys and the Transformation Board' is two things
_BODY_TOKEN = r"(?:[A-Z][\w'’&-]*|and|of|for|&|on)"
_BODY_RE = re.compile(
    rf"\b(?P<name>[A-Z][\w'’&-]*(?:\s+{_BODY_TOKEN}){{0,7}}?\s+"
    rf"(?P<head>Board|Committee|Sub-Committee|Group|Team|Panel|Forum|Commission))\b"
    rf"(?:\s+\((?P<abbr>[A-Z][A-Za-z&]{{1,7}})\))?")
_HEAD_KIND = {"Board": "board", "Committee": "committee", "Sub-Committee": "committee", "Group": "board",
              "Team": "team", "Panel": "board", "Forum": "board", "Commission": "organisation"}
_LEADING_NOISE = re.compile(r"(?:(?:The|A|An|Our|Your|Its|This|New|Each|Every|Both|All|Whilst|While|"
                            r"When|Since|Membership|Following|After|Before|In|At|On|To|By|From|With|"
                            r"Chair|Chairman|Chairwoman|Chairperson|Vice-Chair|Member|Members|Lead)\s+)+")


@dataclass(frozen=True)
class OrgSpan:
    start: int
    end: int
    name: str
    kind: str
    abbreviation: Optional[str] = None
    key: Optional[str] = None


_TYPE_WORDS = {"Metropolitan", "Borough", "City", "County", "District", "Town", "Royal", "London"}


@lru_cache(maxsize=None)
def _role_words() -> frozenset[str]:
    words = set()
    for name in ("roles", "board-roles"):
        for c in scheme(name).concepts:
            for label in c.labels:
                words.update(w for w in re.findall(r"[A-Za-z-]+", label) if w[0].isupper())
    return frozenset(words)


def _trim_place(place: str) -> str:
    """Cut a place name at words that cannot be part of it ('Milton Keynes By email',
    'Lead Commissioner Slough')."""
    toks = place.split()
    while toks and (toks[0] in _role_words() or toks[0].islower()):
        toks = toks[1:]      # 'Lead Commissioner Slough', 'State on Slough'
    while toks and toks[-1].islower():
        toks = toks[:-1]
    keep: list[str] = []
    for i, t in enumerate(toks):
        if t in _NOT_PLACE or (keep and t in stop_words()):
            break                 # "London Borough of X Children's Services"
        # 'Barsetshire John Smith': a first name followed by another word starts a person's name
        if keep and i + 1 < len(toks) and toks[i + 1][0].isupper() and is_first_name(t):
            break
        keep.append(t)
    return " ".join(keep)


@lru_cache(maxsize=None)
def _known() -> list[tuple[str, dict, bool]]:
    """(phrase, org record, is_abbreviation), longest first."""
    out: list[tuple[str, dict, bool]] = []
    for org in aliases().get("organisations", []):
        out.append((org["name"], org, False))
        for v in org.get("variants") or ():
            out.append((v, org, v.isupper()))
        if org.get("abbreviation"):
            out.append((org["abbreviation"], org, True))
    return sorted(out, key=lambda x: len(x[0]), reverse=True)


@lru_cache(maxsize=None)
def _known_patterns() -> list[tuple[re.Pattern, dict, bool]]:
    """One compiled pattern per known name; 'and' / '&' and line breaks do not change a name."""
    out = []
    for phrase, org, is_abbr in _known():
        flags = 0 if (is_abbr or phrase[0].isupper()) else re.IGNORECASE
        pattern = r"\s+".join(r"(?:and|&)" if w in ("and", "&") else re.escape(w) for w in phrase.split())
        out.append((re.compile(rf"(?<![\w-]){pattern}(?![\w-])", flags), org, is_abbr))
    return out


def _search_all(rx: re.Pattern, text: str):
    """Every match, retrying one word later after each, so a greedy place name that swallowed
    too much ('Keynes and Milton Keynes Council') does not hide the right one."""
    pos = 0
    while True:
        m = rx.search(text, pos)
        if not m:
            return
        yield m
        nxt = re.search(r"\s", text[m.start():m.end()])
        pos = m.start() + (nxt.end() if nxt else len(m.group(0)))


def authority_key(name: str) -> str:
    """'London Borough of Hackney' / 'Hackney Council' -> 'Hackney'."""
    for rx in _AUTHORITY_RES:
        m = rx.search(name)
        if m:
            return _trim_place(m.group("place")) or name
    return name


def find_orgs(text: str) -> list[OrgSpan]:
    """Organisation mentions in text order; overlapping matches keep the longest."""
    found: list[OrgSpan] = []
    for rx, org, is_abbr in _known_patterns():
        for m in rx.finditer(text):
            end = m.end()
            abbr = org.get("abbreviation")
            am = re.match(r"(?:'s|’s)?\s*\(([A-Z]{2,8})\)", text[end:])
            if am and not is_abbr:
                end += am.end()
            found.append(OrgSpan(m.start(), end, org["name"], org.get("kind", "organisation"), abbr, org["name"]))
    # a writer's own expansion of a known abbreviation: "the London Government Association's (LGA)"
    abbrs = {org.get("abbreviation"): org for org in aliases().get("organisations", []) if org.get("abbreviation")}
    for m in re.finditer(r"\b((?:[A-Z][\w&-]*\s+){1,5}?[A-Z][\w&-]*)(?:'s|’s)?\s*\(([A-Z]{2,8})\)", text):
        org = abbrs.get(m.group(2))
        if org and all(w[0] == c for w, c in zip(m.group(1).split()[-len(m.group(2)):], m.group(2))):
            start = m.start(1) + len(m.group(1)) - len(" ".join(m.group(1).split()[-len(m.group(2)):]))
            found.append(OrgSpan(start, m.end(), org["name"], org.get("kind", "organisation"), m.group(2), org["name"]))
    for rx in _AUTHORITY_RES:
        for m in _search_all(rx, text):
            written = m.group("place")
            place = _trim_place(written)
            if not place:
                continue
            pstart = m.start("place") + written.index(place)
            rest = written[written.index(place) + len(place):].split()
            if rx is _AUTHORITY_RES[0]:
                start, end = m.start(), pstart + len(place)
            elif all(w in _TYPE_WORDS for w in rest):
                start, end = pstart, m.end()
            else:
                continue            # the council word did not follow the place itself
            found.append(OrgSpan(start, end, text[start:end], "authority", None, place))
    for m in _BODY_RE.finditer(text):
        name = m.group("name")
        start = m.start("name")
        while True:          # 'Membership of the Improvement Board' -> 'Improvement Board'
            lead = _LEADING_NOISE.match(text, start) or re.compile(r"(?:of|for|and|the|on|&|(?:Council|Authority|Borough|City|County)(?:'s|’s))\s+").match(text, start)
            if not lead or lead.end() >= m.end("name"):
                break
            start = lead.end()
        name = text[start:m.end("name")]
        if not name or len(name.split()) < 2 or name.split()[0] in ("and", "of", "for", "the"):
            continue
        kind = _HEAD_KIND[m.group("head")]
        if any(re.search(rf"\b{re.escape(p)}\b", name) for p in PARTY_WORDS) and m.group("head") == "Group":
            kind = "group"
        end = m.end() if m.group("abbr") else m.end("name")
        found.append(OrgSpan(start, end, name, kind, m.group("abbr"), name))
    # 'London Borough of X Children's Services Improvement Board': the authority, then its board
    auths = [o for o in found if o.kind == "authority"]
    for i, o in enumerate(found):
        a = next((a for a in auths if a.start == o.start and a.end < o.end), None)
        if a and o.kind in ("board", "committee", "team"):
            cut = len(text[o.start:a.end]) + len(text[a.end:o.end]) - len(text[a.end:o.end].lstrip())
            name = o.name[cut:]
            if len(name.split()) >= 2:
                found[i] = OrgSpan(o.start + cut, o.end, name, o.kind, o.abbreviation, name)
    # keep the longest of overlapping mentions
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    out: list[OrgSpan] = []
    for o in found:
        if out and o.start < out[-1].end:
            if (o.end - o.start) > (out[-1].end - out[-1].start):
                out[-1] = o
            continue
        out.append(o)
    return out
