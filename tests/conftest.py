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


def kill_build_while_writing(corpus, data, timeout: float):
    """Start a real `bvkg build` and SIGKILL it once its new store folder appears.

    Returns (the half-written build folder or None if the build ended first, the exit code)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    bvkg = Path(sys.executable).parent / "bvkg"
    proc = subprocess.Popen([str(bvkg), "build", "--corpus", str(corpus), "--data", str(data)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    caught, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = list((Path(data) / "builds").glob("*.tmp/store/CURRENT"))
        if found:
            caught = found[0].parent.parent
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait()
    return caught, proc.returncode
