"""materialize_union: the default graph becomes the de-duplicated union of the named graphs."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.store import OxigraphStore

EX = "http://example.org/"


def _store() -> OxigraphStore:
    s = OxigraphStore()
    n = ox.NamedNode
    quads = [ox.Quad(n(EX + f"s{i % 5}"), n(EX + "p"), ox.Literal(str(i % 7)), n(EX + f"g{i % 3}")) for i in range(40)]
    quads.append(ox.Quad(n(EX + "s0"), n(EX + "p"), ox.Literal("0"), n(EX + "g2")))  # repeated in another graph
    s.raw().extend(quads)
    return s


@pytest.mark.parametrize("batch", [1, 3, 100_000])
def test_union_is_what_sparql_insert_gives(batch):
    streamed, reference = _store(), _store()
    reference.raw().update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    count = streamed.materialize_union(batch=batch)
    default = ox.DefaultGraph()
    got = set(streamed.raw().quads_for_pattern(None, None, None, default))
    want = set(reference.raw().quads_for_pattern(None, None, None, default))
    assert got == want
    assert len(want) == 35  # 5 subjects x 7 values, each once however many graphs state it
    assert count == streamed.triple_count()
    # the named graphs are untouched
    assert {q for q in streamed.raw() if q.graph_name != default} == {q for q in reference.raw() if q.graph_name != default}
