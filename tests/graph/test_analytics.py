"""The affiliation network: a known shortest path with its facts, hand-computed centralities,
GraphML/GEXF that networkx reads back."""
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.analytics import Step, affiliation_network, centralities, centrality_quads, shortest_connection
from graph.exports import export
from graph.store import OxigraphStore

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "graph_q" / "fixture.trig"
B = "https://w3id.org/bvkg/id/"


@pytest.fixture(scope="module")
def store():
    s = OxigraphStore(None)
    s.load_bytes(FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    return s


@pytest.fixture(scope="module")
def network(store):
    return affiliation_network(store)


def test_nodes_have_kinds_and_labels(network):
    kinds = {n.replace(B, ":"): d["kind"] for n, d in network.nodes(data=True)}
    assert kinds == {
        ":authority/fixtonbury": "authority", ":board/improvement-board": "board",
        ":direction/fx-001/directions": "intervention",
        ":document/fx-001": "document", ":document/fx-002": "document", ":document/fx-003": "document",
        ":group/green-group": "organisation", ":organisation/ministry-of-fixtures": "organisation",
        ":person/alice-archer": "person", ":person/bob-baker": "person", ":person/carol-clark": "person",
        ":person/dan-dodd": "person", ":person/erin-evans": "person", ":person/frank-fisher": "person",
        ":person/gina-grant": "person", ":person/hana-hale": "person",
    }
    assert network.nodes[B + "person/dan-dodd"]["label"] == "Dan Dodd"
    assert network.nodes[B + "board/improvement-board"]["label"] == "Improvement Board"


def test_edges_carry_the_fact_and_quote(network):
    e = network.edges[B + "person/frank-fisher", B + "group/green-group"]
    assert (e["kind"], e["fact"], e["quote"]) == (
        "represents", B + "holding/improvement-board/board-member/frank-fisher", "Frank Fisher sits for the Green Group")
    e = network.edges[B + "person/dan-dodd", B + "authority/fixtonbury"]
    assert e["kind"] == "holding" and e["fact"] == B + "holding/fixtonbury/executive-mayor/dan-dodd"
    assert e["quote"] == "Dan Dodd (Mayor)"  # the first of its two quotes in sorted order


def test_known_shortest_connection_with_its_facts(store, network):
    path = shortest_connection(store, B + "person/erin-evans", B + "person/gina-grant", network)
    assert path == [
        Step(B + "person/erin-evans", B + "board/improvement-board", "holding",
             B + "holding/improvement-board/board-lead/erin-evans", "Erin Evans has been appointed as Governance Lead"),
        Step(B + "board/improvement-board", B + "document/fx-001", "mention",
             B + "document/fx-001#p14.c", "Report to the Improvement Board at three monthly intervals."),
        Step(B + "document/fx-001", B + "person/gina-grant", "author", B + "document/fx-001", ""),
    ]
    # it is the only shortest path, so the answer does not depend on tie-breaking
    assert len(list(nx.all_shortest_paths(network, B + "person/erin-evans", B + "person/gina-grant"))) == 1


def test_shortest_connection_unknown_node(store, network):
    with pytest.raises(KeyError, match="not in the affiliation network"):
        shortest_connection(store, B + "person/nobody", B + "person/gina-grant", network)


def test_shortest_connection_disconnected_is_empty(store):
    G = nx.Graph()
    G.add_node("a", kind="person", label="a")
    G.add_node("b", kind="person", label="b")
    assert shortest_connection(store, "a", "b", G) == []


def test_centralities_of_a_hand_computed_path():
    # a - b - c - d: degree = neighbours / (n-1); betweenness of b = pairs (a,c),(a,d) / ((n-1)(n-2)/2) = 2/3
    G = nx.path_graph(["a", "b", "c", "d"])
    c = centralities(G)
    assert {n: round(v["degree"], 4) for n, v in c.items()} == {"a": 0.3333, "b": 0.6667, "c": 0.6667, "d": 0.3333}
    assert {n: round(v["betweenness"], 4) for n, v in c.items()} == {"a": 0.0, "b": 0.6667, "c": 0.6667, "d": 0.0}


def test_centralities_of_a_star():
    G = nx.star_graph(3)  # hub 0, leaves 1..3: the hub is on every leaf-to-leaf path
    c = centralities(G)
    assert c[0] == {"degree": 1.0, "betweenness": 1.0}
    assert c[1] == {"degree": pytest.approx(1 / 3), "betweenness": 0.0}


@pytest.mark.parametrize("name,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_parse_back(store, network, name, reader):
    buf = io.BytesIO()
    export(name, store, buf)
    back = reader(io.BytesIO(buf.getvalue()))
    assert sorted(back.nodes) == sorted(network.nodes)
    assert back.number_of_edges() == network.number_of_edges() == 27
    n = back.nodes[B + "board/improvement-board"]
    assert n["kind"] == "board" and n["label"] == "Improvement Board"
    assert float(n["betweenness_centrality"]) > 0
    e = back.edges[B + "person/erin-evans", B + "board/improvement-board"]
    assert e["fact"] == B + "holding/improvement-board/board-lead/erin-evans"
    assert e["quote"] == "Erin Evans has been appointed as Governance Lead"


def test_centrality_quads_for_the_derived_graph(store, network):
    derived = "https://w3id.org/bvkg/graph/derived"
    quads = centrality_quads(store, derived, network)
    assert len(quads) == 2 * len(network) == 32
    board = {str(p).rsplit("#", 1)[1]: str(o) for s, p, o, g in quads
             if str(s) == B + "board/improvement-board" and str(g) == derived}
    # the board touches 6 of the 15 other nodes: Erin, Frank, Dan, the authority, fx-001 and fx-003
    assert board["degreeCentrality"] == f"{6 / 15:.6f}"
    assert board["betweennessCentrality"] == f"{centralities(network)[B + 'board/improvement-board']['betweenness']:.6f}"
