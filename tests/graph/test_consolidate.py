"""Build-time consolidation on the fixture graph: intervals, successions, inverses, type closure."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, TIME, XSD

from graph.consolidate import _date_range, consolidate, single_holder_roles
from graph.store import OxigraphStore
from ontology.namespaces import BVKG
from tests.graph.conftest import BASE, ID, load_fixture

DERIVED = URIRef(BASE + "graph/derived")
H = ID + "holding/exampleton/"
BOB_H, CAROL_H = URIRef(H + "monitoring-officer/bob-baker"), URIRef(H + "monitoring-officer/carol-clark")
ALICE_H = URIRef(H + "head-of-paid-service/alice-archer")


@pytest.fixture(scope="module")
def derived():
    store = load_fixture(OxigraphStore(), derive=False)
    stats = consolidate(store, BASE)
    return store, stats, {(s, p, o) for s, p, o, _ in store.quads(str(DERIVED))}


def test_interval_added_where_ingest_gave_none(derived):
    _, stats, d = derived
    bob_i = URIRef(str(BOB_H) + "/interval")
    assert {(BOB_H, ORG.memberDuring, bob_i), (bob_i, RDF.type, TIME.Interval),
            (bob_i, TIME.inside, URIRef(ID + "time/2024-03-01"))} <= d
    assert stats.intervals == 1                     # only Bob's holding lacked one


def test_every_attestation_date_is_inside_the_interval(derived):
    store, stats, d = derived
    alice_i = URIRef(str(ALICE_H) + "/interval")
    assert (alice_i, TIME.inside, URIRef(ID + "time/2024-11-12")) in d          # from the second document
    assert (alice_i, TIME.inside, URIRef(ID + "time/2024-03-01")) not in d      # already stated by ingest
    rows = store.select("SELECT ?t WHERE { <%s> <http://www.w3.org/2006/time#inside> ?t } ORDER BY ?t" % alice_i).rows
    assert [r["t"] for r in rows] == [URIRef(ID + "time/2024-03-01"), URIRef(ID + "time/2024-11-12")]
    assert stats.inside == 2                        # Bob's 2024-03-01 and Alice's 2024-11-12


def test_successor_by_stated_start_after_last_attestation(derived):
    _, stats, d = derived
    succession = {(s, p, o) for s, p, o in d if p in (BVKG.predecessor, BVKG.successor)}
    assert succession == {(CAROL_H, BVKG.predecessor, BOB_H), (BOB_H, BVKG.successor, CAROL_H)}
    assert stats.successions == 1


def test_inverse_links(derived):
    _, _, d = derived
    bob, org = URIRef(ID + "person/bob-baker"), URIRef(ID + "authority/exampleton")
    post = URIRef(ID + "post/exampleton/monitoring-officer")
    assert {(bob, ORG.hasMembership, BOB_H), (org, ORG.hasMembership, BOB_H), (org, ORG.hasMember, bob),
            (bob, ORG.holds, post), (post, ORG.heldBy, bob)} <= d
    unnamed = URIRef(H + "section-151-officer/unnamed-900-fixture-a-p3-1")
    assert (org, ORG.hasMembership, unnamed) in d
    assert not any(p == ORG.heldBy and s == URIRef(ID + "post/exampleton/section-151-officer") for s, p, _ in d)


def test_type_closure_from_ontology(derived):
    store, stats, d = derived
    rows = store.select("SELECT ?x WHERE { ?x a <http://www.w3.org/ns/org#Organization> } ORDER BY ?x").rows
    assert [r["x"] for r in rows] == [URIRef(ID + "authority/exampleton"), URIRef(ID + "board/improvement-board")]
    assert (URIRef(ID + "person/bob-baker"), RDF.type, FOAF.Agent) in d
    assert (BOB_H, RDF.type, ORG.Membership) not in d      # asserted already in the document graph
    assert (URIRef(ID + "document/900-fixture-a"), RDF.type, BVKG.Document) in d
    assert stats.types == len({t for t in d if t[1] == RDF.type and t[2] != TIME.Interval})


def _holding(store, slug, role, date_iso, doc):
    """A minimal holding attested on one date (enough for successions)."""
    h = URIRef(f"{ID}holding/exampleton/{role}/{slug}")
    a = URIRef(f"{h}/{doc}/p1/0")
    t = URIRef(f"{ID}time/{date_iso}")
    g = URIRef(f"{ID}document/{doc}")
    store.add_quads([(h, RDF.type, BVKG.RoleHolding, g), (h, ORG.member, URIRef(f"{ID}person/{slug}"), g),
                     (h, ORG.role, URIRef(f"{ID}role/{role}"), g),
                     (h, BVKG.post, URIRef(f"{ID}post/exampleton/{role}"), g), (h, BVKG.hasAttestation, a, g),
                     (a, BVKG.attestedOn, t, g), (t, TIME.inXSDDate, Literal(date_iso, datatype=XSD.date), g)])
    return h


def test_multi_holder_posts_get_no_succession():
    s = OxigraphStore()
    _holding(s, "ann", "councillor", "2023-01-05", "d1")
    _holding(s, "ben", "councillor", "2024-01-05", "d2")
    assert consolidate(s, BASE).successions == 0


def test_chain_links_only_consecutive_holders():
    s = OxigraphStore()
    a = _holding(s, "ann", "monitoring-officer", "2021-01-05", "d1")
    b = _holding(s, "ben", "monitoring-officer", "2022-01-05", "d2")
    c = _holding(s, "cat", "monitoring-officer", "2023-01-05", "d3")
    _holding(s, "dee", "monitoring-officer", "2023-01-05", "d3")    # same day as cat: order unknown
    stats = consolidate(s, BASE)
    links = {(x, y) for x, p, y, _g in s.quads(str(DERIVED)) if p == BVKG.successor}
    d = URIRef(f"{ID}holding/exampleton/monitoring-officer/dee")
    assert links == {(a, b), (b, c), (b, d)}
    assert stats.successions == 3


def test_single_holder_roles_come_from_vocab_data():
    roles = single_holder_roles(BASE)
    assert URIRef(ID + "role/monitoring-officer") in roles and URIRef(ID + "role/chair") in roles
    assert URIRef(ID + "role/councillor") not in roles and URIRef(ID + "role/board-member") not in roles


@pytest.mark.parametrize("text, expected", [
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-10-15", (date(2024, 10, 15), date(2024, 10, 15))),
    ("2024-10-15Z", (date(2024, 10, 15), date(2024, 10, 15))),
    ("sometime", None),
])
def test_date_range_keeps_the_precision(text, expected):
    assert _date_range(text) == expected


def test_consecutive_spans_match_their_definition():
    """No span lies wholly between a and b: checked against the definition on random posts."""
    import random

    from graph.consolidate import consecutive

    def by_definition(spans):
        before = lambda a, b: spans[a][1] < spans[b][0]  # noqa: E731
        return {(a, b) for a in spans for b in spans
                if a != b and before(a, b) and not any(before(a, c) and before(c, b) for c in spans)}

    rng = random.Random(7)
    for _ in range(2000):
        spans = {}
        for i in range(rng.randint(0, 9)):
            lo = rng.randint(0, 20)
            spans[f"h{i}"] = (lo, lo + rng.choice([0, 0, 1, 2, 5]))
        assert set(consecutive(spans)) == by_definition(spans), spans
    assert consecutive({"a": (1, 2), "b": (3, 4), "c": (5, 6)}) == [("a", "b"), ("b", "c")]


def test_type_closure_joins_in_python_what_the_property_path_query_finds():
    """The closure read once and joined with the typed nodes equals the one-query definition,
    on the fixture plus a deeper hierarchy where a node already has one of its superclasses."""
    from graph.consolidate import ConsolidationStats, _type_closure, _type_closure_by_path

    store = load_fixture(OxigraphStore())
    g, ex = URIRef(ID + "graph/extra"), "http://ex/"
    store.add_quads([(URIRef(ex + "A"), RDFS.subClassOf, URIRef(ex + "B"), g),
                     (URIRef(ex + "B"), RDFS.subClassOf, URIRef(ex + "C"), g),
                     (URIRef(ex + "x"), RDF.type, URIRef(ex + "A"), g),
                     (URIRef(ex + "y"), RDF.type, URIRef(ex + "A"), g),
                     (URIRef(ex + "y"), RDF.type, URIRef(ex + "C"), g)])
    fast, slow = ConsolidationStats(), ConsolidationStats()
    got = _type_closure(store, fast)
    assert got == _type_closure_by_path(store, slow) and fast.types == slow.types > 0
    assert (URIRef(ex + "x"), RDF.type, URIRef(ex + "C")) in got
    assert (URIRef(ex + "y"), RDF.type, URIRef(ex + "B")) in got
    assert (URIRef(ex + "y"), RDF.type, URIRef(ex + "C")) not in got
