"""Resident memory of `bvkg serve` (waitress) over a synthetic graph of N triples, idle and under load.

    python -m bench.scale.serve_memory --triples 1000000 --work /tmp/scale/mem

The graph comes from bench/generate.py (the query benchmark's generator: bvkg's shape, N-Quads,
deterministic), bulk-loaded into WORK/builds/generated/store with `current` pointing at it, so
`bvkg serve --data WORK` opens it as it would a real build. Memory is read from /proc: the server
process (VmRSS now, VmHWM peak) and, separately, the query worker processes it starts (their
own stores are opened read-only on the same folder). Load: the wrk mix of bench/load for SECONDS.
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


def make_data(triples: int, work: Path) -> dict:
    if work.exists():
        shutil.rmtree(work)
    store_dir = work / "builds" / "generated" / "store"
    store_dir.parent.mkdir(parents=True)
    t = time.monotonic()
    data = generate_bytes(triples)
    gen = time.monotonic() - t
    store = ox.Store(str(store_dir))
    t = time.monotonic()
    store.bulk_load(data, ox.RdfFormat.N_QUADS)
    store.flush()
    load = time.monotonic() - t
    count = len(store)
    del store
    os.symlink("builds/generated", work / "current")
    (work / "current" / "build.json").write_text(json.dumps({"triple_count": count, "documents": None}))
    return {"quads": count, "generate_s": round(gen, 1), "bulk_load_s": round(load, 1),
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
    ap.add_argument("--results", type=Path, default=None)
    args = ap.parse_args()
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
        out = subprocess.run(["wrk", "-t2", f"-c{args.clients}", f"-d{args.seconds}s", "--latency", "--timeout", "30s",
                              "-s", str(LOAD_DIR / "mix.lua"), f"http://127.0.0.1:{port}", "--", fh.name],
                             capture_output=True, text=True, check=True).stdout
        loaded = memory(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(fh.name)
    summary = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "triples": args.triples, **made, "server_listening_after_s": started,
               "idle": idle, "after_load": loaded, "load": parse_wrk(out)}
    print(json.dumps(summary, indent=2))
    if args.results:
        with open(args.results, "a") as r:
            r.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
