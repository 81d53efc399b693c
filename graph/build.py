"""`bvkg build`: corpus -> one complete, validated store, switched in atomically.

Layout under DATA_DIR:
    builds/<id>.tmp/      a build being written (a killed build leaves one; the next build removes it)
    builds/<id>/          a complete build: store/ (Oxigraph), dumps/bvkg.nq, exports/, build.json
    current -> builds/<id>   symlink, replaced with os.replace only when a build is complete
Only the last two complete builds are kept, so a server still reading the previous one is safe.

The corpus folder holds .txt documents (ingested by ingest/) and may hold .trig files: graphs
written by hand following docs/rdf-patterns.md, loaded as they are (tests use these).
"""
from __future__ import annotations

import fcntl
import gc
import json
import os
import resource
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import URIRef

from bvkg import settings
from graph.consolidate import consolidate, derived_graph_name, vocab_graph_name
from graph.memory import release, resident_mb
from graph.store import OxigraphStore, to_oxigraph
from graph.validate import validate_store
from ontology.iris import Minter
from ontology.namespaces import sparql_prefixes

KEEP_BUILDS = 2
DUMP_NAME = "bvkg.nq"


class BuildError(RuntimeError):
    """The build could not complete; the previous `current` graph is untouched and still served."""


@dataclass
class BuildResult:
    build_id: str
    build_dir: Path
    documents: int
    triple_count: int
    failures: list[str] = field(default_factory=list)
    latest_document_date: str | None = None
    built_at: str = ""
    validation: str = ""
    consolidation: str = ""

    def summary(self) -> str:
        failed = f", {len(self.failures)} failed" if self.failures else ""
        latest = f", latest dated {self.latest_document_date}" if self.latest_document_date else ""
        return (f"built {self.build_id}: {self.documents} documents{failed}{latest}, "
                f"{self.triple_count} triples -> {self.build_dir}")


# ---------------------------------------------------------------- documents in

class _Sink:
    """Quads into the new build's store as documents are read, so memory does not grow with the corpus.

    A Python list or an in-memory Dataset of the whole corpus cost 1-2 kB a quad (3.3 GB at 500
    documents). Quads go to the store in bulk batches; the few that mention a blank node (the
    ontology's OWL lists, hand-written TriG) wait for `close`, which gives them canonical labels
    (RDFC-1.0): same input, same dump bytes. Canonical labels depend only on the quads that mention
    blank nodes, so labelling those alone gives what labelling the whole dataset gave.
    """

    BATCH = 100_000

    def __init__(self, store: ox.Store):
        self.store = store
        self.pending: list[ox.Quad] = []
        self.blank = ox.Dataset()

    def add(self, quad: ox.Quad) -> None:
        if any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object, quad.graph_name)):
            self.blank.add(quad)
            return
        self.pending.append(quad)
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        self.store.bulk_extend(self.pending)
        self.pending = []

    def close(self) -> None:
        self.blank.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        self.pending += list(self.blank)
        self.blank = ox.Dataset()
        self.flush()
        self.store = None  # the build closes the store later: a handle left here kept RocksDB open


@dataclass
class _Loaded:
    sink: _Sink
    documents: list[str] = field(default_factory=list)   # source file names that loaded
    failures: list[str] = field(default_factory=list)


def _ingest_texts(corpus: Path, base: str, echo: Callable[[str], None], into: _Loaded) -> None:
    texts = sorted(corpus.glob("*.txt"))
    if not texts:
        return
    try:
        from ingest.pipeline import ingest_corpus
        from ingest.rdf import document_graph
    except ModuleNotFoundError as exc:
        into.failures += [f"{t}: ingest is not available ({exc})" for t in texts]
        return
    echo(f"ingesting {len(texts)} documents from {corpus}")
    result = ingest_corpus(corpus, echo)
    into.failures += [str(f) for f in result.failures]
    if not result.facts:
        return
    minter = Minter(base)
    # Every document's facts stay alive until all are written; without freezing them, each of
    # the collector's full passes provoked by the graphs below rescans all of them again.
    gc.freeze()
    try:
        for facts in result.facts:
            # One document's rdflib graph at a time: the whole corpus as one rdflib Dataset cost about
            # 11 kB a triple (5 GB at 500 documents, bench/README.md).
            name = ox.NamedNode(str(minter.document(facts.document.slug)))
            for s, p, o in document_graph(facts, base):
                into.sink.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name))
    finally:
        gc.unfreeze()
    into.documents += [Path(f.document.path).name for f in result.facts]


def _load_trig(corpus: Path, echo: Callable[[str], None], into: _Loaded) -> None:
    for f in sorted(corpus.glob("*.trig")):
        try:
            quads = list(ox.parse(path=str(f), format=ox.RdfFormat.TRIG))
        except (SyntaxError, OSError) as exc:
            into.failures.append(f"{f}: {exc}")
            echo(f"FAILED {f.name}: {exc}")
            continue
        for q in quads:
            into.sink.add(q)
        into.documents.append(f.name)
        echo(f"{f.name}: {len(quads)} quads (hand-written graph)")


def _vocab_quads(base: str, into: _Loaded) -> None:
    from ontology.skos import ontology_graph, vocab_graph

    g = vocab_graph(base)
    g += ontology_graph()
    name = ox.NamedNode(vocab_graph_name(base))
    for s, p, o in g:
        into.sink.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name))


def _load_corpus(store_dir: Path, corpus: Path, base: str,
                 echo: Callable[[str], None]) -> tuple[OxigraphStore, _Loaded]:
    """Every document and the vocabularies into a new store (closed again if nothing loads)."""
    store = OxigraphStore(store_dir)
    mark = _mark()
    loaded = _Loaded(_Sink(store.raw()))
    try:
        _ingest_texts(corpus, base, echo, loaded)
        _load_trig(corpus, echo, loaded)
        if not loaded.documents:
            detail = "; ".join(loaded.failures) or f"no .txt or .trig files in {corpus}"
            raise BuildError(f"no document could be loaded, the previous graph is kept: {detail}")
        _vocab_quads(base, loaded)
        loaded.sink.close()
    except BaseException:
        loaded.sink.store = None
        store.close()
        raise
    echo(f"loaded {len(store.raw())} quads from {len(loaded.documents)} documents and the vocabularies "
         f"({_since(mark)})")
    return store, loaded


# ---------------------------------------------------------------- the build

def build(corpus_dir, data_dir, base: str, echo: Callable[[str], None] = print) -> BuildResult:
    """Ingest, consolidate, validate, dump and export into a new build; switch `current` at the end.

    Raises BuildError (leaving `current` as it was) when no document loads, validation fails,
    or any step breaks. Documents that fail ingest are listed in ``result.failures``.
    """
    corpus, data = Path(corpus_dir), Path(data_dir)
    if not corpus.is_dir():
        raise BuildError(f"corpus folder {corpus} does not exist")
    builds = data / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    with _build_lock(data):
        _remove_stale_tmp(builds, echo)
        started = time.monotonic()
        now = datetime.now(timezone.utc)
        built_at = now.replace(microsecond=0)
        # sortable to the microsecond: "keep the last two" sorts build folders by name
        build_id = now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]

        tmp = builds / f"{build_id}.tmp"
        tmp.mkdir()
        try:
            store, loaded = _load_corpus(tmp / "store", corpus, base, echo)
            result = _write_build(tmp, store, loaded, base, build_id, built_at, echo)
            result.build_dir = builds / build_id
            _fsync_tree(tmp)
            os.rename(tmp, result.build_dir)
            _fsync_dir(builds)
            _switch_current(data, result.build_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _remove_old_builds(builds, data, echo)
        echo(f"switched {data / 'current'} -> builds/{build_id} in {time.monotonic() - started:.1f}s")
        return result


def _write_build(tmp: Path, store: OxigraphStore, loaded: _Loaded, base: str, build_id: str,
                 built_at: datetime, echo: Callable[[str], None]) -> BuildResult:
    """Consolidate, validate, dump and export the loaded store in ``tmp``; closes the store."""
    try:
        mark = _mark()
        stats = consolidate(store, base)
        echo(f"{stats.summary()} ({_since(mark)})")
        # The default graph becomes the de-duplicated union that every query reads.
        mark = _mark()
        union = store.materialize_union()
        echo(f"default graph: {union} distinct triples, the union of the named graphs ({_since(mark)})")

        mark = _mark()
        report = validate_store(store)
        if not report.conforms:
            raise BuildError(f"SHACL validation failed, the previous graph is kept:\n{report.text}")
        echo(f"{report.text} ({_since(mark)})")

        mark = _mark()
        _write_exports(store, tmp / "exports", echo,
                       {"built_at": built_at.isoformat(), "base": base, "version": build_id,
                        "licence": settings.get("LICENCE_URL")})
        _write_dump(store, tmp)
        echo(f"dumps and exports written ({_since(mark)})")

        latest = _latest_document_date(store)
        count = store.triple_count()
        graphs = {g: sum(1 for _ in store.raw().quads_for_pattern(None, None, None, ox.NamedNode(g)))
                  for g in store.graph_names()}
    finally:
        store.close()
        del store
    result = BuildResult(
        build_id=build_id, build_dir=tmp, documents=len(loaded.documents), triple_count=count,
        failures=list(loaded.failures), latest_document_date=latest, built_at=built_at.isoformat(),
        validation=report.text, consolidation=stats.summary())
    meta = {
        "build_id": build_id,
        "built_at": result.built_at,
        "base": base,
        "documents": result.documents,
        "document_files": sorted(loaded.documents),
        "latest_document_date": latest,
        "triple_count": count,
        "graphs": graphs,
        "vocab_graph": vocab_graph_name(base),
        "derived_graph": derived_graph_name(base),
        "failures": result.failures,
        "validation": report.text,
        "consolidation": result.consolidation,
        "dump": f"dumps/{DUMP_NAME}",
    }
    (tmp / "build.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return result


def _write_dump(store, tmp: Path) -> None:
    """dumps/bvkg.nq: the exports' N-Quads file when they wrote one (the same bytes; sorting 1.5M lines
    twice cost minutes), else streamed from the store."""
    dumps = tmp / "dumps"
    dumps.mkdir()
    exported = tmp / "exports" / DUMP_NAME
    if exported.is_file():
        os.link(exported, dumps / DUMP_NAME)
        return
    with open(dumps / DUMP_NAME, "wb") as fh:
        store.dump_nquads(fh)


def _mark() -> tuple[float, float]:
    """Start timing a phase; hand back the heap the previous phase freed (graph.memory)."""
    release()
    return time.monotonic(), time.process_time()


def _since(mark: tuple[float, float]) -> str:
    """Wall and CPU time of a phase and the peak memory so far, for the build log (bench/README.md
    compares phases across corpus sizes; the phase where peak memory jumps is the one to fix)."""
    wall, cpu = mark
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{time.monotonic() - wall:.1f}s, CPU {time.process_time() - cpu:.1f}s, "
            f"peak memory {peak:,.0f} MB, resident now {resident_mb():,.0f} MB")


def _write_exports(store, out_dir: Path, echo: Callable[[str], None], build_info: dict) -> None:
    """graph.exports.write_all(store, out_dir, build_info) when that module exists (optional here)."""
    try:
        from graph.exports import write_all
    except ModuleNotFoundError as exc:
        if exc.name != "graph.exports":
            raise
        echo("no graph.exports module: CSV exports skipped")
        return
    except ImportError:
        echo("graph.exports has no write_all: CSV exports skipped")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    write_all(store, out_dir, build_info)


def _latest_document_date(store) -> str | None:
    rows = store.select(sparql_prefixes() + """
        SELECT (MAX(STR(?d)) AS ?latest) WHERE { ?doc a bvkg:Document ; dcterms:date ?d }""").rows
    return str(rows[0]["latest"]) if rows and "latest" in rows[0] else None


# ---------------------------------------------------------------- atomic switch and housekeeping

@contextmanager
def _build_lock(data: Path):
    """One build at a time per DATA_DIR (a second one fails at once rather than racing)."""
    fh = open(data / ".build.lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running in {data}") from None
        yield
    finally:
        fh.close()  # closing releases the lock, also when the process is killed


def _switch_current(data: Path, build_dir: Path) -> None:
    """Point `current` at build_dir in one rename: readers see the old or the new build, never none."""
    link = data / "current"
    if link.exists() and not link.is_symlink():
        raise BuildError(f"{link} is a real folder, not a symlink; move it away first")
    tmp_link = data / f".current.{build_dir.name}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(os.path.join("builds", build_dir.name), tmp_link)
    os.replace(tmp_link, link)
    _fsync_dir(data)


def _remove_stale_tmp(builds: Path, echo: Callable[[str], None]) -> None:
    """Left by a killed build (we hold the lock, so no build is writing them)."""
    for d in builds.glob("*.tmp"):
        shutil.rmtree(d, ignore_errors=True)
        echo(f"removed unfinished build {d.name}")


def _remove_old_builds(builds: Path, data: Path, echo: Callable[[str], None]) -> None:
    current = (data / "current").resolve()
    complete = sorted(d for d in builds.iterdir() if d.is_dir() and not d.name.endswith(".tmp"))
    for d in complete[:-KEEP_BUILDS]:
        if d.resolve() != current:
            shutil.rmtree(d, ignore_errors=True)
            echo(f"removed old build {d.name}")


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            except FileNotFoundError:  # gone since the walk listed it (a finished compaction): nothing to sync
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def build_graph_names(base: str) -> dict[str, URIRef]:
    """The two build-made graph names (documents use their own IRIs)."""
    return {"vocab": URIRef(vocab_graph_name(base)), "derived": URIRef(derived_graph_name(base))}
