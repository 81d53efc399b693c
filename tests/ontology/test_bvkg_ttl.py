"""bvkg.ttl defines exactly the terms of the closed BVKG namespace, each labelled and explained."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from ontology import ONTOLOGY_TTL
from ontology import namespaces as ns
from ontology.namespaces import BVKG, FOAF, ONTOLOGY_IRI, ORG, OWL, PROV, RDF, RDFS, SKOS
from ontology.skos import ontology_graph

NS = str(BVKG._NS)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def g() -> Graph:
    return ontology_graph()


def namespace_terms() -> set[URIRef]:
    return {BVKG[name] for name in BVKG.__annotations__}


def defined_terms(g: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(NS)}


def test_parses_as_an_owl_ontology(g):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in g
    assert ONTOLOGY_TTL.name == "bvkg.ttl"
    assert len(namespace_terms()) >= 78 and BVKG.RoleHolding in namespace_terms()


def test_every_namespace_term_is_defined(g):
    assert sorted(namespace_terms() - defined_terms(g)) == []


def test_every_defined_term_is_in_the_namespace(g):
    assert sorted(defined_terms(g) - namespace_terms()) == []
    # no stray bvkg: subject that is not declared (e.g. a typo carrying only a label)
    stray = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)} - namespace_terms()
    assert sorted(stray) == []


@pytest.mark.parametrize("name", sorted(BVKG.__annotations__))
def test_term_has_english_label_and_comment(g, name):
    term = BVKG[name]
    labels = [o for o in g.objects(term, RDFS.label) if o.language == "en"]
    comments = [o for o in g.objects(term, RDFS.comment) if o.language == "en"]
    assert len(labels) == 1 and str(labels[0]).strip(), name
    assert len(comments) == 1 and len(str(comments[0])) >= 20, name


def test_classes_are_capitalised_and_properties_are_not(g):
    for c in g.subjects(RDF.type, OWL.Class):
        if str(c).startswith(NS):
            assert str(c)[len(NS)].isupper(), c
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in g.subjects(RDF.type, kind):
            assert str(p)[len(NS)].islower(), p


@pytest.mark.parametrize("sub,sup", [
    (BVKG.LocalAuthority, ORG.FormalOrganization),
    (BVKG.GovernmentDepartment, ORG.FormalOrganization),
    (BVKG.Regulator, ORG.FormalOrganization),
    (BVKG.Auditor, ORG.FormalOrganization),
    (BVKG.Association, ORG.FormalOrganization),
    (BVKG.PoliticalGroup, ORG.Organization),
    (BVKG.Board, ORG.Organization),
    (BVKG.Committee, ORG.OrganizationalUnit),
    (BVKG.RoleHolding, ORG.Membership),
    (BVKG.Attestation, PROV.Entity),
    (BVKG.Capacity, SKOS.Concept),
    (BVKG.Theme, SKOS.Concept),
    (BVKG.Inspection, PROV.Activity),
    (BVKG.Intervention, PROV.Activity),
    (BVKG.Direction, PROV.Entity),
    (BVKG.DirectionItem, PROV.Entity),
    (BVKG.Document, FOAF.Document),
    (BVKG.Letter, BVKG.Document),
    (BVKG.Report, BVKG.Document),
    (BVKG.DirectionsDocument, BVKG.Document),
    (BVKG.Minutes, BVKG.Document),
    (BVKG.Statement, BVKG.Document),
    (BVKG.Event, PROV.Activity),
    (BVKG.Meeting, BVKG.Event),
    (BVKG.Election, BVKG.Event),
    (BVKG.Appointment, BVKG.Event),
    (BVKG.Departure, BVKG.Event),
    (BVKG.Rating, BVKG.Event),
    (BVKG.Recommendation, BVKG.Event),
    (BVKG.LegislationProvision, PROV.Entity),
    (BVKG.Citation, PROV.Entity),
])
def test_class_reuses_standard_superclass(g, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in g


def test_every_referenced_external_class_is_declared_locally(g):
    """Nothing is owl:imported, so each reused class must be declared here for OWL tools."""
    assert list(g.objects(None, OWL.imports)) == []
    referenced = set()
    for p in (RDFS.subClassOf, RDFS.domain, RDFS.range):
        referenced |= {o for o in g.objects(None, p) if isinstance(o, URIRef)}
    referenced = {c for c in referenced if not str(c).startswith(("http://www.w3.org/2001/XMLSchema#",))}
    undeclared = sorted(c for c in referenced if (c, RDF.type, OWL.Class) not in g)
    assert undeclared == []
    assert (ns.TIME.Instant, RDF.type, OWL.Class) in g


def test_every_property_is_typed_once(g):
    for name in BVKG.__annotations__:
        term = BVKG[name]
        if name[0].islower():
            kinds = {t for t in g.objects(term, RDF.type) if t in TERM_TYPES}
            assert len(kinds) == 1, (name, kinds)


def test_shared_properties_carry_no_single_class_domain(g):
    """A domain is an inference rule: addressedTo on an Inspection must not make it a Direction."""
    for p in (BVKG.addressedTo, BVKG.foundBy, BVKG.degreeCentrality, BVKG.rating, BVKG.leadFor):
        assert list(g.objects(p, RDFS.domain)) == [], p
    assert (BVKG.powerCited, RDFS.domain, BVKG.Direction) in g
    assert (BVKG.predecessor, OWL.inverseOf, BVKG.successor) in g
