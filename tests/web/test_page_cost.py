"""Entity pages cost what the entity costs, not what the graph costs (no stopwatch).

Two on-disk stores: the web fixture, and the web fixture plus a generated graph of unrelated
entities (bench/generate.py, every IRI moved under /id/gen/ so nothing links to the fixture; the
same classes and predicates, so a query that scans a class or a predicate reads them too). Each
page is rendered on both and every query it sends is replayed through the `oxigraph` CLI (the
same engine version as pyoxigraph) with --explain --stats: the rows every plan node produced,
added up, are the work the engine did. A query anchored on the entity does the same work on
both stores; a whole-graph scan, a label sub-SELECT over all entities or an OPTIONAL the engine
evaluates on its own does more on the bigger one. The old holdings, neighbour and document-quote
queries each failed this. /as-of for one authority is held to the same, but for its chooser query,
which lists every authority on purpose (the old page read every holding of the graph).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import generate_bytes
from graph.store import OxigraphStore
from web.app import create_app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "fixture.trig"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
UNRELATED_TRIPLES = 5000
PAGES = [
    "/id/authority/tower-hamlets",
    "/id/person/linda-walker",
    "/id/post/tower-hamlets/monitoring-officer",
    "/id/holding/tower-hamlets/head-of-paid-service/stephen-halsey",
    "/id/document/000-f3f47a748ab81076",
    "/id/direction/000-f3f47a748ab81076/directions",
    "/id/theme/governance",
    "/id/role/monitoring-officer",
]

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="the oxigraph CLI (test extra `oxigraph`) is not installed")


class Recording:
    """Forwards to a store and keeps the text of every query sent to it."""

    def __init__(self, inner):
        self.inner, self.log = inner, []

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if name in ("select", "ask", "query_bytes", "construct"):
            def recorded(sparql, *args, **kwargs):
                self.log.append(sparql)
                return attr(sparql, *args, **kwargs)
            return recorded
        return attr


def _store_dir(path: Path, extra: bytes | None) -> Path:
    """A store laid out as a build leaves it: named graphs plus their union in the default graph."""
    s = OxigraphStore(path)
    s.load_bytes(FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    if extra:
        s.load_bytes(extra, ox.RdfFormat.N_QUADS)
    s.materialize_union()
    s.close()
    return path


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    root = tmp_path_factory.mktemp("cost")
    unrelated = generate_bytes(UNRELATED_TRIPLES).replace(b"<https://w3id.org/bvkg/id/", b"<https://w3id.org/bvkg/id/gen/")
    data = root / "data" / "current"
    data.mkdir(parents=True)  # build.json: the footer reads it, not the store
    (data / "build.json").write_text(json.dumps({"documents": 3, "latest_document_date": "2025-05-21"}))
    return {"small": _store_dir(root / "small", None), "big": _store_dir(root / "big", unrelated),
            "data": root / "data", "tmp": root}


def _render(store_dir: Path, data: Path, paths=PAGES) -> dict[str, tuple[int, str, list[str]]]:
    """path -> (status, the page's <main>, the queries it sent)."""
    rec = Recording(OxigraphStore(store_dir, read_only=True))
    app = create_app({"STORE": rec, "DATA_DIR": str(data)})
    warming = getattr(app.extensions["bvkg"], "warming", None)
    if warming is not None:
        warming.join()  # the label index is built for the whole graph on purpose: not a page's work
    client = app.test_client()
    out = {}
    for path in paths:
        rec.log = []
        r = client.get(path, headers={"Accept": "text/html"})
        main = re.search(r"<main id=\"main\">.*</main>", r.get_data(as_text=True), re.S)
        out[path] = (r.status_code, main.group(0) if main else "", rec.log)
    return out


def engine_work(store_dir: Path, sparql: str, scratch: Path) -> int:
    """Rows produced by every node of the engine's plan for one query (oxigraph --explain --stats)."""
    explain = scratch / "explain.json"
    run = subprocess.run([str(OXIGRAPH), "query", "--location", str(store_dir), "--query", sparql,
                          "--results-format", "tsv", "--explain-file", str(explain), "--stats"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    def total(node: dict) -> int:
        return node.get("number of results", 0) + sum(total(c) for c in node.get("children", []))

    return total(json.loads(explain.read_text())["plan"])


@pytest.fixture(scope="module")
def rendered(stores):
    return {name: _render(stores[name], stores["data"]) for name in ("small", "big")}


def test_unrelated_entities_change_nothing_on_the_page(rendered):
    for path in PAGES:
        small, big = rendered["small"][path], rendered["big"][path]
        assert small[0] == big[0] == 200, path
        assert "Unnamed holder" in small[1] or "<h1>" in small[1], path
        assert small[1] == big[1], f"{path}: the page shows something of the unrelated entities"
        assert len(small[2]) == len(big[2]), f"{path}: more queries on the bigger graph"


def test_every_page_query_does_the_same_engine_work_on_a_bigger_graph(stores, rendered):
    grew = []
    for path in PAGES:
        small_q, big_q = rendered["small"][path][2], rendered["big"][path][2]
        assert small_q, path
        for q_small, q_big in zip(small_q, big_q):
            assert q_small == q_big, f"{path}: the page asked different questions"
            w_small = engine_work(stores["small"], q_small, stores["tmp"])
            w_big = engine_work(stores["big"], q_big, stores["tmp"])
            if w_big != w_small:
                grew.append((path, w_small, w_big, " ".join(q_small.split("SELECT", 1)[-1].split())[:160]))
    assert grew == [], "queries whose work grows with unrelated data:\n" + "\n".join(map(str, grew))


def test_the_measure_sees_a_whole_graph_scan(stores):
    """The check is not vacuous: the holding branch of the old neighbour query (a type pattern and
    a VALUES list the engine joins before the entity) costs more on the bigger store."""
    old = """SELECT DISTINCT ?n WHERE { ?h ?p1 <https://w3id.org/bvkg/id/person/linda-walker> .
        ?h a <https://w3id.org/bvkg/ontology#RoleHolding> .
        VALUES ?p2 { <http://www.w3.org/ns/org#member> <http://www.w3.org/ns/org#organization> } ?h ?p2 ?n }"""
    assert engine_work(stores["big"], old, stores["tmp"]) > engine_work(stores["small"], old, stores["tmp"])


ASOF = "/as-of?date=2024-11-25&authority=tower-hamlets"
CHOOSER = "GROUP BY ?a"  # the chooser's query: every authority with holdings, counted


def test_as_of_for_one_authority_does_the_same_work_beside_unrelated_authorities(stores):
    small, big = (_render(stores[n], stores["data"], [ASOF])[ASOF] for n in ("small", "big"))
    assert small[0] == big[0] == 200
    tables = [re.findall(r'<section class="authority">.*?</section>', page[1], re.S) for page in (small, big)]
    assert tables[0] == tables[1] and len(tables[0]) == 1 and "Tower Hamlets" in tables[0][0]
    options = [page[1].count("<option") for page in (small, big)]
    assert options[1] > options[0], "the unrelated graph should add authorities with holdings"
    assert small[2] == big[2], "the page asked different questions"
    chooser, grew = [], []
    for q in small[2]:
        w_small, w_big = (engine_work(stores[n], q, stores["tmp"]) for n in ("small", "big"))
        if CHOOSER in q:
            chooser.append(w_big > w_small)
        elif w_big != w_small:
            grew.append((w_small, w_big, " ".join(q.split("SELECT", 1)[-1].split())[:160]))
    assert chooser == [True], "one chooser query, and it does see the other authorities"
    assert len(small[2]) > 3 and grew == [], "as-of queries whose work grows with unrelated data:\n" + \
        "\n".join(map(str, grew))
