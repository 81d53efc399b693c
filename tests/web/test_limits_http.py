"""The endpoint's limits over HTTP with tiny configured values (issue 6 §1): 503 naming the
setting when a query runs too long, while other queries are still answered; the row cap warns."""
import pytest

from graph.store import OxigraphStore
from web.app import create_app

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


@pytest.fixture(scope="module")
def client(tiny_store_path):
    app = create_app({"STORE": OxigraphStore(tiny_store_path, read_only=True), "QUERY_TIMEOUT": 1.0, "ROW_CAP": 3,
                      "QUERY_WORKERS": 2})
    with app.test_client() as c:
        yield c
    app.extensions["bvkg"].query_pool().close()


def test_a_query_over_the_time_limit_gets_503_naming_the_setting(client):
    r = client.get("/sparql", query_string={"query": HEAVY}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 503
    assert "QUERY_TIMEOUT" in r.get_data(as_text=True)
    again = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                       headers={"Accept": "application/sparql-results+json"})
    assert again.status_code == 200 and again.get_json()["boolean"] is True


def test_the_row_cap_cuts_with_a_visible_warning(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }", "format": "csv"})
    assert r.status_code == 200 and r.headers["X-BVKG-Truncated"] == "true"
    assert len(r.get_data(as_text=True).strip().splitlines()) == 1 + 3
    page = client.get("/query", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert page.status_code == 200 and "3" in page.get_data(as_text=True)
    assert page.headers.get("X-BVKG-Truncated") == "true"


def test_query_page_reports_the_timeout(client):
    page = client.get("/query", query_string={"query": HEAVY})
    assert page.status_code == 503 and "QUERY_TIMEOUT" in page.get_data(as_text=True)
