"""Build-time consolidation: what only the whole corpus can say, written into the derived graph.

Holdings already consolidate by construction (docs/decisions/0001): every document that attests
one person in one post writes into the same holding node. Here we add, in `<base>graph/derived`:

- an interval for every holding, ``time:inside`` each attestation date and ``time:hasBeginning``
  / ``time:hasEnd`` for each stated start / end (never an invented one);
- ``bvkg:predecessor`` / ``bvkg:successor`` between holdings of one single-holder post
  (``holders: one`` in ontology/vocab) when their order is known from the dates;
- inverse links: ``org:hasMembership`` (person and organisation -> holding), ``org:hasMember``,
  ``org:holds`` / ``org:heldBy`` (person <-> post);
- ``rdf:type`` closure over the ontology's ``rdfs:subClassOf`` (``?x a org:Organization`` finds
  every LocalAuthority).

Queries run on the union through the Store interface; results are added with ``add_quads``.
Everything is derived from sorted query results, so the same data gives the same triples.
"""
from __future__ import annotations

import bisect
import calendar
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

import yaml
from rdflib import URIRef
from rdflib.namespace import RDF

from ontology import vocab
from ontology.iris import Minter
from ontology.namespaces import BVKG, ORG, TIME, sparql_prefixes

_INTERVAL_SUFFIX = "/interval"


def derived_graph_name(base: str) -> str:
    return Minter(base).base + "graph/derived"


def vocab_graph_name(base: str) -> str:
    return Minter(base).base + "graph/vocab"


@dataclass
class ConsolidationStats:
    intervals: int = 0
    inside: int = 0
    successions: int = 0
    inverses: int = 0
    types: int = 0
    triples: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"derived {self.triples} triples: {self.intervals} new intervals, {self.inside} dated attestations, "
                f"{self.successions} successions, {self.inverses} inverse links, {self.types} inferred types")


def consolidate(store, base: str) -> ConsolidationStats:
    """Compute the derived triples over the store's union and add them to the derived graph."""
    graph = URIRef(derived_graph_name(base))
    stats = ConsolidationStats()
    triples: set[tuple] = set()
    triples |= _intervals(store, stats)
    triples |= _successions(store, base, stats)
    triples |= _inverses(store, stats)
    triples |= _type_closure(store, stats)
    stats.triples = store.add_quads((s, p, o, graph) for s, p, o in sorted(triples))
    return stats


def _sel(store, body: str):
    return store.select(sparql_prefixes() + body).rows


# ---------------------------------------------------------------- intervals

def _intervals(store, stats: ConsolidationStats) -> set[tuple]:
    """Each holding's interval is time:inside every attestation date and begins/ends where stated."""
    out: set[tuple] = set()
    existing = {r["h"]: r["i"] for r in _sel(store, "SELECT ?h ?i WHERE { ?h a bvkg:RoleHolding ; org:memberDuring ?i }")}
    holdings = [r["h"] for r in _sel(store, "SELECT ?h WHERE { ?h a bvkg:RoleHolding }")]
    for h in sorted(set(holdings)):
        if h not in existing:
            # the contract's interval IRI: the holding's own IRI + /interval (deterministic)
            i = URIRef(str(h) + _INTERVAL_SUFFIX)
            existing[h] = i
            out |= {(h, ORG.memberDuring, i), (i, RDF.type, TIME.Interval)}
            stats.intervals += 1
    have = {(r["i"], r["p"], r["t"]) for r in _sel(store, """
        SELECT ?i ?p ?t WHERE { ?h a bvkg:RoleHolding ; org:memberDuring ?i .
                                ?i ?p ?t . VALUES ?p { time:inside time:hasBeginning time:hasEnd } }""")}
    for r in _sel(store, """
        SELECT ?h ?p ?t WHERE {
            ?h a bvkg:RoleHolding ; bvkg:hasAttestation ?a .
            { ?a bvkg:attestedOn ?t BIND(time:inside AS ?p) }
            UNION { ?a bvkg:statedStart ?t BIND(time:hasBeginning AS ?p) }
            UNION { ?a bvkg:statedEnd ?t BIND(time:hasEnd AS ?p) } }"""):
        t = (existing[r["h"]], r["p"], r["t"])
        if t not in have:
            out.add(t)
            have.add(t)
            if r["p"] == TIME.inside:
                stats.inside += 1
    return out


# ---------------------------------------------------------------- successions

@dataclass
class _Span:
    """What the dates say about one holding: earliest possible day it is known held, latest."""
    lo: date | None = None   # lower bound of the earliest date (start or attestation)
    hi: date | None = None   # upper bound of the latest date (end or attestation)

    def add(self, d: tuple[date, date]) -> None:
        self.lo = d[0] if self.lo is None else min(self.lo, d[0])
        self.hi = d[1] if self.hi is None else max(self.hi, d[1])


def _date_range(text: str) -> tuple[date, date] | None:
    """'2024' / '2024-10' / '2024-10-15' -> the first and last day it can mean."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:Z|[+-]\d{2}:\d{2})?$", text.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return date(y, 1, 1), date(y, 12, 31)
    mo = int(mo)
    if d is None:
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    return date(y, mo, int(d)), date(y, mo, int(d))


def single_holder_roles(base: str) -> set[URIRef]:
    """Role IRIs marked ``holders: one`` in ontology/vocab/*.yaml (data, not code)."""
    minter, out = Minter(base), set()
    for name in ("roles", "board-roles"):
        with open(vocab.VOCAB_DIR / f"{name}.yaml", encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        out |= {minter.role(c["id"]) for c in data["concepts"] if c.get("holders") == "one"}
    return out


def _successions(store, base: str, stats: ConsolidationStats) -> set[tuple]:
    """predecessor/successor between consecutive holdings of a single-holder post, when dates order them.

    H1 comes before H2 when everything known of H1 (attestations, stated end) ends before
    anything known of H2 (stated start, attestations) begins. Unnamed holders are left out: an
    unnamed holder may be one of the named ones.
    """
    singles = single_holder_roles(base)
    rows = _sel(store, """
        SELECT ?h ?post ?role ?d WHERE {
            ?h a bvkg:RoleHolding ; bvkg:post ?post ; org:role ?role ; org:member ?person .
            OPTIONAL {
                { ?h bvkg:hasAttestation/(bvkg:attestedOn|bvkg:statedStart|bvkg:statedEnd) ?t }
                UNION { ?h org:memberDuring/(time:inside|time:hasBeginning|time:hasEnd) ?t }
                OPTIONAL { ?t time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?lit }
                BIND(COALESCE(STR(?lit), REPLACE(STR(?t), "^.*/", "")) AS ?d) } }""")
    by_post: dict[URIRef, dict[URIRef, _Span]] = {}
    for r in rows:
        if r["role"] not in singles:
            continue
        span = by_post.setdefault(r["post"], {}).setdefault(r["h"], _Span())
        rng = _date_range(str(r["d"])) if "d" in r else None
        if rng:
            span.add(rng)
    out: set[tuple] = set()
    for post in sorted(by_post):
        spans = {h: (s.lo, s.hi) for h, s in by_post[post].items() if s.lo is not None}
        for a, b in consecutive(spans):
            out |= {(b, BVKG.predecessor, a), (a, BVKG.successor, b)}
            stats.successions += 1
    return out


def consecutive(spans: dict) -> list[tuple]:
    """Pairs (a, b) of spans (lo, hi) where a ends before b begins and no span lies wholly between.

    Some c lies between a and b when a ends before c begins and c ends before b begins, so a is
    next before b when it ends no earlier than the latest start among b's predecessors. With the
    spans sorted by end, b's predecessors are a prefix of that order (found by bisection) and the
    latest start among them a running maximum: a post's cost is its holdings times log of them,
    plus the pairs (a scan of every holding per holding grew with the square of a post's holdings).
    Pairs come in key order of b, then of a.
    """
    by_end = sorted(spans, key=lambda k: spans[k][1])
    ends = [spans[k][1] for k in by_end]
    latest = list(itertools.accumulate((spans[k][0] for k in by_end), max))
    pairs = []
    for b in sorted(spans):
        n = bisect.bisect_left(ends, spans[b][0])   # by_end[:n] end before b begins
        if n:
            first = bisect.bisect_left(ends, latest[n - 1], 0, n)
            pairs += [(a, b) for a in sorted(by_end[first:n])]
    return pairs


# ---------------------------------------------------------------- inverses and types

_INVERSES = """
CONSTRUCT {
    ?person org:hasMembership ?h . ?org org:hasMembership ?h . ?org org:hasMember ?person .
    ?person org:holds ?post . ?post org:heldBy ?person .
} WHERE {
    ?h a bvkg:RoleHolding .
    OPTIONAL { ?h org:member ?person }
    OPTIONAL { ?h org:organization ?org }
    OPTIONAL { ?h bvkg:post ?post }
}"""


def _inverses(store, stats: ConsolidationStats) -> set[tuple]:
    g = store.construct(sparql_prefixes() + _INVERSES)
    out = set(g)
    stats.inverses = len(out)
    return out


def _type_closure(store, stats: ConsolidationStats) -> set[tuple]:
    """rdf:type for every named superclass the ontology gives (rdfs:subClassOf*, IRIs only).

    The class hierarchy is small: its closure is read once, and the typed nodes are joined with
    it here, not by a property path walked again for every typed node in the store.
    """
    supers: dict = {}
    for r in _sel(store, """
        SELECT DISTINCT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super . FILTER(isIRI(?super) && ?super != ?c) }"""):
        supers.setdefault(r["c"], set()).add(r["super"])
    out: set[tuple] = set()
    if supers:
        classes = set(supers) | set().union(*supers.values())
        if not all(isinstance(c, URIRef) for c in classes):
            return _type_closure_by_path(store, stats)   # a blank-node class cannot be written in VALUES
        values = " ".join(c.n3() for c in sorted(classes))
        types: dict = {}
        for r in _sel(store, f"SELECT ?x ?c WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }}"):
            types.setdefault(r["x"], set()).add(r["c"])
        out = {(x, RDF.type, s) for x, cs in types.items() for c in cs for s in supers.get(c, ()) if s not in cs}
    stats.types = len(out)
    return out


def _type_closure_by_path(store, stats: ConsolidationStats) -> set[tuple]:
    """The same closure as one SPARQL property-path query (for hierarchies with blank-node classes)."""
    rows = _sel(store, """
        SELECT DISTINCT ?x ?super WHERE {
            ?x a ?c . ?c rdfs:subClassOf+ ?super .
            FILTER(isIRI(?super) && ?super != ?c)
            FILTER NOT EXISTS { ?x a ?super } }""")
    out = {(r["x"], RDF.type, r["super"]) for r in rows}
    stats.types = len(out)
    return out
