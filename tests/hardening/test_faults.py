"""Faults: a build killed mid-way, a corrupt store, a remote SPARQL server that goes away.

tests/graph/test_build.py already kills a build of hand-written TriG and test_remote.py stops a server
under RemoteStore; here the same faults are seen from where people meet them: a running web app
over a real text corpus, the CLI, and the app's answers while a server is down and after it returns.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import kill_build_while_writing

from graph.build import build
from graph.store import StoreUnavailable, open_store
from tests.hardening.conftest import BASE, GENRE, QUIET
from web.app import create_app

BIN = Path(sys.executable).parent
HTML = {"Accept": "text/html"}
PEOPLE = ("SELECT ?n WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?n } "
          "ORDER BY ?n")


def _names(data: Path) -> list[str]:
    return [str(r["n"]) for r in open_store({"DATA_DIR": str(data)}).select(PEOPLE).rows]


# ---------------------------------------------------------------- a build killed with SIGKILL

def test_killed_text_build_keeps_serving_previous_graph(tmp_path):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(GENRE / "03-kingsmere-reply.txt", corpus)
    first = build(corpus, data, BASE, **QUIET)
    count, names = open_store({"DATA_DIR": str(data)}).triple_count(), _names(data)
    assert "Marek Nowak" in names
    app = create_app({"DATA_DIR": str(data)})
    client = app.test_client()
    page = client.get("/search?q=Marek+Nowak", headers=HTML)
    assert page.status_code == 200 and "Marek Nowak" in page.get_data(as_text=True)

    for f in sorted(GENRE.glob("*.txt")):   # a bigger corpus, so the kill lands while writing the store
        shutil.copy(f, corpus)
    caught, code = kill_build_while_writing(corpus, data, timeout=300)
    assert caught is not None and code == -signal.SIGKILL, "the build ended before it was killed"
    assert caught.exists()   # the half-written build is left behind ...
    assert os.readlink(data / "current") == f"builds/{first.build_id}"   # ... and never switched in
    assert open_store({"DATA_DIR": str(data)}).triple_count() == count
    assert _names(data) == names
    again = client.get("/search?q=Marek+Nowak", headers=HTML)   # the running app never noticed
    assert again.status_code == 200 and again.get_data(as_text=True) == page.get_data(as_text=True)

    second = build(corpus, data, BASE, **QUIET)   # the next build clears the unfinished folder
    assert not caught.exists()
    assert second.documents == 8 and open_store({"DATA_DIR": str(data)}).triple_count() > count


# ---------------------------------------------------------------- a corrupt store

def _corrupt(store_dir: Path) -> None:
    """Garbage over every table file, sizes kept (what a bad disk or a stray copy leaves)."""
    for f in store_dir.glob("*.sst"):
        f.write_bytes(b"\xab" * f.stat().st_size)


@pytest.fixture()
def corrupt_data(tmp_path):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(GENRE / "03-kingsmere-reply.txt", corpus)
    result = build(corpus, data, BASE, **QUIET)
    _corrupt(result.build_dir / "store")
    return corpus, data, result.build_dir / "store"


def test_corrupt_store_is_unavailable_with_reason(corrupt_data):
    _, data, store_dir = corrupt_data
    with pytest.raises(StoreUnavailable) as err:
        open_store({"DATA_DIR": str(data)})
    msg = str(err.value)
    assert msg.startswith(f"the graph store at {store_dir} cannot be opened (Corruption: ")
    assert msg.endswith("; run `bvkg build`")


def test_corrupt_store_app_starts_answers_502_and_recovers_after_rebuild(corrupt_data):
    corpus, data, store_dir = corrupt_data
    app = create_app({"DATA_DIR": str(data)})     # starts: no crash loop at start-up
    client = app.test_client()
    for _ in range(3):                            # every request answers, each with the reason
        r = client.get("/id/person/marek-nowak", headers=HTML)
        assert r.status_code == 502
        body = r.get_data(as_text=True)
        assert f"The graph is not available: the graph store at {store_dir} cannot be opened (Corruption: " in body
        assert "Traceback" not in body
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 502 and r.mimetype == "text/plain"
    assert r.get_data(as_text=True).startswith("The graph is not available: the graph store at ")

    build(corpus, data, BASE, **QUIET)            # a new build: the same app serves it, no restart
    r = client.get("/id/person/marek-nowak", headers=HTML)
    assert r.status_code == 200 and "Marek Nowak" in r.get_data(as_text=True)


def test_corrupt_store_cli_says_one_line(corrupt_data):
    _, data, store_dir = corrupt_data
    out = subprocess.run([str(BIN / "bvkg"), "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--data", str(data)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith(f"Error: the graph store at {store_dir} cannot be opened (Corruption: ")
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1


# ---------------------------------------------------------------- a remote SPARQL server that goes away

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store_dir: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(store_dir),
                             "--union-default-graph", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "oxigraph server exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("oxigraph server did not listen within 30 s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.server
@pytest.mark.skipif(not (BIN / "oxigraph").exists(), reason="the oxigraph server CLI is not installed")
def test_remote_server_down_gives_502_then_recovers(xss_build):
    _, result = xss_build
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/query"
    app = create_app({"STORE_BACKEND": "sparql", "SPARQL_ENDPOINT": endpoint, "QUERY_TIMEOUT": 5.0,
                      "DATA_DIR": str(xss_build[0])})   # starts with the server down
    client = app.test_client()
    query = {"query": "SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n } ORDER BY ?n LIMIT 1"}

    def check_down():
        r = client.get("/sparql", query_string=query, headers={"Accept": "text/csv"})
        assert r.status_code == 502
        assert r.get_data(as_text=True) == f"The graph is not available: SPARQL endpoint {endpoint} is unreachable " \
                                           "(<urlopen error [Errno 111] Connection refused>)\n"
        page = client.get("/id/person/marek-nowak", headers=HTML)
        assert page.status_code == 502 and "The graph is not available" in page.get_data(as_text=True)

    check_down()
    proc = _serve(result.build_dir / "store", port)
    try:
        r = client.get("/sparql", query_string=query, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.data.startswith(b"n\r\n")
        assert client.get("/id/person/marek-nowak", headers=HTML).status_code == 200
        _stop(proc)
        check_down()                              # down again: 502, no hang, no trace
        proc = _serve(result.build_dir / "store", port)
        assert client.get("/id/person/marek-nowak", headers=HTML).status_code == 200
        hits = client.get("/search?q=Marek+Nowak", headers=HTML)
        assert hits.status_code == 200 and ">Marek Nowak</a>" in hits.get_data(as_text=True)
    finally:
        _stop(proc)
