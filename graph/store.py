"""The one small store interface: everything outside graph/build reads the graph through it.

Two implementations answer the same questions the same way:
- ``OxigraphStore``: pyoxigraph embedded (on disk, or in memory for tests); queries read the
  de-duplicated union that builds materialise in the default graph (or Oxigraph's union mode when
  there is none), pyoxigraph's own serializers on the hot path (never rdflib's Turtle writer);
- ``RemoteStore``: any SPARQL 1.1 Protocol server through SPARQLWrapper (its default graph must be
  the de-duplicated union of the named graphs, as a built store's is).

``open_store(overrides)`` picks one from the settings table. A missing, corrupt or unreachable
store raises ``StoreUnavailable`` (the web app answers 502/503 with its message) and malformed
SPARQL raises ``QuerySyntaxError`` with the parser's message (the endpoint answers 400).
"""
from __future__ import annotations

import heapq
import itertools
import json
import os
import re
import tempfile
import threading
import urllib.error
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Protocol, runtime_checkable

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import BNode, Literal, Node, URIRef

from bvkg import settings
from ontology.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# fmt name -> (pyoxigraph format, media type)
RESULT_FORMATS = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
}
GRAPH_FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "xml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}
# A format asked for the other kind of result gets its nearest sibling (the media type says which).
_GRAPH_FALLBACK = {"json": "jsonld", "csv": "nt", "tsv": "nt", "xml": "xml"}
_RESULT_FALLBACK = {"ttl": "json", "nt": "json", "jsonld": "json"}


class StoreUnavailable(RuntimeError):
    """The graph cannot be read: not built yet, corrupt, or the remote server is down."""


class QuerySyntaxError(ValueError):
    """Malformed SPARQL; ``message`` is the parser's own words, ``line``/``column`` when it gives them."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @classmethod
    def from_parser(cls, message: str) -> "QuerySyntaxError":
        m = re.search(r"\bat (\d+):(\d+)", message)
        return cls(message, int(m.group(1)), int(m.group(2))) if m else cls(message)


@dataclass
class SelectResult:
    """SELECT answers as rdflib terms; a variable left unbound in a row is absent from its dict."""
    vars: list[str]
    rows: list[dict[str, Node]] = field(default_factory=list)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, var: str) -> list[Node | None]:
        return [r.get(var) for r in self.rows]


@runtime_checkable
class Store(Protocol):
    def select(self, sparql: str) -> SelectResult: ...
    def ask(self, sparql: str) -> bool: ...
    def construct(self, sparql: str) -> rdflib.Graph: ...
    def describe(self, iri: str) -> rdflib.Graph: ...
    def quads(self, graph_name: str | None = None) -> Iterator[tuple]: ...
    def graph_names(self) -> list[str]: ...
    def query_bytes(self, sparql: str, fmt: str) -> tuple[bytes, str]: ...
    def serialize_query(self, sparql: str, fmt: str) -> bytes: ...
    def triple_count(self) -> int: ...


# ---------------------------------------------------------------- term conversion

@lru_cache(maxsize=1 << 16)
def to_rdflib(term) -> Node:
    """pyoxigraph term -> rdflib term, keeping the literal's lexical form exactly.

    Cached: result rows repeat the same IRIs and dates, and building an rdflib Literal (which parses
    its value) cost more than the query itself on large answers (bench/README.md). Terms are immutable.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        # xsd:string and a plain literal are one thing in RDF 1.1 but unequal in rdflib: use plain.
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt), normalize=False)
    if isinstance(term, (ox.DefaultGraph,)) or term is None:
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"unsupported RDF term {term!r}")


def to_oxigraph(term: Node):
    """rdflib term -> pyoxigraph term (graph names: None or rdflib's default-graph id -> DefaultGraph)."""
    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, rdflib.Graph):  # rdflib hands graphs, not names, in some quad iterators
        return to_oxigraph(term.identifier)
    raise TypeError(f"unsupported rdflib term {term!r}")


def _graph_of(triples: Iterable) -> rdflib.Graph:
    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


# ---------------------------------------------------------------- dumps in bounded memory

SORT_CHUNK_BYTES = 16 << 20   # lines sorted in memory at a time; more are spilled to temp files
_SERIALIZE_BATCH = 20_000


def serialized_lines(statements: Iterable, fmt: ox.RdfFormat) -> Iterator[bytes]:
    """Triples or quads as N-Triples/N-Quads lines (each ending in b"\\n"), a batch at a time.

    Both formats escape line breaks inside literals, so one statement is always one line.
    """
    it = iter(statements)
    while batch := list(itertools.islice(it, _SERIALIZE_BATCH)):
        yield from ox.serialize(batch, format=fmt).splitlines(keepends=True)


def sorted_lines(lines: Iterable[bytes], unique: bool = False, chunk_bytes: int | None = None) -> Iterator[bytes]:
    """``lines`` in byte order (without repeats when ``unique``), each ending in b"\\n".

    An external merge sort, so a dump of any size sorts in about ``chunk_bytes`` (default
    SORT_CHUNK_BYTES) of memory: runs of that many bytes are sorted and spilled to temp files,
    then merged (heapq.merge).
    Input that fits in one run never touches the disk. Byte order is what sorted() gives, so the
    output is the same as sorting everything in memory.
    """
    chunk_bytes = chunk_bytes or SORT_CHUNK_BYTES
    with tempfile.TemporaryDirectory(prefix="bvkg-sort-") as tmp, ExitStack() as files:
        runs: list[Iterator[bytes]] = []
        chunk: list[bytes] = []
        size = 0
        for line in lines:
            chunk.append(line if line.endswith(b"\n") else line + b"\n")
            size += len(line)
            if size >= chunk_bytes:
                runs.append(_spill(chunk, unique, Path(tmp) / f"run{len(runs)}", files))
                chunk, size = [], 0
        if runs:
            if chunk:
                runs.append(_spill(chunk, unique, Path(tmp) / f"run{len(runs)}", files))
            merged: Iterator[bytes] = heapq.merge(*runs)
        else:
            merged = iter(sorted(set(chunk) if unique else chunk))
        del chunk
        previous = None
        for line in merged:
            if not (unique and line == previous):
                yield line
            previous = line


def _spill(chunk: list[bytes], unique: bool, path: Path, files: ExitStack) -> Iterator[bytes]:
    """One sorted run on disk, read back line by line (buffered) during the merge."""
    with open(path, "wb") as fh:
        fh.writelines(sorted(set(chunk) if unique else chunk))
    chunk.clear()
    return iter(files.enter_context(open(path, "rb", buffering=1 << 20)))


def write_lines(lines: Iterable[bytes], out: BinaryIO, batch: int = 10_000) -> None:
    """Write lines in batches (one write call per line is slow on unbuffered outputs)."""
    it = iter(lines)
    while block := list(itertools.islice(it, batch)):
        out.write(b"".join(block))


# ---------------------------------------------------------------- embedded Oxigraph

def has_default_graph(st: ox.Store) -> bool:
    return next(iter(st.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def query_oxigraph(st: ox.Store, sparql: str, **kwargs):
    """Query a raw pyoxigraph store the way OxigraphStore does; use this, not st.query(..., union=True).

    A built store keeps the de-duplicated union in its default graph (materialize_union), and
    Oxigraph's use_default_graph_as_union mode would read it AND every named graph: a fact
    stated by three documents would come back four times. Stores without a default graph (tests,
    hand loads) fall back to the union mode.
    """
    return st.query(sparql, use_default_graph_as_union=not has_default_graph(st), **kwargs)


class OxigraphStore:
    """pyoxigraph on disk (``path``) or in memory (``path=None``); queries see the union of graphs.

    ``read_only=True`` opens a built store for serving (several processes may read one folder).
    The build writes through ``add_quads``/``add_graph``/``load_bytes``; readers use the Store methods.
    """

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False):
        self.path = str(path) if path is not None else None
        self.read_only = read_only
        self._store = self._open(self.path, read_only)

    @staticmethod
    def _open(path: str | None, read_only: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        try:
            if read_only:
                if not Path(path).is_dir():
                    raise StoreUnavailable(f"no built graph at {path}; run `bvkg build`")
                return ox.Store.read_only(path)
            return ox.Store(path)
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            if isinstance(exc, StoreUnavailable):
                raise
            raise StoreUnavailable(f"the graph store at {path} cannot be opened ({exc}); run `bvkg build`") from exc

    # subclasses may swap the underlying store (see CurrentBuildStore)
    def _ox(self) -> ox.Store:
        return self._store

    def _has_default_graph(self) -> bool:
        return has_default_graph(self._ox())

    def _query(self, sparql: str):
        try:
            return query_oxigraph(self._ox(), sparql)
        except SyntaxError as exc:
            raise QuerySyntaxError.from_parser(str(exc)) from None
        except OSError as exc:
            raise StoreUnavailable(f"the graph store at {self.path} cannot be read ({exc})") from exc

    # -------- reading (the Store protocol)
    def select(self, sparql: str) -> SelectResult:
        res = self._query(sparql)
        if not isinstance(res, ox.QuerySolutions):
            raise ValueError("select() needs a SELECT query")
        names = [v.value for v in res.variables]
        rows = []
        for sol in res:
            row = {}
            for n in names:
                t = sol[n]
                if t is not None:
                    row[n] = to_rdflib(t)
            rows.append(row)
        return SelectResult(names, rows)

    def ask(self, sparql: str) -> bool:
        res = self._query(sparql)
        if not isinstance(res, ox.QueryBoolean):
            raise ValueError("ask() needs an ASK query")
        return bool(res)

    def construct(self, sparql: str) -> rdflib.Graph:
        res = self._query(sparql)
        if not isinstance(res, ox.QueryTriples):
            raise ValueError("construct() needs a CONSTRUCT or DESCRIBE query")
        return _graph_of(res)

    def describe(self, iri: str) -> rdflib.Graph:
        node, st = ox.NamedNode(str(iri)), self._ox()
        seen: set = set()
        triples = []
        for q in list(st.quads_for_pattern(node, None, None)) + list(st.quads_for_pattern(None, None, node)):
            t = q.triple
            if t not in seen:
                seen.add(t)
                triples.append(t)
        return _graph_of(triples)

    def quads(self, graph_name: str | None = None) -> Iterator[tuple]:
        """Quads of one named graph, or of every named graph (never the materialised union)."""
        g = ox.NamedNode(str(graph_name)) if graph_name is not None else None
        for q in self._ox().quads_for_pattern(None, None, None, g):
            if isinstance(q.graph_name, ox.DefaultGraph):
                continue
            yield (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._ox().named_graphs() if isinstance(g, ox.NamedNode))

    def query_bytes(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        res = self._query(sparql)
        if isinstance(res, ox.QueryTriples):
            ofmt, media = GRAPH_FORMATS[_graph_fmt(fmt)]
            if ofmt == ox.RdfFormat.TURTLE:  # pyoxigraph's writer, with our prefixes for readability
                return ox.serialize(res, format=ofmt, prefixes=PREFIXES), media
            return res.serialize(format=ofmt), media
        ofmt, media = RESULT_FORMATS[_result_fmt(fmt)]
        return res.serialize(format=ofmt), media

    def serialize_query(self, sparql: str, fmt: str) -> bytes:
        return self.query_bytes(sparql, fmt)[0]

    def location(self) -> str | None:
        """The store folder queries read now (follows a rebuild), or None in memory: worker processes open it."""
        self._ox()
        return self.path

    def triple_count(self) -> int:
        """Distinct triples: the materialised union when there is one, else every quad."""
        st = self._ox()
        if self._has_default_graph():
            return sum(1 for _ in st.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(st)

    def materialize_union(self, batch: int = 100_000) -> int:
        """Copy every named graph's triples, once each, into the default graph (build only).

        Streamed graph by graph in bulk batches (the store keeps one copy of a repeated triple).
        SPARQL's ``INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }`` gave the same graph but
        evaluated the whole WHERE in memory first: 1.8 GB at 1.5M triples, against 0.3 GB here.
        """
        st = self._ox()
        default, pending = ox.DefaultGraph(), []
        for g in list(st.named_graphs()):
            for q in st.quads_for_pattern(None, None, None, g):
                pending.append(ox.Quad(q.subject, q.predicate, q.object, default))
                if len(pending) >= batch:
                    st.bulk_extend(pending)
                    pending = []
        st.bulk_extend(pending)
        return self.triple_count()

    # -------- writing (build only)
    def add_quads(self, quads: Iterable[tuple]) -> int:
        """rdflib quads (s, p, o, g) -> the store; g None means the default graph."""
        batch = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g)) for s, p, o, g in quads]
        self._ox().extend(batch)
        return len(batch)

    def add_graph(self, graph: rdflib.Graph, graph_name: str) -> int:
        name = URIRef(graph_name)
        return self.add_quads((s, p, o, name) for s, p, o in graph)

    def load_bytes(self, data: bytes, fmt: ox.RdfFormat, graph_name: str | None = None) -> None:
        to = ox.NamedNode(graph_name) if graph_name else None
        self._ox().bulk_load(data, fmt, to_graph=to) if to else self._ox().bulk_load(data, fmt)

    def dump_nquads(self, out: BinaryIO | None = None) -> bytes | None:
        """Every named graph's quads as N-Quads, lines sorted: byte-identical for the same data.

        With ``out`` (a binary file) the dump streams to it in bounded memory (see sorted_lines)
        and None is returned; without, the dump is returned as bytes (the whole dump in memory).
        """
        st = self._ox()
        named = (q for q in st if not isinstance(q.graph_name, ox.DefaultGraph))
        lines = sorted_lines(serialized_lines(named, ox.RdfFormat.N_QUADS))
        if out is None:
            return b"".join(lines)
        write_lines(lines, out)
        return None

    def raw(self) -> ox.Store:
        """The pyoxigraph store itself, for bulk work in graph/ (update, dump, backup)."""
        return self._ox()

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._ox().flush()

    def close(self) -> None:
        """Release the folder (pyoxigraph closes on garbage collection)."""
        self.flush()
        self._store = None  # type: ignore[assignment]


def _pick_format(fmt: str, table: dict, fallback: dict) -> str:
    fmt = fmt.lower()
    if fmt in table:
        return fmt
    if fmt in fallback:
        return fallback[fmt]
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(sorted(set(GRAPH_FORMATS) | set(RESULT_FORMATS)))}")


def _graph_fmt(fmt: str) -> str:
    return _pick_format(fmt, GRAPH_FORMATS, _GRAPH_FALLBACK)


def _result_fmt(fmt: str) -> str:
    return _pick_format(fmt, RESULT_FORMATS, _RESULT_FALLBACK)


class CurrentBuildStore(OxigraphStore):
    """The store of ``DATA_DIR/current``, re-opened when a new build is switched in.

    One readlink per call (microseconds) lets a running server follow `bvkg build` without a
    restart; the previous build stays on disk (builds keep the last two), so a query already
    running on it finishes.
    """

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.current = self.data_dir / "current"
        self._lock = threading.Lock()
        self._target = self._resolve()
        super().__init__(self._target / "store", read_only=True)

    def _resolve(self) -> Path:
        try:
            target = os.readlink(self.current)
        except FileNotFoundError:
            raise StoreUnavailable(f"no built graph at {self.current}; run `bvkg build`") from None
        except OSError as exc:  # `current` exists but is not a symlink (hand-made folder)
            if self.current.is_dir():
                return self.current.resolve()
            raise StoreUnavailable(f"no built graph at {self.current} ({exc}); run `bvkg build`") from None
        return (self.current.parent / target).resolve()

    def _ox(self) -> ox.Store:
        target = self._resolve()
        if target != self._target:
            with self._lock:
                if target != self._target:
                    self._store = self._open(str(target / "store"), True)
                    self.path, self._target = str(target / "store"), target
        return self._store

    @property
    def build_dir(self) -> Path:
        return self._target


# ---------------------------------------------------------------- remote SPARQL 1.1 server

class RemoteStore:
    """A SPARQL 1.1 Protocol server through SPARQLWrapper; answers as OxigraphStore's do.

    The server's default graph must be the de-duplicated union of the named graphs. A built store
    already holds it (graph/build materialises it), so ``oxigraph serve-read-only --location
    DATA_DIR/current/store`` needs no flag; a server loaded from the N-Quads dump needs
    ``materialize_union()`` once. (A server's union-default-graph mode, such as Oxigraph's
    ``--union-default-graph``, repeats a triple once per graph that states it.)
    ``gsp_endpoint``/``update_endpoint`` are only for loading, never used on the read path.
    """

    def __init__(self, endpoint: str, update_endpoint: str | None = None, gsp_endpoint: str | None = None,
                 timeout: float | None = None):
        self.endpoint, self.update_endpoint, self.gsp_endpoint = endpoint, update_endpoint, gsp_endpoint
        self.timeout = timeout if timeout is not None else float(settings.get("QUERY_TIMEOUT"))

    # -------- transport
    def _request(self, sparql: str, accept: str) -> tuple[bytes, str, str]:
        """(body, content type, query form) for one query; errors mapped to ours."""
        from SPARQLWrapper import SPARQLWrapper, POST
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, EndPointNotFound, SPARQLWrapperException

        sw = SPARQLWrapper(self.endpoint)
        sw.setMethod(POST)  # long queries do not fit a URL
        sw.setRequestMethod("postdirectly")
        sw.setQuery(sparql)
        sw.setTimeout(int(max(1, round(self.timeout))))
        sw.addCustomHttpHeader("Accept", accept)
        form = sw.queryType
        try:
            resp = sw.query().response
            body = resp.read()
            ctype = resp.headers.get("Content-Type", "")
        except QueryBadFormed as exc:
            raise QuerySyntaxError.from_parser(_server_message(exc)) from None
        except EndPointNotFound as exc:
            raise StoreUnavailable(f"SPARQL endpoint {self.endpoint} not found ({exc})") from None
        except SPARQLWrapperException as exc:
            raise StoreUnavailable(f"SPARQL endpoint {self.endpoint} failed: {_server_message(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreUnavailable(f"SPARQL endpoint {self.endpoint} is unreachable ({exc})") from None
        return body, ctype.split(";")[0].strip(), form

    def _json(self, sparql: str) -> dict:
        body, _, _ = self._request(sparql, "application/sparql-results+json")
        return json.loads(body)

    # -------- reading (the Store protocol)
    def select(self, sparql: str) -> SelectResult:
        data = self._json(sparql)
        if "boolean" in data:
            raise ValueError("select() needs a SELECT query")
        names = data["head"].get("vars", [])
        rows = [{k: _json_term(v) for k, v in b.items()} for b in data["results"]["bindings"]]
        return SelectResult(names, rows)

    def ask(self, sparql: str) -> bool:
        data = self._json(sparql)
        if "boolean" not in data:
            raise ValueError("ask() needs an ASK query")
        return bool(data["boolean"])

    def construct(self, sparql: str) -> rdflib.Graph:
        body, _, _ = self._request(sparql, "application/n-triples")
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise ValueError(f"construct() needs a CONSTRUCT or DESCRIBE query ({exc})") from None
        return _graph_of(triples)

    def describe(self, iri: str) -> rdflib.Graph:
        i = f"<{iri}>"
        return self.construct(
            f"CONSTRUCT {{ {i} ?p ?o . ?s ?q {i} }} WHERE {{ {{ {i} ?p ?o }} UNION {{ ?s ?q {i} }} }}")

    def quads(self, graph_name: str | None = None) -> Iterator[tuple]:
        values = f"VALUES ?g {{ <{graph_name}> }}" if graph_name else ""
        res = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}")
        for r in res.rows:
            yield r["s"], r["p"], r["o"], r["g"]

    def graph_names(self) -> list[str]:
        res = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"]) for r in res.rows)

    def query_bytes(self, sparql: str, fmt: str) -> tuple[bytes, str]:
        from SPARQLWrapper import SPARQLWrapper

        form = SPARQLWrapper(self.endpoint)
        form.setQuery(sparql)
        if form.queryType in ("CONSTRUCT", "DESCRIBE"):
            media = GRAPH_FORMATS[_graph_fmt(fmt)][1]
        else:
            media = RESULT_FORMATS[_result_fmt(fmt)][1]
        body, ctype, _ = self._request(sparql, media)
        return body, ctype or media

    def serialize_query(self, sparql: str, fmt: str) -> bytes:
        return self.query_bytes(sparql, fmt)[0]

    def triple_count(self) -> int:
        """Distinct triples of the default graph (the union), as OxigraphStore counts them."""
        res = self.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(res.rows[0]["n"])

    # -------- loading a server (Graph Store Protocol)
    def load_nquads(self, data: bytes) -> None:
        """POST a dataset to the server's Graph Store Protocol endpoint (e.g. Oxigraph's /store)."""
        import urllib.request

        if not self.gsp_endpoint:
            raise ValueError("RemoteStore has no gsp_endpoint to load into")
        req = urllib.request.Request(self.gsp_endpoint, data=data, method="POST",
                                     headers={"Content-Type": "application/n-quads"})
        try:
            with urllib.request.urlopen(req, timeout=max(self.timeout, 60)) as resp:
                resp.read()
        except (urllib.error.URLError, OSError) as exc:
            raise StoreUnavailable(f"Graph Store endpoint {self.gsp_endpoint} failed ({exc})") from None


    def materialize_union(self) -> None:
        """After load_nquads: copy the named graphs, once each, into the default graph (as builds do)."""
        import urllib.request

        if not self.update_endpoint:
            raise ValueError("RemoteStore has no update_endpoint to write with")
        req = urllib.request.Request(self.update_endpoint, method="POST",
                                     data=b"INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                                     headers={"Content-Type": "application/sparql-update"})
        try:
            with urllib.request.urlopen(req, timeout=max(self.timeout, 60)) as resp:
                resp.read()
        except (urllib.error.URLError, OSError) as exc:
            raise StoreUnavailable(f"SPARQL update endpoint {self.update_endpoint} failed ({exc})") from None


def _server_message(exc: Exception) -> str:
    """SPARQLWrapper prefixes the server's body with boilerplate; keep the server's words."""
    text = str(exc)
    m = re.search(r"Response:\s*(.*)", text, re.S)
    body = m.group(1) if m else text
    if body.startswith("b'") or body.startswith('b"'):
        try:
            import ast
            body = ast.literal_eval(body).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    return body.strip()


def _json_term(v: dict) -> Node:
    kind = v["type"]
    if kind == "uri":
        return URIRef(v["value"])
    if kind == "bnode":
        return BNode(v["value"])
    if kind in ("literal", "typed-literal"):
        lang = v.get("xml:lang")
        if lang:
            return Literal(v["value"], lang=lang)
        dt = v.get("datatype")
        if dt and dt not in (XSD_STRING, RDF_LANGSTRING):
            return Literal(v["value"], datatype=URIRef(dt), normalize=False)
        return Literal(v["value"])
    raise TypeError(f"unsupported SPARQL JSON term {v!r}")


# ---------------------------------------------------------------- choosing one

def open_store(overrides: dict | None = None) -> Store:
    """The configured store: DATA_DIR/current/store read-only, or the remote SPARQL_ENDPOINT."""
    backend = settings.get("STORE_BACKEND", overrides)
    if backend == "oxigraph":
        return CurrentBuildStore(settings.get("DATA_DIR", overrides))
    if backend == "sparql":
        return RemoteStore(settings.get("SPARQL_ENDPOINT", overrides),
                           timeout=float(settings.get("QUERY_TIMEOUT", overrides)))
    raise ValueError(f"STORE_BACKEND must be 'oxigraph' or 'sparql', not {backend!r}")
