"""Every route's status codes and content types, over the fixture graph (tests/fixtures/web)."""
from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
import rdflib
from rdflib.namespace import FOAF

from graph.store import QuerySyntaxError
from web.app import create_app

B = "https://w3id.org/bvkg/"
CSV_BODY = b"person,role\r\nhttps://w3id.org/bvkg/id/person/linda-walker,Monitoring Officer\r\n"  # as conftest writes it
NAMES = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"
PEOPLE = ["Kim Bromley-Derry", "Linda Walker", "Max Soule", "Stephen Halsey"]
LINDA = B + "id/person/linda-walker"
CONSTRUCT = f"CONSTRUCT {{ <{LINDA}> ?p ?o }} WHERE {{ <{LINDA}> ?p ?o }}"
HTML = {"Accept": "text/html"}


def text(resp) -> str:
    return resp.get_data(as_text=True)


# ---------------------------------------------------------------- /sparql: formats

def test_select_json_by_accept(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert r.mimetype == "application/sparql-results+json"
    body = json.loads(r.data)
    assert body["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in body["results"]["bindings"]] == PEOPLE
    assert "X-BVKG-Truncated" not in r.headers


def test_select_xml_by_accept(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+xml"
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.data)
    assert [e.text for e in root.findall(".//s:literal", ns)] == PEOPLE


def test_select_csv_and_tsv_by_accept(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "text/csv"})
    assert r.mimetype == "text/csv"
    assert r.data == b"name\r\nKim Bromley-Derry\r\nLinda Walker\r\nMax Soule\r\nStephen Halsey\r\n"
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "text/tab-separated-values"})
    assert r.mimetype == "text/tab-separated-values"
    assert r.data == b'?name\n"Kim Bromley-Derry"\n"Linda Walker"\n"Max Soule"\n"Stephen Halsey"\n'


def test_format_parameter_beats_accept(client):
    r = client.get("/sparql", query_string={"query": NAMES, "format": "csv"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.mimetype == "text/csv" and r.data.startswith(b"name\r\n")


def test_no_accept_header_gives_json(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": ""})
    assert r.mimetype == "application/sparql-results+json"


def test_post_form_and_direct(client):
    r = client.post("/sparql", data={"query": NAMES}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.data.count(b"\r\n") == 5
    r = client.post("/sparql", data=NAMES.encode(), content_type="application/sparql-query",
                    headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(json.loads(r.data)["results"]["bindings"]) == 4


def test_post_other_content_type_is_415(client):
    r = client.post("/sparql", data=NAMES.encode(), content_type="text/plain")
    assert r.status_code == 415


def test_ask_json(client):
    r = client.get("/sparql", query_string={"query": f"ASK {{ <{LINDA}> ?p ?o }}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert json.loads(r.data) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("accept,fmt,mime", [
    ("text/turtle", None, "text/turtle"),
    ("application/ld+json", None, "application/ld+json"),
    ("application/n-triples", None, "application/n-triples"),
    ("text/turtle", "nt", "application/n-triples"),
    ("application/n-triples", "jsonld", "application/ld+json"),
])
def test_construct_formats(client, accept, fmt, mime):
    qs = {"query": CONSTRUCT, **({"format": fmt} if fmt else {})}
    r = client.get("/sparql", query_string=qs, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mime
    g = rdflib.Graph().parse(data=r.data, format={"text/turtle": "turtle", "application/ld+json": "json-ld",
                                                  "application/n-triples": "nt"}[mime])
    assert (rdflib.URIRef(LINDA), FOAF.name, rdflib.Literal("Linda Walker")) in g


def test_describe_turtle(client):
    r = client.get("/sparql", query_string={"query": f"DESCRIBE <{LINDA}>"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    assert "Linda Walker" in text(r)


def test_unsatisfiable_accept_is_406(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_unknown_format_is_400(client):
    r = client.get("/sparql", query_string={"query": NAMES, "format": "pdf"})
    assert r.status_code == 400
    assert "unknown format 'pdf'" in text(r)


def test_result_format_for_graph_query_is_400(client):
    r = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "csv"})
    assert r.status_code == 400 and "CONSTRUCT" not in text(r) or "SELECT and ASK" in text(r)


def test_malformed_sparql_is_400_with_parser_message(client, store):
    bad = "SELECT ?x WHERE { ?x ?y }"
    with pytest.raises(QuerySyntaxError) as exc:
        store.select(bad)
    r = client.get("/sparql", query_string={"query": bad}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400
    assert exc.value.message in text(r)
    assert "Traceback" not in text(r)


@pytest.mark.parametrize("query,word", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("# a comment\nDROP ALL", "DROP"),
])
def test_updates_are_refused(client, query, word):
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 403
    assert f"read-only: {word}" in text(r)


def test_update_parameter_is_refused(client):
    r = client.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403


def test_service_is_refused_but_not_in_strings(client):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in text(r)
    ok = 'SELECT ?x WHERE { BIND("SERVICE <http://a/> and DROP ALL" AS ?x) } # SERVICE <http://b/>'
    r = client.get("/sparql", query_string={"query": ok}, headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert r.data == b"x\r\nSERVICE <http://a/> and DROP ALL\r\n"


def test_row_cap_truncates_with_header(client):
    q = "SELECT ?p WHERE { ?p a <https://w3id.org/bvkg/ontology#Paragraph> } ORDER BY ?p"
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert r.headers["X-BVKG-Truncated"] == "true"
    assert len(json.loads(r.data)["results"]["bindings"]) == 5  # ROW_CAP in conftest
    r = client.get("/sparql", query_string={"query": q + " LIMIT 5"}, headers={"Accept": "text/csv"})
    assert "X-BVKG-Truncated" not in r.headers


def test_query_length_limit(store, data_dir):
    app = create_app({"STORE": store, "DATA_DIR": str(data_dir), "MAX_QUERY_LENGTH": 30})
    r = app.test_client().get("/sparql", query_string={"query": NAMES})
    assert r.status_code == 400 and "MAX_QUERY_LENGTH" in text(r)


def test_browser_without_query_gets_query_page(client):
    r = client.get("/sparql", headers=HTML)
    assert r.status_code == 302 and r.headers["Location"] == "/query"
    r = client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400 and "missing query" in text(r)


def test_browser_with_query_is_sent_to_query_page(client):
    r = client.get("/sparql", query_string={"query": NAMES}, headers=HTML)
    assert r.status_code == 302 and r.headers["Location"].startswith("/query?query=PREFIX")


# ---------------------------------------------------------------- query page

def test_query_page_shows_labels_links_and_downloads(client):
    q = ("PREFIX org: <http://www.w3.org/ns/org#> SELECT ?person ?org WHERE { ?h org:member ?person ; "
         "org:organization ?org } ORDER BY ?person")
    r = client.get("/query", query_string={"query": q})
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = text(r)
    assert '<a href="/id/person/linda-walker" title="https://w3id.org/bvkg/id/person/linda-walker">Linda Walker</a>' in html
    assert 'href="/sparql?query=PREFIX+org' in html and "format=csv" in html and "format=json" in html
    assert "2 rows" in html


def test_query_page_timeline_for_date_column(client):
    q = ("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?doc ?date WHERE { ?doc dcterms:date ?date ; "
         "dcterms:hasPart ?p } GROUP BY ?doc ?date ORDER BY ?date")
    html = text(client.get("/query", query_string={"query": q}))
    assert 'aria-label="Timeline of date"' in html
    assert "12 November 2024 · Best Value Inspection of the London Boro…" in html
    assert "<title>21 May 2025: Ministerial Envoys: first report to the Minister of State</title>" in html
    assert 'text-anchor="end">21 May 2025 · Ministerial Envoys: first report to the …</text>' in html


def test_query_page_truncation_note(client):
    q = "SELECT ?p WHERE { ?p a <https://w3id.org/bvkg/ontology#Paragraph> }"
    r = client.get("/query", query_string={"query": q})
    assert r.headers["X-BVKG-Truncated"] == "true"
    assert "Only the first 5 rows are shown" in text(r)


def test_query_page_syntax_error(client, store):
    r = client.get("/query", query_string={"query": "SELECT ?x WHERE {"})
    assert r.status_code == 400 and "SPARQL syntax error" in text(r)


def test_worked_examples_listed_and_redirect(client):
    from graph.queries import named_queries
    examples = named_queries()
    html = text(client.get("/query"))
    for ex in examples:
        assert f'value="{ex.id}"' in html
    ex = examples[0]
    r = client.get("/query", query_string={"example": ex.id})
    assert r.status_code == 302
    assert "/query?query=PREFIX" in r.headers["Location"] and f"example={ex.id}" in r.headers["Location"]
    r = client.get(r.headers["Location"])
    assert r.status_code == 200 and "Results" in text(r)


def test_every_worked_example_runs(client):
    from graph.queries import named_queries
    for ex in named_queries():
        r = client.get("/query", query_string={"example": ex.id}, follow_redirects=True)
        assert r.status_code == 200, ex.id
        assert "syntax error" not in text(r), ex.id


def test_unknown_example_and_bad_parameter(client):
    from graph.queries import named_queries

    assert client.get("/query", query_string={"example": "no-such-query"}).status_code == 404
    dated = [(q.id, p.name) for q in named_queries() for p in q.parameters if p.type == "date"]
    if not dated:
        pytest.skip("no worked example takes a date")
    qid, pname = dated[0]
    r = client.get("/query", query_string={"example": qid, pname: "not-a-date"})
    assert r.status_code == 400 and "YYYY-MM-DD" in text(r)


# ---------------------------------------------------------------- entity pages

def test_person_page_statement_quote_and_timeline(client):
    r = client.get("/id/person/linda-walker", headers=HTML)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = text(r)
    plain = re.sub(r"<[^>]+>", "", html)
    assert ("Linda Walker held Monitoring Officer (interim) at London Borough of Tower Hamlets, "
            "attested 25 November 2024") in plain
    assert '<a class="quote-link" href="/id/document/002-b8b947d99a59f7d1#sig4">' in html
    assert "“Linda Walker Interim Director, Legal Services (Monitoring Officer)”" in html
    assert '<svg class="tenure"' in html
    assert "<h1>Linda Walker</h1>" in html
    assert 'href="/id/person/linda-walker?format=ttl"' in html


def test_post_timeline_rows_in_order_with_unnamed_interim_and_gap(client):
    html = text(client.get("/id/post/tower-hamlets/monitoring-officer", headers=HTML))
    rows = re.findall(r'<g class="tenure-row([^"]*)">\s*<a href="([^"]+)">\s*<text[^>]*>([^<]*)</text>', html)
    assert [(cls.strip(), label) for cls, _, label in rows] == [
        ("interim unnamed", "Unnamed holder (interim)"),
        ("interim", "Linda Walker (interim)"),
        ("unnamed", "Unnamed holder"),
    ]
    assert "no recorded holder between 25 November 2024 and 21 May 2025" in html


def test_authority_page_lists_facts_and_incoming(client):
    html = text(client.get("/id/authority/tower-hamlets", headers=HTML))
    plain = re.sub(r"<[^>]+>", "", html)
    assert "London Borough of Tower Hamlets was judged “failing” on Culture (12 November 2024)" in plain
    assert "Meeting: Full Council meeting, 14 May 2025, with London Borough of Tower Hamlets" in plain
    assert 'aria-label="Entities connected to London Borough of Tower Hamlets"' in html


@pytest.mark.parametrize("accept,fmt,mime,parse", [
    ("text/turtle", None, "text/turtle", "turtle"),
    ("application/ld+json", None, "application/ld+json", "json-ld"),
    ("application/n-triples", None, "application/n-triples", "nt"),
    ("text/html", "ttl", "text/turtle", "turtle"),
    ("text/html", "jsonld", "application/ld+json", "json-ld"),
    ("text/html", "nt", "application/n-triples", "nt"),
])
def test_entity_content_negotiation(client, accept, fmt, mime, parse):
    r = client.get("/id/person/linda-walker", query_string={"format": fmt} if fmt else {}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mime
    g = rdflib.Graph().parse(data=r.data, format=parse)
    assert (rdflib.URIRef(LINDA), FOAF.name, rdflib.Literal("Linda Walker")) in g


def test_entity_bad_format_and_406(client):
    assert client.get("/id/person/linda-walker", query_string={"format": "pdf"}).status_code == 400
    assert client.get("/id/person/linda-walker", headers={"Accept": "image/png"}).status_code == 406


def test_unknown_entity_404_helps(client):
    r = client.get("/id/person/linda-walkr", headers=HTML)
    assert r.status_code == 404
    html = text(r)
    assert 'name="q" type="search" value="linda walkr"' in html
    assert '<a href="/id/person/linda-walker">Linda Walker</a>' in html


def test_unsafe_path_is_404_not_error(client):
    r = client.get("/id/person/x%3E%20%7D%20DROP%20ALL", headers=HTML)
    assert r.status_code == 404


def test_describe_external_iri(client):
    r = client.get("/describe", query_string={"iri": "http://www.legislation.gov.uk/id/ukpga/1999/27/section/15"},
                   headers=HTML)
    assert r.status_code == 200 and "<h1>Local Government Act 1999, section 15</h1>" in text(r)


def test_base_iri_is_configurable(store, data_dir):
    app = create_app({"STORE": store, "DATA_DIR": str(data_dir), "BASE_IRI": "http://localhost:5000/"})
    # the fixture's IRIs are under w3id.org, so under another base they are not this app's /id/ paths
    assert app.test_client().get("/id/person/linda-walker", headers=HTML).status_code == 404


# ---------------------------------------------------------------- document pages

def test_document_paragraphs_in_order_with_anchors(client):
    html = text(client.get("/id/document/002-b8b947d99a59f7d1", headers=HTML))
    assert re.findall(r'<section class="para kind-\w+" id="([^"]+)">', html) == ["p1", "p2", "p3", "sig4"]
    assert "<h1>Representations from the statutory officers and the Mayor</h1>" in html


def test_document_highlight_uses_code_points(client):
    html = text(client.get("/id/document/002-b8b947d99a59f7d1", headers=HTML))
    # the paragraph starts with an emoji (2 UTF-16 units, 1 code point): the mark must start after it
    marks = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert "Linda Walker Interim Director, Legal Services (Monitoring Officer)" in marks
    assert "🙂 <mark" in html


def test_document_text_is_escaped(client):
    html = text(client.get("/id/document/002-b8b947d99a59f7d1", headers=HTML))
    assert "<script>alert" not in html
    assert "We write about &lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt; the proposed Directions &amp; our response." \
        in re.sub(r"</?mark[^>]*>", "", html)


def test_document_mentions_and_facts(client):
    html = text(client.get("/id/document/002-b8b947d99a59f7d1", headers=HTML))
    assert 'Mentions: <a href="/id/person/linda-walker">Linda Walker</a>' in html
    assert ('Evidence for: <a href="/id/holding/tower-hamlets/monitoring-officer/linda-walker">'
            "Linda Walker — Monitoring Officer, London Borough of Tower Hamlets</a>") in html


def test_segments_cut_by_code_points_with_overlaps():
    from web.documents import segments
    segs = segments("🙂 abc def", [(2, 5, "f1"), (4, 9, "f2")])
    assert [(s.text, s.facts) for s in segs] == [("🙂 ", []), ("ab", ["f1"]), ("c", ["f1", "f2"]), (" def", ["f2"])]


# ---------------------------------------------------------------- search

def test_search_tolerates_typos(client):
    html = text(client.get("/search", query_string={"q": "Linda Walkr"}))
    first = re.search(r'<ul class="results names"><li><a href="([^"]+)">([^<]+)</a>', html)
    assert first.groups() == ("/id/person/linda-walker", "Linda Walker")


def test_search_finds_alias(client):
    html = text(client.get("/search", query_string={"q": "LBTH"}))
    assert '<a href="/id/authority/tower-hamlets">London Borough of Tower Hamlets</a>' in html
    assert "(as “LBTH”)" in html


def test_search_full_text_links_anchor(client):
    html = text(client.get("/search", query_string={"q": "improvement plan"}))
    assert "/id/document/001-b029503116220135#p2.1" in html
    assert "/id/document/000-f3f47a748ab81076#pc" in html
    assert "The Council has prepared an <mark>improvement plan</mark> and the Envoys have reviewed it." in html


def test_search_xss_and_injection_escaped(client):
    payload = '<script>alert("q")</script>'
    r = client.get("/search", query_string={"q": payload})
    assert r.status_code == 200
    assert payload not in text(r)
    assert "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;" in text(r)
    r = client.get("/search", query_string={"q": '") } } ; DROP ALL #\\'})
    assert r.status_code == 200
    r = client.get("/search", query_string={"q": "script"})  # the payload inside the fixture text, escaped
    assert "&lt;<mark>script</mark>&gt;alert" in text(r)


# ---------------------------------------------------------------- as-of, directions

def _asof_rows(html: str) -> list[tuple[str, str]]:
    plain = re.sub(r"<blockquote.*?</blockquote>", "", html, flags=re.S)
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", plain, flags=re.S)[1:]:
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)]
        out.append(tuple(cells))
    return out


def test_as_of_attested_on_the_date(client):
    rows = _asof_rows(text(client.get("/as-of", query_string={"date": "2024-11-25"})))
    assert ("Monitoring Officer statutory", "Linda Walker (interim)", "attested on the date") in rows
    assert ("Head of Paid Service statutory", "Stephen Halsey",
            "stated start May 2023; still attested on 25 November 2024") in rows


def test_as_of_does_not_carry_an_old_holder_forward(client):
    html = text(client.get("/as-of", query_string={"date": "2025-05-21"}))
    rows = _asof_rows(html)
    assert ("Monitoring Officer statutory", "Unnamed holder", "attested on the date") in rows
    assert not any("Linda Walker" in " ".join(r) for r in rows)
    assert "recently appointed a new Monitoring Officer" in html


def test_as_of_gap_and_bad_date(client):
    rows = _asof_rows(text(client.get("/as-of", query_string={"date": "2024-06-01"})))
    assert rows[-1][:2] == ("Monitoring Officer statutory", "no evidence")
    assert client.get("/as-of", query_string={"date": "25/11/2024"}).status_code == 400
    assert client.get("/as-of").status_code == 200


def test_directions_deadlines_and_reports(client):
    html = text(client.get("/directions"))
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "(b) Within one month of the date of these Directions, initiate a review of governance arrangements." in plain
    assert "Deadline: 12 December 2024 — within 1 month" in plain
    assert "Deadline: 12 February 2025 (computed) — within 3 months" in plain
    assert ("Representations from the statutory officers and the Mayor (25 November 2024): paragraph 1 "
            "(mentions the Direction), paragraph 3 (same theme)") in plain
    assert "Ministerial Envoys: first report to the Minister of State (21 May 2025): paragraph 2.1 (same theme)" in plain


# ---------------------------------------------------------------- downloads, footer, ontology, errors

def test_downloads_list_and_file(client):
    html = text(client.get("/downloads"))
    assert '<a href="/downloads/role-holdings.csv" download>role-holdings.csv</a>' in html
    assert "78 bytes" in html and "Open Government Licence v3.0" in html
    assert "<code class=\"sha\">" + hashlib.sha256(CSV_BODY).hexdigest() + "</code>" in html
    r = client.get("/downloads/role-holdings.csv")
    assert r.status_code == 200 and r.data == CSV_BODY


@pytest.mark.parametrize("path", ["/downloads/secret.txt", "/downloads/../build.json", "/downloads/%2e%2e/build.json",
                                  "/downloads/index.json", "/downloads/..%2Fbuild.json"])
def test_downloads_refuse_unlisted_and_traversal(client, path):
    assert client.get(path).status_code == 404


def test_footer_from_build_json(client):
    html = text(client.get("/"))
    assert re.search(r"3 documents\s+· latest document 21 May 2025\s+· built 2026-11-20 10:15 UTC", html)


def test_ontology_page_and_turtle(client):
    r = client.get("/ontology", headers=HTML)
    assert r.status_code == 200 and r.mimetype == "text/html" and "RoleHolding" in text(r)
    r = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert r.mimetype == "text/turtle"
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/bvkg/ontology#RoleHolding"), None, None) in g


def test_store_unavailable_is_502(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path)})
    c = app.test_client()
    r = c.get("/id/person/linda-walker", headers=HTML)
    assert r.status_code == 502 and "run `bvkg build`" in text(r)
    r = c.get("/sparql", query_string={"query": NAMES}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 502


def test_pages_send_csp_and_no_external_assets(client):
    for path in ["/", "/query", "/id/person/linda-walker", "/search?q=x", "/as-of", "/directions", "/downloads"]:
        r = client.get(path, headers=HTML)
        assert r.status_code == 200, path
        assert "default-src 'self'" in r.headers["Content-Security-Policy"]
        assert not re.search(r'(src|href)="(https?:)?//(?!www\.nationalarchives)', text(r).replace(
            'href="http://www.nationalarchives.gov.uk', "")), path


def test_downloads_serve_what_graph_exports_writes(store, tmp_path):
    """The real index.json of graph/exports.py: every listed file downloads with its checksum."""
    from graph.exports import write_all

    index = write_all(store, tmp_path / "current" / "exports")
    app = create_app({"STORE": store, "DATA_DIR": str(tmp_path)})
    c = app.test_client()
    html = text(c.get("/downloads"))
    assert len(index) >= 3
    for entry in index:
        assert f'href="/downloads/{entry["file"]}"' in html
        r = c.get(f"/downloads/{entry['file']}")
        assert r.status_code == 200
        assert hashlib.sha256(r.data).hexdigest() == entry["sha256"]


def test_run_public_query_seam(store):
    """The one function the hardening work wraps: caps rows, flags truncation, refuses updates."""
    from web.sparql import QueryRefused, run_public_query

    settings = {"ROW_CAP": 2, "MAX_QUERY_LENGTH": 1000, "MAX_QUERY_NESTING": 64, "SERVICE_ALLOWLIST": ()}
    ans = run_public_query(store, NAMES, "csv", settings)
    assert (ans.form, ans.truncated, ans.media_type) == ("SELECT", True, "text/csv")
    assert ans.body == b"name\r\nKim Bromley-Derry\r\nLinda Walker\r\n"
    ans = run_public_query(store, NAMES, "html", settings)
    assert [str(r["name"]) for r in ans.rows] == ["Kim Bromley-Derry", "Linda Walker"] and ans.body is None
    with pytest.raises(QueryRefused) as exc:
        run_public_query(store, "CLEAR DEFAULT", "json", settings)
    assert exc.value.status == 403


@pytest.mark.parametrize("path", ["/id/holding/tower-hamlets/monitoring-officer/linda-walker",
                                  "/id/role/monitoring-officer", "/id/authority/tower-hamlets"])
def test_holding_role_and_authority_pages_show_the_post_timeline(client, path):
    html = text(client.get(path, headers=HTML))
    assert 'aria-label="Tenure timeline of Monitoring Officer, London Borough of Tower Hamlets"' in html


def test_query_page_timeline_for_iso_strings(client):
    q = ('SELECT ?what ?when WHERE { VALUES (?what ?when) { ("first" "2024-11-12") ("second" "2025-05") } }')
    html = text(client.get("/query", query_string={"query": q}))
    assert 'aria-label="Timeline of when"' in html
    assert "12 November 2024 · first" in html and "May 2025 · second" in html
    q = 'SELECT ?what ?when WHERE { VALUES (?what ?when) { ("first" "2024-11-12") ("second" "soon") } }'
    assert "Timeline of" not in text(client.get("/query", query_string={"query": q}))


def test_dataset_parameters_are_refused(client):
    r = client.get("/sparql", query_string={"query": NAMES, "default-graph-uri": "urn:g"})
    assert r.status_code == 400 and "union of all graphs" in text(r)


def test_unexpected_error_is_500_without_trace(store, data_dir):
    app = create_app({"STORE": store, "DATA_DIR": str(data_dir)})

    def boom():
        raise RuntimeError("secret internals /work/main")

    app.add_url_rule("/boom", "boom", boom)
    r = app.test_client().get("/boom", headers=HTML)
    assert r.status_code == 500
    assert "secret internals" not in text(r) and "Traceback" not in text(r)
    assert "The error has been logged." in text(r)


def test_home_lists_documents_newest_first(client):
    html = text(client.get("/"))
    titles = re.findall(r'<li><a href="/id/document/[^"]+">([^<]+)</a> <span class="kind">(\w+)</span> <time>([^<]+)</time>', html)
    assert titles == [
        ("Ministerial Envoys: first report to the Minister of State", "report", "21 May 2025"),
        ("Representations from the statutory officers and the Mayor", "letter", "25 November 2024"),
        ("Best Value Inspection of the London Borough of Tower Hamlets: proposed intervention package", "letter",
         "12 November 2024"),
    ]


def test_as_of_window_parameter(client):
    # Linda Walker's attestation (25 Nov 2024) is 177 days before 21 May 2025: inside a 200-day window
    rows = _asof_rows(text(client.get("/as-of", query_string={"date": "2025-05-21", "window": "200"})))
    assert ("Linda Walker (interim)", "attested 177 days before (document of 25 November 2024)") in [r[-2:] for r in rows]
    assert client.get("/as-of", query_string={"date": "2025-05-21", "window": "9999"}).status_code == 400


def test_as_of_quotes_each_passage_once(client):
    html = text(client.get("/as-of", query_string={"date": "2024-11-25"}))
    assert html.count("“Stephen Halsey, who has been Chief Executive since May 2023”") == 1


@pytest.mark.parametrize("path", ["/id/%25", "/id/%23/%23", "/id/person/%5Bx%5D", "/describe?iri=http://e/%"])
def test_paths_that_are_not_iris_are_404_not_500(client, path):
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 404
