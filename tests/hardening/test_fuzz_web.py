"""Fuzzing the web app's parameter handling: never a 500, only documented statuses, no stack traces.

Queries are kept under 400 characters, so fuzzing stays fast; pyoxigraph's parser overflows the
stack (the process dies with SIGSEGV) at about 3,000 nested groups, which MAX_QUERY_NESTING stops
before the engine sees them (tested in test_bad_input.py).
"""
from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
from markupsafe import escape
from hypothesis import given, strategies as st

from tests.hardening.fuzzing import FUZZ, TEXT

SPARQL_PARTS = st.sampled_from([
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", "*", ".", ";",
    "PREFIX org: <http://www.w3.org/ns/org#>", "org:member", "a", "<https://w3id.org/bvkg/id/person/linda-walker>",
    "FILTER", "OPTIONAL", "UNION", "LIMIT 3", "ORDER BY", "GROUP BY", "COUNT(*)", "AS", "?n", "\"x\"", "'y'",
    "\"\"\"", "#", "\n", "BIND", "VALUES", "SERVICE <http://example.org/>", "INSERT DATA", "LOAD", "DROP ALL",
    "REGEX(?o, \"(a+)+$\")", "STR(?o)", "LANG", "@en", "^^", "<", ">", "BASE <http://e/>", "GRAPH ?g",
])
QUERY = st.one_of(st.text(TEXT, max_size=120),
                  st.lists(st.one_of(SPARQL_PARTS, st.text(TEXT, max_size=5)), max_size=40)
                  .map(" ".join).filter(lambda q: len(q) < 400))
FORMATS = st.one_of(st.none(), st.sampled_from(["json", "xml", "csv", "tsv", "ttl", "nt", "jsonld", "html",
                                                "turtle", "srj", "JSON", " csv "]), st.text(TEXT, max_size=8))
ACCEPTS = st.one_of(st.none(), st.sampled_from([
    "*/*", "text/html", "application/sparql-results+json", "text/csv", "text/turtle", "image/png",
    "application/json;q=0.1, text/csv;q=0.9", "text/*", "application/*;q=0", ";;;", "q=1",
    "text/html;q=abc", "application/ld+json, text/plain;q=0.5"]),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
# Statuses the app documents (web/README.md, DESIGN §7); 502/503 need a broken store, not bad input.
SPARQL_STATUSES = {200, 302, 400, 403, 406, 415}
PAGE_STATUSES = {200, 302, 308, 400, 404, 406}


# Any text at all, valid IRI or not: an invalid one ('%', '[', a second '#', controls) is a 404.
IRI_PATH = st.lists(st.text(TEXT, min_size=1, max_size=20), min_size=1, max_size=5).map("/".join)


def _check(resp, allowed):
    body = resp.get_data(as_text=True)
    assert resp.status_code in allowed, (resp.status_code, resp.request.url, body[:300])
    assert "Traceback" not in body and 'File "/' not in body, body[:300]


def _headers(accept):
    return {} if accept is None else {"Accept": accept}


@FUZZ
@given(QUERY, FORMATS, ACCEPTS, st.sampled_from(["GET", "POST-form", "POST-body"]))
def test_sparql_parameters(client, query, fmt, accept, method):
    params = {} if fmt is None else {"format": fmt}
    if method == "GET":
        r = client.get("/sparql", query_string={"query": query, **params}, headers=_headers(accept))
    elif method == "POST-form":
        r = client.post("/sparql", data={"query": query, **params}, headers=_headers(accept))
    else:
        r = client.post("/sparql", query_string=params, data=query.encode("utf-8"),
                        headers={"Content-Type": "application/sparql-query", **_headers(accept)})
    _check(r, SPARQL_STATUSES)


@FUZZ
@given(st.binary(max_size=60), st.binary(max_size=20))
def test_sparql_raw_bytes_in_url(client, query, fmt):
    """Percent-encoded bytes that are not UTF-8 at all."""
    r = client.get(f"/sparql?query={quote(query)}&format={quote(fmt)}")
    _check(r, SPARQL_STATUSES)


@FUZZ
@given(st.text(TEXT, max_size=300), ACCEPTS)
def test_search_terms(client, q, accept):
    r = client.get("/search", query_string={"q": q}, headers=_headers(accept))
    _check(r, {200})
    if r.mimetype == "text/html" and q.strip():   # the term is echoed in the search box, escaped
        assert f'name="q" type="search" value="{escape(q.strip()[:200])}"' in r.get_data(as_text=True)


@FUZZ
@given(IRI_PATH,
       st.one_of(st.none(), st.sampled_from(["ttl", "jsonld", "nt", "html", "xml", "bogus"])), ACCEPTS)
def test_entity_paths(client, path, fmt, accept):
    url = "/id/" + quote(path, safe="/")
    r = client.get(url, query_string={} if fmt is None else {"format": fmt}, headers=_headers(accept))
    _check(r, PAGE_STATUSES)


@FUZZ
@given(IRI_PATH, ACCEPTS)
def test_describe_iris(client, iri, accept):
    for value in (iri, "https://w3id.org/bvkg/id/" + iri):
        _check(client.get("/describe", query_string={"iri": value}, headers=_headers(accept)), PAGE_STATUSES)


@FUZZ
@given(st.one_of(st.text(TEXT, min_size=1, max_size=60),
                 st.sampled_from(["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "....//....//etc"])))
def test_download_names(client, name):
    r = client.get("/downloads/" + quote(name, safe="/%"), follow_redirects=True)
    _check(r, {404})


@FUZZ
@given(st.text(TEXT, max_size=40))
def test_as_of_dates(client, date):
    _check(client.get("/as-of", query_string={"date": date}), {200, 400})
