"""Shared fixtures for graph/ tests: the hand-written fixture corpus, stores and a built DATA_DIR."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import build
from graph.consolidate import consolidate, vocab_graph_name
from graph.store import OxigraphStore

BASE = "https://w3id.org/bvkg/"
ID = BASE + "id/"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"
DOC_A = ID + "document/900-fixture-a"
DOC_B = ID + "document/901-fixture-b"


def load_fixture(store: OxigraphStore, with_vocab: bool = True, derive: bool = True) -> OxigraphStore:
    for f in sorted(FIXTURES.glob("*.trig")):
        store.raw().bulk_load(path=str(f), format=ox.RdfFormat.TRIG)
    if with_vocab:
        from ontology.skos import ontology_graph, vocab_graph
        store.add_graph(vocab_graph(BASE) + ontology_graph(), vocab_graph_name(BASE))
    if derive:
        consolidate(store, BASE)
    return store


@pytest.fixture
def fixture_corpus(tmp_path) -> Path:
    """A private copy of the fixture corpus (tests add or break files in it)."""
    d = tmp_path / "corpus"
    d.mkdir()
    for f in FIXTURES.glob("*.trig"):
        shutil.copy(f, d / f.name)
    return d


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A DATA_DIR with one complete build of the fixture corpus: (data_dir, BuildResult)."""
    data = tmp_path_factory.mktemp("data")
    result = build(FIXTURES, data, BASE, echo=lambda _m: None)
    return data, result


@pytest.fixture(params=["memory", "disk", "read-only"])
def store(request, tmp_path):
    """The fixture graph (documents, vocab, derived) in each kind of embedded store."""
    if request.param == "memory":
        return load_fixture(OxigraphStore())
    s = load_fixture(OxigraphStore(tmp_path / "store"))
    if request.param == "disk":
        return s
    s.close()
    return OxigraphStore(tmp_path / "store", read_only=True)
