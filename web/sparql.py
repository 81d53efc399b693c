"""The public SPARQL 1.1 Protocol endpoint (/sparql): read-only, time-limited, row-capped, negotiated.

``run_public_query(store, query, fmt, settings, pool)`` is the one seam every public query goes
through (the endpoint and the query page): graph.limits refuses updates, LOAD, SERVICE (unless
allow-listed), over-long and over-nested queries; an on-disk store is queried in graph.limits'
killable worker processes, so QUERY_TIMEOUT holds (503 naming the setting) and ROW_CAP cuts rows
while they are read (X-BVKG-Truncated header and a note on the page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, redirect, request, url_for

from graph import limits
from graph.store import QuerySyntaxError

bp = Blueprint("sparql", __name__)

RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_MEDIA = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "srj": "json",
                  "srx": "xml"}
RESULT_FORMS, GRAPH_FORMS = ("SELECT", "ASK"), ("CONSTRUCT", "DESCRIBE")

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


class QueryRefused(Exception):
    """A query the public endpoint will not run: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class PublicAnswer:
    form: str
    fmt: str
    body: bytes | None = None        # serialised answer (any fmt but html; html: Turtle for graph forms)
    media_type: str | None = None
    vars: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    row_cap: int = 0


def query_form(query: str) -> str:
    """SELECT | ASK | CONSTRUCT | DESCRIBE, or the keyword it starts with, from the text."""
    text = _IRI.sub("<>", limits.mask_literals_and_comments(query))
    text = re.sub(r"^\s*(?:(?:BASE\s*<>|PREFIX\s+[^\s:]*:\s*<>)\s*)*", "", text, flags=re.I)
    m = re.match(r"\s*([A-Za-z]+)", text)
    return m.group(1).upper() if m else ""


def check_read_only(query: str, settings: dict) -> str:
    """The query's form; QueryRefused for what graph.limits refuses (update, LOAD, SERVICE, size)."""
    try:
        limits.check_public_query(query, max_length=int(settings["MAX_QUERY_LENGTH"]),
                                  max_nesting=int(settings["MAX_QUERY_NESTING"]),
                                  service_allowlist=tuple(settings.get("SERVICE_ALLOWLIST") or ()))
    except limits.QueryRefused as exc:
        raise QueryRefused(exc.status, str(exc)) from None
    form = query_form(query)
    if not form:
        raise QueryRefused(400, "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form  # anything else: the parser words the error


def normalise_format(fmt: str | None) -> str | None:
    if not fmt:
        return None
    fmt = fmt.strip().lower()
    fmt = FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in {*RESULT_MEDIA, *GRAPH_MEDIA, "html"}:
        raise QueryRefused(400, f"unknown format {fmt!r}; choose from json, xml, csv, tsv, ttl, nt, jsonld")
    return fmt


def run_public_query(store, query: str, fmt: str, settings: dict, pool=None, form: str | None = None) -> PublicAnswer:
    """Run one public query: policy check, then evaluation capped at ROW_CAP rows.

    With a worker pool and an on-disk store the query runs in a killable process (QUERY_TIMEOUT
    holds: graph.limits.QueryTimeout); an in-memory store (tests) is evaluated in-process by the
    same code; a remote server answers through the store interface and enforces its own timeout.
    ``form``: the result of check_read_only when the caller has already run it (the endpoint does).
    """
    form = form or check_read_only(query, settings)
    cap = int(settings.get("ROW_CAP") or 0) or 10**9
    if form in GRAPH_FORMS:
        if fmt in RESULT_MEDIA and fmt != "json":
            raise QueryRefused(400, f"format {fmt!r} is for SELECT and ASK results; use ttl, nt or jsonld")
        wire = {"html": "ttl", "json": "jsonld"}.get(fmt, fmt)
    else:
        if fmt in GRAPH_MEDIA:
            raise QueryRefused(400, f"format {fmt!r} is for CONSTRUCT and DESCRIBE; use json, xml, csv or tsv")
        wire = "json" if fmt == "html" else fmt
    location = getattr(store, "location", lambda: None)()
    if pool is not None and location:
        got = pool.run(location, query, wire)
    elif hasattr(store, "raw"):
        try:
            got = limits.evaluate(store.raw(), query, wire, cap)
        except SyntaxError as exc:
            raise QuerySyntaxError.from_parser(str(exc)) from None
    else:
        got = limits.evaluate_remote(store, query, form, wire, cap)
    ans = PublicAnswer(form if form in GRAPH_FORMS + ("ASK",) else "SELECT", fmt, got.body, got.media_type,
                       truncated=got.truncated, row_cap=cap if got.truncated else 0)
    if fmt == "html" and ans.form in RESULT_FORMS:
        ans.vars, ans.rows, ans.boolean = limits.parse_json_results(got.body)
        ans.body = None  # pages render rows, not the wire format
    return ans


def negotiate(form: str, fmt_param: str | None, html_ok: bool) -> str:
    """The format for this request: ?format= wins, else the Accept header; 406 when nothing fits."""
    fmt = normalise_format(fmt_param)
    if fmt:
        return fmt
    if form in GRAPH_FORMS:
        offers = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
                  "application/x-turtle": "ttl", "text/plain": "nt"}
    else:
        offers = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
    if html_ok:
        offers["text/html"] = "html"
    if not request.accept_mimetypes:  # no Accept header: the first offer (JSON or Turtle)
        return next(iter(offers.values()))
    best = request.accept_mimetypes.best_match(list(offers))
    if best is None:
        raise QueryRefused(406, "none of the requested media types can be produced; offered: " + ", ".join(offers))
    return offers[best]


def _read_query() -> str | None:
    if request.method == "GET":
        return request.args.get("query")
    ctype = (request.mimetype or "").lower()
    if ctype == "application/sparql-query":
        return request.get_data(as_text=True)
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if "update" in request.form:
            raise QueryRefused(403, "this endpoint is read-only: SPARQL Update is not accepted")
        return request.form.get("query")
    raise QueryRefused(415, "POST a query as application/sparql-query or form-encoded query=")


def error_response(status: int, message: str) -> Response:
    """Errors in the client's terms: JSON for machines, a short page for browsers."""
    from flask import render_template

    if request.accept_mimetypes.accept_html and request.accept_mimetypes.best == "text/html":
        return Response(render_template("error.html", status=status, message=message), status,
                        mimetype="text/html")
    return Response(message + "\n", status, mimetype="text/plain")


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    app = current_app
    settings = app.config["BVKG"]
    try:
        query = _read_query()
        if request.args.get("default-graph-uri") or request.args.get("named-graph-uri") or (
                request.mimetype != "application/sparql-query" and request.method == "POST"
                and (request.form.get("default-graph-uri") or request.form.get("named-graph-uri"))):
            raise QueryRefused(400, "default-graph-uri and named-graph-uri are not supported: the default graph "
                                    "is the union of all graphs; use GRAPH or FROM in the query")
        if not query or not query.strip():
            wants_html = request.accept_mimetypes.best_match(["application/sparql-results+json", "text/html"])
            if wants_html == "text/html" and request.accept_mimetypes:
                return redirect(url_for("pages.query_page"))
            raise QueryRefused(400, "missing query: pass ?query= (GET), query= (form POST) or an "
                                    "application/sparql-query body")
        form = check_read_only(query, settings)
        fmt = negotiate(form, request.values.get("format"), html_ok=True)
        if fmt == "html":
            if request.method == "GET":
                return redirect(url_for("pages.query_page", query=query))
            from web.pages import render_query_page
            return render_query_page(query)
        ctx = app.extensions["bvkg"]
        ans = run_public_query(ctx.store(), query, fmt, settings, ctx.query_pool(), form=form)
    except QueryRefused as exc:
        return error_response(exc.status, exc.message)
    except limits.QueryTimeout as exc:
        return error_response(503, str(exc))
    except limits.WorkerCrashed as exc:
        return error_response(500, str(exc))
    except QuerySyntaxError as exc:
        return error_response(400, f"SPARQL syntax error: {exc.message}")
    resp = Response(ans.body, 200, content_type=_with_charset(ans.media_type))
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    if ans.truncated:
        resp.headers["X-BVKG-Truncated"] = "true"
        resp.headers["X-BVKG-Row-Cap"] = str(ans.row_cap)
    return resp


def _with_charset(media: str) -> str:
    return media if "charset" in media else media + "; charset=utf-8"
