"""Time the web app's pages on a built data dir, in-process with Flask's test client.

    python -m bench.scale.page_times --data DIR [--repeat 2] [--listings] [--json OUT]

Times create_app itself, then one or two pages of each kind (authority, person, post, role
holding, document, board, Direction, theme, role, a name search, a named-query page), picking the
entities by SPARQL from the graph (the first by IRI order, and for authorities and people also the
busiest), so the same command works on the real corpus, the x10 corpus and a synthetic graph.
Prints a table: page, status, wall seconds, CPU seconds of this process, store queries the page
issued. When the app builds its label index in the background, the time until it is ready is
shown under create_app, and pages are timed after it. Pages are timed cold (first request) then warm (best of --repeat more).
On a shared machine the wall time measures the neighbours too: read the CPU column.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from ontology.namespaces import sparql_prefixes

P = sparql_prefixes()

# kind -> SPARQL picking (?s) candidates; every query is ordered so a graph always gives the same pages.
FIRST = {
    "authority": "?s a bvkg:LocalAuthority",
    "person": "?s a foaf:Person",
    "post": "?s a org:Post",
    "role holding": "?s a bvkg:RoleHolding",
    "document": "?s bvkg:sourceFile ?f",
    "board": "?s a bvkg:Board",
    "direction": "?s a bvkg:Direction",
    "theme": "?s a bvkg:Theme",
    "role": "?s a org:Role",
}
# the busiest of a kind: most holdings (authorities by org:organization, people by org:member)
BUSIEST = {
    "authority": "?s a bvkg:LocalAuthority . ?h org:organization ?s",
    "person": "?s a foaf:Person . ?h org:member ?s",
}


class CountingStore:
    """Forwards to a store and counts the queries pages send it (select/ask/query_bytes)."""

    def __init__(self, inner):
        self._inner, self.queries = inner, 0

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if name in ("select", "ask", "query_bytes", "construct"):
            def counted(*a, **k):
                self.queries += 1
                return attr(*a, **k)
            return counted
        return attr


def pick(store, base: str) -> list[tuple[str, str]]:
    """(page name, path) for every kind the graph has, chosen by SPARQL."""
    out = []
    for kind, pattern in FIRST.items():
        rows = store.select(P + f"SELECT DISTINCT ?s WHERE {{ {pattern} FILTER(isIRI(?s)) }} ORDER BY ?s LIMIT 1").rows
        chosen = [str(r["s"]) for r in rows]
        if kind in BUSIEST:
            rows = store.select(P + f"""SELECT ?s (COUNT(DISTINCT ?h) AS ?n) WHERE {{ {BUSIEST[kind]} }}
                GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1""").rows
            chosen += [str(r["s"]) for r in rows if str(r["s"]) not in chosen]
        for i, iri in enumerate(chosen):
            name = kind if i == 0 else kind + " (busiest)"
            out.append((name, "/" + iri[len(base):] if iri.startswith(base + "id/") else "/describe?iri=" + iri))
    rows = store.select(P + "SELECT ?n WHERE { ?s a foaf:Person ; foaf:name ?n } ORDER BY ?s LIMIT 1").rows
    if rows:
        surname = str(rows[0]["n"]).split()[1] if len(str(rows[0]["n"]).split()) > 1 else str(rows[0]["n"])
        out.append(("search (a surname)", "/search?q=" + surname.lower()))
        out.append(("search (a full name, typo)", "/search?q=" + str(rows[0]["n"])[:-1].replace(" ", "+")))
    rows = store.select(P + "SELECT ?s WHERE { ?s a org:Post } ORDER BY ?s LIMIT 1").rows
    if rows:
        out.append(("named query post-holders", "/query?example=post-holders&post=" + str(rows[0]["s"])))
    return out


LISTINGS = [("home", "/"), ("as-of", "/as-of?date=2024-06-01"), ("directions", "/directions")]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(client, path: str, store: CountingStore) -> dict:
    store.queries = 0
    w, c = time.perf_counter(), cpu()
    resp = client.get(path, follow_redirects=True, headers={"Accept": "text/html"})
    resp.get_data()
    return {"status": resp.status_code, "seconds": round(time.perf_counter() - w, 3),
            "cpu": round(cpu() - c, 3), "queries": store.queries, "bytes": len(resp.get_data())}


def run(data: Path, repeat: int, listings: bool, workers: int | None) -> dict:
    from web.app import create_app

    overrides = {"DATA_DIR": str(data)}
    if workers is not None:
        overrides["QUERY_WORKERS"] = workers
    w, c = time.perf_counter(), cpu()
    app = create_app(overrides)
    start = {"seconds": round(time.perf_counter() - w, 3), "cpu": round(cpu() - c, 3)}
    ctx = app.extensions["bvkg"]
    warming = getattr(ctx, "warming", None)
    if warming is not None:  # the label index is built in the background: time until it is ready
        warming.join()
        start["index_ready"] = round(time.perf_counter() - w, 3)
        start["index_cpu"] = round(cpu() - c, 3)
    store = CountingStore(ctx.store())
    ctx._store = store  # pages read through the counter from now on
    pages = pick(store, ctx.base) + (LISTINGS if listings else [])
    client = app.test_client()
    results = []
    for name, path in pages:
        first = timed(client, path, store)
        again = [timed(client, path, store) for _ in range(repeat)]
        best = min(again, key=lambda r: r["seconds"]) if again else first
        results.append({"page": name, "path": path, "cold": first, "warm": best})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"data": str(data), "create_app": start, "pages": results, "peak_rss_mb": round(peak, 1),
            "triples": _triples(data)}


def _triples(data: Path):
    try:
        return json.loads((data / "current" / "build.json").read_text()).get("triple_count")
    except (OSError, ValueError):
        return None


def table(res: dict) -> str:
    lines = [f"data {res['data']} ({res['triples']} triples); peak RSS {res['peak_rss_mb']} MB",
             f"{'page':32} {'status':>6} {'cold s':>8} {'cpu s':>7} {'warm s':>8} {'queries':>7}  path",
             f"{'create_app':32} {'':>6} {res['create_app']['seconds']:8.3f} {res['create_app']['cpu']:7.3f}"]
    if "index_ready" in res["create_app"]:
        lines.append(f"{'  label index ready (background)':32} {'':>6} {res['create_app']['index_ready']:8.3f} "
                     f"{res['create_app']['index_cpu']:7.3f}")
    for r in res["pages"]:
        c, w = r["cold"], r["warm"]
        lines.append(f"{r['page']:32} {c['status']:>6} {c['seconds']:8.3f} {c['cpu']:7.3f} {w['seconds']:8.3f} "
                     f"{c['queries']:>7}  {r['path'][:90]}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a DATA_DIR with a `current` build")
    ap.add_argument("--repeat", type=int, default=1, help="warm repeats of each page (best is shown)")
    ap.add_argument("--listings", action="store_true", help="also time /, /as-of and /directions (whole-graph pages)")
    ap.add_argument("--workers", type=int, default=None, help="QUERY_WORKERS for the named-query page")
    ap.add_argument("--json", type=Path, default=None, help="append the result as one JSON line here")
    args = ap.parse_args()
    res = run(args.data, args.repeat, args.listings, args.workers)
    print(table(res), flush=True)
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    sys.exit(main())
