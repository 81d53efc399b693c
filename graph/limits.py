"""Limits that hold for public SPARQL: read-only, time-limited, row-capped.

A running pyoxigraph query cannot be interrupted from Python (it ignores signals), so public queries
run in worker *processes* that open the built store read-only and are killed and replaced when a
query passes QUERY_TIMEOUT. A killed or crashed worker costs one query, never the server: the other
workers keep answering meanwhile. The row cap is applied while reading solutions, so a capped
result is cut in the worker, not after serialising millions of rows.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import re
import threading
import time
from dataclasses import dataclass

# --------------------------------------------------------------------------- errors


class QueryRefused(Exception):
    """A query the public endpoint will not run (update, LOAD, SERVICE, too long, too deep)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class QueryTimeout(Exception):
    """The query passed the time limit; its worker was killed."""


class WorkerCrashed(Exception):
    """The worker process died while evaluating (e.g. the engine overflowed its stack)."""


@dataclass(frozen=True)
class QueryAnswer:
    body: bytes
    media_type: str
    truncated: bool = False
    rows: int | None = None


# --------------------------------------------------------------------------- static checks

_COMMENT_OR_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)<[^>]*>\s*)*", re.I)
_UPDATE_VERBS = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\?\w+|\$\w+|[\w.-]*:[\w.-]*)", re.I)


def mask_literals_and_comments(sparql: str) -> str:
    """Blank out comments and string literals (keeping IRIs) so keywords inside them do not count."""
    def repl(m: re.Match) -> str:
        tok = m.group(0)
        return tok if tok.startswith("<") else " " * len(tok)
    return _COMMENT_OR_STRING.sub(repl, sparql)


def check_public_query(sparql: str, *, max_length: int, max_nesting: int,
                       service_allowlist: tuple[str, ...] = ()) -> None:
    """Refuse what the public endpoint must not run; the engine's parser judges everything else."""
    if len(sparql) > max_length:
        raise QueryRefused(f"query is {len(sparql)} characters; the limit is MAX_QUERY_LENGTH={max_length}", 400)
    masked = mask_literals_and_comments(sparql)
    body = masked[_PROLOGUE.match(masked).end():]
    verb = _UPDATE_VERBS.match(body)
    if verb:
        raise QueryRefused(f"this endpoint is read-only: {verb.group(1).upper()} is a SPARQL Update operation", 403)
    for m in _SERVICE.finditer(masked):
        target = m.group(1).strip("<>")
        if target not in service_allowlist:
            raise QueryRefused(
                f"SERVICE {m.group(1)} is not allowed: federated queries may call only the endpoints "
                f"listed in SERVICE_ALLOWLIST", 403)
    depth = deepest = 0
    for ch in masked:
        if ch in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})":
            depth -= 1
    if deepest > max_nesting:
        raise QueryRefused(f"query nests {deepest} levels deep; the limit is MAX_QUERY_NESTING={max_nesting}", 400)


# --------------------------------------------------------------------------- the worker side


def evaluate(store, sparql: str, fmt: str, cap: int) -> QueryAnswer:
    """Run one query on an open pyoxigraph store, reading at most cap+1 rows or triples."""
    import pyoxigraph as ox

    from graph.store import GRAPH_FORMATS, RESULT_FORMATS, _graph_fmt, _result_fmt, query_oxigraph
    from ontology.namespaces import PREFIXES

    # not union mode: a built store's default graph already is the de-duplicated union
    res = query_oxigraph(store, sparql)
    if isinstance(res, ox.QueryBoolean):
        ofmt, media = RESULT_FORMATS[_result_fmt(fmt)]
        return QueryAnswer(res.serialize(format=ofmt), media, False, None)
    if isinstance(res, ox.QueryTriples):
        ofmt, media = GRAPH_FORMATS[_graph_fmt(fmt)]
        triples = []
        for t in res:
            if len(triples) == cap:
                return QueryAnswer(_ser_triples(ox, triples, ofmt, PREFIXES), media, True, cap)
            triples.append(t)
        return QueryAnswer(_ser_triples(ox, triples, ofmt, PREFIXES), media, False, len(triples))
    return _capped_solutions(ox, res, fmt, cap)


def _capped_solutions(ox, res, fmt: str, cap: int) -> QueryAnswer:
    """At most cap rows in the asked format, written by Oxigraph's own results writers.

    Oxigraph writes only whole result sets, so the first cap rows are copied as SPARQL TSV (a
    term's str() is its escaped N-Triples form, which TSV uses) and read back as a result set.
    Converting to rdflib terms and writing with rdflib instead took three times the query's time
    on a 10,000-row answer.
    """
    from graph.store import RESULT_FORMATS, _result_fmt

    names = [v.value for v in res.variables]
    lines, truncated = ["\t".join("?" + n for n in names)], False
    for sol in res:
        if len(lines) > cap:
            truncated = True
            break
        lines.append("\t".join("" if (term := sol[n]) is None else _tsv_term(ox, term) for n in names))
    try:
        capped = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    except SyntaxError as exc:  # ours, not the client's query: must not become a 400
        raise RuntimeError(f"could not write the answer: {exc}") from None
    ofmt, media = RESULT_FORMATS[_result_fmt(fmt)]
    return QueryAnswer(capped.serialize(format=ofmt), media, truncated, len(lines) - 1)


def _tsv_term(ox, term) -> str:
    """A term as SPARQL TSV writes it; a triple term's str() lacks the <<( )>> around it."""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(ox, term.subject)} {_tsv_term(ox, term.predicate)} {_tsv_term(ox, term.object)} )>>"
    return str(term)


def serialize_rows(names: list[str], rows: list[dict], fmt: str, truncated: bool = False) -> QueryAnswer:
    """SELECT rows (rdflib terms) in a W3C results format, with rdflib's result writers."""
    from rdflib import Variable
    from rdflib.query import Result

    from graph.store import RESULT_FORMATS, _result_fmt

    fmt = _result_fmt(fmt)
    _, media = RESULT_FORMATS[fmt]
    if fmt == "tsv":  # rdflib has no TSV writer; SPARQL TSV is N-Triples terms between tabs
        lines = ["\t".join("?" + n for n in names)]
        lines += ["\t".join(r[n].n3() if n in r else "" for n in names) for r in rows]
        return QueryAnswer(("\n".join(lines) + "\n").encode("utf-8"), media, truncated, len(rows))
    result = Result("SELECT")
    result.vars = [Variable(n) for n in names]
    result.bindings = [{Variable(k): v for k, v in r.items()} for r in rows]
    body = result.serialize(format=fmt)
    return QueryAnswer(body if isinstance(body, bytes) else body.encode(), media, truncated, len(rows))


def evaluate_remote(store, sparql: str, form: str, fmt: str, cap: int) -> QueryAnswer:
    """A remote server through the store interface (it enforces its own time limit)."""
    if form in ("CONSTRUCT", "DESCRIBE", "ASK"):
        return QueryAnswer(*store.query_bytes(sparql, fmt))
    res = store.select(sparql)
    return serialize_rows(list(res.vars), res.rows[:cap], fmt, len(res.rows) > cap)


def parse_json_results(body: bytes) -> tuple[list[str], list[dict], bool | None]:
    """SPARQL JSON results back into (vars, rows of rdflib terms, boolean) for HTML pages."""
    import io

    from rdflib.query import Result

    res = Result.parse(io.BytesIO(body), format="json")
    if res.type == "ASK":
        return [], [], bool(res.askAnswer)
    names = [str(v) for v in res.vars]
    rows = [{str(k): v for k, v in b.items()} for b in res.bindings]
    return names, rows, None


def _ser_triples(ox, triples, ofmt, prefixes) -> bytes:
    if ofmt == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=ofmt, prefixes=prefixes)
    return ox.serialize(triples, format=ofmt)


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """End this worker once the server that started it is gone (killed, not shut down).

    Otherwise an orphan would run its query to the end: minutes and gigabytes nobody will read.
    Oxigraph lets go of the GIL while it evaluates, so this thread runs during a query.
    """
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _worker_main(conn, arenas: int = 0) -> None:
    """Loop: receive (store path, query, format, cap), answer, keep the store open between queries."""
    import pyoxigraph as ox

    import graph.store  # noqa: F401  (warm the imports before saying ready: not the query's time)
    from graph.memory import limit_arenas, release, resident_mb

    limit_arenas(arenas)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True, name="bvkg-orphan-check").start()

    conn.send(("ready", None))
    opened: dict[str, object] = {}
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        path, sparql, fmt, cap = job
        try:
            if path not in opened:
                opened.clear()
                opened[path] = ox.Store.read_only(path)
            reply = ("ok", evaluate(opened[path], sparql, fmt, cap))
        except SyntaxError as exc:
            reply = ("syntax", str(exc))
        except ValueError as exc:  # unknown format for this kind of result
            reply = ("value", str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a 500 without a trace
            reply = ("error", f"{type(exc).__name__}: {exc}")
        release()  # what the answer freed goes back to the OS; the rest is what it left behind
        conn.send(reply + (resident_mb(),))


# --------------------------------------------------------------------------- the server side


STARTUP_TIMEOUT = 60.0
_REPLACED = object()  # marks a worker slot whose replacement is being started in the background


class _Worker:
    def __init__(self, ctx, arenas: int = 0):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, arenas), daemon=True, name="bvkg-query-worker")
        self.proc.start()
        child.close()
        # Start-up (imports) is not the query's time: wait for the worker to say it is ready.
        if not self.conn.poll(STARTUP_TIMEOUT) or self.conn.recv()[0] != "ready":
            self.kill()
            raise WorkerCrashed("a query worker did not start")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of killable worker processes answering public queries.

    ``run`` blocks for a free worker (at most the time limit), sends the job and waits at most
    ``timeout`` seconds; past it the worker is killed and a fresh one takes its place.
    """

    def __init__(self, size: int, timeout: float, row_cap: int, warm: bool = False, max_mb: float = 0,
                 arenas: int = 0):
        self.timeout, self.row_cap, self.arenas = timeout, row_cap, arenas
        self.max_mb = max_mb  # a worker left holding more than this after an answer is replaced (0: never)
        self._ctx = mp.get_context("spawn")  # no forked copies of the server's threads or stores
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for _ in range(size):
            self._idle.put(self._fresh() if warm else None)  # else started on first use

    def _fresh(self) -> _Worker:
        w = _Worker(self._ctx, self.arenas)
        with self._lock:
            self._all.append(w)
        return w

    def _retire(self, w: _Worker) -> None:
        """Kill a worker and start its replacement in the background, so the next query is not slowed."""
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)

        def replace() -> None:
            try:
                self._idle.put(self._fresh())
            except Exception:  # noqa: BLE001 - started lazily on next use instead
                self._idle.put(None)
        threading.Thread(target=replace, daemon=True).start()

    def run(self, store_path: str, sparql: str, fmt: str) -> QueryAnswer:
        from graph.store import QuerySyntaxError

        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(f"no query worker became free within QUERY_TIMEOUT={self.timeout:g}s") from None
        if w is None or not w.proc.is_alive():
            w = self._fresh()
        try:
            w.conn.send((store_path, sparql, fmt, self.row_cap))
            if not w.conn.poll(self.timeout):
                self._retire(w)
                w = _REPLACED
                raise QueryTimeout(f"the query ran longer than QUERY_TIMEOUT={self.timeout:g}s and was stopped")
            try:
                status, payload, resident_mb = w.conn.recv()
            except (EOFError, OSError):
                self._retire(w)
                w = _REPLACED
                raise WorkerCrashed("the query stopped the evaluating process (too complex to evaluate)") from None
            if self.max_mb and resident_mb > self.max_mb:
                # What the worker still holds after trimming (graph.memory.release) is not free
                # heap but fragments and caches: four workers would hold it four times over.
                self._retire(w)
                w = _REPLACED
        finally:
            if w is not _REPLACED:
                self._idle.put(w)
        if status == "ok":
            return payload
        if status == "syntax":
            raise QuerySyntaxError.from_parser(payload)
        if status == "value":
            raise ValueError(payload)
        raise RuntimeError(payload)

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()
