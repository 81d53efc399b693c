"""Exports: fixed CSV columns and exact rows, dumps that round-trip, gzip/index/VoID consistency."""
import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph import exports
from graph.exports import EXPORTS, export, write_all
from graph.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "graph_q" / "fixture.trig"
B = "https://w3id.org/bvkg/id/"
VOID = "http://rdfs.org/ns/void#"


def load(quads_in_reverse: bool = False) -> OxigraphStore:
    s = OxigraphStore(None)
    if not quads_in_reverse:
        s.load_bytes(FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    else:  # the same data added in another order
        quads = list(ox.parse(FIXTURE.read_bytes(), format=ox.RdfFormat.TRIG))
        s.raw().extend(reversed(quads))
    return s


@pytest.fixture(scope="module")
def store():
    return load()


@pytest.fixture(scope="module")
def built(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    index = write_all(store, out, {"built_at": "2026-11-23T05:00:00+00:00", "version": "test"})
    return out, index


def rows_of(name, store):
    buf = io.BytesIO()
    export(name, store, buf)
    text = buf.getvalue().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def short(rows):
    return [[c.replace(B, ":") for c in r] for r in rows]


@pytest.mark.parametrize("name,header", [
    ("role-holdings", "person,role,role_as_written,authority,capacity,start,end,attested_on,document,paragraph,quote"),
    ("people", "person,name,variants,documents,iri"),
    ("board-memberships", "board,member,board_role,lead_for,represents,as_at,document,paragraph,quote"),
    ("direction-items", "direction,status,direction_date,item,requirement,deadline_duration,deadline,"
                        "reporting_interval,reports_to,document,paragraph,quote"),
])
def test_csv_header_is_fixed(store, name, header):
    buf = io.BytesIO()
    export(name, store, buf)
    assert buf.getvalue().split(b"\r\n", 1)[0].decode() == header


def test_role_holdings_rows(store):
    assert short(rows_of("role-holdings", store)[1:]) == [
        ["", "Monitoring Officer", "Monitoring Officer", "London Borough of Fixtonbury", "", "", "", "2025-05-21",
         ":document/fx-003", ":document/fx-003#p3.7", "recently appointed a new Monitoring Officer"],
        ["", "Monitoring Officer", "interim Monitoring Officer", "London Borough of Fixtonbury", "interim", "", "",
         "2024-11-12", ":document/fx-001", ":document/fx-001#p5", "the Authority's interim Monitoring Officer"],
        ["Alice Archer", "Head of Paid Service", "Chief Executive", "London Borough of Fixtonbury", "", "", "",
         "2025-05-21", ":document/fx-003", ":document/fx-003#p1.3", "the Chief Executive, Alice Archer"],
        ["Alice Archer", "Head of Paid Service", "Chief Executive (Head of Paid Service)",
         "London Borough of Fixtonbury", "", "", "", "2024-11-25", ":document/fx-002", ":document/fx-002#b10",
         "Alice Archer Chief Executive (Head of Paid Service)"],
        ["Bob Baker", "Section 151 Officer", "Corporate Director, Resources (Section 151 Officer)",
         "London Borough of Fixtonbury", "", "2024-10", "", "2024-11-25", ":document/fx-002", ":document/fx-002#b12",
         "Bob Baker Corporate Director, Resources (Section 151 Officer) since October 2024"],
        ["Carol Clark", "Monitoring Officer", "Interim Director, Legal Services (Monitoring Officer)",
         "London Borough of Fixtonbury", "interim", "", "", "2024-11-25", ":document/fx-002", ":document/fx-002#b13",
         "Carol Clark Interim Director, Legal Services (Monitoring Officer)"],
        ["Dan Dodd", "Executive Mayor", "Mayor", "London Borough of Fixtonbury", "", "", "", "2024-11-25",
         ":document/fx-002", ":document/fx-002#b11", "Dan Dodd (Mayor)"],
        ["Dan Dodd", "Executive Mayor", "Mayor", "London Borough of Fixtonbury", "", "2022-05", "", "2025-05-21",
         ":document/fx-003", ":document/fx-003#p1.3", "the Mayor, Dan Dodd, elected in May 2022"],
    ]


def test_people_rows(store):
    assert short(rows_of("people", store)[1:]) == [
        ["alice-archer", "Alice Archer", "Ms Archer", ":document/fx-001 :document/fx-002 :document/fx-003",
         ":person/alice-archer"],
        ["bob-baker", "Bob Baker", "", ":document/fx-002", ":person/bob-baker"],
        ["carol-clark", "Carol Clark", "", ":document/fx-002", ":person/carol-clark"],
        ["dan-dodd", "Dan Dodd", "Mayor Dodd", ":document/fx-002 :document/fx-003", ":person/dan-dodd"],
        ["erin-evans", "Erin Evans", "", ":document/fx-003", ":person/erin-evans"],
        ["frank-fisher", "Frank Fisher", "", ":document/fx-003", ":person/frank-fisher"],
        ["gina-grant", "Gina Grant", "", ":document/fx-001", ":person/gina-grant"],
        ["hana-hale", "Hana Hale", "", ":document/fx-003", ":person/hana-hale"],
    ]


def test_board_membership_rows(store):
    assert short(rows_of("board-memberships", store)[1:]) == [
        ["Improvement Board", "Dan Dodd", "Chair", "", "", "2025-05-21", ":document/fx-003", ":document/fx-003#p1.7",
         "The Improvement Board is chaired by the Mayor"],
        ["Improvement Board", "Erin Evans", "Board Lead", "Governance", "", "2025-05-21", ":document/fx-003",
         ":document/fx-003#p1.7", "Erin Evans has been appointed as Governance Lead"],
        ["Improvement Board", "Frank Fisher", "Board member", "", "Green Group", "2025-05-21", ":document/fx-003",
         ":document/fx-003#p1.7", "Frank Fisher sits for the Green Group"],
    ]


def test_direction_item_rows(store):
    d = ":direction/fx-001/directions"
    assert short(rows_of("direction-items", store)[1:]) == [
        [d, "proposed", "2024-11-12", "a", "Prepare and agree an improvement plan.", "", "", "", "",
         ":document/fx-001", ":document/fx-001#p14.a", "Prepare and agree an improvement plan."],
        [d, "proposed", "2024-11-12", "b",
         "Within one month of the date of these Directions, appoint a permanent improvement director.",
         "P1M", "2024-12-12", "", "", ":document/fx-001", ":document/fx-001#p14.b",
         "Within one month of the date of these Directions, appoint a permanent improvement director."],
        [d, "proposed", "2024-11-12", "c", "Report to the Improvement Board at three monthly intervals.",
         "", "", "P3M", "Improvement Board", ":document/fx-001", ":document/fx-001#p14.c",
         "Report to the Improvement Board at three monthly intervals."],
    ]


def test_write_all_lists_every_file(built):
    out, index = built
    files = sorted(e["file"] for e in index)
    expected = sorted([ex.filename for ex in EXPORTS.values()]
                      + [EXPORTS[n].filename + ".gz" for n in ("ttl", "nt", "nq", "trig", "jsonld")])
    assert files == expected
    assert sorted(p.name for p in out.iterdir()) == sorted(expected + ["index.json"])
    assert json.loads((out / "index.json").read_text(encoding="utf-8")) == index


def test_index_json_sizes_and_sha256_match(built):
    out, _ = built
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 17
    for e in index:
        data = (out / e["file"]).read_bytes()
        assert e["bytes"] == len(data), e["file"]
        assert e["sha256"] == hashlib.sha256(data).hexdigest(), e["file"]


def test_gzip_files_decompress_to_the_same_bytes(built):
    out, index = built
    gz = [e for e in index if e.get("encoding") == "gzip"]
    assert len(gz) == 5
    for e in gz:
        assert gzip.decompress((out / e["file"]).read_bytes()) == (out / e["file"][:-3]).read_bytes()


def test_nquads_are_sorted_and_deterministic(store):
    a, b = io.BytesIO(), io.BytesIO()
    export("nq", store, a)
    export("nq", load(quads_in_reverse=True), b)
    assert a.getvalue() == b.getvalue()
    lines = a.getvalue().splitlines()
    assert lines == sorted(lines) and len(lines) == store.triple_count() == 785


def test_ntriples_are_the_distinct_union(store):
    buf = io.BytesIO()
    export("nt", store, buf)
    lines = buf.getvalue().splitlines()
    distinct = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert len(lines) == len(set(lines)) == int(distinct.rows[0]["n"])
    assert lines == sorted(lines)


def test_turtle_trig_and_jsonld_parse_back_to_the_same_data(built):
    out, _ = built
    nt = set(ox.parse((out / "bvkg.nt").read_bytes(), format=ox.RdfFormat.N_TRIPLES))
    assert set(ox.parse((out / "bvkg.ttl").read_bytes(), format=ox.RdfFormat.TURTLE)) == nt
    nq = set(ox.parse((out / "bvkg.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    trig = set(ox.parse((out / "bvkg.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    assert trig == nq
    assert {str(q.graph_name.value) for q in trig} == {
        B + "document/fx-001", B + "document/fx-002", B + "document/fx-003", "https://w3id.org/bvkg/graph/vocab"}
    doc = json.loads((out / "bvkg.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["bvkg"] == "https://w3id.org/bvkg/ontology#"
    ds = rdflib.Dataset()
    ds.parse(data=(out / "bvkg.jsonld").read_bytes(), format="json-ld")
    quads = {(s, p, o, str(g)) for s, p, o, g in ds.quads((None, None, None, None))}
    assert len(quads) == len(nq) == 785
    assert {g for *_, g in quads} == {str(q.graph_name.value) for q in nq}


DUMPS = ("ttl", "nt", "nq", "trig", "jsonld")


def dump(name, store) -> bytes:
    buf = io.BytesIO()
    export(name, store, buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", DUMPS)
def test_every_dump_is_byte_identical_for_the_same_data(store, name):
    assert dump(name, store) == dump(name, load(quads_in_reverse=True))


def test_dumps_keep_their_bytes_when_the_sorts_spill_to_disk(store, monkeypatch):
    from graph import store as store_mod

    whole = {name: dump(name, store) for name in ("ttl", "nt", "nq", "trig")}
    monkeypatch.setattr(store_mod, "SORT_CHUNK_BYTES", 4000)      # dozens of sorted runs per dump
    assert {name: dump(name, store) for name in whole} == whole


def _jsonld_quads(data: bytes) -> set:
    ds = rdflib.Dataset()
    ds.parse(data=data, format="json-ld")
    return {(str(s), str(p), str(o), str(g)) for s, p, o, g in ds.quads((None, None, None, None))}


def test_jsonld_in_pieces_reads_back_to_the_same_quads(store, monkeypatch):
    monkeypatch.setattr(exports, "JSONLD_CHUNK_QUADS", 25)         # every graph split into several objects
    data = dump("jsonld", store)
    doc = json.loads(data)
    names = [o["@id"] for o in doc["@graph"]]
    assert len(names) > 4 * len(set(names)) and names == sorted(names, key=lambda n: n)  # pieces, graph by graph
    nq = set(ox.parse(dump("nq", store), format=ox.RdfFormat.N_QUADS))
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == nq
    assert _jsonld_quads(data) == {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
                                   for q in nq}
    monkeypatch.setattr(exports, "JSONLD_CHUNK_QUADS", 10**6)
    whole = dump("jsonld", store)
    assert len(json.loads(whole)["@graph"]) == 4 and set(ox.parse(whole, format=ox.RdfFormat.JSON_LD)) == nq


def test_built_store_dumps_the_union_once_and_named_graphs_apart(tmp_path):
    """A build's default graph is the materialised union: N-Triples/Turtle come from it, the
    dataset formats (N-Quads, TriG, JSON-LD) hold the named graphs only."""
    s = load()
    named = set(ox.parse(dump("nq", s), format=ox.RdfFormat.N_QUADS))
    s.materialize_union()
    union = set(s.raw().quads_for_pattern(None, None, None, ox.DefaultGraph()))
    nt = dump("nt", s)
    assert set(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)) == union
    assert len(nt.splitlines()) == len(union) == s.triple_count()
    assert set(ox.parse(dump("ttl", s), format=ox.RdfFormat.TURTLE)) == union
    assert set(ox.parse(dump("nq", s), format=ox.RdfFormat.N_QUADS)) == named
    assert set(ox.parse(dump("trig", s), format=ox.RdfFormat.TRIG)) == named
    assert set(ox.parse(dump("jsonld", s), format=ox.RdfFormat.JSON_LD)) == named
    assert dump("nt", s) == dump("nt", load())      # the same bytes with or without the default graph


@pytest.mark.parametrize("name", exports.NETWORKS)
def test_write_all_shares_one_network_with_the_same_bytes(built, store, name):
    out, _ = built
    assert (out / EXPORTS[name].filename).read_bytes() == dump(name, store)


def test_empty_store_dumps_are_valid():
    s = OxigraphStore(None)
    assert json.loads(dump("jsonld", s))["@graph"] == []
    for name, fmt in (("ttl", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG), ("nt", ox.RdfFormat.N_TRIPLES),
                      ("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        assert list(ox.parse(dump(name, s), format=fmt)) == []


def test_void_counts_equal_the_store(built, store):
    out, index = built
    g = rdflib.Graph().parse(out / "void.ttl", format="turtle")
    ds = rdflib.URIRef("https://w3id.org/bvkg/dataset")
    v = rdflib.Namespace(VOID)
    assert int(g.value(ds, v.triples)) == store.triple_count() == 785
    parts = {str(g.value(p, v["class"])): int(g.value(p, v.entities)) for p in g.objects(ds, v.classPartition)}
    assert parts["https://w3id.org/bvkg/ontology#RoleHolding"] == 9
    assert parts["http://xmlns.com/foaf/0.1/Person"] == 8
    assert parts["https://w3id.org/bvkg/ontology#Letter"] == 2
    subsets = {str(g.value(p, rdflib.DCTERMS.identifier)): int(g.value(p, v.triples)) for p in g.objects(ds, v.subset)}
    assert sum(subsets.values()) == store.triple_count()
    assert sorted(str(s) for s in g.objects(ds, rdflib.DCTERMS.source)) == [
        B + "document/fx-001", B + "document/fx-002", B + "document/fx-003"]
    assert str(g.value(ds, rdflib.DCTERMS.license)) == \
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert str(g.value(ds, rdflib.DCTERMS.modified)) == "2026-11-23T05:00:00+00:00"
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    sizes = {str(g.value(d, rdflib.DCTERMS.title)): int(g.value(d, dcat.byteSize)) for d in g.objects(ds, dcat.distribution)}
    assert sizes == {e["file"]: e["bytes"] for e in index if e["file"] != "void.ttl"}


def test_unknown_export_is_refused(store):
    with pytest.raises(KeyError, match="unknown export 'xlsx'"):
        export("xlsx", store, io.BytesIO())


def test_cli_prints_role_holdings_csv(store, tmp_path):
    # a built data folder: DATA_DIR/current/store (the CLI opens it read-only)
    (tmp_path / "current").mkdir()
    disk = OxigraphStore(tmp_path / "current" / "store")
    disk.load_bytes(FIXTURE.read_bytes(), ox.RdfFormat.TRIG)
    disk.close()
    del disk
    proc = subprocess.run([sys.executable, "-m", "bvkg.cli", "export", "role-holdings", "--data", str(tmp_path)],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    buf = io.BytesIO()
    export("role-holdings", store, buf)
    assert proc.stdout == buf.getvalue()


# ---------------------------------------------------------------- the real corpus (seed gold)

def _build_modules_present() -> bool:
    import importlib.util
    return all(importlib.util.find_spec(m) is not None for m in ("graph.build", "ingest.pipeline", "ingest.rdf"))


needs_build = pytest.mark.skipif(not _build_modules_present(), reason="graph.build / ingest absent: no real build")
D001, D002 = B + "document/001-b029503116220135", B + "document/002-b8b947d99a59f7d1"


@needs_build
def test_gold_rows_in_the_real_csv_exports(corpus_store):
    roles = {tuple(r[i] for i in (0, 1, 2, 4, 7, 8, 10)) for r in exports.role_holdings_rows(corpus_store)}
    # CQ04: the signatories of the reply of 25 November 2024, with the words of their signature blocks
    assert ("Linda Walker", "Monitoring Officer", "Interim Director, Legal Services (Monitoring Officer)", "interim",
            "2024-11-25", D002, "Linda Walker Interim Director, Legal Services (Monitoring Officer)") in roles
    assert ("Julie Lorraine", "Section 151 Officer", "Corporate Director, Resources (Section 151 Officer)", "",
            "2024-11-25", D002, "Julie Lorraine Corporate Director, Resources (Section 151 Officer)") in roles
    boards = {(r[0], r[1], r[2], r[3], r[6], r[8]) for r in exports.board_memberships_rows(corpus_store)}
    # CQ10: the Leadership Lead, with the gold's quote
    assert ("Transformation and Assurance Board", "Steve Bullock", "Board Lead", "Leadership", D001,
            "Sir Steve Bullock has been appointed as Leadership Lead") in boards
    items = {r[3]: r for r in exports.direction_items_rows(corpus_store)}
    assert (items["b"][1], items["b"][2], items["b"][5], items["b"][6]) == ("proposed", "2024-11-12", "P1M", "2024-12-12")
    assert items["b"][4].startswith("Within one month of the date of these Directions")
    people = {r[0]: r for r in exports.people_rows(corpus_store)}
    assert people["stephen-halsey"][1] == "Stephen Halsey"
    assert set(people["stephen-halsey"][3].split()) >= {B + "document/000-f3f47a748ab81076", D001, D002}
