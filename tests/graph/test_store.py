"""The Store interface on the embedded Oxigraph store: in memory, on disk, read-only, and `current`."""
from __future__ import annotations

import json
import shutil

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDF, XSD

from graph.build import build
from graph.store import (CurrentBuildStore, OxigraphStore, QuerySyntaxError, SelectResult, Store,
                         StoreUnavailable, open_store, to_oxigraph, to_rdflib)
from tests.graph.conftest import BASE, DOC_A, DOC_B, FIXTURES, ID

P = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX bvkg: <https://w3id.org/bvkg/ontology#> " \
    "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> " \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
MO_HOLDERS = P + """SELECT ?person ?h WHERE {
    ?h bvkg:post <%spost/exampleton/monitoring-officer> ; org:member ?person } ORDER BY ?person""" % ID
BOB_H = URIRef(ID + "holding/exampleton/monitoring-officer/bob-baker")
BOB = URIRef(ID + "person/bob-baker")


def test_implements_protocol(store):
    assert isinstance(store, Store)


def test_select_rows_are_rdflib_terms(store):
    res = store.select(MO_HOLDERS)
    assert isinstance(res, SelectResult)
    assert res.vars == ["person", "h"]
    assert res.rows == [
        {"person": BOB, "h": BOB_H},
        {"person": URIRef(ID + "person/carol-clark"), "h": URIRef(ID + "holding/exampleton/monitoring-officer/carol-clark")},
    ]


def test_select_union_of_named_graphs_and_unbound_absent(store):
    # Alice's holding is written in two document graphs; the union default graph sees both attestations.
    res = store.select(P + """SELECT ?a ?written ?start WHERE {
        <%sholding/exampleton/head-of-paid-service/alice-archer> bvkg:hasAttestation ?a .
        ?a bvkg:roleAsWritten ?written OPTIONAL { ?a bvkg:statedStart ?start } } ORDER BY ?a""" % ID)
    assert [r["a"] for r in res.rows] == [
        URIRef(ID + "holding/exampleton/head-of-paid-service/alice-archer/900-fixture-a/p1/16"),
        URIRef(ID + "holding/exampleton/head-of-paid-service/alice-archer/901-fixture-b/p1/0")]
    assert all("start" not in r for r in res.rows)
    assert res.column("written") == [Literal("Chief Executive"), Literal("Chief Executive")]


def test_select_literal_datatypes_and_languages(store):
    res = store.select(P + "SELECT ?d WHERE { <%s> dcterms:date ?d }" % DOC_B)
    assert res.rows == [{"d": Literal("2024-11-12", datatype=XSD.date)}]
    res = store.select(P + "SELECT ?l WHERE { <%srole/monitoring-officer> rdfs:label ?l }" % ID)
    assert res.rows == [{"l": Literal("Monitoring Officer", lang="en")}]


def test_ask(store):
    assert store.ask(P + "ASK { <%s> org:member <%s> }" % (BOB_H, BOB)) is True
    assert store.ask(P + "ASK { <%s> org:member <%sperson/carol-clark> }" % (BOB_H, ID)) is False


def test_construct_returns_rdflib_graph(store):
    g = store.construct(P + "CONSTRUCT { ?h org:member ?p } WHERE { ?h bvkg:post <%spost/exampleton/monitoring-officer> ; org:member ?p }" % ID)
    assert isinstance(g, rdflib.Graph)
    assert set(g) == {(BOB_H, ORG.member, BOB),
                      (URIRef(ID + "holding/exampleton/monitoring-officer/carol-clark"), ORG.member, URIRef(ID + "person/carol-clark"))}


def test_describe_subject_and_object_across_graphs(store):
    g = store.describe(str(BOB_H))
    assert (BOB_H, ORG.member, BOB) in g                      # subject, document graph
    assert (BOB, ORG.hasMembership, BOB_H) in g               # object, derived graph
    assert (BOB_H, ORG.memberDuring, URIRef(str(BOB_H) + "/interval")) in g
    assert all(s == BOB_H or o == BOB_H for s, _, o in g)


def test_quads_of_one_graph_and_graph_names(store):
    quads = list(store.quads(DOC_A))
    assert len(quads) == 139                                  # every line of 900_fixture_a.trig
    assert {q[3] for q in quads} == {URIRef(DOC_A)}
    assert (URIRef(DOC_A), RDF.type, URIRef("https://w3id.org/bvkg/ontology#Letter"), URIRef(DOC_A)) in quads
    assert store.graph_names() == [BASE + "graph/derived", BASE + "graph/vocab", DOC_A, DOC_B]
    assert store.triple_count() == len(list(store.quads()))


def test_query_bytes_select_formats(store):
    q = P + "SELECT ?person WHERE { ?h bvkg:post <%spost/exampleton/monitoring-officer> ; org:member ?person } ORDER BY ?person" % ID
    body, media = store.query_bytes(q, "csv")
    assert media == "text/csv"
    assert body == f"person\r\n{ID}person/bob-baker\r\n{ID}person/carol-clark\r\n".encode()
    body, media = store.query_bytes(q, "json")
    assert media == "application/sparql-results+json"
    assert [b["person"]["value"] for b in json.loads(body)["results"]["bindings"]] == [str(BOB), ID + "person/carol-clark"]
    body, media = store.query_bytes(q, "tsv")
    assert (media, body.splitlines()[1]) == ("text/tab-separated-values", f"<{BOB}>".encode())
    body, media = store.query_bytes(P + "ASK { ?s org:member <%s> }" % BOB, "xml")
    assert media == "application/sparql-results+xml" and b"<boolean>true</boolean>" in body


def test_query_bytes_graph_formats_and_nearest_format(store):
    q = "CONSTRUCT { <%s> <http://www.w3.org/ns/org#member> ?p } WHERE { <%s> <http://www.w3.org/ns/org#member> ?p }" % (BOB_H, BOB_H)
    body, media = store.query_bytes(q, "nt")
    assert (body, media) == (f"<{BOB_H}> <http://www.w3.org/ns/org#member> <{BOB}> .\n".encode(), "application/n-triples")
    body, media = store.query_bytes(q, "ttl")
    assert media == "text/turtle" and b"@prefix org: <http://www.w3.org/ns/org#> ." in body and b"org:member" in body
    assert store.query_bytes(q, "csv")[1] == "application/n-triples"      # graphs have no CSV: N-Triples instead
    assert store.query_bytes(q, "json")[1] == "application/ld+json"
    assert store.serialize_query(MO_HOLDERS, "ttl").startswith(b'{"head":{"vars":["person","h"]}')  # SELECT as ttl -> JSON
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        store.query_bytes(q, "yaml")


def test_syntax_error_carries_parser_message_and_position(store):
    with pytest.raises(QuerySyntaxError) as err:
        store.select("SELECT ?x WHERE { ?x ?y }")
    assert err.value.message.startswith("error at 1:26:")
    assert (err.value.line, err.value.column) == (1, 26)


def test_wrong_query_form_is_refused(store):
    with pytest.raises(ValueError, match="select\\(\\) needs a SELECT query"):
        store.select("ASK {}")
    with pytest.raises(ValueError, match="construct\\(\\) needs a CONSTRUCT"):
        store.construct("SELECT * {}")


def test_term_conversion_keeps_lexical_form():
    lit = Literal("01", datatype=XSD.integer, normalize=False)
    assert str(to_rdflib(to_oxigraph(lit))) == "01"
    assert to_rdflib(to_oxigraph(Literal("x", datatype=XSD.string))) == Literal("x")  # xsd:string == plain
    assert to_rdflib(to_oxigraph(Literal("chat", lang="fr"))) == Literal("chat", lang="fr")


def test_add_and_dump_sorted(tmp_path):
    s = OxigraphStore()
    g = URIRef("http://ex.org/g")
    s.add_quads([(URIRef("http://ex.org/b"), RDF.type, URIRef("http://ex.org/C"), g),
                 (URIRef("http://ex.org/a"), RDF.type, URIRef("http://ex.org/C"), g)])
    assert s.dump_nquads() == (
        b"<http://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/C> <http://ex.org/g> .\n"
        b"<http://ex.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/C> <http://ex.org/g> .\n")


def _ex_store(n: int = 300) -> OxigraphStore:
    s = OxigraphStore()
    s.add_quads((URIRef(f"http://ex.org/s{i % 37}"), RDF.value, Literal(f"v{i}"), URIRef(f"http://ex.org/g{i % 3}"))
                for i in range(n))
    return s


def test_dump_nquads_streams_the_same_bytes(tmp_path):
    s = _ex_store()
    s.add_quads([(URIRef("http://ex.org/a"), RDF.type, URIRef("http://ex.org/C"), None)])  # default graph: left out
    with open(tmp_path / "dump.nq", "wb") as fh:
        assert s.dump_nquads(fh) is None
    data = (tmp_path / "dump.nq").read_bytes()
    assert data == s.dump_nquads()
    lines = data.splitlines()
    assert len(lines) == 300 and lines == sorted(lines)
    assert all(line.endswith(b"> .") and b"<http://ex.org/g" in line for line in lines)


def test_sorted_lines_spills_and_merges_like_sorted(monkeypatch, tmp_path):
    import random
    import tempfile

    from graph import store as store_mod

    rng = random.Random(7)
    lines = [f"<http://ex.org/{rng.randrange(500)}> .\n".encode() for _ in range(3000)]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(store_mod, "SORT_CHUNK_BYTES", 1000)       # about 40 runs on disk
    spilled = store_mod.sorted_lines(iter(lines))
    first = next(spilled)
    assert len(list(tmp_path.glob("bvkg-sort-*/run*"))) > 30        # the runs really went to disk
    assert [first] + list(spilled) == sorted(lines)
    assert list(tmp_path.glob("bvkg-sort-*")) == []                 # temp files removed when done
    assert list(store_mod.sorted_lines(iter(lines), unique=True)) == sorted(set(lines))
    assert list(store_mod.sorted_lines(iter(lines), unique=True, chunk_bytes=10**9)) == sorted(set(lines))
    assert list(store_mod.sorted_lines(iter([]))) == []


def test_dump_nquads_same_bytes_when_spilled(monkeypatch):
    from graph import store as store_mod

    s = _ex_store()
    in_memory = s.dump_nquads()
    monkeypatch.setattr(store_mod, "SORT_CHUNK_BYTES", 500)
    assert s.dump_nquads() == in_memory


# ---------------------------------------------------------------- open_store and `current`

def test_open_store_reads_current_build(built):
    data, result = built
    s = open_store({"DATA_DIR": str(data), "STORE_BACKEND": "oxigraph"})
    assert isinstance(s, CurrentBuildStore) and s.build_dir == result.build_dir
    assert [r["person"] for r in s.select(MO_HOLDERS).rows] == [BOB, URIRef(ID + "person/carol-clark")]


def test_open_store_without_build_says_run_build(tmp_path):
    with pytest.raises(StoreUnavailable) as err:
        open_store({"DATA_DIR": str(tmp_path), "STORE_BACKEND": "oxigraph"})
    assert str(err.value) == f"no built graph at {tmp_path / 'current'}; run `bvkg build`"


def test_corrupt_store_is_unavailable_not_a_crash(built, tmp_path):
    data, result = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy, symlinks=True)
    (copy / "current" / "store" / "CURRENT").write_text("garbage")
    with pytest.raises(StoreUnavailable) as err:
        open_store({"DATA_DIR": str(copy)})
    assert "cannot be opened" in str(err.value) and "Corruption" in str(err.value)
    assert str(err.value).endswith("run `bvkg build`")


def test_missing_store_folder_is_unavailable(built, tmp_path):
    data, _ = built
    copy = tmp_path / "data"
    shutil.copytree(data, copy, symlinks=True)
    shutil.rmtree(copy / "current" / "store")
    with pytest.raises(StoreUnavailable, match="no built graph at .*store; run `bvkg build`"):
        open_store({"DATA_DIR": str(copy)})


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="STORE_BACKEND must be 'oxigraph' or 'sparql', not 'neo4j'"):
        open_store({"STORE_BACKEND": "neo4j"})


def test_current_store_follows_a_new_build(fixture_corpus, tmp_path):
    data = tmp_path / "data"
    build(fixture_corpus, data, BASE, echo=lambda _m: None)
    s = open_store({"DATA_DIR": str(data)})
    assert DOC_B in s.graph_names()
    (fixture_corpus / "901_fixture_b.trig").unlink()
    second = build(fixture_corpus, data, BASE, echo=lambda _m: None)
    assert DOC_B not in s.graph_names()          # same object, no restart: it re-opened `current`
    assert s.build_dir == second.build_dir


def test_built_store_answers_each_triple_once(built):
    """The build materialises the de-duplicated union; Oxigraph's union mode would repeat it."""
    import pyoxigraph as ox
    from graph.store import query_oxigraph

    data, result = built
    q = "SELECT ?p WHERE { <%s> <http://www.w3.org/ns/org#member> ?p }" % (ID + "holding/exampleton/head-of-paid-service/alice-archer")
    raw = ox.Store.read_only(str(result.build_dir / "store"))
    assert [s["p"].value for s in query_oxigraph(raw, q)] == [ID + "person/alice-archer"]
    assert len(list(raw.query(q, use_default_graph_as_union=True))) == 3     # default graph + both documents
    assert open_store({"DATA_DIR": str(data)}).select(q).rows == [{"p": URIRef(ID + "person/alice-archer")}]
