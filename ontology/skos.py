"""The vocabularies as RDF: SKOS concept schemes from ontology/vocab/*.yaml, legislation
provisions with legislation.gov.uk identifier URIs, and the OWL ontology itself.

graph/ puts both graphs into the vocab named graph at build time; the data files stay the one
place a role, theme, capacity or Act is defined.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ontology import ONTOLOGY_TTL, vocab
from ontology.iris import Minter
from ontology.namespaces import BVKG, DCTERMS, LEG, ORG, RDF, RDFS, SKOS

# Extra classes each scheme's concepts carry besides skos:Concept.
_SCHEME_TYPES: dict[str, tuple[URIRef, ...]] = {
    "roles": (ORG.Role,),
    "board-roles": (ORG.Role,),
    "capacities": (BVKG.Capacity,),
    "themes": (BVKG.Theme,),
}


def ontology_graph() -> Graph:
    """bvkg.ttl parsed; a fresh graph each call so callers may add to it."""
    g = Graph()
    g.parse(ONTOLOGY_TTL, format="turtle")
    return g


def provision_iri(path: str) -> URIRef:
    """'ukpga/1999/27/section/15' -> <http://www.legislation.gov.uk/id/ukpga/1999/27/section/15>."""
    return LEG[path.strip("/")]


def _concept_iri(minter: Minter, scheme_name: str, concept_id: str) -> URIRef:
    if scheme_name == "themes":
        return minter.theme(concept_id)
    if scheme_name == "capacities":
        return minter.capacity(concept_id)
    return minter.role(concept_id)  # roles and board roles share one /id/role/ space


def _add_scheme(g: Graph, minter: Minter, scheme_name: str) -> None:
    sch = vocab.scheme(scheme_name)
    scheme_iri = minter.scheme(sch.id)
    g.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
    g.add((scheme_iri, SKOS.prefLabel, Literal(sch.label, lang="en")))
    g.add((scheme_iri, RDFS.label, Literal(sch.label, lang="en")))
    for c in sch.concepts:
        iri = _concept_iri(minter, scheme_name, c.id)
        g.add((iri, RDF.type, SKOS.Concept))
        for cls in _SCHEME_TYPES[scheme_name]:
            g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.inScheme, scheme_iri))
        g.add((iri, SKOS.prefLabel, Literal(c.pref_label, lang="en")))
        g.add((iri, RDFS.label, Literal(c.pref_label, lang="en")))
        g.add((iri, SKOS.notation, Literal(c.id)))
        for alt in dict.fromkeys(c.alt_labels):  # a label repeated in the YAML is one triple
            if alt != c.pref_label:
                g.add((iri, SKOS.altLabel, Literal(alt, lang="en")))
        if c.broader:
            broader = _concept_iri(minter, scheme_name, sch.get(c.broader).id)  # KeyError on a dangling id
            g.add((iri, SKOS.broader, broader))
            g.add((broader, SKOS.narrower, iri))
        else:
            g.add((scheme_iri, SKOS.hasTopConcept, iri))
            g.add((iri, SKOS.topConceptOf, scheme_iri))
        if c.statutory_basis:
            g.add((iri, BVKG.statutoryBasis, provision_iri(c.statutory_basis)))


def legislation_graph() -> Graph:
    """Each Act and listed provision as a bvkg:LegislationProvision labelled as people cite it."""
    g = Graph()
    for act in vocab.legislation():
        act_iri = provision_iri(act["id"])
        g.add((act_iri, RDF.type, BVKG.LegislationProvision))
        g.add((act_iri, RDFS.label, Literal(act["title"], lang="en")))
        g.add((act_iri, DCTERMS.title, Literal(act["title"], lang="en")))
        for alias in act.get("aliases") or ():
            g.add((act_iri, SKOS.altLabel, Literal(alias, lang="en")))
        for prov in act.get("provisions") or ():
            if "section" in prov:
                iri = provision_iri(f"{act['id']}/section/{prov['section']}")
                label = f"{act['title']}, section {prov['section']}"
            else:
                iri = provision_iri(f"{act['id']}/part/{prov['part']}")
                label = f"{act['title']}, Part {prov['part']}"
            g.add((iri, RDF.type, BVKG.LegislationProvision))
            g.add((iri, RDFS.label, Literal(label, lang="en")))
            if prov.get("label"):
                g.add((iri, RDFS.comment, Literal(prov["label"], lang="en")))
            # Trap: a section is only said to be part of its Act; which Part holds it is not in the data.
            g.add((iri, DCTERMS.isPartOf, act_iri))
            g.add((act_iri, DCTERMS.hasPart, iri))
    return g


def vocab_graph(base: str) -> Graph:
    """All SKOS concept schemes plus the legislation, with concept IRIs minted under `base`."""
    minter = Minter(base)
    g = Graph()
    for name in vocab.SCHEMES:
        _add_scheme(g, minter, name)
    g += legislation_graph()
    for prefix, ns in (("bvkg", BVKG._NS), ("skos", SKOS), ("org", ORG), ("dcterms", DCTERMS), ("leg", LEG)):
        g.bind(prefix, ns)
    return g
