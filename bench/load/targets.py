"""The request mix of the load test, read from a built graph: entity pages, named queries, searches.

    python -m bench.load.targets --data /tmp/loaddata > /tmp/targets.txt

One request path per line; a kind's share of lines is its share of the load (MIX). Entity pages are
people, authorities, posts, role holdings and documents found in the graph; named queries are the
worked examples of graph.queries rendered with their defaults and sent to /sparql as JSON; searches
are names and name fragments from the graph, with a typo in some.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path
from urllib.parse import quote, urlencode

from graph.queries import named_queries
from graph.store import open_store

MIX = {"entity": 50, "query": 25, "search": 25}   # percent of requests
KINDS = ["http://xmlns.com/foaf/0.1/Person", "https://w3id.org/bvkg/ontology#LocalAuthority",
         "http://www.w3.org/ns/org#Post", "https://w3id.org/bvkg/ontology#RoleHolding",
         "https://w3id.org/bvkg/ontology#Document"]


def entity_paths(store, base: str, per_kind: int = 40) -> list[str]:
    out = []
    for kind in KINDS:
        rows = store.select(f"SELECT DISTINCT ?s WHERE {{ ?s a <{kind}> FILTER(STRSTARTS(STR(?s), '{base}id/')) }} "
                            f"ORDER BY ?s LIMIT {per_kind}").rows
        out += ["/" + str(r["s"])[len(base):] for r in rows]
    return out


def query_paths(base: str) -> list[str]:
    return ["/sparql?" + urlencode({"query": q.render(base), "format": "json"}) for q in named_queries()]


def search_paths(store, rng: random.Random, n: int = 60) -> list[str]:
    rows = store.select("SELECT DISTINCT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n } ORDER BY ?n").rows
    names = [str(r["n"]) for r in rows] or ["Council"]
    terms = []
    for i in range(n):
        name = names[i % len(names)]
        if i % 3 == 1:                     # a surname alone
            name = name.split()[-1]
        elif i % 3 == 2 and len(name) > 4:  # a typo: two letters swapped
            k = rng.randrange(1, len(name) - 2)
            name = name[:k] + name[k + 1] + name[k] + name[k + 2:]
        terms.append(name)
    terms += ["Monitoring Officer", "section 151", "Directions", "best value", "commissioners"]
    return ["/search?q=" + quote(t) for t in terms]


def build_targets(data: Path, base: str, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    store = open_store({"DATA_DIR": str(data)})
    pools = {"entity": entity_paths(store, base), "query": query_paths(base), "search": search_paths(store, rng)}
    lines = []
    for kind, share in MIX.items():
        pool = pools[kind]
        lines += [pool[i % len(pool)] for i in range(share * 10)]
    rng.shuffle(lines)
    return lines


def main() -> None:
    from bvkg import settings
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    args = ap.parse_args()
    print("\n".join(build_targets(args.data, settings.get("BASE_IRI"))))


if __name__ == "__main__":
    main()
