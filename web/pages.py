"""Home, the query page (/query) and the ontology page (/ontology).

The query page keeps the query in the URL (?query=) so a link reproduces it; worked examples are
the named queries of graph/queries (each a link that fills the editor with its rendered SPARQL).
Results show labels for IRIs, link to entity pages, sort in the browser, and plot date columns.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from markupsafe import Markup
from rdflib.term import Literal, URIRef

from graph import limits
from graph.store import QuerySyntaxError
from ontology.namespaces import sparql_prefixes
from web.rdfutil import fallback_label, human_date, is_date_literal, labels, local_href, parse_when, type_word
from web.sparql import QueryRefused, run_public_query

bp = Blueprint("pages", __name__)

DEFAULT_QUERY = sparql_prefixes() + """
SELECT ?person ?name WHERE {
  ?person a foaf:Person ; foaf:name ?name .
} ORDER BY ?name LIMIT 50
"""


def _named():
    try:
        from graph.queries import named_queries
        return named_queries()
    except ImportError:  # graph.queries is optional for the page to render
        return []


@bp.route("/")
def home():
    ctx = current_app.extensions["bvkg"]
    return render_template("index.html", examples=_named()[:6], info=ctx.build_info(),
                           documents=document_list(ctx.store(), ctx.base))


def document_list(store, base: str) -> list[dict]:
    """Every document (it has a source file), newest first, with its kind and date."""
    rows = store.select(sparql_prefixes() + """SELECT DISTINCT ?d ?title ?date ?type WHERE {
        ?d bvkg:sourceFile ?f . OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date }
        OPTIONAL { ?d a ?type } }""").rows
    docs: dict[str, dict] = {}
    for r in rows:
        d = docs.setdefault(str(r["d"]), {"href": local_href(str(r["d"]), base), "title": str(r.get("title") or
                                          fallback_label(r["d"])), "when": parse_when(r["date"]) if "date" in r
                                          else None, "types": set()})
        if "type" in r:
            d["types"].add(str(r["type"]))
    out = []
    for d in docs.values():
        out.append({"href": d["href"], "title": d["title"], "date": d["when"].text if d["when"] else "",
                    "kind": type_word(d["types"]).replace("document (", "").rstrip(")"),
                    "sort": d["when"].start.isoformat() if d["when"] else ""})
    return sorted(out, key=lambda d: (d["sort"], d["title"]), reverse=True)


@bp.route("/query")
def query_page():
    example = request.args.get("example")
    if example and "query" not in request.args:
        return _example_redirect(example)
    return render_query_page(request.args.get("query"))


def _example_redirect(example_id: str):
    ctx = current_app.extensions["bvkg"]
    try:
        from graph.queries import ParameterError, get
        nq = get(example_id)
        params = {p.name: request.args.get(p.name) for p in nq.parameters if p.name in request.args}
        text = nq.render(ctx.base, **params)
    except KeyError:
        return render_template("error.html", status=404, message=f"No worked example called {example_id!r}."), 404
    except ParameterError as exc:
        return render_template("error.html", status=400, message=str(exc)), 400
    return redirect(url_for("pages.query_page", query=text, example=example_id))


def render_query_page(query: str | None):
    ctx = current_app.extensions["bvkg"]
    settings = current_app.config["BVKG"]
    result, error, status = None, None, 200
    if query and query.strip():
        try:
            ans = run_public_query(ctx.store(), query, "html", settings, ctx.query_pool())
            result = result_view(ctx.store(), ans, ctx.base)
        except QueryRefused as exc:
            error, status = exc.message, exc.status
        except limits.QueryTimeout as exc:
            error, status = str(exc), 503
        except limits.WorkerCrashed as exc:
            error, status = str(exc), 500
        except QuerySyntaxError as exc:
            error, status = f"SPARQL syntax error: {exc.message}", 400
    downloads = {}
    if result and result["form"] in ("SELECT", "ASK"):
        downloads = {f: "/sparql?" + urlencode({"query": query, "format": f}) for f in ("csv", "json")}
    elif result:
        downloads = {f: "/sparql?" + urlencode({"query": query, "format": f}) for f in ("ttl", "jsonld")}
    resp = Response(render_template(
        "query.html", query=query or DEFAULT_QUERY, ran=bool(query and query.strip()), result=result, error=error,
        examples=_named(), current_example=request.args.get("example"), downloads=downloads, base=ctx.base,
        row_cap=settings["ROW_CAP"]), status, mimetype="text/html")
    if result and result.get("truncated"):
        resp.headers["X-BVKG-Truncated"] = "true"
    return resp


def result_view(store, ans, base: str) -> dict:
    """Rows with labels and links for IRIs, plus a timeline when a column holds dates."""
    if ans.form == "ASK":
        return {"form": "ASK", "boolean": ans.boolean}
    if ans.form in ("CONSTRUCT", "DESCRIBE"):
        return {"form": ans.form, "text": (ans.body or b"").decode("utf-8", "replace")}
    labs = labels(store, {v for r in ans.rows for v in r.values() if isinstance(v, URIRef)})
    rows = []
    for r in ans.rows:
        cells = []
        for v in ans.vars:
            t = r.get(v)
            if t is None:
                cells.append({"text": "", "sort": ""})
            elif isinstance(t, URIRef):
                cells.append({"text": labs.get(str(t)) or fallback_label(t), "href": local_href(str(t), base),
                              "title": str(t), "sort": (labs.get(str(t)) or str(t)).lower()})
            elif is_date_literal(t):
                w = parse_when(t)
                cells.append({"text": human_date(t), "sort": w.start.isoformat() if w else str(t), "date": True})
            else:
                cells.append({"text": str(t), "sort": str(t).lower()})
        rows.append(cells)
    return {"form": "SELECT", "vars": ans.vars, "rows": rows, "truncated": ans.truncated, "row_cap": ans.row_cap,
            "timeline": timeline_of(ans, labs)}


_ISO = re.compile(r"(19|20)\d\d(-[01]\d(-[0-3]\d)?)?")


def _date_column(rows: list[dict], var: str) -> bool:
    """Typed dates, or plain strings that are all ISO dates (queries often give STR(?date))."""
    vals = [r[var] for r in rows if var in r]
    if not vals:
        return False
    if any(is_date_literal(v) for v in vals):
        return True
    return all(isinstance(v, Literal) and v.datatype is None and not v.language and _ISO.fullmatch(str(v))
               and parse_when(v) for v in vals)


def timeline_of(ans, labs: dict) -> dict | None:
    """Points on a time axis for the first date column; each labelled by the row's first other value."""
    date_cols = [v for v in ans.vars if _date_column(ans.rows, v)]
    if not date_cols:
        return None
    col = date_cols[0]
    pts = []
    for r in ans.rows:
        w = parse_when(r[col]) if col in r else None
        if not w:
            continue
        other = next((r[v] for v in ans.vars if v != col and v in r), None)
        text = (labs.get(str(other)) or fallback_label(other)) if isinstance(other, URIRef) else str(other or "")
        pts.append((w, text))
    if not pts:
        return None
    lo = min(w.start for w, _ in pts) - dt.timedelta(days=30)
    hi = max(w.start for w, _ in pts) + dt.timedelta(days=30)
    span = max((hi - lo).days, 1)
    width, left = 760, 20
    pts.sort(key=lambda p: p[0].start)
    marks = []
    for i, (w, t) in enumerate(pts):
        x = round(left + (width - 2 * left) * (w.start - lo).days / span, 1)
        right = x > width * 0.6  # label on the left of points near the right edge, so it stays visible
        marks.append({"x": x, "y": 40 + (i % 8) * 22, "label": (t[:40] + "…") if len(t) > 41 else t, "full": t,
                      "date": w.text, "anchor": "end" if right else "start", "tx": x - 8 if right else x + 8})
    ticks = [{"x": round(left + (width - 2 * left) * (dt.date(y, 1, 1) - lo).days / span, 1), "label": str(y)}
             for y in range(lo.year + 1, hi.year + 1)]
    return {"column": col, "marks": marks, "ticks": ticks, "width": width, "height": 40 + min(len(pts), 8) * 22 + 30}


@bp.route("/ontology")
def ontology_page():
    """The ontology's documentation (ontology/docs.py); Turtle by content negotiation."""
    from ontology import ONTOLOGY_TTL

    best = request.accept_mimetypes.best_match(["text/html", "text/turtle"]) if request.accept_mimetypes else "text/html"
    if request.args.get("format") == "ttl" or best == "text/turtle":
        return Response(ONTOLOGY_TTL.read_bytes(), 200, content_type="text/turtle; charset=utf-8")
    try:
        from ontology.docs import render_ontology_html
    except ImportError:
        render_ontology_html = None
    if render_ontology_html is not None:
        ctx = current_app.extensions["bvkg"]
        html = render_ontology_html(ctx.base)
        # links to our own IRIs stay on this server
        html = html.replace(f'href="{ctx.base}id/', 'href="/id/').replace(
            'href="https://w3id.org/bvkg/ontology#', 'href="/ontology#')
        # A whole page: keep its body inside ours (site header and footer; its <style> would need an
        # inline-style CSP exception). It is our own generated documentation, not user input.
        m = re.search(r"<body[^>]*>(.*)</body>", html, flags=re.S | re.I)
        return render_template("ontology.html", body=Markup(m.group(1) if m else html), terms=None)
    ctx = current_app.extensions["bvkg"]
    rows = ctx.store().select("""SELECT DISTINCT ?t ?l ?c WHERE { ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l .
        OPTIONAL { ?t <http://www.w3.org/2000/01/rdf-schema#comment> ?c }
        FILTER(STRSTARTS(STR(?t), "https://w3id.org/bvkg/ontology#")) } ORDER BY ?t""").rows
    terms = [{"id": str(r["t"]).split("#", 1)[1], "label": str(r["l"]), "comment": str(r.get("c", ""))} for r in rows]
    return render_template("ontology.html", body=None, terms=terms)
