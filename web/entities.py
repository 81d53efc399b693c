"""Entity pages at the entity IRIs (/id/...), with content negotiation on the IRI itself.

/id/<rest> shows BASE_IRI + 'id/' + rest, whatever host serves it. Browsers get HTML (documents get
the document page); Accept: text/turtle, application/ld+json or application/n-triples (or
?format=ttl|jsonld|nt) gets the same description as data. Unknown IRIs get a 404 page with a search
box and suggestions from the label index.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from rdflib import URIRef

from web.documents import document_view
from web.network import layout as network_layout
from web.rdfutil import (
    DOCUMENT_TYPES, fallback_label, iri_for_path, labels, local_href, safe_iri, type_word, types_of,
)
from web.render import Describer, incoming, properties, statements_about
from web.timeline import timelines_for

bp = Blueprint("entities", __name__)

DATA_FORMATS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}
_ACCEPT = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "ttl",
           "application/ld+json": "jsonld", "application/n-triples": "nt", "application/json": "jsonld"}
_PERSON = {"http://xmlns.com/foaf/0.1/Person", "https://schema.org/Person"}
_ORGS = {"http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Organization"} | {
    "https://w3id.org/bvkg/ontology#" + c for c in ("LocalAuthority", "Board", "Committee", "GovernmentDepartment",
                                                    "Regulator", "Auditor", "Association", "PoliticalGroup",
                                                    "InterventionTeam")}


def _wanted_format() -> str | None:
    fmt = (request.args.get("format") or "").lower()
    if fmt:
        fmt = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt"}.get(fmt, fmt)
        return fmt if fmt in DATA_FORMATS or fmt == "html" else "bad"
    if not request.accept_mimetypes:
        return "html"
    return _ACCEPT.get(request.accept_mimetypes.best_match(list(_ACCEPT)) or "", None)


def describe_response(store, iri: str, fmt: str) -> Response:
    """The store's description of one IRI (its triples both ways) in Turtle, JSON-LD or N-Triples."""
    ref = f"<{iri}>"
    body, media = store.query_bytes(
        f"CONSTRUCT {{ {ref} ?p ?o . ?s ?q {ref} }} WHERE {{ {{ {ref} ?p ?o }} UNION {{ ?s ?q {ref} }} }}", fmt)
    resp = Response(body, 200, content_type=media + "; charset=utf-8")
    resp.headers["Vary"] = "Accept"
    return resp


def entity_kind(types: set[str]) -> str:
    if types & _PERSON:
        return "person"
    if "http://www.w3.org/ns/org#Post" in types:
        return "post"
    if types & DOCUMENT_TYPES:
        return "document"
    if "https://w3id.org/bvkg/ontology#RoleHolding" in types or "http://www.w3.org/ns/org#Membership" in types:
        return "holding"
    if "http://www.w3.org/ns/org#Role" in types:
        return "role"
    if types & _ORGS:
        return "organisation"
    return "other"


def show(iri: str):
    ctx = current_app.extensions["bvkg"]
    store, base = ctx.store(), ctx.base
    fmt = _wanted_format()
    if fmt == "bad":
        return render_template("error.html", status=400,
                               message="Unknown format: choose ttl, jsonld, nt or html."), 400
    if fmt is None:
        return render_template("error.html", status=406,
                               message="This resource is available as text/html, text/turtle, "
                                       "application/ld+json and application/n-triples."), 406
    if not safe_iri(iri) or not store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"):
        return not_found(iri)
    if fmt != "html":
        return describe_response(store, iri, fmt)
    types = types_of(store, [iri])[iri]
    kind = entity_kind(types)
    label = labels(store, [URIRef(iri)]).get(iri) or fallback_label(iri)
    data_links = {f: f"{request.path}?format={f}" for f in DATA_FORMATS}
    if kind == "document":
        doc = document_view(store, iri, base)
        return render_template("document.html", doc=doc, iri=iri, label=label, kind=type_word(types),
                               formats=data_links)
    d = Describer(store, base)  # one per page: the timelines reuse what the statements read
    return render_template(
        "entity.html", iri=iri, label=label, kind=type_word(types), statements=statements_about(store, iri, base, d),
        props=properties(store, iri, base), incoming=incoming(store, iri, base),
        timelines=timelines_for(store, iri, kind, base, d), network=network_layout(store, iri, base),
        formats=data_links)


def not_found(iri: str):
    ctx = current_app.extensions["bvkg"]
    guess = fallback_label(iri)
    suggestions = []
    try:
        suggestions = [{"label": e.label, "kind": e.kind, "href": local_href(e.iri, ctx.base)}
                       for e in ctx.label_index().suggest(guess)]
    except Exception:  # the 404 page must render even when the index cannot be built
        suggestions = []
    return render_template("notfound.html", iri=iri, guess=guess, suggestions=suggestions), 404


@bp.route("/id/<path:rest>")
def entity(rest: str):
    ctx = current_app.extensions["bvkg"]
    return show(iri_for_path(rest, ctx.base))


@bp.route("/describe")
def describe():
    """Pages for IRIs outside the base (legislation, vocabulary terms) that the graph talks about."""
    iri = (request.args.get("iri") or "").strip()
    if not iri:
        return render_template("error.html", status=400, message="Pass ?iri= with the IRI to describe."), 400
    return show(iri)
