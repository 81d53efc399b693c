"""vocab_graph: SKOS schemes from the YAML data and legislation with legislation.gov.uk IRIs."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ontology import vocab
from ontology.iris import Minter
from ontology.namespaces import BVKG, DCTERMS, ORG, RDF, RDFS, SKOS
from ontology.skos import legislation_graph, ontology_graph, provision_iri, vocab_graph

BASE = "https://w3id.org/bvkg/"
M = Minter(BASE)
S15 = URIRef("http://www.legislation.gov.uk/id/ukpga/1999/27/section/15")
ACT_1999 = URIRef("http://www.legislation.gov.uk/id/ukpga/1999/27")


@pytest.fixture(scope="module")
def g() -> Graph:
    return vocab_graph(BASE)


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def test_monitoring_officer_concept(g):
    mo = URIRef("https://w3id.org/bvkg/id/role/monitoring-officer")
    assert mo == M.role("monitoring-officer")
    assert {RDF.type: set(g.objects(mo, RDF.type))} == {RDF.type: {SKOS.Concept, ORG.Role}}
    assert g.value(mo, SKOS.prefLabel) == en("Monitoring Officer")
    assert g.value(mo, RDFS.label) == en("Monitoring Officer")
    assert g.value(mo, SKOS.inScheme) == URIRef("https://w3id.org/bvkg/id/scheme/roles")
    alts = {str(a) for a in g.objects(mo, SKOS.altLabel)}
    assert {"MO", "Director of Legal Services", "Head of Legal Services", "Borough Solicitor"} <= alts
    assert g.value(mo, BVKG.statutoryBasis) == URIRef("http://www.legislation.gov.uk/id/ukpga/1989/42/section/5")


def test_section_151_officer_alt_labels_and_basis(g):
    s151 = M.role("section-151-officer")
    alts = {str(a) for a in g.objects(s151, SKOS.altLabel)}
    assert {"S151 Officer", "Chief Finance Officer", "Corporate Director Resources"} <= alts
    assert g.value(s151, BVKG.statutoryBasis) == URIRef("http://www.legislation.gov.uk/id/ukpga/1972/70/section/151")


def test_section_15_provision(g):
    assert (S15, RDF.type, BVKG.LegislationProvision) in g
    assert g.value(S15, RDFS.label) == en("Local Government Act 1999, section 15")
    assert g.value(S15, RDFS.comment) == en("Secretary of State's powers of direction")
    assert g.value(S15, DCTERMS.isPartOf) == ACT_1999
    assert (ACT_1999, DCTERMS.hasPart, S15) in g
    assert g.value(ACT_1999, RDFS.label) == en("Local Government Act 1999")
    assert en("the 1999 Act") in set(g.objects(ACT_1999, SKOS.altLabel))


def test_part_provision_iri_and_label(g):
    part1 = URIRef("http://www.legislation.gov.uk/id/ukpga/1999/27/part/1")
    assert g.value(part1, RDFS.label) == en("Local Government Act 1999, Part 1")
    assert g.value(part1, DCTERMS.isPartOf) == ACT_1999


def test_every_statutory_basis_is_a_listed_provision(g):
    bases = set(g.objects(None, BVKG.statutoryBasis))
    assert len(bases) == 4
    for b in bases:
        assert (b, RDF.type, BVKG.LegislationProvision) in g, b


def test_provision_iri():
    assert provision_iri("ukpga/1999/27/section/15") == S15
    assert provision_iri("/ukpga/1999/27/") == ACT_1999


def test_scheme_types(g):
    assert (M.theme("culture"), RDF.type, BVKG.Theme) in g
    assert g.value(M.theme("culture"), SKOS.inScheme) == M.scheme("best-value-themes")
    assert (M.capacity("interim"), RDF.type, BVKG.Capacity) in g
    assert g.value(M.capacity("interim"), SKOS.inScheme) == M.scheme("capacities")
    assert (M.role("chair"), RDF.type, ORG.Role) in g
    assert g.value(M.role("chair"), SKOS.inScheme) == M.scheme("board-roles")
    for sid in ("roles", "board-roles", "capacities", "best-value-themes"):
        assert (M.scheme(sid), RDF.type, SKOS.ConceptScheme) in g


def test_broader_and_top_concepts(g):
    lead = M.role("lead-commissioner")
    assert g.value(lead, SKOS.broader) == M.role("commissioner")
    assert (M.role("commissioner"), SKOS.narrower, lead) in g
    assert (M.scheme("roles"), SKOS.hasTopConcept, lead) not in g
    assert (M.scheme("roles"), SKOS.hasTopConcept, M.role("commissioner")) in g


def test_every_yaml_concept_becomes_one_concept(g):
    """Roles and board roles share /id/role/: their ids must not collide."""
    expected = sum(len(vocab.scheme(name).concepts) for name in vocab.SCHEMES)
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == expected
    for c in concepts:
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1, c
        assert len(list(g.objects(c, SKOS.inScheme))) == 1, c


def test_base_is_respected():
    other = vocab_graph("http://localhost:5000")
    assert (URIRef("http://localhost:5000/id/role/monitoring-officer"), SKOS.prefLabel, en("Monitoring Officer")) in other


def test_legislation_graph_covers_every_act():
    lg = legislation_graph()
    acts = {provision_iri(a["id"]) for a in vocab.legislation()}
    assert acts <= set(lg.subjects(RDF.type, BVKG.LegislationProvision))


def test_ontology_graph_is_fresh_each_call():
    a = ontology_graph()
    a.add((BVKG.Board, RDFS.seeAlso, BVKG.Committee))
    assert (BVKG.Board, RDFS.seeAlso, BVKG.Committee) not in ontology_graph()


def test_labels_do_not_clash_within_a_scheme(g):
    """SKOS integrity (S13/S14): one prefLabel per concept, no altLabel equal to a prefLabel of the scheme.

    A clash would make the label index (first listed wins) read one role as another.
    """
    for scheme in set(g.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = set(g.subjects(SKOS.inScheme, scheme))
        prefs = {str(g.value(c, SKOS.prefLabel)).lower(): c for c in concepts}
        assert len(prefs) == len(concepts), scheme
        clashes = sorted((str(c), str(a)) for c in concepts for a in g.objects(c, SKOS.altLabel)
                         if prefs.get(str(a).lower(), c) != c)
        assert clashes == [], f"altLabels that are another concept's prefLabel in {scheme}: {clashes}"
        same = sorted(str(c) for c in concepts if g.value(c, SKOS.prefLabel) in set(g.objects(c, SKOS.altLabel)))
        assert same == []
