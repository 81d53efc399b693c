"""RemoteStore against a real `oxigraph` server (PyPI's CLI) gives the embedded store's answers.

Virtuoso is not installed on these machines, so only the Oxigraph server is compared here.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import OxigraphStore, QuerySyntaxError, RemoteStore, StoreUnavailable, open_store
from tests.graph.conftest import BASE, DOC_A, ID

pytestmark = pytest.mark.server

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
P = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX bvkg: <https://w3id.org/bvkg/ontology#> " \
    "PREFIX time: <http://www.w3.org/2006/time#> PREFIX dcterms: <http://purl.org/dc/terms/> "
SELECTS = [
    P + "SELECT ?h ?p WHERE { ?h org:member ?p } ORDER BY ?h ?p",
    P + "SELECT ?i ?t WHERE { ?h org:memberDuring ?i . ?i time:inside ?t } ORDER BY ?i ?t",
    P + "SELECT ?later ?earlier WHERE { ?later bvkg:predecessor ?earlier }",
    P + "SELECT ?x WHERE { ?x a org:Organization } ORDER BY ?x",
    P + "SELECT ?d ?date ?title WHERE { ?d a bvkg:Document ; dcterms:date ?date OPTIONAL { ?d dcterms:title ?title } } ORDER BY ?d",
    P + "SELECT ?role (COUNT(?h) AS ?n) WHERE { ?h a bvkg:RoleHolding ; org:role ?role } GROUP BY ?role ORDER BY ?role",
    P + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    P + "SELECT ?h ?unnamed ?member WHERE { ?h a bvkg:RoleHolding OPTIONAL { ?h bvkg:holderUnnamed ?unnamed } "
        "OPTIONAL { ?h org:member ?member } } ORDER BY ?h",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `oxigraph serve[-read-only]` process on a free port."""

    def __init__(self, args: list[str], port: int | None = None):
        self.args, self.port = args, port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Server":
        self.proc = subprocess.Popen([str(OXIGRAPH), *self.args, "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph exited: {self.proc.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start listening within 30 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def pair(built):
    """(embedded read-only store, remote store) over the same built store folder.

    No --union-default-graph: the build materialised the de-duplicated union as the default graph
    (the server's union mode would repeat a triple once per graph that states it)."""
    data, result = built
    store_dir = result.build_dir / "store"
    server = Server(["serve-read-only", "--location", str(store_dir)]).start()
    try:
        yield OxigraphStore(store_dir, read_only=True), RemoteStore(server.url + "/query"), server
    finally:
        server.stop()


@pytest.mark.parametrize("query", SELECTS)
def test_select_same_answers(pair, query):
    local, remote, _ = pair
    a, b = local.select(query), remote.select(query)
    assert a.vars == b.vars
    assert a.rows == b.rows and len(a.rows) > 0


def test_ask_construct_describe_same(pair):
    local, remote, _ = pair
    for q in (P + "ASK { ?h bvkg:predecessor ?x }", P + "ASK { ?h bvkg:predecessor ?h }"):
        assert local.ask(q) == remote.ask(q)
    q = P + "CONSTRUCT { ?h org:member ?p ; org:role ?r } WHERE { ?h org:member ?p ; org:role ?r }"
    assert set(local.construct(q)) == set(remote.construct(q)) and len(local.construct(q)) == 8
    iri = ID + "holding/exampleton/monitoring-officer/bob-baker"
    assert set(local.describe(iri)) == set(remote.describe(iri)) and len(local.describe(iri)) == 14


def test_graphs_quads_counts_same(pair):
    local, remote, _ = pair
    assert local.graph_names() == remote.graph_names()
    assert set(local.quads(DOC_A)) == set(remote.quads(DOC_A)) and len(set(remote.quads(DOC_A))) == 139
    assert local.triple_count() == remote.triple_count()


def test_query_bytes_same(pair):
    local, remote, _ = pair
    q = SELECTS[0]
    assert local.query_bytes(q, "csv") == remote.query_bytes(q, "csv")
    lj, rj = (json.loads(s.query_bytes(q, "json")[0]) for s in (local, remote))
    assert lj == rj
    body, media = remote.query_bytes(P + "CONSTRUCT WHERE { ?h org:member ?p }", "nt")
    assert media == "application/n-triples"
    assert sorted(body.splitlines()) == sorted(local.query_bytes(P + "CONSTRUCT WHERE { ?h org:member ?p }", "nt")[0].splitlines())


def test_syntax_error_same_message(pair):
    local, remote, _ = pair
    with pytest.raises(QuerySyntaxError) as a:
        local.select("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QuerySyntaxError) as b:
        remote.select("SELECT ?x WHERE { ?x ?y }")
    assert a.value.message in b.value.message
    assert (b.value.line, b.value.column) == (1, 26)


def test_open_store_sparql_backend(pair):
    _, remote, _ = pair
    s = open_store({"STORE_BACKEND": "sparql", "SPARQL_ENDPOINT": remote.endpoint})
    assert isinstance(s, RemoteStore)
    assert s.select(SELECTS[3]).rows == remote.select(SELECTS[3]).rows


def test_stopped_server_is_unavailable_then_recovers(built):
    _, result = built
    server = Server(["serve-read-only", "--location", str(result.build_dir / "store")]).start()
    remote = RemoteStore(server.url + "/query", timeout=5)
    try:
        assert len(remote.select(SELECTS[3]).rows) == 2
        server.stop()
        with pytest.raises(StoreUnavailable, match=f"SPARQL endpoint {server.url}/query is unreachable"):
            remote.select(SELECTS[3])
        with pytest.raises(StoreUnavailable):
            remote.query_bytes(SELECTS[3], "csv")
        server.start()                                  # same port: the same RemoteStore object recovers
        assert len(remote.select(SELECTS[3]).rows) == 2
    finally:
        server.stop()


def test_load_server_with_graph_store_protocol(built, tmp_path):
    """A read-write server loaded from the build's N-Quads dump answers as the embedded store does."""
    _, result = built
    server = Server(["serve", "--location", str(tmp_path / "srv")]).start()
    try:
        remote = RemoteStore(server.url + "/query", gsp_endpoint=server.url + "/store",
                             update_endpoint=server.url + "/update")
        remote.load_nquads((result.build_dir / "dumps" / "bvkg.nq").read_bytes())
        assert remote.select(SELECTS[0]).rows == []        # the dump holds named graphs only
        remote.materialize_union()
        local = OxigraphStore(result.build_dir / "store", read_only=True)
        assert remote.triple_count() == local.triple_count()
        for q in SELECTS:
            assert remote.select(q).rows == local.select(q).rows
    finally:
        server.stop()


def test_remote_without_gsp_or_update_endpoint_cannot_load():
    with pytest.raises(ValueError, match="RemoteStore has no gsp_endpoint to load into"):
        RemoteStore("http://127.0.0.1:1/query").load_nquads(b"")
    with pytest.raises(ValueError, match="RemoteStore has no update_endpoint to write with"):
        RemoteStore("http://127.0.0.1:1/query").materialize_union()
