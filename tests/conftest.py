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
