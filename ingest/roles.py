"""Role mentions in a block's text, read through the SKOS label indexes (data, not code).

Longest label wins, case-insensitive for labels of two or more words; a one-word label ('Mayor',
'Director', 'Lead') counts only when written with a capital, so "members" or "lead the work" are
not roles. The capacity word just before a role ('interim', 'acting', 'permanent') is returned
apart from it: interim is a capacity, not a role. Also here: the stated start/end of a tenure
("elected to the role in October 2024", "since October 2024"), never invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ingest.model import PartialDate
from ontology.vocab import scheme

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
DATE_RE = rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTH_RE})\s+(\d{{4}})|\b((?:19|20)\d{{2}})\b"

# Words before a role that say the holding is over (not attested at the document date).
PAST_CUES = ("ex-", "former ", "formerly ", "most recently ", "previous ", "outgoing ", "late ",
             "until recently ")
# Words before a role that say the post is not yet filled by this holder.
FUTURE_CUES = ("new ", "incoming ", "future ", "prospective ", "designate ")


@dataclass(frozen=True)
class RoleSpan:
    start: int                 # of the label as written (capacity and qualifiers excluded)
    end: int
    role: str                  # concept id
    scheme: str                # 'roles' | 'board-roles'
    label: str                 # the words as written
    capacity: Optional[str] = None
    qualifier_start: Optional[int] = None   # where 'interim'/'ex-'/'most recently' begins
    past: bool = False
    new: bool = False
    plural: bool = False

    @property
    def full_start(self) -> int:
        return self.qualifier_start if self.qualifier_start is not None else self.start


@lru_cache(maxsize=None)
def _index(schemes: tuple[str, ...]) -> tuple[dict[str, tuple[str, str, bool]], re.Pattern]:
    """label (lower) -> (concept id, scheme, plural); and one regex over every label, longest first."""
    idx: dict[str, tuple[str, str, bool]] = {}
    for name in schemes:
        for c in scheme(name).concepts:
            for label in c.labels:
                idx.setdefault(label.lower(), (c.id, name, False))
    for label, (cid, name, _) in list(idx.items()):
        if not label.endswith("s") and label[-1].isalpha():
            idx.setdefault(label + "s", (cid, name, True))
    labels = sorted(idx, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(l) for l in labels) + r")(?![\w-])",
                         re.IGNORECASE)
    return idx, pattern


@lru_cache(maxsize=None)
def role_kind(role_id: str) -> Optional[str]:
    """'statutory', 'political', 'government', 'board' ... as the vocabulary files say."""
    for name in ("roles", "board-roles"):
        for c in scheme(name).concepts:
            if c.id == role_id:
                return c.kind
    return None


@lru_cache(maxsize=None)
def capacity_words() -> dict[str, str]:
    """'interim' -> 'interim', 'temporary' -> 'interim', 'substantive' -> 'permanent' ..."""
    out: dict[str, str] = {}
    for c in scheme("capacities").concepts:
        for label in c.labels:
            out[label.lower()] = c.id
    return out


# Words that make the role after them another post: a deputy is not the Chief Executive, a Lord
# Mayor is not an executive mayor, a Group Leader not the Leader of the Council.
_NOT_THIS_ROLE = {"Deputy", "Assistant", "Vice", "Shadow", "Lord", "Young", "Civic", "Ceremonial", "Youth",
                  "Junior", "Group", "Party", "Labour", "Conservative", "Liberal", "Democrat", "Green",
                  "Independent", "Reform", "Opposition", "Acting-up"}


@lru_cache(maxsize=None)
def _domain_words() -> frozenset[str]:
    """Capitalised words of role and theme labels ('Finance', 'Governance'): a one-word role after
    one of them is that kind of role ('Finance Commissioner', 'Governance Lead')."""
    words: set[str] = set()
    for name in ("roles", "themes"):
        for c in scheme(name).concepts:
            for label in c.labels:
                words.update(w for w in re.findall(r"[A-Za-z][\w'’&-]*", label) if w[0].isupper())
    return frozenset(words - _NOT_THIS_ROLE)


def _prefix(text: str, start: int) -> Optional[re.Match]:
    return re.search(r"([A-Za-z][\w'’-]*)\s+$", text[:start])


def _acceptable(text: str, m: re.Match, label_lower: str, idx: dict) -> bool:
    written = m.group(0)
    prev = _prefix(text, m.start())
    if prev and prev.group(1) in _NOT_THIS_ROLE and f"{prev.group(1).lower()} {label_lower}" not in idx:
        return False        # 'Deputy Chief Executive', 'Lord Mayor', 'Group Leader' are other posts
    if m.start() > 0 and text[m.start() - 1] == "-" and not text[:m.start()].lower().endswith("ex-"):
        return False        # 'Non-Executive', 'Sub-Committee': part of a longer word
    one_word = " " not in label_lower and "," not in label_lower
    if written.isupper() or label_lower.upper() == label_lower.upper() and len(label_lower) <= 4:
        # acronyms ('MO', 'CFO', 'DCS') only as written in capitals
        if len(written) <= 4 and written != written.upper():
            return False
    if one_word:
        if not written[0].isupper():
            return False
        # 'Capital Assets Director', 'Elliott Commissioner': a capitalised word before a one-word
        # label makes it part of some other name, unless that word is a capacity, an article or
        # a word of the roles' own vocabulary ('Finance Commissioner').
        if prev:
            w = prev.group(1)
            if w[0].isupper() and w.lower() not in capacity_words() and w not in _domain_words() and w not in (
                    "The", "A", "An", "Our", "Your", "His", "Her", "Their", "Its", "As", "And", "Dear", "Former", "New"):
                return False
    return True


def find_roles(text: str, schemes: tuple[str, ...] = ("roles",)) -> list[RoleSpan]:
    """Every role mention in `text`, longest label first, with capacity and past/new cues."""
    idx, pattern = _index(schemes)
    out: list[RoleSpan] = []
    for m in pattern.finditer(text):
        label_lower = m.group(0).lower()
        if label_lower not in idx or not _acceptable(text, m, label_lower, idx):
            continue
        cid, sch, plural = idx[label_lower]
        plural = plural or (label_lower.endswith("s") and label_lower[:-1] in idx)
        start = m.start()
        qstart = None
        capacity = None
        past = new = False
        before = text[:start]
        pm = _prefix(text, start)
        if " " not in label_lower and pm and pm.group(1) in _domain_words():
            qstart = pm.start(1)          # 'Finance Commissioner' as written
            before = text[:qstart]
        # qualifiers may stack: "the new interim Monitoring Officer", "ex-Chief Executive"
        while True:
            cm = re.search(r"([A-Za-z]+)\s+$", before)
            if cm and cm.group(1).lower() in capacity_words():
                capacity = capacity or capacity_words()[cm.group(1).lower()]
                before = before[:cm.start()]
                qstart = cm.start()
                continue
            hit = False
            for cue in PAST_CUES + FUTURE_CUES:
                if before.lower().endswith(cue) and (len(before) == len(cue) or not before[-len(cue) - 1].isalnum()):
                    qstart = len(before) - len(cue)
                    before = before[:qstart]
                    past = past or cue in PAST_CUES
                    new = new or cue in FUTURE_CUES
                    hit = True
                    break
            if not hit:
                break
        out.append(RoleSpan(start, m.end(), cid, sch, m.group(0), capacity, qstart, past, new, plural))
    return out


def role_at(text: str, pos: int, schemes: tuple[str, ...] = ("roles",)) -> Optional[RoleSpan]:
    """The role whose qualifiers or label begin exactly at `pos` (after spaces)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    for r in find_roles(text, schemes):
        if r.full_start == pos or r.start == pos:
            return r
    return None


def to_partial(m: re.Match) -> Optional[PartialDate]:
    day, month, year, year_only = m.groups()
    if year_only:
        return PartialDate(int(year_only))
    if not year:
        return None
    mo = MONTHS.index(month.lower()) + 1
    return PartialDate(int(year), mo, int(day) if day else None)


def _groups_date(g) -> Optional[PartialDate]:
    day, month, year, year_only = g
    if year_only:
        return PartialDate(int(year_only))
    if not year:
        return None
    return PartialDate(int(year), MONTHS.index(month.lower()) + 1, int(day) if day else None)


_D = rf"(?:{DATE_RE})"
_START_VERB = re.compile(r"(?<!re-)\b(?:elected|appointed|installed|joined|started|began|took office|became|"
                         r"took up(?: the| this| that| her| his| their)? (?:post|role|office|position|appointment)s?)\b",
                         re.IGNORECASE)
_PREP_DATE = re.compile(rf"\b(?:in|on|from|with effect from)\s+{_D}")
_LEAD_DATE = re.compile(rf"\b(?:In|On|From|Since)\s+{_D},?\s")
_SINCE = re.compile(rf"\b(?:since|from|with effect from)\s+{_D}")
_HOLDING_WORDS = re.compile(r"\b(?:covered|filled|held|in post|in place|in the role|chaired|served|acted|acting|"
                            r"been (?:in|the|its|our|their|a|an))\b", re.IGNORECASE)
_END = re.compile(rf"\b(?:until|left|departed|retired|resigned|stepped down|stood down|will leave|is leaving|leaves|"
                  rf"will step down|will retire)\b[^.;]{{0,40}}?\b(?:in|on|at the end of|by|until)?\s*{_D}")


def _first_date(m: re.Match) -> Optional[PartialDate]:
    return _groups_date(m.groups()[-4:]) if m else None


def tenure_dates(text: str, start: int, end: int) -> tuple[Optional[PartialDate], Optional[PartialDate]]:
    """The start and end the sentence states for the holding quoted at text[start:end].

    A start needs an appointment verb ('was elected Leader in May 2017', 'In December 2020 the
    Council appointed X', 'took up post on 1 September 2023') or a 'since' / 'from' right after the
    holding, or one after words of holding a post ('has been covered by an interim since October
    2018'). '... delivered six elections since 2014' dates the elections, not the post; a month
    without a year is no date. An end needs a leaving verb ('left on 31 January 2021', 'will leave
    at the end of August 2026') or 'until'.
    """
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(". ", end)
    s1 = len(text) if s1 < 0 else s1
    before, inside, after = text[s0:start], text[start:end], text[end:s1][:160]
    # another clause ('..., and X has acted as ... since') dates another holding
    # ... or a predecessor's ('appointed from 1 June, following the resignation of Y, who left on ...')
    cut = re.search(r",\s+and\s+|;\s|,\s+while\s+|,\s+whereas\s+|,?\s+(?:following|after|on)\s+the\s+"
                    r"(?:resignation|departure|retirement|death)\s+of\b|,?\s+(?:replacing|succeeding)\s+", after)
    if cut:
        after = after[:cut.start()]
    st: Optional[PartialDate] = None
    if _START_VERB.search(before[-60:]) or _START_VERB.search(inside) or _START_VERB.match(after.lstrip()):
        m = _PREP_DATE.search(after[:80])
        st = _first_date(m)
        if st is None:
            lm = _LEAD_DATE.search(before)
            st = _first_date(lm)
    if st is None:
        vm = _START_VERB.search(after[:60])
        if vm:
            st = _first_date(_PREP_DATE.search(after[vm.end():vm.end() + 60]))
    if st is None:
        m = _SINCE.search(after)
        if m and (m.start() <= 25 or _HOLDING_WORDS.search(after[:m.start()])) \
                and not re.search(r"\bvacant\b", after[:m.start()]):
            st = _first_date(m)
    if st is None and _HOLDING_WORDS.search(inside + after[:60]):
        # 'Since January 2026 the Director of Law, X, has acted as Monitoring Officer'
        st = _first_date(re.match(rf"\s*Since\s+{_D}", before))
    en = _first_date(_END.search(after))
    return st, en
