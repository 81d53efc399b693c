"""Time every named query on Oxigraph (graph.store.OxigraphStore) and on rdflib's in-memory
Dataset engine, side by side in one run, on synthetic graphs from bench/generate.py.

    python -m bench.bench_queries --sizes 100000,1000000 [--repeat 5] [--rdflib-timeout 120]
    python -m bench.bench_queries --quick          # 10k and 100k, 3 repeats

Both engines query the same thing users get, the de-duplicated union of the named graphs: the
Oxigraph store is loaded and then ``OxigraphStore.materialize_union()`` copies the union into the
default graph exactly as ``bvkg build`` does, and queries go through ``OxigraphStore.select`` /
``graph.store.query_oxigraph`` (never pyoxigraph's union mode, which repeats a triple once per graph).
rdflib's ``Dataset(default_union=True)`` over the same quads is already a set (its memory store
keeps one triple with the set of its graphs); the run checks that both count the same triples.

Oxigraph is timed end to end through ``OxigraphStore.select`` (engine plus conversion of the
answers to rdflib terms — what the web app pays) and, separately, the engine alone (iterating
pyoxigraph's solutions). rdflib runs each query in a forked child (the loaded Dataset is shared
copy-on-write) so a query that runs away can be killed at --rdflib-timeout; its median is over
fewer repeats when a run is slow. Both engines' row counts are printed: they must agree.
Not a test: numbers go into bench/README.md by hand, with the machine and the date.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import statistics
import time

import pyoxigraph as ox
import rdflib

from bench.generate import generate_bytes, params, scoped_params
from graph.queries import named_queries
from graph.store import OxigraphStore, query_oxigraph


def _median_ms(fn, repeat: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), n


def _engine_only(store: OxigraphStore, text: str) -> int:
    res = query_oxigraph(store.raw(), text)
    names = [v.value for v in res.variables]
    n = 0
    for sol in res:
        for v in names:
            sol[v]
        n += 1
    return n


_DS: rdflib.Dataset | None = None  # set before forking; children inherit it


def _rdflib_child(text: str, conn) -> None:
    t = time.perf_counter()
    n = len(list(_DS.query(text)))
    conn.send(((time.perf_counter() - t) * 1000, n))
    conn.close()


def _rdflib_run(text: str, timeout: float) -> tuple[float | None, int | None]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_rdflib_child, args=(text, child))
    p.start()
    child.close()
    if parent.poll(timeout):
        ms, n = parent.recv()
        p.join()
        return ms, n
    p.kill()
    p.join()
    return None, None


def bench_size(n_triples: int, repeat: int, rdflib_timeout: float, rdflib_repeat: int,
               only: set[str] | None = None) -> list[dict]:
    global _DS
    t = time.perf_counter()
    data = generate_bytes(n_triples)
    gen_s = time.perf_counter() - t
    store = OxigraphStore(None)
    t = time.perf_counter()
    store.load_bytes(data, ox.RdfFormat.N_QUADS)
    ox_load = time.perf_counter() - t
    n_quads = len(store.raw())
    t = time.perf_counter()
    union = store.materialize_union()  # what `bvkg build` does: queries read this default graph
    mat_s = time.perf_counter() - t
    rd_load, rd_triples = None, None
    if rdflib_repeat:
        t = time.perf_counter()
        _DS = rdflib.Dataset(default_union=True)
        _DS.parse(data=data, format="nquads")
        rd_load = time.perf_counter() - t
        rd_triples = len(_DS)  # the union, once per triple
        if rd_triples != union:
            raise SystemExit(f"rdflib's union has {rd_triples} triples, Oxigraph's default graph {union}")
    rd_text = f", rdflib {rd_load:.1f} s" if rd_load is not None else ", rdflib skipped"
    print(f"\n## {n_triples:,} quads requested: {n_quads:,} quads in the named graphs, {union:,} distinct "
          f"triples in the union (generated in {gen_s:.1f} s; load: Oxigraph {ox_load:.1f} s "
          f"+ materialise the union {mat_s:.1f} s{rd_text})", flush=True)
    print("| query | rows | Oxigraph select (ms) | Oxigraph engine (ms) | rdflib (ms) | rdflib / Oxigraph select |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |", flush=True)
    out = []
    p, scoped = params(), scoped_params()
    runs = [(q.id, q.render(**p.get(q.id, {}))) for q in named_queries()]
    runs += [(f"{q.id} (scoped: {', '.join(scoped[q.id])})", q.render(**scoped[q.id]))
             for q in named_queries() if q.id in scoped]
    if only:
        runs = [(qid, text) for qid, text in runs if qid.split(" ")[0] in only]
    for qid, text in runs:
        sel_ms, rows = _median_ms(lambda: len(store.select(text)), repeat)
        eng_ms, _ = _median_ms(lambda: _engine_only(store, text), repeat)
        rd_times, rd_rows = [], None
        for _ in range(rdflib_repeat):
            ms, n = _rdflib_run(text, rdflib_timeout)
            if ms is None:
                break
            rd_times.append(ms)
            rd_rows = n
            if ms > 10_000:  # one slow run is enough to know the order of magnitude
                break
        rd_ms = statistics.median(rd_times) if rd_times else None
        if not rdflib_repeat:
            ratio = rd_cell = "—"
        else:
            ratio = f"{rd_ms / sel_ms:.0f}x" if rd_ms else f"> {rdflib_timeout * 1000 / sel_ms:.0f}x"
            rd_cell = f"{rd_ms:,.0f}" if rd_ms else f"> {rdflib_timeout:,.0f} s (killed)"
        agree = "" if rd_rows in (None, rows) else f" (rdflib: {rd_rows} rows!)"
        print(f"| {qid} | {rows}{agree} | {sel_ms:,.1f} | {eng_ms:,.1f} | {rd_cell} | {ratio} |", flush=True)
        out.append({"query": qid, "rows": rows, "rdflib_rows": rd_rows, "select_ms": sel_ms,
                    "engine_ms": eng_ms, "rdflib_ms": rd_ms})
    _DS = None
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated quad counts (e.g. 1e5,1e6)")
    ap.add_argument("--repeat", type=int, default=5, help="Oxigraph runs per query (median)")
    ap.add_argument("--rdflib-repeat", type=int, default=3, help="rdflib runs per query (median)")
    ap.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds before an rdflib run is killed")
    ap.add_argument("--quick", action="store_true", help="10k and 100k, 3 repeats, 60 s rdflib limit")
    ap.add_argument("--no-rdflib", action="store_true", help="Oxigraph only (while tuning a query)")
    ap.add_argument("--only", default="", help="comma-separated query ids (default: all)")
    a = ap.parse_args(argv)
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    if a.quick:
        sizes, a.repeat, a.rdflib_repeat, a.rdflib_timeout = [10_000, 100_000], 3, 2, 60.0
    print(f"# bvkg named queries: Oxigraph {ox.__version__} vs rdflib {rdflib.__version__}")
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    only = {q for q in a.only.split(",") if q} or None
    for n in sizes:
        bench_size(n, a.repeat, a.rdflib_timeout, 0 if a.no_rdflib else a.rdflib_repeat, only)


if __name__ == "__main__":
    main()
