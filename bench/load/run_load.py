"""Bounded load test: `bvkg serve` (waitress) on 127.0.0.1 under wrk with the mix of targets.py.

    python -m bench.load.run_load --data /tmp/loaddata --clients 32 --seconds 60

Steps: every target is first requested once, alone (each must answer 200; the unloaded latency of
each kind is reported), then wrk runs CLIENTS connections for SECONDS and reports throughput,
latency percentiles and errors (non-2xx/3xx answers, socket errors). The server's resident memory
is read from /proc after the run. Needs Debian's `wrk` (apt-get install wrk). Not a unit test.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from bench.load.targets import build_targets

HERE = Path(__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen:
    bvkg = Path(sys.executable).parent / "bvkg"
    proc = subprocess.Popen([str(bvkg), "serve", "--data", str(data), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("bvkg serve exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("bvkg serve did not listen within 120 s")


def kind_of(path: str) -> str:
    return "query" if path.startswith("/sparql") else "search" if path.startswith("/search") else "entity"


def unloaded(url: str, targets: list[str]) -> dict:
    """Each distinct target once, alone: statuses and median latency per kind."""
    times: dict[str, list[float]] = {}
    each: list[tuple[float, str]] = []
    bad = []
    for path in sorted(set(targets)):
        t = time.perf_counter()
        try:
            req = urllib.request.Request(url + path, headers={"Accept": "text/html"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                resp.read()
                status = resp.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        times.setdefault(kind_of(path), []).append(time.perf_counter() - t)
        each.append((time.perf_counter() - t, path))
        if status != 200:
            bad.append((status, path[:120]))
    return {"distinct_targets": len(set(targets)), "non_200": bad,
            "median_ms": {k: round(statistics.median(v) * 1000, 1) for k, v in sorted(times.items())},
            "max_ms": {k: round(max(v) * 1000, 1) for k, v in sorted(times.items())},
            "slowest": [(round(t * 1000), _short(p)) for t, p in sorted(each, reverse=True)[:6]]}


def _short(path: str) -> str:
    """A named query's path as 'named query <id>', else the path itself."""
    if path.startswith("/sparql"):
        from urllib.parse import parse_qs, urlsplit

        from bvkg import settings
        from graph.queries import named_queries
        text = parse_qs(urlsplit(path).query)["query"][0]
        ids = {q.render(settings.get("BASE_IRI")): q.id for q in named_queries()}
        return f"named query {ids.get(text, text[:60])}"
    return path[:100]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return round(float(m.group(1)) * _UNITS[m.group(2)], 2)


def parse_wrk(out: str) -> dict:
    pct = {p: _ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M)}
    total = re.search(r"(\d+) requests in ([\d.]+\w+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": int(total.group(1)), "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": pct.get("50"), "p75_ms": pct.get("75"), "p90_ms": pct.get("90"), "p99_ms": pct.get("99"),
            "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": dict(zip(("connect", "read", "write", "timeout"), map(int, sock.groups()))) if sock else {}}


def rss_mb(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    get = lambda key: round(int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024, 1)  # noqa: E731
    return {"rss_mb": get("VmRSS"), "peak_rss_mb": get("VmHWM")}


def main() -> None:
    from bvkg import settings
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="DATA_DIR with a complete build")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--results", type=Path, default=None, help="append the JSON summary to this file")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    targets = build_targets(args.data, settings.get("BASE_IRI"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(targets) + "\n")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(args.data, port)
    try:
        warm = unloaded(url, targets)
        out = subprocess.run(["wrk", f"-t{args.threads}", f"-c{args.clients}", f"-d{args.seconds}s", "--latency",
                              "--timeout", "30s", "-s", str(HERE / "mix.lua"), url, "--", fh.name],
                             capture_output=True, text=True, check=True).stdout
        mem = rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(fh.name)
    build = json.loads((args.data / "current" / "build.json").read_text())
    summary = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "server": "bvkg serve (waitress, 8 threads)", "clients": args.clients, "seconds": args.seconds,
               "triples": build["triple_count"], "documents": build["documents"],
               "mix": {k: sum(kind_of(t) == k for t in targets) / len(targets) for k in ("entity", "query", "search")},
               "unloaded": warm, **parse_wrk(out), **mem}
    print(out)
    print(json.dumps(summary, indent=2))
    if args.results:
        with open(args.results, "a") as r:
            r.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
