"""The public SPARQL 1.1 Protocol endpoint (/sparql): read-only, row-capped, content-negotiated.

``run_public_query(store, query, fmt, settings)`` is the one seam every public query goes through
(the endpoint and the query page). It refuses updates, LOAD and SERVICE (unless allow-listed),
caps SELECT rows at ROW_CAP and says so. QUERY_TIMEOUT is read here but not yet enforced: a running
pyoxigraph query ignores signals, so enforcement belongs in a killable worker process wrapped around
this function (DESIGN §5, §7).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, redirect, request, url_for

from graph.store import QuerySyntaxError
from web.results import MEDIA as RESULT_MEDIA, ask_bytes, select_bytes

bp = Blueprint("sparql", __name__)

GRAPH_MEDIA = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "srj": "json",
                  "srx": "xml"}
RESULT_FORMS, GRAPH_FORMS = ("SELECT", "ASK"), ("CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

# Strings and comments hide keywords; IRIs are kept for the SERVICE check, blanked for the form check.
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
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


def _blank(query: str) -> str:
    """Query text with strings and comments blanked (a '#' inside an IRI is not a comment)."""
    out, pos = [], 0
    for m in re.finditer(_IRI.pattern + "|" + _STRINGS.pattern, query):
        out.append(query[pos:m.start()])
        tok = m.group(0)
        out.append(tok if tok.startswith("<") else ('""' if tok[0] in "\"'" else " "))
        pos = m.end()
    out.append(query[pos:])
    return "".join(out)


def query_form(query: str) -> str:
    """SELECT | ASK | CONSTRUCT | DESCRIBE, or the update keyword it starts with, from the text."""
    text = _IRI.sub("<>", _blank(query))
    text = re.sub(r"^\s*(?:(?:BASE\s*<>|PREFIX\s+[^\s:]*:\s*<>)\s*)*", "", text, flags=re.I)
    m = re.match(r"\s*([A-Za-z]+)", text)
    return m.group(1).upper() if m else ""


def check_read_only(query: str, settings: dict) -> str:
    """The query's form; raises QueryRefused for updates, LOAD and SERVICE outside the allow-list."""
    limit = int(settings.get("MAX_QUERY_LENGTH") or 0)
    if limit and len(query) > limit:
        raise QueryRefused(400, f"query is {len(query)} characters; the limit is {limit} (setting MAX_QUERY_LENGTH)")
    form = query_form(query)
    if form in UPDATE_WORDS:
        raise QueryRefused(403, f"this endpoint is read-only: {form} is a SPARQL Update operation")
    blank = _blank(query)
    allow = set(settings.get("SERVICE_ALLOWLIST") or ())
    for m in re.finditer(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\S+)", blank, flags=re.I):
        target = m.group(1).strip("<>")
        if target not in allow:
            raise QueryRefused(403, f"SERVICE {m.group(1)} is not allowed (setting SERVICE_ALLOWLIST)")
    if form not in RESULT_FORMS + GRAPH_FORMS:
        if not form:
            raise QueryRefused(400, "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
        # let the parser word the error
    return form


def normalise_format(fmt: str | None) -> str | None:
    if not fmt:
        return None
    fmt = fmt.strip().lower()
    fmt = FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in {*RESULT_MEDIA, *GRAPH_MEDIA, "html"}:
        raise QueryRefused(400, f"unknown format {fmt!r}; choose from json, xml, csv, tsv, ttl, nt, jsonld")
    return fmt


def run_public_query(store, query: str, fmt: str, settings: dict) -> PublicAnswer:
    """Run one public query: read-only check, then the store, then the row cap. The hardening seam."""
    form = check_read_only(query, settings)
    cap = int(settings.get("ROW_CAP") or 0)
    if form in GRAPH_FORMS:
        if fmt in RESULT_MEDIA and fmt != "json":
            raise QueryRefused(400, f"format {fmt!r} is for SELECT and ASK results; use ttl, nt or jsonld")
        gfmt = {"html": "ttl", "json": "jsonld"}.get(fmt, fmt)
        body, media = store.query_bytes(query, gfmt)
        return PublicAnswer(form, fmt, body, media)
    if fmt in GRAPH_MEDIA:
        raise QueryRefused(400, f"format {fmt!r} is for CONSTRUCT and DESCRIBE; use json, xml, csv or tsv")
    if form == "ASK":
        value = store.ask(query)
        ans = PublicAnswer(form, fmt, boolean=value)
        if fmt != "html":
            ans.body, ans.media_type = ask_bytes(value, fmt), RESULT_MEDIA[fmt]
        return ans
    res = store.select(query)  # SELECT, or anything else: the parser gives the error message
    rows = res.rows
    truncated = bool(cap) and len(rows) > cap
    if truncated:
        rows = rows[:cap]
    ans = PublicAnswer("SELECT", fmt, vars=list(res.vars), rows=rows, truncated=truncated, row_cap=cap)
    if fmt != "html":
        ans.body, ans.media_type = select_bytes(ans.vars, rows, fmt), RESULT_MEDIA[fmt]
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
        ans = run_public_query(app.extensions["bvkg"].store(), query, fmt, settings)
    except QueryRefused as exc:
        return error_response(exc.status, exc.message)
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
