"""Bad input at the endpoint, in pages and at build time: each answered with its status and a clear message."""
from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

import pytest

from graph.build import BuildError, build
from graph.store import open_store
from tests.hardening.conftest import BASE, GENRE, IMG, QUIET, RAW_PAYLOADS, SCRIPT

JSON = {"Accept": "application/sparql-results+json"}
HTML = {"Accept": "text/html"}
ANY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def _get(client, query, headers=JSON, **params):
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


# ---------------------------------------------------------------- the SPARQL endpoint

def test_malformed_sparql_gives_parser_message_and_position(client):
    r = _get(client, "SELECT ?x WHERE { ?x ?y }")
    assert r.status_code == 400
    assert r.get_data(as_text=True).startswith("SPARQL syntax error: error at 1:26: expected one of ")


def test_malformed_sparql_posted_as_body(client):
    r = client.post("/sparql", data="SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}", headers={
        "Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 400
    assert re.match(r"SPARQL syntax error: error at 4:\d+: ", r.get_data(as_text=True))


def test_unknown_format_is_400(client):
    r = _get(client, ANY, format="bogus")
    assert r.status_code == 400
    assert r.get_data(as_text=True) == "unknown format 'bogus'; choose from json, xml, csv, tsv, ttl, nt, jsonld\n"


def test_graph_format_for_select_is_400(client):
    r = _get(client, ANY, format="ttl")
    assert r.status_code == 400
    assert r.get_data(as_text=True) == "format 'ttl' is for CONSTRUCT and DESCRIBE; use json, xml, csv or tsv\n"


def test_unsatisfiable_accept_is_406(client):
    r = _get(client, ANY, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.get_data(as_text=True).startswith("none of the requested media types can be produced; offered: "
                                               "application/sparql-results+json, ")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_huge_query_is_400_naming_the_setting(client, method):
    query = ANY + " # " + "x" * 20_000
    if method == "GET":
        r = _get(client, query)
    else:
        r = client.post("/sparql", data=query, headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 400
    assert r.get_data(as_text=True) == f"query is {len(query)} characters; the limit is MAX_QUERY_LENGTH=20000\n"


@pytest.mark.parametrize("depth", [65, 3000])   # 3000: deep enough to overflow the engine's parser stack
def test_deeply_nested_query_is_400_naming_the_setting(client, depth):
    r = _get(client, "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth)
    assert r.status_code == 400
    assert r.get_data(as_text=True) == f"query nests {depth} levels deep; the limit is MAX_QUERY_NESTING=64\n"
    assert _get(client, "SELECT * WHERE " + "{" * 64 + " ?s ?p ?o " + "}" * 64 + " LIMIT 1").status_code == 200


@pytest.mark.parametrize("query, verb", [
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "INSERT"),
    ("# a comment\nPREFIX e: <http://e/>\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("DROP ALL", "DROP"),
    ("CLEAR DEFAULT", "CLEAR"),
])
def test_updates_are_403_read_only(client, fixture_store, query, verb):
    before = fixture_store.triple_count()
    r = _get(client, query)
    assert r.status_code == 403
    assert r.get_data(as_text=True) == f"this endpoint is read-only: {verb} is a SPARQL Update operation\n"
    assert fixture_store.triple_count() == before


def test_update_form_field_is_403(client):
    r = client.post("/sparql", data={"update": "DROP ALL"}, headers=JSON)
    assert r.status_code == 403
    assert r.get_data(as_text=True) == "this endpoint is read-only: SPARQL Update is not accepted\n"


def test_service_is_403(client):
    r = _get(client, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert r.status_code == 403
    assert r.get_data(as_text=True) == ("SERVICE <http://example.org/sparql> is not allowed: federated queries may "
                                        "call only the endpoints listed in SERVICE_ALLOWLIST\n")


def test_keywords_inside_strings_are_not_refused(client):
    r = _get(client, 'SELECT ?x WHERE { BIND("DROP ALL; SERVICE <http://e/>" AS ?x) }')
    assert r.status_code == 200
    assert json.loads(r.data)["results"]["bindings"] == [
        {"x": {"type": "literal", "value": "DROP ALL; SERVICE <http://e/>"}}]


# ---------------------------------------------------------------- script payloads are escaped everywhere

def _assert_escaped(resp):
    body = resp.get_data(as_text=True)
    for raw in RAW_PAYLOADS:
        assert raw not in body, f"{resp.request.path}: unescaped {raw!r}"
    return body


def test_document_text_payloads_escaped_on_document_page(xss_app):
    c = xss_app.test_client()
    body = _assert_escaped(c.get("/id/document/950-web-form-incident", headers=HTML))
    assert "reported that the text &lt;script&gt;alert(1)&lt;/script&gt; was typed" in body
    assert "A second entry read &#34;&gt;&lt;img src=x onerror=alert(1)&gt; and was removed" in body


def test_every_entity_page_of_the_build_escapes_payloads(xss_app, xss_build):
    store = open_store({"DATA_DIR": str(xss_build[0])})
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{BASE}id/')) }}").rows
    paths = sorted({str(r["s"]).split("#")[0][len(BASE):] for r in rows})
    assert len(paths) > 100
    c = xss_app.test_client()
    for path in paths:
        r = c.get("/" + path, headers=HTML)
        assert r.status_code == 200, path
        _assert_escaped(r)


@pytest.mark.parametrize("payload", [SCRIPT, IMG])
def test_payloads_in_parameters_escaped(xss_app, payload):
    c = xss_app.test_client()
    q = quote(payload, safe="")
    for url, status in [(f"/search?q={q}", 200), (f"/search?q=alert", 200), (f"/as-of?date={q}", 400),
                        (f"/describe?iri={q}", 404), (f"/id/person/{q}", 404), (f"/query?query={q}", 400),
                        (f"/downloads/{q}", 404)]:
        r = c.get(url, headers=HTML)
        assert r.status_code == status, url
        _assert_escaped(r)
    # the error of a bad query echoes the parser's words as plain text, never as HTML
    r = c.get(f"/sparql?query={q}", headers=JSON)
    assert r.status_code == 400 and r.mimetype == "text/plain"


def test_search_shows_payload_paragraphs_escaped(xss_app):
    body = _assert_escaped(xss_app.test_client().get("/search?q=alert(1)", headers=HTML))
    assert body.count('<p class="where">') == 2
    assert "&lt;script&gt;<mark>alert(1)</mark>&lt;/script&gt;" in body


# ---------------------------------------------------------------- injection through search and form fields

def _paragraph_hits(body: str) -> int:
    return body.count('<p class="where">')


@pytest.mark.parametrize("q", ['"} ; DROP ALL ; #', 'x" } UNION { ?s ?p ?o } #',
                               'alert") || true || CONTAINS("', "alert' || true || '"])
def test_search_injection_returns_only_real_matches(xss_app, xss_build, q):
    c = xss_app.test_client()
    before = open_store({"DATA_DIR": str(xss_build[0])}).triple_count()
    r = c.get("/search", query_string={"q": q}, headers=HTML)
    assert r.status_code == 200
    body = _assert_escaped(r)
    assert _paragraph_hits(body) == 0 and "No paragraph contains these words." in body
    assert open_store({"DATA_DIR": str(xss_build[0])}).triple_count() == before
    # the same words that would widen a pasted FILTER find exactly their own paragraphs
    assert _paragraph_hits(c.get("/search?q=alert", headers=HTML).get_data(as_text=True)) == 2


@pytest.mark.parametrize("iri", [f"{BASE}id/person/x> ?p ?o }} UNION {{ ?s ?p ?o",
                                 f'{BASE}id/person/x" }} UNION {{ ?s ?p ?o }} #'])
def test_describe_injection_is_404(xss_app, iri):
    r = xss_app.test_client().get("/describe", query_string={"iri": iri}, headers=HTML)
    assert r.status_code == 404
    assert "Nothing here yet" in r.get_data(as_text=True)


def test_as_of_bad_date_is_400_with_the_format(xss_app):
    r = xss_app.test_client().get("/as-of", query_string={"date": "2024-13-45' } UNION {"}, headers=HTML)
    assert r.status_code == 400
    assert "Give the date as YYYY-MM-DD, for example 2024-11-25." in r.get_data(as_text=True)


# ---------------------------------------------------------------- downloads and unknown entities

@pytest.mark.parametrize("name", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/build.json",
                                  "..%5c..%5cbuild.json", "build.json", "../build.json", ".%2Fbvkg.nt",
                                  "bvkg.nt%00.csv", "/etc/passwd"])
def test_download_traversal_is_404(xss_app, name):
    c = xss_app.test_client()
    assert c.get("/downloads/bvkg.nt").status_code == 200   # a listed file is served
    r = c.get(f"/downloads/{name}", follow_redirects=True)   # "//etc" is first merged to "/etc"
    assert r.status_code == 404
    assert b"root:" not in r.data and b"build_id" not in r.data


def test_unknown_entity_is_404_page_with_search_box(xss_app):
    r = xss_app.test_client().get("/id/person/marek-nowack", headers=HTML)
    assert r.status_code == 404
    body = r.get_data(as_text=True)
    assert f"<code>{BASE}id/person/marek-nowack</code>" in body
    assert '<form action="/search" method="get" role="search"' in body
    assert 'name="q" type="search" value="marek nowack"' in body.lower()


# ---------------------------------------------------------------- bad documents at build time

def test_bad_documents_fail_by_name_and_the_rest_builds(tmp_path, monkeypatch):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    good = corpus / "03-kingsmere-reply.txt"
    good.write_bytes((GENRE / "03-kingsmere-reply.txt").read_bytes())
    first = build(corpus, data, BASE, **QUIET)
    before = open_store({"DATA_DIR": str(data)}).triple_count()

    monkeypatch.setenv("BVKG_MAX_DOCUMENT_BYTES", "20000")
    (corpus / "10-latin1.txt").write_bytes("Dear Minister,\n\nThe caf\xe9 closed.\n".encode("latin-1"))
    (corpus / "11-binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    (corpus / "12-empty.txt").write_bytes(b"  \n\n\t\n")
    (corpus / "13-huge.txt").write_bytes(b"Dear Minister,\n\n" + b"Words. " * 4000)
    second = build(corpus, data, BASE, **QUIET)
    assert second.documents == 1
    assert second.failures == [
        f"{corpus / '10-latin1.txt'}:3: not UTF-8: byte 0xe9 at offset 23 (invalid continuation byte); save the file as UTF-8",
        f"{corpus / '11-binary.txt'}:2: binary file: NUL byte at offset 9",
        f"{corpus / '12-empty.txt'}: empty document (no text, or only whitespace)",
        f"{corpus / '13-huge.txt'}: file too large: 28016 bytes, more than MAX_DOCUMENT_BYTES=20000",
    ]
    assert os.readlink(data / "current") == f"builds/{second.build_id}"
    assert open_store({"DATA_DIR": str(data)}).triple_count() == before   # the good document built alike

    good.unlink()   # only bad documents left: the build fails and the previous graph is kept
    with pytest.raises(BuildError) as err:
        build(corpus, data, BASE, **QUIET)
    assert str(err.value).startswith("no document could be loaded, the previous graph is kept: "
                                     f"{corpus / '10-latin1.txt'}:3: not UTF-8")
    assert os.readlink(data / "current") == f"builds/{second.build_id}"
    assert open_store({"DATA_DIR": str(data)}).triple_count() == before
    assert first.build_id < second.build_id


@pytest.mark.parametrize("param, value, message", [
    ("date", '2024-11-25"^^<x> } UNION { ?s ?p ?o } #', "parameter 'date' must be a date YYYY-MM-DD, not "),
    ("authority", f"{BASE}id/authority/x> }} UNION {{ ?s ?p ?o", "parameter 'authority' must be an absolute IRI, not "),
])
def test_named_query_form_fields_refuse_injection(xss_app, param, value, message):
    r = xss_app.test_client().get("/query", query_string={"example": "holders-on-date", param: value}, headers=HTML)
    assert r.status_code == 400
    body = _assert_escaped(r)
    assert message in body.replace("&#39;", "'")
