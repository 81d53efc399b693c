"""Fixtures shared across packages: one real build of the bundled corpus per test session."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/bvkg/"


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """(data_dir, BuildResult) of `bvkg build` over corpus/: the graph users get."""
    from graph.build import build

    data = tmp_path_factory.mktemp("corpus-build")
    result = build(ROOT / "corpus", data, base=BASE, echo=lambda m: None)
    return data, result


@pytest.fixture(scope="session")
def corpus_store(corpus_build):
    from graph.store import open_store

    data, _ = corpus_build
    return open_store({"DATA_DIR": str(data), "STORE_BACKEND": "oxigraph"})


@pytest.fixture(scope="session")
def tiny_store_path(tmp_path_factory):
    """An on-disk store of 400 triples in one named graph: enough for a cross product that never
    finishes in a second, so limits are tested with tiny configured values, not stopwatches."""
    import pyoxigraph as ox

    ex = "http://example.org/"
    path = tmp_path_factory.mktemp("tiny-store") / "store"
    st = ox.Store(str(path))
    g = ox.NamedNode(ex + "g")
    st.extend(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(ex + "p"), ox.Literal(str(i)), g) for i in range(400))
    st.flush()
    del st  # release the folder: readers open it read-only
    return str(path)
