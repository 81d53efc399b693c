"""A small picture of an entity's neighbourhood: the entities one hop away, radially, as SVG.

Intermediate fact nodes are looked through, so a person links to the authority and post of their
holding rather than to the holding node, and a paragraph that mentions the entity links its document.
"""
from __future__ import annotations

import math

from rdflib.term import URIRef

from web.rdfutil import PREFIXES, fallback_label, iri_ref, labels, local_href

MAX_NODES = 14
SIZE = 420


_SKIP = """FILTER NOT EXISTS {{ ?n a ?skip
           VALUES ?skip {{ bvkg:RoleHolding bvkg:Attestation oa:SpecificResource time:Instant time:Interval
                          bvkg:Paragraph org:Membership }} }}"""
# How a neighbour is reached, in the order the picture fills up; each starts from the entity ({ref}).
_BRANCHES = (
    "{ref} ?p ?n . FILTER(isIRI(?n) && ?p != rdf:type) " + _SKIP + " BIND(?p AS ?how)",
    "?n ?p {ref} . FILTER(isIRI(?n)) " + _SKIP + " BIND(?p AS ?how)",
    # the type is tested with FILTER EXISTS: a `?h a bvkg:RoleHolding` pattern is where the engine
    # would start (every holding in the graph), and a VALUES list of predicates would be joined first
    """?h ?p1 {ref} . FILTER EXISTS {{ ?h a bvkg:RoleHolding }} ?h ?how ?n .
       FILTER(?how IN (org:member, org:organization, bvkg:post, org:role) && ?n != {ref})""",
    "?para bvkg:mentions {ref} ; dcterms:isPartOf ?n . BIND(bvkg:mentions AS ?how)",
)
ROW_LIMIT = 200


def neighbours(store, iri: str) -> list[tuple[str, str]]:
    """(neighbour IRI, how it is linked) pairs, intermediate nodes looked through.

    One small query per branch, in order, until ROW_LIMIT distinct (neighbour, link) rows: as one
    UNION the engine was free to plan the branches together and read every holding of the graph.
    """
    ref = iri_ref(iri)
    rows: dict[tuple[str, str], None] = {}
    for branch in _BRANCHES:
        if len(rows) >= ROW_LIMIT:
            break
        q = PREFIXES + f"SELECT DISTINCT ?n ?how WHERE {{ {branch.format(ref=ref)} }} LIMIT {ROW_LIMIT}"
        for r in store.select(q).rows:
            if len(rows) < ROW_LIMIT:
                rows.setdefault((str(r["n"]), str(r["how"])), None)
    seen, out = set(), []
    for n, how in rows:
        if n in seen or n == iri or n.startswith("http://www.w3.org/") or n.startswith("https://w3id.org/bvkg/ontology"):
            continue
        seen.add(n)
        out.append((n, how))
    return out


def layout(store, iri: str, base: str) -> dict | None:
    ns = neighbours(store, iri)[:MAX_NODES]
    if not ns:
        return None
    labs = labels(store, [URIRef(iri)] + [URIRef(n) for n, _ in ns])
    c = SIZE / 2
    r = SIZE / 2 - 70
    nodes = []
    for i, (n, _how) in enumerate(ns):
        a = 2 * math.pi * i / len(ns) - math.pi / 2
        x, y = c + r * math.cos(a), c + r * math.sin(a)
        label = labs.get(n) or fallback_label(n)
        nodes.append({"x": round(x, 1), "y": round(y, 1), "label": label if len(label) <= 28 else label[:26] + "…",
                      "full": label, "href": local_href(n, base),
                      "anchor": "start" if x > c + 5 else ("end" if x < c - 5 else "middle"),
                      "tx": round(x + (8 if x > c + 5 else -8 if x < c - 5 else 0), 1),
                      "ty": round(y + (16 if abs(x - c) <= 5 and y > c else -10 if abs(x - c) <= 5 else 4), 1)})
    centre = labs.get(iri) or fallback_label(iri)
    return {"size": SIZE, "c": c, "nodes": nodes, "centre": centre if len(centre) <= 30 else centre[:28] + "…",
            "centre_full": centre}
