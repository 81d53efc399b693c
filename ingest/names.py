"""Person-name candidates in a block's text: capitalised tokens that could be a first + last name.

Recognition is split in two: this module finds spans that *look* like names and says how sure it
is on its own (an honorific, a post-nominal or a known first name); the caller adds context cues
(apposition with a role, signature position, a list of other names) before accepting a weak one.
Words from the role/theme vocabularies and place/organisation words never form part of a name,
so "Milton Keynes", "Victoria Park", "Best Value" or "Yours sincerely" are never people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import gender_guesser.detector as _gender

from ontology.vocab import aliases, scheme

# Place and organisation words: a capitalised run containing one is a place or body, not a person.
_ORG_WORDS = """
Borough Boroughs Council Councils Road Street Avenue Square Wharf Gardens Crescent Terrace
Market Markets Town City County District Metropolitan Authority Authorities
Board Boards Committee Committees Sub-Committee Group Groups Team Teams Panel Forum Forums Office
Plan Plans Programme Strategy Policy Act Acts Bill Order Directions Direction Report Reports
Annex Appendix Section Part Ministry Department Association Commission Government Parliament
Service Services Unit Directorate Trust Fund Agency Partnership Partnerships Inspection Review
Challenge Peer Peers Survey Code Framework Conference Assemblies Assembly Initiative Election Elections
Referendum Centre Library School College University Hospital Police CCG NHS Ltd Limited PLC LLP
Labour Conservative Conservatives Liberal Democrat Democrats Reform Independent Party
Envoys Commissioners Inspectors Members Councillors Officers Directors Management Organisation
Organisations Asset Assets Investors Principles Standards Rules Guidance Scheme Fund Award Awards
Interim Acting Permanent Temporary Substantive One Account Accounts Revenue Capital Budget
Offices Office Buildings Building Civic Chambers Headquarters
People Regeneration Environment Neighbourhoods Operations Communities Adults Children Wellbeing
Education Transport Planning Economy Growth Customer Digital Transformation Commercial Property
Kingdom England London Britain British English Wales Scotland Tel Email Fax Our Your Ref Dear Yours Sincerely Faithfully Regards Best Value
""".split()

# Words that start sentences or headings and happen to be capitalised.
_FUNCTION_WORDS = """
The This That These Those There Their They Them Then Than Thus We Our Us You Your Yours He She His
Her It Its In On At As Of For From By With Without Within To Into And Or But If When Where Whilst
While Although Since Following After Before During Under Over Between Also All Any Each Every Some
Many Most More Much Such No Not Now New Next Last First Second Third Other Both Either Neither
Key Further However Therefore Finally Furthermore Overall Specifically Significantly Equally
Regarding Having Being Dear Yours Kind Mr Mrs Ms Miss Dr Sir Dame Lord Lady Cllr Councillor
Professor Prof Rt Hon Minister Mayor January February March April June July August September
October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split()

# Place words that are also surnames (Hall, Hill, Lane, Park): a name ending in one needs a cue
# beyond a known first name ('Victoria Park' is a place, 'Councillor Mark Hall' a person).
PLACE_SURNAMES = frozenset("Hall Hill Lane Park Bridge Court Way Row Place Green Field Fields Gate Close House".split())

# Latin letters with accents count ('Wiśniewski', 'Zoë'); a token starts with a capital.
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOW = "a-zß-öø-ÿ\u0100-\u017f"
_TOKEN = rf"(?:Mc|Mac|O'|O’)?[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+)*"
# A nickname in quotes inside a name ('Thomas "Tom" Smith') is blanked before names are read.
_NICKNAME = re.compile(rf"(?<=[{_LOW}]) [\"“‘'][{_UP}][{_LOW}]+[\"”’'](?= [{_UP}])")
_NAME_RUN = re.compile(rf"(?<![\w'’]){_TOKEN}(?:[ \u00a0]+{_TOKEN})*")
_EMAIL = re.compile(r"\S+@\S+|www\.\S+|https?://\S+")


@dataclass(frozen=True)
class NameSpan:
    start: int                # offsets of the whole mention, honorifics and post-nominals included
    end: int
    name: str                 # the name without honorifics or post-nominals
    core_start: int = -1      # where the name itself begins (after any honorific)
    honorifics: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    known_first: bool = False
    core_end: int = -1        # where the name itself ends (before any post-nominal)

    @property
    def strong(self) -> bool:
        """Sure on its own: a title or letters after the name, or a first name we know."""
        if self.honorifics or self.suffixes:
            return True
        return self.known_first and self.name.split()[-1] not in PLACE_SURNAMES

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@lru_cache(maxsize=None)
def _detector():
    return _gender.Detector(case_sensitive=False)


def gender_of(first: str) -> Optional[str]:
    """'male' / 'female' when gender-guesser is sure enough of a first name, else None."""
    g = _detector().get_gender((first.split() or [""])[0])
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(g)


@lru_cache(maxsize=100_000)
def is_first_name(token: str) -> bool:
    """A first name in gender-guesser's list of about 40,000 names from many countries."""
    return _detector().get_gender(token) != "unknown"


@lru_cache(maxsize=None)
def stop_words() -> frozenset[str]:
    """Tokens that never belong to a person's name: role/theme labels plus place/org words."""
    words = set(_ORG_WORDS)
    for name in ("roles", "board-roles", "themes"):
        for c in scheme(name).concepts:
            for label in c.labels:
                for w in re.findall(r"[A-Za-z][A-Za-z'&-]*", label):
                    if w[0].isupper() and len(w) > 1:
                        words.add(w)
    return frozenset(words)


@lru_cache(maxsize=None)
def honorifics() -> tuple[str, ...]:
    """Longest first, so 'The Rt Hon' wins over 'Hon'."""
    extra = ("Cllr.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.")
    return tuple(sorted(set(aliases()["honorifics"]) | set(extra), key=len, reverse=True))


@lru_cache(maxsize=None)
def postnominals() -> frozenset[str]:
    return frozenset(aliases()["postnominals"])


# Honorifics that are really offices: 'Minister Jo Bloggs', 'Mayor Smith' (the caller turns them
# into role holdings).
OFFICE_TITLES = ("Minister", "Mayor")


def _leading_honorifics(text: str, start: int) -> tuple[int, tuple[str, ...]]:
    """Walk back over honorifics written before `start`; return the new start and the titles."""
    found: list[str] = []
    pos = start
    while True:
        before = text[:pos].rstrip(" \u00a0")
        for h in honorifics():
            if before.endswith(h) and (len(before) == len(h) or not before[-len(h) - 1].isalnum()):
                found.insert(0, h.rstrip("."))
                pos = len(before) - len(h)
                break
        else:
            return pos, tuple(found)


def _trailing_postnominals(text: str, end: int) -> tuple[int, tuple[str, ...]]:
    found: list[str] = []
    pos = end
    while True:
        m = re.match(r",?[ \u00a0]+([A-Z]{2,5})\b", text[pos:])
        if m and m.group(1) in postnominals():
            found.append(m.group(1))
            pos += m.end()
        else:
            return pos, tuple(found)


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a capitalised run at stop words; keep the pieces of two or more tokens."""
    pieces: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    stops = stop_words()
    for m in re.finditer(_TOKEN, text[start:end]):
        tok = m.group(0)
        s, e = start + m.start(), start + m.end()
        if tok in stops or tok in _FUNCTION_WORDS or tok.isupper():
            if cur:
                pieces.append((cur[0][0], cur[-1][1]))
            cur = []
            continue
        cur.append((s, e))
        if tok.endswith("'s"):          # a possessive ends the name: "Will Brown's Roadshows"
            pieces.append((cur[0][0], cur[-1][1]))
            cur = []
    if cur:
        pieces.append((cur[0][0], cur[-1][1]))
    # Long runs are titles or headings, not names.
    return [(s, e) for s, e in pieces if len(text[s:e].split()) <= 4]


def _masked(text: str) -> str:
    """Blank out e-mail addresses, URLs and quoted nicknames, keeping offsets."""
    text = _EMAIL.sub(lambda m: " " * len(m.group(0)), text)
    return _NICKNAME.sub(lambda m: " " * len(m.group(0)), text)


def clean_name(written: str) -> str:
    """The name as one line without a quoted nickname: 'Thomas "Tom" Smith' -> 'Thomas Smith'."""
    return " ".join(_NICKNAME.sub(" ", written).split())


def find_names(text: str) -> list[NameSpan]:
    """Every name-like span in `text`, with its honorifics and post-nominals, in text order.

    A lone surname after an honorific ('Mr Patel', 'Mayor Smith') is kept too: the title makes it
    a person.
    """
    masked = _masked(text)
    spans: list[NameSpan] = []
    for run in _NAME_RUN.finditer(masked):
        for s, e in _split_run(masked, run.start(), run.end()):
            # a possessive ('Will Brown's') is not part of the name
            if masked[s:e].endswith("'s"):
                e -= 2
            hstart, hon = _leading_honorifics(masked, s)
            pend, suf = _trailing_postnominals(masked, e)
            name = clean_name(text[s:e])
            if len(name.split()) == 1 and not hon:
                continue
            first = name.split()[0]
            spans.append(NameSpan(hstart, pend, name, s, hon, suf, is_first_name(first), e))
    return spans


@lru_cache(maxsize=50_000)
def strip_name(name: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """'Sir Tom Baker' -> ('Tom Baker', ('Sir',), ()); 'Ann Lyons-Smith CBE DL' -> suffixes."""
    spans = [s for s in find_names(name)]
    if spans:
        s = max(spans, key=lambda x: x.end - x.start)
        return s.name, s.honorifics, s.suffixes
    return name.strip(), (), ()
