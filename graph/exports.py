"""Dumps, tables and the dataset description written after every build (and by `bvkg export`).

- RDF dumps: Turtle and N-Triples of the union (distinct triples), N-Quads, TriG and JSON-LD with
  one named graph per document (the dataset formats leave out the default graph: in a build it is
  the materialised union of the named graphs). pyoxigraph writes all of them (rdflib's writers are
  far too slow at scale, DESIGN §5); JSON-LD gets compact IRIs of the contract's prefixes.
- Same data, same bytes, whatever the store's insertion order or engine: every dump is written in
  sorted N-Triples/N-Quads line order (N-Triples/N-Quads are those lines; Turtle is the union in that
  order; TriG and JSON-LD go graph by graph, by name, each graph in that order).
- Memory does not grow with the graph: statements stream from Oxigraph, a batch at a time, through
  an external merge sort (graph.store.sorted_lines: sorted runs spilled to temp files) to the
  output file; JSON-LD is written one graph (or one JSONLD_CHUNK_QUADS piece of it) at a time;
  gzip and sha256 read files in chunks. The CSV tables and the networks hold their rows (small).
- CSV tables with FIXED columns (DESIGN §6, a public interface: change only with a version note).
  ``document`` and ``paragraph`` cells are IRIs (the paragraph IRI is the anchor on the document's
  page); people, roles and organisations are their labels; empty cells where the text says nothing.
- ``void.ttl``: VoID/DCAT description (counts, class partitions, sources, licence, distributions).
- ``index.json``: every file with its size and sha256.

Every writer takes ``(store, out)`` with ``out`` a binary file, so `bvkg export NAME` can stream
to standard output.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import os
import shutil
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, NamedTuple

import pyoxigraph as ox
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from bvkg import settings
from graph.store import has_default_graph, serialized_lines, sorted_lines, write_lines
from ontology.iris import slug
from ontology.namespaces import PREFIXES, sparql_prefixes


class Export(NamedTuple):
    filename: str
    media_type: str
    writer: Callable[[object, BinaryIO], None]


# ---------------------------------------------------------------- the raw store

def _raw(store) -> ox.Store:
    """The pyoxigraph store behind ``store``; a copy in memory for stores without one (remote)."""
    raw = getattr(store, "raw", None)
    if callable(raw):
        return raw()
    from graph.store import to_oxigraph

    copy = ox.Store()
    copy.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g))
                for s, p, o, g in store.quads())
    return copy


def _default_graph(st: ox.Store):
    """The graph to read the union from: the build's materialised default graph, else every quad."""
    return ox.DefaultGraph() if has_default_graph(st) else None


def union_lines(store) -> Iterator[bytes]:
    """Distinct triples of the union as sorted N-Triples lines (a triple in two graphs is written once).

    A build's default graph already is that union; a store without one (tests, hand loads) gives
    the triples of every quad, de-duplicated by the sort.
    """
    st = _raw(store)
    triples = (q.triple for q in st.quads_for_pattern(None, None, None, _default_graph(st)))
    return sorted_lines(serialized_lines(triples, ox.RdfFormat.N_TRIPLES), unique=True)


def union_ntriples(store) -> bytes:
    """union_lines as one bytes object (small stores and tests; the writers stream)."""
    return b"".join(union_lines(store))


def write_nt(store, out: BinaryIO) -> None:
    write_lines(union_lines(store), out)


def write_nq(store, out: BinaryIO) -> None:
    dump = getattr(store, "dump_nquads", None)
    if callable(dump):
        dump(out)
    else:
        write_lines(sorted_lines(serialized_lines(_named_quads(store), ox.RdfFormat.N_QUADS)), out)


def _parsed(lines: Iterable[bytes], fmt: ox.RdfFormat, batch: int = 20_000) -> Iterator:
    """Sorted N-Triples/N-Quads lines back to pyoxigraph terms, a batch at a time, order kept."""
    it = iter(lines)
    while block := list(itertools.islice(it, batch)):
        yield from ox.parse(b"".join(block), format=fmt)


def write_ttl(store, out: BinaryIO) -> None:
    # the union in one graph, in N-Triples line order: pyoxigraph's streaming Turtle writer groups
    # a subject's (sorted, so consecutive) triples under it
    ox.serialize(_parsed(union_lines(store), ox.RdfFormat.N_TRIPLES), output=out,
                 format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def _named_quads(store) -> Iterator:
    """Quads of the named graphs only: the default graph of a build is their materialised union."""
    return (q for q in _raw(store) if not isinstance(q.graph_name, ox.DefaultGraph))


def _graph_names(st: ox.Store) -> list:
    return sorted((g for g in st.named_graphs() if not isinstance(g, ox.DefaultGraph)), key=str)


def _sorted_graphs(store) -> Iterator[tuple[object, Iterator]]:
    """(name, its quads in sorted N-Quads line order) for each named graph, by name: one graph's
    lines are sorted at a time, in bounded memory, so the output never depends on the store's order."""
    st = _raw(store)
    for g in _graph_names(st):
        lines = sorted_lines(serialized_lines(st.quads_for_pattern(None, None, None, g), ox.RdfFormat.N_QUADS))
        yield g, _parsed(lines, ox.RdfFormat.N_QUADS)


def write_trig(store, out: BinaryIO) -> None:
    quads = itertools.chain.from_iterable(q for _, q in _sorted_graphs(store))
    ox.serialize(quads, output=out, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


JSONLD_CHUNK_QUADS = 20_000   # a bigger graph is written as several objects with its @id (see below)


def _subject_chunks(quads: Iterator, size: int) -> Iterator[list]:
    """Runs of about ``size`` quads, cut only where the subject changes (quads sorted by subject)."""
    chunk: list = []
    for q in quads:
        if len(chunk) >= size and q.subject != chunk[-1].subject:
            yield chunk
            chunk = []
        chunk.append(q)
    if chunk:
        yield chunk


def _curie_rewriter():
    """A function shortening IRIs in pyoxigraph's expanded JSON-LD to compact IRIs of PREFIXES.

    A plain rewrite of keys and ``@id``/``@type`` values, not the JSON-LD compaction algorithm
    (rdflib's takes minutes at a million triples); any JSON-LD processor expands it back.
    """
    by_length = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

    def curie(iri: str) -> str:
        for prefix, ns in by_length:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def walk(node):
        if isinstance(node, list):
            return [walk(n) for n in node]
        if isinstance(node, dict):
            outd = {}
            for k, v in node.items():
                if k in ("@id", "@type") and isinstance(v, str):
                    outd[k] = curie(v)
                elif k == "@type" and isinstance(v, list):
                    outd[k] = [curie(x) for x in v]
                elif k.startswith("@"):
                    outd[k] = walk(v)
                else:
                    outd[curie(k)] = walk(v)
            return outd
        return node

    return walk


def write_jsonld(store, out: BinaryIO) -> None:
    """JSON-LD of every named graph, with a context of the contract's prefixes, written a piece at a time.

    ``{"@context": ..., "@graph": [{"@id": graph, "@graph": [nodes]}, ...]}``: one object per named
    graph (by name), its nodes in sorted N-Quads order. pyoxigraph writes each piece as expanded
    JSON-LD and _curie_rewriter shortens it. A graph of more than JSONLD_CHUNK_QUADS quads is
    split into several objects with the same ``@id`` (cut between subjects): JSON-LD merges them
    back into one named graph, so the document reads back to the same quads while no more than
    one piece is ever in memory.
    """
    walk = _curie_rewriter()
    context = json.dumps({p: ns for p, ns in sorted(PREFIXES.items())}, ensure_ascii=False, indent=1,
                         sort_keys=True)
    out.write(("{\n \"@context\": " + context.replace("\n", "\n ") + ",\n \"@graph\": [").encode("utf-8"))
    first = True
    for _, quads in _sorted_graphs(store):
        for chunk in _subject_chunks(quads, JSONLD_CHUNK_QUADS):
            for obj in walk(json.loads(ox.serialize(chunk, format=ox.RdfFormat.JSON_LD))):
                text = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True)
                out.write((("\n" if first else ",\n") + "  " + text.replace("\n", "\n  ")).encode("utf-8"))
                first = False
    out.write(b"\n ]\n}" if not first else b"]\n}")


# ---------------------------------------------------------------- CSV tables (fixed columns)

ROLE_HOLDINGS_COLUMNS = ("person", "role", "role_as_written", "authority", "capacity", "start", "end",
                         "attested_on", "document", "paragraph", "quote")
PEOPLE_COLUMNS = ("person", "name", "variants", "documents", "iri")
BOARD_MEMBERSHIPS_COLUMNS = ("board", "member", "board_role", "lead_for", "represents", "as_at",
                             "document", "paragraph", "quote")
DIRECTION_ITEMS_COLUMNS = ("direction", "status", "direction_date", "item", "requirement", "deadline_duration",
                           "deadline", "reporting_interval", "reports_to", "document", "paragraph", "quote")

_DATE = "time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear"
_EVIDENCE = """
  ?q oa:hasSource ?paragraph ; oa:hasSelector ?sel .
  ?sel oa:exact ?quote .
  ?paragraph dcterms:isPartOf ?document ."""


def _label(var: str, out: str, prop: str = "rdfs:label") -> str:
    """One label per entity (MIN), de-duplicated before the join: the union repeats a label per graph."""
    return f"OPTIONAL {{ SELECT ?{var} (MIN(STR(?l_{out})) AS ?{out}) WHERE {{ ?{var} {prop} ?l_{out} }} GROUP BY ?{var} }}"


def _date(prop: str, out: str) -> str:
    return (f"OPTIONAL {{ SELECT DISTINCT ?att (STR(?v_{out}) AS ?{out}) WHERE {{ ?att bvkg:{prop} ?i_{out} . "
            f"{{ SELECT DISTINCT ?i_{out} ?v_{out} WHERE {{ ?i_{out} {_DATE} ?v_{out} }} }} }} }}")


# One row per attestation (a document showing the role held, with any start/end it states).
# Board and committee seats are in board-memberships.csv. Same shape rules as graph/queries/*.rq.
ROLE_HOLDINGS_SPARQL = f"""
SELECT DISTINCT ?att ?person ?role ?role_as_written ?authority ?capacity ?start ?end ?attested_on
       ?document ?paragraph ?quote
WHERE {{
  {{ SELECT DISTINCT ?h ?org ?r WHERE {{ ?h org:organization ?org ; org:role ?r }} }}
  ?h bvkg:hasAttestation ?att .
  ?att prov:wasDerivedFrom ?q .{_EVIDENCE}
  {_label("r", "role", "skos:prefLabel")}
  {_label("org", "authority")}
  OPTIONAL {{ SELECT DISTINCT ?h ?person WHERE {{
      {{ SELECT DISTINCT ?h ?m WHERE {{ ?h org:member ?m }} }}
      {{ SELECT ?m (MIN(STR(?n)) AS ?person) WHERE {{ ?m foaf:name ?n }} GROUP BY ?m }} }} }}
  OPTIONAL {{ ?att bvkg:roleAsWritten ?role_as_written }}
  OPTIONAL {{ ?att bvkg:capacity ?c . ?c skos:prefLabel ?capacity }}
  {_date("statedStart", "start")}
  {_date("statedEnd", "end")}
  {_date("attestedOn", "attested_on")}
  FILTER NOT EXISTS {{ ?org a bvkg:Board }}
  FILTER NOT EXISTS {{ ?org a bvkg:Committee }}
}}"""

BOARD_MEMBERSHIPS_SPARQL = f"""
SELECT DISTINCT ?att ?board ?member ?board_role ?lead_for ?represents ?as_at ?document ?paragraph ?quote
WHERE {{
  {{ SELECT DISTINCT ?h ?b ?r WHERE {{ ?h org:organization ?b ; org:role ?r }} }}
  {{ SELECT DISTINCT ?b WHERE {{ ?b a ?board_type . VALUES ?board_type {{ bvkg:Board bvkg:Committee }} }} }}
  ?h bvkg:hasAttestation ?att .
  ?att prov:wasDerivedFrom ?q .{_EVIDENCE}
  {_label("b", "board")}
  {_label("r", "board_role", "skos:prefLabel")}
  OPTIONAL {{ SELECT DISTINCT ?h ?member WHERE {{
      {{ SELECT DISTINCT ?h ?m WHERE {{ ?h org:member ?m }} }}
      {{ SELECT ?m (MIN(STR(?n)) AS ?member) WHERE {{ ?m foaf:name ?n }} GROUP BY ?m }} }} }}
  OPTIONAL {{ SELECT ?h (GROUP_CONCAT(DISTINCT STR(?tl); SEPARATOR="; ") AS ?lead_for) WHERE {{ ?h bvkg:leadFor ?t . ?t skos:prefLabel ?tl }} GROUP BY ?h }}
  OPTIONAL {{ SELECT ?h (MIN(STR(?gl)) AS ?represents) WHERE {{
      {{ SELECT DISTINCT ?h ?g WHERE {{ ?h bvkg:represents ?g }} }} ?g rdfs:label ?gl }} GROUP BY ?h }}
  {_date("attestedOn", "as_at")}
}}"""

DIRECTION_ITEMS_SPARQL = f"""
SELECT DISTINCT ?it ?direction ?status ?direction_date ?item ?requirement ?deadline_duration ?deadline
       ?reporting_interval ?reports_to ?document ?paragraph ?quote
WHERE {{
  {{ SELECT DISTINCT ?direction ?it WHERE {{ ?direction a bvkg:Direction ; bvkg:hasItem ?it }} }}
  ?it bvkg:itemLabel ?item ; prov:wasDerivedFrom ?q .{_EVIDENCE}
  OPTIONAL {{ ?direction bvkg:status ?status }}
  OPTIONAL {{ ?direction dcterms:date ?dd }}
  OPTIONAL {{ ?it bvkg:requirement ?requirement }}
  OPTIONAL {{ ?it bvkg:deadlineDuration ?dur }}
  OPTIONAL {{ ?it bvkg:deadline ?dl }}
  OPTIONAL {{ ?it bvkg:reportingInterval ?ri }}
  OPTIONAL {{ SELECT ?it (MIN(STR(?l)) AS ?reports_to) WHERE {{
      ?it bvkg:reportsTo ?rt . {{ SELECT DISTINCT ?rt ?l WHERE {{ ?rt rdfs:label ?l }} }} }} GROUP BY ?it }}
  BIND(STR(?dd) AS ?direction_date) BIND(STR(?dur) AS ?deadline_duration)
  BIND(STR(?dl) AS ?deadline) BIND(STR(?ri) AS ?reporting_interval)
}}"""

# three passes (names, variants, documents), each de-duplicated, joined in Python
PEOPLE_SPARQL = (
    "SELECT DISTINCT ?iri ?name WHERE { ?iri a foaf:Person . OPTIONAL { ?iri foaf:name ?name } }",
    "SELECT DISTINCT ?iri ?variant WHERE { { SELECT DISTINCT ?iri WHERE { ?iri a foaf:Person } } ?iri skos:altLabel ?variant }",
    """SELECT DISTINCT ?iri ?document WHERE {
  { SELECT DISTINCT ?iri WHERE { ?iri a foaf:Person } }
  { ?document dcterms:creator ?iri }
  UNION { ?document schema:recipient ?iri }
  UNION { ?para bvkg:mentions ?iri . ?para dcterms:isPartOf ?document }
  UNION { { SELECT DISTINCT ?h ?iri WHERE { ?h org:member ?iri } }
          ?h bvkg:hasAttestation ?att .
          ?att prov:wasDerivedFrom ?q . ?q oa:hasSource ?para2 . ?para2 dcterms:isPartOf ?document }
}""")


def _table(store, sparql: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    from graph.analytics import string_rows

    rows = string_rows(store, sparql_prefixes() + sparql, columns)
    return sorted({tuple(r.get(c, "") for c in columns) for r in rows})


def _write_csv(out: BinaryIO, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        w = csv.writer(text)  # RFC 4180: CRLF line ends, quotes only where needed
        w.writerow(columns)
        w.writerows(rows)
        text.flush()
    finally:
        text.detach()  # leave the caller's file open (stdout in `bvkg export`)


def role_holdings_rows(store) -> list[tuple[str, ...]]:
    return _table(store, ROLE_HOLDINGS_SPARQL, ROLE_HOLDINGS_COLUMNS)


def board_memberships_rows(store) -> list[tuple[str, ...]]:
    return _table(store, BOARD_MEMBERSHIPS_SPARQL, BOARD_MEMBERSHIPS_COLUMNS)


def direction_items_rows(store) -> list[tuple[str, ...]]:
    return _table(store, DIRECTION_ITEMS_SPARQL, DIRECTION_ITEMS_COLUMNS)


def people_rows(store) -> list[tuple[str, ...]]:
    """One row per person: variants and documents joined with "; " and " ", each sorted."""
    from graph.analytics import string_rows

    people: dict[str, dict] = {}
    for sparql, var, key in zip(PEOPLE_SPARQL, ("name", "variant", "document"), ("names", "variants", "documents")):
        for r in string_rows(store, sparql_prefixes() + sparql, ("iri", var)):
            p = people.setdefault(r["iri"], {"names": set(), "variants": set(), "documents": set()})
            if var in r:
                p[key].add(r[var])
    rows = []
    for iri, p in people.items():
        name = min(p["names"]) if p["names"] else ""
        variants = sorted(v for v in p["variants"] | (p["names"] - {name}))
        rows.append((iri.rstrip("/").rsplit("/", 1)[-1], name, "; ".join(variants),
                     " ".join(sorted(p["documents"])), iri))
    return sorted(rows)


def _csv_writer(columns, rows_fn):
    def write(store, out: BinaryIO) -> None:
        _write_csv(out, columns, rows_fn(store))
    return write


# ---------------------------------------------------------------- VoID / DCAT

def void_graph(store, build_info: dict | None = None, files: list[dict] | None = None) -> rdflib.Graph:
    """The dataset description: counts straight from the store, so they always agree with it."""
    info = build_info or {}
    base = info.get("base") or settings.get("BASE_IRI")
    base = base if base.endswith("/") else base + "/"
    download = info.get("download_base") or base + "download/"
    ds = URIRef(base + "dataset")
    g = rdflib.Graph()
    for p, ns in {"void": str(VOID), "dcat": str(DCAT), "dcterms": str(DCTERMS), "xsd": str(XSD), **PREFIXES}.items():
        g.bind(p, ns, override=True)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(info.get("title", "bvkg: the Best Value knowledge graph"))))
    g.add((ds, DCTERMS.description, Literal(
        "English local-government Best Value interventions (Local Government Act 1999) as RDF, "
        "with provenance to the paragraph and the exact quoted words.")))
    g.add((ds, DCTERMS.license, URIRef(info.get("licence") or settings.get("LICENCE_URL"))))
    built = info.get("built_at") or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    g.add((ds, DCTERMS.modified, Literal(str(built), datatype=XSD.dateTime)))
    if info.get("version"):
        g.add((ds, OWL.versionInfo, Literal(str(info["version"]))))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(info.get("sparql_endpoint") or base + "sparql")))
    for prefix in ("bvkg", "org", "prov", "time", "skos", "dcterms", "foaf", "schema", "oa"):
        g.add((ds, VOID.vocabulary, URIRef(PREFIXES[prefix])))
    # void:triples counts quads: a triple stated by two documents is two statements with two sources
    g.add((ds, VOID.triples, Literal(store.triple_count(), datatype=XSD.integer)))
    counts = _one_row(store, """SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
                                (COUNT(DISTINCT ?p) AS ?properties) WHERE { ?s ?p ?o }""")
    g.add((ds, VOID.distinctSubjects, Literal(int(counts["subjects"]), datatype=XSD.integer)))
    g.add((ds, VOID.distinctObjects, Literal(int(counts["objects"]), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(int(counts["properties"]), datatype=XSD.integer)))
    for r in store.select("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c").rows:
        part = URIRef(f"{ds}/class/{_curie_slug(str(r['c']))}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], r["c"]))
        g.add((part, VOID.entities, Literal(int(r["n"]), datatype=XSD.integer)))
    per_graph = {str(r["g"]): int(r["n"]) for r in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows}
    documents = {str(r["d"]) for r in store.select(
        sparql_prefixes() + "SELECT DISTINCT ?d WHERE { ?d bvkg:sourceFile ?f }").rows}
    for name in sorted(per_graph):
        part = URIRef(f"{ds}/graph/{slug(name.removeprefix(base))}")
        g.add((ds, VOID.subset, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID.triples, Literal(per_graph[name], datatype=XSD.integer)))
        g.add((part, DCTERMS.identifier, Literal(name)))
        if name in documents:
            g.add((part, DCTERMS.source, URIRef(name)))
    for d in sorted(documents):
        g.add((ds, DCTERMS.source, URIRef(d)))
    for f in files or ():
        dist = URIRef(f"{ds}/distribution/{f['file']}")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f["file"])))
        g.add((dist, DCAT.downloadURL, URIRef(download + f["file"])))
        g.add((dist, DCAT.mediaType, Literal(f["media_type"])))
        g.add((dist, DCAT.byteSize, Literal(f["bytes"], datatype=XSD.integer)))
        g.add((dist, DCTERMS.license, URIRef(info.get("licence") or settings.get("LICENCE_URL"))))
    return g


def _curie_slug(iri: str) -> str:
    """'http://xmlns.com/foaf/0.1/Person' -> 'foaf-person' (readable, stable partition IRIs)."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            return slug(f"{prefix}-{iri[len(ns):]}")
    return slug(iri)


def _one_row(store, sparql: str) -> dict:
    rows = store.select(sparql).rows
    return rows[0] if rows else {}


def _void_ttl(store, build_info: dict | None, files: list[dict] | None) -> bytes:
    # small graph: rdflib's writer is fine here; pyoxigraph re-serialises it for a stable, sorted layout
    nt = rdflib.Graph()
    nt += void_graph(store, build_info, files)
    lines = sorted(set(nt.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)))
    scratch = ox.Store()
    scratch.bulk_load(b"".join(lines), ox.RdfFormat.N_TRIPLES)
    return scratch.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                        prefixes={"void": str(VOID), "dcat": str(DCAT), **PREFIXES})


def write_void(store, out: BinaryIO) -> None:
    out.write(_void_ttl(store, None, None))


# ---------------------------------------------------------------- networks

def write_graphml(store, out: BinaryIO, network=None) -> None:
    from graph.analytics import write_graphml as _w
    _w(store, out, network)


def write_gexf(store, out: BinaryIO, network=None) -> None:
    from graph.analytics import write_gexf as _w
    _w(store, out, network)


NETWORKS = ("graphml", "gexf")   # write_all builds the network once for these


def _write_export(name: str, store, out: BinaryIO, shared: dict) -> None:
    if name not in NETWORKS:
        EXPORTS[name].writer(store, out)
        return
    if "network" not in shared:
        from graph.analytics import annotated_network
        shared["network"] = annotated_network(store)
    EXPORTS[name].writer(store, out, shared["network"])


# ---------------------------------------------------------------- registry

EXPORTS: dict[str, Export] = {
    "ttl": Export("bvkg.ttl", "text/turtle", write_ttl),
    "nt": Export("bvkg.nt", "application/n-triples", write_nt),
    "nq": Export("bvkg.nq", "application/n-quads", write_nq),
    "trig": Export("bvkg.trig", "application/trig", write_trig),
    "jsonld": Export("bvkg.jsonld", "application/ld+json", write_jsonld),
    "role-holdings": Export("role-holdings.csv", "text/csv", _csv_writer(ROLE_HOLDINGS_COLUMNS, role_holdings_rows)),
    "people": Export("people.csv", "text/csv", _csv_writer(PEOPLE_COLUMNS, people_rows)),
    "board-memberships": Export("board-memberships.csv", "text/csv",
                                _csv_writer(BOARD_MEMBERSHIPS_COLUMNS, board_memberships_rows)),
    "direction-items": Export("direction-items.csv", "text/csv",
                              _csv_writer(DIRECTION_ITEMS_COLUMNS, direction_items_rows)),
    "graphml": Export("bvkg.graphml", "application/graphml+xml", write_graphml),
    "gexf": Export("bvkg.gexf", "application/gexf+xml", write_gexf),
    "void": Export("void.ttl", "text/turtle", write_void),
}
GZIPPED = ("ttl", "nt", "nq", "trig", "jsonld")   # dumps also written as <file>.gz
INDEX_FILE = "index.json"


def export(name: str, store, out: BinaryIO) -> None:
    """Write one export to a binary file (`bvkg export NAME` passes sys.stdout.buffer)."""
    try:
        EXPORTS[name].writer(store, out)
    except KeyError:
        raise KeyError(f"unknown export {name!r}; choose from {', '.join(sorted(EXPORTS))}") from None


_COPY_CHUNK = 1 << 20


def _gzip_file(src: Path, dst: Path) -> None:
    """dst = gzip of src, streamed. mtime=0 and no file name inside: the same dump gives the same .gz bytes."""
    with open(src, "rb") as fin, open(dst, "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
        shutil.copyfileobj(fin, gz, _COPY_CHUNK)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_COPY_CHUNK):
            h.update(block)
    return h.hexdigest()


def _entry(path: Path, name: str, media_type: str, encoding: str | None = None) -> dict:
    entry = {"name": name, "file": path.name, "media_type": media_type, "bytes": path.stat().st_size,
             "sha256": _sha256(path)}
    if encoding:
        entry["encoding"] = encoding
    return entry


def write_all(store, out_dir, build_info: dict | None = None) -> list[dict]:
    """Write every export (dumps also gzipped), then void.ttl describing them, then index.json.

    build_info (all optional): built_at (ISO date-time), version, base, download_base,
    sparql_endpoint, licence, title. Returns the index: one dict per file with name, file,
    media_type, bytes, sha256 (and encoding "gzip" for .gz files).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    index: list[dict] = []
    shared: dict = {}
    for name, ex in EXPORTS.items():
        if name == "void":
            continue
        path = out / ex.filename
        with open(path, "wb") as fh:
            _write_export(name, store, fh, shared)
        index.append(_entry(path, name, ex.media_type))
        if name in GZIPPED:
            gz = out / (ex.filename + ".gz")
            _gzip_file(path, gz)
            index.append(_entry(gz, name, ex.media_type, encoding="gzip"))
    shared.clear()   # the network: not needed for void.ttl
    void = out / EXPORTS["void"].filename
    void.write_bytes(_void_ttl(store, build_info, index))
    index.append(_entry(void, "void", EXPORTS["void"].media_type))
    tmp = out / (INDEX_FILE + ".tmp")
    tmp.write_text(json.dumps(index, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out / INDEX_FILE)
    return index
