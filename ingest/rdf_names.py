"""Names and literals for the RDF writer: authority short names, known organisations, provisions,
concept labels and person-name clean-up. Pure functions over the vocab data (ontology/vocab/*.yaml).
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from rdflib import Literal, URIRef

from ingest.model import PartialDate
from ontology import vocab
from ontology.namespaces import LEG, XSD

def date_literal(d: PartialDate) -> Literal:
    """'2024-11-12'^^xsd:date, '2024-10'^^xsd:gYearMonth or '2016'^^xsd:gYear: never padded."""
    dt = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[d.precision]
    return Literal(d.iso(), datatype=dt)


def authority_short_name(name: str) -> str:
    """'London Borough of Northshire' -> 'Northshire' (affixes from ontology/vocab/aliases.yaml)."""
    affixes = vocab.aliases().get("authority_name_affixes", {})
    s = re.sub(r"\s+", " ", name).strip()
    changed = True
    while changed:
        changed = False
        for p in sorted(affixes.get("prefixes", []), key=len, reverse=True):
            if s.lower().startswith(p.lower() + " ") and len(s) > len(p) + 1:
                s, changed = s[len(p) + 1:].strip(), True
        for x in sorted(affixes.get("suffixes", []), key=len, reverse=True):
            if s.lower().endswith(" " + x.lower()) and len(s) > len(x) + 1:
                s, changed = s[: -len(x) - 1].strip(), True
    return s


def canonical_org(name: str) -> tuple[str, Optional[str], Optional[str]]:
    """(canonical name, kind, abbreviation) for a known organisation variant, else (name, None, None)."""
    low = name.strip().lower()
    for org in vocab.aliases().get("organisations", []):
        forms = [org["name"], *(org.get("variants") or [])] + ([org["abbreviation"]] if org.get("abbreviation") else [])
        if low in (f.lower() for f in forms):
            return org["name"], org.get("kind"), org.get("abbreviation")
    return name.strip(), None, None


def provision_iri(act_id: str, section: Optional[str] = None, part: Optional[str] = None) -> URIRef:
    if section:
        return LEG[f"{act_id}/section/{section}"]
    if part:
        return LEG[f"{act_id}/part/{part}"]
    return LEG[act_id]


def act_title(act_id: str) -> str:
    for act in vocab.legislation():
        if act["id"] == act_id:
            return act["title"]
    return act_id


def concept_label(scheme_names: Iterable[str], concept_id: str) -> str:
    for name in scheme_names:
        try:
            return vocab.scheme(name).get(concept_id).pref_label
        except KeyError:
            continue
    return concept_id.replace("-", " ").capitalize()


def concept_kind(role_id: str) -> Optional[str]:
    for name in ("roles", "board-roles"):
        try:
            return vocab.scheme(name).get(role_id).kind
        except KeyError:
            continue
    return None


def role_labels() -> set[str]:
    return {lab.lower() for name in ("roles", "board-roles") for c in vocab.scheme(name).concepts for lab in c.labels}


def strip_honorifics(name: str) -> str:
    """'Minister Ann Example' -> 'Ann Example'; 'Cllr Tom Birch' -> 'Tom Birch'."""
    hons = sorted(vocab.aliases().get("honorifics", []), key=len, reverse=True)
    s, changed = name.strip(), True
    while changed:
        changed = False
        for h in hons:
            if s.lower().startswith(h.lower() + " "):
                s, changed = s[len(h) + 1:].strip(), True
    return s


def bare_name(name: str) -> str:
    """'Sir Tom Birch' -> 'Tom Birch'; 'Jo Bell-Smith CBE DL' -> 'Jo Bell-Smith'.
    Only for a name no mention resolved: resolution's key always wins."""
    post = {p.lower() for p in vocab.aliases().get("postnominals", [])}
    words = strip_honorifics(name).split()
    while len(words) > 2 and words[-1].strip(",").lower() in post:
        words.pop()
    return " ".join(words).strip(" ,") or name.strip()


def looks_person_name(s: str) -> bool:
    words = s.split()
    return 1 < len(words) <= 5 and all(re.fullmatch(r"[A-Z][A-Za-z'’.\-]*", w) for w in words) \
        and not any(lab in s.lower() for lab in role_labels())
