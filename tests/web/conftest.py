"""Shared fixtures: the web app over an in-memory Oxigraph store loaded from the fixture TriG.

The fixture (tests/fixtures/web/fixture.trig) follows docs/rdf-patterns.md, so the assertions
here can name exact sentences, offsets and rows whatever state the corpus build is in.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.store import OxigraphStore
from web.app import create_app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "fixture.trig"
B = "https://w3id.org/bvkg/"
CSV_BODY = b"person,role\r\nhttps://w3id.org/bvkg/id/person/linda-walker,Monitoring Officer\r\n"


@pytest.fixture(scope="session")
def store():
    s = OxigraphStore(None)
    s.load_bytes(FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    return s


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """A DATA_DIR whose current build has build.json and one listed export (and one unlisted file)."""
    root = tmp_path_factory.mktemp("data")
    cur = root / "current"
    (cur / "exports").mkdir(parents=True)
    (cur / "exports" / "role-holdings.csv").write_bytes(CSV_BODY)
    (cur / "exports" / "secret.txt").write_text("not listed")
    (cur / "exports" / "index.json").write_text(json.dumps([  # the shape graph/exports.py writes
        {"name": "role-holdings", "file": "role-holdings.csv", "media_type": "text/csv", "bytes": len(CSV_BODY),
         "sha256": hashlib.sha256(CSV_BODY).hexdigest()}]))
    (cur / "build.json").write_text(json.dumps({"built_at": "2026-11-20T10:15:00+00:00", "documents": 3,
                                                "latest_document_date": "2025-05-21"}))
    return root


@pytest.fixture(scope="session")
def app(store, data_dir):
    app = create_app({"STORE": store, "DATA_DIR": str(data_dir), "ROW_CAP": 5})
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()
