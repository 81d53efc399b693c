"""The affiliation network (networkx): who is connected to whom, and through which facts.

Nodes are people, authorities and other organisations, boards and committees, interventions
(Directions, Inspections, Interventions) and documents. Edges carry the fact that makes them —
``fact`` (an IRI: a holding, a paragraph, a Direction), ``kind`` and, where there is one, the
``quote`` the fact was read from — so a path between two people is also its own evidence.

Edge kinds: ``holding`` (person–organisation, role held or board seat), ``mention`` (document–
entity, named in a paragraph), ``author`` / ``recipient`` (document–person or organisation),
``represents`` (board member–the group or body they sit for), ``part-of`` (board–authority), ``addressed-to`` (intervention–authority), ``source``
(intervention–document it was read from).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Iterator

import networkx as nx

from ontology.namespaces import sparql_prefixes

# node kind by rdf:type; the first match in this order wins
NODE_TYPES = (
    ("person", ("foaf:Person",)),
    ("board", ("bvkg:Board", "bvkg:Committee")),
    ("authority", ("bvkg:LocalAuthority",)),
    ("intervention", ("bvkg:Direction", "bvkg:Inspection", "bvkg:Intervention")),
    ("document", ("bvkg:Document", "bvkg:Letter", "bvkg:Report", "bvkg:DirectionsDocument",
                  "bvkg:Minutes", "bvkg:Statement")),
    ("organisation", ("org:Organization", "bvkg:GovernmentDepartment", "bvkg:Regulator", "bvkg:Auditor",
                      "bvkg:Association", "bvkg:PoliticalGroup", "bvkg:InterventionTeam")),
)

_NODES = """
SELECT DISTINCT ?n ?type ?label WHERE {
  ?n a ?type .
  VALUES ?type { %s }
  OPTIONAL { ?n rdfs:label ?l1 }
  OPTIONAL { ?n skos:prefLabel ?l2 }
  OPTIONAL { ?n foaf:name ?l3 }
  BIND(COALESCE(?l3, ?l2, ?l1, STR(?n)) AS ?label)
}"""

# each branch: ?a ?b the two ends, ?fact the fact IRI, ?kind, optional ?quote
_EDGES = """
SELECT DISTINCT ?a ?b ?kind ?fact ?quote WHERE {
  {
    ?fact org:member ?a ; org:organization ?b . BIND("holding" AS ?kind)
    OPTIONAL { ?fact bvkg:hasAttestation ?att . ?att prov:wasDerivedFrom ?q . ?q oa:hasSelector ?s . ?s oa:exact ?quote }
  } UNION {
    ?fact org:member ?a ; bvkg:represents ?b . BIND("represents" AS ?kind)
    OPTIONAL { ?fact bvkg:hasAttestation ?att . ?att prov:wasDerivedFrom ?q . ?q oa:hasSelector ?s . ?s oa:exact ?quote }
  } UNION {
    ?fact bvkg:mentions ?b ; dcterms:isPartOf ?a . BIND("mention" AS ?kind)
    OPTIONAL { ?fact rdf:value ?quote }
  } UNION {
    ?a dcterms:creator ?b . BIND("author" AS ?kind) BIND(?a AS ?fact)
  } UNION {
    ?a schema:recipient ?b . BIND("recipient" AS ?kind) BIND(?a AS ?fact)
  } UNION {
    ?a org:subOrganizationOf ?b . BIND("part-of" AS ?kind) BIND(?a AS ?fact)
  } UNION {
    ?a bvkg:addressedTo ?b . ?a a ?t . VALUES ?t { bvkg:Direction bvkg:Inspection bvkg:Intervention }
    BIND("addressed-to" AS ?kind) BIND(?a AS ?fact)
  } UNION {
    ?a a ?t . VALUES ?t { bvkg:Direction bvkg:Inspection bvkg:Intervention }
    ?a prov:wasDerivedFrom ?q . ?q oa:hasSource ?p . ?p dcterms:isPartOf ?b .
    BIND("source" AS ?kind) BIND(?p AS ?fact)
    OPTIONAL { ?q oa:hasSelector ?s . ?s oa:exact ?quote }
  }
}"""


def string_rows(store, sparql: str, names: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Answers as {variable: str(term)}, unbound left out. Streamed from an Oxigraph store (no list
    of every row as rdflib terms: at 1.5M triples the network's edge rows alone took about 130 MB)."""
    raw = getattr(store, "raw", None)
    if not callable(raw):
        for r in store.select(sparql).rows:
            yield {n: str(r[n]) for n in names if n in r}
        return
    from graph.store import query_oxigraph

    for sol in query_oxigraph(raw(), sparql):
        row = {}
        for n in names:
            t = sol[n]
            if t is not None:
                row[n] = t.value
        yield row


def affiliation_network(store) -> nx.Graph:
    """The network as an undirected networkx Graph; node attrs kind, label; edge attrs kind, fact, quote.

    Two nodes linked by several facts keep the first fact in sorted order on the edge and all of
    them in ``facts`` (space-separated IRIs), so GraphML/GEXF stay flat.
    """
    G = nx.Graph()
    kinds: dict[str, tuple[int, str, str]] = {}
    for rank, (kind, types) in enumerate(NODE_TYPES):
        for r in string_rows(store, sparql_prefixes() + _NODES % " ".join(types), ("n", "label")):
            iri = r["n"]
            cand = (rank, kind, r["label"])
            if iri not in kinds or cand < kinds[iri]:
                kinds[iri] = cand
    for iri, (_, kind, label) in sorted(kinds.items()):
        G.add_node(iri, kind=kind, label=label)
    # per node pair: the first (fact, kind, quote) in sorted order, and every fact IRI
    first: dict[tuple[str, str], tuple[str, str, str]] = {}
    facts: dict[tuple[str, str], set[str]] = {}
    for r in string_rows(store, sparql_prefixes() + _EDGES, ("a", "b", "kind", "fact", "quote")):
        a, b = r["a"], r["b"]
        if a == b or a not in kinds or b not in kinds:
            continue
        key = (a, b) if a < b else (b, a)
        cand = (r["fact"], r["kind"], r.get("quote", ""))
        if key not in first or cand < first[key]:
            first[key] = cand
        facts.setdefault(key, set()).add(cand[0])
    for (a, b), (fact, kind, quote) in sorted(first.items()):
        fs = facts[(a, b)]
        G.add_edge(a, b, kind=kind, fact=fact, quote=quote, facts=" ".join(sorted(fs)), weight=len(fs))
    return G


EXACT_BETWEENNESS_MAX_NODES = 3000   # above this, betweenness is estimated from a fixed sample of sources
BETWEENNESS_SAMPLE = 500


def centralities(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Degree and betweenness centrality (both normalised, networkx's definitions) per node.

    Exact betweenness is O(nodes x edges); on big graphs it is estimated from
    BETWEENNESS_SAMPLE source nodes chosen with a fixed seed, so the numbers stay reproducible.
    """
    degree = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    if len(G) > EXACT_BETWEENNESS_MAX_NODES:
        between = nx.betweenness_centrality(G, k=BETWEENNESS_SAMPLE, normalized=True, seed=42)
    else:
        between = nx.betweenness_centrality(G, normalized=True)
    return {n: {"degree": degree[n], "betweenness": between[n]} for n in G}


@dataclass(frozen=True)
class Step:
    """One hop of a connection: from → to, by a fact (with its kind and quoted words)."""
    source: str
    target: str
    kind: str
    fact: str
    quote: str


def shortest_connection(store, a_iri: str, b_iri: str, G: nx.Graph | None = None) -> list[Step]:
    """The shortest path between two entities, with the fact along each hop; [] when not connected.

    Among equally short paths the first in sorted order of node IRIs is returned, so the answer is
    stable. Raises KeyError for an IRI that is not a node of the network.
    """
    G = G if G is not None else affiliation_network(store)
    for iri in (a_iri, b_iri):
        if iri not in G:
            raise KeyError(f"{iri} is not in the affiliation network")
    try:
        paths = sorted(nx.all_shortest_paths(G, a_iri, b_iri))
    except nx.NetworkXNoPath:
        return []
    path = paths[0]
    steps = []
    for u, v in zip(path, path[1:]):
        e = G.edges[u, v]
        steps.append(Step(u, v, e["kind"], e["fact"], e["quote"]))
    return steps


def centrality_quads(store, graph_name: str, G: nx.Graph | None = None) -> list[tuple]:
    """bvkg:degreeCentrality / bvkg:betweennessCentrality of every node, as rdflib quads for the
    derived graph (the build may add them with ``store.add_quads``); values rounded to 6 places."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from ontology.namespaces import BVKG

    G = G if G is not None else affiliation_network(store)
    g = URIRef(graph_name)
    quads = []
    for n, c in sorted(centralities(G).items()):
        quads.append((URIRef(n), BVKG.degreeCentrality, Literal(f"{c['degree']:.6f}", datatype=XSD.decimal), g))
        quads.append((URIRef(n), BVKG.betweennessCentrality, Literal(f"{c['betweenness']:.6f}", datatype=XSD.decimal), g))
    return quads


def annotated_network(store) -> nx.Graph:
    """The network with ``degree_centrality``/``betweenness_centrality`` on every node: what the
    GraphML and GEXF files carry. Build it once for both (betweenness is the slow part at scale)."""
    G = affiliation_network(store)
    for n, c in centralities(G).items():
        G.nodes[n]["degree_centrality"] = round(c["degree"], 6)
        G.nodes[n]["betweenness_centrality"] = round(c["betweenness"], 6)
    return G


def write_graphml(store, out: BinaryIO, network: nx.Graph | None = None) -> None:
    nx.write_graphml(network if network is not None else annotated_network(store), out,
                     encoding="utf-8", prettyprint=True)


def write_gexf(store, out: BinaryIO, network: nx.Graph | None = None) -> None:
    nx.write_gexf(network if network is not None else annotated_network(store), out,
                  encoding="utf-8", prettyprint=True)
