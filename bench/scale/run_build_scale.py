"""Time `bvkg build` on generated corpora of 1x, 10x, 100x the bundled corpus; peak RSS of each build.

    python -m bench.scale.run_build_scale --factors 1 10 100 --work /tmp/scale --timeout 900

Each build runs as its own `bvkg build` process (wall time from outside, peak RSS from
wait4's rusage). A build over --timeout seconds is stopped and reported as such. Results are
appended, one JSON object per line, to WORK/results.jsonl as each build finishes, so a long run
can be read while it goes on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.scale.make_corpus import make


def run_build(corpus: Path, data: Path, timeout: float, log: Path) -> dict:
    bvkg = Path(sys.executable).parent / "bvkg"
    started = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(bvkg), "build", "--corpus", str(corpus), "--data", str(data)],
                                stdout=out, stderr=subprocess.STDOUT)
        status, rss_kb, timed_out, cpu = None, 0, False, 0.0
        while status is None:
            pid, st, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rss_kb, cpu = st, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
                break
            if time.monotonic() - started > timeout:
                proc.send_signal(signal.SIGKILL)
                _, st, usage = os.wait4(proc.pid, 0)
                status, rss_kb, timed_out, cpu = st, usage.ru_maxrss, True, usage.ru_utime + usage.ru_stime
                break
            time.sleep(0.2)
    wall = time.monotonic() - started
    meta = {}
    if not timed_out and (data / "current" / "build.json").exists():
        meta = json.loads((data / "current" / "build.json").read_text())
    # CPU seconds as well as wall time: on a shared machine the wall time measures the neighbours too
    return {"seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(rss_kb / 1024, 1), "timed_out": timed_out,
            "exit": os.waitstatus_to_exitcode(status), "triples": meta.get("triple_count"),
            "documents_built": meta.get("documents"), "failures": len(meta.get("failures", []))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--work", type=Path, default=Path("/tmp/scale"))
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per build before it is stopped")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = args.work / "results.jsonl"
    for f in args.factors:
        corpus = args.work / f"x{f}"
        files = make(f, corpus)
        row = {"factor": f, "documents": len(files), "bytes": sum(p.stat().st_size for p in files),
               "machine": f"{platform.machine()} {os.cpu_count()} CPUs, {platform.python_version()}",
               "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
        row.update(run_build(corpus, args.work / f"data-x{f}", args.timeout, args.work / f"build-x{f}.log"))
        print(json.dumps(row), flush=True)
        with open(results, "a") as fh:
            fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
