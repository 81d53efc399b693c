"""SHACL validation reports name the failing node and the rule (the shape's own message)."""
from __future__ import annotations

import rdflib
from rdflib import URIRef
from rdflib.namespace import ORG

from graph.store import OxigraphStore
from graph.validate import Violation, validate_graph, validate_store
from tests.graph.conftest import ID, load_fixture

HOLDING = URIRef(ID + "holding/exampleton/monitoring-officer/bob-baker")
QUOTE = URIRef(ID + "document/900-fixture-a/quote/p2/0-29")


def _union(store) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in store.quads():
        g.add((s, p, o))
    return g


def test_fixture_conforms():
    store = load_fixture(OxigraphStore())
    report = validate_store(store)
    assert report.conforms, report.text
    # triples stated in several named graphs count once in the union
    assert report.text == f"conforms: {len(_union(store))} triples checked against the SHACL shapes"
    assert [v for v in report.violations if v.severity == "Violation"] == []


def test_holding_without_role_names_node_and_rule():
    g = _union(load_fixture(OxigraphStore()))
    g.remove((HOLDING, ORG.role, None))
    report = validate_graph(g)
    assert not report.conforms
    assert report.violations == [Violation(
        node=str(HOLDING), message="RoleHolding needs exactly one org:role", shape="bvs:RoleHolding",
        path="org:role", value=None, severity="Violation")]
    assert report.text == ("1 SHACL violation:\n"
                           f"  {HOLDING}: RoleHolding needs exactly one org:role (path org:role) — shape bvs:RoleHolding")


def test_quote_offsets_that_do_not_match_the_paragraph():
    g = _union(load_fixture(OxigraphStore()))
    pos = URIRef(str(QUOTE) + "#position")
    oa_start = URIRef("http://www.w3.org/ns/oa#start")
    g.set((pos, oa_start, rdflib.Literal(2)))
    report = validate_graph(g)
    assert not report.conforms
    assert report.violations == [Violation(
        node=str(QUOTE), message="Quote's oa:exact must equal the paragraph text from oa:start to oa:end",
        shape="bvs:QuoteText", path=None, value=None, severity="Violation")]


def test_missing_shapes_is_not_a_pass(tmp_path):
    report = validate_graph(rdflib.Graph(), shapes=tmp_path / "none.ttl")
    assert not report.conforms
    assert report.text == f"no SHACL shapes at {tmp_path / 'none.ttl'}: the graph was not validated"
