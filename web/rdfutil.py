"""Small helpers every page needs: labels, dates, and the IRI <-> local path mapping.

The web layer reads the graph only through the store interface (graph/store.py); nothing here
parses documents. IRIs that reach a SPARQL string are checked by ``safe_iri`` first, because a
request path is user input.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from urllib.parse import quote as urlquote, unquote

import pyoxigraph
from rdflib.term import Literal, Node, URIRef

from ontology.namespaces import BVKG, ONTOLOGY_IRI, sparql_prefixes

PREFIXES = sparql_prefixes()
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {XSD + "date", XSD + "gYearMonth", XSD + "gYear", XSD + "dateTime"}

# An IRI goes into SPARQL as <...>; these characters could close it or break the parser.
_UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`\x00-\x1f]')


def safe_iri(iri: str) -> bool:
    """Safe to write as <iri> in SPARQL, and a valid IRI by the engine's own parser (RFC 3987):
    a lone '%', a second '#' or a control character is a 404, not a query the engine rejects."""
    if not iri or _UNSAFE_IRI.search(iri) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri) is None:
        return False
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        return False
    return True


def iri_ref(iri: str) -> str:
    """``<iri>`` for a SPARQL string; raises ValueError on anything that could inject."""
    if not safe_iri(str(iri)):
        raise ValueError(f"unsafe IRI {iri!r}")
    return f"<{iri}>"


def values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(iri_ref(i) for i in iris)} }}"


# ---------------------------------------------------------------- IRI <-> path

def local_href(iri: str, base: str) -> str:
    """Where this app shows an IRI: /id/... for our IRIs, /ontology#T for our terms, else /describe."""
    iri = str(iri)
    if iri.startswith(base + "id/"):
        return "/" + iri[len(base):]
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    return "/describe?iri=" + urlquote(iri, safe="")


def iri_for_path(rest: str, base: str) -> str:
    """/id/<rest> -> the IRI under the base (Flask hands the path already percent-decoded)."""
    return base + "id/" + unquote(rest)


def fallback_label(iri: str) -> str:
    """Last segment of an IRI in words, for nodes that carry no label."""
    tail = re.split(r"[/#]", str(iri).rstrip("/"))[-1]
    return tail.replace("-", " ") or str(iri)


def text_rows(store, sparql: str) -> list[dict[str, str]]:
    """A SELECT's rows as plain text, for pages that only print the values: read as SPARQL CSV,
    so no rdflib term is built per value (on large answers that cost more than the query).

    A variable unbound in a row, or bound to an empty string, is absent from its dict.
    """
    body, _ = store.query_bytes(sparql, "csv")
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    head = next(reader, [])
    return [{k: v for k, v in zip(head, row) if v != ""} for row in reader]


def labels(store, iris) -> dict[str, str]:
    """IRI -> the best label the graph has (rdfs:label, skos:prefLabel, foaf:name, dcterms:title)."""
    iris = sorted({str(i) for i in iris if isinstance(i, URIRef) and safe_iri(str(i))})
    out: dict[str, str] = {}
    rank = {"a": 0, "b": 1, "c": 2, "d": 3}
    best: dict[str, int] = {}
    for chunk in (iris[i:i + 400] for i in range(0, len(iris), 400)):
        q = PREFIXES + f"""SELECT DISTINCT ?s ?k ?l WHERE {{ {values('s', chunk)}
          {{ ?s rdfs:label ?l BIND("a" AS ?k) }} UNION {{ ?s skos:prefLabel ?l BIND("b" AS ?k) }}
          UNION {{ ?s foaf:name ?l BIND("c" AS ?k) }} UNION {{ ?s dcterms:title ?l BIND("d" AS ?k) }} }}"""
        for r in text_rows(store, q):
            s, k, label = r["s"], rank[r["k"]], r.get("l", "")
            if s not in best or k < best[s] or (k == best[s] and label < out[s]):
                best[s], out[s] = k, label
    return out


def types_of(store, iris) -> dict[str, set[str]]:
    iris = [str(i) for i in iris if safe_iri(str(i))]
    out: dict[str, set[str]] = {i: set() for i in iris}
    for chunk in (iris[i:i + 400] for i in range(0, len(iris), 400)):
        for r in store.select(f"SELECT DISTINCT ?s ?t WHERE {{ {values('s', chunk)} ?s a ?t }}").rows:
            out[str(r["s"])].add(str(r["t"]))
    return out


# ---------------------------------------------------------------- dates

@dataclass(frozen=True)
class When:
    """A date as the graph gives it, with its precision (day, month, year); never padded."""
    start: dt.date
    end: dt.date
    precision: str
    text: str

    def __lt__(self, other: "When") -> bool:
        return (self.start, self.end) < (other.start, other.end)


def parse_when(value) -> When | None:
    """'2024-11-25' / '2024-11' / '2024' (xsd:date, gYearMonth, gYear, dateTime) -> When."""
    s = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", s):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return When(d, d, "day", f"{d.day} {d:%B %Y}")
        if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
            y, mo = int(m[1]), int(m[2])
            return When(dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month",
                        dt.date(y, mo, 1).strftime("%B %Y"))
        if m := re.fullmatch(r"(\d{4})", s):
            y = int(m[1])
            return When(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y))
    except ValueError:
        return None
    return None


def is_date_literal(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in DATE_TYPES


def human_date(value) -> str:
    w = parse_when(value)
    return w.text if w else str(value)


_DUR = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def duration_words(value) -> str:
    m = _DUR.match(str(value))
    if not m:
        return str(value)
    parts = []
    for n, unit in zip(m.groups(), ("year", "month", "week", "day")):
        if n:
            parts.append(f"{int(n)} {unit}{'s' if int(n) != 1 else ''}")
    return ", ".join(parts) or str(value)


def add_duration(start: dt.date, value) -> dt.date | None:
    """date + xsd:duration (years, months, weeks, days); a month end clamps (31 Jan + P1M = 28/29 Feb)."""
    m = _DUR.match(str(value))
    if not m:
        return None
    y, mo, w, d = (int(g) if g else 0 for g in m.groups())
    months = start.month - 1 + mo + 12 * y
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(weeks=w, days=d)


# ---------------------------------------------------------------- words for types and predicates

TYPE_WORDS = {
    "http://xmlns.com/foaf/0.1/Person": "person",
    "https://schema.org/Person": "person",
    str(BVKG.LocalAuthority): "local authority",
    str(BVKG.GovernmentDepartment): "government department",
    str(BVKG.Regulator): "regulator",
    str(BVKG.Auditor): "auditor",
    str(BVKG.Association): "association",
    str(BVKG.PoliticalGroup): "political group",
    str(BVKG.Board): "board",
    str(BVKG.Committee): "committee",
    str(BVKG.InterventionTeam): "intervention team",
    "http://www.w3.org/ns/org#Organization": "organisation",
    "http://www.w3.org/ns/org#Post": "post",
    "http://www.w3.org/ns/org#Role": "role",
    str(BVKG.RoleHolding): "role holding",
    str(BVKG.Attestation): "attestation",
    str(BVKG.Capacity): "capacity",
    str(BVKG.Inspection): "inspection",
    str(BVKG.Intervention): "intervention",
    str(BVKG.Direction): "Direction",
    str(BVKG.DirectionItem): "Direction item",
    str(BVKG.Theme): "Best Value theme",
    str(BVKG.ThemeJudgement): "judgement on a theme",
    str(BVKG.Letter): "document (letter)",
    str(BVKG.Report): "document (report)",
    str(BVKG.DirectionsDocument): "document (Directions)",
    str(BVKG.Minutes): "document (minutes)",
    str(BVKG.Statement): "document (statement)",
    str(BVKG.Document): "document",
    str(BVKG.Paragraph): "paragraph",
    str(BVKG.LegislationProvision): "provision of legislation",
    str(BVKG.Citation): "citation of legislation",
    str(BVKG.Event): "event",
    str(BVKG.Meeting): "meeting",
    str(BVKG.Election): "election",
    str(BVKG.Appointment): "appointment",
    str(BVKG.Departure): "departure",
    str(BVKG.Rating): "rating",
    str(BVKG.Recommendation): "recommendation",
    "http://www.w3.org/2004/02/skos/core#Concept": "concept",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme": "concept scheme",
    "http://www.w3.org/2006/time#Instant": "point in time",
    "http://www.w3.org/2006/time#Interval": "time interval",
    "http://www.w3.org/ns/oa#SpecificResource": "quoted passage",
}
# Most specific first: the first word found names the entity.
_TYPE_ORDER = list(TYPE_WORDS)
DOCUMENT_TYPES = {str(BVKG[t]) for t in ("Letter", "Report", "DirectionsDocument", "Minutes", "Statement", "Document")}
EVENT_TYPES = {str(BVKG[t]) for t in ("Event", "Meeting", "Election", "Appointment", "Departure", "Rating",
                                      "Recommendation")}


def type_word(types) -> str:
    for t in _TYPE_ORDER:
        if t in types and t != "http://www.w3.org/2004/02/skos/core#Concept":
            return TYPE_WORDS[t]
    if "http://www.w3.org/2004/02/skos/core#Concept" in types:
        return "concept"
    return "resource" if not types else fallback_label(sorted(types)[0])


PREDICATE_WORDS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "is a",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
    "http://www.w3.org/2004/02/skos/core#prefLabel": "name",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also called",
    "http://www.w3.org/2004/02/skos/core#inScheme": "in scheme",
    "http://xmlns.com/foaf/0.1/name": "name",
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/date": "date",
    "http://purl.org/dc/terms/creator": "written or signed by",
    "http://purl.org/dc/terms/publisher": "published by",
    "http://purl.org/dc/terms/source": "source",
    "http://purl.org/dc/terms/license": "licence",
    "http://purl.org/dc/terms/hasPart": "has part",
    "http://purl.org/dc/terms/isPartOf": "part of",
    "http://purl.org/dc/terms/subject": "about",
    "http://purl.org/dc/terms/references": "refers to",
    "https://schema.org/recipient": "addressed to",
    "https://schema.org/ccRecipient": "copied to",
    "https://schema.org/honorificPrefix": "title",
    "https://schema.org/honorificSuffix": "honours",
    "http://www.w3.org/ns/org#member": "member",
    "http://www.w3.org/ns/org#organization": "organisation",
    "http://www.w3.org/ns/org#role": "role",
    "http://www.w3.org/ns/org#postIn": "post in",
    "http://www.w3.org/ns/org#memberDuring": "during",
    "http://www.w3.org/ns/org#hasMembership": "holds",
    "http://www.w3.org/ns/org#subOrganizationOf": "part of",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "evidence",
    "http://www.w3.org/2006/time#inside": "attested on",
    "http://www.w3.org/2006/time#hasBeginning": "began",
    "http://www.w3.org/2006/time#hasEnd": "ended",
    "http://www.w3.org/2006/time#hasTime": "on",
    "http://www.w3.org/2006/time#inXSDDate": "date",
    "http://www.w3.org/2006/time#inXSDgYearMonth": "month",
    "http://www.w3.org/2006/time#inXSDgYear": "year",
    str(BVKG.post): "post",
    str(BVKG.capacity): "capacity",
    str(BVKG.holderUnnamed): "holder not named",
    str(BVKG.roleAsWritten): "role as written",
    str(BVKG.hasAttestation): "attested by",
    str(BVKG.attestedOn): "attested on",
    str(BVKG.statedStart): "stated start",
    str(BVKG.statedEnd): "stated end",
    str(BVKG.leadFor): "lead for",
    str(BVKG.represents): "represents",
    str(BVKG.predecessor): "preceded by",
    str(BVKG.successor): "followed by",
    str(BVKG.foundBy): "found by rule",
    str(BVKG.statutoryBasis): "statutory basis",
    str(BVKG.status): "status",
    str(BVKG.powerCited): "power cited",
    str(BVKG.addressedTo): "addressed to",
    str(BVKG.hasItem): "has item",
    str(BVKG.itemLabel): "item",
    str(BVKG.requirement): "requires",
    str(BVKG.deadlineDuration): "within",
    str(BVKG.deadline): "deadline",
    str(BVKG.reportingInterval): "reports every",
    str(BVKG.reportsTo): "reports to",
    str(BVKG.inspector): "inspector",
    str(BVKG.assistantInspector): "assistant inspector",
    str(BVKG.submittedOn): "submitted on",
    str(BVKG.sentOn): "sent on",
    str(BVKG.initialDuration): "initially for",
    str(BVKG.theme): "theme",
    str(BVKG.judgement): "judgement",
    str(BVKG.number): "number",
    str(BVKG.anchor): "anchor",
    str(BVKG.position): "position",
    str(BVKG.blockKind): "kind of block",
    str(BVKG.startLine): "line",
    str(BVKG.mentions): "mentions",
    str(BVKG.sourceFile): "source file",
    str(BVKG.cites): "cites",
    str(BVKG.pinpoint): "pinpoint",
    str(BVKG.rating): "rating",
    str(BVKG.participant): "participant",
    str(BVKG.degreeCentrality): "degree centrality",
    str(BVKG.betweennessCentrality): "betweenness centrality",
}


def qname(iri: str) -> str | None:
    """'http://xmlns.com/foaf/0.1/Person' -> 'foaf:Person' when a known prefix fits."""
    from ontology.namespaces import PREFIXES as NS
    for prefix, ns in NS.items():
        if str(iri).startswith(ns) and len(str(iri)) > len(ns):
            return prefix + ":" + str(iri)[len(ns):]
    return None


def predicate_word(p: str) -> str:
    return PREDICATE_WORDS.get(str(p)) or fallback_label(p)
