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


# ---------------------------------------------------------------- batches of focus nodes

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from graph.validate import Unbounded, load_shapes, reach  # noqa: E402
from ontology.namespaces import sparql_prefixes  # noqa: E402
from tests.ontology.test_shapes import CASES, SAMPLE  # noqa: E402


def _store_of(g: rdflib.Graph, union: bool = False) -> OxigraphStore:
    """One document's named graph; with ``union`` also materialised in the default graph, as a build does."""
    store = OxigraphStore()
    store.add_quads((s, p, o, URIRef("https://w3id.org/bvkg/id/document/doc-1")) for s, p, o in g)
    if union:
        store.materialize_union()
    return store


@pytest.mark.parametrize("union", [False, True], ids=["named-graphs", "materialised-union"])
@pytest.mark.parametrize("case_id,update", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_batches_of_two_focus_nodes_find_what_the_whole_graph_finds(case_id, update, union):
    data = rdflib.Graph().parse(SAMPLE, format="turtle")
    data.update(sparql_prefixes() + update)
    whole = validate_graph(data)
    batched = validate_store(_store_of(data, union), batch=2)
    assert not whole.conforms
    assert batched.violations == whole.violations
    assert batched.text == whole.text


def test_batches_over_the_fixture_store_conform_with_the_same_count():
    store = load_fixture(OxigraphStore())
    assert validate_store(store, batch=3).text == validate_store(store).text


def test_the_shapes_read_one_hop_from_their_focus_node():
    assert reach(load_shapes()) == 1


def _shapes(ttl: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .\n" + ttl,
                                format="turtle")


def test_a_shape_on_the_values_of_a_property_adds_a_hop():
    shapes = _shapes("""ex:S a sh:NodeShape ; sh:targetClass ex:A ;
        sh:property [ sh:path ex:p ; sh:node ex:T ] .
        ex:T a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:class ex:C ] .""")
    assert reach(shapes) == 2


@pytest.mark.parametrize("path", ["( ex:p ex:q )", "[ sh:inversePath ex:p ]", "[ sh:zeroOrMorePath ex:p ]"])
def test_paths_a_batch_cannot_bound_are_refused(path):
    shapes = _shapes(f"ex:S a sh:NodeShape ; sh:targetClass ex:A ; sh:property [ sh:path {path} ; sh:minCount 1 ] .")
    with pytest.raises(Unbounded):
        reach(shapes)


def test_shapes_a_batch_cannot_bound_validate_the_whole_graph(tmp_path: Path):
    # an inverse path: every ex:B must be pointed at by an ex:A; batches could not see the pointer
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:B ; sh:message "B needs an A" ;
            sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .""", encoding="utf-8")
    g = rdflib.Graph().parse(data="""@prefix ex: <http://ex/> .
        ex:a1 ex:p ex:b1 . ex:b1 a ex:B . ex:b2 a ex:B .""", format="turtle")
    report = validate_store(_store_of(g), shapes=shapes, batch=1)
    assert [v.node for v in report.violations] == ["http://ex/b2"]


def test_result_text_names_nodes_as_rdflib_does_without_recording_their_namespaces():
    """Batches name nodes in pyshacl's result text through _PlainNames: the same text as rdflib's
    manager, but the namespaces without a prefix are not kept (their trie made a batch quadratic)."""
    from rdflib.namespace import NamespaceManager
    from rdflib.term import Variable

    from graph.validate import _PlainNames

    terms = [URIRef(ID + f"document/doc-{i}#p{i}.1") for i in range(50)]
    terms += [URIRef(ID + f"holding/a/post-{i}/person-{i}") for i in range(50)]
    terms += [ORG.member, rdflib.RDF.type, URIRef("urn:x"), Variable("v"), URIRef("http://ex/a#b/c")]
    plain, rdflib_own = rdflib.Graph(), rdflib.Graph()
    plain.namespace_manager = _PlainNames(plain)
    assert isinstance(rdflib_own.namespace_manager, NamespaceManager)
    for ns in (plain.namespace_manager, rdflib_own.namespace_manager):
        ns.bind("org", str(ORG))
    assert [t.n3(plain.namespace_manager) for t in terms] == [t.n3(rdflib_own.namespace_manager) for t in terms]
    assert len(plain.namespace_manager._NamespaceManager__strie) < 10
    assert len(rdflib_own.namespace_manager._NamespaceManager__strie) > 100
