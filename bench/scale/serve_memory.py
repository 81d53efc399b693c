"""Resident memory of `bvkg serve` (waitress) over a synthetic graph of N triples, idle and under load.

    python -m bench.scale.serve_memory --triples 1330000 --work /tmp/scale/mem --seconds 60

1,330,000 generated quads give about a million distinct triples once the union is materialised.

The graph comes from bench/generate.py (the query benchmark's generator: bvkg's shape, N-Quads,
deterministic), bulk-loaded into WORK/builds/generated/store with the union materialised in the
default graph as `bvkg build` leaves it (without it every query reads every named graph), and
`current` pointing at it, so
`bvkg serve --data WORK` opens it as it would a real build. Memory is read from /proc: the server
process (VmRSS now, VmHWM peak) and, separately, the query worker processes it starts (their
own stores are opened read-only on the same folder): idle, every half second during the load (the
wrk mix of bench/load for SECONDS; median and maximum of the total), when it ends, and after
SETTLE seconds (the queries still queued have finished and the workers have trimmed).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from bench.generate import generate_bytes
from bench.load.run_load import HERE as LOAD_DIR, _free_port, parse_wrk, rss_mb, start_server
from bench.load.targets import build_targets
from graph.store import OxigraphStore


def make_data(triples: int, work: Path) -> dict:
    if work.exists():
        shutil.rmtree(work)
    store_dir = work / "builds" / "generated" / "store"
    store_dir.parent.mkdir(parents=True)
    t = time.monotonic()
    data = generate_bytes(triples)
    gen = time.monotonic() - t
    store = OxigraphStore(store_dir)
    t = time.monotonic()
    store.raw().bulk_load(data, ox.RdfFormat.N_QUADS)
    load = time.monotonic() - t
    quads = len(store.raw())
    t = time.monotonic()
    union = store.materialize_union()  # as `bvkg build` does: queries read the union, not every graph
    union_s = time.monotonic() - t
    store.close()
    os.symlink("builds/generated", work / "current")
    (work / "current" / "build.json").write_text(json.dumps({"triple_count": union, "documents": None}))
    return {"quads": quads, "union_triples": union, "generate_s": round(gen, 1), "bulk_load_s": round(load, 1),
            "materialize_union_s": round(union_s, 1),
            "store_mb": round(sum(f.stat().st_size for f in store_dir.iterdir()) / 2**20, 1)}


def descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    kids = [int(p) for p in out]
    return kids + [g for k in kids for g in descendants(k)]


def memory(server: subprocess.Popen) -> dict:
    workers = []
    for pid in descendants(server.pid):
        try:
            workers.append(rss_mb(pid)["rss_mb"])
        except (OSError, AttributeError):
            pass
    return {"server": rss_mb(server.pid), "worker_processes": len(workers), "workers_rss_mb": workers,
            "total_rss_mb": round(rss_mb(server.pid)["rss_mb"] + sum(workers), 1)}


def main() -> None:
    from bvkg import settings
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/scale/mem"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--reuse", action="store_true", help="serve the graph a previous run left in WORK")
    ap.add_argument("--settle", type=float, default=15.0, help="seconds to wait after the load before the last reading")
    ap.add_argument("--results", type=Path, default=None)
    args = ap.parse_args()
    if args.reuse and (args.work / "current" / "build.json").is_file():
        made = {"reused": str(args.work), **json.loads((args.work / "current" / "build.json").read_text())}
    else:
        made = make_data(args.triples, args.work)
    print(json.dumps(made), flush=True)
    targets = build_targets(args.work, settings.get("BASE_IRI"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(targets) + "\n")
    port = _free_port()
    t = time.monotonic()
    server = start_server(args.work, port)
    started = round(time.monotonic() - t, 1)
    try:
        time.sleep(2)
        idle = memory(server)
        wrk = subprocess.Popen(["wrk", "-t2", f"-c{args.clients}", f"-d{args.seconds}s", "--latency", "--timeout", "30s",
                                "-s", str(LOAD_DIR / "mix.lua"), f"http://127.0.0.1:{port}", "--", fh.name],
                               stdout=subprocess.PIPE, text=True)
        samples = []  # total resident memory every half second while the load runs
        while wrk.poll() is None:
            samples.append(memory(server)["total_rss_mb"])
            time.sleep(0.5)
        out = wrk.stdout.read()
        if wrk.returncode:
            raise SystemExit(f"wrk failed ({wrk.returncode})")
        loaded = memory(server)
        time.sleep(args.settle)  # queries still queued when wrk stopped finish, workers trim
        settled = memory(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(fh.name)
    samples.sort()
    during = {"samples": len(samples), "median_total_rss_mb": samples[len(samples) // 2] if samples else None,
              "max_total_rss_mb": samples[-1] if samples else None}
    summary = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "triples": args.triples, **made, "server_listening_after_s": started,
               "query_workers": settings.get("QUERY_WORKERS"), "idle": idle, "during_load": during,
               "after_load": loaded, "after_settling": settled, "load": parse_wrk(out)}
    print(json.dumps(summary, indent=2))
    if args.results:
        with open(args.results, "a") as r:
            r.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
