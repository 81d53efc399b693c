"""Which name mentions are the same person: within a document, then across the corpus.

A key is the canonical full name without honorifics or post-nominals ('Stephen Brown').
Within a document, 'Mr Brown' or 'Mayor Smith' joins the one person with that surname, and
'Ann Lyons Smith' is 'Ann Lyons-Smith' (hyphens and spaces do not separate a surname).
Across documents, the same surname plus an equivalent first name (aliases.yaml
first_name_equivalents: Steve ~ Stephen) is one person; the fullest formal form is the key.
Different first names stay apart (Sam Khan is not Saqib Khan), and so do different
surnames (Steve Baker is not Steve Brown). Holding.person is rewritten to the key, so later
stages mint one IRI per person.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from nameparser import HumanName

from ingest.model import DocumentFacts
from ingest.names import strip_name


@lru_cache(maxsize=None)
def _first_classes() -> dict[str, tuple[str, ...]]:
    """lower-cased first name -> its equivalence class (the formal form first)."""
    from ontology.vocab import aliases

    out: dict[str, tuple[str, ...]] = {}
    for group in aliases().get("first_name_equivalents", []):
        cls = tuple(group)
        for n in group:
            out[n.lower()] = cls
    return out


@lru_cache(maxsize=50_000)
def parts(name: str) -> tuple[str, str]:
    """(first names, surname) of a bare name; the surname is everything after the first given name."""
    bare, _, _ = strip_name(name)
    toks = bare.split()
    if len(toks) == 1:
        return "", toks[0]
    h = HumanName(bare)
    first = h.first or toks[0]
    if not bare.startswith(first):
        first = toks[0]
    return first, bare[len(first):].strip()


def surname_key(surname: str) -> str:
    """'Lyons-Smith' and 'Lyons Smith' give one key."""
    return re.sub(r"[\s\-'’.]", "", surname).lower()


def same_surname(a: str, b: str) -> bool:
    """'Lyons-Smith' = 'Lyons Smith'; a middle name kept with the surname ('Jane Smith' for Mary Jane
    Smith) still meets the bare surname ('Smith')."""
    ka, kb = surname_key(a), surname_key(b)
    if ka == kb:
        return True
    ta, tb = a.split(), b.split()
    if not ta or not tb or surname_key(ta[-1]) != surname_key(tb[-1]):
        return False
    return len(ta) != len(tb)


def first_compatible(a: str, b: str) -> bool:
    """Same first name, an equivalent one (Steve ~ Stephen) or an initial of it."""
    # 'Abu Talha' meets 'Abu': the first given name decides
    a, b = (a.split() or [""])[0].lower().rstrip("."), (b.split() or [""])[0].lower().rstrip(".")
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    ca, cb = _first_classes().get(a), _first_classes().get(b)
    return bool(ca and ca == cb)


def _title(name: str) -> str:
    """A name known only in capitals ('JO BLOGGS') is keyed in its usual case ('Jo Bloggs')."""
    if not name.isupper():
        return name
    h = HumanName(name)
    h.capitalize(force=True)
    return str(h)


def _preference(name: str) -> tuple:
    """Fuller and more formal wins: a formal first name, a hyphenated surname, more tokens, length."""
    first, surname = parts(name)
    cls = _first_classes().get(first.lower())
    formal = bool(cls) and cls[0].lower() == first.lower()
    return (bool(first), not name.isupper(), formal or not cls, "-" in surname, len(name.split()), len(name), name)


def cluster(names: Iterable[str]) -> dict[str, str]:
    """Written (bare) name -> canonical name, merging variants of one person.

    A surname alone joins the single full name with that surname; when two people share it, the
    surname alone stays on its own (never guessed).
    """
    bare = sorted({strip_name(n)[0] for n in names if n and n.strip()})
    full = [n for n in bare if parts(n)[0]]
    groups: list[list[str]] = []
    index: dict[tuple[str, str], list[int]] = {}
    for n in sorted(full, key=_preference, reverse=True):
        f, s = parts(n)
        for i in _candidates(index, s):
            gf, gs = parts(groups[i][0])
            if same_surname(gs, s) and first_compatible(gf, f):
                groups[i].append(n)
                break
        else:
            for k in _surname_keys(s):
                index.setdefault(k, []).append(len(groups))
            groups.append([n])
    out: dict[str, str] = {}
    for g in groups:
        canon = _title(max(g, key=_preference))
        for n in g:
            out[n] = canon
    by_key: dict[tuple[str, str], list[str]] = {}
    for m in full:
        for k in _surname_keys(parts(m)[1]):
            by_key.setdefault(k, []).append(m)
    for n in bare:
        if n in out:
            continue
        own = parts(n)[1]
        owners = {out[m] for k in _surname_keys(own) for m in by_key.get(k, ()) if same_surname(parts(m)[1], own)}
        out[n] = owners.pop() if len(owners) == 1 else n
    return out


def _surname_keys(surname: str) -> set[tuple[str, str]]:
    """Keys under which two surnames can match (same_surname needs the whole or the last word equal)."""
    words = surname.split()
    keys = {("whole", surname_key(surname))}
    if words:
        keys.add(("last", surname_key(words[-1])))
    return keys


def _candidates(index: dict[tuple[str, str], list[int]], surname: str) -> list[int]:
    """Groups whose surname may match, in the order they were made: the groups same_surname can
    accept, so the first match is the one a scan of every group finds (a corpus-wide scan grew
    with the square of the people named)."""
    found: set[int] = set()
    for k in _surname_keys(surname):
        found.update(index.get(k, ()))
    return sorted(found)


def _apply(facts: DocumentFacts, mapping: dict[str, str]) -> None:
    def key(name: Optional[str]) -> Optional[str]:
        if not name:
            return name
        bare = strip_name(name)[0]
        return mapping.get(bare, bare)

    for pm in facts.people:
        pm.key = key(pm.key or pm.name)
    for h in facts.holdings:
        h.person = key(h.person)


def resolve_document(facts: DocumentFacts) -> None:
    """Set PersonMention.key and rewrite Holding.person to the document-level canonical name."""
    names = [pm.name for pm in facts.people] + [h.person for h in facts.holdings if h.person]
    mapping = cluster(names)
    _apply(facts, mapping)
    _shared_surnames(facts, mapping)
    _merge_holdings(facts)


_MALE_TITLES, _FEMALE_TITLES = {"Mr", "Sir", "Lord", "Baron"}, {"Mrs", "Ms", "Miss", "Dame", "Lady", "Baroness"}


def _shared_surnames(facts: DocumentFacts, mapping: dict[str, str]) -> None:
    """'Mr Khan' where the document names two Khans: the one the title fits (Mr / Ms by first
    name), else the one named most recently before the mention. Holdings follow the mention."""
    from ingest.names import gender_of

    order = {b.anchor: i for i, b in enumerate(facts.document.blocks)}
    full = [(order.get(pm.evidence.anchor, 0), pm.evidence.start, pm.key) for pm in facts.people
            if pm.key and parts(pm.key)[0]]
    remap: dict[tuple[str, int], str] = {}
    for pm in facts.people:
        if not pm.key or parts(pm.key)[0]:
            continue
        cands = {k for _, _, k in full if same_surname(parts(k)[1], pm.key)}
        if len(cands) < 2:
            continue
        want = "male" if set(pm.honorifics) & _MALE_TITLES else "female" if set(pm.honorifics) & _FEMALE_TITLES else None
        if want:
            fit = {k for k in cands if gender_of(parts(k)[0]) == want}
            if len(fit) == 1:
                cands = fit
        if len(cands) > 1:
            here = (order.get(pm.evidence.anchor, 0), pm.evidence.start)
            before = [(p, s, k) for p, s, k in full if k in cands and (p, s) < here]
            cands = {max(before)[2]} if before else cands
        if len(cands) == 1:
            remap[(pm.evidence.anchor, pm.evidence.start)] = next(iter(cands))
    for pm in facts.people:
        key = remap.get((pm.evidence.anchor, pm.evidence.start))
        if key:
            old, pm.key = pm.key, key
            for h in facts.holdings:
                if h.person == old and h.evidence.anchor == pm.evidence.anchor and \
                        h.evidence.start <= pm.evidence.start < h.evidence.end:
                    h.person = key


def resolve_corpus(all_facts: list[DocumentFacts]) -> dict[str, str]:
    """Merge people across documents; returns the mapping used (document key -> corpus key)."""
    keys = [pm.key or pm.name for f in all_facts for pm in f.people]
    keys += [h.person for f in all_facts for h in f.holdings if h.person]
    # a surname alone is only resolved inside its own document: across documents it may be anyone
    full_keys = [k for k in keys if parts(k)[0]]
    mapping = cluster(full_keys)
    for f in all_facts:
        _apply(f, mapping)
        _merge_holdings(f)
    return mapping


def _merge_holdings(facts: DocumentFacts) -> None:
    """Two holdings of one person, role and organisation in a document become one with both quotes."""
    out, index = [], {}
    for h in facts.holdings:
        if h.person is None:
            out.append(h)
            continue
        k = (h.person, h.role, h.organisation, h.org_kind, h.represents, h.lead_for)
        if k in index:
            first = index[k]
            first.extra_evidence.extend([h.evidence, *h.extra_evidence])
            first.capacity = first.capacity or h.capacity
            first.start = first.start or h.start
            first.end = first.end or h.end
            first.attested = first.attested or h.attested
            continue
        index[k] = h
        out.append(h)
    facts.holdings[:] = out
