"""The app factory: one Flask app, settings from bvkg.settings, the graph from graph.store.

``create_app(overrides)``: overrides are settings (BASE_IRI, DATA_DIR, ROW_CAP, ...); the extra key
``STORE`` hands in a store object directly (tests use an in-memory OxigraphStore). Without it the
store is opened lazily with ``graph.store.open_store``, so the app starts even before a build and
answers 502 with the reason until one exists.
"""
from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from bvkg import settings as settings_table
from graph.memory import limit_arenas, release
from graph.store import StoreUnavailable, open_store
from web.rdfutil import PREFIXES, human_date, parse_when
from web.search import LabelIndex

log = logging.getLogger(__name__)


class Context:
    """What every request shares: the store, the base IRI, the label index, build facts."""

    def __init__(self, store, settings: dict, overrides: dict):
        self._store, self.settings, self._overrides = store, settings, overrides
        base = settings["BASE_IRI"]
        self.base = base if base.endswith("/") else base + "/"
        self._index = LabelIndex()
        self._index_key = None
        self._info: dict | None = None
        self._info_key = None
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._pool = None
        self.warming: threading.Thread | None = None

    def store(self):
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self._overrides)  # raises StoreUnavailable
        return self._store

    def query_pool(self, warm: bool = False):
        """The killable worker processes for public queries (None for QUERY_WORKERS=0).

        Started on first use; `bvkg serve` asks for them warm, so the first visitors do not wait
        for processes to start.
        """
        if self._pool is None and int(self.settings["QUERY_WORKERS"]) > 0:
            with self._lock:
                if self._pool is None:
                    from graph.limits import QueryPool
                    self._pool = QueryPool(int(self.settings["QUERY_WORKERS"]), float(self.settings["QUERY_TIMEOUT"]),
                                           int(self.settings["ROW_CAP"]), warm=warm,
                                           max_mb=float(self.settings["QUERY_WORKER_MAX_MB"]),
                                           arenas=int(self.settings["MALLOC_ARENAS"]))
        return self._pool

    def _build_key(self):
        return getattr(self._store, "build_dir", None)

    def label_index(self) -> LabelIndex:
        """The index of names for the current build; built on first use (one build at a time)."""
        store = self.store()
        with self._index_lock:
            if not self._index.loaded or self._index_key != self._build_key():
                self._index.reload(store)
                self._index_key = self._build_key()
                release()  # reading every label passed through far more heap than the index keeps
        return self._index

    def warm(self) -> threading.Thread:
        """Build the label index and the footer facts in a background thread.

        Their cost grows with the graph (every label), so the app does not wait for them: it
        answers at once, and a search that comes before the index is ready waits for it.
        """
        def run():
            try:
                self.label_index()
                self.build_info()
            except StoreUnavailable as exc:
                log.warning("label index not loaded at start: %s", exc)
            except Exception:  # a later search retries and reports
                log.exception("label index not loaded at start")

        thread = threading.Thread(target=run, name="bvkg-warm", daemon=True)
        thread.start()
        return thread

    def build_info(self) -> dict:
        """Footer facts: documents, latest document date, build time (build.json, else the store)."""
        key = self._build_key()
        if self._info is not None and self._info_key == key:
            return self._info
        info = {"documents": None, "latest": "", "built_at": ""}
        path = Path(self.settings["DATA_DIR"]) / "current" / "build.json"
        try:  # build.json of DATA_DIR/current, when there is one
            meta = json.loads(path.read_text(encoding="utf-8"))
            info = {"documents": meta.get("documents"),
                    "latest": human_date(meta["latest_document_date"]) if meta.get("latest_document_date") else "",
                    "built_at": str(meta.get("built_at", ""))[:16].replace("T", " ")}
        except (OSError, ValueError, KeyError):
            pass
        if info["documents"] is None:
            try:
                rows = self.store().select(PREFIXES + """SELECT DISTINCT ?d ?date WHERE {
                    ?d bvkg:sourceFile ?f . OPTIONAL { ?d dcterms:date ?date } }""").rows
                dates = [w for w in (parse_when(r["date"]) for r in rows if "date" in r) if w]
                info["documents"] = len({str(r["d"]) for r in rows})
                info["latest"] = max(dates).text if dates else ""
            except StoreUnavailable:
                return info
        self._info, self._info_key = info, key
        return info


def create_app(overrides: dict | None = None) -> Flask:
    overrides = dict(overrides or {})
    store = overrides.pop("STORE", None)
    app = Flask(__name__)
    app.config["BVKG"] = settings_table.as_dict(overrides)
    ctx = Context(store, app.config["BVKG"], overrides)
    app.extensions["bvkg"] = ctx

    from web import asof, directions, downloads, entities, pages, search, sparql
    for mod in (pages, sparql, entities, search, asof, directions, downloads):
        app.register_blueprint(mod.bp)

    limit_arenas(int(app.config["BVKG"]["MALLOC_ARENAS"]))  # before waitress starts its threads
    ctx.warming = ctx.warm()  # the label index, off the start-up path

    @app.context_processor
    def footer():
        try:
            info = ctx.build_info()
        except Exception:  # the footer must never break a page
            info = {"documents": None, "latest": "", "built_at": ""}
        return {"build": info, "licence_url": app.config["BVKG"]["LICENCE_URL"]}

    @app.errorhandler(StoreUnavailable)
    def store_down(exc):
        return _error(502, f"The graph is not available: {exc}")

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if exc.code == 404:
            return render_template("notfound.html", iri=request.path, guess="", suggestions=[]), 404
        return _error(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(Exception)
    def crash(exc):
        log.exception("unhandled error")  # logged for operators; never shown
        return _error(500, "Something went wrong on our side. The error has been logged.")

    @app.after_request
    def security_headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        negotiated = request.path.startswith(("/id/", "/ontology", "/sparql", "/describe"))
        if negotiated and "Accept" not in resp.headers.get("Vary", ""):
            resp.headers.add("Vary", "Accept")
        if resp.mimetype == "text/html":
            # no external fetches: everything the pages need ships with the app
            resp.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                    "script-src 'self'; object-src 'none'; base-uri 'none'")
        return resp

    @app.after_request
    def trim_after_response(resp):
        resp.call_on_close(release)  # once the body is sent: what the page freed goes back to the OS
        return resp

    return app


def _error(status: int, message: str):
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/plain"]) \
        if request.accept_mimetypes else "text/html"
    if best == "application/json":
        return {"error": message, "status": status}, status
    if best == "text/plain" or request.path.startswith("/sparql"):
        return message + "\n", status, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("error.html", status=status, message=message), status
