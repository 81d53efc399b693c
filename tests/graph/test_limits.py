"""Limits that hold (issue 6 §1), tested with tiny configured values, not stopwatches."""
import csv
import io
import json
import time
from pathlib import Path

import pytest

from graph.limits import QueryPool, QueryRefused, QueryTimeout, check_public_query
from graph.store import QuerySyntaxError

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 400 triples cubed: never in time

EX = "http://example.org/"


@pytest.fixture(scope="module")
def store_path(tiny_store_path):
    return tiny_store_path


@pytest.fixture(scope="module")
def pool():
    p = QueryPool(size=2, timeout=1.0, row_cap=5, warm=True)
    yield p
    p.close()


CHECK = dict(max_length=2000, max_nesting=8)


def test_row_cap_truncates_and_says_so(pool, store_path):
    ans = pool.run(store_path, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", "csv")
    rows = list(csv.reader(io.StringIO(ans.body.decode())))
    assert rows[0] == ["s"] and len(rows) == 1 + 5
    assert ans.truncated is True and ans.rows == 5
    small = pool.run(store_path, f"SELECT ?o WHERE {{ <{EX}s7> ?p ?o }}", "json")
    assert small.truncated is False
    assert json.loads(small.body)["results"]["bindings"] == [{"o": {"type": "literal", "value": "7"}}]


def test_over_the_time_limit_is_stopped_and_the_pool_recovers(pool, store_path):
    # 400^3 = 64 million joined rows, counted: far beyond one second on any machine.
    with pytest.raises(QueryTimeout, match="QUERY_TIMEOUT=1s"):
        pool.run(store_path, HEAVY, "json")
    ans = pool.run(store_path, "ASK { ?s ?p ?o }", "json")
    assert json.loads(ans.body)["boolean"] is True


def test_malformed_query_gives_the_parser_message(pool, store_path):
    with pytest.raises(QuerySyntaxError) as exc:
        pool.run(store_path, "SELECT ?s WHERE { ?s ?p }", "json")
    assert "1:" in str(exc.value)  # the parser's line:column position


def test_construct_is_capped_too(pool, store_path):
    ans = pool.run(store_path, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "nt")
    assert ans.truncated and ans.body.decode().count("\n") == 5


@pytest.mark.parametrize("query,status,words", [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", 403, "read-only"),
    ("PREFIX ex: <http://e/> # a comment\n DELETE WHERE { ?s ?p ?o }", 403, "read-only"),
    ("LOAD <http://example.org/x.ttl>", 403, "read-only"),
    ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", 403, "SERVICE_ALLOWLIST"),
    ("SELECT * WHERE { " + "{ " * 20 + "?s ?p ?o" + " }" * 20 + " }", 400, "MAX_QUERY_NESTING=8"),
    ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 3000, 400, "MAX_QUERY_LENGTH=2000"),
])
def test_refused_queries(query, status, words):
    with pytest.raises(QueryRefused) as exc:
        check_public_query(query, **CHECK)
    assert exc.value.status == status and words in str(exc.value)


def test_keywords_inside_strings_and_allowlisted_services_pass():
    check_public_query('SELECT * WHERE { ?s ?p "INSERT SERVICE <x:y>" }', **CHECK)
    check_public_query("SELECT * WHERE { ?s ?p ?o } # DELETE everything", **CHECK)
    check_public_query("SELECT * WHERE { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }",
                       service_allowlist=("http://ok.example/sparql",), **CHECK)


def test_other_queries_are_answered_while_one_runs_long(store_path):
    import threading

    pool = QueryPool(size=2, timeout=1.0, row_cap=5, warm=True)  # two warm workers of its own

    outcome = {}

    def slow():
        try:
            pool.run(store_path, HEAVY, "json")
        except QueryTimeout as exc:
            outcome["heavy"] = exc

    t = threading.Thread(target=slow)
    t.start()
    try:
        ans = pool.run(store_path, f"SELECT ?o WHERE {{ <{EX}s3> ?p ?o }}", "csv")
        still_running = t.is_alive()
    finally:
        t.join()
        pool.close()
    assert ans.body.decode().splitlines() == ["o", "3"]
    assert still_running, "the quick query should have been answered while the heavy one was still running"
    assert isinstance(outcome.get("heavy"), QueryTimeout)


def _worker_pids(pool: QueryPool) -> set[int]:
    with pool._lock:
        return {w.proc.pid for w in pool._all}


def test_a_worker_left_holding_more_than_max_mb_is_replaced(store_path):
    # any worker holds more than 1 MB, so every answer retires the worker that gave it
    pool = QueryPool(size=1, timeout=5.0, row_cap=5, warm=True, max_mb=1)
    try:
        first = _worker_pids(pool)
        assert pool.run(store_path, "ASK { ?s ?p ?o }", "json").body
        deadline = time.monotonic() + 30
        while (_worker_pids(pool) in (first, set())) and time.monotonic() < deadline:
            time.sleep(0.1)
        second = _worker_pids(pool)
        assert second and second.isdisjoint(first)
        assert pool.run(store_path, "ASK { ?s ?p ?o }", "json").body  # the replacement answers
    finally:
        pool.close()


def test_without_max_mb_the_worker_is_kept(store_path):
    pool = QueryPool(size=1, timeout=5.0, row_cap=5, warm=True)
    try:
        first = _worker_pids(pool)
        pool.run(store_path, "ASK { ?s ?p ?o }", "json")
        pool.run(store_path, "ASK { ?s ?p ?o }", "json")
        assert _worker_pids(pool) == first
    finally:
        pool.close()


def test_a_worker_ends_when_the_server_is_killed_mid_query(tiny_store_path, tmp_path):
    """SIGKILL skips every shutdown hook: the worker must notice on its own, not run on for minutes."""
    import os
    import signal
    import subprocess
    import sys

    script = tmp_path / "server.py"
    script.write_text(f"""
from graph.limits import QueryPool
if __name__ == "__main__":  # spawned workers import this file again
    pool = QueryPool(1, 600.0, 10, warm=True)
    print(pool._idle.queue[0].proc.pid, flush=True)
    pool.run({tiny_store_path!r}, {HEAVY!r}, "json")  # never returns in time: the test kills us
""")
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=str(Path(__file__).resolve().parents[2]))
    worker = int(server.stdout.readline())
    time.sleep(0.5)  # the query is under way
    assert _alive(worker)
    server.send_signal(signal.SIGKILL)
    server.wait()
    for _ in range(100):  # the orphan check runs every 0.5 s
        if not _alive(worker):
            break
        time.sleep(0.1)
    assert not _alive(worker), "the query worker outlived the server"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_answers_keep_every_kind_of_term_exactly():
    """Capped answers go through SPARQL TSV on their way to Oxigraph's writers: nothing may change."""
    import pyoxigraph as ox

    from graph.limits import evaluate

    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal('tab\there\nline "q" \\ é'),
                   ox.DefaultGraph()))
    q = f"""SELECT ?o ?lang ?n ?none ?t WHERE {{ ?s ?p ?o
        BIND("Londres"@fr AS ?lang) BIND("2024-01-31"^^<http://www.w3.org/2001/XMLSchema#date> AS ?n)
        BIND(<<( <{EX}a> <{EX}b> "c" )>> AS ?t) }}"""
    ans = evaluate(st, q, "json", 10)
    row = json.loads(ans.body)["results"]["bindings"][0]
    assert row["o"] == {"type": "literal", "value": 'tab\there\nline "q" \\ é'}
    assert row["lang"] == {"type": "literal", "value": "Londres", "xml:lang": "fr"}
    assert row["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date" and row["n"]["value"] == "2024-01-31"
    assert "none" not in row
    assert row["t"]["type"] == "triple" and row["t"]["value"]["object"]["value"] == "c"
    rows = list(csv.reader(io.StringIO(evaluate(st, q, "csv", 10).body.decode())))
    assert rows[1][0] == 'tab\there\nline "q" \\ é' and rows[1][3] == ""
