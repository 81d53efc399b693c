"""Shared fixtures for hardening tests: the web app over the hand-written fixture graph, and a tiny
real build (ingest -> graph) whose corpus carries script payloads in a document's text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.build import build
from graph.store import OxigraphStore
from web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
WEB_FIXTURE = ROOT / "tests" / "fixtures" / "web" / "fixture.trig"
GENRE = ROOT / "tests" / "fixtures" / "genre"
BASE = "https://w3id.org/bvkg/"
QUIET = dict(echo=lambda _m: None)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW_PAYLOADS = ("<script>alert(1)", "<img src=x")   # what must never reach a page unescaped

# A letter in the corpus's genre whose numbered paragraphs quote both payloads.
XSS_LETTER = f"""Kingsmere City Council
Guildhall
Kingsmere KM1 1AA

9 March 2021

Dear Minister,

**Kingsmere City Council: web form incident**

1. The Monitoring Officer, Marek Nowak, reported that the text {SCRIPT} was typed into the complaints form on 3 March 2021.

2. A second entry read {IMG} and was removed by the Chief Executive, Rajesh Patel, the same day.

Yours sincerely,

Rajesh Patel
Chief Executive
"""


@pytest.fixture(scope="session")
def fixture_store():
    s = OxigraphStore(None)
    s.load_bytes(WEB_FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    return s


@pytest.fixture(scope="session")
def app(fixture_store, tmp_path_factory):
    app = create_app({"STORE": fixture_store, "DATA_DIR": str(tmp_path_factory.mktemp("nodata"))})
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def xss_build(tmp_path_factory):
    """(DATA_DIR, BuildResult) of a real `bvkg build` over one clean genre letter and XSS_LETTER."""
    corpus = tmp_path_factory.mktemp("xss-corpus")
    shutil.copy(GENRE / "03-kingsmere-reply.txt", corpus / "03-kingsmere-reply.txt")
    (corpus / "950-web-form-incident.txt").write_text(XSS_LETTER, encoding="utf-8")
    data = tmp_path_factory.mktemp("xss-data")
    return data, build(corpus, data, BASE, **QUIET)


@pytest.fixture(scope="session")
def xss_app(xss_build):
    app = create_app({"DATA_DIR": str(xss_build[0]), "BASE_IRI": BASE, "STORE_BACKEND": "oxigraph"})
    app.config["TESTING"] = True
    return app
