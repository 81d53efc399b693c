"""Unseen-genre documents: extraction is scored on texts it was not fitted to.

tests/fixtures/genre/*.txt are short, fictional documents of the same genre as the corpus
(Directions, Commissioners' and Envoys' reports, council replies, board minutes, peer challenges),
each with a hand-checked *.expected.yaml (format: tests/fixtures/genre/README.md).

Two kinds of test:
- the fixtures themselves are checked (every quote occurs verbatim, every id exists in the vocab),
  so a wrong expectation cannot hide a right extraction;
- the real pipeline is run on each fixture and scored per fact type (recall / precision, printed as
  a table); must_not facts are asserted absent and the scores are held at floors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from ontology import vocab

GENRE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "genre"
EXPECTED = sorted(GENRE_DIR.glob("*.expected.yaml"))

ROLE_IDS = {c.id for c in vocab.scheme("roles").concepts}
BOARD_ROLE_IDS = {c.id for c in vocab.scheme("board-roles").concepts}
THEME_IDS = {c.id for c in vocab.scheme("themes").concepts}
CAPACITY_IDS = {c.id for c in vocab.scheme("capacities").concepts}
ACT_IDS = {a["id"] for a in vocab.legislation()}
DOC_KINDS = {"Letter", "Report", "DirectionsDocument", "Minutes", "Statement", "Document"}
JUDGEMENTS = {"failing", "progress", "improved", "early"}
EVENT_KINDS = {"Meeting", "Election", "Appointment", "Departure", "Rating", "Recommendation", "Event"}
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DURATION = re.compile(r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def squash(text: str) -> str:
    """Quotes match modulo line wrapping and markdown emphasis (the Block text drops '*')."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def fixture_text(exp: dict) -> str:
    return (GENRE_DIR / exp["file"]).read_text(encoding="utf-8")


def quoted_facts(exp: dict):
    """Every (section, fact) pair in an expected file that carries a quote."""
    doc = exp.get("document") or {}
    if doc.get("quote"):
        yield "document", doc
    for section in ("people", "holdings", "boards", "citations", "themes", "events", "interventions"):
        for fact in exp.get(section) or []:
            yield section, fact
    d = exp.get("directions")
    if d:
        if d.get("power"):
            yield "directions.power", d["power"]
        for item in d.get("items") or []:
            yield "directions.items", item


# ------------------------------------------------------------------ fixture validation

def test_there_are_six_to_eight_fixtures_each_with_text_and_expectations():
    texts = sorted(p.name for p in GENRE_DIR.glob("*.txt"))
    assert 6 <= len(EXPECTED) <= 8
    assert [load(p)["file"] for p in EXPECTED] == texts
    for name in texts:
        n = len((GENRE_DIR / name).read_text(encoding="utf-8").splitlines())
        assert 40 <= n <= 125, f"{name}: {n} lines (short documents: 40-120)"


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_every_expected_quote_occurs_verbatim(path):
    exp = load(path)
    text = squash(fixture_text(exp))
    missing = [(section, f["quote"]) for section, f in quoted_facts(exp) if squash(f["quote"]) not in text]
    assert missing == []


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_every_fact_has_a_quote(path):
    exp = load(path)
    unquoted = [(s, f) for s, f in quoted_facts(exp)]
    for section in ("people", "holdings", "boards", "citations", "themes", "events"):
        for fact in exp.get(section) or []:
            assert fact.get("quote"), (section, fact)
    assert len(unquoted) >= 5


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_every_id_exists_in_the_vocabularies(path):
    exp = load(path)
    doc = exp["document"]
    kinds = doc["kind"] if isinstance(doc["kind"], list) else [doc["kind"]]
    assert set(kinds) <= DOC_KINDS
    assert doc.get("date") is None or ISO_PARTIAL.match(doc["date"])
    for h in exp.get("holdings") or []:
        assert h["role"] in ROLE_IDS, h
        assert h.get("capacity") in CAPACITY_IDS | {None}, h
        for key in ("start", "end"):
            assert h.get(key) is None or ISO_PARTIAL.match(h[key]), h
        assert isinstance(h["attested"], bool), h
    for b in exp.get("boards") or []:
        assert b["board_role"] in BOARD_ROLE_IDS, b
        assert b.get("lead_for") is None or b["lead_for"] in THEME_IDS, b
    for t in exp.get("themes") or []:
        assert t["theme"] in THEME_IDS and t.get("judgement") in JUDGEMENTS | {None}, t
    for c in exp.get("citations") or []:
        assert c["act"] in ACT_IDS, c
        if c.get("pinpoint"):
            assert c["pinpoint"].startswith(c["section"] + "("), c
    for e in exp.get("events") or []:
        assert e["kind"] in EVENT_KINDS and (e.get("date") is None or ISO_PARTIAL.match(e["date"])), e
    d = exp.get("directions")
    if d:
        assert d["status"] in {"made", "proposed"} and d["power"]["act"] in ACT_IDS
        for item in d["items"]:
            assert item.get("deadline_duration") is None or ISO_DURATION.match(item["deadline_duration"]), item
            assert item.get("deadline") is None or ISO_PARTIAL.match(item["deadline"]), item
    for h in (exp.get("must_not") or {}).get("holdings") or []:
        assert "role" not in h or h["role"] in ROLE_IDS | BOARD_ROLE_IDS, h


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_people_in_facts_are_declared(path):
    """Every named holder, board member and signatory is one of the document's people."""
    exp = load(path)
    names = {p["name"] for p in exp.get("people") or []}
    used = {h["person"] for h in (exp.get("holdings") or []) + (exp.get("boards") or []) if h.get("person")}
    used |= set((exp["document"].get("signatories") or []))
    assert used <= names, used - names
    forms = names | {v for p in exp.get("people") or [] for v in p.get("variants") or []}
    for group in exp.get("same_person") or []:
        assert set(group) <= forms, group
    for pair in (exp.get("must_not") or {}).get("same_person") or []:
        assert set(pair) <= names, pair
